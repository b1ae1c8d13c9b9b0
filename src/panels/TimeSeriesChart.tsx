/**
 * A time chart over sim hours: lines or stacked areas, a target line, a crosshair shared with
 * every other time chart (hover) and a brush that sets the page's time window. The run's changes
 * (a preset, a slider, a fork, an order) stand as labelled rules and calendar peaks as shaded
 * bands, the same on every time chart. The x axis runs to the hour on screen, so a change made
 * now shows at the right edge at once. D3 computes the scales, shapes and axes; React owns the
 * SVG except the axis and brush groups, which D3 owns.
 */
import * as d3 from 'd3';
import { useEffect, useMemo, useRef, useState } from 'react';
import { appStore } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { formatHourLabel } from '../ui/format';
import { useRunMarks } from '../ui/useRunMarks';
import { withPlacedLabels } from './eventLabels';
import { describeModelled, describeScale } from '../ui/realVolume';

export interface Series {
  key: string;
  label: string;
  color: string;
  values: ArrayLike<number>;
  /** Drawn dashed: scenario B over A. */
  dashed?: boolean;
  /** A shaded band around the line (replications: 5th to 95th percentile per hour). */
  band?: { lower: ArrayLike<number>; upper: ArrayLike<number>; label: string };
}

export interface TimeSeriesChartProps {
  title: string;
  /** Unit shown on the y axis, e.g. "parcels/h". */
  unit: string;
  /**
   * The model's scale when the values are parcels shown at real volume (modelled x 1/scale):
   * the unit and the hover figures then say what the model counted.
   */
  modelledScale?: number;
  series: Series[];
  /** Stack the series as areas (shares, mixes) instead of lines. */
  stacked?: boolean;
  formatValue: (value: number) => string;
  yDomain?: [number, number];
  target?: { value: number; label: string };
  /** Hour index of values[0]. */
  firstHour?: number;
  testId?: string;
  emptyText: string;
}

const HEIGHT = 140;
/** The top margin holds two rows of event labels above the plot's data. */
const MARGIN = { top: 6, right: 10, bottom: 18, left: 44 };
/** Event label rows (px from the plot's top) and the font's advance for 9 px text. */
const EVENT_ROW_PX = 10;
const EVENT_ROWS = 2;
const EVENT_CHAR_PX = 5.1;

