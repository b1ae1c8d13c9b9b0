/**
 * Where the map's hover card stands: beside the pointer, on the side with room for it, so the
 * legend (which stands over the map's right edge, above the deck.gl canvas) never covers it and the
 * map's edges never cut it. deck.gl puts the card's top-left corner at the pointer; the transform
 * returned here replaces that. The card's size is not known when deck.gl asks for it, so the
 * choice uses the widest and tallest a card gets (styles.css caps `.map-tooltip` at that width).
 */

/** The widest a hover card gets, px (styles.css `.map-tooltip` max-width: 20rem at 16 px). */
export const TOOLTIP_MAX_WIDTH_PX = 320;
/** The tallest card (a van's: title, kind and six rows), px. */
export const TOOLTIP_MAX_HEIGHT_PX = 190;
/** Gap between the pointer and the card, px: the card never sits under the pointer. */
const POINTER_GAP_PX = 12;

/**
 * The CSS transform that places the hover card for a pointer at (`x`, `y`) on a map of `width` x
 * `height` (px, from the map's top left), whose right part from `freeRightPx` on is covered by the
 * legend and whose bottom from `freeBottomPx` down by the map's notes (the scale bar, the drawing
 * note, which stand over the deck.gl canvas and so over the card): right of and below the
 * pointer where the card fits there, else left of or above it.
 */
export function getTooltipTransform(
  x: number,
  y: number,
  width: number,
  height: number,
  freeRightPx: number = width,
  freeBottomPx: number = height,
): string {
  const fitsRight = x + POINTER_GAP_PX + TOOLTIP_MAX_WIDTH_PX <= Math.min(width, freeRightPx);
  // Left when it fits there, or when neither side fits and the left has more room.
  const left = !fitsRight && (x - POINTER_GAP_PX - TOOLTIP_MAX_WIDTH_PX >= 0 || x > freeRightPx - x);
  const dx = left ? `calc(-100% - ${POINTER_GAP_PX}px)` : `${POINTER_GAP_PX}px`;
  let dy = `${POINTER_GAP_PX}px`;
  if (y + POINTER_GAP_PX + TOOLTIP_MAX_HEIGHT_PX > freeBottomPx) {
    // Above the pointer, and above the notes when the pointer is among them.
    const bottomAbove = Math.min(y - POINTER_GAP_PX, freeBottomPx);
    if (bottomAbove - TOOLTIP_MAX_HEIGHT_PX >= 0) dy = `calc(-100% - ${y - bottomAbove}px)`;
    // A map too short for the card above or below the pointer (the docked 3D view leaves the
    // map ~380 px): the card stands beside the pointer as low as it fits.
    else dy = `${Math.max(0, freeBottomPx - TOOLTIP_MAX_HEIGHT_PX) - y}px`;
  }
  return `translate(${x}px, ${y}px) translate(${dx}, ${dy})`;
}
