import { lazy, Suspense, useEffect, useRef } from 'react';
import { simView } from '../state/simClient';
import { appStore } from '../state/store';
import { useAppStore } from '../state/useAppStore';

/** Loaded on first use, so three.js and r3f stay out of the initial bundle. */
const FulfillmentCenterScene = lazy(() => import('../scene3d/FulfillmentCenterScene'));

/**
 * The 3D view's pane: collapsible, and resizable by dragging its top edge (or with the arrow
 * keys on the handle). The scene itself loads lazily once a fulfillment center is selected.
 */
export function ScenePane() {
  const open = useAppStore((state) => state.panes.sceneOpen);
  const selection = useAppStore((state) => state.selection);
  const selectedFacility = useAppStore((state) => {
    const selected = state.selection;
    return selected?.kind === 'facility' ? selected.id : null;
  });
  const isFulfillmentCenter = useAppStore(() =>
    selectedFacility === null ? false : simView.network?.facilities[selectedFacility]?.kind === 0,
  );
  const paneRef = useRef<HTMLElement>(null);

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
      className={`scene-pane ${open ? '' : 'scene-pane--collapsed'}`}
      aria-label="3D view"
    >
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
      <div className="pane-title">
        <h2>Fulfillment center in 3D</h2>
        <button type="button" onClick={toggle} aria-expanded={open}>
          {open ? 'Collapse' : 'Expand'}
        </button>
      </div>
      {open && (
        <div className="scene-body">
          {selectedFacility !== null && isFulfillmentCenter ? (
            <Suspense fallback={<p className="empty-state">Loading the 3D view…</p>}>
              <FulfillmentCenterScene facilityId={selectedFacility} />
            </Suspense>
          ) : (
            <p className="empty-state">
              {selection
                ? 'The 3D view shows fulfillment centers: select one (white dot) on the map.'
                : 'Select a fulfillment center on the map to see its robots, pick and pack stations and docks in 3D.'}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
