import { useEffect, useMemo, useRef, useState } from 'react';
import { withPlacedLabels } from '../panels/eventLabels';
import { requestSeek } from '../state/simClient';
import { SPEED_PRESETS, setSpeed, togglePlaying } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { formatSimClock, formatSpeed } from './format';
import { useRunMarks } from './useRunMarks';
import { useCoveredByScene } from './useCoveredByScene';

const DAY_S = 86_400;
/** The marks' label rows above the track, and the advance of their 11 px font. */
const MARK_ROWS = 2;
const MARK_CHAR_PX = 6;

/**
 * Bottom bar: play/pause (Space), speed presets, step, and a scrubber over the run so far.
 * Dragging the scrubber previews the time and seeks when released (the worker restores the
 * nearest hourly snapshot and replays deterministically to it). Above the track, the run's
 * changes (presets, slider moves, forks, placed orders) and the calendar peaks are marked where
 * they happen, labelled.
 */
export function Timeline() {
  const covered = useCoveredByScene();
  const playback = useAppStore((state) => state.playback);
  const displayTimeS = useAppStore((state) => state.displayTimeS);
  const startDayOfYear = useAppStore((state) => state.params?.startDayOfYear ?? null);
  const simulatedTimeS = useAppStore((state) => state.simulatedTimeS);
  const timeWindow = useAppStore((state) => state.timeWindow);
  const ready = useAppStore((state) => state.worker.phase === 'ready');
  const [scrubS, setScrubS] = useState<number | null>(null);
  // The track spans whole days up to a day past what has been simulated.
  const trackEndS = (Math.floor(Math.max(simulatedTimeS, displayTimeS) / DAY_S) + 1) * DAY_S;
  const shownS = scrubS ?? displayTimeS;
  const marks = useRunMarks(trackEndS);
  const laneRef = useRef<HTMLDivElement>(null);
  const [laneWidth, setLaneWidth] = useState(600);
  useEffect(() => {
    const lane = laneRef.current;
    if (!lane) return;
    const observer = new ResizeObserver(([entry]) => setLaneWidth(entry.contentRect.width));
    observer.observe(lane);
    return () => observer.disconnect();
  }, []);
  // Peaks and changes share the label rows, in time order.
  const labelled = useMemo(() => {
    const items = [
      ...marks.peaks.map((peak) => ({
        key: `peak-${peak.label}-${peak.startS}`,
        atS: peak.startS,
        kind: 'peak',
        label: peak.label,
        // A preset that starts the peak names it already: the band needs no second label.
        shownLabel: marks.events.some((event) => event.atS === peak.startS && event.label === peak.label)
          ? ''
          : peak.label,
        detail: `${peak.label}: ${peak.multiplier}× demand, ${formatSimClock(peak.startS, startDayOfYear)} to ${formatSimClock(peak.endS, startDayOfYear)}`,
      })),
      ...marks.events.map((event) => ({
        key: `event-${event.id}`,
        atS: event.atS,
        kind: event.kind as string,
        label: event.label,
        shownLabel: event.label,
        detail: `${formatSimClock(event.atS, startDayOfYear)}: ${event.detail}`,
      })),
    ].sort((a, b) => a.atS - b.atS);
    return withPlacedLabels(
      items,
      (item) => (item.atS / trackEndS) * laneWidth,
      (item) => item.shownLabel,
      laneWidth,
      MARK_CHAR_PX,
      MARK_ROWS,
    );
  }, [marks, trackEndS, laneWidth, startDayOfYear]);

  function commitScrub() {
    if (scrubS === null) return;
    requestSeek(scrubS);
    setScrubS(null);
  }

  return (
    <section className="timeline" aria-label="Playback" inert={covered}>
      <button
        type="button"
        className="play-button"
        onClick={togglePlaying}
        disabled={!ready}
        aria-label={playback.playing ? 'Pause (Space)' : 'Play (Space)'}
        title={playback.playing ? 'Pause (Space)' : 'Play (Space)'}
        data-testid="play-pause"
      >
        {playback.playing ? '❚❚' : '▶'}
      </button>
      <button
        type="button"
        onClick={() => requestSeek(displayTimeS + 3600)}
        disabled={!ready}
        title="Step one sim hour forward"
        data-testid="step-hour"
      >
        +1 h
      </button>
      <fieldset className="speed-presets">
        <legend className="visually-hidden">Speed (sim seconds per second)</legend>
        {SPEED_PRESETS.map((speed) => (
          <button
            key={speed}
            type="button"
            className={speed === playback.speed ? 'active' : ''}
            aria-pressed={speed === playback.speed}
            onClick={() => setSpeed(speed)}
            data-testid={`speed-${speed}`}
          >
            {formatSpeed(speed)}
          </button>
        ))}
      </fieldset>
      <div className="timeline-lane" ref={laneRef}>
        <div className="timeline-marks" data-testid="timeline-marks">
          {labelled.map(({ item, x, label }) => (
            <span
              key={item.key}
              className={`timeline-mark timeline-mark--${item.kind}`}
              data-kind={item.kind}
              data-label={item.label}
              data-testid="timeline-mark"
              title={item.detail}
              style={{ left: `${x}px` }}
            >
              {label.row >= 0 && (
                <span
                  className="timeline-mark-label"
                  style={{
                    top: `${label.row * 0.8}rem`,
                    ...(label.anchor === 'start'
                      ? { left: `${label.x - x}px` }
                      : { right: `${x - label.x}px` }),
                  }}
                >
                  {label.text}
                </span>
              )}
            </span>
          ))}
        </div>
        <div className="timeline-track">
          <div className="timeline-buffered" style={{ width: `${(simulatedTimeS / trackEndS) * 100}%` }} />
          {marks.peaks.map((peak) => (
            <div
              key={`${peak.label}-${peak.startS}`}
              className="timeline-peak"
              title={`${peak.label}: ${peak.multiplier}× demand`}
              style={{
                left: `${(peak.startS / trackEndS) * 100}%`,
                width: `${((peak.endS - peak.startS) / trackEndS) * 100}%`,
              }}
            />
          ))}
          {timeWindow && (
            <div
              className="timeline-window"
              style={{
                left: `${((timeWindow[0] * 3600) / trackEndS) * 100}%`,
                width: `${(((timeWindow[1] - timeWindow[0]) * 3600) / trackEndS) * 100}%`,
              }}
            />
          )}
          <input
            type="range"
            className="timeline-scrubber"
            min={0}
            max={trackEndS}
            step={60}
            value={shownS}
            disabled={!ready}
            aria-label="Sim time"
            aria-valuetext={formatSimClock(shownS, startDayOfYear)}
            data-testid="scrubber"
            onChange={(event) => setScrubS(Number(event.currentTarget.value))}
            onPointerUp={commitScrub}
            onKeyUp={commitScrub}
            onBlur={commitScrub}
          />
        </div>
      </div>
      <span className="timeline-clock">{formatSimClock(shownS, startDayOfYear)}</span>
    </section>
  );
}
