/**
 * Storms on the map. The model's weather is regional: while a storm lasts, every truck, van and
 * Flex car in the region drives at a fraction of its speed. So a storm is drawn over its whole
 * region (the hull of the region's facilities, a little wider), with a rain cell sweeping across
 * it west to east as the storm goes on, so a presenter sees where the weather is and that it moves.
 */
import type { PickingInfo } from '@deck.gl/core';
import { PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';
import { polygonCentroid, polygonHull } from 'd3';
import type { Tick } from '../../state/simClient';
import type { Selection } from '../../state/store';
import { formatSimClock } from '../../ui/format';
import type { NetworkMessage } from '../../worker/protocol';
import { tipCard, tipRow } from '../tooltips';
import { PickableMapLayer } from './PickableMapLayer';

/** The rain cell crosses its region in this much sim time, then starts again in the west. */
export const STORM_CROSSING_S = 6 * 3600;
/** A region's storm area reaches this much past the hull of its facilities (share of the hull's size). */
const STORM_AREA_MARGIN = 0.12;
const STORM_AREA_COLOR: [number, number, number, number] = [120, 150, 200, 28];
const STORM_EDGE_COLOR: [number, number, number, number] = [160, 185, 225, 160];
const RAIN_CELL_COLOR: [number, number, number, number] = [150, 180, 230, 45];
/**
 * From this zoom a storm is drawn by its outlines only: a region is hundreds of km wide, so at
 * metro zoom its wash would cover the whole view and grey out every other layer.
 */
export const STORM_OUTLINE_ZOOM = 7;

/** Where a region is: the outline storms cover, and its west-east extent for the rain cell's path. */
export interface RegionArea {
  region: number;
  /** Closed ring of [lon, lat]. */
  polygon: [number, number][];
  centreLat: number;
  west: number;
  east: number;
  /** Rain cell radius, m: a quarter of the region's north-south span. */
  cellRadiusM: number;
}

const regionCache = new WeakMap<NetworkMessage, RegionArea[]>();

/** Each region's storm area (cached per network). */
export function getRegionAreas(network: NetworkMessage): RegionArea[] {
  let areas = regionCache.get(network);
  if (areas) return areas;
  const byRegion = new Map<number, [number, number][]>();
  for (const facility of network.facilities) {
    const points = byRegion.get(facility.region) ?? [];
    points.push([facility.lon, facility.lat]);
    byRegion.set(facility.region, points);
  }
  areas = [...byRegion].map(([region, points]) => {
    const hull = polygonHull(points) ?? points;
    const [centreLon, centreLat] = hull.length >= 3 ? polygonCentroid(hull) : points[0];
    const polygon = hull.map(
      ([lon, lat]) =>
        [
          centreLon + (lon - centreLon) * (1 + STORM_AREA_MARGIN),
          centreLat + (lat - centreLat) * (1 + STORM_AREA_MARGIN),
        ] as [number, number],
    );
    const lons = polygon.map((point) => point[0]);
    const lats = polygon.map((point) => point[1]);
    return {
      region,
      polygon,
      centreLat,
      west: Math.min(...lons),
      east: Math.max(...lons),
      cellRadiusM: Math.max(40_000, ((Math.max(...lats) - Math.min(...lats)) * 111_000) / 4),
    };
  });
  regionCache.set(network, areas);
  return areas;
}

/** A storm under way: its region and when the page first saw it. */
export interface Storm {
  region: number;
  sinceS: number;
  /** Speed multiplier it imposes (the model's stormSpeedFactor). */
  speedFactor: number;
}

/** Longitude of a storm's rain cell at `timeS`: west to east across its region, then again. */
export function getRainCellLon(area: RegionArea, storm: Storm, timeS: number): number {
  const progress = ((((timeS - storm.sinceS) / STORM_CROSSING_S) % 1) + 1) % 1;
  return area.west + (area.east - area.west) * progress;
}

/**
 * The storms the tick shows (regions whose facilities drive below full speed), each keeping when
 * it began from `previous`; a new storm begins at the tick's time.
 */
export function trackStorms(previous: readonly Storm[], network: NetworkMessage, tick: Tick): Storm[] {
  const factors = tick.facilities.weatherSpeedFactor;
  const storms: Storm[] = [];
  const seen = new Set<number>();
  for (const facility of network.facilities) {
    const factor = factors[facility.id];
    if (factor >= 1 || seen.has(facility.region)) continue;
    seen.add(facility.region);
    const ongoing = previous.find((storm) => storm.region === facility.region && storm.sinceS <= tick.timeS);
    storms.push({ region: facility.region, sinceS: ongoing?.sinceS ?? tick.timeS, speedFactor: factor });
  }
  return storms;
}

export interface WeatherLayerProps {
  network: NetworkMessage;
  storms: readonly Storm[];
  timeS: number;
  /** The run's calendar, to date a storm's start (null before the parameters are known). */
  startDayOfYear: number | null;
  zoom: number;
}

interface RainCell {
  storm: Storm;
  position: [number, number];
  radiusM: number;
}

export class WeatherLayer extends PickableMapLayer<WeatherLayerProps> {
  static override layerName = 'WeatherLayer';

  private stormAreas(): Array<{ storm: Storm; area: RegionArea }> {
    const areas = getRegionAreas(this.props.network);
    return this.props.storms.flatMap((storm) => {
      const area = areas.find((candidate) => candidate.region === storm.region);
      return area ? [{ storm, area }] : [];
    });
  }

  override renderLayers() {
    const stormy = this.stormAreas();
    const cells: RainCell[] = stormy.flatMap(({ storm, area }) => {
      const lon = getRainCellLon(area, storm, this.props.timeS);
      // A main cell and two trailing showers, as a squall line drifts.
      return [0, 1, 2].map((k) => ({
        storm,
        position: [
          lon - k * (area.east - area.west) * 0.08,
          area.centreLat + (k === 1 ? 0.6 : k === 2 ? -0.5 : 0),
        ] as [number, number],
        radiusM: area.cellRadiusM * (k === 0 ? 1 : 0.6),
      }));
    });
    return [
      new PolygonLayer(
        this.getSubLayerProps({
          id: 'areas',
          data: stormy,
          getPolygon: (entry: { area: RegionArea }) => entry.area.polygon,
          filled: this.props.zoom < STORM_OUTLINE_ZOOM,
          getFillColor: STORM_AREA_COLOR,
          getLineColor: STORM_EDGE_COLOR,
          lineWidthUnits: 'pixels',
          getLineWidth: 1.5,
          stroked: true,
          pickable: true,
        }),
      ),
      new ScatterplotLayer<RainCell>(
        this.getSubLayerProps({
          id: 'rain-cells',
          data: cells,
          getPosition: (cell: RainCell) => cell.position,
          getRadius: (cell: RainCell) => cell.radiusM,
          radiusUnits: 'meters',
          filled: this.props.zoom < STORM_OUTLINE_ZOOM,
          getFillColor: RAIN_CELL_COLOR,
          stroked: true,
          getLineColor: STORM_EDGE_COLOR,
          lineWidthUnits: 'pixels',
          getLineWidth: 1,
          pickable: true,
          updateTriggers: { getPosition: this.props.timeS },
        }),
      ),
    ];
  }

  override getTooltipHtml(info: PickingInfo): string | null {
    const object = info.object as { storm?: Storm } | undefined;
    const storm = object?.storm;
    if (!storm) return null;
    return tipCard('Storm', `Region ${storm.region + 1}`, [
      tipRow('Vehicles drive at', `${Math.round(storm.speedFactor * 100)}% of their speed`),
      tipRow('Since', formatSimClock(storm.sinceS, this.props.startDayOfYear)),
    ]);
  }

  override getSelection(): Selection {
    return null;
  }
}
