import { useEffect } from 'react';
import { MapView } from '../map/MapView';
import { togglePlaying } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { Header } from './Header';
import { Notices } from './Notices';
import { ParamDrawer } from './ParamDrawer';
import { RightRail } from './RightRail';
import { ScenePane } from './ScenePane';
import { SelectionCard } from './SelectionCard';
import { Timeline } from './Timeline';
import { DemoOverlay } from './demo/DemoOverlay';
import { PlaceOrderCard } from './order/PlaceOrderCard';

/** Keys that act on the page unless the user is typing or on a control that owns the key. */
function isTypingTarget(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON'].includes(target.tagName))
  );
}

export function App() {
  const worker = useAppStore((state) => state.worker);

  useEffect(() => {
    const handleKey = (event: KeyboardEvent) => {
      if (event.code === 'Space' && !isTypingTarget(event.target)) {
        event.preventDefault();
        togglePlaying();
      }
    };
    window.addEventListener('keydown', handleKey);
    return () => window.removeEventListener('keydown', handleKey);
  }, []);

  return (
    <div className="app">
      <Header />
      <ParamDrawer />
      <main className="main-view">
        <div className="map-area">
          <MapView />
          <SelectionCard />
          <PlaceOrderCard />
          {worker.phase !== 'ready' && (
            <div
              className={`pane-message ${worker.phase === 'error' ? 'pane-message--error' : ''}`}
              data-testid="model-loading"
            >
              {worker.phase === 'error' ? (
                worker.message
              ) : (
                <>
                  <span>{worker.message}</span>
                  <progress max={1} value={worker.progress} aria-label="Model loading" />
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
    </div>
  );
}
