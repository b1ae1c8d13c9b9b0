/**
 * The presenter's controls in the header: "Tour" starts the guided tour, "Export" opens a small
 * menu (PNG, video, KPI CSV and its column guide, scenario file out and in, a tour file).
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useAppStore } from '../../state/useAppStore';
import {
  exportKpiColumnGuide,
  exportKpiCsv,
  exportPng,
  exportScenario,
  exportVideo,
  importScenario,
  recordTourVideo,
  type VideoChoices,
  videoExportStore,
} from './exportActions';
import { getRecordableTour, startTour, startTourFromFile, tourStore } from './tourRunner';
import { canExportVideo, VIDEO_FORMATS, type VideoFormat } from './videoFormats';
import './demo.css';

/** Video lengths offered; a recorded tour's steps share the length (60 s: ~5 s a step of the built-in tour). */
const VIDEO_LENGTHS_S = [2, 5, 10, 30, 60, 120] as const;
const VIDEO_FRAME_RATES = [30, 15, 10] as const;
const VIDEO_SIZES = [
  { label: 'Full view', scale: 1 },
  { label: 'Half size', scale: 0.5 },
  { label: 'Quarter size', scale: 0.25 },
] as const;

export function DemoControls() {
  const ready = useAppStore((state) => state.worker.phase === 'ready');
  const touring = useStore(tourStore, (state) => state.tour !== null);
  const rendering = useStore(videoExportStore, (state) => state.progress !== null);
  const [open, setOpen] = useState(false);
  const [videoLengthS, setVideoLengthS] = useState<number>(10);
  const [videoScale, setVideoScale] = useState<number>(1);
  const [videoFps, setVideoFps] = useState<number>(30);
  // MP4 first: what Keynote and PowerPoint play.
  const [videoFormat, setVideoFormat] = useState<VideoFormat>('mp4');
  const [titleCard, setTitleCard] = useState(true);
  const [withKpis, setWithKpis] = useState(false);
  const choices: VideoChoices = {
    format: videoFormat,
    durationS: videoLengthS,
    scale: videoScale,
    fps: videoFps,
    titleCard,
    withKpis,
  };
  // Read when the menu renders: the tour last started (a presenter's file) is the one recorded.
  const recordableTour = open ? getRecordableTour() : null;
  const menuRef = useRef<HTMLDivElement>(null);
  const scenarioInput = useRef<HTMLInputElement>(null);
  const tourInput = useRef<HTMLInputElement>(null);

  // The menu closes on a click elsewhere or Escape, as menus do.
  useEffect(() => {
    if (!open) return;
    const handlePointer = (event: PointerEvent) => {
      if (!menuRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const handleKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    window.addEventListener('pointerdown', handlePointer);
    window.addEventListener('keydown', handleKey);
    return () => {
      window.removeEventListener('pointerdown', handlePointer);
      window.removeEventListener('keydown', handleKey);
    };
  }, [open]);

  function run(action: () => unknown) {
    setOpen(false);
    void action();
  }

  return (
    <div className="demo-controls" ref={menuRef}>
      <button
        type="button"
        onClick={() => startTour()}
        disabled={!ready || touring}
        data-testid="tour-start"
        title="A guided tour of the network, from order to door (← → to step, Esc to end)"
      >
        Tour
      </button>
      <button
        type="button"
        onClick={() => setOpen(!open)}
        disabled={!ready || rendering}
        aria-expanded={open}
        aria-controls="export-menu-panel"
        data-testid="export-menu"
      >
        Export ▾
      </button>
      {open && (
        // A disclosure, not an ARIA menu: it holds selects and checkboxes, which a menu may not,
        // and Tab walks it as any part of the page (a menu promises arrow keys instead).
        <section className="demo-menu" id="export-menu-panel" aria-label="Export and import">
          <button type="button" onClick={() => run(exportPng)} data-testid="export-png">
            Picture of the map (PNG)
          </button>
          <button
            type="button"
            onClick={() => run(exportKpiCsv)}
            title="One row per completed sim hour, a column per KPI of A (and B); the KPI column guide says what each column counts and in what unit"
            data-testid="export-csv"
          >
            KPIs per sim hour (CSV)
          </button>
          <button
            type="button"
            onClick={() => run(exportKpiColumnGuide)}
            title="What each column of the KPI CSV is: its KPI, flow or level, unit and meaning"
            data-testid="export-csv-guide"
          >
            KPI column guide (CSV)
          </button>
          <div className="demo-menu-group">
            <span className="demo-menu-label">Video of the map, for slides</span>
            <div className="demo-menu-row">
              <label>
                Format{' '}
                <select
                  value={videoFormat}
                  onChange={(event) => setVideoFormat(event.target.value as VideoFormat)}
                  data-testid="video-format"
                >
                  {(Object.keys(VIDEO_FORMATS) as VideoFormat[]).map((format) => (
                    <option key={format} value={format}>
                      {VIDEO_FORMATS[format].label}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Length{' '}
                <select
                  value={videoLengthS}
                  onChange={(event) => setVideoLengthS(Number(event.target.value))}
                  data-testid="video-length"
                >
                  {VIDEO_LENGTHS_S.map((lengthS) => (
                    <option key={lengthS} value={lengthS}>
                      {lengthS} s
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Size{' '}
                <select
                  value={videoScale}
                  onChange={(event) => setVideoScale(Number(event.target.value))}
                  data-testid="video-size"
                >
                  {VIDEO_SIZES.map((size) => (
                    <option key={size.scale} value={size.scale}>
                      {size.label}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Rate{' '}
                <select
                  value={videoFps}
                  onChange={(event) => setVideoFps(Number(event.target.value))}
                  data-testid="video-fps"
                >
                  {VIDEO_FRAME_RATES.map((fps) => (
                    <option key={fps} value={fps}>
                      {fps} fps
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <div className="demo-menu-row">
              <label>
                <input
                  type="checkbox"
                  checked={titleCard}
                  onChange={(event) => setTitleCard(event.target.checked)}
                  data-testid="video-title-card"
                />{' '}
                Title card
              </label>
              <label>
                <input
                  type="checkbox"
                  checked={withKpis}
                  onChange={(event) => setWithKpis(event.target.checked)}
                  data-testid="video-kpis"
                />{' '}
                KPI panel beside the map
              </label>
            </div>
            <button
              type="button"
              onClick={() => run(() => exportVideo(choices))}
              disabled={!canExportVideo()}
              title={
                canExportVideo()
                  ? 'Rendered frame by frame at fixed sim steps of the current speed, smooth on any machine'
                  : 'This browser has no WebCodecs video encoder'
              }
              data-testid="export-video"
            >
              Render video
            </button>
            <button
              type="button"
              onClick={() => run(() => recordTourVideo(choices))}
              disabled={!canExportVideo() || touring || !recordableTour}
              title={
                recordableTour
                  ? `"${recordableTour.name}" in ${videoLengthS} s: ${recordableTour.steps.length} steps with their captions, ~${formatStepSeconds(videoLengthS, recordableTour.steps.length)} s each`
                  : 'No tour to record'
              }
              data-testid="export-tour-video"
            >
              Record the tour as a video
            </button>
          </div>
          <hr />
          <button type="button" onClick={() => run(exportScenario)} data-testid="export-scenario">
            Save scenario file…
          </button>
          <button type="button" onClick={() => scenarioInput.current?.click()}>
            Open scenario file…
          </button>
          <button type="button" onClick={() => tourInput.current?.click()}>
            Run a tour file…
          </button>
        </section>
      )}
      <input
        ref={scenarioInput}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="import-scenario"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          setOpen(false);
          if (file) void importScenario(file);
        }}
      />
      <input
        ref={tourInput}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="import-tour"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          setOpen(false);
          if (file) void startTourFromFile(file);
        }}
      />
    </div>
  );
}

/** A step's share of a recorded tour, to a tenth of a second. */
function formatStepSeconds(videoLengthS: number, stepCount: number): string {
  return (videoLengthS / Math.max(1, stepCount)).toFixed(1).replace(/\.0$/, '');
}
