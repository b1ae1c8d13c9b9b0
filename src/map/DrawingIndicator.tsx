/**
 * A small note on the map when it draws less than it could (frameBudget.ts): frames here are
 * slow (software graphics, a weak laptop), so it lowered its cost to keep the clock at the
 * chosen speed. The tooltip says what was lowered.
 */
import { useAppStore } from '../state/useAppStore';
import { formatSpeed } from '../ui/format';
import { LAST_MILE_DETAIL_ZOOM } from './layers/stationActivityLayer';

/** What each level lowers, in words (mapLayers.ts holds the figures). */
const LOWERED_BY_LEVEL = [
  '',
  'trails half as long; moving vehicles redrawn at most 10 times a second',
  `vehicles drawn without trails; vans, Flex drivers and carriers as rings at their station below zoom ${LAST_MILE_DETAIL_ZOOM + 1}; moving vehicles redrawn at most 4 times a second`,
];

export function DrawingIndicator() {
  const drawing = useAppStore((state) => state.drawing);
  const speed = useAppStore((state) => state.playback.speed);
  if (drawing.level === 0) return null;
  const title = `Frames take about ${Math.round(drawing.frameMs)} ms here (over 50 ms: software graphics or a busy machine), so the map draws less to keep the clock at ${formatSpeed(speed)}: ${LOWERED_BY_LEVEL[drawing.level]}. It draws everything again once frames are quick.`;
  return (
    <div
      className="drawing-indicator"
      data-testid="drawing-indicator"
      data-level={drawing.level}
      title={title}
      role="status"
    >
      Lighter drawing
    </div>
  );
}
