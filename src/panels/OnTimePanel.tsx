/**
 * On-time delivery: the rate over the selected window (or the run), per sim hour against the
 * target, and by carrier and promise class (cumulative: the model keeps those breakdowns whole).
 */
import { useMemo } from 'react';
import { kpiHistory } from '../state/kpiHistory';
import { channelB, simView } from '../state/simClient';
import { useAppStore } from '../state/useAppStore';
import { rateSeries, windowRate } from './aggregate';
import { BarList } from './BarList';
import { CARRIERS, ON_TIME_TARGET, PROMISE_LABELS } from './carriers';
import { formatCompact, formatPercent } from './format';
import { TimeSeriesChart } from './TimeSeriesChart';
import { useKpiVersion } from './useKpiVersion';

const TARGET_LINE = { value: ON_TIME_TARGET, label: `target ${formatPercent(ON_TIME_TARGET)}` };
const RATE_DOMAIN: [number, number] = [0, 1];

export function OnTimePanel() {
  const version = useKpiVersion();
  const timeWindow = useAppStore((state) => state.timeWindow);
  const compareActive = useAppStore((state) => state.compare.active);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the history is mutable; version says when it changed
  const { rate, series } = useMemo(
    () => ({
      rate: windowRate(kpiHistory, 'deliveredOnTime', 'delivered', timeWindow),
      series: [
        {
          key: 'onTime',
          label: compareActive ? 'On time, A' : 'On time',
          color: '#009e73',
          values: rateSeries(kpiHistory, 'deliveredOnTime', 'delivered'),
        },
        ...(compareActive
          ? [
              {
                key: 'onTimeB',
                label: 'On time, B',
                color: '#cc79a7',
                dashed: true,
                values: rateSeries(channelB.kpiHistory, 'deliveredOnTime', 'delivered'),
              },
            ]
          : []),
      ],
    }),
    [version, timeWindow, compareActive],
  );
  const lastMile = simView.currentTick?.kpis.lastMile ?? null;
  const delivered = lastMile?.delivered ?? 0;
  return (
    <section className="panel" aria-label="On-time rate" data-testid="panel-on-time">
      <div className="kpi-headline">
        <span className="kpi-label">On-time rate{timeWindow ? ' (window)' : ''}</span>
        <b
          className={`kpi-value ${rate < ON_TIME_TARGET ? 'kpi-value--bad' : ''}`}
          data-testid="kpi-on-time"
          data-value={Number.isFinite(rate) ? rate : ''}
        >
          {formatPercent(rate)}
        </b>
        <span className="kpi-note">{formatCompact(delivered)} parcels delivered</span>
      </div>
      <TimeSeriesChart
        title="On time per hour"
        unit="% of deliveries"
        series={series}
        formatValue={formatPercent}
        yDomain={RATE_DOMAIN}
        target={TARGET_LINE}
        emptyText="The share delivered on time appears once parcels reach doors."
      />
      {lastMile && delivered > 0 && (
        <div className="panel-columns">
          <div>
            <h3>By carrier</h3>
            <BarList
              testId="on-time-by-carrier"
              bars={CARRIERS.map((carrier) => ({
                key: carrier.key,
                label: carrier.label,
                color: carrier.color,
                value: lastMile.byCarrier[carrier.key].onTimeRate,
                detail: `${formatCompact(lastMile.byCarrier[carrier.key].delivered)} delivered`,
              }))}
              format={formatPercent}
              domainMax={1}
              target={ON_TIME_TARGET}
            />
          </div>
          <div>
            <h3>By promise</h3>
            <BarList
              bars={Object.entries(lastMile.byPromise).map(([key, value]) => ({
                key,
                label: PROMISE_LABELS[key] ?? key,
                color: '#8fa3b8',
                value: value.onTimeRate,
                detail: `${formatCompact(value.delivered)} delivered`,
              }))}
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
