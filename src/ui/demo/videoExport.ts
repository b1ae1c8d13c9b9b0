/**
 * The map view as a video for slides, rendered frame by frame at fixed sim steps: playback
 * pauses, each frame moves the display clock one step, waits for the model to have simulated that
 * far and for the map to draw, and the composited frame (the map, optionally the KPI panel beside
 * it, a tour step's caption over it; a title card first) is encoded with WebCodecs at an explicit
 * timestamp and muxed by mediabunny into MP4 (H.264: Keynote and PowerPoint play it) or WebM
 * (VP9). The video is smooth however long each frame takes to render. Loaded when a video is
 * made (mediabunny is large; the first screen does not need it).
 */
import {
  BufferTarget,
  CanvasSource,
  canEncodeVideo,
  Mp4OutputFormat,
  Output,
  QUALITY_HIGH,
  WebMOutputFormat,
} from 'mediabunny';
import { applyDueTicks, simulatedLimitS } from '../../state/simClient';
import { appStore, displayClock } from '../../state/store';
import { drawMapView, getMapViewSize } from './viewCapture';
import { drawCaption, drawKpiPanel, drawMapKey, drawTitleCard } from './videoFrames';
import { canExportVideo, VIDEO_FORMATS, type VideoExportOptions } from './videoFormats';

/** How long to wait for the model to simulate up to a frame's time before giving up. */
const SIMULATION_WAIT_MS = 120_000;
/** The KPI panel's width as a share of the map's. */
const KPI_PANEL_SHARE = 0.34;

function nextAnimationFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/** Resolves once every running model has simulated to `timeS`. */
async function waitForSimulated(timeS: number, signal?: AbortSignal): Promise<void> {
  const startMs = performance.now();
  while (simulatedLimitS() < timeS) {
    signal?.throwIfAborted();
    if (performance.now() - startMs > SIMULATION_WAIT_MS)
      throw new Error(`the model did not reach the frame's sim time (${Math.round(timeS)} s) in time`);
    await nextAnimationFrame();
  }
}

/** Even pixel sizes of the frame, and of the map inside it (H.264 and VP9 want even sizes). */
export function getFrameSize(
  view: { width: number; height: number },
  scale: number,
  withKpis: boolean,
): { width: number; height: number; mapWidth: number } {
  const even = (value: number) => Math.max(2, Math.round(value / 2) * 2);
  const mapWidth = even(view.width * scale);
  const height = even(view.height * scale);
  return { width: withKpis ? even(mapWidth * (1 + KPI_PANEL_SHARE)) : mapWidth, height, mapWidth };
}

/**
 * Renders the segments into a video. Playback is paused while it renders and resumed afterwards
 * if it was playing; the display ends at the last frame's time.
 */
export async function renderVideo(options: VideoExportOptions): Promise<Blob> {
  if (!canExportVideo()) throw new Error('this browser has no WebCodecs video encoder');
  const viewSize = getMapViewSize();
  if (!viewSize) throw new Error('the map is not ready');
  const format = VIDEO_FORMATS[options.format];
  const fps = options.fps ?? 30;
  const { width, height, mapWidth } = getFrameSize(viewSize, options.scale ?? 1, options.withKpis ?? false);
  if (!(await canEncodeVideo(format.codec, { width, height, quality: QUALITY_HIGH }))) {
    throw new Error(
      `this browser cannot encode ${format.label} at ${width}x${height}${options.format === 'mp4' ? '; try WebM' : ''}`,
    );
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas to composite frames');

  const output = new Output({
    format:
      options.format === 'mp4' ? new Mp4OutputFormat({ fastStart: 'in-memory' }) : new WebMOutputFormat(),
    target: new BufferTarget(),
  });
  const source = new CanvasSource(canvas, {
    codec: format.codec,
    quality: QUALITY_HIGH,
    keyFrameInterval: 2,
  });
  output.addVideoTrack(source, { frameRate: fps });
  await output.start();

  const frameS = 1 / fps;
  const segmentFrames = options.segments.map((segment) => Math.max(1, Math.round(segment.durationS * fps)));
  const totalFrames = segmentFrames.reduce((sum, frames) => sum + frames, 0);
  const pause = () => {
    const playing = appStore.getState().playback.playing;
    if (playing) appStore.setState((state) => ({ playback: { ...state.playback, playing: false } }));
    return playing;
  };
  // The video's frames move the clock; the page's own loop must not move it meanwhile.
  let resumePlaying = pause();
  let frame = 0;
  try {
    for (const [index, segment] of options.segments.entries()) {
      if (segment.prepare) {
        await segment.prepare();
        // A tour step may set the speed and press play: keep its wish for after the video.
        if (pause()) resumePlaying = true;
      }
      const simStepS = appStore.getState().playback.speed / fps;
      const startTimeS = displayClock.timeS;
      for (let segmentFrame = 0; segmentFrame < segmentFrames[index]; segmentFrame++) {
        options.signal?.throwIfAborted();
        if (segment.kind === 'title') {
          drawTitleCard(context, width, height);
        } else {
          const timeS = startTimeS + segmentFrame * simStepS;
          await waitForSimulated(timeS, options.signal);
          displayClock.timeS = timeS;
          applyDueTicks(timeS);
          appStore.setState({ displayTimeS: timeS });
          // One frame for the render loops to read the new clock, one for the map to draw it.
          await nextAnimationFrame();
          await nextAnimationFrame();
          drawMapView(context, mapWidth, height);
          // A tour step's caption takes the bottom of the map; the key would sit under it.
          if (segment.caption) drawCaption(context, segment.caption, mapWidth, height);
          else drawMapKey(context, mapWidth, height);
          if (options.withKpis) drawKpiPanel(context, mapWidth, 0, width - mapWidth, height);
        }
        // Timestamps by frame count: the video's length is exactly frames / fps.
        await source.add(frame * frameS, frameS, { keyFrame: frame % (fps * 2) === 0 });
        frame++;
        options.onProgress?.(frame, totalFrames);
      }
    }
    source.close();
    await output.finalize();
    const buffer = (output.target as BufferTarget).buffer;
    if (!buffer) throw new Error('the muxer wrote no file');
    return new Blob([buffer], { type: format.mimeType });
  } catch (error) {
    if (output.state !== 'finalized' && output.state !== 'canceled') await output.cancel();
    throw error;
  } finally {
    if (resumePlaying) appStore.setState((state) => ({ playback: { ...state.playback, playing: true } }));
  }
}
