/**
 * On-time delivery: the rate over the selected window (or the run), per sim hour against the
 * target, and by carrier and promise class — for the network, or for the parcels through the
 * selected facility (deliveryScope). The network's breakdowns are the run's (the model keeps
 * them whole); a facility's follow the window too.
 */
import { useMemo } from 'react';
import { channelB } from '../state/simClient';
import { useAppStore } from '../state/useAppStore';
import { rateSeries, windowRate } from './aggregate';
import { BarList } from './BarList';
import { CARRIERS, ON_TIME_TARGET, PROMISE_LABELS } from './carriers';
import { ScopeNote } from './ScopeNote';
import { useDeliveryScope } from './deliveryScope';
import { formatPercent } from '../ui/format';
import { describeModelled, formatRealParcels, useRealScale } from '../ui/realVolume';
import { MUTED_COLOR, ON_TIME_COLOR, SCENARIO_B_COLOR, toCss } from '../ui/palette';
import { TimeSeriesChart } from './TimeSeriesChart';

const TARGET_LINE = { value: ON_TIME_TARGET, label: `target ${formatPercent(ON_TIME_TARGET)}` };
const RATE_DOMAIN: [number, number] = [0, 1];

export function OnTimePanel() {
  const scope = useDeliveryScope();
  const timeWindow = useAppStore((state) => state.timeWindow);
  const scale = useRealScale();
  // B is a whole network: beside one facility of A it would compare unlike things.
  const compareActive = useAppStore((state) => state.compare.active) && scope.facility === null;
  const { rate, series } = useMemo(
    () => ({
      rate: windowRate(scope.history, 'deliveredOnTime', 'delivered', timeWindow),
      series: [
        {
          key: 'onTime',
          label: compareActive ? 'On time, A' : 'On time',
          color: toCss(ON_TIME_COLOR),
          values: rateSeries(scope.history, 'deliveredOnTime', 'delivered'),
        },
        ...(compareActive
          ? [
              {
                key: 'onTimeB',
                label: 'On time, B',
                color: toCss(SCENARIO_B_COLOR),
                dashed: true,
                values: rateSeries(channelB.kpiHistory, 'deliveredOnTime', 'delivered'),
              },
            ]
          : []),
      ],
    }),
    [scope, timeWindow, compareActive],
  );
  const breakdown = scope.breakdown;
  const delivered = breakdown?.delivered ?? 0;
  const breakdownNote = scope.breakdownIsWindowed ? 'in the window' : 'since the start';
  return (
    <section className="panel" aria-label="On-time rate" data-testid="panel-on-time">
      <ScopeNote scope={scope} />
      <div className="kpi-headline">
        <span className="kpi-label">On-time rate{timeWindow ? ' (window)' : ''}</span>
        <b
          className={`kpi-value ${rate < ON_TIME_TARGET ? 'kpi-value--bad' : ''}`}
          data-testid="kpi-on-time"
          data-value={Number.isFinite(rate) ? rate : ''}
        >
          {formatPercent(rate)}
        </b>
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
        title="On time per hour"
        unit="% of deliveries"
        series={series}
        formatValue={formatPercent}
        yDomain={RATE_DOMAIN}
        target={TARGET_LINE}
        emptyText={
          scope.facility
            ? `On time for parcels through ${scope.facility.name} appears once one of them reaches a door.`
            : 'The share delivered on time appears once parcels reach doors.'
        }
      />
      {breakdown && delivered > 0 && (
        <div className="panel-columns">
          <div>
            <h3>By carrier</h3>
            <BarList
              testId="on-time-by-carrier"
              bars={CARRIERS.map((carrier) => ({
                key: carrier.key,
                label: carrier.label,
                color: carrier.color,
                value: breakdown.byCarrier[carrier.key].onTimeRate,
                detail: `${formatRealParcels(breakdown.byCarrier[carrier.key].delivered, scale)} delivered (${describeModelled(breakdown.byCarrier[carrier.key].delivered, scale)})`,
              }))}
              format={formatPercent}
              domainMax={1}
              target={ON_TIME_TARGET}
            />
          </div>
          <div>
            <h3>By promise</h3>
            <BarList
              bars={Object.entries(breakdown.byPromise).map(([key, value]) => ({
                key,
                label: PROMISE_LABELS[key] ?? key,
                color: toCss(MUTED_COLOR),
                value: value.onTimeRate,
                detail: `${formatRealParcels(value.delivered, scale)} delivered (${describeModelled(value.delivered, scale)})`,
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
