import type { PolygonLayer } from '@deck.gl/layers';
import { describe, expect, test } from 'vitest';
import {
  getRainCellLon,
  getRegionAreas,
  STORM_CROSSING_S,
  STORM_OUTLINE_ZOOM,
  trackStorms,
  WeatherLayer,
} from '../../../src/map/layers/WeatherLayer';
import { buildNetwork } from '../../../src/sim/network';
import { defaultParams } from '../../../src/sim/params';
import type { NetworkMessage } from '../../../src/worker/protocol';
import { createTestTick, pickOn } from '../fixtures';

const network = buildNetwork(defaultParams()).network as NetworkMessage;

/** A tick where the facilities of `stormyRegion` drive at 60% of their speed. */
function tickWithStorm(stormyRegion: number, timeS: number) {
  const tick = createTestTick(network, [], []);
  for (const facility of network.facilities) {
    tick.facilities.weatherSpeedFactor[facility.id] = facility.region === stormyRegion ? 0.6 : 1;
  }
  return { ...tick, timeS };
}

describe('storms on the map', () => {
  test('are the regions the tick shows slowed, each keeping when it began', () => {
    const first = trackStorms([], network, tickWithStorm(2, 3600));
    expect(first).toEqual([{ region: 2, sinceS: 3600, speedFactor: expect.closeTo(0.6) }]);
    const later = trackStorms(first, network, tickWithStorm(2, 7200));
    expect(later[0].sinceS).toBe(3600);
    expect(trackStorms(later, network, tickWithStorm(-1, 9000))).toEqual([]);
  });

  test("cover their region's facilities, with a rain cell drifting west to east across it", () => {
    const area = getRegionAreas(network).find((candidate) => candidate.region === 2)!;
    const inside = network.facilities.filter((facility) => facility.region === 2);
    for (const facility of inside) {
      expect(facility.lon).toBeGreaterThanOrEqual(area.west);
      expect(facility.lon).toBeLessThanOrEqual(area.east);
    }
    const storm = { region: 2, sinceS: 3600, speedFactor: 0.6 };
    const start = getRainCellLon(area, storm, 3600);
    const later = getRainCellLon(area, storm, 3600 + STORM_CROSSING_S / 2);
    expect(start).toBeCloseTo(area.west);
    expect(later).toBeGreaterThan(start);
    expect(later).toBeLessThan(area.east);
  });

  test('say on hover how much the storm slows the region', () => {
    const storms = trackStorms([], network, tickWithStorm(2, 3600));
    const layer = new WeatherLayer({
      id: 'weather',
      network,
      storms,
      timeS: 5400,
      startDayOfYear: 1,
      zoom: 4,
    });
    const [areas, cells] = layer.renderLayers() as PolygonLayer[];
    expect((areas.props.data as unknown[]).length).toBe(1);
    expect((cells.props.data as unknown[]).length).toBe(3);
    expect(areas.props.filled).toBe(true);
    // Zoomed in to a metro the region's wash would cover the view: outlines only.
    const close = new WeatherLayer({
      ...layer.props,
      zoom: STORM_OUTLINE_ZOOM,
    }).renderLayers() as PolygonLayer[];
    expect(close[0].props.filled).toBe(false);
    const html = layer.getTooltipHtml(pickOn(layer, areas, 0, { storm: storms[0] })) ?? '';
    expect(html).toContain('60% of their speed');
  });
});
