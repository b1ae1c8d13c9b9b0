/**
 * The presenter's tools as a presenter uses them: the guided tour steps forward and back (its
 * caption, camera, selection and parameters follow), and the export menu gives a PNG, a KPI CSV
 * and its column guide, a WebM of the requested length and a scenario file that re-opens to the
 * same KPIs, while a bad scenario file is refused with a message and changes nothing; a video's
 * progress box stands clear of the page's messages and over the full-screen 3D view.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { WARM_START_S } from '../../src/state/urlState';
import { KPI_DESCRIPTIONS } from '../../src/sim/kpiDictionary';
import { quoteCsvField } from '../../src/ui/demo/kpiCsv';
import { isParcelCountKpi } from '../../src/ui/realVolume';
import {
  expectBoxesApart,
  expectShownWhole,
  type GuardedPage,
  hideVehicles,
  launchBrowser,
  openApp,
  SCREENSHOT_DIR,
  waitForMapReady,
  waitForModelReady,
  waitForTickAt,
} from './browser';

const SMALL = 'scale=0.002&fulfillmentCenterCount=20&sortationCenterCount=10&deliveryStationCount=150&seed=5';
/** Day 1, 06:00: six sim hours completed, so the CSV has six rows. */
const SIX_HOURS_S = 6 * 3600;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Pages a test opened; closed after it even when it fails, so a busy page cannot slow the next. */
const openPages: GuardedPage[] = [];
async function open(query: string): Promise<GuardedPage> {
  const app = await openApp(browser, query);
  openPages.push(app);
  return app;
}
afterEach(async () => {
  for (const app of openPages.splice(0)) await app.page.context().close();
});

function mapCenter(page: Page): Promise<[number, number]> {
  return page.evaluate(() => {
    const center = window.parcelscope?.map?.getCenter();
    return center ? [center.lng, center.lat] : [Number.NaN, Number.NaN];
  });
}

/** Polls until the camera has arrived near `[lon, lat]` (flyTo takes a few seconds). */
async function waitForCenter(page: Page, lon: number, lat: number): Promise<void> {
  await expect
    .poll(
      async () => {
        const [centerLon, centerLat] = await mapCenter(page);
        const near = Math.abs(centerLon - lon) < 0.05 && Math.abs(centerLat - lat) < 0.05;
        return near ? 'arrived' : `at ${centerLon.toFixed(3)}, ${centerLat.toFixed(3)}`;
      },
      { timeout: 60_000, message: `map centre near ${lon}, ${lat}` },
    )
    .toBe('arrived');
}

const tourTitle = (page: Page) => page.getByTestId('tour-title').textContent();
const selectedId = (page: Page) =>
  page.evaluate(() => {
    const selection = window.parcelscope?.store.getState().selection;
    return selection?.kind === 'facility' ? selection.id : null;
  });
const param = (page: Page, key: string) =>
  page.evaluate(
    (name) => (window.parcelscope?.store.getState().params as Record<string, unknown> | null)?.[name],
    key,
  );

/**
 * What a player reads first from an MP4: the ftyp box's major brand, the movie's duration
 * (mvhd: duration / timescale) and the video sample entry's codec and size.
 */
function readMp4(bytes: Buffer): {
  majorBrand: string;
  durationS: number;
  codec: string;
  width: number;
  height: number;
} {
  expect(bytes.toString('latin1', 4, 8), 'the first box').toBe('ftyp');
  const majorBrand = bytes.toString('latin1', 8, 12);
  // Past the ftyp box, whose compatible brands may name avc1 too.
  const afterFtyp = bytes.readUInt32BE(0);
  const mvhd = bytes.indexOf('mvhd', afterFtyp, 'latin1');
  expect(mvhd, 'an mvhd box').toBeGreaterThan(0);
  const version = bytes[mvhd + 4];
  const timescale = bytes.readUInt32BE(mvhd + (version === 1 ? 24 : 16));
  const duration = version === 1 ? Number(bytes.readBigUInt64BE(mvhd + 28)) : bytes.readUInt32BE(mvhd + 20);
  const entry = bytes.indexOf('avc1', afterFtyp, 'latin1');
  return {
    majorBrand,
    durationS: duration / timescale,
    codec: entry > 0 ? 'avc1' : 'none',
    width: entry > 0 ? bytes.readUInt16BE(entry + 28) : 0,
    height: entry > 0 ? bytes.readUInt16BE(entry + 30) : 0,
  };
}

