import { useState } from 'react';
import { requestSeek } from '../state/simClient';
import { SPEED_PRESETS, setSpeed, togglePlaying } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { formatSimClock, formatSpeed } from './format';

const DAY_S = 86_400;

/**
 * Bottom bar: play/pause (Space), speed presets, step, and a scrubber over the run so far.
 * Dragging the scrubber previews the time and seeks when released (the worker restores the
 * nearest hourly snapshot and replays deterministically to it).
 */
export function Timeline() {
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

  function commitScrub() {
    if (scrubS === null) return;
    requestSeek(scrubS);
    setScrubS(null);
  }

  return (
    <section className="timeline" aria-label="Playback">
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
      <div className="timeline-track">
        <div className="timeline-buffered" style={{ width: `${(simulatedTimeS / trackEndS) * 100}%` }} />
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
      <span className="timeline-clock">{formatSimClock(shownS, startDayOfYear)}</span>
    </section>
  );
}
