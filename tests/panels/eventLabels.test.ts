import { describe, expect, test } from 'vitest';
import { placeEventLabels } from '../../src/panels/eventLabels';

/** Left and right ends of a placed label's text (px), for overlap checks. */
function extent(
  label: { x: number; text: string; anchor: 'start' | 'end' },
  charPx: number,
): [number, number] {
  const width = label.text.length * charPx;
  return label.anchor === 'start' ? [label.x, label.x + width] : [label.x - width, label.x];
}

describe("the labels of a chart's event rules", () => {
  test('a label starts right of its rule when the plot has room', () => {
    const [placed] = placeEventLabels([10], ['Prime Day'], 300, 5, 2);
    expect(placed).toEqual({ row: 0, text: 'Prime Day', x: 13, anchor: 'start' });
  });

  test('a change at the right edge (made at the time on screen) is labelled left of its rule', () => {
    const [placed] = placeEventLabels([300], ['Vans per station 180 → 20'], 300, 5, 2);
    expect(placed.anchor).toBe('end');
    expect(placed.text).toBe('Vans per station 180 → 20');
    expect(placed.x).toBe(297);
  });

  test('labels on one row never overlap; a crowded one moves to the next row or is cut short', () => {
    const charPx = 5;
    const xs = [20, 30, 40, 200];
    const labels = ['Prime Day', 'Vans per station 180 → 20', 'Order placed', 'Fork: B'];
    const placed = placeEventLabels(xs, labels, 300, charPx, 2);
    expect(placed.map((label) => label.row)).toEqual([0, 1, -1, 0]);
    for (let a = 0; a < placed.length; a++) {
      for (let b = a + 1; b < placed.length; b++) {
        if (placed[a].row < 0 || placed[a].row !== placed[b].row) continue;
        const [left, right] = [extent(placed[a], charPx), extent(placed[b], charPx)];
        expect(left[1] <= right[0] || right[1] <= left[0], `${labels[a]} and ${labels[b]}`).toBe(true);
      }
    }
    // The hidden one still has its rule (the caller draws every rule, with its full text as a title).
    expect(placed[2]).toMatchObject({ row: -1, text: '' });
  });

  test('a label too long for either side is cut short with an ellipsis, inside the plot', () => {
    const [placed] = placeEventLabels([50], ['Flex pay per hour 25 → 15'], 100, 5, 1);
    expect(placed.text).toBe('Flex pay…');
    expect(placed.x + placed.text.length * 5).toBeLessThanOrEqual(100);
  });

  test('an empty label (a rule named elsewhere) takes no row', () => {
    const placed = placeEventLabels([10, 12], ['', 'Prime Day'], 300, 5, 1);
    expect(placed.map((label) => label.row)).toEqual([-1, 0]);
  });
});
