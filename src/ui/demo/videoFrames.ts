/**
 * What a video frame holds besides the map: a title card that opens the video, the KPI panel
 * composited beside the map, and a tour step's caption over it. Drawn with the 2D canvas from the
 * figures the panels show (the same real-volume counts, the same honest on-time rate), so a slide
 * reads as the page does.
 */
import { ON_TIME_TARGET } from '../../panels/carriers';
import { getPreset } from '../../sim/presets';
import type { KpiHistory } from '../../state/kpiHistory';
import { channelA } from '../../state/simClient';
import { appStore, displayClock } from '../../state/store';
import { formatCompact, formatPercent, formatSimClock } from '../format';
import {
  INK_COLOR,
  LATE_COLOR,
  MUTED_COLOR,
  ON_TIME_COLOR,
  OKABE_ITO,
  PAGE_BACKGROUND_COLOR,
  toCss,
  VEHICLE_COLORS,
  VEHICLE_LABELS,
} from '../palette';
import { describeScale, toRealParcels } from '../realVolume';

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const PANEL_COLOR = [17, 29, 43] as const;
const BORDER_COLOR = [36, 54, 75] as const;
/** Hours of history the panel's small charts show. */
const CHART_HOURS = 48;

/** The scenario's name as the header shows it. */
function getScenarioLabel(): string {
  const { presetName } = appStore.getState();
  return (presetName ? getPreset(presetName)?.label : undefined) ?? 'Calibrated defaults';
}

/** `text` broken into lines no wider than `maxWidth` in the context's font, at most `maxLines`. */
function wrapLines(
  context: CanvasRenderingContext2D,
  text: string,
  maxWidth: number,
  maxLines: number,
): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (context.measureText(next).width > maxWidth && line) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines.slice(0, maxLines);
}

/** Writes `text` wrapped to `maxWidth` from (x, y) down, `lineHeight` apart; returns the y after it. */
function drawWrapped(
  context: CanvasRenderingContext2D,
  text: string,
  x: number,
  y: number,
  maxWidth: number,
  lineHeight: number,
  maxLines = 6,
): number {
  for (const line of wrapLines(context, text, maxWidth, maxLines)) {
    context.fillText(line, x, y);
    y += lineHeight;
  }
  return y;
}

/** The opening card: name, scenario, what it does, when, and the scale. */
export function drawTitleCard(context: CanvasRenderingContext2D, width: number, height: number): void {
  const { params, presetName } = appStore.getState();
  const preset = presetName ? getPreset(presetName) : undefined;
  context.fillStyle = toCss(PAGE_BACKGROUND_COLOR);
  context.fillRect(0, 0, width, height);
  const unit = Math.max(8, Math.min(width, height * 1.6) / 40);
  const x = width * 0.1;
  let y = height * 0.3;
  context.textBaseline = 'alphabetic';
  context.fillStyle = toCss(INK_COLOR);
  context.font = `700 ${unit * 2.4}px ${FONT}`;
  context.fillText('Parcel', x, y);
  const parcelWidth = context.measureText('Parcel').width;
  context.fillStyle = toCss(OKABE_ITO.skyBlue);
  context.fillText('scope', x + parcelWidth, y);
  y += unit * 2.2;
  context.fillStyle = toCss(INK_COLOR);
  context.font = `600 ${unit * 1.4}px ${FONT}`;
  context.fillText(getScenarioLabel(), x, y);
  y += unit * 1.6;
  context.fillStyle = toCss(MUTED_COLOR);
  context.font = `${unit}px ${FONT}`;
  y = drawWrapped(
    context,
    preset?.description ?? 'An ordinary week, fair weather, the parameters as calibrated.',
    x,
    y,
    width * 0.8,
    unit * 1.35,
    3,
  );
  y += unit * 0.6;
  context.fillText(formatSimClock(displayClock.timeS, params?.startDayOfYear ?? null), x, y);
  y += unit * 1.35;
  if (params) context.fillText(describeScale(params.scale), x, y);
}

/** A small line chart of `values` (the last CHART_HOURS) in the box, with an optional target line. */
function drawSparkline(
  context: CanvasRenderingContext2D,
  values: Float64Array,
  box: { x: number; y: number; width: number; height: number },
  color: string,
  domainMax: number,
  target?: number,
): void {
  context.strokeStyle = toCss(BORDER_COLOR);
  context.lineWidth = 1;
  context.strokeRect(box.x, box.y, box.width, box.height);
  const y = (value: number) => box.y + box.height - (Math.min(value, domainMax) / domainMax) * box.height;
  if (target !== undefined) {
    context.strokeStyle = toCss(OKABE_ITO.orange);
    context.setLineDash([4, 3]);
    context.beginPath();
    context.moveTo(box.x, y(target));
    context.lineTo(box.x + box.width, y(target));
    context.stroke();
    context.setLineDash([]);
  }
  const first = Math.max(0, values.length - CHART_HOURS);
  const count = values.length - first;
  if (count < 2) return;
  context.strokeStyle = color;
  context.lineWidth = 2;
  context.beginPath();
  let drawing = false;
  for (let index = 0; index < count; index++) {
    const value = values[first + index];
    if (!Number.isFinite(value)) {
      drawing = false;
      continue;
    }
    const x = box.x + (index / (count - 1)) * box.width;
    if (drawing) context.lineTo(x, y(value));
    else context.moveTo(x, y(value));
    drawing = true;
  }
  context.stroke();
}

