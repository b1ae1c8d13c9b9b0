/**
 * Where the tour's caption card goes on the map area, given what else is drawn there: a pure
 * function of measured rectangles, so the rule is testable without a browser.
 */

/** Space kept between the caption card and the map area's edges or the selection card, px. */
export const CAPTION_GAP_PX = 12;

/** A measured box in viewport px (a `DOMRect` fits). */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface CaptionPlacement {
  /** The caption card's horizontal centre, px from the viewport's left edge. */
  centreX: number;
  /** From the viewport's bottom edge to the caption card's bottom edge, px. */
  bottom: number;
}

function intersects(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/**
 * The caption sits at the bottom centre of the map area, like a subtitle, clear of the 3D pane
 * below and the rail beside. When the selection card (bottom left) is showing and the centred
 * caption would cover it, the caption slides right to stand beside it, so the step's words and
 * the selected facility's figures read side by side; where the map area is too narrow for both,
 * the caption stands above the selection card instead.
 *
 * @param mapArea - the `.map-area` box (the full-screen 3D view's, when the caption stands over it).
 * @param caption - the caption card's own size, px.
 * @param selectionCard - the selection card's box, or null when nothing is selected.
 * @param viewportHeight - `window.innerHeight`, px.
 */
export function getCaptionPlacement(
  mapArea: Box,
  caption: { width: number; height: number },
  selectionCard: Box | null,
  viewportHeight: number,
): CaptionPlacement {
  const centred = {
    centreX: Math.round((mapArea.left + mapArea.right) / 2),
    bottom: Math.round(viewportHeight - mapArea.bottom + CAPTION_GAP_PX),
  };
  if (!selectionCard) return centred;
  const boxAt = ({ centreX, bottom }: CaptionPlacement): Box => ({
    left: centreX - caption.width / 2 - CAPTION_GAP_PX,
    right: centreX + caption.width / 2 + CAPTION_GAP_PX,
    top: viewportHeight - bottom - caption.height - CAPTION_GAP_PX,
    bottom: viewportHeight - bottom + CAPTION_GAP_PX,
  });
  if (!intersects(boxAt(centred), selectionCard)) return centred;
  const beside = {
    centreX: Math.ceil(selectionCard.right + CAPTION_GAP_PX + caption.width / 2),
    bottom: centred.bottom,
  };
  if (beside.centreX + caption.width / 2 <= mapArea.right - CAPTION_GAP_PX) return beside;
  return {
    centreX: centred.centreX,
    bottom: Math.round(viewportHeight - selectionCard.top + CAPTION_GAP_PX),
  };
}
