/** Who takes parcels to the door: shares per sim hour (stacked) and counts over the window. */
import { useMemo } from 'react';
import { kpiHistory } from '../state/kpiHistory';
import { useAppStore } from '../state/useAppStore';
import { shareSeries, windowBounds, windowShares } from './aggregate';
import { CARRIERS } from './carriers';
import { formatCompact, formatPercent } from './format';
import { TimeSeriesChart } from './TimeSeriesChart';
import { useKpiVersion } from './useKpiVersion';

const SHARE_DOMAIN: [number, number] = [0, 1];
const ASSIGNED = CARRIERS.map((carrier) => carrier.assignedKpi);

export function CarrierMixPanel() {
  const version = useKpiVersion();
  const timeWindow = useAppStore((state) => state.timeWindow);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the history is mutable; version says when it changed
  const { series, shares, counts } = useMemo(() => {
    const hourly = shareSeries(kpiHistory, ASSIGNED);
    const [start, end] = windowBounds(kpiHistory, timeWindow);
    return {
      series: CARRIERS.map((carrier, index) => ({
        key: carrier.key,
        label: carrier.label,
        color: carrier.color,
        values: hourly[index],
      })),
      shares: windowShares(kpiHistory, ASSIGNED, timeWindow),
      counts: ASSIGNED.map((name) =>
        timeWindow ? kpiHistory.sum(name, start, end) : kpiHistory.total(name),
      ),
    };
  }, [version, timeWindow]);
  return (
    <section className="panel" aria-label="Carrier mix" data-testid="panel-carrier-mix">
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
              <td>{formatCompact(counts[index])} parcels</td>
              <td>{formatPercent(shares[index])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
