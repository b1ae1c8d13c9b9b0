/**
 * Who takes parcels to the door: shares of the parcels delivered per sim hour (stacked) and the
 * parcels handed to each carrier over the headline's hours (the last day, or the brushed window:
 * deliveryScope).
 */
import { useMemo } from 'react';
import { countHoursWithNone, shareSeries, windowShares } from './aggregate';
import { CARRIERS } from './carriers';
import { useDeliveryScope } from './deliveryScope';
import { ScopeNote } from './ScopeNote';
import { formatPercent } from '../ui/format';
import { describeModelled, formatRealParcels, useRealScale } from '../ui/realVolume';
import { TimeSeriesChart } from './TimeSeriesChart';

const SHARE_DOMAIN: [number, number] = [0, 1];
const ASSIGNED = CARRIERS.map((carrier) => carrier.assignedKpi);
/**
 * The chart's hours: parcels reaching doors, by carrier, in the network's history and in a
 * facility's. Hand-overs per hour drew the vans as one spike at each van wave and USPS over every
 * other hour, as if USPS carried most parcels; vans deliver from morning to evening.
 */
const DELIVERED_IN_NETWORK = ['deliveredVan', 'deliveredFlex', 'deliveredUsps', 'deliveredRegional'];
const DELIVERED_AT_FACILITY = ['deliveredByVan', 'deliveredByFlex', 'deliveredByUsps', 'deliveredByRegional'];

export function CarrierMixPanel() {
  const scope = useDeliveryScope();
  const scale = useRealScale();
  const { series, shares, counts, hoursWithNone, hours } = useMemo(() => {
    const history = scope.history;
    const delivered = history.has(DELIVERED_IN_NETWORK[0]) ? DELIVERED_IN_NETWORK : DELIVERED_AT_FACILITY;
    const hourly = shareSeries(history, delivered);
    const [start, end] = scope.window;
    return {
      series: CARRIERS.map((carrier, index) => ({
        key: carrier.key,
        label: carrier.label,
        color: carrier.color,
        values: hourly[index],
      })),
      shares: windowShares(history, ASSIGNED, scope.window),
      counts: ASSIGNED.map((name) => history.sum(name, start, end)),
      hoursWithNone: countHoursWithNone(history, delivered, scope.window),
      hours: end - start,
    };
  }, [scope]);
  return (
    <section className="panel" aria-label="Carrier mix" data-testid="panel-carrier-mix">
      <ScopeNote scope={scope} />
      <TimeSeriesChart
        title="Carrier mix"
        unit="share of parcels delivered per hour"
        series={series}
        stacked
        yDomain={SHARE_DOMAIN}
        formatValue={formatPercent}
        emptyText="Van, Flex, USPS and regional shares appear at the first delivery wave."
      />
      <p className="kpi-note" data-testid="carrier-mix-window">
        Parcels handed to each carrier {scope.windowLabel}
      </p>
      {hoursWithNone > 0 && (
        // A stacked share has nothing to draw in such an hour: said, so a gap does not read as missing data.
        <p className="kpi-note" data-testid="carrier-mix-blank-hours" data-value={hoursWithNone}>
          Blank hours above: no parcel reached a door ({hoursWithNone} of these {hours} h: doors are visited
          from morning to evening, local time).
        </p>
      )}
      <table className="mini-table" data-testid="carrier-mix-counts">
        <tbody>
          {CARRIERS.map((carrier, index) => (
            <tr key={carrier.key}>
              <th scope="row">
                <span className="swatch swatch--line" style={{ background: carrier.color }} /> {carrier.label}
              </th>
              <td title={describeModelled(counts[index], scale)} data-value={counts[index]}>
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
