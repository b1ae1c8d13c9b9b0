import { describe, expect, test } from 'vitest';
import { getExportSegments, getTourVideoLengths } from '../../../src/ui/demo/videoFormats';

/** Frames a renderer makes of a segment of `seconds` at `fps` (as videoExport.ts counts them). */
const framesOf = (seconds: number, fps: number) => Math.max(1, Math.round(seconds * fps));

describe('a recorded tour is as long as the length chosen', () => {
  test.each([
    { durationS: 2, steps: 2, fps: 10, titleCard: false },
    { durationS: 2, steps: 3, fps: 10, titleCard: false },
    { durationS: 10, steps: 11, fps: 30, titleCard: true },
    { durationS: 60, steps: 11, fps: 30, titleCard: true },
    { durationS: 5, steps: 7, fps: 15, titleCard: true },
  ])(
    '$durationS s, $steps steps at $fps fps, title card $titleCard: whole frames summing to the length',
    ({ durationS, steps, fps, titleCard }) => {
      const { titleS, stepsS } = getTourVideoLengths(durationS, steps, fps, titleCard);
      expect(stepsS).toHaveLength(steps);
      const frames = [titleS, ...stepsS]
        .filter((seconds) => seconds > 0)
        .map((seconds) => framesOf(seconds, fps));
      expect(
        frames.reduce((sum, count) => sum + count, 0),
        'frames in the video',
      ).toBe(durationS * fps);
      // The steps share the time evenly: no two differ by more than one frame.
      const stepFrames = stepsS.map((seconds) => framesOf(seconds, fps));
      expect(Math.max(...stepFrames) - Math.min(...stepFrames)).toBeLessThanOrEqual(1);
      // The title card as a plain export of the same length has it, or none.
      const plainTitle = getExportSegments(durationS, titleCard).find((segment) => segment.kind === 'title');
      if (titleCard) expect(framesOf(titleS, fps)).toBe(framesOf(plainTitle?.durationS ?? 0, fps));
      else expect(titleS).toBe(0);
    },
  );

  test('more steps than frames: every step still shows for one frame', () => {
    const { stepsS } = getTourVideoLengths(1, 20, 10, false);
    expect(stepsS.every((seconds) => seconds === 0.1)).toBe(true);
  });
});
