/**
 * How the map's layers are handed to deck.gl while the page opens, between the network and the
 * first trips (a few hundred ms apart). In software WebGL the graphics process compiles a layer's
 * pipeline on the CPU at the layer's first drawing, and everything that then waits for it (the
 * main thread reading a program's link status, the next frame) waits that long: links, lane arcs
 * and station rings drawn with the network kept the graphics busy as the first trips came, and
 * the trips waited. So until the first trips come, every layer but the vehicles and the
 * facilities is handed hidden: deck.gl still compiles its shaders and fills its attributes, as
 * for any hidden layer, and draws it with the first trips, nothing left to prepare. Should no
 * trips come (none on the road at the time the run opens at), the opening ends with the run's
 * first tick.
 */
import type { Layer } from '@deck.gl/core';

/** The layers (by id) drawn at the opening, before the first trips come. */
export const OPENING_LAYER_IDS: ReadonlySet<string> = new Set(['vehicles', 'facilities']);

/** The opening of one map: what it hides until it ends, once. */
export class OpeningLayers {
  private opening = true;

  /**
   * The layers to hand deck.gl now, in the same order: during the opening, when `vehiclesShown`
   * (else no trips drawing waits), those not in OPENING_LAYER_IDS hidden; else `layers` as they are.
   */
  keep(layers: Layer[], vehiclesShown: boolean): Layer[] {
    if (!this.opening || !vehiclesShown) return layers;
    return layers.map((layer) =>
      OPENING_LAYER_IDS.has(layer.id) || !layer.props.visible ? layer : layer.clone({ visible: false }),
    );
  }

  /** Ends the opening (the first trips came, or the run's first tick); true if it was still on. */
  end(): boolean {
    const wasOpening = this.opening;
    this.opening = false;
    return wasOpening;
  }
}
