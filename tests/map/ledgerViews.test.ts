import { describe, expect, test } from 'vitest';
import { LateStopCells } from '../../src/map/layers/LatenessHexLayer';
import { getSumWindow, LedgerViews } from '../../src/map/ledgerViews';
import { TripLedger } from '../../src/map/tripLedger';
import { createTestNetwork, createVanRouteBatch } from './fixtures';

describe('the window the map sums over', () => {
  test('is the brushed hours when the charts have a brush', () => {
    const window = getSumWindow([8, 14], 20 * 3600, 1);
    expect([window.fromS, window.toS]).toEqual([8 * 3600, 14 * 3600]);
    expect(window.label).toContain('brushed');
  });

  test('else the run so far, in whole hours', () => {
    const window = getSumWindow(null, 10.5 * 3600, 1);
    expect([window.fromS, window.toS]).toEqual([0, 10 * 3600]);
    expect(window.label).toContain('since the start');
  });

  test('from the hour of the earliest door the page holds, when it opened later in the run', () => {
    const window = getSumWindow(null, 30.5 * 3600, 1, 26.2 * 3600);
    expect([window.fromS, window.toS]).toEqual([26 * 3600, 30 * 3600]);
    expect(window.label).not.toContain('since the start');
  });

  test('keeps its sums until the window or the recorded past changes', () => {
    const ledger = new TripLedger();
    const views = new LedgerViews(ledger);
    const network = createTestNetwork();
    ledger.append(createVanRouteBatch(3600, [0, 0, 0]));
    const window = getSumWindow(null, 3 * 3600, 1);
    const sums = views.getWindowSums(network, window, 10, 0.01, LateStopCells);
    expect(sums.onTime.doors[2]).toBe(3);
    expect(sums.hexagons.reduce((total, cell) => total + cell.lateParcels, 0)).toBe(300);
    expect(views.getWindowSums(network, window, 10, 0.01, LateStopCells)).toBe(sums);
    expect(views.getWindowSums(network, window, 10, 0.01, null).hexagons).toEqual([]);
    ledger.dropVehiclesFrom(0);
    expect(views.getWindowSums(network, window, 10, 0.01, null).onTime.doors[2]).toBe(0);
  });
});
