/**
 * Where the 3D view's labels go on screen so that none overlaps another, the pane's own overlays
 * (the facility's name, the camera buttons, the footnote) or the pane's edges. Each label, in
 * priority order, takes the first of a few places around its area's anchor (above it, below,
 * beside, diagonally) that is free, moved inside the pane when it would cross an edge; a label
 * with no free place is hidden until the camera makes room. Pure and allocation-free: the label
 * projector calls it from useFrame with buffers it owns.
 */

/** Gap between a label and its anchor, and between labels, px. */
const GAP_PX = 4;

/**
 * Candidate places as the box's offset from the anchor, in label widths and heights (plus a gap
 * away from the anchor): centred above first (where a reader looks), then the places nearest to
 * it, beside and below, out to three heights away. Labels are about three times as wide as high,
 * so a width counts as three heights of distance.
 */
const CANDIDATES: ReadonlyArray<readonly [number, number]> = (() => {
  const out: Array<[number, number]> = [];
  for (const widths of [-0.5, 0, -1, 0.5, -1.5])
    for (const heights of [-1, 0, -2, 1, -3, 2]) out.push([widths, heights]);
  const distance = ([widths, heights]: [number, number]) =>
    Math.abs(widths + 0.5) * 3 + Math.abs(heights + 0.5);
  return out.sort((a, b) => distance(a) - distance(b));
})();

export interface LabelPlacementBuffers {
  /** Boxes taken so far: left, top, right, bottom; stride 4 (reserved ones first). */
  taken: Float32Array;
  /** How many boxes of `taken` are in use. */
  takenCount: number;
}

export function createLabelPlacementBuffers(maxBoxes: number): LabelPlacementBuffers {
  return { taken: new Float32Array(maxBoxes * 4), takenCount: 0 };
}

/** Forgets the boxes taken: call once per placement pass. */
export function resetPlacement(buffers: LabelPlacementBuffers): void {
  buffers.takenCount = 0;
}

/** Marks a box as taken (an overlay, or a label placed by other means). */
export function reserveBox(
  buffers: LabelPlacementBuffers,
  left: number,
  top: number,
  right: number,
  bottom: number,
): void {
  const o = buffers.takenCount++ * 4;
  buffers.taken[o] = left;
  buffers.taken[o + 1] = top;
  buffers.taken[o + 2] = right;
  buffers.taken[o + 3] = bottom;
}

function overlapsTaken(
  buffers: LabelPlacementBuffers,
  left: number,
  top: number,
  width: number,
  height: number,
): boolean {
  const right = left + width;
  const bottom = top + height;
  const taken = buffers.taken;
  for (let k = 0; k < buffers.takenCount; k++) {
    const o = k * 4;
    if (
      left < taken[o + 2] + GAP_PX &&
      right + GAP_PX > taken[o] &&
      top < taken[o + 3] + GAP_PX &&
      bottom + GAP_PX > taken[o + 1]
    )
      return true;
  }
  return false;
}

/**
 * Places a `width` x `height` label for an anchor at (`anchorX`, `anchorY`) px in a pane of
 * `paneWidth` x `paneHeight`. Writes the box's left and top into `out` (out[0], out[1]), marks it
 * taken and returns true; returns false (and takes nothing) when every place is taken.
 */
export function placeLabel(
  buffers: LabelPlacementBuffers,
  anchorX: number,
  anchorY: number,
  width: number,
  height: number,
  paneWidth: number,
  paneHeight: number,
  out: Float32Array,
): boolean {
  if (width > paneWidth || height > paneHeight) return false;
  for (let c = 0; c < CANDIDATES.length; c++) {
    const widths = CANDIDATES[c][0];
    const heights = CANDIDATES[c][1];
    // A gap on the side away from the anchor; inside the pane, a label near an edge slides along it.
    const dx = widths > -0.5 ? GAP_PX : widths < -0.5 ? -GAP_PX : 0;
    const dy = heights >= 0 ? GAP_PX : -GAP_PX;
    const left = Math.min(paneWidth - width, Math.max(0, anchorX + widths * width + dx));
    const top = Math.min(paneHeight - height, Math.max(0, anchorY + heights * height + dy));
    if (overlapsTaken(buffers, left, top, width, height)) continue;
    out[0] = left;
    out[1] = top;
    reserveBox(buffers, left, top, left + width, top + height);
    return true;
  }
  return false;
}
