/**
 * What a network edit changed, in the compare panel: the deliveries of the stations it touches
 * (getEditArea: an added station's metro, an FC's region) in A and B since the edit, the
 * parcels through the facility it names in B, and click-to-door by delivery hour for both, so an
 * outage's rise and recovery reads at a glance. Figures from the worker's per-hour ledgers
 * (`areaHours`, `facilityHours`), never recomputed here.
 */
import * as d3 from 'd3';
import type { KpiHistory } from '../state/kpiHistory';
import { getEditArea } from '../state/networkEditPlan';
import { channelA, channelB } from '../state/simClient';
import type { AppliedNetworkEdit } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { formatHours, formatPercent, formatSimClock, formatUsd } from '../ui/format';
import { MUTED_COLOR, OKABE_ITO, toCss } from '../ui/palette';
import { formatRealParcelCount } from '../ui/realVolume';
import { CompareTableHead, DeltaCell } from './CompareTable';
import { useKpiVersion } from './useKpiVersion';

const COST_COLUMNS = ['vanCostUsd', 'flexCostUsd', 'uspsCostUsd', 'regionalCostUsd'];
/** The chart starts this many hours before the edit, so the level before it shows. */
const HOURS_BEFORE = 6;
const A_COLOR = toCss(MUTED_COLOR);
const B_COLOR = toCss(OKABE_ITO.skyBlue);

interface AreaFigures {
  delivered: number;
  onTime: number;
  clickToDoorH: number;
  costPerParcelUsd: number;
}

/** Delivery figures of an area's (or a facility's) hours [fromHour, now). */
export function readAreaFigures(history: KpiHistory, fromHour: number): AreaFigures {
  const delivered = history.sum('delivered', fromHour);
  const ratio = (value: number) => (delivered > 0 ? value / delivered : Number.NaN);
  return {
    delivered,
    onTime: ratio(history.sum('deliveredOnTime', fromHour)),
    clickToDoorH: ratio(history.sum('clickToDoorHoursSum', fromHour)),
    costPerParcelUsd: ratio(COST_COLUMNS.reduce((sum, name) => sum + history.sum(name, fromHour), 0)),
  };
}

/** Mean click-to-door per delivery hour from `fromHour` on (NaN in an hour with no delivery). */
export function readClickToDoorByHour(history: KpiHistory, fromHour: number): Float64Array {
  const delivered = history.column('delivered', fromHour);
  const hours = history.column('clickToDoorHoursSum', fromHour);
  return delivered.map((count, k) => (count > 0 ? hours[k] / count : Number.NaN));
}

const ROWS: Array<{
  key: keyof AreaFigures;
  label: string;
  format: (value: number, scale: number) => string;
  higherIsBetter: boolean;
}> = [
  { key: 'onTime', label: 'On time (delivered)', format: formatPercent, higherIsBetter: true },
  { key: 'clickToDoorH', label: 'Click to door', format: formatHours, higherIsBetter: false },
  { key: 'costPerParcelUsd', label: 'Last-mile cost / parcel', format: formatUsd, higherIsBetter: false },
  {
    key: 'delivered',
    label: 'Delivered',
    format: (value, scale) => formatRealParcelCount(value, scale),
    higherIsBetter: true,
  },
];

