import { describe, expect, test } from 'vitest';
import { describeDueParcels } from '../../src/panels/OnTimePanel';

describe("the on-time headline's note", () => {
  test('names the parcels due in its hours at real volume', () => {
    expect(describeDueParcels(2_650, 0.01, 66, 90)).toBe(
      'of 265k parcels due D3 18h–D4 18h, late if not yet delivered',
    );
  });

  test('says no parcel fell due in hours without a promise ending, not "of 0 parcels due"', () => {
    // Day 1 before the evening (A/B forked at 04:00): hours have closed, no promise fell due.
    const note = describeDueParcels(0, 0.002, 0, 4);
    expect(note).toBe('no parcel fell due D1 00h–D1 04h');
    expect(note).not.toMatch(/\b0 parcels/);
  });

  test('says no hour has closed at the run start', () => {
    expect(describeDueParcels(0, 0.002, 0, 0)).toBe('nothing due yet: no hour has closed');
  });
});
