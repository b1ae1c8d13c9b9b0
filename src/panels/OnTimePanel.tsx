/**
 * On-time delivery: the rate over the selected window (or the last sim day: getHeadlineWindow),
 * hour by hour against the target, and by carrier and promise class — for the network, or for
 * the parcels through the selected facility (deliveryScope). The network's rate is the honest
 * one: every parcel whose promise fell due in the hours covered, late if it had not reached the
 * door by then (the model's due ledger), and the panel says which hours it covers. Promises fall
 * due in a few evening hours, so the chart draws the headline as it stood at each hour (the
 * parcels due in the 24 h before it) from the first hour anything fell due: a line with no
 * gaps instead of a few points a day. A facility's ledger counts delivered parcels only, and the
 * panel says so. The breakdowns cover the headline's hours too.
 */
import { useMemo } from 'react';
import { channelB } from '../state/simClient';
import { useAppStore } from '../state/useAppStore';
import type { KpiHistory } from '../state/kpiHistory';
import {
  getFirstCountedHour,
  getHeadlineWindow,
  HEADLINE_HOURS,
  sumWindowColumns,
  trailingRateSeries,
  windowRate,
} from './aggregate';
import { BarList } from './BarList';
import { getCarrierBars, ON_TIME_TARGET, PROMISE_LABELS } from './carriers';
import { ScopeNote } from './ScopeNote';
import { useDeliveryScope } from './deliveryScope';
import { formatHourLabel, formatPercent } from '../ui/format';
import { describeModelled, formatRealParcels, useRealScale } from '../ui/realVolume';
import { MUTED_COLOR, ON_TIME_COLOR, SCENARIO_B_COLOR, toCss } from '../ui/palette';
import { getMeanConfidenceInterval, getPercentileBand } from './replicaStats';
import { TimeSeriesChart } from './TimeSeriesChart';
import { useReplicaRuns } from './useReplicaRuns';

const TARGET_LINE = { value: ON_TIME_TARGET, label: `target ${formatPercent(ON_TIME_TARGET)}` };
const RATE_DOMAIN: [number, number] = [0, 1];

/** Which columns make the rate: parcels due (honest) where the history has them, else deliveries. */
function getOnTimeMeasure(history: KpiHistory) {
  return history.has('dueParcels')
    ? {
        onTime: 'dueOnTime',
        of: 'dueParcels',
        unit: `% of parcels due in the ${HEADLINE_HOURS} h to each hour`,
        honest: true,
      }
    : {
        onTime: 'deliveredOnTime',
        of: 'delivered',
        unit: `% of deliveries in the ${HEADLINE_HOURS} h to each hour`,
        honest: false,
      };
}

/**
 * What the headline counts under the honest measure: the parcels due in its hours (`counted`,
 * modelled; `scale` the run's share of real volume), or why there are none. Hours since the run's
 * start, `toHour` exclusive.
 */
export function describeDueParcels(counted: number, scale: number, fromHour: number, toHour: number): string {
  if (toHour <= fromHour) return 'nothing due yet: no hour has closed';
  const hours = `${formatHourLabel(fromHour)}–${formatHourLabel(toHour)}`;
  // Under the headline's dash, "of 0 parcels due D1 00h–D1 04h, late if not yet delivered" read
  // like a figure that failed to load (day 1 before the evening, or a brushed quiet window).
  if (!(counted > 0)) return `no parcel fell due ${hours}`;
  return `of ${formatRealParcels(counted, scale)} parcels due ${hours}, late if not yet delivered`;
}

