/** Who takes parcels to the door: shares per sim hour (stacked) and counts over the window. */
import { useMemo } from 'react';
import { useAppStore } from '../state/useAppStore';
import { shareSeries, windowBounds, windowShares } from './aggregate';
import { CARRIERS } from './carriers';
import { useDeliveryScope } from './deliveryScope';
import { ScopeNote } from './ScopeNote';
import { formatPercent } from '../ui/format';
import { describeModelled, formatRealParcels, useRealScale } from '../ui/realVolume';
import { TimeSeriesChart } from './TimeSeriesChart';

const SHARE_DOMAIN: [number, number] = [0, 1];
const ASSIGNED = CARRIERS.map((carrier) => carrier.assignedKpi);

export function CarrierMixPanel() {
  const scope = useDeliveryScope();
  const timeWindow = useAppStore((state) => state.timeWindow);
  const scale = useRealScale();
  const { series, shares, counts } = useMemo(() => {
    const history = scope.history;
    const hourly = shareSeries(history, ASSIGNED);
    const [start, end] = windowBounds(history, timeWindow);
    return {
      series: CARRIERS.map((carrier, index) => ({
        key: carrier.key,
        label: carrier.label,
        color: carrier.color,
        values: hourly[index],
      })),
      shares: windowShares(history, ASSIGNED, timeWindow),
      counts: ASSIGNED.map((name) => (timeWindow ? history.sum(name, start, end) : history.total(name))),
    };
  }, [scope, timeWindow]);
  return (
    <section className="panel" aria-label="Carrier mix" data-testid="panel-carrier-mix">
      <ScopeNote scope={scope} />
      <TimeSeriesChart
        title="Carrier mix"
        unit="share of parcels assigned per hour"
        series={series}
        stacked
        yDomain={SHARE_DOMAIN}
        formatValue={formatPercent}
        emptyText="Van, Flex, USPS and regional shares appear at the first delivery wave."
      />
      <table className="mini-table">
        <tbody>
          {CARRIERS.map((carrier, index) => (
            <tr key={carrier.key}>
              <th scope="row">
                <span className="swatch swatch--line" style={{ background: carrier.color }} /> {carrier.label}
              </th>
              <td title={describeModelled(counts[index], scale)}>
                {formatRealParcels(counts[index], scale)} parcels
              </td>
              <td>{formatPercent(shares[index])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
