/**
 * A small note on the map when it draws less than it could: WebGL runs in software here
 * (softwareWebgl.ts), or frames are slow (frameBudget.ts: a weak laptop, a busy machine), so it
 * lowered its cost to keep the clock at the chosen speed. The tooltip says what was lowered.
 */
import { SOFTWARE_MIN_REDRAW_MS } from '../state/frameBudget';
import { useAppStore } from '../state/useAppStore';
import { formatSpeed } from '../ui/format';
import { LAST_MILE_DETAIL_ZOOM } from './layers/stationActivityLayer';

/** What each level lowers, in words (mapLayers.ts and frameBudget.ts hold the figures). */
const LOWERED_BY_LEVEL = [
  '',
  'trails half as long; moving vehicles redrawn at most 10 times a second',
  `vehicles drawn without trails; vans, Flex drivers and carriers as rings at their station below zoom ${LAST_MILE_DETAIL_ZOOM + 1}; moving vehicles redrawn at most 4 times a second`,
];
/** What software WebGL lowers at every level, in words (frameBudget.ts's SOFTWARE_MIN_REDRAW_MS). */
const LOWERED_IN_SOFTWARE = `edges drawn without smoothing; moving vehicles redrawn at most ${1000 / SOFTWARE_MIN_REDRAW_MS} times a second, and the map redrawn only after resting as long again as its last drawing took`;

export function DrawingIndicator() {
  const drawing = useAppStore((state) => state.drawing);
  const speed = useAppStore((state) => state.playback.speed);
  if (drawing.level === 0 && !drawing.software) return null;
  const clock = `to keep the clock at ${formatSpeed(speed)}`;
  const software = drawing.software
    ? `This browser draws the map in software (no graphics card in use), so the map draws less ${clock}: ${LOWERED_IN_SOFTWARE}.`
    : '';
  const slow =
    drawing.level > 0
      ? `Frames take about ${Math.round(drawing.frameMs)} ms here (over 50 ms: software graphics or a busy machine), so the map draws less ${clock}: ${LOWERED_BY_LEVEL[drawing.level]}. It draws everything again once frames are quick.`
      : '';
  return (
    <div
      className="drawing-indicator"
      data-testid="drawing-indicator"
      data-level={drawing.level}
      data-software={drawing.software}
      title={[software, slow].filter(Boolean).join(' ')}
      role="status"
    >
      {drawing.software ? 'Software graphics: lighter drawing' : 'Lighter drawing'}
    </div>
  );
}
