import { lazy, Suspense, useEffect } from 'react';
import { useAppStore } from '../state/useAppStore';
import { Header } from './Header';
import { Notices } from './Notices';
import { ParamDrawer } from './ParamDrawer';
import { RightRail } from './RightRail';
import { ScenePane } from './ScenePane';
import { SelectionCard } from './SelectionCard';
import { ShortcutSheet } from './ShortcutSheet';
import { startShortcuts } from './shortcuts';
import { formatWorkerMessage } from './format';
import { Timeline } from './Timeline';
import { DemoOverlay } from './demo/DemoOverlay';
import { PlaceOrderCard } from './order/PlaceOrderCard';
import { EditNetworkCard } from './EditNetworkCard';
import { useCoveredByScene } from './useCoveredByScene';

/**
 * The map (maplibre-gl and deck.gl, two thirds of the page's code) is its own chunk, fetched as
 * the page first renders: the header, the charts and the model's worker start without waiting
 * for it to load, and the worker builds the network meanwhile.
 */
const MapView = lazy(() => import('../map/MapView').then((module) => ({ default: module.MapView })));

export function App() {
  const covered = useCoveredByScene();
  const worker = useAppStore((state) => state.worker);
  const startDayOfYear = useAppStore((state) => state.params?.startDayOfYear ?? null);

  useEffect(() => startShortcuts(), []);

  return (
    <div className="app">
      <Header />
      <ParamDrawer />
      <main className="main-view">
        <div className="map-area" inert={covered}>
          <Suspense
            fallback={
              <div className="map-pane map-pane--loading" data-testid="map-loading">
                Loading the map…
              </div>
            }
          >
            <MapView />
          </Suspense>
          <div className="map-cards">
            <PlaceOrderCard />
            <EditNetworkCard />
            <SelectionCard />
          </div>
          {worker.phase !== 'ready' && (
            <div
              className={`pane-message ${worker.phase === 'error' ? 'pane-message--error' : ''}`}
              data-testid="model-loading"
            >
              {worker.phase === 'error' ? (
                worker.message
              ) : (
                <>
                  <span>{formatWorkerMessage(worker, startDayOfYear)}</span>
                  <progress max={1} value={worker.progress} aria-label="Model loading" />
                  {worker.warmUpToS !== undefined && (
                    <span className="pane-message-note">
                      The model runs the hours before it without drawing them, so the charts open with their
                      history.
                    </span>
                  )}
                </>
              )}
            </div>
          )}
        </div>
        <ScenePane />
      </main>
      <RightRail />
      <Timeline />
      <Notices />
      <DemoOverlay />
      <ShortcutSheet />
    </div>
  );
}
