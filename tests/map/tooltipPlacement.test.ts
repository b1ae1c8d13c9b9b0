/**
 * The map's hover card stands beside the pointer where it fits: never under the legend over the
 * map's right edge, never cut by the map's edges.
 */
import { describe, expect, it } from 'vitest';
import {
  getTooltipTransform,
  TOOLTIP_MAX_HEIGHT_PX,
  TOOLTIP_MAX_WIDTH_PX,
} from '../../src/map/tooltipPlacement';

/** The box (px, from the map's top left) a card of `width` x `height` takes under `transform`. */
function placeCard(transform: string, width: number, height: number) {
  const match = transform.match(/^translate\((-?[\d.]+)px, (-?[\d.]+)px\) translate\((.+), (.+)\)$/);
  if (!match) throw new Error(`unexpected transform ${transform}`);
  const offset = (term: string, size: number) => {
    const calc = term.match(/^calc\(-100% - ([\d.]+)px\)$/);
    return calc ? -size - Number(calc[1]) : Number.parseFloat(term);
  };
  const left = Number(match[1]) + offset(match[3], width);
  const top = Number(match[2]) + offset(match[4], height);
  return { left, top, right: left + width, bottom: top + height };
}

// A 1280x720 page's map (920 x 380 px beside the docked 3D view), its legend from x 718 on.
const MAP = { width: 920, height: 380, legendLeft: 718 };
/** The band the scale bar and the drawing note take along the map's bottom at 16 px a rem, px. */
const NOTES_BAND_PX = 67;

describe('the hover card', () => {
  it('stands left of a van hovered near the legend, where it used to run under the legend', () => {
    const card = placeCard(
      getTooltipTransform(486, 243, MAP.width, MAP.height, MAP.legendLeft),
      TOOLTIP_MAX_WIDTH_PX,
      160,
    );
    expect(card.right).toBeLessThan(486);
    expect(card.left).toBeGreaterThanOrEqual(0);
  });

  it('keeps clear of the legend and inside the map wherever the pointer is', () => {
    for (let x = 0; x <= MAP.legendLeft; x += 17) {
      for (let y = 0; y <= MAP.height; y += 19) {
        const transform = getTooltipTransform(x, y, MAP.width, MAP.height, MAP.legendLeft);
        for (const [width, height] of [
          [208, 60],
          [TOOLTIP_MAX_WIDTH_PX, TOOLTIP_MAX_HEIGHT_PX],
        ]) {
          const card = placeCard(transform, width, height);
          const where = `pointer (${x}, ${y}), card ${width}x${height}: ${JSON.stringify(card)}`;
          expect(card.right <= MAP.legendLeft, where).toBe(true);
          expect(card.left >= 0 && card.top >= 0 && card.bottom <= MAP.height, where).toBe(true);
          // Never under the pointer, which would hide what is hovered.
          const overPointer = card.left <= x && x <= card.right && card.top <= y && y <= card.bottom;
          expect(overPointer, where).toBe(false);
        }
      }
    }
  });

  it("keeps above the map's notes along its bottom (the scale bar, the drawing note) on a short map", () => {
    // A van hovered at street zoom beside the docked 3D view: its card stood as low as the map
    // went, and the "Software graphics: lighter drawing" note covered its on-time row.
    const freeBottom = MAP.height - NOTES_BAND_PX;
    for (let x = 0; x <= MAP.legendLeft; x += 17) {
      for (let y = 0; y <= MAP.height; y += 19) {
        const transform = getTooltipTransform(x, y, MAP.width, MAP.height, MAP.legendLeft, freeBottom);
        const card = placeCard(transform, TOOLTIP_MAX_WIDTH_PX, TOOLTIP_MAX_HEIGHT_PX);
        const where = `pointer (${x}, ${y}): ${JSON.stringify(card)}`;
        expect(card.top >= 0 && card.bottom <= freeBottom, where).toBe(true);
        const overPointer = card.left <= x && x <= card.right && card.top <= y && y <= card.bottom;
        expect(overPointer, where).toBe(false);
      }
    }
  });

  it('stands right of and below the pointer where there is room, as deck.gl places it', () => {
    const card = placeCard(getTooltipTransform(100, 50, MAP.width, MAP.height, MAP.legendLeft), 208, 60);
    expect(card.left).toBeGreaterThan(100);
    expect(card.top).toBeGreaterThan(50);
  });
});
