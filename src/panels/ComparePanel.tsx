/**
 * A/B compare and fork: start scenario B beside A (same seed from the start, or forked from A's
 * state now), see A, B and the difference for the KPIs that matter, and where the time changed.
 * Identical scenarios show exactly zero: both runs share the seed's random streams. Every figure
 * covers the same hours in A and B (getCompareWindow): the brushed window, or the last day both
 * have completed, so a start-up on an empty network drops out of the comparison as it does out
 * of the headline.
 */
import { useMemo } from 'react';
import type { KpiHistory } from '../state/kpiHistory';
import type { SimView } from '../state/simChannel';
import { describeHourWindow, getCompareWindow, sumWindowColumns } from './aggregate';
import { getLineHaulCostPerParcelUsd, getNetworkDeliveryKpis } from './networkDeliveries';
import { channelA, channelB, startCompare, stopCompare } from '../state/simClient';
import { forkNow } from '../ui/paramChanges';
import { appStore } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { formatCompact, formatHours, formatPercent, formatSimClock, formatUsd } from '../ui/format';
import { toRealParcels } from '../ui/realVolume';
import { CompareTableHead, DeltaCell, describeDelta, TONE_COLOR } from './CompareTable';
import { EditImpactPanel } from './EditImpactPanel';
import { useKpiRowsVersion } from './useKpiRowsVersion';

interface CompareRow {
  key: string;
  label: string;
  /** The figure over the sim hours `window` [start, end) of `history`. */
  read: (history: KpiHistory, view: SimView, window: readonly [number, number]) => number;
  format: (value: number) => string;
  /** Whether a larger value is better (colours the difference). */
  higherIsBetter: boolean;
  /** A count of modelled parcels: shown at real volume, each scenario by its own scale. */
  parcels?: boolean;
}

