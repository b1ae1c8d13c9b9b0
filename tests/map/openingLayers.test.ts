import { ScatterplotLayer } from '@deck.gl/layers';
import { describe, expect, test } from 'vitest';
import { OpeningLayers } from '../../src/map/openingLayers';

const layer = (id: string, visible = true) => new ScatterplotLayer({ id, data: [], visible });
const stack = () => [layer('highways'), layer('vehicles'), layer('station-activity'), layer('facilities')];
const shown = (layers: readonly { id: string; props: { visible: boolean } }[]) =>
  layers.map((kept) => `${kept.id}${kept.props.visible ? '' : ' (hidden)'}`);

describe("the map's layers at the page's opening", () => {
  test('until the first trips come, all but the vehicles and facilities are handed hidden, in stack order', () => {
    expect(shown(new OpeningLayers().keep(stack(), true))).toEqual([
      'highways (hidden)',
      'vehicles',
      'station-activity (hidden)',
      'facilities',
    ]);
  });

  test('a layer hidden anyway, and the opening layers, are handed as they are', () => {
    const layers = [layer('lane-flows', false), layer('vehicles'), layer('facilities')];
    const kept = new OpeningLayers().keep(layers, true);
    kept.forEach((each, index) => {
      expect(each, `${each.id} is the same layer`).toBe(layers[index]);
    });
  });

  test('with every vehicle kind hidden no trips drawing waits: all layers as they are', () => {
    const layers = stack();
    expect(new OpeningLayers().keep(layers, false)).toBe(layers);
  });

  test('once ended (first trips or first tick), every layer as it is, and it ends once', () => {
    const opening = new OpeningLayers();
    expect(opening.end(), 'the first end ends the opening').toBe(true);
    expect(opening.end(), 'a later end finds it over').toBe(false);
    const layers = stack();
    expect(opening.keep(layers, true)).toBe(layers);
  });
});