function rateColumn(history: KpiHistory, numerator: string, denominator: string): Float64Array {
  const top = history.column(numerator);
  const bottom = history.column(denominator);
  return top.map((value, hour) => (bottom[hour] > 0 ? value / bottom[hour] : Number.NaN));
}

/** The KPI panel beside the map: the clock, the honest on-time rate, volumes, two small charts. */
export function drawKpiPanel(
  context: CanvasRenderingContext2D,
  x: number,
  y: number,
  width: number,
  height: number,
): void {
  const { params } = appStore.getState();
  const scale = params?.scale ?? 1;
  const history = channelA.kpiHistory;
  context.fillStyle = toCss(PANEL_COLOR);
  context.fillRect(x, y, width, height);
  context.fillStyle = toCss(BORDER_COLOR);
  context.fillRect(x, y, 1, height);
  const unit = Math.max(7, Math.min(width / 16, height / 26));
  const left = x + unit * 1.2;
  const innerWidth = width - unit * 2.4;
  let line = y + unit * 2;
  context.textBaseline = 'alphabetic';
  context.fillStyle = toCss(INK_COLOR);
  context.font = `600 ${unit}px ${FONT}`;
  context.fillText(formatSimClock(displayClock.timeS, params?.startDayOfYear ?? null), left, line);
  line += unit * 1.3;
  context.fillStyle = toCss(MUTED_COLOR);
  context.font = `${unit * 0.85}px ${FONT}`;
  context.fillText(getScenarioLabel(), left, line);

  const due = history.total('dueParcels');
  const rate = due > 0 ? history.total('dueOnTime') / due : Number.NaN;
  line += unit * 2.2;
  context.fillText('On-time rate', left, line);
  line += unit * 2.6;
  context.fillStyle = toCss(rate < ON_TIME_TARGET ? LATE_COLOR : ON_TIME_COLOR);
  context.font = `700 ${unit * 2.6}px ${FONT}`;
  context.fillText(formatPercent(rate), left, line);
  line += unit * 1.3;
  context.fillStyle = toCss(MUTED_COLOR);
  context.font = `${unit * 0.8}px ${FONT}`;
  context.fillText(`of ${formatCompact(toRealParcels(due, scale))} parcels due so far`, left, line);

  line += unit * 1.8;
  context.font = `${unit * 0.9}px ${FONT}`;
  for (const [label, name] of [
    ['Ordered', 'ordered'],
    ['Delivered', 'delivered'],
    ['At facilities', 'backlogAtFcs'],
  ] as const) {
    context.fillStyle = toCss(MUTED_COLOR);
    context.fillText(label, left, line);
    context.fillStyle = toCss(INK_COLOR);
    const value = formatCompact(toRealParcels(history.total(name), scale));
    context.fillText(value, left + innerWidth - context.measureText(value).width, line);
    line += unit * 1.35;
  }

  const chartHeight = Math.max(unit * 3, (y + height - line - unit * 6) / 2);
  line += unit * 0.8;
  context.fillStyle = toCss(MUTED_COLOR);
  context.font = `${unit * 0.8}px ${FONT}`;
  context.fillText('On time per hour (due), last 48 h', left, line);
  line += unit * 0.5;
  drawSparkline(
    context,
    rateColumn(history, 'dueOnTime', 'dueParcels'),
    { x: left, y: line, width: innerWidth, height: chartHeight },
    toCss(ON_TIME_COLOR),
    1,
    ON_TIME_TARGET,
  );
  line += chartHeight + unit * 1.4;
  context.fillStyle = toCss(MUTED_COLOR);
  context.fillText('Delivered per hour', left, line);
  line += unit * 0.5;
  const delivered = history.column('delivered');
  let most = 1;
  for (const value of delivered) most = Math.max(most, value);
  drawSparkline(
    context,
    delivered,
    { x: left, y: line, width: innerWidth, height: chartHeight },
    toCss(OKABE_ITO.skyBlue),
    most * 1.1,
  );
  if (params) {
    context.fillStyle = toCss(MUTED_COLOR);
    context.font = `${unit * 0.7}px ${FONT}`;
    drawWrapped(
      context,
      describeScale(params.scale),
      left,
      y + height - unit * 0.9,
      innerWidth,
      unit * 0.9,
      1,
    );
  }
}

