/**
 * What a network edit changed, in the compare panel: the deliveries of the stations it touches
 * (getEditArea: an added station's metro, an FC's region) in A and B since the edit, the
 * parcels through the facility it names in B, and B − A click-to-door by delivery day, so an
 * outage's rise and recovery reads at a glance. Figures from the worker's per-hour ledgers
 * (`areaHours`, `facilityHours`) through editImpact.ts, never recomputed here.
 */
import * as d3 from 'd3';
import { getEditArea } from '../state/networkEditPlan';
import { channelA, channelB } from '../state/simClient';
import type { AppliedNetworkEdit } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import {
  formatCount,
  formatHourLabel,
  formatHours,
  formatPercent,
  formatSimClock,
  formatUsd,
} from '../ui/format';
import { formatRealParcelCount, toRealParcels } from '../ui/realVolume';
import { CompareTableHead, DeltaCell, describeDelta, TONE_COLOR } from './CompareTable';
import {
  type AreaFigures,
  type ClickToDoorDay,
  getImpactFirstHour,
  readAreaFigures,
  readAreaFiguresAB,
  readClickToDoorByDay,
} from './editImpact';
import { useKpiRowsVersion } from './useKpiRowsVersion';

const ROWS: Array<{
  key: keyof AreaFigures;
  label: string;
  format: (value: number) => string;
  higherIsBetter: boolean;
  /** A count of modelled parcels: shown, and compared, at real volume. */
  parcels?: boolean;
}> = [
  { key: 'onTime', label: 'On time (delivered)', format: formatPercent, higherIsBetter: true },
  { key: 'clickToDoorH', label: 'Click to door', format: formatHours, higherIsBetter: false },
  { key: 'costPerParcelUsd', label: 'Last-mile cost / parcel', format: formatUsd, higherIsBetter: false },
  {
    key: 'delivered',
    label: 'Delivered',
    format: formatCount,
    higherIsBetter: true,
    parcels: true,
  },
];

export function EditImpactPanel({ last }: { last: AppliedNetworkEdit }) {
  useKpiRowsVersion();
  const startDayOfYear = useAppStore((state) => state.params?.startDayOfYear ?? null);
  const scale = useAppStore((state) => state.params?.scale ?? 1);
  const area = getEditArea(last.facilityId, [channelA.view.network, channelB.view.network]);
  const shown = (row: (typeof ROWS)[number], value: number) =>
    row.parcels ? toRealParcels(value, scale) : value;
  const fromHour = getImpactFirstHour(last.atS);
  const { a, b } = readAreaFiguresAB(channelA.areaKpis.history, channelB.areaKpis.history, fromHour, scale);
  const through =
    channelB.facilityKpis.facilityId === last.facilityId
      ? readAreaFigures(channelB.facilityKpis.history, fromHour, scale)
      : null;
  const days = readClickToDoorByDay(channelA.areaKpis.history, channelB.areaKpis.history, fromHour);
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
          <CompareTableHead
            first={fromHour * 3600 === last.atS ? 'Since the edit' : `From ${formatHourLabel(fromHour)}`}
          />
          <tbody>
            {ROWS.map((row) => (
              <tr
                key={row.key}
                data-testid={`edit-impact-${row.key}`}
                data-a={a[row.key]}
                data-b={b[row.key]}
              >
                <th scope="row">{row.label}</th>
                <td>{row.format(shown(row, a[row.key]))}</td>
                <td>{row.format(shown(row, b[row.key]))}</td>
                <DeltaCell
                  delta={shown(row, b[row.key]) - shown(row, a[row.key])}
                  format={row.format}
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
      <ClickToDoorByDayChart days={days} />
    </section>
  );
}

const WIDTH = 300;
const HEIGHT = 104;
const MARGIN = { top: 14, right: 6, bottom: 16, left: 34 };

/** "+0.6 h", "−0.2 h", "0.0 h": a B − A difference in hours (describeDelta). */
function formatSignedHours(value: number): string {
  return describeDelta(value, formatHours, false).text;
}

/**
 * B − A click-to-door by delivery day, one bar a day from the edit's: above the line B's parcels
 * took longer (vermillion), below they were quicker (green). Hover a bar for A's and B's means.
 */
function ClickToDoorByDayChart({ days }: { days: ClickToDoorDay[] }) {
  const shown = days.filter(
    (day) => Number.isFinite(day.clickToDoorHA) && Number.isFinite(day.clickToDoorHB),
  );
  if (shown.length === 0) return null;
  const deltas = shown.map((day) => day.clickToDoorHB - day.clickToDoorHA);
  // Symmetric about zero, at least ±0.5 h, so a small difference looks small.
  const extent = Math.max(0.5, d3.max(deltas, Math.abs) ?? 0) * 1.15;
  const y = d3
    .scaleLinear()
    .domain([-extent, extent])
    .nice(4)
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const x = d3
    .scaleBand<number>()
    .domain(shown.map((day) => day.day))
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.25);
  const zero = y(0);
  return (
    <figure className="chart edit-impact__chart" data-testid="edit-impact-chart">
      <figcaption>
        <span className="chart-title">Click to door by delivery day, B − A</span>
        <span className="chart-unit">
          hours; <span style={{ color: TONE_COLOR.bad }}>■</span> B slower,{' '}
          <span style={{ color: TONE_COLOR.good }}>■</span> B quicker
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={`Click to door by delivery day, B minus A: ${shown
          .map((day, k) => `day ${day.day + 1} ${formatSignedHours(deltas[k])}`)
          .join(', ')}`}
      >
        {y.ticks(4).map((tick) => (
          <g key={tick}>
            <line
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={y(tick)}
              y2={y(tick)}
              className={tick === 0 ? 'edit-impact__zero' : 'grid-line'}
            />
            <text x={MARGIN.left - 4} y={y(tick)} dy="0.32em" textAnchor="end" className="axis-label">
              {tick === 0 ? '0' : formatSignedHours(tick)}
            </text>
          </g>
        ))}
        {shown.map((day, k) => {
          const delta = deltas[k];
          const { text, tone } = describeDelta(delta, formatHours, false);
          const left = x(day.day) ?? 0;
          const top = Math.min(zero, y(delta));
          const partial = day.endHour - day.firstHour < 24;
          return (
            <g
              key={day.day}
              data-testid="edit-impact-day"
              data-day={day.day + 1}
              data-a={day.clickToDoorHA}
              data-b={day.clickToDoorHB}
            >
              <title>
                {`Day ${day.day + 1}${partial ? ` (${String(day.firstHour % 24).padStart(2, '0')}h–${String(day.endHour % 24 || 24).padStart(2, '0')}h)` : ''}: A ${formatHours(day.clickToDoorHA)}, B ${formatHours(day.clickToDoorHB)} from click to door`}
              </title>
              <rect
                x={left}
                y={top}
                width={x.bandwidth()}
                height={Math.max(1, Math.abs(y(delta) - zero))}
                fill={TONE_COLOR[tone]}
                opacity={partial ? 0.55 : 1}
              />
              <text
                x={left + x.bandwidth() / 2}
                y={delta >= 0 ? top - 3 : top + Math.abs(y(delta) - zero) + 9}
                textAnchor="middle"
                className="axis-label"
              >
                {text}
              </text>
              <text x={left + x.bandwidth() / 2} y={HEIGHT - 4} textAnchor="middle" className="axis-label">
                D{day.day + 1}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
