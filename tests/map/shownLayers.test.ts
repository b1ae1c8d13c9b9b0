import { ScatterplotLayer } from '@deck.gl/layers';
import { describe, expect, test } from 'vitest';
import { createShownLayerFilter } from '../../src/map/shownLayers';

const layer = (id: string, visible: boolean) => new ScatterplotLayer({ id, data: [], visible });
const ids = (layers: readonly { id: string }[]) => layers.map((kept) => kept.id);

describe("the map's layers handed to deck.gl", () => {
  test('leave out a layer until it first shows, then keep it, hidden or not, in stack order', () => {
    const keepShown = createShownLayerFilter();
    expect(ids(keepShown([layer('areas', false), layer('links', true), layer('storms', false)]))).toEqual([
      'links',
    ]);
    expect(ids(keepShown([layer('areas', true), layer('links', true), layer('storms', false)]))).toEqual([
      'areas',
      'links',
    ]);
    const later = keepShown([layer('areas', false), layer('links', false), layer('storms', false)]);
    expect(ids(later)).toEqual(['areas', 'links']);
    expect(later.map((kept) => kept.props.visible)).toEqual([false, false]);
  });

  test('each map remembers only what it has shown', () => {
    const first = createShownLayerFilter();
    first([layer('areas', true)]);
    expect(ids(createShownLayerFilter()([layer('areas', false)]))).toEqual([]);
  });
});
