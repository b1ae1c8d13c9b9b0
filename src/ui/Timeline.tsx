import { SPEED_PRESETS, setSpeed, togglePlaying } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { formatSimClock, formatSpeed } from './format';

/** Bottom bar: play/pause (Space), speed presets, and the sim clock against what is simulated. */
export function Timeline() {
  const playback = useAppStore((state) => state.playback);
  const displayTimeS = useAppStore((state) => state.displayTimeS);
  const simulatedTimeS = useAppStore((state) => state.simulatedTimeS);
  const ready = useAppStore((state) => state.worker.phase === 'ready');
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
      <fieldset className="speed-presets">
        <legend className="visually-hidden">Speed (sim seconds per second)</legend>
        {SPEED_PRESETS.map((speed) => (
          <button
            key={speed}
            type="button"
            className={speed === playback.speed ? 'active' : ''}
            aria-pressed={speed === playback.speed}
            onClick={() => setSpeed(speed)}
          >
            {formatSpeed(speed)}
          </button>
        ))}
      </fieldset>
      <div className="timeline-track" aria-hidden="true">
        <div className="timeline-buffered" style={{ width: `${trackPercent(simulatedTimeS)}%` }} />
        <div className="timeline-head" style={{ left: `${trackPercent(displayTimeS)}%` }} />
      </div>
      <span className="timeline-clock">{formatSimClock(displayTimeS)}</span>
    </section>
  );
}

/** The track spans the current sim week so its position reads as day-of-week. */
function trackPercent(timeS: number): number {
  const weekS = 7 * 86_400;
  return ((timeS % weekS) / weekS) * 100;
}
