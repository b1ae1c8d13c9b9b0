/**
 * Facilities: a marker per facility, shaped by kind (facilityIcons.ts, the legend's shapes), sized
 * by throughput and coloured by hours of work queued; from BUILDINGS_ZOOM also an extruded
 * footprint. In difference mode the colour says whether B's backlog is above or below A's.
 */
import type { PickingInfo } from '@deck.gl/core';
import { ColumnLayer, IconLayer, type IconLayerProps } from '@deck.gl/layers';
import type { Facility } from '../../sim/network';
import type { Tick } from '../../state/simClient';
import type { Selection } from '../../state/store';
import { formatCount } from '../../ui/format';
import { formatRealParcelCount } from '../../ui/realVolume';
import { FACILITY_LABELS } from '../../ui/palette';
import type { NetworkMessage } from '../../worker/protocol';
import { FACILITY_ICON_NAMES, type FacilityIcons, writeBacklogColor } from '../facilityIcons';
import { tipCard, tipRow } from '../tooltips';
import { PickableMapLayer } from './PickableMapLayer';

type RGBA = [number, number, number, number];

/** Facility marker size in pixels by kind before throughput adds to it: FCs biggest. */
export const FACILITY_SIZE_PX = [13, 11, 9, 10];
/** Draw order by facility kind: stations first, fulfillment centers on top. */
const DRAW_ORDER = [3, 2, 0, 1];
/** From this zoom facilities also stand as extruded buildings (tilt the map to see them). */
export const BUILDINGS_ZOOM = 9;
/**
 * Half the side of each facility's footprint in metres, by kind: a median FC is ~855k sq ft
 * (~280 m square), a sortation center ~385k sq ft, stations and hubs smaller (CALIBRATION.md).
 */
const FOOTPRINT_RADIUS_M = [200, 135, 90, 90];
/**
 * Footprint outline by kind, the legend's shapes: FC square, sortation center diamond, station
 * circle, carrier hub triangle (ColumnLayer's polygon sides and turn in degrees).
 */
const FOOTPRINT_SHAPE = [
  { sides: 4, angle: 45 },
  { sides: 4, angle: 0 },
  { sides: 24, angle: 0 },
  { sides: 3, angle: 90 },
];
/** Roof height in metres by kind (drawn exaggerated x4 so it reads at city zoom). */
const BUILDING_HEIGHT_M = [25, 18, 12, 12];
const NO_TICK_COLOR: RGBA = [143, 163, 184, 220];
/**
 * In difference mode, the same backlog in A and B: a light grey, apart from CLOSED_COLOR's faint
 * one (they were 50 alpha apart, so after a fork that changed nothing every facility read closed).
 */
export const DIFF_SAME: RGBA = [196, 204, 214, 210];
const DIFF_MORE: RGBA = [213, 94, 0, 240];
const DIFF_LESS: RGBA = [0, 158, 115, 240];
/** Closed or offline at the time on screen (network edits): a faint grey marker. */
export const CLOSED_COLOR: RGBA = [110, 125, 140, 110];
/** In difference mode, open in B but not in A (a facility B added or re-opened): sky blue. */
export const DIFF_ADDED: RGBA = [86, 180, 233, 255];

export interface FacilitiesLayerProps {
  /** The network drawn (B's when the map shows B or the difference). */
  network: NetworkMessage;
  /** A's network, the reference in difference mode (which facilities A runs). */
  networkA: NetworkMessage;
  /** The tick whose figures the markers show (B's when the map shows B). */
  tick: Tick | null;
  /** A's tick, the reference in difference mode. */
  tickA: Tick | null;
  diffMode: boolean;
  showBuildings: boolean;
  /** The marker atlas (createFacilityIconAtlas; built once in the page, where there is a canvas). */
  icons: FacilityIcons;
  /** Modelled parcels per real one (params.scale): hover figures are at real volume. */
  scale: number;
  /** Bumped when the figures behind colour and size change (a new tick). */
  figuresVersion: number;
}

const topmostLastCache = new WeakMap<NetworkMessage, Facility[]>();
/**
 * The facilities in draw order: fulfillment centers last, so they sit on top of the stations
 * around them and win the pick where they overlap at national zoom. Cached per network.
 */
export function getFacilitiesTopmostLast(network: NetworkMessage): Facility[] {
  let list = topmostLastCache.get(network);
  if (!list) {
    list = [...network.facilities].sort((a, b) => DRAW_ORDER[a.kind] - DRAW_ORDER[b.kind] || a.id - b.id);
    topmostLastCache.set(network, list);
  }
  return list;
}

const byKindCache = new WeakMap<NetworkMessage, Facility[][]>();
function getFacilitiesOfKind(network: NetworkMessage, kind: number): Facility[] {
  let lists = byKindCache.get(network);
  if (!lists) {
    lists = FOOTPRINT_RADIUS_M.map(() => []);
    for (const facility of network.facilities) lists[facility.kind]?.push(facility);
    byKindCache.set(network, lists);
  }
  return lists[kind] ?? [];
}

/**
 * A facility's marker colour: its backlog colour, or in difference mode vermillion where B's
 * backlog is above A's and green where below. Writes into `out`. (Selection is a halo round the
 * marker, SelectionHaloLayer, so a selected facility keeps telling its backlog.)
 */
