/**
 * What a person with a screen reader or a keyboard meets: axe-core (the rules browsers' own
 * accessibility audits run) over the page in each state a stakeholder demo passes through, the
 * opened network, the keyboard sheet, a selected facility, the parameters, an order, network
 * edits, the export menu, A/B, the tour, the full-screen 3D view. WCAG 2.1 A and AA and axe's best
 * practices, every impact: a landmark named twice or a menu holding form fields is a page a
 * screen reader describes wrongly, whatever its impact label.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type GuardedPage, launchBrowser, openApp, waitForMapReady, waitForModelReady } from './browser';

const SMALL = '?scale=0.002&fulfillmentCenterCount=20&sortationCenterCount=10&deliveryStationCount=150&t=0';
/** axe-core's browser build, put in the page as an inline script: nothing is fetched. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** One broken rule: its id, impact and the first elements it names (CSS selectors). */
interface Violation {
  id: string;
  impact: string;
  targets: string[];
}

/** Runs axe over the whole page; the rules broken, each with up to three of its elements. */
async function audit(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async (tags) => {
    type AxeResult = { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
    const axe = (
      window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      targets: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
    }));
  }, AXE_TAGS);
}

let browser: Browser;
let app: GuardedPage;
beforeAll(async () => {
  browser = await launchBrowser();
  app = await openApp(browser, SMALL);
  await waitForModelReady(app.page);
  await waitForMapReady(app.page);
});
afterAll(async () => {
  await browser?.close();
});

describe('accessibility (axe-core) through a demo, on a small network', () => {
  test('the opened network, the keyboard sheet and a selected facility break no rule', async () => {
    const { page } = app;
    expect(await audit(page), 'opened').toEqual([]);
    // The sheet's heading row was a second banner beside the page's header.
    await page.keyboard.press('Shift+Slash');
    await page.getByTestId('shortcut-sheet').waitFor();
    expect(await audit(page), 'keyboard sheet open').toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcut-sheet').waitFor({ state: 'detached' });
    // The map's card and the rail's panel were two regions both named "Selected facility".
    await page.getByTestId('facility-search').fill('Chicago');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('selection-card').waitFor();
    await page.getByTestId('panel-facility').waitFor();
    expect(await audit(page), 'facility selected').toEqual([]);
    await page.getByTestId('back-to-network').click();
    app.assertClean();
  });

  test('the parameters, the order form, network edits and the export menu break no rule', async () => {
    const { page } = app;
    await page.getByTestId('drawer-toggle').click();
    await expect.poll(() => page.locator('.drawer--open').count()).toBe(1);
    expect(await audit(page), 'parameters open').toEqual([]);
    await page.getByTestId('drawer-toggle').click();
    await page.getByTestId('order-open').click();
    await page.getByTestId('order-card').waitFor();
    expect(await audit(page), 'order form open').toEqual([]);
    await page.getByTestId('order-open').click();
    await page.getByTestId('edit-network').click();
    await expect.poll(() => page.getByTestId('edit-network').getAttribute('aria-pressed')).toBe('true');
    expect(await audit(page), 'editing the network').toEqual([]);
    await page.getByTestId('edit-network').click();
    // The menu was an ARIA menu holding selects and checkboxes, which a menu may not hold.
    await page.getByTestId('export-menu').click();
    await page.getByTestId('export-png').waitFor();
    expect(await audit(page), 'export menu open').toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByTestId('export-png').waitFor({ state: 'detached' });
    app.assertClean();
  });

  test('A/B, the tour and the full-screen 3D view break no rule', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'A/B from the start' }).click();
    await page.getByTestId('compare-table').waitFor({ timeout: 120_000 });
    expect(await audit(page), 'A/B running').toEqual([]);
    await page.getByTestId('tour-start').click();
    await page.getByTestId('tour-next').waitFor();
    expect(await audit(page), 'tour, first step').toEqual([]);
    await page.getByTestId('tour-next').click();
    expect(await audit(page), 'tour, second step').toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByTestId('tour-next').waitFor({ state: 'detached' });
    await page.getByTestId('scene-size-full').click();
    await expect.poll(() => page.locator('.scene-pane--full').count()).toBe(1);
    expect(await audit(page), '3D view full screen').toEqual([]);
    app.assertClean();
  });
});
