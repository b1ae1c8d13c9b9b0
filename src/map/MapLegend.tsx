/**
 * The map legend, which doubles as the layer switch: the same colours and shapes the map and the
 * charts use. It docks on the right of the map, where the opening view leaves room for it (the
 * map fits the country beside it, never under it), and folds to its title bar.
 */
import { forwardRef, type ReactNode, useState } from 'react';
import { type LayerToggles, toggleLayer, toggleVehicleLayer } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { FACILITY_LABELS, toCss, VEHICLE_COLORS, VEHICLE_LABELS } from '../ui/palette';
import { formatCount } from '../ui/format';
import { FACILITY_ICON_NAMES } from './facilityIcons';
import { getFlowWidthPx } from './layers/LaneFlowsLayer';
import { getLateHexColor, LATE_HEX_STEPS } from './layers/latenessHex';
import { STREETS_ZOOM } from './layers/StreetsLayer';
import './mapChrome.css';

/** Each marker shape the map draws (facilityIcons.ts), by its name there. */
const SHAPES: Record<(typeof FACILITY_ICON_NAMES)[number], ReactNode> = {
  square: <rect x="2" y="2" width="8" height="8" />,
  diamond: <polygon points="6,0 12,6 6,12 0,6" />,
  circle: <circle cx="6" cy="6" r="4.5" />,
  triangle: <polygon points="6,1 11.5,11 0.5,11" />,
};

function LayerSwitch({
  name,
  children,
}: {
  name: Exclude<keyof LayerToggles, 'vehicles'>;
  children: ReactNode;
}) {
  const on = useAppStore((state) => state.layers[name]);
  return (
    <h3>
      <label>
        <input
          type="checkbox"
          checked={on}
          onChange={() => toggleLayer(name)}
          data-testid={`layer-${name}`}
        />
        {children}
      </label>
    </h3>
  );
}

/** Arc widths the legend shows, real parcels per hour. */
const FLOW_LEGEND_STEPS = [500, 5000, 25_000];

/**
 * A map narrower than this shows the legend folded until the person opens it: open, its 14rem
 * took half the map (a 1024x768 projector with the parameters open: 460 px of map), and the
 * country fitted beside it was a thumbnail.
 */
export const NARROW_MAP_PX = 560;
/** The folded legend's class (the opening view reads it to fit the country round the legend). */
export const LEGEND_FOLDED_CLASS = 'map-legend--folded';

export const MapLegend = forwardRef<HTMLElement, { narrow: boolean }>(function MapLegend({ narrow }, ref) {
  const vehicles = useAppStore((state) => state.layers.vehicles);
  const diffMode = useAppStore((state) => state.compare.active && state.compare.mapSource === 'diff');
  // The person's own choice (null: none yet) holds whatever the map's width.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const open = chosen ?? !narrow;
  return (
    <section
      ref={ref}
      className={`map-legend ${open ? '' : LEGEND_FOLDED_CLASS}`}
      aria-label="Map legend and layers"
      data-testid="map-legend"
    >
      <h2 className="map-legend__title">
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setChosen(!open)}
          title={open ? 'Fold the legend' : 'Show the legend and layer switches'}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> Legend &amp; layers
        </button>
      </h2>
      {open && (
        <div className="map-legend__body">
          <LayerSwitch name="facilities">Facilities</LayerSwitch>
          <ul>
            {FACILITY_LABELS.map((label, kind) => (
              <li key={label}>
                <svg className="legend-shape" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
                  {SHAPES[FACILITY_ICON_NAMES[kind]]}
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
          <p className="legend-note">Size: parcels per hour; grey: closed or offline (network edits)</p>
          {diffMode && (
            <p className="legend-note" data-testid="legend-diff">
              Difference (B − A): vermillion, more backlog in B; green, less; light grey, the same; sky blue,
              only B runs it
            </p>
          )}
          <h3>Vehicles</h3>
          <ul>
            {VEHICLE_LABELS.map((label, kind) => (
              <li key={label}>
                <label>
                  <input
                    type="checkbox"
                    checked={vehicles[kind]}
                    onChange={() => toggleVehicleLayer(kind)}
                    aria-label={`Show ${label}`}
                  />
                  <span className="swatch swatch--line" style={{ background: toCss(VEHICLE_COLORS[kind]) }} />
                  {label}
                </label>
              </li>
            ))}
          </ul>
          <p className="legend-note">
            Zoomed out, vans, Flex and carriers show as rings at their station; zoomed in, a ring round a door
            is a vehicle standing there
          </p>
          <LayerSwitch name="streets">
            <span className="swatch swatch--street" />
            Street grid: illustrative
          </LayerSwitch>
          <p className="legend-note">
            From zoom {STREETS_ZOOM}: the grid the model's vans drive in each station's area (no road data
            ships offline); highway links and flows step aside while it shows
          </p>
          <LayerSwitch name="highways">
            <span className="swatch swatch--highway" />
            Highways
          </LayerSwitch>
          <LayerSwitch name="flows">Line-haul flows</LayerSwitch>
          <ul className="legend-widths" aria-label="Arc width: parcels per hour">
            {FLOW_LEGEND_STEPS.map((perHour) => (
              <li key={perHour}>
                <span className="swatch swatch--flow" style={{ height: `${getFlowWidthPx(perHour)}px` }} />
                {formatCount(perHour)} parcels/h
              </li>
            ))}
          </ul>
          <p className="legend-note">
            Each lane trucks left on in the last sim hour; colour: the region it leaves
          </p>
          <LayerSwitch name="serviceAreas">Service areas</LayerSwitch>
          <div className="legend-ramp" title="Share of a station's doors reached by the promise">
            <span className="legend-ramp-bar legend-ramp-bar--on-time" />
            <span className="legend-ramp-labels">
              <span>≤70%</span>
              <span>85%</span>
              <span>≥95% on time</span>
            </span>
          </div>
          <p className="legend-note">
            {diffMode
              ? "B's areas: green, more doors on time than A (over 2 points); vermillion, fewer; sky blue, a station only B has; white outlines: A's areas"
              : "Where each station's vans deliver; doors on time over the brushed hours, else the run"}
          </p>
          <LayerSwitch name="lateness">Late deliveries</LayerSwitch>
          <ul className="legend-steps" aria-label="Late parcels per hexagon">
            {LATE_HEX_STEPS.map((parcels) => (
              <li key={parcels}>
                <span
                  className="swatch swatch--hex"
                  style={{ background: toCss(getLateHexColor(parcels)) }}
                />
                {formatCount(parcels)}+ parcels late
              </li>
            ))}
          </ul>
          <LayerSwitch name="weather">
            <span className="swatch swatch--storm" />
            Storms
          </LayerSwitch>
          <p className="legend-note">
            A region's vehicles slow while its storm lasts; the rain cell drifts east
          </p>
        </div>
      )}
    </section>
  );
});
