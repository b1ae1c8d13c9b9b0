/**
 * The map view as a WebM video rendered frame by frame at fixed sim steps: playback pauses, each
 * frame moves the display clock one step, waits for the model to have simulated that far and for
 * the map to draw, and the composited view is encoded with WebCodecs (VP8) at an explicit
 * timestamp. The video is smooth however long each frame takes to render.
 */
import { ArrayBufferTarget, Muxer } from 'webm-muxer';
import { applyDueTicks, simulatedLimitS } from '../../state/simClient';
import { appStore, displayClock } from '../../state/store';
import { drawMapView, getMapViewSize } from './viewCapture';

export interface VideoExportOptions {
  /** Length of the video in seconds of playback. */
  durationS: number;
  /** Frames per second of the video (default 30). */
  fps?: number;
  /** Output size as a fraction of the map view's device pixels (default 1). */
  scale?: number;
  /** Called after each frame with frames done and frames in all. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** How long to wait for the model to simulate up to a frame's time before giving up. */
const SIMULATION_WAIT_MS = 120_000;
/** Frames the encoder may hold before we wait for it (bounds memory on slow machines). */
const MAX_ENCODE_QUEUE = 8;

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

/** Whether this browser can encode the video at all (WebCodecs). */
export function canExportVideo(): boolean {
  return typeof VideoEncoder !== 'undefined' && typeof VideoFrame !== 'undefined';
}

/**
 * Renders `durationS` of the map view at the current speed into a WebM. Playback is paused while
 * it renders and resumed afterwards if it was playing; the display ends at the last frame's time.
 */
export async function renderMapVideo(options: VideoExportOptions): Promise<Blob> {
  if (!canExportVideo()) throw new Error('this browser has no WebCodecs video encoder');
  const viewSize = getMapViewSize();
  if (!viewSize) throw new Error('the map is not ready');
  const fps = options.fps ?? 30;
  const scale = options.scale ?? 1;
  // VP8 wants even dimensions.
  const width = Math.max(2, Math.round((viewSize.width * scale) / 2) * 2);
  const height = Math.max(2, Math.round((viewSize.height * scale) / 2) * 2);
  const totalFrames = Math.max(1, Math.round(options.durationS * fps));
  const { playback } = appStore.getState();
  const simStepS = playback.speed / fps;
  const frameDurationUs = 1_000_000 / fps;

  const config: VideoEncoderConfig = {
    codec: 'vp8',
    width,
    height,
    framerate: fps,
    bitrate: Math.round(width * height * fps * 0.15),
  };
  const support = await VideoEncoder.isConfigSupported(config);
  if (!support.supported) throw new Error(`this browser cannot encode VP8 at ${width}x${height}`);

  const target = new ArrayBufferTarget();
  const muxer = new Muxer({
    target,
    video: { codec: 'V_VP8', width, height, frameRate: fps },
    firstTimestampBehavior: 'offset',
  });
  let encodeError: Error | null = null;
  const encoder = new VideoEncoder({
    output: (chunk, meta) => muxer.addVideoChunk(chunk, meta),
    error: (error) => {
      encodeError = error;
    },
  });
  encoder.configure(config);

  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas to composite frames');

  const wasPlaying = playback.playing;
  if (wasPlaying) appStore.setState((state) => ({ playback: { ...state.playback, playing: false } }));
  const startTimeS = displayClock.timeS;
  try {
    for (let frame = 0; frame < totalFrames; frame++) {
      options.signal?.throwIfAborted();
      if (encodeError) throw encodeError;
      const timeS = startTimeS + frame * simStepS;
      await waitForSimulated(timeS, options.signal);
      displayClock.timeS = timeS;
      applyDueTicks(timeS);
      appStore.setState({ displayTimeS: timeS });
      // One frame for the render loops to read the new clock, one for the map to draw it.
      await nextAnimationFrame();
      await nextAnimationFrame();
      drawMapView(context, width, height);
      const videoFrame = new VideoFrame(canvas, {
        timestamp: Math.round(frame * frameDurationUs),
        duration: Math.round(frameDurationUs),
      });
      encoder.encode(videoFrame, { keyFrame: frame % (fps * 2) === 0 });
      videoFrame.close();
      while (encoder.encodeQueueSize > MAX_ENCODE_QUEUE) await nextAnimationFrame();
      options.onProgress?.(frame + 1, totalFrames);
    }
    // A closing copy of the last frame at the end time: WebM's duration is the last block's
    // timestamp, so without it a 2 s video would say 1.9 s.
    const closingFrame = new VideoFrame(canvas, {
      timestamp: Math.round(totalFrames * frameDurationUs),
      duration: Math.round(frameDurationUs),
    });
    encoder.encode(closingFrame, { keyFrame: false });
    closingFrame.close();
    await encoder.flush();
    if (encodeError) throw encodeError;
    muxer.finalize();
    return new Blob([target.buffer], { type: 'video/webm' });
  } finally {
    if (encoder.state !== 'closed') encoder.close();
    if (wasPlaying) appStore.setState((state) => ({ playback: { ...state.playback, playing: true } }));
  }
}
