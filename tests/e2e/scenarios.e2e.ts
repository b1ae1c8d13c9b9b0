/**
 * Scenarios as a user argues with them: a slider change reaches the running model and moves a
 * KPI the right way, a copied link reproduces the run, A/B shows exactly zero for identical
 * scenarios and a difference for a meaningful change, a fork starts both futures from one
 * snapshot, and bad URL values become notices while the page still opens.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultParams } from '../../src/sim/params';
import {
  type GuardedPage,
  hideVehicles,
  launchBrowser,
  openApp,
  readHourlyKpi,
  waitForMapReady,
  waitForModelReady,
  tickTime,
  waitForTickAt,
} from './browser';

const SMALL = 'scale=0.002&fulfillmentCenterCount=20&sortationCenterCount=10&deliveryStationCount=150';
/** The calibrated fleet (CALIBRATION.md), which the fork and the marks tests change. */
const DEFAULT_VANS = defaultParams().vansPerStation;
/** Day 2, 08:00: deliveries have happened, the morning waves are about to leave. */
const MORNING_S = 32 * 3600;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Moves a drawer slider the way a person does: the input event React listens to. */
async function setSlider(page: Page, key: string, value: number): Promise<void> {
  await page.locator(`input[data-param="${key}"]`).evaluate((input, next) => {
    const element = input as HTMLInputElement;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    setter?.call(element, String(next));
    element.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

async function openGroup(page: Page, key: string): Promise<void> {
  await page.locator(`details:has(input[data-param="${key}"])`).evaluate((details) => {
    (details as HTMLDetailsElement).open = true;
  });
}

/** B − A for a compare-table row, once B has caught up. */
async function delta(page: Page, key: string): Promise<number> {
  const raw = await page.getByTestId(`delta-${key}`).getAttribute('data-value');
  return raw === null || raw === '' ? Number.NaN : Number(raw);
}

/**
 * Plays at the fastest speed until the page shows `untilS`, then pauses. The comparisons read B − A
 * hours on, not the way there, and the two small runs keep ahead of 10,000x (3.6 s of wall time for
 * ten sim hours, where 3,600x took 10 s).
 */
async function play(page: Page, untilS: number): Promise<void> {
  await page.evaluate(() => {
    const store = window.parcelscope?.store;
    store?.setState({ playback: { playing: true, speed: 10_000 } });
  });
  await expect.poll(() => tickTime(page), { timeout: 120_000 }).toBeGreaterThanOrEqual(untilS);
  await page.evaluate(() => {
    const store = window.parcelscope?.store;
    store?.setState({ playback: { ...store.getState().playback, playing: false } });
  });
}

/** The drawer open (its toggle says whether it is). */
async function openDrawer(page: Page): Promise<void> {
  const toggle = page.getByTestId('drawer-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

/**
 * Back to the morning with A alone, as a presenter starts the next comparison: B stopped, paused,
 * the clock moved back. Through the hour before, because a seek back undoes the changes and
 * marks made after the time it goes to, and the last comparison's fork is marked at the morning.
 */
async function backToMorning(page: Page): Promise<void> {
  if (await page.getByTestId('stop-compare').isVisible()) await page.getByTestId('stop-compare').click();
  await expect
    .poll(() => page.evaluate(() => window.parcelscope?.store.getState().compare.active))
    .toBe(false);
  for (const timeS of [MORNING_S - 3600, MORNING_S]) {
    await page.evaluate((seekS) => {
      const store = window.parcelscope?.store;
      store?.setState({ playback: { ...store.getState().playback, playing: false } });
      window.parcelscope?.seek(seekS);
    }, timeS);
    await waitForTickAt(page, timeS);
  }
}

const MORNING_QUERY = `?${SMALL}&seed=5&t=${MORNING_S}&paused=1`;

// Each page load costs seconds of software WebGL, so the tests share two pages of one run:
// `first`, which a link is copied from and a slider is moved on, and `run`, opened from that
// link, on which the comparisons run one after another, each starting back at the morning.
describe('scenarios on one run and the link copied from it', () => {
  let first: GuardedPage;
  let run: GuardedPage;
  let link = '';
  let kpisAtLink: number[] = [];
  afterAll(async () => {
    await first?.page.context().close();
    await run?.page.context().close();
  });

  test('copying the link while paused keeps the sim time and the pause in it', async () => {
    first = await openApp(browser, MORNING_QUERY);
    await waitForModelReady(first.page);
    await hideVehicles(first.page);
    await waitForTickAt(first.page, MORNING_S);
    await first.page.getByTestId('share-link').click();
    await expect.poll(() => first.page.evaluate(() => window.location.search)).toContain(`t=${MORNING_S}`);
    // Copied while paused, the link opens paused on the same moment.
    expect(await first.page.evaluate(() => window.location.search)).toContain('paused=1');
    link = await first.page.evaluate(() => window.location.href);
    kpisAtLink = await first.page.evaluate(() => Array.from(window.parcelscope?.kpiHistory.cumulative ?? []));
    expect(kpisAtLink.length).toBeGreaterThan(10);
    first.assertClean();
  });

  test('a slider change takes effect at the time on screen, not where the model had run ahead to', async () => {
    const app = first;
    // Paused, the worker still simulates its look-ahead (30 sim min) past the display.
    const pendingOrdered = () =>
      app.page.evaluate(() =>
        (window.parcelscope?.simView.pendingTicks ?? []).map((tick) => ({
          timeS: tick.timeS,
          ordered: tick.kpis.cumulative[0],
        })),
      );
    await expect
      .poll(async () => (await pendingOrdered()).at(-1)?.timeS ?? 0, { timeout: 60_000 })
      .toBeGreaterThanOrEqual(MORNING_S + 1500);
    const ahead = (await pendingOrdered()).at(-1);
    if (!ahead) throw new Error('no tick ahead of the display');
    expect(
      await app.page.evaluate(() => window.parcelscope?.kpiHistory.names[0]),
      'the first KPI column',
    ).toBe('ordered');

    await openDrawer(app.page);
    await openGroup(app.page, 'demandMultiplier');
    await setSlider(app.page, 'demandMultiplier', 3);
    // The worker went back to the display time and computed the same stretch again with three
    // times the demand: some tick no later than the one ahead now counts more orders than it did.
    // Before rewinds the change applied where the worker was, past every tick it had sent.
    const mostOrdersByAhead = async () => {
      let most = 0;
      for (const tick of await pendingOrdered()) {
        if (tick.timeS > MORNING_S && tick.timeS <= ahead.timeS) most = Math.max(most, tick.ordered);
      }
      return most;
    };
    await expect
      .poll(mostOrdersByAhead, {
        timeout: 60_000,
        message: `orders by ${ahead.timeS} s after tripling demand at ${MORNING_S} s`,
      })
      .toBeGreaterThan(ahead.ordered);
    expect(await app.page.evaluate(() => window.parcelscope?.store.getState().displayTimeS)).toBe(MORNING_S);
    expect(await app.page.evaluate(() => window.parcelscope?.store.getState().params?.demandMultiplier)).toBe(
      3,
    );
    app.assertClean();
  });

  test('the copied link opened in a new page gives the same KPIs at the same sim time', async () => {
    expect(link, 'the link copied by the first test').toContain(`t=${MORNING_S}`);
    // One page at a time: two software-WebGL pages on two cores starve each other.
    await first.page.context().close();
    run = await openApp(browser, link.slice(link.indexOf('?')));
    await waitForModelReady(run.page);
    await hideVehicles(run.page);
    await waitForTickAt(run.page, MORNING_S);
    const kpisSecond = await run.page.evaluate(() =>
      Array.from(window.parcelscope?.kpiHistory.cumulative ?? []),
    );
    expect(kpisSecond.length).toBeGreaterThan(10);
    expect(kpisSecond).toEqual(kpisAtLink);
    run.assertClean();
  });

  test('A/B of identical scenarios differs by exactly zero, and so does a fork from now with no change, 6 h on', async () => {
    const app = run;
    await app.page.getByTestId('start-ab').click();
    await app.page.getByTestId('compare-table').waitFor({ timeout: 120_000 });
    await expect.poll(() => delta(app.page, 'ordered'), { timeout: 60_000 }).toBe(0);
    const rows = ['onTimeRate', 'delivered', 'ordered', 'lineHaulMiles', 'clickToDoorH'];
    for (const key of rows) {
      expect(await delta(app.page, key), `B − A for ${key}`).toBe(0);
    }
    await app.screenshot('scenarios-ab-identical');

    // Fork from now, changing nothing: B is A's state at this moment and stays A 6 sim hours on.
    await app.page.getByTestId('stop-compare').click();
    await app.page.getByTestId('start-fork').click();
    await app.page.getByTestId('compare-table').waitFor({ timeout: 120_000 });
    expect(await app.page.evaluate(() => window.parcelscope?.store.getState().compare.mode)).toBe('fork');
    // The drawer opens on B, where the next change goes.
    expect(await app.page.getByTestId('edit-scenario-B').getAttribute('aria-pressed')).toBe('true');
    await play(app.page, MORNING_S + 6 * 3600);
    await expect.poll(() => delta(app.page, 'ordered'), { timeout: 60_000 }).toBe(0);
    for (const key of rows) {
      expect(await delta(app.page, key), `fork with no change, 6 h on: B − A for ${key}`).toBe(0);
    }
    await app.screenshot('scenarios-fork-no-change-6h');
    app.assertClean();
  });

  test('forking on a slider change: both futures start from one snapshot, fewer vans hand routes to Flex', async () => {
    const app = run;
    await backToMorning(app.page);
    await openDrawer(app.page);
    await app.page.getByTestId('fork-on-change').check();
    await openGroup(app.page, 'vansPerStation');
    await setSlider(app.page, 'vansPerStation', 10);
    await app.page.getByTestId('compare-table').waitFor({ timeout: 120_000 });
    expect(await app.page.evaluate(() => window.parcelscope?.store.getState().compare.mode)).toBe('fork');
    // The drawer stays open on B, where the next change goes, and the fork is marked.
    expect(await app.page.getByTestId('edit-scenario-B').getAttribute('aria-pressed')).toBe('true');
    const forkMark = app.page.locator('[data-testid="timeline-mark"][data-kind="fork"]');
    expect(await forkMark.getAttribute('data-label')).toBe('Fork: B');
    expect(await forkMark.getAttribute('title')).toContain('forked from A here with Vans per station');
    // At the fork both runs are the same state: every difference is zero.
    await expect.poll(() => delta(app.page, 'ordered'), { timeout: 60_000 }).toBe(0);
    expect(await delta(app.page, 'delivered')).toBe(0);
    // A kept its vans; B has 10 per station.
    expect(await app.page.evaluate(() => window.parcelscope?.store.getState().params?.vansPerStation)).toBe(
      DEFAULT_VANS,
    );
    expect(
      await app.page.evaluate(() => window.parcelscope?.store.getState().compare.params?.vansPerStation),
    ).toBe(10);
    await play(app.page, MORNING_S + 10 * 3600);
    // Flex is the elastic layer: with 10 vans a station it takes the routes the vans cannot, so
    // the last mile costs differently while on-time holds or falls, never rises.
    expect(
      await delta(app.page, 'costPerParcelUsd'),
      'cost per parcel B − A after 10 h with 10 vans per station',
    ).not.toBe(0);
    expect(
      await delta(app.page, 'onTimeRate'),
      'on-time B − A after 10 h with 10 vans per station',
    ).toBeLessThanOrEqual(0);
    await app.screenshot('scenarios-fork-fewer-vans');
    // The waterfall's title stands clear of the table's last row above it.
    const table = await app.page.getByTestId('compare-table').boundingBox();
    const waterfall = await app.page.getByTestId('compare-waterfall').boundingBox();
    expect(table && waterfall, 'the A-B table and the waterfall shown').toBeTruthy();
    if (table && waterfall)
      expect(
        waterfall.y - (table.y + table.height),
        'px between the table and the waterfall',
      ).toBeGreaterThanOrEqual(8);
    app.assertClean();
  });

  test('a link copied during the fork opens the same A vs B: B changes at the fork time, every B − A the same', async () => {
    const rows = ['ordered', 'delivered', 'onTimeRate', 'costPerParcelUsd', 'flexAcceptance', 'clickToDoorH'];
    await run.page.getByTestId('share-link').click();
    await expect.poll(() => run.page.evaluate(() => window.location.search)).toContain('bAt=');
    const query = await run.page.evaluate(() => window.location.search);
    const link = new URLSearchParams(query);
    expect(link.get('b.vansPerStation')).toBe('10');
    expect(link.get('bAt')).toBe(String(MORNING_S));
    // Where the clock stopped, 10 h or a little more after the fork.
    const atS = Number(link.get('t'));
    expect(atS).toBeGreaterThanOrEqual(MORNING_S + 10 * 3600);
    const shown: number[] = [];
    for (const key of rows) shown.push(await delta(run.page, key));
    expect(shown.some((value) => value !== 0)).toBe(true);

    const opened = await openApp(browser, query);
    try {
      const { page } = opened;
      await waitForModelReady(page);
      await hideVehicles(page);
      await page.getByTestId('compare-table').waitFor({ timeout: 120_000 });
      // B replays A to the fork, changes there and catches up: both have every hour to the link's.
      await expect
        .poll(
          () =>
            page.evaluate(() =>
              (['A', 'B'] as const).map((label) => window.parcelscope?.getChannel(label).kpiHistory.hours),
            ),
          { timeout: 120_000 },
        )
        .toEqual([Math.floor(atS / 3600), Math.floor(atS / 3600)]);
      const compare = await page.evaluate(() => window.parcelscope?.store.getState().compare);
      expect(compare?.mode).toBe('fork');
      expect(compare?.forkTimeS).toBe(MORNING_S);
      expect(compare?.params?.vansPerStation).toBe(10);
      expect(await page.evaluate(() => window.parcelscope?.store.getState().params?.vansPerStation)).toBe(
        DEFAULT_VANS,
      );
      for (const [index, key] of rows.entries())
        await expect
          .poll(() => delta(page, key), { message: `B − A for ${key} from the link` })
          .toBe(shown[index]);
      expect(await page.getByTestId('compare-title').locator('..').textContent()).toContain('forked at');
      // Marked where it was made, as on the page the link came from.
      const forkMark = page.locator('[data-testid="timeline-mark"][data-kind="fork"]');
      expect(await forkMark.getAttribute('title')).toContain('forked from A here with Vans per station');
      await opened.screenshot('scenarios-fork-link-reopened');
      opened.assertClean();
    } finally {
      await opened.page.context().close();
    }
  });

  test('higher Flex pay raises Flex acceptance', async () => {
    const app = run;
    await backToMorning(app.page);
    await openDrawer(app.page);
    // A at $15/h from the morning on, then B forked from it at $40/h.
    await app.page.getByTestId('fork-on-change').uncheck();
    await openGroup(app.page, 'flexPayPerHourUsd');
    await setSlider(app.page, 'flexPayPerHourUsd', 15);
    await expect
      .poll(() => app.page.evaluate(() => window.parcelscope?.store.getState().params?.flexPayPerHourUsd))
      .toBe(15);
    await app.page.getByTestId('fork-on-change').check();
    // Ticked within the drawer's quarter second of rest: A's $15 still reaches A's model, apart
    // from the fork (it was merged into the fork, and A's model kept $20 while its slider said $15).
    await setSlider(app.page, 'flexPayPerHourUsd', 40);
    await app.page.getByTestId('compare-table').waitFor({ timeout: 120_000 });
    expect(
      await app.page.evaluate(() => window.parcelscope?.store.getState().compare.params?.flexPayPerHourUsd),
    ).toBe(40);
    expect(
      await app.page.evaluate(() => window.parcelscope?.getChannel('A').view.params?.flexPayPerHourUsd),
      "A's model runs the $15 its slider shows",
    ).toBe(15);
    await play(app.page, MORNING_S + 10 * 3600);
    expect(
      await delta(app.page, 'flexAcceptance'),
      'Flex acceptance B − A with $40/h against $15/h',
    ).toBeGreaterThan(0);
    app.assertClean();
  });

  test('forking while the clock plays at 3,600x: the clock never goes back, and A and B are read over the same hours', async () => {
    const app = run;
    await backToMorning(app.page);
    // Every frame's step of the display clock, from here on: the largest step back.
    await app.page.evaluate(() => {
      const clock = window.parcelscope?.displayClock;
      const probe = window as unknown as { clockBackS: number };
      probe.clockBackS = 0;
      let last = clock?.timeS ?? 0;
      const watch = () => {
        const now = clock?.timeS ?? 0;
        probe.clockBackS = Math.max(probe.clockBackS, last - now);
        last = now;
        requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
      const store = window.parcelscope?.store;
      store?.setState({ playback: { playing: true, speed: 3600 } });
    });
    await expect.poll(() => tickTime(app.page), { timeout: 60_000 }).toBeGreaterThan(MORNING_S);
    const clickedS = await app.page.evaluate(() => window.parcelscope?.displayClock.timeS ?? 0);
    await app.page.getByTestId('start-fork').click();
    await app.page.getByTestId('compare-table').waitFor({ timeout: 120_000 });
    // A runs on while B is built from A's state at the click; B then catches up with the clock.
    // Before, the clock went back to B's start (hours at 3,600x), A's charts left hours ahead.
    await expect.poll(() => tickTime(app.page), { timeout: 60_000 }).toBeGreaterThan(clickedS + 4 * 3600);
    // Three readings while both run: a fork that changed nothing reads zero over the same hours.
    for (let reading = 0; reading < 3; reading++) {
      for (const key of ['ordered', 'delivered', 'onTimeRate', 'flexAcceptance', 'costPerParcelUsd']) {
        expect(await delta(app.page, key), `fork with no change, playing: B − A for ${key}`).toBe(0);
      }
      await app.page.waitForTimeout(300);
    }
    await app.page.evaluate(() => {
      const store = window.parcelscope?.store;
      store?.setState({ playback: { ...store.getState().playback, playing: false } });
    });
    expect(await app.page.evaluate(() => (window as unknown as { clockBackS: number }).clockBackS)).toBe(0);
    // Forked at the tick on screen when the button was pressed: within a tick of the click.
    const forkS = await app.page.evaluate(() => window.parcelscope?.store.getState().compare.forkTimeS ?? 0);
    expect(Math.abs(forkS - clickedS)).toBeLessThan(1800);
    await app.screenshot('scenarios-fork-while-playing');
    app.assertClean();
  });

  test('a preset picked while B runs applies to both: a fork that changed nothing still reads zero on Prime Day', async () => {
    const app = run;
    await backToMorning(app.page);
    const calendarBefore = await app.page.evaluate(
      () => window.parcelscope?.store.getState().params?.startDayOfYear,
    );
    await app.page.getByTestId('start-fork').click();
    await app.page.getByTestId('compare-table').waitFor({ timeout: 120_000 });
    await app.page.getByTestId('preset-picker').selectOption('prime-day');
    // Both runs move to Prime Day's calendar (A alone did: B stayed in September, A's orders doubled).
    const calendars = () =>
      app.page.evaluate(() => {
        const state = window.parcelscope?.store.getState();
        return [state?.params?.startDayOfYear, state?.compare.params?.startDayOfYear];
      });
    await expect.poll(calendars, { timeout: 60_000 }).not.toContain(calendarBefore);
    const [calendarA, calendarB] = await calendars();
    expect(calendarB).toBe(calendarA);
    const mark = app.page.locator('[data-testid="timeline-mark"][data-kind="preset"]');
    expect(await mark.getAttribute('data-label')).toBe('Prime Day (A and B)');
    await play(app.page, MORNING_S + 6 * 3600);
    await expect.poll(() => delta(app.page, 'ordered'), { timeout: 60_000 }).toBe(0);
    for (const key of ['delivered', 'onTimeRate', 'flexAcceptance', 'costPerParcelUsd']) {
      expect(await delta(app.page, key), `fork with no change on Prime Day: B − A for ${key}`).toBe(0);
    }
    await app.screenshot('scenarios-fork-preset-both');
    // A tour started while B runs says, at once, that its fork step will take B's place.
    await app.page.getByTestId('tour-start').click();
    await expect
      .poll(() => app.page.getByTestId('notices').textContent())
      .toContain('This tour runs its own scenario B at one of its steps, in place of yours');
    expect(await app.page.evaluate(() => window.parcelscope?.store.getState().compare.active)).toBe(true);
    await app.page.keyboard.press('Escape');
    await app.page.getByTestId('tour-card').waitFor({ state: 'detached' });
    app.assertClean();
  });
});

describe('scenarios from a link', () => {
  test('bad URL values get a clear notice each, and the page still opens', async () => {
    // Besides the plain mistakes, what a hostile link carries: markup, a prototype key, a value
    // without a name, numbers out of any range, a huge value, a script URL.
    const hostile = [
      'order=%3Cimg%20src%3Dx%20onerror%3D%22window.pwned%3D1%22%3E',
      'sel=f99999999',
      't=1e999',
      'speed=0x10',
      '__proto__=1',
      '=orphan',
      `vansPerStation=${'9'.repeat(3000)}`,
    ].join('&');
    const app = await openApp(browser, `?${SMALL}&scale=lots&seed=-1&preset=mars&cam=north&${hostile}`);
    await waitForMapReady(app.page);
    await waitForModelReady(app.page);
    await hideVehicles(app.page);
    await expect
      .poll(() => app.page.getByTestId('notices').textContent())
      .toContain('sel: facility 99999999');
    const notices = (await app.page.getByTestId('notices').textContent()) ?? '';
    expect(notices).toContain('scale: "lots" is not a number');
    expect(notices).toContain('seed: "-1" is not valid');
    expect(notices).toContain('preset: "mars" is not one of');
    expect(notices).toContain('cam: "north" is not valid');
    expect(notices).toContain('order: "<img src=x onerror=');
    expect(notices).toContain('t: "1e999" is not valid');
    expect(notices).toContain('speed: "0x10" is not valid');
    expect(notices).toContain('__proto__: unknown parameter');
    expect(notices).toContain('(a value without a name): "orphan"');
    expect(notices).toContain('vansPerStation: "999');
    // The link's ten bad values are one notice with a line each (ten toasts covered the map), and
    // the facility that is not there a second, once the network is known.
    expect(notices).toContain('The link has 10 values the page cannot use; each uses its default instead:');
    expect(await app.page.locator('[data-testid="notices"] .notice').count()).toBe(2);
    expect(await app.page.locator('[data-testid="notices"] .notice__details li').count()).toBe(10);
    // Shown as text, never run; each line short however long the value.
    expect(await app.page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    const longest = await app.page
      .locator('[data-testid="notices"] .notice li, [data-testid="notices"] .notice span')
      .evaluateAll((lines) => Math.max(...lines.map((line) => line.textContent?.length ?? 0)));
    expect(longest).toBeLessThanOrEqual(320);
    // The notices never cover more than half the page: the map and the clock stay in sight.
    const stack = await app.page.getByTestId('notices').boundingBox();
    expect(stack!.height).toBeLessThanOrEqual(app.page.viewportSize()!.height / 2 + 1);
    await app.screenshot('scenarios-bad-url');
    app.assertClean();
    await app.page.context().close();
  });

  test("a link's network edits the model refuses are named once, though its scenario B starts from them or repeats them", async () => {
    /** Opens `link`, waits for B's model to have read its parameters, and reads the notices and both runs' edits. */
    const openLink = async (link: string) => {
      const app = await openApp(browser, `?${SMALL}&t=0&paused=1&${link}`);
      await waitForModelReady(app.page);
      await hideVehicles(app.page);
      // B starts once A is shown; its model has read its parameters by the time it is ready.
      await expect
        .poll(() => app.page.evaluate(() => window.parcelscope?.store.getState().compare.phase), {
          timeout: 120_000,
        })
        .toBe('ready');
      const notices = await app.page.locator('[data-testid="notices"] .notice').allTextContents();
      const params = await app.page.evaluate(() => {
        const state = window.parcelscope?.store.getState();
        return {
          a: state?.params?.networkEdits,
          b: state?.compare.params?.networkEdits,
          paramsB: state?.compare.params,
        };
      });
      return { app, notices, params };
    };
    // Well formed, so only the model, with the network built, can tell that f999999 is not there.
    const fromA = await openLink(`networkEdits=remove:f999999&b.vansPerStation=${DEFAULT_VANS + 5}`);
    expect(fromA.notices, 'notices for one bad edit').toHaveLength(1);
    expect(fromA.notices[0]).toContain('there is no facility f999999');
    // Both runs go on without the refused edit, B with its own fleet.
    expect([fromA.params.a, fromA.params.b, fromA.params.paramsB?.vansPerStation]).toEqual([
      '',
      '',
      DEFAULT_VANS + 5,
    ]);
    await fromA.app.screenshot('scenarios-bad-network-edits');
    fromA.app.assertClean();
    await fromA.app.page.context().close();

    // B's own edits repeat A's bad one, as a copied link's do (A's plan, then B's): one notice
    // names it for both, and B keeps its own edit (B's model refused its whole plan for the bad one,
    // and a second notice said so).
    const addStation = 'add:station:-87.6,41.8@day1h10';
    const repeated = await openLink(`networkEdits=remove:f999999&bEdits=remove:f999999;${addStation}`);
    expect(repeated.notices, 'notices for one bad edit in A and B').toHaveLength(1);
    expect(repeated.notices[0]).toMatch(/^Scenarios A and B: .*there is no facility f999999/);
    expect([repeated.params.a, repeated.params.b]).toEqual(['', addStation]);
    await repeated.app.screenshot('scenarios-bad-network-edits-in-a-and-b');
    repeated.app.assertClean();
    await repeated.app.page.context().close();

    // A bad edit of B's own is another: named apart, as B's.
    const distinct = await openLink('networkEdits=remove:f999999&bEdits=remove:f999999;remove:f888888');
    expect(distinct.notices, 'notices for a bad edit in A and B and one in B').toHaveLength(2);
    expect(distinct.notices[0]).toMatch(/^Scenarios A and B: .*there is no facility f999999/);
    expect(distinct.notices[0]).not.toContain('f888888');
    expect(distinct.notices[1]).toMatch(/^Scenario B: .*there is no facility f888888/);
    expect(distinct.notices[1]).not.toContain('f999999');
    distinct.app.assertClean();
    await distinct.app.page.context().close();
  }, 300_000);

  test("a link's order out of the network's reach is named, and the hours before it keep their history", async () => {
    // The order (in the Atlantic) goes in at 10:00 on the way to the link's 11:06: refused, it
    // said nothing, and the hours before it came out empty in every chart.
    const app = await openApp(browser, `?${SMALL}&seed=5&paused=1&t=40000&order=-60,30,1.2,nextDay,36000`);
    await waitForModelReady(app.page);
    await hideVehicles(app.page);
    await expect
      .poll(() => app.page.getByTestId('notices').textContent(), { timeout: 60_000 })
      .toContain(
        'Link: its order was not placed: order address 30.0000, -60.0000 (lat, lon) is 1623 km from the nearest delivery station',
      );
    const ordered = await readHourlyKpi(app.page, 'ordered');
    expect(ordered.length).toBe(11);
    for (const count of ordered) expect(count).toBeGreaterThan(0);
    await app.screenshot('scenarios-link-order-refused');
    app.assertClean();
    await app.page.context().close();
  });

  test('a link at full scale says what it costs as the page opens', async () => {
    // Paused at the run's start: the notice comes from the link, before the model has work to do.
    const app = await openApp(browser, `?${SMALL}&scale=1&t=0&paused=1`);
    await expect
      .poll(() => app.page.getByTestId('notices').textContent())
      .toContain("Simulating every parcel: 100 times the default's parcels");
    expect(await app.page.getByTestId('notices').textContent()).toContain('GB of memory');
    await app.screenshot('scenarios-large-scale-notice');
    app.assertClean();
    await app.page.context().close();
  });

  test('a preset applies from the URL; picked mid-run it keeps the time, and it and a slider change are marked', async () => {
    const app = await openApp(browser, `?preset=winter-storm&${SMALL}&seed=5&t=${MORNING_S}&paused=1`);
    await waitForModelReady(app.page);
    await hideVehicles(app.page);
    await waitForTickAt(app.page, MORNING_S);
    const params = await app.page.evaluate(() => window.parcelscope?.store.getState().params);
    expect(params?.stormChancePerDay).toBe(0.6);
    expect(params?.stormSpeedFactor).toBe(0.45);
    expect(await app.page.getByTestId('preset-picker').inputValue()).toBe('winter-storm');
    expect(await app.page.getByTestId('scenario-scale').textContent()).toBe(
      'simulating 0.20% of parcels, shown at real volume',
    );

    // Picking Prime Day applies it at the time on screen: no reload, the clock stays, the storm
    // preset's own values go back to their defaults and Prime Day's days start today.
    const urlBefore = await app.page.evaluate(() => window.location.href);
    await app.page.getByTestId('preset-picker').selectOption('prime-day');
    await expect
      .poll(() => app.page.evaluate(() => window.parcelscope?.store.getState().params?.stormChancePerDay))
      .toBe(0.05);
    expect(await app.page.evaluate(() => window.location.href)).toBe(urlBefore);
    expect(await tickTime(app.page)).toBe(MORNING_S);
    const description = (await app.page.getByTestId('scenario-description').textContent()) ?? '';
    expect(description).toContain('Prime Day since Day 2');
    expect(description).toContain('Prime Day from today');
    const mark = (kind: string) => app.page.locator(`[data-testid="timeline-mark"][data-kind="${kind}"]`);
    await expect.poll(() => mark('preset').getAttribute('data-label')).toBe('Prime Day');
    expect(await mark('peak').first().getAttribute('data-label')).toBe('Prime Day');

    // An hour later, a slider change: vans per station from the default to 20.
    await app.page.getByTestId('step-hour').click();
    await waitForTickAt(app.page, MORNING_S + 3600);
    await app.page.getByTestId('drawer-toggle').click();
    await openGroup(app.page, 'vansPerStation');
    await setSlider(app.page, 'vansPerStation', 20);
    await expect
      .poll(() => mark('params').getAttribute('data-label'))
      .toBe(`Vans per station ${DEFAULT_VANS} → 20`);
    // The scenario line no longer reads as Prime Day as calibrated: it names the changes (the
    // link's smaller network, then the slider).
    const changedLine = (await app.page.getByTestId('scenario-description').textContent()) ?? '';
    expect(changedLine).toMatch(/Changed: Fulfillment centers \d+ → 20; /);
    expect(changedLine).toContain(`Vans per station ${DEFAULT_VANS} → 20.`);
    await app.page.getByTestId('drawer-toggle').click();

    // Both are labelled on the timeline and on the on-time chart, where a presenter points.
    for (const [kind, label] of [
      ['preset', 'Prime Day'],
      ['params', `Vans per station ${DEFAULT_VANS} → 20`],
    ]) {
      const onTimeRule = app.page.locator(`[data-testid="panel-on-time"] .chart-event[data-kind="${kind}"]`);
      await expect.poll(() => onTimeRule.getAttribute('data-label'), { message: `${kind} rule` }).toBe(label);
      expect(await onTimeRule.locator('text').textContent(), `${kind} label on the on-time chart`).toBe(
        label,
      );
      expect(
        await mark(kind).locator('.timeline-mark-label').textContent(),
        `${kind} label on the timeline`,
      ).toBe(label);
    }
    await app.screenshot('scenarios-preset-and-slider-marked');

    // Restart is the explicit way to a fresh run of the preset from day 1.
    await Promise.all([
      app.page.waitForURL(/preset=prime-day/),
      app.page.getByTestId('preset-restart').click(),
    ]);
    await waitForModelReady(app.page);
    expect(await app.page.getByTestId('preset-picker').inputValue()).toBe('prime-day');
    expect(await app.page.evaluate(() => window.parcelscope?.store.getState().params?.startDayOfYear)).toBe(
      195,
    );
    // On the link's own network and scale (it came back as the full default one), from day 1.
    const restarted = await app.page.evaluate(() => window.parcelscope?.store.getState().params);
    expect(restarted?.scale).toBe(0.002);
    expect(restarted?.fulfillmentCenterCount).toBe(20);
    expect(new URL(app.page.url()).searchParams.get('t')).toBe('0');
    app.assertClean();
    await app.page.context().close();
  });
});
