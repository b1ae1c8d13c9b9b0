/** What the last mile costs per parcel, by carrier, and how the Flex marketplace is doing. */
import { simView } from '../state/simClient';
import { BarList } from './BarList';
import { CARRIERS } from './carriers';
import { formatCompact, formatPercent, formatUsd } from './format';
import { useKpiVersion } from './useKpiVersion';

export function CostPanel() {
  useKpiVersion();
  const lastMile = simView.currentTick?.kpis.lastMile ?? null;
  if (!lastMile) {
    return (
      <section className="panel" aria-label="Cost and Flex" data-testid="panel-cost">
        <h3>Cost per parcel</h3>
        <p className="empty-state">
          Cost per parcel by carrier and Flex blocks appear at the first delivery wave.
        </p>
      </section>
    );
  }
  const flex = lastMile.flex;
  return (
    <section className="panel" aria-label="Cost and Flex" data-testid="panel-cost">
      <h3>
        Cost per parcel <span className="chart-unit">USD, last mile</span>
        <b className="panel-figure" data-testid="kpi-cost-per-parcel">
          {formatUsd(lastMile.costPerParcelUsd)}
        </b>
      </h3>
      <BarList
        bars={CARRIERS.map((carrier) => ({
          key: carrier.key,
          label: carrier.label,
          color: carrier.color,
          value: lastMile.byCarrier[carrier.key].costPerParcelUsd,
          detail: `${formatCompact(lastMile.byCarrier[carrier.key].assigned)} parcels`,
        }))}
        format={formatUsd}
      />
      <h3>Amazon Flex blocks</h3>
      <dl className="kpi-pairs" data-testid="flex-blocks">
        <dt>Offered</dt>
        <dd>{formatCompact(flex.blocksOffered)}</dd>
        <dt>Accepted</dt>
        <dd
          data-testid="flex-acceptance"
          data-value={Number.isFinite(flex.acceptanceRate) ? flex.acceptanceRate : ''}
        >
          {formatCompact(flex.blocksAccepted)} ({formatPercent(flex.acceptanceRate)})
        </dd>
        <dt>Unfilled</dt>
        <dd>{formatCompact(flex.blocksUnfilled)}</dd>
        <dt>Effective pay</dt>
        <dd>
          {Number.isFinite(flex.effectivePayPerHourUsd) ? `${formatUsd(flex.effectivePayPerHourUsd)}/h` : '–'}
        </dd>
      </dl>
    </section>
  );
}