/** A tour step's caption over the bottom of the map, as the tour card shows it. */
export function drawCaption(
  context: CanvasRenderingContext2D,
  caption: { title: string; text: string },
  width: number,
  height: number,
): void {
  const unit = Math.max(8, Math.min(width / 60, height / 34));
  const boxWidth = Math.min(width * 0.8, unit * 46);
  const boxX = (width - boxWidth) / 2;
  const lineHeight = unit * 1.3;
  context.font = `${unit}px ${FONT}`;
  const lines = wrapLines(context, caption.text, boxWidth - unit * 2, 5);
  const boxHeight = unit * 3 + lines.length * lineHeight;
  const boxY = height - boxHeight - unit;
  context.fillStyle = toCss(PANEL_COLOR, 0.92);
  context.fillRect(boxX, boxY, boxWidth, boxHeight);
  context.strokeStyle = toCss(BORDER_COLOR);
  context.strokeRect(boxX, boxY, boxWidth, boxHeight);
  context.fillStyle = toCss(INK_COLOR);
  context.font = `600 ${unit * 1.15}px ${FONT}`;
  context.fillText(caption.title, boxX + unit, boxY + unit * 1.6);
  context.font = `${unit}px ${FONT}`;
  context.fillStyle = toCss(MUTED_COLOR);
  lines.forEach((line, index) => {
    context.fillText(line, boxX + unit, boxY + unit * 3 + index * lineHeight);
  });
}

/** The facilities' colour ramp, hours of work queued (mapChrome.css .legend-ramp-bar). */
const QUEUE_RAMP: ReadonlyArray<[number, readonly [number, number, number]]> = [
  [0, OKABE_ITO.bluishGreen],
  [0.25, OKABE_ITO.yellow],
  [1, OKABE_ITO.vermillion],
];

/**
 * The map's key in its bottom-left corner, for a picture or a frame that leaves the page: when
 * and which scenario, the colours of the vehicles shown and the facilities' queue ramp. The page's
 * legend is HTML beside the canvas, so a picture of the map alone said none of it.
 */
export function drawMapKey(context: CanvasRenderingContext2D, width: number, height: number): void {
  const { params, layers } = appStore.getState();
  const unit = Math.max(8, Math.min(width / 80, height / 45));
  const pad = unit * 0.8;
  const lineHeight = unit * 1.45;
  const title = `${formatSimClock(displayClock.timeS, params?.startDayOfYear ?? null)} · ${getScenarioLabel()}`;
  const shown = VEHICLE_LABELS.map((label, kind) => ({ label, kind })).filter(
    ({ kind }) => layers.vehicles[kind],
  );
  context.font = `${unit}px ${FONT}`;
  const swatchWidth = unit * 1.4;
  const vehiclesWidth = shown.reduce(
    (sum, { label }) => sum + swatchWidth + unit * 0.4 + context.measureText(label).width + unit,
    0,
  );
  context.font = `600 ${unit * 1.05}px ${FONT}`;
  const titleWidth = context.measureText(title).width;
  const boxWidth = Math.min(width - 2 * unit, Math.max(titleWidth, vehiclesWidth, unit * 16) + 2 * pad);
  const rows = 1 + (shown.length > 0 ? 1 : 0) + (layers.facilities ? 1 : 0);
  const boxHeight = pad * 2 + lineHeight * rows;
  const boxX = unit;
  const boxY = height - boxHeight - unit;
  context.fillStyle = toCss(PANEL_COLOR, 0.88);
  context.fillRect(boxX, boxY, boxWidth, boxHeight);
  context.strokeStyle = toCss(BORDER_COLOR);
  context.strokeRect(boxX, boxY, boxWidth, boxHeight);
  context.textBaseline = 'middle';
  let rowY = boxY + pad + lineHeight / 2;
  context.fillStyle = toCss(INK_COLOR);
  context.fillText(title, boxX + pad, rowY);
  context.font = `${unit}px ${FONT}`;
  if (shown.length > 0) {
    rowY += lineHeight;
    let swatchX = boxX + pad;
    for (const { label, kind } of shown) {
      context.fillStyle = toCss(VEHICLE_COLORS[kind]);
      context.fillRect(swatchX, rowY - unit * 0.15, swatchWidth, unit * 0.3);
      swatchX += swatchWidth + unit * 0.4;
      context.fillStyle = toCss(INK_COLOR);
      context.fillText(label, swatchX, rowY);
      swatchX += context.measureText(label).width + unit;
    }
  }
  if (layers.facilities) drawQueueRamp(context, boxX + pad, rowY + lineHeight, unit);
  context.textBaseline = 'alphabetic';
}

/** "Facilities, work queued: 0 h [ramp] 8+ h" from `x`, centred on `rowY`. */
function drawQueueRamp(context: CanvasRenderingContext2D, left: number, rowY: number, unit: number): void {
  context.fillStyle = toCss(MUTED_COLOR);
  let x = left;
  for (const text of ['Facilities, work queued:', '0 h']) {
    context.fillText(text, x, rowY);
    x += context.measureText(text).width + unit * 0.5;
  }
  const rampWidth = unit * 7;
  const gradient = context.createLinearGradient(x, 0, x + rampWidth, 0);
  for (const [stop, color] of QUEUE_RAMP) gradient.addColorStop(stop, toCss(color));
  context.fillStyle = gradient;
  context.fillRect(x, rowY - unit * 0.2, rampWidth, unit * 0.4);
  context.fillStyle = toCss(MUTED_COLOR);
  context.fillText('8+ h', x + rampWidth + unit * 0.5, rowY);
}
