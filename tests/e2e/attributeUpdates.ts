/**
 * Counts, in the page, every deck.gl attribute the map's layers generate or upload, by layer and
 * attribute, and every drawing with its main-thread time: what a frame costs the CPU beyond a
 * redraw. deck.gl's own metric
 * (`updateAttributesCount`) counts only attributes rebuilt by an updater, not binary columns
 * uploaded as they are, and resets with each once-a-second report; this counts both, over any
 * window. The e2e suite checks that time passing alone updates nothing; the page benchmark
 * reports the count.
 */
import type { Page } from 'playwright-core';

/** What the page counted since `startCountingAttributeUpdates`. */
export interface AttributeUpdates {
  /** Per `layerId:attribute`, how many times it was generated or uploaded. */
  updates: Record<string, number>;
  /** deck.gl drawings (each draws every layer at the clock's time). */
  draws: number;
  /** Main-thread time deck.gl spent in those drawings (submitting its layers' draw calls), ms. */
  drawMs: number;
}

/**
 * Installed once per page: every AttributeManager.update counts the attributes it will generate
 * or upload (those flagged as needing an update: new data, a changed accessor, a new layer), and
 * the map's Deck counts its drawings. A string, not a function: tsx would wrap named inner
 * functions in a helper the page lacks.
 */
const INSTALL_SOURCE = `(() => {
  const deck = window.parcelscope?.getDeck?.();
  if (!deck) throw new Error('no deck.gl instance on window.parcelscope');
  const counter = window.__attributeUpdates ?? { updates: {}, draws: 0, drawMs: 0 };
  window.__attributeUpdates = counter;
  if (!deck.__drawsCounted) {
    const drawLayers = deck._drawLayers;
    deck._drawLayers = function (...args) {
      const startMs = performance.now();
      try {
        return drawLayers.apply(this, args);
      } finally {
        counter.draws++;
        counter.drawMs += performance.now() - startMs;
      }
    };
    deck.__drawsCounted = true;
  }
  const layer = deck.layerManager?.layers.find((candidate) => candidate.getAttributeManager());
  if (!layer) throw new Error('no deck.gl layer with attributes to find the AttributeManager by');
  const prototype = Object.getPrototypeOf(layer.getAttributeManager());
  if (!prototype.__updatesCounted) {
    const update = prototype.update;
    prototype.update = function (options) {
      for (const name in this.attributes) {
        if (this.attributes[name].needsUpdate()) {
          const key = this.id + ':' + name;
          counter.updates[key] = (counter.updates[key] ?? 0) + 1;
        }
      }
      return update.call(this, options);
    };
    prototype.__updatesCounted = true;
  }
  counter.updates = {};
  counter.draws = 0;
  counter.drawMs = 0;
})()`;

/** Starts (or restarts) counting attribute updates and drawings in `page` from zero. */
export async function startCountingAttributeUpdates(page: Page): Promise<void> {
  await page.evaluate(INSTALL_SOURCE);
}

/** What was counted since the last start. */
export function readAttributeUpdates(page: Page): Promise<AttributeUpdates> {
  return page.evaluate(
    '({ ...window.__attributeUpdates, updates: { ...window.__attributeUpdates.updates } })',
  );
}

/** The total of `updates` (every attribute of every layer). */
export function countAttributeUpdates(updates: AttributeUpdates): number {
  return Object.values(updates.updates).reduce((sum, count) => sum + count, 0);
}