export function OnTimePanel() {
  const scope = useDeliveryScope();
  const timeWindow = useAppStore((state) => state.timeWindow);
  const scale = useRealScale();
  // B is a whole network: beside one facility of A it would compare unlike things.
  const compareActive = useAppStore((state) => state.compare.active) && scope.facility === null;
  const measure = getOnTimeMeasure(scope.history);
  const replicaRuns = useReplicaRuns();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the replicas' histories are mutable; their version says when they changed
  const { rate, counted, series, interval, headlineWindow, firstHour } = useMemo(() => {
    // Without a brushed window the headline counts the last day, its chart every hour.
    const headlineWindow = getHeadlineWindow(scope.history, timeWindow);
    // The same scenario on other seeds: A's own scope (the network, or the facility) in each.
    const replicas = scope.facility ? replicaRuns.facility(scope.facility.id) : replicaRuns.networks;
    const runs = [scope.history, ...replicas];
    // The axis starts where A's first parcels were counted: the hours before have no rate.
    const firstHour = getFirstCountedHour(scope.history, measure.of);
    const hourly = runs.map((history) =>
      trailingRateSeries(history, measure.onTime, measure.of).subarray(firstHour),
    );
    return {
      headlineWindow,
      firstHour,
      rate: windowRate(scope.history, measure.onTime, measure.of, headlineWindow),
      counted: sumWindowColumns(scope.history, [measure.of], headlineWindow)[0],
      interval:
        replicas.length > 0
          ? getMeanConfidenceInterval(
              runs.map((history) => windowRate(history, measure.onTime, measure.of, headlineWindow)),
            )
          : null,
      series: [
        {
          key: 'onTime',
          label: compareActive ? 'On time, A' : 'On time',
          color: toCss(ON_TIME_COLOR),
          values: hourly[0],
          band:
            replicas.length > 0
              ? { ...getPercentileBand(hourly), label: `5th to 95th percentile of ${runs.length} runs` }
              : undefined,
        },
        ...(compareActive
          ? [
              {
                key: 'onTimeB',
                label: 'On time, B',
                color: toCss(SCENARIO_B_COLOR),
                dashed: true,
                values: trailingRateSeries(channelB.kpiHistory, measure.onTime, measure.of).subarray(
                  firstHour,
                ),
              },
            ]
          : []),
      ],
    };
  }, [scope, timeWindow, compareActive, measure.onTime, measure.of, replicaRuns.version, replicaRuns.count]);
  const [fromHour, toHour] = headlineWindow;
  const breakdown = scope.breakdown;
  const delivered = breakdown?.delivered ?? 0;
  const breakdownNote = scope.windowLabel;
  return (
    <section className="panel" aria-label="On-time rate" data-testid="panel-on-time">
      <ScopeNote scope={scope} />
      <div className="kpi-headline">
        {/* The hours it counts: a day, or fewer early in a run ("last 24 h" over 3 h read wrong). */}
        <span className="kpi-label" data-testid="kpi-on-time-label">
          On-time rate
          {timeWindow ? ' (window)' : toHour > fromHour ? `, last ${toHour - fromHour} h` : ''}
        </span>
        <b
          className={`kpi-value ${rate < ON_TIME_TARGET ? 'kpi-value--bad' : ''}`}
          data-testid="kpi-on-time"
          data-value={Number.isFinite(rate) ? rate : ''}
        >
          {formatPercent(rate)}
        </b>
        {interval && Number.isFinite(interval.halfWidth) && (
          <span
            className="kpi-interval"
            data-testid="kpi-on-time-ci"
            data-low={interval.mean - interval.halfWidth}
            data-high={interval.mean + interval.halfWidth}
            title={`Mean of ${interval.runs} runs on different seeds (this one and ${interval.runs - 1} replications), with its 95% confidence interval`}
          >
            {formatPercent(interval.mean)} ± {(interval.halfWidth * 100).toFixed(1)} pts over {interval.runs}{' '}
            runs
          </span>
        )}
        <span
          className="kpi-note"
          data-testid="kpi-on-time-window"
          title={
            measure.honest
              ? `${describeModelled(counted, scale)} due; a parcel not at the door by its promise counts as late`
              : describeModelled(counted, scale)
          }
        >
          {measure.honest
            ? describeDueParcels(counted, scale, fromHour, toHour)
            : `of ${formatRealParcels(counted, scale)} parcels delivered ${breakdownNote}`}
        </span>
        <span
          className="kpi-note"
          data-testid="kpi-delivered"
          data-value={delivered}
          title={describeModelled(delivered, scale)}
        >
          {formatRealParcels(delivered, scale)} parcels delivered {breakdownNote}
        </span>
      </div>
      <TimeSeriesChart
        title={`On time, last ${HEADLINE_HOURS} h, by hour`}
        unit={measure.unit}
        series={series}
        firstHour={firstHour}
        testId="on-time-chart"
        formatValue={formatPercent}
        yDomain={RATE_DOMAIN}
        target={TARGET_LINE}
        emptyText={
          scope.facility
            ? `On time for parcels through ${scope.facility.name} appears once one of them reaches a door.`
            : measure.honest
              ? 'The share on time appears once the first promises fall due (in the evening of day 1).'
              : 'The share delivered on time appears once parcels reach doors.'
        }
      />
      {breakdown && delivered > 0 && (
        <div className="panel-columns">
          <div>
            <h3 title={`Of parcels delivered ${breakdownNote}, by the carrier that took them to the door`}>
              By carrier
            </h3>
            {/* Visible, not only in the title: a headline of parcels due (late while still on the
                way) read 88.6% above carriers all at 95-100% of what they delivered. */}
            <p className="column-note" data-testid="on-time-by-carrier-basis">
              of parcels delivered
            </p>
            <BarList
              testId="on-time-by-carrier"
              bars={getCarrierBars(
                (carrier) => ({
                  value: breakdown.byCarrier[carrier].onTimeRate,
                  parcels: breakdown.byCarrier[carrier].delivered,
                }),
                'delivered',
                scale,
                'none delivered',
              )}
              format={formatPercent}
              domainMax={1}
              target={ON_TIME_TARGET}
            />
          </div>
          <div>
            <h3 title={measure.honest ? 'Of parcels due, as the headline' : 'Of parcels delivered'}>
              By promise
            </h3>
            <p className="column-note">
              {measure.honest ? 'of parcels due, as the headline' : 'of parcels delivered'}
            </p>
            <BarList
              testId="on-time-by-promise"
              bars={Object.entries(breakdown.byPromise).map(([key, value]) => {
                // The honest figure per class where the history has it: dueSameDay, dueSameDayOnTime, ...
                const due = `due${key[0].toUpperCase()}${key.slice(1)}`;
                const honest = measure.honest && scope.history.has(due);
                const counted = honest
                  ? sumWindowColumns(scope.history, [due], headlineWindow)[0]
                  : value.delivered;
                return {
                  key,
                  label: PROMISE_LABELS[key] ?? key,
                  color: toCss(MUTED_COLOR),
                  value: honest
                    ? windowRate(scope.history, `${due}OnTime`, due, headlineWindow)
                    : value.onTimeRate,
                  detail: `${formatRealParcels(counted, scale)} ${honest ? 'due' : 'delivered'} (${describeModelled(counted, scale)})`,
                  emptyText: honest ? 'none due' : 'none delivered',
                };
              })}
              format={formatPercent}
              domainMax={1}
              target={ON_TIME_TARGET}
            />
          </div>
        </div>
      )}
    </section>
  );
}
