import { useAppStore } from '../state/useAppStore';

/**
 * Whether the full-screen 3D view covers this part of the page. The parts it covers (header,
 * drawer, map, rail, timeline, notices) take it as `inert`: out of the Tab order and of what a
 * screen reader reads, since Tab from the 3D view went on to the buttons hidden behind it. The
 * presenter's cards (a tour's caption, the way back after it, a video's progress) stand above it
 * instead (DemoOverlay).
 */
export function useCoveredByScene(): boolean {
  return useAppStore((state) => state.panes.sceneOpen && state.panes.sceneSize === 'full');
}
