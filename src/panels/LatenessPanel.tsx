/**
 * How late late parcels are (hours, histogram) and how long order-to-door takes, over the parcels
 * delivered in the headline's hours (the last day, or the brushed window: deliveryScope).
 */
import { histogramBars } from './aggregate';
import { BarList } from './BarList';
import { useDeliveryScope } from './deliveryScope';
import { formatCompact, formatHours } from '../ui/format';
import { describeModelled, formatRealParcels, toRealParcels, useRealScale } from '../ui/realVolume';
import { LATE_COLOR, toCss } from '../ui/palette';
import { ScopeNote } from './ScopeNote';

function binLabel(lower: number, upper: number | undefined): string {
  return upper === undefined ? `${lower}+ h` : `${lower}–${upper} h`;
}

export function LatenessPanel() {
  const scope = useDeliveryScope();
  const lastMile = scope.breakdown;
  const scale = useRealScale();
  if (!lastMile || lastMile.delivered === 0) {
    return (
      <section className="panel" aria-label="Lateness" data-testid="panel-lateness">
        <ScopeNote scope={scope} />
        <h3>Lateness and click-to-door</h3>
        <p className="empty-state">
          {scope.facility
            ? `Hours late and order-to-door times appear once a parcel through ${scope.facility.name} is delivered.`
            : 'Hours late and order-to-door times appear once parcels are delivered.'}
        </p>
      </section>
    );
  }
  const edges = lastMile.lateness.binEdgesH;
  const bars = histogramBars(edges.slice(1).concat(Number.POSITIVE_INFINITY), lastMile.lateness.lateParcels);
  const late = lastMile.delivered - lastMile.deliveredOnTime;
  return (
    <section className="panel" aria-label="Lateness" data-testid="panel-lateness">
      <ScopeNote scope={scope} />
      <h3>
        Lateness and click-to-door
        <span className="chart-unit" data-testid="lateness-window">
          delivered {scope.windowLabel}
        </span>
      </h3>
      <dl className="kpi-pairs">
        <dt>Click to door</dt>
        <dd data-testid="kpi-click-to-door">{formatHours(lastMile.meanClickToDoorH)} mean</dd>
        <dt>Late parcels</dt>
        <dd title={describeModelled(late, scale)}>
          {formatRealParcels(late, scale)} · {formatHours(lastMile.meanLatenessH)} late on average
        </dd>
      </dl>
      {late > 0 ? (
        <BarList
          bars={bars.map((bar, index) => ({
            key: String(index),
            label: binLabel(edges[index], Number.isFinite(bar.upper) ? bar.upper : undefined),
            value: toRealParcels(bar.count, scale),
            color: toCss(LATE_COLOR),
            detail: `${(bar.share * 100).toFixed(1)}% of late parcels; ${describeModelled(bar.count, scale)}`,
          }))}
          format={formatCompact}
        />
      ) : (
        <p className="empty-state">No late parcels {scope.windowLabel}.</p>
      )}
    </section>
  );
}
