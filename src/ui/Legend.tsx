import { FACILITY_COLORS, FACILITY_LABELS, toCss, VEHICLE_COLORS, VEHICLE_LABELS } from './palette';

/** The map legend: the same colours the layers and the charts use. */
export function Legend() {
  return (
    <section className="legend" aria-label="Map legend">
      <h2>Facilities</h2>
      <ul>
        {FACILITY_LABELS.map((label, kind) => (
          <li key={label}>
            <span className="swatch swatch--dot" style={{ background: toCss(FACILITY_COLORS[kind]) }} />
            {label}
          </li>
        ))}
      </ul>
      <h2>Vehicles</h2>
      <ul>
        {VEHICLE_LABELS.map((label, kind) => (
          <li key={label}>
            <span className="swatch swatch--line" style={{ background: toCss(VEHICLE_COLORS[kind]) }} />
            {label}
          </li>
        ))}
      </ul>
    </section>
  );
}
