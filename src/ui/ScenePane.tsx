import { lazy, Suspense, useEffect, useReducer, useRef } from 'react';
import { mapHandle } from '../map/mapHandle';
import { onNetwork, simView } from '../state/simClient';
import { type AppState, appStore, type Selection, select } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { formatCount } from './format';
import { findNearbyFulfillmentCenters } from './nearbyFulfillmentCenters';
import { flyToFacility } from './SelectionCard';

/** Loaded on first use, so three.js and r3f stay out of the initial bundle. */
const FulfillmentCenterScene = lazy(() => import('../scene3d/FulfillmentCenterScene'));

const SIZES = [
  { size: 'docked', label: 'Docked', title: 'Under the map; drag its top edge to resize' },
  { size: 'half', label: 'Half', title: 'Half the height of the map area' },
  // "Full window", not "Full screen": the tour's caption has the browser's full screen, and over
  // this view at full size both buttons showed reading "Full screen".
  { size: 'full', label: 'Full window', title: 'The whole window (Esc to come back)' },
] as const;

/** Sets the 3D pane's size (and opens it for anything but docked). */
export function setSceneSize(size: AppState['panes']['sceneSize']): void {
  appStore.setState((state) => ({
    panes: { ...state.panes, sceneSize: size, sceneOpen: size === 'docked' ? state.panes.sceneOpen : true },
  }));
}

/**
 * The 3D view's pane: collapsible; docked under the map and resizable by dragging its top edge
 * (or with the arrow keys on the handle), half the map area, or the whole window. The scene
 * itself loads lazily once a fulfillment center is selected.
 */
export function ScenePane() {
  const open = useAppStore((state) => state.panes.sceneOpen);
  const size = useAppStore((state) => state.panes.sceneSize);
  const selection = useAppStore((state) => state.selection);
  const selectedFacility = useAppStore((state) => {
    const selected = state.selection;
    return selected?.kind === 'facility' ? selected.id : null;
  });
  const isFulfillmentCenter = useAppStore(() =>
    selectedFacility === null ? false : simView.network?.facilities[selectedFacility]?.kind === 0,
  );
  const paneRef = useRef<HTMLElement>(null);

  // Half and full take their size from the layout: a height dragged while docked would override it.
  useEffect(() => {
    if (size !== 'docked' && paneRef.current) paneRef.current.style.height = '';
  }, [size]);

  // Selecting a fulfillment center opens the pane: that is what the user asked to see.
  useEffect(() => {
    if (selectedFacility !== null && isFulfillmentCenter) {
      appStore.setState((state) => ({ panes: { ...state.panes, sceneOpen: true } }));
    }
  }, [selectedFacility, isFulfillmentCenter]);

  function toggle() {
    appStore.setState((state) => ({ panes: { ...state.panes, sceneOpen: !state.panes.sceneOpen } }));
  }

  function resizeBy(deltaPx: number) {
    const pane = paneRef.current;
    if (!pane) return;
    const height = Math.min(
      window.innerHeight * 0.7,
      Math.max(120, pane.getBoundingClientRect().height + deltaPx),
    );
    pane.style.height = `${height}px`;
  }

  function handlePointerDown(event: React.PointerEvent<HTMLButtonElement>) {
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    let lastY = event.clientY;
    const move = (moveEvent: PointerEvent) => {
      resizeBy(lastY - moveEvent.clientY);
      lastY = moveEvent.clientY;
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  }

  return (
    <section
      ref={paneRef}
      className={`scene-pane scene-pane--${size} ${open ? '' : 'scene-pane--collapsed'}`}
      aria-label="3D view"
      data-testid="scene-pane"
      data-size={size}
    >
      {size === 'docked' && (
        <button
          type="button"
          className="scene-resize"
          aria-label="Resize the 3D view: drag, or use the up and down arrow keys"
          onPointerDown={handlePointerDown}
          onKeyDown={(event) => {
            if (event.key === 'ArrowUp') resizeBy(20);
            if (event.key === 'ArrowDown') resizeBy(-20);
          }}
        />
      )}
      <div className="pane-title">
        <h2>Fulfillment center in 3D</h2>
        <fieldset className="segmented scene-sizes">
          <legend className="visually-hidden">Size of the 3D view</legend>
          {SIZES.map((option) => (
            <button
              key={option.size}
              type="button"
              className={size === option.size ? 'active' : ''}
              aria-pressed={size === option.size}
              title={option.title}
              onClick={() => setSceneSize(option.size)}
              data-testid={`scene-size-${option.size}`}
            >
              {option.label}
            </button>
          ))}
        </fieldset>
        {size === 'docked' && (
          <button type="button" onClick={toggle} aria-expanded={open}>
            {open ? 'Collapse' : 'Expand'}
          </button>
        )}
      </div>
      {open && (
        <div className="scene-body">
          {selectedFacility !== null && isFulfillmentCenter ? (
            <Suspense fallback={<p className="empty-state">Loading the 3D view…</p>}>
              <FulfillmentCenterScene facilityId={selectedFacility} />
            </Suspense>
          ) : (
            <SceneEmptyState selection={selection} />
          )}
        </div>
      )}
    </section>
  );
}

/** Fulfillment centers the empty 3D view offers to open. */
const NEARBY_FCS_OFFERED = 3;

/**
 * The 3D view with no fulfillment center selected: what it shows, and the fulfillment centers
 * nearest the selected facility (a delivery station's, a sortation center's), or the map's centre,
 * each a button that opens it here and flies the map there. The list follows the map when it
 * stops moving and the network when it arrives or changes.
 */
function SceneEmptyState({ selection }: { selection: Selection }) {
  const [, refresh] = useReducer((count: number) => count + 1, 0);
  useEffect(() => onNetwork(refresh), []);
  useEffect(() => {
    const map = mapHandle.map;
    map?.on('moveend', refresh);
    return () => {
      map?.off('moveend', refresh);
    };
  }, []);
  const network = simView.network;
  const selected = selection?.kind === 'facility' ? network?.facilities[selection.id] : undefined;
  const centre = mapHandle.map?.getCenter();
  const place = selected ?? (centre ? { lon: centre.lng, lat: centre.lat } : undefined);
  const nearby =
    network && place
      ? findNearbyFulfillmentCenters(
          network.facilities,
          network.operating,
          place.lon,
          place.lat,
          NEARBY_FCS_OFFERED,
        )
      : [];
  return (
    <div className="empty-state scene-empty" data-testid="scene-empty">
      <p>
        {selected
          ? `The 3D view shows fulfillment centers, and ${selected.name} is not one.`
          : 'Select a fulfillment center (a square on the map) to see its robots, pick and pack stations and docks in 3D.'}
      </p>
      {nearby.length > 0 && (
        <p className="scene-nearby">
          <span>{selected ? `Nearest ${selected.name}:` : "Near the map's centre:"}</span>
          {nearby.map((fc) => (
            <button
              key={fc.id}
              type="button"
              data-facility-id={fc.id}
              title={`Open ${fc.name} in 3D and fly the map there`}
              onClick={() => {
                select({ kind: 'facility', id: fc.id });
                flyToFacility(fc.id);
              }}
            >
              {fc.name} · {formatCount(Math.round(fc.miles))} mi
            </button>
          ))}
        </p>
      )}
    </div>
  );
}
