/**
 * Where the labels of a chart's event rules go: each label is written just right of its rule,
 * or just left of it when the plot ends first (a change made at the time on screen sits at the
 * right edge), on the first of a few rows where it does not run into a label placed before it.
 * A label with no room anywhere is cut short, or left out (the rule's hover title keeps its
 * full text). Pure, so it is unit-tested.
 */

export interface PlacedLabel {
  /** Row from the top (0-based), or -1 when the label is not shown. */
  row: number;
  /** The text shown: the label, or its start and "…". */
  text: string;
  /** Where the text is anchored (px) and on which side of it it runs. */
  x: number;
  anchor: 'start' | 'end';
}

/** Smallest cut-short label worth drawing, in characters (with the ellipsis). */
const MIN_CHARS = 6;

function fitLabel(label: string, roomChars: number): string | null {
  if (label.length <= roomChars) return label;
  if (roomChars < MIN_CHARS) return null;
  return `${label.slice(0, roomChars - 1)}…`;
}

/**
 * `xs` are the rules' positions (px, ascending), `labels` their texts; the plot spans
 * [0, `widthPx`]. `charWidthPx` approximates the font's advance.
 */
export function placeEventLabels(
  xs: readonly number[],
  labels: readonly string[],
  widthPx: number,
  charWidthPx: number,
  rows: number,
  gapPx = 3,
): PlacedLabel[] {
  // How far right each row is taken.
  const rowEnds = new Array<number>(rows).fill(Number.NEGATIVE_INFINITY);
  return xs.map((x, index) => {
    const label = labels[index];
    for (let row = 0; row < rows; row++) {
      const free = rowEnds[row] + gapPx;
      // Right of the rule, as far as the plot goes.
      const start = x + gapPx;
      if (start >= free) {
        const roomRight = Math.floor((widthPx - start) / charWidthPx);
        const roomLeft = Math.floor((x - gapPx - Math.max(0, free)) / charWidthPx);
        if (roomRight >= label.length || roomRight >= roomLeft) {
          const text = fitLabel(label, roomRight);
          if (text) {
            rowEnds[row] = start + text.length * charWidthPx;
            return { row, text, x: start, anchor: 'start' };
          }
        }
      }
      // Left of the rule, back to what this row already holds.
      const end = x - gapPx;
      const roomLeft = Math.floor((end - Math.max(0, free)) / charWidthPx);
      const text = fitLabel(label, roomLeft);
      if (text) {
        rowEnds[row] = x;
        return { row, text, x: end, anchor: 'end' };
      }
    }
    return { row: -1, text: '', x, anchor: 'start' };
  });
}

/**
 * Items (rules or marks) with their label placed: `xOf` gives each one's position (items in
 * ascending x), `labelOf` its text.
 */
export function withPlacedLabels<T>(
  items: readonly T[],
  xOf: (item: T) => number,
  labelOf: (item: T) => string,
  widthPx: number,
  charWidthPx: number,
  rows: number,
): Array<{ item: T; x: number; label: PlacedLabel }> {
  const xs = items.map(xOf);
  const placed = placeEventLabels(xs, items.map(labelOf), widthPx, charWidthPx, rows);
  return items.map((item, index) => ({ item, x: xs[index], label: placed[index] }));
}