/** Clicks an export menu item and returns the downloaded file's bytes and suggested name. */
async function download(
  page: Page,
  item: string,
  timeoutMs = 30_000,
): Promise<{ bytes: Buffer; name: string }> {
  const downloadEvent = page.waitForEvent('download', { timeout: timeoutMs });
  if (!(await page.getByTestId(item).isVisible())) await page.getByTestId('export-menu').click();
  await page.getByTestId(item).click();
  const file = await downloadEvent;
  // The suite's Chromium is connected over CDP, where a download has no local path: save a copy.
  const path = join(mkdtempSync(join(tmpdir(), 'parcelscope-download-')), file.suggestedFilename());
  await file.saveAs(path);
  return { bytes: readFileSync(path), name: file.suggestedFilename() };
}

// Each page load costs seconds of software WebGL: the exports come from one page, then the tour
// runs on a second one, into which the exported scenario file is imported at the end.
describe("exports, the guided tour, and an import into the tour's run", () => {
  /** The scenario file exported at SIX_HOURS_S, and the cumulative KPIs the page showed then. */
  let saved: { bytes: Buffer; name: string } | null = null;
  let kpisAtSave: number[] = [];
  /** The tour's page, kept open for the import. */
  let tourApp: GuardedPage | undefined;
  afterAll(async () => {
    await tourApp?.page.context().close();
  });

  // A scenario other than the defaults (a preset and a changed slider), so that its file has
  // something to carry; the PNG, CSV and video checks hold for any scenario.
  test('a scenario file, a PNG, a KPI CSV and its column guide, an MP4 and a WebM of the requested length download and are well-formed', async () => {
    const app = await open(
      `?${SMALL}&preset=winter-storm&demandMultiplier=1.3&t=${SIX_HOURS_S}&paused=1&speed=600`,
    );
    await waitForMapReady(app.page);
    await waitForModelReady(app.page);
    // No check here reads the vehicles (the files' formats, sizes, lengths and the clock), whose
    // trails cost software WebGL seconds a frame in every video frame and step of the page.
    await hideVehicles(app.page);
    await waitForTickAt(app.page, SIX_HOURS_S);
    // Six hours into a run, the headline counts and names the six it has, not a day.
    expect(await app.page.getByTestId('kpi-on-time-label').textContent()).toBe('On-time rate, last 6 h');

    saved = await download(app.page, 'export-scenario');
    expect(saved.name).toMatch(/\.json$/);
    kpisAtSave = await app.page.evaluate(() => Array.from(window.parcelscope?.kpiHistory.cumulative ?? []));

    const png = await download(app.page, 'export-png');
    expect(png.name).toMatch(/^parcelscope-day1-0600\.png$/);
    expect([...png.bytes.subarray(0, 8)], 'PNG signature').toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const mapSize = await app.page.evaluate(() => {
      const canvas = window.parcelscope?.map?.getCanvas();
      return [canvas?.width ?? 0, canvas?.height ?? 0];
    });
    expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)], 'PNG size = map view size').toEqual(
      mapSize,
    );
    expect(png.bytes.length, 'PNG bytes').toBeGreaterThan(20_000);
    // The picture carries its key (time, scenario, colours) in its bottom-left corner, where the
    // map shows the dark Pacific: the key's text is the bright pixels there.
    const brightShare = await app.page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d');
      if (!context) return -1;
      context.drawImage(bitmap, 0, 0);
      const corner = context.getImageData(
        0,
        Math.round(bitmap.height * 0.85),
        Math.round(bitmap.width * 0.3),
        Math.round(bitmap.height * 0.15),
      );
      let bright = 0;
      for (let i = 0; i < corner.data.length; i += 4)
        if (corner.data[i] + corner.data[i + 1] + corner.data[i + 2] > 450) bright++;
      return bright / (corner.data.length / 4);
    }, png.bytes.toString('base64'));
    expect(
      brightShare,
      "share of bright pixels in the picture's bottom-left corner (its key)",
    ).toBeGreaterThan(0.01);
    writeFileSync(join(SCREENSHOT_DIR, 'demo-export.png'), png.bytes);

    const csv = await download(app.page, 'export-csv');
    const lines = csv.bytes.toString('utf8').trimEnd().split('\n');
    const names = await app.page.evaluate(() => [...(window.parcelscope?.kpiHistory.names ?? [])]);
    // Each parcel count twice: as modelled, and at real volume as the page shows it.
    const columns = names.flatMap((name) =>
      isParcelCountKpi(name) ? [`A.${name}`, `A.${name}.real`] : [`A.${name}`],
    );
    expect(lines[0]).toBe(['sim_hour', 'sim_end_s', 'sim_end_time', ...columns].join(','));
    expect(lines.length - 1, 'one row per completed sim hour').toBe(6);
    expect(lines[6].startsWith('5,21600,Day 1 06:00,')).toBe(true);
    for (const line of lines.slice(1)) expect(line.split(',')).toHaveLength(columns.length + 3);
    const ordered = lines[6].split(',');
    const scale = await app.page.evaluate(() => window.parcelscope?.simView.params?.scale ?? Number.NaN);
    expect(Number(ordered[columns.indexOf('A.ordered.real') + 3])).toBeCloseTo(
      Number(ordered[columns.indexOf('A.ordered') + 3]) / scale,
      6,
    );

    // Its column guide: a row per column of the CSV, in its order, saying what each one is.
    const guide = await download(app.page, 'export-csv-guide');
    expect(guide.name).toBe('parcelscope-day1-0600-kpi-columns.csv');
    const guideLines = guide.bytes.toString('utf8').trimEnd().split('\n');
    expect(guideLines[0]).toBe(
      "column,kpi,kind (flow: the hour's amount / level: value at the hour's end),unit,meaning",
    );
    // A column name holds no comma: a row's first field is its column.
    expect(guideLines.slice(1).map((line) => line.split(',')[0])).toEqual(lines[0].split(','));
    const { unit, meaning } = KPI_DESCRIPTIONS.lineHaulMiles;
    expect(guideLines).toContain(
      ['A.lineHaulMiles', 'lineHaulMiles', 'flow', unit, meaning].map(quoteCsvField).join(','),
    );
    expect(guideLines.find((line) => line.startsWith('A.ordered.real,'))).toContain(
      `A.ordered at real-world volume, as the page shows it: x 1 / scale = x ${1 / scale} (scale ${scale}`,
    );

    // The videos: 2 s at 10 fps, a quarter of the view (software WebGL draws ~1 frame a second).
    // MP4 (H.264) opens on a title card and has the KPI panel beside the map.
    await app.page.getByTestId('export-menu').click();
    await app.page.getByTestId('video-format').selectOption('mp4');
    await app.page.getByTestId('video-length').selectOption('2');
    await app.page.getByTestId('video-size').selectOption('0.25');
    await app.page.getByTestId('video-fps').selectOption('10');
    await app.page.getByTestId('video-kpis').check();
    const mp4 = await download(app.page, 'export-video', 120_000);
    expect(mp4.name).toMatch(/-2s\.mp4$/);
    const movie = readMp4(mp4.bytes);
    expect(movie.majorBrand, 'ftyp box first, with an MP4 brand').toMatch(/^(isom|mp4[12]|avc1)$/);
    expect(movie.durationS, 'MP4 duration (s)').toBeCloseTo(2, 2);
    expect(movie.codec).toBe('avc1');
    // Map view at a quarter, plus the KPI panel a third as wide again.
    const mapWidth = Math.round(mapSize[0] / 4 / 2) * 2;
    expect(movie.width).toBe(Math.round((mapWidth * 1.34) / 2) * 2);
    expect(movie.height).toBe(Math.round(mapSize[1] / 4 / 2) * 2);
    writeFileSync(join(SCREENSHOT_DIR, 'demo-export.mp4'), mp4.bytes);
    // 5 title-card frames, then 15 of the map at 600x speed / 10 fps: 14 steps of 60 sim seconds.
    expect(await app.page.evaluate(() => window.parcelscope?.displayClock.timeS)).toBe(SIX_HOURS_S + 14 * 60);

    // The tour recorded in one click, as WebM (VP9), the map alone: a presenter's tour file of two
    // steps (run once, then ended) is the one recorded, its steps sharing the 2 s chosen. The
    // browser reads the file back: its length, and the map's width.
    const tourFile = {
      name: 'Two steps',
      steps: [
        { title: 'First step', text: 'The network at this hour.' },
        { title: 'Second step', text: 'The same network, a minute of sim time on.' },
      ],
    };
    await app.page.getByTestId('import-tour').setInputFiles({
      name: 'two-steps.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(tourFile)),
    });
    expect(await tourTitle(app.page)).toBe('First step');
    await app.page.keyboard.press('Escape');
    await app.page.getByTestId('tour-card').waitFor({ state: 'detached' });
    const clockBeforeTour = await app.page.evaluate(() => window.parcelscope?.displayClock.timeS ?? 0);
    await app.page.getByTestId('export-menu').click();
    await app.page.getByTestId('video-format').selectOption('webm');
    await app.page.getByTestId('video-kpis').uncheck();
    await app.page.getByTestId('video-title-card').uncheck();
    expect(await app.page.getByTestId('export-tour-video').getAttribute('title')).toBe(
      '"Two steps" in 2 s: 2 steps with their captions, ~1 s each',
    );
    const video = await download(app.page, 'export-tour-video', 120_000);
    expect(video.name).toBe('parcelscope-tour-two-steps-2s.webm');
    expect([...video.bytes.subarray(0, 4)], 'EBML header').toEqual([0x1a, 0x45, 0xdf, 0xa3]);
    const metadata = await app.page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const element = document.createElement('video');
      element.muted = true;
      element.src = URL.createObjectURL(new Blob([bytes], { type: 'video/webm' }));
      await new Promise((resolve, reject) => {
        element.onloadedmetadata = resolve;
        element.onerror = () => reject(new Error(`video error ${element.error?.code}`));
      });
      return { durationS: element.duration, width: element.videoWidth, height: element.videoHeight };
    }, video.bytes.toString('base64'));
    expect(metadata.durationS, 'WebM duration (s)').toBeGreaterThan(1.9);
    expect(metadata.durationS, 'WebM duration (s)').toBeLessThan(2.1);
    expect(metadata.width).toBe(mapWidth);
    // Each step played 10 frames (1 s at 10 fps) at 600x: 9 steps of 60 sim seconds each, and
    // the tour ended with the video.
    expect(await app.page.evaluate(() => window.parcelscope?.displayClock.timeS)).toBe(
      clockBeforeTour + 18 * 60,
    );
    expect(await app.page.getByTestId('tour-card').count()).toBe(0);
    app.assertClean();
  }, 170_000);

  test('the guided tour steps forward and back by buttons and keys; caption, camera, selection and a peak follow', async () => {
    const app = await openApp(browser, `?${SMALL}&t=0`);
    tourApp = app;
    await waitForMapReady(app.page);
    await waitForModelReady(app.page);
    // The tour moves the camera, the selection, the 3D pane and the parameters, which is what this
    // checks; the vehicles' trails would cost software WebGL seconds a frame at every step.
    await hideVehicles(app.page);
    await app.page.getByTestId('tour-start').click();
    await app.page.getByTestId('tour-card').waitFor();
    expect(await app.page.getByTestId('tour-step-count').textContent()).toMatch(/^Step 1 of (8|9|10|11)$/);
    expect(await tourTitle(app.page)).toBe('One order, a whole network');
    // The story's order is placed at once, and the rail follows its journey.
    await app.page.getByTestId('journey-panel').waitFor({ timeout: 60_000 });
    await expect
      .poll(() => app.page.evaluate(() => window.parcelscope?.getFollowedOrder()?.journey.orderedS), {
        timeout: 60_000,
      })
      .toBe(WARM_START_S);
    await waitForCenter(app.page, -96, 38.5);

    // Step 2: a fulfillment center is selected, the camera flies to it and the 3D pane opens.
    await app.page.keyboard.press('ArrowRight');
    expect(await tourTitle(app.page)).toBe('The fulfillment center');
    const fcId = await selectedId(app.page);
    expect(fcId, 'a facility selected at the FC step').not.toBeNull();
    const fc = await app.page.evaluate(
      (id) => window.parcelscope?.simView.network?.facilities[id as number],
      fcId,
    );
    expect(fc?.kind, 'the selected facility is a fulfillment center').toBe(0);
    // The story's book ships from it: the tour shows the order's own FC.
    expect(fcId).toBe(await app.page.evaluate(() => window.parcelscope?.getFollowedOrder()?.placed.originFc));
    await waitForCenter(app.page, fc?.lon ?? 0, fc?.lat ?? 0);
    expect(await app.page.evaluate(() => window.parcelscope?.store.getState().panes.sceneOpen)).toBe(true);
    await expectBoxesApart(app.page, 'tour-card', 'selection-card', 'at the FC step, 1280x720, 3D pane open');
    await app.screenshot('demo-tour-fulfillment-center');

    // Step 3 and back to 2: the same facility and camera as going forward.
    await app.page.getByTestId('tour-next').click();
    expect(await tourTitle(app.page)).toBe('Line-haul between metros');
    // Space with the Next button focused pauses; it does not press Next a second time.
    const playing = () => app.page.evaluate(() => window.parcelscope?.store.getState().playback.playing);
    const playingBefore = await playing();
    await app.page.keyboard.press('Space');
    expect(await playing()).toBe(!playingBefore);
    expect(await tourTitle(app.page)).toBe('Line-haul between metros');
    await app.page.keyboard.press('Space');
    await waitForCenter(app.page, -92, 38.5);
    expect(await selectedId(app.page)).toBeNull();
    await app.page.keyboard.press('ArrowLeft');
    expect(await tourTitle(app.page)).toBe('The fulfillment center');
    expect(await selectedId(app.page)).toBe(fcId);
    await waitForCenter(app.page, fc?.lon ?? 0, fc?.lat ?? 0);

    // On to the delivery station at street zoom.
    await app.page.keyboard.press('PageDown');
    await app.page.keyboard.press('PageDown');
    await app.page.keyboard.press('PageDown');
    expect(await tourTitle(app.page)).toBe('The delivery station, at street level');
    await expect
      .poll(() => app.page.evaluate(() => window.parcelscope?.map?.getZoom() ?? 0), { timeout: 30_000 })
      .toBeGreaterThan(12);
    // The station is the one the tour's Chicago order goes out from (the step opened New York's).
    expect(await app.page.getByTestId('selection-card').locator('.selection-title').textContent()).toMatch(
      /^Chicago delivery station/,
    );
    // The station's long name makes the widest selection card of the tour.
    await expectBoxesApart(app.page, 'tour-card', 'selection-card', 'at the delivery station step, 1280x720');
    await app.screenshot('demo-tour-delivery-station');
    await app.page.setViewportSize({ width: 1920, height: 1080 });
    // The caption is placed again on resize; wait until the map area has taken the new size.
    await expect
      .poll(() => app.page.evaluate(() => document.querySelector('.map-area')?.clientWidth ?? 0))
      .toBeGreaterThan(1300);
    await app.page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    await expectBoxesApart(
      app.page,
      'tour-card',
      'selection-card',
      'at the delivery station step, 1920x1080',
    );
    await app.screenshot('demo-tour-delivery-station-1920');
    await app.page.setViewportSize({ width: 1280, height: 720 });

    // The peak doubles demand; going back one step puts it back.
    for (let press = 0; press < 3; press++) await app.page.keyboard.press('ArrowRight');
    expect(await tourTitle(app.page)).toBe('A peak: twice the orders');
    await expect.poll(() => param(app.page, 'demandMultiplier'), { timeout: 30_000 }).toBe(2);
    await app.screenshot('demo-tour-peak');
    await app.page.keyboard.press('ArrowLeft');
    await expect.poll(() => param(app.page, 'demandMultiplier'), { timeout: 30_000 }).toBe(1);
    await app.page.keyboard.press('ArrowRight');
    await expect.poll(() => param(app.page, 'demandMultiplier'), { timeout: 30_000 }).toBe(2);

    // Escape ends the tour; the page stays as the step left it.
    await app.page.keyboard.press('Escape');
    await app.page.getByTestId('tour-card').waitFor({ state: 'detached' });
    app.assertClean();
    // Software WebGL and the 3D pane's first load make each step slow; ~170 s on a 2-core machine.
  }, 240_000);

  test('an exported scenario re-imports to the same parameters and KPIs; a bad file changes nothing', async () => {
    const timeS = SIX_HOURS_S;
    if (!saved) throw new Error('no scenario file: the export test before this one saved none');
    const file = JSON.parse(saved.bytes.toString('utf8'));
    expect(file).toMatchObject({
      format: 'parcelscope-scenario',
      version: 1,
      presetName: 'winter-storm',
      seed: 5,
    });
    expect(file.params.demandMultiplier).toBe(1.3);
    const kpisFirst = kpisAtSave;

    // A different run imports the file (the tour's, whose steps changed its parameters): the
    // page starts a fresh run of the scenario.
    if (!tourApp) throw new Error('no tour page: the tour test before this one opened none');
    const second = tourApp;
    const urlBefore = second.page.url();
    expect(await second.page.evaluate(() => window.parcelscope?.store.getState().params)).not.toEqual(
      file.params,
    );
    await second.page.getByTestId('import-scenario').setInputFiles({
      name: saved.name,
      mimeType: 'application/json',
      buffer: saved.bytes,
    });
    await second.page.waitForURL(
      (url) => url.href !== urlBefore && url.searchParams.get('preset') === 'winter-storm',
      { timeout: 30_000 },
    );
    expect(new URL(second.page.url()).searchParams.get('seed')).toBe('5');
    // The new document's store holds the file's scenario once its script has run.
    await second.page.waitForFunction(
      () => window.parcelscope?.store.getState().presetName === 'winter-storm',
      undefined,
      { timeout: 60_000 },
    );
    await waitForModelReady(second.page);
    // The new document shows the vehicles again; the checks below read parameters and KPIs.
    await hideVehicles(second.page);
    expect(await second.page.evaluate(() => window.parcelscope?.store.getState().params)).toEqual(
      file.params,
    );
    expect(await second.page.evaluate(() => window.parcelscope?.store.getState().presetName)).toBe(
      'winter-storm',
    );
    await second.page.evaluate((seekS) => {
      const store = window.parcelscope?.store;
      store?.setState({ playback: { ...store.getState().playback, playing: false } });
      window.parcelscope?.seek(seekS);
    }, timeS);
    await waitForTickAt(second.page, timeS);
    const kpisSecond = await second.page.evaluate(() =>
      Array.from(window.parcelscope?.kpiHistory.cumulative ?? []),
    );
    expect(kpisSecond.length).toBeGreaterThan(10);
    expect(kpisSecond).toEqual(kpisFirst);

    // A bad file in this run gets a clear message and changes nothing.
    const urlOfRun = second.page.url();
    const paramsBefore = await second.page.evaluate(() => window.parcelscope?.store.getState().params);
    await second.page.getByTestId('import-scenario').setInputFiles({
      name: 'too-much-demand.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...file, params: { ...file.params, demandMultiplier: 12 } })),
    });
    await expect
      .poll(() => second.page.getByTestId('notices').textContent())
      .toContain(
        'too-much-demand.json was not loaded, nothing changed: params.demandMultiplier: 12 is out of range',
      );
    await second.page.getByTestId('import-scenario').setInputFiles({
      name: 'kepler.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ format: 'keplergl', params: {} })),
    });
    await expect
      .poll(() => second.page.getByTestId('notices').textContent())
      .toContain('format: "keplergl" is not a Parcelscope scenario');
    await second.screenshot('demo-bad-scenario');
    expect(second.page.url()).toBe(urlOfRun);
    expect(await second.page.evaluate(() => window.parcelscope?.store.getState().params)).toEqual(
      paramsBefore,
    );
    second.assertClean();
  }, 170_000);
});

