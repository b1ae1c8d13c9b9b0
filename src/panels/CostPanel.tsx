/** What the last mile costs per parcel, by carrier, and how the Flex marketplace is doing. */
import { simView } from '../state/simClient';
import { BarList } from './BarList';
import { CARRIERS } from './carriers';
import { useDeliveryScope } from './deliveryScope';
import { getScaledCapacity } from '../sim/lastMile/deliveryVans';
import { useAppStore } from '../state/useAppStore';
import { formatCompact, formatCount, formatPercent, formatUsd } from '../ui/format';
import { describeModelled, formatRealParcels } from '../ui/realVolume';
import { ScopeNote } from './ScopeNote';

export function CostPanel() {
  const scope = useDeliveryScope();
  const costs = scope.breakdown;
  const params = useAppStore((state) => state.params);
  const scale = params?.scale ?? 1;
  // A modelled Flex route stands for 1 / (scale x real parcels per modelled parcel) real blocks,
  // as the dispatcher costs it (lastMileDispatcher.ts, representedRoutes).
  const realBlocksPerModelled = params
    ? 1 / (scale * getScaledCapacity(params.flexCapacityParcels, scale)[1])
    : 1;
  const blocks = (modelled: number) => (
    <span
      title={`${formatCount(modelled)} modelled blocks (1 modelled = ${realBlocksPerModelled.toFixed(1)} real)`}
    >
      {formatCompact(modelled * realBlocksPerModelled)}
    </span>
  );
  // The Flex marketplace is the network's: blocks are offered per station wave, not per parcel.
  const lastMile = simView.currentTick?.kpis.lastMile ?? null;
  if (!lastMile || !costs) {
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
      <ScopeNote scope={scope} />
      <h3>
        Cost per parcel <span className="chart-unit">USD, last mile</span>
        <b className="panel-figure" data-testid="kpi-cost-per-parcel">
          {formatUsd(costs.costPerParcelUsd)}
        </b>
      </h3>
      <BarList
        bars={CARRIERS.map((carrier) => ({
          key: carrier.key,
          label: carrier.label,
          color: carrier.color,
          value: costs.byCarrier[carrier.key].costPerParcelUsd,
          detail: `${formatRealParcels(costs.byCarrier[carrier.key].assigned, scale)} parcels (${describeModelled(costs.byCarrier[carrier.key].assigned, scale)})`,
        }))}
        format={formatUsd}
      />
      <h3>
        Amazon Flex blocks
        {scope.facility && <span className="chart-unit">whole network</span>}
      </h3>
      <dl className="kpi-pairs" data-testid="flex-blocks">
        <dt>Offered</dt>
        <dd>{blocks(flex.blocksOffered)}</dd>
        <dt>Accepted</dt>
        <dd
          data-testid="flex-acceptance"
          data-value={Number.isFinite(flex.acceptanceRate) ? flex.acceptanceRate : ''}
        >
          {blocks(flex.blocksAccepted)} ({formatPercent(flex.acceptanceRate)})
        </dd>
        <dt>Unfilled</dt>
        <dd>{blocks(flex.blocksUnfilled)}</dd>
        <dt>Effective pay</dt>
        <dd>
          {Number.isFinite(flex.effectivePayPerHourUsd) ? `${formatUsd(flex.effectivePayPerHourUsd)}/h` : '–'}
        </dd>
      </dl>
    </section>
  );
}
