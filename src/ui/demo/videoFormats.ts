/**
 * What the export menu knows about videos before one is made: the formats, the segments of a
 * plain export and whether the browser can encode at all. Apart from videoExport.ts so the page
 * loads the encoder (mediabunny) only when a person asks for a video.
 */
import type { VideoCodec } from 'mediabunny';

export const VIDEO_FORMATS = {
  mp4: { label: 'MP4 (H.264)', codec: 'avc', mimeType: 'video/mp4', extension: 'mp4' },
  webm: { label: 'WebM (VP9)', codec: 'vp9', mimeType: 'video/webm', extension: 'webm' },
} as const satisfies Record<
  string,
  { label: string; codec: VideoCodec; mimeType: string; extension: string }
>;

export type VideoFormat = keyof typeof VIDEO_FORMATS;

/** A stretch of the video: the title card, or the map playing (a tour step, with its caption). */
export interface VideoSegment {
  kind: 'title' | 'map';
  durationS: number;
  /** Runs before the segment's first frame: a tour step is applied and its camera settles. */
  prepare?: () => Promise<void>;
  caption?: { title: string; text: string };
}

export interface VideoExportOptions {
  segments: readonly VideoSegment[];
  format: VideoFormat;
  /** Frames per second of the video (default 30). */
  fps?: number;
  /** Output size as a fraction of the map view's device pixels (default 1). */
  scale?: number;
  /** Composite the KPI panel beside the map (the frame grows to the right). */
  withKpis?: boolean;
  /** Called after each frame with frames done and frames in all. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** The title card's length: two seconds, or a quarter of a short video. */
const TITLE_CARD_S = 2;

/** Whether this browser can encode video at all (WebCodecs). */
export function canExportVideo(): boolean {
  return typeof VideoEncoder !== 'undefined' && typeof VideoFrame !== 'undefined';
}

/** A plain export: a title card (if asked), then the map for the rest of `durationS`. */
export function getExportSegments(durationS: number, titleCard: boolean): VideoSegment[] {
  const titleS = getTitleCardS(durationS, titleCard);
  const segments: VideoSegment[] = [];
  if (titleS > 0) segments.push({ kind: 'title', durationS: titleS });
  segments.push({ kind: 'map', durationS: durationS - titleS });
  return segments;
}

function getTitleCardS(durationS: number, titleCard: boolean): number {
  return titleCard ? Math.min(TITLE_CARD_S, durationS / 4) : 0;
}

/**
 * A recorded tour's lengths in seconds: the title card's (0 without one) and each step's, the
 * rest of `durationS` shared by the steps in whole frames at `fps`, so the video is `durationS`
 * long (to the frame) whatever the step count.
 */
export function getTourVideoLengths(
  durationS: number,
  stepCount: number,
  fps: number,
  titleCard: boolean,
): { titleS: number; stepsS: number[] } {
  const titleFrames = Math.round(getTitleCardS(durationS, titleCard) * fps);
  // Every step shows for at least one frame.
  const stepFrames = Math.max(stepCount, Math.round(durationS * fps) - titleFrames);
  const stepsS: number[] = [];
  for (let step = 0; step < stepCount; step++) {
    const frames =
      Math.floor(((step + 1) * stepFrames) / stepCount) - Math.floor((step * stepFrames) / stepCount);
    stepsS.push(frames / fps);
  }
  return { titleS: titleFrames / fps, stepsS };
}