export function writeFacilityColor(
  out: RGBA,
  id: number,
  props: Pick<FacilitiesLayerProps, 'tick' | 'tickA' | 'diffMode' | 'network' | 'networkA'>,
): RGBA {
  const { tick, tickA, diffMode, network, networkA } = props;
  let source = NO_TICK_COLOR;
  if (network.operating[id] === 0) {
    source = CLOSED_COLOR;
  } else if (diffMode && networkA.operating[id] !== 1) {
    source = DIFF_ADDED;
  } else if (tick && diffMode && tickA) {
    const delta = tick.facilities.backlogParcels[id] - tickA.facilities.backlogParcels[id];
    source = delta === 0 ? DIFF_SAME : delta > 0 ? DIFF_MORE : DIFF_LESS;
  } else if (tick) {
    return writeBacklogColor(out, tick.facilities.backlogParcels[id], tick.facilities.throughputPerHour[id]);
  }
  out[0] = source[0];
  out[1] = source[1];
  out[2] = source[2];
  out[3] = source[3];
  return out;
}

/**
 * Hover card: name, kind and metro, then the tick's figures for the facility; parcel figures at
 * real volume (modelled / `scale`), as everywhere on the page.
 */
export function facilityTooltip(
  network: NetworkMessage,
  tick: Tick | null,
  facilityId: number,
  scale: number,
): string {
  const facility = network.facilities[facilityId];
  if (!facility) return '';
  const state = tick?.facilities;
  const rows = [
    tipRow(
      'Throughput',
      state ? `${formatRealParcelCount(state.throughputPerHour[facilityId], scale)} parcels/h` : '…',
    ),
    tipRow(
      'Backlog',
      state ? `${formatRealParcelCount(state.backlogParcels[facilityId], scale)} parcels` : '…',
    ),
  ];
  if (facility.kind === 0 && state) {
    rows.push(
      tipRow(
        'Robots busy',
        `${formatCount(state.robotsBusy[facilityId])} of ${formatCount(state.robotsTotal[facilityId])}`,
      ),
    );
    rows.push(tipRow('Pick queue', `${formatRealParcelCount(state.pickQueue[facilityId], scale)} parcels`));
  }
  if (state) rows.push(tipRow('Trailers at docks', formatCount(state.trailersAtDock[facilityId])));
  return tipCard(facility.name, `${FACILITY_LABELS[facility.kind] ?? 'Facility'} · ${facility.metro}`, rows);
}

export class FacilitiesLayer extends PickableMapLayer<FacilitiesLayerProps> {
  static override layerName = 'FacilitiesLayer';

  override renderLayers() {
    const { network, showBuildings, figuresVersion, diffMode, icons } = this.props;
    // deck.gl copies an accessor's result into its attribute at once, so one scratch is safe.
    const scratch: RGBA = [0, 0, 0, 0];
    const getColor = (facility: Facility) => writeFacilityColor(scratch, facility.id, this.props);
    const colorTriggers = [figuresVersion, diffMode, this.props.network, this.props.networkA];
    const buildingsShown = this.props.visible && showBuildings;
    // The buildings join the first time they show and stay, toggled by `visible`: deck.gl
    // initialises hidden layers too, shaders and all, and the page opens at national zoom.
    // (`state` is deck.gl's, kept from one render to the next; absent outside a Deck.)
    if (buildingsShown && this.state) this.state.buildingsEverShown = true;
    const withBuildings = buildingsShown || this.state?.buildingsEverShown === true;
    return [
      ...(withBuildings ? FOOTPRINT_RADIUS_M : []).map(
        (radiusM, kind) =>
          new ColumnLayer<Facility>(
            this.getSubLayerProps({
              id: `buildings-${kind}`,
              data: getFacilitiesOfKind(network, kind),
              diskResolution: FOOTPRINT_SHAPE[kind].sides,
              angle: FOOTPRINT_SHAPE[kind].angle,
              radius: radiusM,
              radiusUnits: 'meters',
              getPosition: (facility: Facility) => [facility.lon, facility.lat],
              // Exaggerated x4 so a 25 m roof reads at city zoom.
              getElevation: (facility: Facility) => (BUILDING_HEIGHT_M[facility.kind] ?? 12) * 4,
              extruded: true,
              getFillColor: getColor,
              pickable: true,
              // A sublayer's own `visible` overrides the composite's: keep the facilities toggle.
              visible: buildingsShown,
              updateTriggers: { getFillColor: colorTriggers },
            }),
          ),
      ),
      new IconLayer<Facility>(
        this.getSubLayerProps({
          id: 'markers',
          data: getFacilitiesTopmostLast(network),
          // deck.gl's type says a URL or a Texture, but its 'image' prop type makes a texture of
          // any browser image, ImageData too (createTexture, @deck.gl/core utils/texture.ts).
          iconAtlas: icons.atlas as unknown as IconLayerProps['iconAtlas'],
          iconMapping: icons.mapping,
          getIcon: (facility: Facility) => FACILITY_ICON_NAMES[facility.kind] ?? 'circle',
          getPosition: (facility: Facility) => [facility.lon, facility.lat],
          getColor,
          getSize: (facility: Facility) => {
            const base = FACILITY_SIZE_PX[facility.kind] ?? 7;
            const throughput = this.props.tick?.facilities.throughputPerHour[facility.id] ?? 0;
            return base + Math.min(10, Math.sqrt(throughput) / 4);
          },
          sizeUnits: 'pixels',
          pickable: true,
          updateTriggers: { getSize: figuresVersion, getColor: colorTriggers },
        }),
      ),
    ];
  }

  override getTooltipHtml(info: PickingInfo): string | null {
    const facility = info.object as Facility | undefined;
    return facility
      ? facilityTooltip(this.props.network, this.props.tick, facility.id, this.props.scale)
      : null;
  }

  override getSelection(info: PickingInfo): Selection {
    const facility = info.object as Facility | undefined;
    return facility ? { kind: 'facility', id: facility.id } : null;
  }
}