export function EditImpactPanel({ last }: { last: AppliedNetworkEdit }) {
  useKpiVersion();
  const startDayOfYear = useAppStore((state) => state.params?.startDayOfYear ?? null);
  const scale = useAppStore((state) => state.params?.scale ?? 1);
  const area = getEditArea(last.facilityId, [channelA.view.network, channelB.view.network]);
  const fromHour = Math.floor(last.atS / 3600);
  const a = readAreaFigures(channelA.areaKpis.history, fromHour);
  const b = readAreaFigures(channelB.areaKpis.history, fromHour);
  const through =
    channelB.facilityKpis.facilityId === last.facilityId
      ? readAreaFigures(channelB.facilityKpis.history, fromHour)
      : null;
  const facilityName = channelB.view.network?.facilities[last.facilityId]?.name ?? `f${last.facilityId}`;
  return (
    <section className="edit-impact" aria-label="What the network edit changed" data-testid="edit-impact">
      <h4>
        {last.words}
        <span className="chart-unit">
          {' '}
          from {formatSimClock(last.atS, startDayOfYear)}: {area.label}, {area.stationIds.length} station
          {area.stationIds.length === 1 ? '' : 's'}
        </span>
      </h4>
      {a.delivered + b.delivered === 0 ? (
        <p className="empty-state" data-testid="edit-impact-waiting">
          No delivery in the area since the edit yet; the figures come as the run goes on.
        </p>
      ) : (
        <table className="mini-table compare-table" data-testid="edit-impact-table">
          <CompareTableHead first="Since the edit" />
          <tbody>
            {ROWS.map((row) => (
              <tr
                key={row.key}
                data-testid={`edit-impact-${row.key}`}
                data-a={a[row.key]}
                data-b={b[row.key]}
              >
                <th scope="row">{row.label}</th>
                <td>{row.format(a[row.key], scale)}</td>
                <td>{row.format(b[row.key], scale)}</td>
                <DeltaCell
                  delta={b[row.key] - a[row.key]}
                  format={(value) => row.format(value, scale)}
                  higherIsBetter={row.higherIsBetter}
                />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {through && last.edit.type === 'add' && through.delivered > 0 && (
        <p className="edit-impact__through" data-testid="edit-impact-through" data-value={through.delivered}>
          Through {facilityName} in B: {formatRealParcelCount(through.delivered, scale)} parcels delivered
          {Number.isFinite(through.onTime) ? `, ${formatPercent(through.onTime)} on time` : ''}
        </p>
      )}
      <ClickToDoorChart fromHour={Math.max(0, fromHour - HOURS_BEFORE)} editHour={fromHour} />
    </section>
  );
}

const WIDTH = 300;
const HEIGHT = 110;
const MARGIN = { top: 8, right: 8, bottom: 20, left: 34 };

/** Click-to-door per delivery hour in the area, A and B, with the edit's hour marked. */
function ClickToDoorChart({ fromHour, editHour }: { fromHour: number; editHour: number }) {
  const seriesA = readClickToDoorByHour(channelA.areaKpis.history, fromHour);
  const seriesB = readClickToDoorByHour(channelB.areaKpis.history, fromHour);
  const hours = Math.max(seriesA.length, seriesB.length);
  if (hours < 2) return null;
  const values = [...seriesA, ...seriesB].filter(Number.isFinite);
  if (values.length === 0) return null;
  const x = d3
    .scaleLinear()
    .domain([fromHour, fromHour + hours - 1])
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = d3
    .scaleLinear()
    .domain([0, (d3.max(values) ?? 1) * 1.1 || 1])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const line = d3
    .line<number>()
    .defined(Number.isFinite)
    .x((_, k) => x(fromHour + k))
    .y((value) => y(value));
  const ticksY = y.ticks(3);
  const ticksX = x.ticks(4).filter(Number.isInteger);
  return (
    <figure className="chart edit-impact__chart" data-testid="edit-impact-chart">
      <figcaption>
        <span className="chart-title">Click to door by delivery hour</span>
        <span className="chart-unit">mean hours; </span>
        <span className="legend-key" style={{ color: A_COLOR }}>
          ― A
        </span>{' '}
        <span className="legend-key" style={{ color: B_COLOR }}>
          ― B
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label="Click to door by hour, A and B"
      >
        {ticksY.map((tick) => (
          <g key={`y${tick}`}>
            <line
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={y(tick)}
              y2={y(tick)}
              className="grid-line"
            />
            <text x={MARGIN.left - 4} y={y(tick)} dy="0.32em" textAnchor="end" className="axis-label">
              {tick} h
            </text>
          </g>
        ))}
        {ticksX.map((hour) => (
          <text key={`x${hour}`} x={x(hour)} y={HEIGHT - 6} textAnchor="middle" className="axis-label">
            day {Math.floor(hour / 24) + 1} {String(hour % 24).padStart(2, '0')}h
          </text>
        ))}
        <line
          x1={x(editHour)}
          x2={x(editHour)}
          y1={MARGIN.top}
          y2={HEIGHT - MARGIN.bottom}
          className="edit-impact__rule"
        />
        <path d={line(Array.from(seriesA)) ?? ''} fill="none" stroke={A_COLOR} strokeWidth={1.5} />
        <path d={line(Array.from(seriesB)) ?? ''} fill="none" stroke={B_COLOR} strokeWidth={1.5} />
      </svg>
    </figure>
  );
}
