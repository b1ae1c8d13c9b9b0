import { toggleLayer, toggleVehicleLayer } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { FACILITY_LABELS, toCss, VEHICLE_COLORS, VEHICLE_LABELS } from './palette';

/** The marker shape of each facility kind, as the map draws it (src/map/facilityIcons.ts). */
const SHAPES = [
  <rect key="square" x="2" y="2" width="8" height="8" />,
  <polygon key="diamond" points="6,0 12,6 6,12 0,6" />,
  <circle key="circle" cx="6" cy="6" r="4.5" />,
  <polygon key="triangle" points="6,1 11.5,11 0.5,11" />,
];

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
            <svg className="legend-shape" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
              {SHAPES[kind]}
            </svg>
            {label}
          </li>
        ))}
      </ul>
      <div className="legend-ramp" title="Facility colour: hours of work queued">
        <span className="legend-ramp-bar" />
        <span className="legend-ramp-labels">
          <span>0 h</span>
          <span>2 h</span>
          <span>8+ h queued</span>
        </span>
      </div>
      <p className="legend-note">Size: parcels per hour</p>
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
      <p className="legend-note">Zoomed out, vans, Flex and carriers show as rings at their station</p>
      <h2>
        <label>
          <input type="checkbox" checked={layers.highways} onChange={() => toggleLayer('highways')} />
          Highways
        </label>
      </h2>
    </section>
  );
}