/** A row's figure for one scenario over the compared hours, at real volume when it counts parcels. */
function readRow(
  row: CompareRow,
  history: KpiHistory,
  view: SimView,
  window: readonly [number, number],
): number {
  const value = row.read(history, view, window);
  return row.parcels ? toRealParcels(value, view.params?.scale ?? 1) : value;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
/** A flow's sum over the window. */
const sum = (history: KpiHistory, name: string, [start, end]: readonly [number, number]) =>
  history.sum(name, start, end);
/** Two flows' sums over the window, divided. */
const windowRatio = (history: KpiHistory, top: string, bottom: string, window: readonly [number, number]) =>
  ratio(sum(history, top, window), sum(history, bottom, window));

/** A row as written: its figure a flow's sum, a ratio of two flows' sums, or read its own way. */
type CompareRowSpec = Omit<CompareRow, 'read'> &
  ({ sumOf: string } | { ratioOf: readonly [top: string, bottom: string] } | Pick<CompareRow, 'read'>);

function toCompareRow(spec: CompareRowSpec): CompareRow {
  if ('read' in spec) return spec;
  if ('sumOf' in spec) {
    const { sumOf, ...row } = spec;
    return { ...row, read: (history, _, window) => sum(history, sumOf, window) };
  }
  const {
    ratioOf: [top, bottom],
    ...row
  } = spec;
  return { ...row, read: (history, _, window) => windowRatio(history, top, bottom, window) };
}

const percentHigherBetter = { format: formatPercent, higherIsBetter: true };
const countHigherBetter = { format: formatCompact, higherIsBetter: true };

export const COMPARE_ROWS: CompareRow[] = (
  [
    // Honest: every parcel whose promise fell due, late if not delivered by then.
    {
      key: 'onTimeRate',
      label: 'On-time rate',
      ratioOf: ['dueOnTime', 'dueParcels'],
      ...percentHigherBetter,
    },
    { key: 'delivered', label: 'Delivered', sumOf: 'delivered', ...countHigherBetter, parcels: true },
    {
      key: 'clickToDoorH',
      label: 'Click to door',
      ratioOf: ['clickToDoorHoursSum', 'delivered'],
      format: formatHours,
      higherIsBetter: false,
    },
    {
      key: 'costPerParcelUsd',
      label: 'Last-mile cost / parcel',
      read: (history, view, window) =>
        getNetworkDeliveryKpis(history, window, view.params?.scale ?? 1)?.costPerParcelUsd ?? Number.NaN,
      format: formatUsd,
      higherIsBetter: false,
    },
    {
      key: 'flexAcceptance',
      label: 'Flex acceptance',
      ratioOf: ['flexRealBlocksAccepted', 'flexRealBlocksOffered'],
      ...percentHigherBetter,
    },
    { key: 'ordered', label: 'Ordered', sumOf: 'ordered', ...countHigherBetter, parcels: true },
    {
      key: 'inRegion',
      label: 'Sourced in region',
      ratioOf: ['sourcedInRegion', 'ordered'],
      ...percentHigherBetter,
    },
    {
      key: 'lineHaulCostPerParcelUsd',
      label: 'Line-haul cost / parcel',
      read: (history, view, window) => {
        const [costUsd, parcels] = sumWindowColumns(history, ['lineHaulCostUsd', 'lineHaul'], window);
        return getLineHaulCostPerParcelUsd(costUsd, parcels, view.params?.scale ?? 1);
      },
      format: formatUsd,
      higherIsBetter: false,
    },
    {
      key: 'lineHaulMiles',
      label: 'Line-haul miles',
      sumOf: 'lineHaulMiles',
      ...countHigherBetter,
      higherIsBetter: false,
    },
  ] satisfies CompareRowSpec[]
).map(toCompareRow);

export function ComparePanel() {
  const version = useKpiRowsVersion();
  const compare = useAppStore((state) => state.compare);
  const paramsA = useAppStore((state) => state.params);
  const lastEdit = useAppStore((state) => state.networkEdit.last);
  const timeWindow = useAppStore((state) => state.timeWindow);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the channels are mutable; version says when their rows changed, the parameters when a scale did
  const { rows, window } = useMemo(() => {
    const window = getCompareWindow(channelA.kpiHistory.hours, channelB.kpiHistory.hours, timeWindow);
    if (!window) return { rows: [], window };
    const rows = COMPARE_ROWS.map((row) => {
      const a = readRow(row, channelA.kpiHistory, channelA.view, window);
      const b =
        compare.active && channelB.view.currentTick
          ? readRow(row, channelB.kpiHistory, channelB.view, window)
          : Number.NaN;
      return { row, a, b, delta: b - a };
    });
    return { rows, window };
  }, [version, compare.active, timeWindow, paramsA, compare.params]);

  if (!compare.active) {
    return (
      <section className="panel compare" aria-label="Compare scenarios" data-testid="panel-compare">
        <h3>Compare scenarios</h3>
        <p className="empty-state">
          Run a scenario B beside this one on the same seed, or fork the future from now, then change B's
          parameters in the drawer.
        </p>
        <div className="selection-actions">
          <button
            type="button"
            disabled={!paramsA}
            onClick={() => paramsA && startCompare(paramsA, false)}
            data-testid="start-ab"
          >
            A/B from the start
          </button>
          <button
            type="button"
            disabled={!paramsA}
            onClick={() => paramsA && forkNow(paramsA)}
            data-testid="start-fork"
          >
            Fork from now
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="panel compare" aria-label="Compare scenarios" data-testid="panel-compare">
      <h3>
        <span className="compare-title" data-testid="compare-title">
          A vs B
        </span>
        <span className="chart-unit">
          {compare.mode === 'fork'
            ? `forked at ${formatSimClock(compare.forkTimeS, paramsA?.startDayOfYear ?? null)}`
            : 'same seed from the start'}
        </span>
        <button type="button" className="panel-figure" onClick={stopCompare} data-testid="stop-compare">
          Stop B
        </button>
      </h3>
      <fieldset className="segmented">
        <legend>Map shows</legend>
        {(['A', 'B', 'diff'] as const).map((source) => (
          <button
            key={source}
            type="button"
            className={compare.mapSource === source ? 'active' : ''}
            aria-pressed={compare.mapSource === source}
            onClick={() =>
              appStore.setState((state) => ({ compare: { ...state.compare, mapSource: source } }))
            }
            data-testid={`map-source-${source}`}
          >
            {source === 'diff' ? 'Difference' : `Scenario ${source}`}
          </button>
        ))}
      </fieldset>
      {compare.phase !== 'ready' || !window ? (
        <p className="empty-state">Scenario B is catching up to the display time…</p>
      ) : (
        <table className="mini-table compare-table" data-testid="compare-table">
          <caption className="kpi-note" data-testid="compare-window">
            {describeHourWindow(window, timeWindow !== null)}
          </caption>
          <CompareTableHead first="KPI" />
          <tbody>
            {rows.map(({ row, a, b, delta }) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <td>{row.format(a)}</td>
                <td>{row.format(b)}</td>
                <DeltaCell
                  delta={delta}
                  format={row.format}
                  higherIsBetter={row.higherIsBetter}
                  testId={`delta-${row.key}`}
                />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {compare.phase === 'ready' && lastEdit?.scenario === 'B' && <EditImpactPanel last={lastEdit} />}
      {compare.phase === 'ready' && window && <StageWaterfall window={window} />}
    </section>
  );
}

/**
 * Where the order-to-door time changed between A and B: A's mean, the change before the parcel
 * reaches its delivery station (fulfillment and line-haul), the change from station to door,
 * and B's mean. Means over the parcels ready at a station and delivered in the compared hours,
 * in hours.
 */
function StageWaterfall({ window }: { window: readonly [number, number] }) {
  const read = (history: KpiHistory) => {
    const toStation = windowRatio(history, 'clickToStationHoursSum', 'readyAtStation', window);
    const toDoor = windowRatio(history, 'clickToDoorHoursSum', 'delivered', window);
    return { toStation, stationToDoor: toDoor - toStation, toDoor };
  };
  const a = read(channelA.kpiHistory);
  const b = read(channelB.kpiHistory);
  if (![a.toDoor, b.toDoor, a.toStation, b.toStation].every(Number.isFinite)) return null;
  const steps = [
    { label: 'A: click to door', start: 0, end: a.toDoor, kind: 'total' },
    {
      label: 'Fulfillment + line-haul',
      start: a.toDoor,
      end: a.toDoor + (b.toStation - a.toStation),
      kind: 'delta',
    },
    {
      label: 'Station to door',
      start: a.toDoor + (b.toStation - a.toStation),
      end: b.toDoor,
      kind: 'delta',
    },
    { label: 'B: click to door', start: 0, end: b.toDoor, kind: 'total' },
  ];
  const max = Math.max(...steps.map((step) => Math.max(step.start, step.end))) * 1.05 || 1;
  return (
    <figure className="chart waterfall" data-testid="compare-waterfall">
      <figcaption>
        <span className="chart-title">Where the time changed</span>
        <span className="chart-unit">mean hours per parcel</span>
      </figcaption>
      <ul className="bar-list">
        {steps.map((step) => {
          const low = Math.min(step.start, step.end);
          const high = Math.max(step.start, step.end);
          const { text, tone } = describeDelta(step.end - step.start, formatHours, false);
          const color = step.kind === 'total' ? TONE_COLOR.none : TONE_COLOR[tone];
          return (
            <li key={step.label} className="bar-row bar-row--static">
              <span className="bar-label">{step.label}</span>
              <span className="bar-track">
                <span
                  className="bar-fill waterfall-fill"
                  style={{
                    marginLeft: `${(low / max) * 100}%`,
                    width: `${Math.max(0.5, ((high - low) / max) * 100)}%`,
                    background: color,
                  }}
                />
              </span>
              <b className="bar-value">{step.kind === 'total' ? formatHours(step.end) : text}</b>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
