import { toggleLayer, toggleVehicleLayer } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { FACILITY_COLORS, FACILITY_LABELS, toCss, VEHICLE_COLORS, VEHICLE_LABELS } from './palette';

/** The map legend, which doubles as the layer switch: the same colours the charts use. */
export function Legend() {
  const layers = useAppStore((state) => state.layers);
  return (
    <section className="legend" aria-label="Map legend and layers">
      <h2>
        <label>
          <input type="checkbox" checked={layers.facilities} onChange={() => toggleLayer('facilities')} />
          Facilities
        </label>
      </h2>
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
            <label>
              <input
                type="checkbox"
                checked={layers.vehicles[kind]}
                onChange={() => toggleVehicleLayer(kind)}
                aria-label={`Show ${label}`}
              />
              <span className="swatch swatch--line" style={{ background: toCss(VEHICLE_COLORS[kind]) }} />
              {label}
            </label>
          </li>
        ))}
      </ul>
      <h2>
        <label>
          <input type="checkbox" checked={layers.highways} onChange={() => toggleLayer('highways')} />
          Highways
        </label>
      </h2>
    </section>
  );
}
