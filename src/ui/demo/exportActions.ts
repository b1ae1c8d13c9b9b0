/**
 * What the export menu does: PNG, KPI CSV and its column guide, scenario file out and in, and the
 * video, each ending in a download or a notice. The progress of a video render lives in
 * `videoExportStore` for the overlay.
 */
import { createStore } from 'zustand/vanilla';
import { checkFileSize } from '../../state/dataFile';
import { channelA, channelB, simView } from '../../state/simClient';
import { appStore, displayClock, pushNotice } from '../../state/store';
import { buildKpiColumnGuideCsv } from './kpiColumnGuide';
import { buildKpiCsv, type KpiCsvScenario } from './kpiCsv';
import { createScenarioFile, getScenarioUrl, parseScenarioFile } from './scenarioFile';
import {
  endTour,
  getRecordableTour,
  goToStep,
  startTour,
  tourStore,
  waitForCameraToSettle,
} from './tourRunner';
import {
  getExportSegments,
  getTourVideoLengths,
  VIDEO_FORMATS,
  type VideoFormat,
  type VideoSegment,
} from './videoFormats';
import { captureMapViewPng, downloadBlob, getExportBaseName } from './viewCapture';

export interface VideoExportState {
  /** Frames done and in all while a video renders; null otherwise. */
  progress: { done: number; total: number } | null;
  controller: AbortController | null;
}

export const videoExportStore = createStore<VideoExportState>(() => ({ progress: null, controller: null }));

export async function exportPng(): Promise<void> {
  try {
    downloadBlob(await captureMapViewPng(), `${getExportBaseName(displayClock.timeS)}.png`);
  } catch (error) {
    pushNotice('error', `The picture could not be made: ${(error as Error).message}.`);
  }
}

/** The scenarios the KPI CSV and its column guide cover: A, and B while compare runs it. */
function getKpiCsvScenarios(): KpiCsvScenario[] {
  const scenarios = [{ label: 'A', history: channelA.kpiHistory, scale: channelA.view.params?.scale ?? 1 }];
  if (appStore.getState().compare.active && channelB.running)
    scenarios.push({ label: 'B', history: channelB.kpiHistory, scale: channelB.view.params?.scale ?? 1 });
  return scenarios;
}

export function exportKpiCsv(): void {
  if (channelA.kpiHistory.hours === 0) {
    pushNotice('info', 'No sim hour has completed yet: the CSV has one row per completed hour.');
    return;
  }
  const csv = buildKpiCsv(getKpiCsvScenarios());
  downloadBlob(new Blob([csv], { type: 'text/csv' }), `${getExportBaseName(displayClock.timeS)}-kpis.csv`);
}

/** The KPI CSV's column guide, named after the CSV the same moment would give. */
export function exportKpiColumnGuide(): void {
  const guide = buildKpiColumnGuideCsv(getKpiCsvScenarios());
  downloadBlob(
    new Blob([guide], { type: 'text/csv' }),
    `${getExportBaseName(displayClock.timeS)}-kpi-columns.csv`,
  );
}

export function exportScenario(): void {
  const { params, presetName, compare } = appStore.getState();
  if (!params) return;
  // Scenario B (its edits, its changed values, its fork) travels with the file, as in the link.
  const scenarioB =
    compare.active && compare.params
      ? { params: compare.params, forkAtS: compare.mode === 'fork' ? compare.forkTimeS : null }
      : null;
  const file = createScenarioFile(params, simView.seed, presetName, scenarioB);
  const name = presetName ?? 'scenario';
  downloadBlob(
    new Blob([`${JSON.stringify(file, null, 2)}\n`], { type: 'application/json' }),
    `parcelscope-${name}-seed${simView.seed}.json`,
  );
}

/**
 * Reads a scenario file; a good one starts a fresh run of it (the page opens its link), a bad one
 * gets a notice naming every problem and changes nothing.
 */
export async function importScenario(file: File): Promise<void> {
  const tooLarge = checkFileSize(file.size);
  const { scenario, errors } = tooLarge
    ? { scenario: null, errors: [tooLarge] }
    : parseScenarioFile(await file.text());
  if (!scenario) {
    pushNotice('error', `${file.name} was not loaded, nothing changed: ${errors.join('; ')}`);
    return;
  }
  window.location.assign(getScenarioUrl(window.location.href, scenario, appStore.getState().playback.speed));
}

/** The video options the export menu offers. */
export interface VideoChoices {
  format: VideoFormat;
  /** Seconds of video (a recorded tour's steps share it). */
  durationS: number;
  scale: number;
  fps: number;
  titleCard: boolean;
  withKpis: boolean;
}

/** Renders `segments` with the menu's choices and downloads the file; a failure is a notice. */
async function renderAndDownload(
  segments: VideoSegment[],
  choices: VideoChoices,
  fileName: string,
): Promise<void> {
  if (videoExportStore.getState().progress) return;
  const controller = new AbortController();
  videoExportStore.setState({ progress: { done: 0, total: 1 }, controller });
  try {
    // The encoder loads with the first video, not with the page.
    const { renderVideo } = await import('./videoExport');
    const blob = await renderVideo({
      segments,
      format: choices.format,
      scale: choices.scale,
      fps: choices.fps,
      withKpis: choices.withKpis,
      signal: controller.signal,
      onProgress: (done, total) => videoExportStore.setState({ progress: { done, total } }),
    });
    downloadBlob(blob, `${fileName}.${VIDEO_FORMATS[choices.format].extension}`);
  } catch (error) {
    if (!controller.signal.aborted)
      pushNotice('error', `The video could not be made: ${(error as Error).message}.`);
  } finally {
    videoExportStore.setState({ progress: null, controller: null });
  }
}

export async function exportVideo(choices: VideoChoices): Promise<void> {
  await renderAndDownload(
    getExportSegments(choices.durationS, choices.titleCard),
    choices,
    `${getExportBaseName(displayClock.timeS)}-${choices.durationS}s`,
  );
}

/**
 * The guided tour as one video of the chosen length: the title card, then each step with its
 * caption for an equal share of the rest, the camera settled on the step's view. The tour is the
 * one last started (a presenter's tour file, or the built-in one); it ends with the video.
 */
export async function recordTourVideo(choices: VideoChoices): Promise<void> {
  const recordable = getRecordableTour();
  if (!recordable || !startTour(recordable)) return;
  const tour = tourStore.getState().tour;
  if (!tour) return;
  const lengths = getTourVideoLengths(choices.durationS, tour.steps.length, choices.fps, choices.titleCard);
  const segments: VideoSegment[] = [];
  if (lengths.titleS > 0) segments.push({ kind: 'title', durationS: lengths.titleS });
  tour.steps.forEach((step, index) => {
    segments.push({
      kind: 'map',
      durationS: lengths.stepsS[index],
      caption: { title: step.title, text: step.text },
      prepare: async () => {
        if (index > 0) goToStep(index);
        await waitForCameraToSettle();
      },
    });
  });
  try {
    await renderAndDownload(
      segments,
      choices,
      `parcelscope-tour-${toFileNamePart(tour.name)}-${choices.durationS}s`,
    );
  } finally {
    endTour();
  }
}

/** A tour's name as a file name part: lower-case words joined by hyphens ("order-to-door"). */
function toFileNamePart(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'tour'
  );
}

export function cancelVideoExport(): void {
  videoExportStore.getState().controller?.abort();
}
