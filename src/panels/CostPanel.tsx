/**
 * What the last mile costs per parcel, by carrier, and how the Flex marketplace is doing, over the
 * headline's hours (the last day, or the brushed window: deliveryScope).
 */
import { kpiHistory } from '../state/kpiHistory';
import { BarList } from './BarList';
import { describePartnerSurcharges, getCarrierBars } from './carriers';
import { useDeliveryScope } from './deliveryScope';
import { getLineHaulCostPerParcelUsd } from './networkDeliveries';
import { getHeadlineWindow, sumWindowColumns } from './aggregate';
import { useAppStore } from '../state/useAppStore';
import { formatCompact, formatCount, formatPercent, formatUsd } from '../ui/format';
import { ScopeNote } from './ScopeNote';

/**
 * The network's Flex columns: blocks offered, accepted, unfilled and, of those, the ones no driver
 * was left for, modelled and the real ones they stand for (the dispatcher books both: a same-day
 * block carries fewer real parcels than the vans' overflow blocks, so the ratio differs by block);
 * pay (USD) and hours worked.
 */
const BLOCK_OUTCOMES = ['Offered', 'Accepted', 'Unfilled', 'NoDriverLeft'];
const FLEX_COLUMNS = [
  ...BLOCK_OUTCOMES.map((outcome) => `flexBlocks${outcome}`),
  ...BLOCK_OUTCOMES.map((outcome) => `flexRealBlocks${outcome}`),
  'flexPayUsd',
  'flexHours',
];

const LINE_HAUL_COLUMNS = ['lineHaulCostUsd', 'lineHaul'];

export function CostPanel() {
  const scope = useDeliveryScope();
  const costs = scope.breakdown;
  const params = useAppStore((state) => state.params);
  const scale = params?.scale ?? 1;
  const blocks = (modelled: number, real: number) => (
    <span title={`${formatCount(modelled)} modelled blocks stand for ${formatCount(real)} real ones`}>
      {/* A real block is whole; the modelled ones stand for fractions of them. */}
      {formatCompact(Math.round(real))}
    </span>
  );
  const timeWindow = useAppStore((state) => state.timeWindow);
  if (!costs) {
    return (
      <section className="panel" aria-label="Cost and Flex" data-testid="panel-cost">
        <h3>Cost per parcel</h3>
        <p className="empty-state">
          Cost per parcel by carrier and Flex blocks appear at the first delivery wave.
        </p>
      </section>
    );
  }
  const headlineWindow = getHeadlineWindow(kpiHistory, timeWindow);
  // The Flex marketplace is the network's (blocks are offered per station wave, not per parcel),
  // over the same hours.
  const [
    offered,
    accepted,
    unfilled,
    noDriverLeft,
    realOffered,
    realAccepted,
    realUnfilled,
    realNoDriverLeft,
    payUsd,
    hoursWorked,
  ] = sumWindowColumns(kpiHistory, FLEX_COLUMNS, headlineWindow);
  // Of the real blocks the counts beside it show (lastMileKpis says why not the modelled ones).
  const [lineHaulCostUsd, lineHaulParcels] = sumWindowColumns(kpiHistory, LINE_HAUL_COLUMNS, headlineWindow);
  const lineHaulPerParcelUsd = getLineHaulCostPerParcelUsd(lineHaulCostUsd, lineHaulParcels, scale);
  const surchargeNote = params
    ? describePartnerSurcharges(params.startDayOfYear, headlineWindow[0], headlineWindow[1])
    : null;
  const acceptanceRate = realOffered > 0 ? realAccepted / realOffered : Number.NaN;
  const effectivePayPerHourUsd = hoursWorked > 0 ? payUsd / hoursWorked : Number.NaN;
  return (
    <section className="panel" aria-label="Cost and Flex" data-testid="panel-cost">
      <ScopeNote scope={scope} />
      <h3>
        Cost per parcel{' '}
        <span className="chart-unit" data-testid="cost-window">
          USD, last mile, {scope.windowLabel}
        </span>
        <b className="panel-figure" data-testid="kpi-cost-per-parcel">
          {formatUsd(costs.costPerParcelUsd)}
        </b>
      </h3>
      <BarList
        bars={getCarrierBars(
          (carrier) => ({
            value: costs.byCarrier[carrier].costPerParcelUsd,
            parcels: costs.byCarrier[carrier].assigned,
          }),
          'parcels',
          scale,
          'none carried',
        )}
        format={formatUsd}
      />
      {surchargeNote && (
        <p className="column-note" data-testid="cost-peak-surcharges">
          {surchargeNote}
        </p>
      )}
      {/* The trucks from FC to station, beside the last mile: where a poor forecast's longer hauls
          show (the panel read $1.71 before no pre-positioning and $1.70 after, its line-haul x4). */}
      <dl className="kpi-pairs" data-testid="cost-line-haul">
        <dt title="Trucks from the fulfillment centers to the delivery stations, whole network: their miles at the cost a mile, over the parcels they carried from FCs">
          Line-haul (trucks)
        </dt>
        <dd
          data-testid="cost-line-haul-per-parcel"
          data-value={Number.isFinite(lineHaulPerParcelUsd) ? lineHaulPerParcelUsd : ''}
        >
          {formatUsd(lineHaulPerParcelUsd)}
        </dd>
        {!scope.facility && (
          <>
            <dt title="Last mile and line-haul together; FC, sortation and station work are not priced">
              Last mile + line-haul
            </dt>
            <dd data-testid="cost-transport-per-parcel">
              {formatUsd(costs.costPerParcelUsd + lineHaulPerParcelUsd)}
            </dd>
          </>
        )}
      </dl>
      <h3>
        Amazon Flex blocks
        {scope.facility && <span className="chart-unit">whole network</span>}
      </h3>
      <dl className="kpi-pairs" data-testid="flex-blocks">
        <dt>Offered</dt>
        <dd>{blocks(offered, realOffered)}</dd>
        <dt>Accepted</dt>
        <dd data-testid="flex-acceptance" data-value={Number.isFinite(acceptanceRate) ? acceptanceRate : ''}>
          {blocks(accepted, realAccepted)} ({formatPercent(acceptanceRate)})
        </dd>
        <dt>Unfilled</dt>
        <dd>{blocks(unfilled, realUnfilled)}</dd>
        <dt
          className="kpi-part"
          title="Unfilled blocks offered after every Flex driver around the station had a block that day (Flex drivers per station): the pool, not the pay, left them"
        >
          of which no driver left
        </dt>
        <dd data-testid="flex-no-driver-left" data-value={noDriverLeft}>
          {blocks(noDriverLeft, realNoDriverLeft)}
        </dd>
        <dt>Effective pay</dt>
        <dd>{Number.isFinite(effectivePayPerHourUsd) ? `${formatUsd(effectivePayPerHourUsd)}/h` : '–'}</dd>
      </dl>
    </section>
  );
}