export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const { series, stacked, formatValue, target, firstHour = 0 } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const xAxisRef = useRef<SVGGElement>(null);
  const yAxisRef = useRef<SVGGElement>(null);
  const brushRef = useRef<SVGGElement>(null);
  const [width, setWidth] = useState(300);
  const hoverHour = useAppStore((state) => state.chartHoverHour);
  const timeWindow = useAppStore((state) => state.timeWindow);
  // The hour on screen, rounded up: the axis reaches it even before the hour's row is complete.
  const nowHour = useAppStore((state) => Math.ceil(state.displayTimeS / 3600));
  const length = series[0]?.values.length ?? 0;
  const endHour = Math.max(firstHour + Math.max(1, length), nowHour);
  const marks = useRunMarks(endHour * 3600);
  // Event labels get the top rows of the plot to themselves.
  const labelRoomPx = marks.events.length > 0 ? EVENT_ROWS * EVENT_ROW_PX : 0;

  useEffect(() => {
    const element = containerRef.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) =>
      setWidth(Math.max(160, Math.floor(entry.contentRect.width))),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const innerWidth = width - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;

  const { x, y, paths, bands } = useMemo(() => {
    const xScale = d3.scaleLinear([firstHour, endHour], [0, innerWidth]);
    const tops = new Float64Array(length);
    let maxValue = target?.value ?? 0;
    for (const item of series) {
      for (let index = 0; index < length; index++) {
        const value = item.values[index];
        tops[index] = stacked ? tops[index] + value : value;
        // A gap (NaN: nothing counted that hour) must not blank the scale.
        const top = stacked ? tops[index] : value;
        if (Number.isFinite(top)) maxValue = Math.max(maxValue, top);
        const upper = item.band?.upper[index];
        if (upper !== undefined && Number.isFinite(upper)) maxValue = Math.max(maxValue, upper);
      }
    }
    const yScale = d3
      .scaleLinear(props.yDomain ?? [0, maxValue > 0 ? maxValue * 1.08 : 1], [innerHeight, labelRoomPx])
      .nice();
    const built: Array<{ key: string; color: string; d: string; dashed?: boolean }> = [];
    const builtBands: Array<{ key: string; color: string; d: string; label: string }> = [];
    const base = new Float64Array(length);
    // Each hour is drawn at its middle, as a step would be read: "parcels in hour h".
    const xOf = (index: number) => xScale(firstHour + index + 0.5);
    for (const item of series) {
      const band = item.band;
      if (!band) continue;
      const area = d3
        .area<number>()
        .defined((index) => Number.isFinite(band.lower[index]) && Number.isFinite(band.upper[index]))
        .x((index) => xOf(index))
        .y0((index) => yScale(band.lower[index]))
        .y1((index) => yScale(band.upper[index]));
      builtBands.push({
        key: item.key,
        color: item.color,
        label: band.label,
        d: area(Array.from({ length }, (_, index) => index)) ?? '',
      });
    }
    for (const item of series) {
      if (stacked) {
        const area = d3
          .area<number>()
          .x((_, index) => xOf(index))
          .y0((_, index) => yScale(base[index]))
          .y1((_, index) => yScale(base[index] + item.values[index]));
        built.push({
          key: item.key,
          color: item.color,
          d: area(Array.from({ length }, (_, index) => index)) ?? '',
        });
        for (let index = 0; index < length; index++) base[index] += item.values[index];
      } else {
        const line = d3
          .line<number>()
          .defined((index) => Number.isFinite(item.values[index]))
          .x((index) => xOf(index))
          .y((index) => yScale(item.values[index]));
        built.push({
          key: item.key,
          color: item.color,
          d: line(Array.from({ length }, (_, index) => index)) ?? '',
        });
      }
    }
    return { x: xScale, y: yScale, paths: built, bands: builtBands };
  }, [
    series,
    stacked,
    length,
    innerWidth,
    innerHeight,
    firstHour,
    endHour,
    labelRoomPx,
    target?.value,
    props.yDomain,
  ]);

  // The run's changes inside the axis, with their labels placed so they do not overlap.
  const eventRules = useMemo(() => {
    const shown = marks.events.filter(
      (event) => event.atS >= firstHour * 3600 && event.atS <= endHour * 3600,
    );
    return withPlacedLabels(
      shown,
      (event) => x(event.atS / 3600),
      (event) => event.label,
      innerWidth,
      EVENT_CHAR_PX,
      EVENT_ROWS,
    );
  }, [marks.events, x, firstHour, endHour, innerWidth]);

  useEffect(() => {
    if (xAxisRef.current) {
      d3.select(xAxisRef.current).call(
        d3
          .axisBottom(x)
          // Whole hours only: a tick at "D1 0.5h" reads as a bug.
          .tickValues(x.ticks(Math.max(2, Math.floor(innerWidth / 70))).filter(Number.isInteger))
          .tickFormat((hour) => formatHourLabel(Number(hour))),
      );
      // A label centred on a tick near either end would be cut by the SVG's edge: anchor it
      // inside instead.
      d3.select(xAxisRef.current)
        .selectAll<SVGTextElement, number>('.tick text')
        .attr('text-anchor', (hour) => {
          const at = x(hour);
          return at > innerWidth - 24 ? 'end' : at < 24 - MARGIN.left ? 'start' : 'middle';
        });
    }
    if (yAxisRef.current) {
      d3.select(yAxisRef.current).call(
        d3
          .axisLeft(y)
          .ticks(4)
          .tickFormat((value) => formatValue(Number(value))),
      );
    }
  }, [x, y, innerWidth, formatValue]);

  useEffect(() => {
    const group = brushRef.current;
    if (!group) return;
    const brush = d3
      .brushX()
      .extent([
        [0, 0],
        [innerWidth, innerHeight],
      ])
      .on('end', (event: d3.D3BrushEvent<unknown>) => {
        if (!event.sourceEvent) return;
        const selection = event.selection as [number, number] | null;
        if (!selection) {
          appStore.setState({ timeWindow: null });
          return;
        }
        const start = Math.floor(x.invert(selection[0]));
        const end = Math.ceil(x.invert(selection[1]));
        appStore.setState({ timeWindow: end > start ? [start, end] : null });
      });
    const selection = d3.select(group);
    selection.call(brush);
    selection
      .on('mousemove.hover', (event: MouseEvent) => {
        const [pointerX] = d3.pointer(event, group);
        const hour = Math.floor(x.invert(pointerX));
        if (hour !== appStore.getState().chartHoverHour) appStore.setState({ chartHoverHour: hour });
      })
      .on('mouseleave.hover', () => appStore.setState({ chartHoverHour: null }));
    // Keeps the drawn brush in step with a window set elsewhere (another chart, a reset).
    const current = appStore.getState().timeWindow;
    brush.move(selection, current ? [x(current[0]), x(current[1])] : null);
    return () => {
      selection.on('.brush', null).on('.hover', null);
    };
  }, [x, innerWidth, innerHeight]);

  const hoverIndex = hoverHour === null ? -1 : hoverHour - firstHour;
  const showHover = hoverHour !== null && hoverIndex >= 0 && hoverIndex < length;
  let pointCount = 0;
  for (let index = 0; index < length; index++)
    if (series.some((item) => Number.isFinite(item.values[index]))) pointCount++;

  return (
    <figure
      className="chart"
      data-testid={props.testId}
      data-points={pointCount}
      data-hours={length}
      data-first-hour={firstHour}
    >
      <figcaption>
        <span className="chart-title">{props.title}</span>
        <span
          className="chart-unit"
          title={props.modelledScale === undefined ? undefined : describeScale(props.modelledScale)}
        >
          {props.unit}
        </span>
      </figcaption>
      <ul className="chart-legend">
        {series.map((item) => (
          <li key={item.key}>
            <span
              className={`swatch swatch--line ${item.dashed ? 'swatch--dashed' : ''}`}
              style={{ backgroundColor: item.color }}
            />
            {item.label}
            {showHover && (
              <b
                title={
                  props.modelledScale === undefined
                    ? undefined
                    : describeModelled(item.values[hoverIndex] * props.modelledScale, props.modelledScale)
                }
              >
                {formatValue(item.values[hoverIndex])}
              </b>
            )}
          </li>
        ))}
      </ul>
      <div ref={containerRef} className="chart-body">
        {length === 0 ? (
          <p className="empty-state chart-empty">{props.emptyText}</p>
        ) : (
          <svg width={width} height={HEIGHT} role="img" aria-label={`${props.title} (${props.unit})`}>
            <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
              {marks.peaks.map((peak) => {
                const left = x(Math.max(firstHour, peak.startS / 3600));
                const right = x(Math.min(endHour, peak.endS / 3600));
                if (right <= left) return null;
                return (
                  <g key={`${peak.label}-${peak.startS}`} className="chart-peak" data-label={peak.label}>
                    <title>{`${peak.label}: ${peak.multiplier}× demand`}</title>
                    <rect x={left} width={right - left} y={0} height={innerHeight} />
                    {right - left > peak.label.length * EVENT_CHAR_PX + 6 && (
                      <text x={left + 3} y={innerHeight - 4}>
                        {peak.label}
                      </text>
                    )}
                  </g>
                );
              })}
              {timeWindow && (
                <rect
                  className="chart-window"
                  x={x(timeWindow[0])}
                  width={Math.max(1, x(timeWindow[1]) - x(timeWindow[0]))}
                  y={0}
                  height={innerHeight}
                />
              )}
              {bands.map((band) => (
                <path
                  key={`band-${band.key}`}
                  className="chart-band"
                  data-series={band.key}
                  d={band.d}
                  fill={band.color}
                  fillOpacity={0.22}
                  stroke="none"
                >
                  <title>{band.label}</title>
                </path>
              ))}
              {paths.map((path) => (
                <path
                  key={path.key}
                  d={path.d}
                  fill={stacked ? path.color : 'none'}
                  fillOpacity={stacked ? 0.85 : undefined}
                  stroke={stacked ? 'none' : path.color}
                  strokeWidth={2}
                  strokeDasharray={path.dashed ? '5 3' : undefined}
                />
              ))}
              {target && (
                <g className="chart-target">
                  <line x1={0} x2={innerWidth} y1={y(target.value)} y2={y(target.value)} />
                  {/* Under the line at the left: the top right holds event labels and the newest data. */}
                  <text x={3} y={y(target.value) + 10}>
                    {target.label}
                  </text>
                </g>
              )}
              {showHover && hoverHour !== null && (
                <line
                  className="chart-crosshair"
                  x1={x(hoverHour + 0.5)}
                  x2={x(hoverHour + 0.5)}
                  y1={0}
                  y2={innerHeight}
                />
              )}
              {eventRules.map(({ item: event, x: ruleX, label }) => (
                <g
                  key={event.id}
                  className="chart-event"
                  data-kind={event.kind}
                  data-label={event.label}
                  data-testid="chart-event"
                >
                  <title>{event.detail}</title>
                  <line x1={ruleX} x2={ruleX} y1={0} y2={innerHeight} />
                  {label.row >= 0 && (
                    <text x={label.x} y={8 + label.row * EVENT_ROW_PX} textAnchor={label.anchor}>
                      {label.text}
                    </text>
                  )}
                </g>
              ))}
              <g ref={xAxisRef} className="chart-axis" transform={`translate(0,${innerHeight})`} />
              <g ref={yAxisRef} className="chart-axis" />
              <g ref={brushRef} className="chart-brush" />
            </g>
          </svg>
        )}
      </div>
    </figure>
  );
}
