import { latLngToCell } from 'h3-js';
import { describe, expect, test } from 'vitest';
import { getHexResolution, getLateHexColor, LATE_HEX_STEPS } from '../../../src/map/layers/latenessHex';
import { LateStopCells, LatenessHexLayer } from '../../../src/map/layers/LatenessHexLayer';
import { TripLedger } from '../../../src/map/tripLedger';
import { createVanRouteBatch, pickOn } from '../fixtures';

const DEPART_S = 36_000;

describe('lateness hexagons', () => {
  const ledger = new TripLedger();
  // Doors 1 and 3 late (reached at +600 and +1800), door 2 on time.
  ledger.append(createVanRouteBatch(DEPART_S, [DEPART_S, DEPART_S + 9999, DEPART_S]));

  test('count the late doors in the window, by H3 cell, in real parcels', () => {
    const cells = new LateStopCells(8);
    const hexagons = cells.countLate(ledger, 0, DEPART_S + 3600, 0.01);
    const total = hexagons.reduce((sum, cell) => sum + cell.lateParcels, 0);
    expect(total).toBe(200);
    expect(hexagons.map((cell) => cell.hex)).toContain(latLngToCell(41.91, -87.67, 8));
    // A window that ends before the second late door counts one.
    const early = cells.countLate(ledger, 0, DEPART_S + 1000, 0.01);
    expect(early.reduce((sum, cell) => sum + cell.lateParcels, 0)).toBe(100);
  });

  test('use bigger cells zoomed out and smaller ones zoomed in', () => {
    expect(getHexResolution(4)).toBeLessThan(getHexResolution(9.5));
    expect(getHexResolution(9.5)).toBeLessThan(getHexResolution(13.5));
  });

  test('darken with the count, step by step as the legend shows', () => {
    const colors = LATE_HEX_STEPS.map((parcels) => getLateHexColor(parcels));
    for (let k = 1; k < colors.length; k++) expect(colors[k][1]).toBeLessThan(colors[k - 1][1]);
    expect(getLateHexColor(5)).toEqual(colors[0]);
  });

  test('say on hover how many parcels were late and over which window', () => {
    const layer = new LatenessHexLayer({
      id: 'lateness',
      hexagons: [{ hex: latLngToCell(41.91, -87.67, 8), lateParcels: 1234 }],
      windowLabel: 'since the start',
    });
    const html = layer.getTooltipHtml(pickOn(layer, null, 0, layer.props.hexagons[0])) ?? '';
    expect(html).toContain('1,234');
    expect(html).toContain('since the start');
  });
});