describe('back to where the presenter was before a tour', () => {
  test("a tour that seeks back, doubles demand and forks its own B ends with a way back to the presenter's time, speed, changes and B", async () => {
    // The presenter's run: paused at 08:00 on day 1 at 600x, a fork B with higher Flex pay from
    // 06:00, and a change of their own to A at 07:00 (after where the tour will seek to).
    const presenterS = 8 * 3600;
    const forkS = 6 * 3600;
    const app = await open(`?${SMALL}&t=${7 * 3600}&paused=1&speed=600&b.flexPayPerHourUsd=30&bAt=${forkS}`);
    await waitForMapReady(app.page);
    await waitForModelReady(app.page);
    await hideVehicles(app.page);
    await app.page.getByTestId('compare-table').waitFor({ timeout: 120_000 });
    await waitForTickAt(app.page, 7 * 3600);
    await app.page.evaluate(() => window.parcelscope?.setParams({ demandMultiplier: 1.3 }));
    await expect.poll(() => param(app.page, 'demandMultiplier'), { timeout: 30_000 }).toBe(1.3);
    await app.page.evaluate((timeS) => window.parcelscope?.seek(timeS), presenterS);
    await waitForTickAt(app.page, presenterS);
    const kpisBefore = await app.page.evaluate(() =>
      Array.from(window.parcelscope?.kpiHistory.cumulative ?? []),
    );

    // A presenter's tour: back to 04:00 at 3600x with twice the demand, then a fork of its own.
    const tourFile = {
      name: 'Peak and fork',
      steps: [
        {
          title: 'A peak',
          text: 'Twice the orders.',
          seekTimeS: 4 * 3600,
          speed: 3600,
          params: { demandMultiplier: 2 },
        },
        {
          title: 'A fork',
          text: 'Pay Flex more.',
          compare: { fork: true, params: { flexPayPerHourUsd: 40 } },
        },
      ],
    };
    await app.page.getByTestId('import-tour').setInputFiles({
      name: 'peak-and-fork.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(tourFile)),
    });
    expect(await tourTitle(app.page)).toBe('A peak');
    await expect.poll(() => param(app.page, 'demandMultiplier'), { timeout: 30_000 }).toBe(2);
    await app.page.keyboard.press('ArrowRight');
    expect(await tourTitle(app.page)).toBe('A fork');
    const compareB = () =>
      app.page.evaluate(() => {
        const { compare } = window.parcelscope?.store.getState() ?? {};
        return {
          flexPay: compare?.params?.flexPayPerHourUsd,
          forkS: compare?.forkTimeS,
          phase: compare?.phase,
        };
      });
    await expect.poll(async () => (await compareB()).flexPay, { timeout: 60_000 }).toBe(40);

    // Finish: the page stays as the tour left it, and the way back is offered and has the focus.
    await app.page.getByTestId('tour-next').click();
    await app.page.getByTestId('tour-card').waitFor({ state: 'detached' });
    const card = app.page.getByTestId('tour-return-card');
    await card.waitFor();
    expect(await card.textContent()).toContain('Before it you were at Day 1 · ');
    // The warning given at the tour's start was for while it ran: the card takes over from it.
    expect(await app.page.getByText('This tour runs its own scenario B').count()).toBe(0);
    expect(await param(app.page, 'demandMultiplier')).toBe(2);
    expect(await app.page.evaluate(() => window.parcelscope?.store.getState().playback.speed)).toBe(3600);
    await expect
      .poll(() => app.page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('tour-return');
    await app.screenshot('demo-tour-return-offer');

    // Enter goes back: the presenter's time, speed, own change, and their B (started again).
    await app.page.keyboard.press('Enter');
    await card.waitFor({ state: 'detached' });
    await waitForTickAt(app.page, presenterS);
    await expect.poll(() => param(app.page, 'demandMultiplier'), { timeout: 30_000 }).toBe(1.3);
    const playback = await app.page.evaluate(() => window.parcelscope?.store.getState().playback);
    expect(playback).toEqual({ playing: false, speed: 600 });
    await expect.poll(compareB, { timeout: 120_000 }).toEqual({ flexPay: 30, forkS: forkS, phase: 'ready' });
    // A's run is the presenter's again: the same figures at their time as before the tour.
    await expect
      .poll(() => app.page.evaluate(() => Array.from(window.parcelscope?.kpiHistory.cumulative ?? [])), {
        timeout: 60_000,
      })
      .toEqual(kpisBefore);
    // What could not be put back exactly is said in the page.
    const notices = await app.page.getByTestId('notices').textContent();
    expect(notices).toContain('Back to where you were before the tour: Day 1 · ');
    expect(notices).toContain('Scenario B was started again as a copied link starts it');
    await app.page.getByTestId('compare-table').waitFor({ timeout: 120_000 });
    await app.screenshot('demo-tour-return-done');
    app.assertClean();
  }, 240_000);
});

/** Window sizes the video's progress box is checked at: a laptop's, an old projector's, a desktop's. */
const VIDEO_PROGRESS_VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** Resizes the window and waits until the page has placed its boxes again (two frames). */
async function resizeWindow(page: Page, viewport: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(viewport);
  await expect.poll(() => page.evaluate(() => window.innerWidth)).toBe(viewport.width);
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

/**
 * The 3D view's shown buttons (its size buttons and its empty state's offered fulfillment centers)
 * that lie partly outside the window or under the box with test id `coverId`, each named with its
 * rectangle and the box's, and how many fulfillment centers the empty state offers.
 */
function findSceneButtonsCoveredBy(
  page: Page,
  coverId: string,
): Promise<{ offered: number; problems: string[] }> {
  return page.evaluate((coverId) => {
    const show = (box: DOMRect) =>
      `x ${Math.round(box.left)}..${Math.round(box.right)}, y ${Math.round(box.top)}..${Math.round(box.bottom)}`;
    const cover = document.querySelector(`[data-testid="${coverId}"]`)?.getBoundingClientRect();
    const pane = document.querySelector('[data-testid="scene-pane"]');
    if (!cover || !pane) return { offered: 0, problems: [`no ${cover ? 'scene-pane' : coverId}`] };
    const problems: string[] = [];
    const buttons = Array.from(pane.querySelectorAll('button')).filter((button) => button.checkVisibility());
    for (const button of buttons) {
      const box = button.getBoundingClientRect();
      const name = `"${button.textContent?.trim()}" (${show(box)})`;
      if (box.left < 0 || box.top < 0 || box.right > window.innerWidth || box.bottom > window.innerHeight)
        problems.push(`${name} outside the ${window.innerWidth}x${window.innerHeight} window`);
      if (
        box.left < cover.right &&
        cover.left < box.right &&
        box.top < cover.bottom &&
        cover.top < box.bottom
      )
        problems.push(`${name} under ${coverId} (${show(cover)})`);
    }
    const offered = buttons.filter((button) => button.hasAttribute('data-facility-id')).length;
    return { offered, problems };
  }, coverId);
}

describe("a video's progress beside the page's messages", () => {
  test("a video's progress box lies clear of a notice showing meanwhile, both in sight, and Cancel is in reach of the keyboard", async () => {
    // A bad ?style gives a notice that stays until dismissed: the one a presenter would still
    // have showing when they start a video.
    const app = await open(`?${SMALL}&t=${SIX_HOURS_S}&paused=1&speed=600&style=javascript:x`);
    await waitForMapReady(app.page);
    await waitForModelReady(app.page);
    // Only the boxes matter here; the vehicles' trails cost software WebGL seconds a video frame.
    await hideVehicles(app.page);
    const notice = app.page.getByTestId('notices').getByText('?style must be an http(s) URL');
    await notice.waitFor();
    // The longest video, so that it is still rendering while the boxes are read; cancelled below.
    await app.page.getByTestId('export-menu').click();
    await app.page.getByTestId('video-length').selectOption('120');
    await app.page.getByTestId('video-size').selectOption('0.25');
    await app.page.getByTestId('video-fps').selectOption('10');
    await app.page.getByTestId('export-video').click();
    const progress = app.page.getByTestId('video-progress');
    await progress.getByText(/^Rendering video: frame \d+ of \d+/).waitFor({ timeout: 60_000 });
    for (const viewport of VIDEO_PROGRESS_VIEWPORTS) {
      await resizeWindow(app.page, viewport);
      const size = `${viewport.width}x${viewport.height}, a video rendering`;
      await expectShownWhole(app.page, 'video-progress', `at ${size}`);
      await expectShownWhole(app.page, 'notices', `at ${size}`);
      await expectBoxesApart(app.page, 'video-progress', 'notices', `at ${size}`);
      // Nor over the legend's words, which a narrow map's centre reaches.
      await expectBoxesApart(app.page, 'video-progress', 'map-legend', `at ${size}`);
      await app.screenshot(`demo-video-progress-with-notice-${viewport.width}x${viewport.height}`);
    }
    // The full-screen 3D view covers the messages; the box stays over it, whole and on top. With
    // no facility selected the view offers fulfillment centers to open: the box covers none.
    await app.page.getByTestId('scene-size-full').click();
    await expect.poll(() => app.page.getByTestId('scene-pane').getAttribute('data-size')).toBe('full');
    await app.page.getByTestId('scene-empty').locator('button[data-facility-id]').first().waitFor();
    for (const viewport of VIDEO_PROGRESS_VIEWPORTS) {
      await resizeWindow(app.page, viewport);
      const size = `${viewport.width}x${viewport.height}, over the full-screen 3D view's empty state`;
      await expectShownWhole(app.page, 'video-progress', `at ${size}`);
      const onTop = await progress.evaluate((box) => {
        const { left, top, width, height } = box.getBoundingClientRect();
        const hit = document.elementFromPoint(left + width / 2, top + height / 2);
        return hit !== null && box.contains(hit);
      });
      expect(onTop, `the video's progress box on top at its centre at ${size}`).toBe(true);
      const covered = await findSceneButtonsCoveredBy(app.page, 'video-progress');
      expect(covered.offered, `fulfillment centers offered at ${size}`).toBeGreaterThan(0);
      expect(
        covered.problems,
        `the 3D view's buttons whole and clear of the video's progress box at ${size}`,
      ).toEqual([]);
      await app.screenshot(`demo-video-progress-over-scene-${viewport.width}x${viewport.height}`);
    }
    // Its wording, roles and Cancel are as they were: Enter on Cancel stops the video.
    expect(await progress.getAttribute('role')).toBe('status');
    expect(await progress.getByRole('progressbar').count()).toBe(1);
    const cancel = progress.getByRole('button', { name: 'Cancel' });
    await cancel.focus();
    await app.page.keyboard.press('Enter');
    await progress.waitFor({ state: 'detached', timeout: 60_000 });
    app.assertClean();
  }, 170_000);
});
