import { describe, expect, test } from 'vitest';
import { KpiRowsWatch } from '../../src/panels/kpiRowsWatch';
import { smallParams } from '../sim/simHelpers';
import { PageHarness } from '../state/channelHarness';

const H = 3600;
const SEED = 5;

describe('the panels of hours hear of a change once a sim hour, not at every tick', () => {
  test('played in 5-minute publishes, the watch says "changed" exactly where an hour closed', () => {
    const page = new PageHarness(smallParams(), SEED);
    page.playTo(2 * H, 300);
    const watch = new KpiRowsWatch(page.channels());
    let ticks = 0;
    page.a.onTick(() => ticks++);
    const changedAtHours: number[] = [];
    let hoursBefore = page.a.kpiHistory.hours;
    page.playTo(8 * H, 300, () => {
      const hours = page.a.kpiHistory.hours;
      const changed = watch.hasChanged();
      expect(changed, `changed at display ${page.displayTimeS} s, hours ${hoursBefore} -> ${hours}`).toBe(
        hours !== hoursBefore,
      );
      if (changed) changedAtHours.push(hours);
      hoursBefore = hours;
    });
    expect(changedAtHours).toEqual([3, 4, 5, 6, 7, 8]);
    // The redraws saved: a tick every publish, a change once an hour.
    expect(ticks).toBeGreaterThanOrEqual(6 * 12);
  });

  test('a seek back is a change: the hours after it go', () => {
    const page = new PageHarness(smallParams(), SEED);
    page.playTo(6 * H, 900);
    const watch = new KpiRowsWatch(page.channels());
    expect(watch.hasChanged()).toBe(false);
    page.a.seek(3 * H + 600);
    page.models.pump();
    expect(page.a.kpiHistory.hours).toBe(3);
    expect(watch.hasChanged()).toBe(true);
    expect(watch.hasChanged(), 'told once').toBe(false);
  });

  test("scenario B: its first tick on screen and its hours are changes (the compare table's B column fills)", async () => {
    const page = new PageHarness(smallParams(), SEED);
    // Forked before the first hour closes: B's first tick brings no row, only itself.
    page.playTo(H / 2, 300);
    await page.fork(smallParams());
    const b = page.b;
    if (!b) throw new Error('no B');
    const watch = new KpiRowsWatch([page.a, b]);
    let changes = 0;
    let hadTick = b.view.currentTick !== null;
    let hoursB = b.kpiHistory.hours;
    expect(hadTick, 'B on screen before its first tick').toBe(false);
    page.playTo(2 * H + 600, 300, () => {
      const hasTick = b.view.currentTick !== null;
      const changed = watch.hasChanged();
      if (changed) changes++;
      if (hasTick !== hadTick || b.kpiHistory.hours !== hoursB)
        expect(changed, `changed at ${page.displayTimeS} s (B's tick or hours moved)`).toBe(true);
      hadTick = hasTick;
      hoursB = b.kpiHistory.hours;
    });
    expect(hadTick).toBe(true);
    expect(changes).toBeGreaterThanOrEqual(2);
    // Far fewer than the publishes (27): B's first tick, then once an hour (A's and B's close together).
    expect(changes).toBeLessThanOrEqual(5);
  });
});
