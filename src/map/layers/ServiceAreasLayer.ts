/**
 * Delivery-station service areas as the model assigns demand (src/sim/serviceAreas.ts: each
 * station's reach over land, up to where another station of its metro is nearer), shaded by the
 * share of the doors its own vans and Flex cars reached by the promise over a window of sim time.
 * A hover gives the station's figures; a click selects it.
 */
import type { FloatColumn } from '../binaryColumns';
import type { PickingInfo } from '@deck.gl/core';
import { PathLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { Tick } from '../../state/simClient';
import type { Selection } from '../../state/store';
import { formatRealParcelCount } from '../../ui/realVolume';
import type { NetworkMessage } from '../../worker/protocol';
import { tipCard, tipRow } from '../tooltips';
import type { TripLedger } from '../tripLedger';
import { PickableMapLayer } from './PickableMapLayer';

/** Doors served and served on time per facility id, over a window: what shades a station's area. */
export interface StationOnTime {
  doors: Float32Array;
  onTimeDoors: Float32Array;
}

/**
 * Counts the own-fleet doors of each station reached in [fromS, toS), a window of whole hours
 * (TripLedger.writeStationDoors).
 */
export function getStationOnTime(
  ledger: TripLedger,
  facilityCount: number,
  fromS: number,
  toS: number,
): StationOnTime {
  const doors = new Float32Array(facilityCount);
  const onTimeDoors = new Float32Array(facilityCount);
  ledger.writeStationDoors(doors, onTimeDoors, fromS, toS);
  return { doors, onTimeDoors };
}

/** On-time share to colour: green at the 95% target and above, yellow at 85%, vermillion at 70% and below. */
export function writeOnTimeColor(
  out: [number, number, number, number],
  share: number,
): [number, number, number, number] {
  if (Number.isNaN(share)) {
    out[0] = 120;
    out[1] = 135;
    out[2] = 150;
    out[3] = 40;
    return out;
  }
  // green (0,158,115) at >= 0.95 -> yellow (240,228,66) at 0.85 -> vermillion (213,94,0) at <= 0.7
  const t = Math.min(1, Math.max(0, (0.95 - share) / 0.25));
  if (t < 0.4) {
    const u = t / 0.4;
    out[0] = 240 * u;
    out[1] = 158 + (228 - 158) * u;
    out[2] = 115 + (66 - 115) * u;
  } else {
    const u = (t - 0.4) / 0.6;
    out[0] = 240 + (213 - 240) * u;
    out[1] = 228 + (94 - 228) * u;
    out[2] = 66 - 66 * u;
  }
  out[3] = 50;
  return out;
}

/** Difference mode: B's on-time share against A's, over the same window. */
const DIFF_ALPHA = 90;
/** A's share is this close to B's (2 points): the same. */
const DIFF_SAME_SHARE = 0.02;

/**
 * A station's area in difference mode: green where B reaches more doors on time than A by over
 * 2 points, vermillion where fewer, grey where the same or without doors yet; sky blue where only
 * B has the station (a network edit added it). Writes into `out`.
 */
export function writeOnTimeDiffColor(
  out: [number, number, number, number],
  shareB: number,
  shareA: number,
  onlyInB: boolean,
): [number, number, number, number] {
  const set = (r: number, g: number, b: number, a: number) => {
    out[0] = r;
    out[1] = g;
    out[2] = b;
    out[3] = a;
    return out;
  };
  if (onlyInB) return set(86, 180, 233, DIFF_ALPHA);
  const delta = shareB - shareA;
  if (!Number.isFinite(delta) || Math.abs(delta) <= DIFF_SAME_SHARE) return set(120, 135, 150, 40);
  return delta > 0 ? set(0, 158, 115, DIFF_ALPHA) : set(213, 94, 0, DIFF_ALPHA);
}

interface AreaData {
  length: number;
  startIndices: Uint32Array;
  attributes: { getPolygon: FloatColumn<2> };
}

const areaDataCache = new WeakMap<NetworkMessage, { fill: AreaData; outline: AreaData }>();

/** The service areas as binary polygons (and, to outline them, the same rings as paths). */
function getAreaData(network: NetworkMessage): { fill: AreaData; outline: AreaData } {
  let data = areaDataCache.get(network);
  if (!data) {
    const { startIndices, positions } = network.serviceAreas.polygons;
    const fill = {
      length: startIndices.length - 1,
      startIndices,
      attributes: { getPolygon: { value: positions, size: 2 as const } },
    };
    const outline = { ...fill, attributes: { getPath: { value: positions, size: 2 as const } } };
    data = { fill, outline: outline as unknown as AreaData };
    areaDataCache.set(network, data);
  }
  return data;
}

export interface ServiceAreasLayerProps {
  network: NetworkMessage;
  onTime: StationOnTime;
  /** The tick on screen, for a hover's backlog and throughput. */
  tick: Tick | null;
  /** Modelled parcels per real one (params.scale): hover figures are at real volume. */
  scale: number;
  /** What the window is, for the hover card. */
  windowLabel: string;
  /**
   * Difference mode: A's areas (outlined, so a gap in coverage shows before and after) and A's
   * door sums over the same window; the fill then says where B does better or worse. null: off.
   */
  reference?: { network: NetworkMessage; onTime: StationOnTime } | null;
}

export class ServiceAreasLayer extends PickableMapLayer<ServiceAreasLayerProps> {
  static override layerName = 'ServiceAreasLayer';

  override renderLayers() {
    const { network, onTime, reference } = this.props;
    const { fill, outline } = getAreaData(network);
    const scratch: [number, number, number, number] = [0, 0, 0, 0];
    const stationId = network.serviceAreas.stationId;
    const referenceStations = reference ? new Set(reference.network.serviceAreas.stationId) : null;
    const share = (sums: StationOnTime, id: number) => sums.onTimeDoors[id] / sums.doors[id];
    return [
      new SolidPolygonLayer(
        this.getSubLayerProps({
          id: 'fill',
          data: fill,
          _normalize: false,
          _windingOrder: 'CCW',
          getFillColor: (_: unknown, { index }: { index: number }) => {
            const id = stationId[index];
            if (reference && referenceStations)
              return writeOnTimeDiffColor(
                scratch,
                share(onTime, id),
                share(reference.onTime, id),
                !referenceStations.has(id),
              );
            return writeOnTimeColor(scratch, share(onTime, id));
          },
          pickable: true,
          updateTriggers: { getFillColor: [onTime, reference?.onTime, reference?.network] },
        }),
      ),
      ...(reference
        ? [
            new PathLayer(
              this.getSubLayerProps({
                id: 'reference-outline',
                data: getAreaData(reference.network).outline,
                _pathType: 'loop',
                getColor: [227, 235, 243, 200],
                getWidth: 1.5,
                widthUnits: 'pixels',
              }),
            ),
          ]
        : []),
      new PathLayer(
        this.getSubLayerProps({
          id: 'outline',
          data: outline,
          _pathType: 'loop',
          getColor: [143, 163, 184, 110],
          getWidth: 1,
          widthUnits: 'pixels',
        }),
      ),
    ];
  }

  override getTooltipHtml(info: PickingInfo): string | null {
    const { network, onTime, tick, scale, windowLabel } = this.props;
    const id = network.serviceAreas.stationId[info.index];
    const station = id === undefined ? undefined : network.facilities[id];
    if (!station) return null;
    const doors = onTime.doors[id];
    const rows = [
      tipRow(
        'Doors on time (vans, Flex)',
        doors > 0
          ? `${((onTime.onTimeDoors[id] / doors) * 100).toFixed(1)}% of ${formatRealParcelCount(doors, scale)}`
          : 'none yet',
      ),
    ];
    if (tick) {
      rows.push(
        tipRow('Sorted', `${formatRealParcelCount(tick.facilities.throughputPerHour[id], scale)} parcels/h`),
      );
      rows.push(
        tipRow('Backlog', `${formatRealParcelCount(tick.facilities.backlogParcels[id], scale)} parcels`),
      );
    }
    return tipCard(station.name, `Service area · ${windowLabel}`, rows);
  }

  override getSelection(info: PickingInfo): Selection {
    const id = this.props.network.serviceAreas.stationId[info.index];
    return id === undefined ? null : { kind: 'facility', id };
  }
}
