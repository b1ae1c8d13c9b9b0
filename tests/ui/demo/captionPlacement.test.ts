import { describe, expect, test } from 'vitest';
import { type Box, CAPTION_GAP_PX, getCaptionPlacement } from '../../../src/ui/demo/captionPlacement';

/** The map area of a 1280x720 page with the drawer closed (measured in Chromium). */
const MAP_AREA: Box = { left: 25, top: 36, right: 947, bottom: 643 };
const CAPTION = { width: 408, height: 193 };
const VIEWPORT_HEIGHT = 720;

function captionBox(centreX: number, bottom: number): Box {
  const top = VIEWPORT_HEIGHT - bottom - CAPTION.height;
  return {
    left: centreX - CAPTION.width / 2,
    right: centreX + CAPTION.width / 2,
    top,
    bottom: top + CAPTION.height,
  };
}

const apart = (a: Box, b: Box) =>
  a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;

describe('tour caption placement', () => {
  test('with nothing selected, the caption is at the bottom centre of the map area', () => {
    expect(getCaptionPlacement(MAP_AREA, CAPTION, null, VIEWPORT_HEIGHT)).toEqual({
      centreX: 486,
      bottom: VIEWPORT_HEIGHT - MAP_AREA.bottom + CAPTION_GAP_PX,
    });
  });

  test('a narrow selection card leaves the caption centred', () => {
    const selection = { left: 33, top: 470, right: 252, bottom: 612 };
    expect(getCaptionPlacement(MAP_AREA, CAPTION, selection, VIEWPORT_HEIGHT).centreX).toBe(486);
  });

  test('for every selection card width, the caption stays clear of it and inside the map area', () => {
    for (let right = 150; right <= 700; right += 10) {
      const selection = { left: 33, top: 470, right, bottom: 612 };
      const { centreX, bottom } = getCaptionPlacement(MAP_AREA, CAPTION, selection, VIEWPORT_HEIGHT);
      const box = captionBox(centreX, bottom);
      expect(apart(box, selection), `caption ${JSON.stringify(box)} overlaps card right ${right}`).toBe(true);
      expect(box.right, `caption right edge with card right ${right}`).toBeLessThanOrEqual(MAP_AREA.right);
      expect(box.left).toBeGreaterThanOrEqual(MAP_AREA.left);
    }
  });

  test('the wide delivery station card moves the caption beside it; a too-narrow map stacks it above', () => {
    const selection = { left: 33, top: 470, right: 310, bottom: 612 };
    const beside = getCaptionPlacement(MAP_AREA, CAPTION, selection, VIEWPORT_HEIGHT);
    expect(captionBox(beside.centreX, beside.bottom).left).toBe(310 + CAPTION_GAP_PX);
    const narrow = { ...MAP_AREA, right: 700 };
    const above = getCaptionPlacement(narrow, CAPTION, selection, VIEWPORT_HEIGHT);
    expect(above.bottom).toBe(VIEWPORT_HEIGHT - selection.top + CAPTION_GAP_PX);
  });
});
