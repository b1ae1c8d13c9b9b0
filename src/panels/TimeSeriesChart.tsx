/**
 * A time chart over sim hours: lines or stacked areas, a target line, a crosshair shared with
 * every other time chart (hover) and a brush that sets the page's time window. D3 computes the
 * scales, shapes and axes; React owns the SVG except the axis and brush groups, which D3 owns.
 */
import * as d3 from 'd3';
import { useEffect, useMemo, useRef, useState } from 'react';
import { appStore } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { formatHourLabel } from './format';

export interface Series {
  key: string;
  label: string;
  color: string;
  values: ArrayLike<number>;
  /** Drawn dashed: scenario B over A. */
  dashed?: boolean;
}

export interface TimeSeriesChartProps {
  title: string;
  /** Unit shown on the y axis, e.g. "parcels/h". */
  unit: string;
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

const HEIGHT = 128;
const MARGIN = { top: 6, right: 8, bottom: 18, left: 44 };

export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const { series, stacked, formatValue, target, firstHour = 0 } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const xAxisRef = useRef<SVGGElement>(null);
  const yAxisRef = useRef<SVGGElement>(null);
  const brushRef = useRef<SVGGElement>(null);
  const [width, setWidth] = useState(300);
  const hoverHour = useAppStore((state) => state.chartHoverHour);
  const timeWindow = useAppStore((state) => state.timeWindow);
  const length = series[0]?.values.length ?? 0;

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

  const { x, y, paths } = useMemo(() => {
    const hours = Math.max(1, length);
    const xScale = d3.scaleLinear([firstHour, firstHour + hours], [0, innerWidth]);
    const tops = new Float64Array(length);
    let maxValue = target?.value ?? 0;
    for (const item of series) {
      for (let index = 0; index < length; index++) {
        const value = item.values[index];
        tops[index] = stacked ? tops[index] + value : value;
        maxValue = Math.max(maxValue, stacked ? tops[index] : value);
      }
    }
    const yScale = d3
      .scaleLinear(props.yDomain ?? [0, maxValue > 0 ? maxValue * 1.08 : 1], [innerHeight, 0])
      .nice();
    const built: Array<{ key: string; color: string; d: string; dashed?: boolean }> = [];
    const base = new Float64Array(length);
    // Each hour is drawn at its middle, as a step would be read: "parcels in hour h".
    const xOf = (index: number) => xScale(firstHour + index + 0.5);
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
    return { x: xScale, y: yScale, paths: built };
  }, [series, stacked, length, innerWidth, innerHeight, firstHour, target?.value, props.yDomain]);

  useEffect(() => {
    if (xAxisRef.current) {
      d3.select(xAxisRef.current).call(
        d3
          .axisBottom(x)
          // Whole hours only: a tick at "D1 0.5h" reads as a bug.
          .tickValues(x.ticks(Math.max(2, Math.floor(innerWidth / 70))).filter(Number.isInteger))
          .tickFormat((hour) => formatHourLabel(Number(hour))),
      );
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

  return (
    <figure className="chart" data-testid={props.testId}>
      <figcaption>
        <span className="chart-title">{props.title}</span>
        <span className="chart-unit">{props.unit}</span>
      </figcaption>
      <ul className="chart-legend">
        {series.map((item) => (
          <li key={item.key}>
            <span
              className={`swatch swatch--line ${item.dashed ? 'swatch--dashed' : ''}`}
              style={{ backgroundColor: item.color }}
            />
            {item.label}
            {showHover && <b>{formatValue(item.values[hoverIndex])}</b>}
          </li>
        ))}
      </ul>
      <div ref={containerRef} className="chart-body">
        {length === 0 ? (
          <p className="empty-state chart-empty">{props.emptyText}</p>
        ) : (
          <svg width={width} height={HEIGHT} role="img" aria-label={`${props.title} (${props.unit})`}>
            <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
              {timeWindow && (
                <rect
                  className="chart-window"
                  x={x(timeWindow[0])}
                  width={Math.max(1, x(timeWindow[1]) - x(timeWindow[0]))}
                  y={0}
                  height={innerHeight}
                />
              )}
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
                  <text x={innerWidth - 2} y={y(target.value) - 3} textAnchor="end">
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
