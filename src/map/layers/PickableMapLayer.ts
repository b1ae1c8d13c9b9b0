/**
 * The base of every map layer a person can hover or click. The page routes a pick by the type of
 * the layer that was hit (deck.gl reports the outermost composite layer as `info.layer`), so each
 * layer module owns what its objects say on hover and what a click on them selects.
 */
import { CompositeLayer, type PickingInfo } from '@deck.gl/core';
import type { Selection } from '../../state/store';

export abstract class PickableMapLayer<PropsT extends object = object> extends CompositeLayer<PropsT> {
  static override layerName = 'PickableMapLayer';

  /** The hover card for what `info` hit (HTML; text in it escaped), or null for none. */
  abstract getTooltipHtml(info: PickingInfo): string | null;

  /** What a click on `info` selects, or null when it selects nothing. */
  abstract getSelection(info: PickingInfo): Selection;
}

/** The map layer that owns a pick, when the picked layer is one of ours. */
export function getPickOwner(info: PickingInfo): PickableMapLayer | null {
  return info.layer instanceof PickableMapLayer ? info.layer : null;
}
