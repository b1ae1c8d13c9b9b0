/**
 * What the presenter's tools draw over the page: the tour's caption card (step n of N, Previous,
 * Next, full screen, End), an outline around what the step points at, and a video's progress.
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { cancelVideoExport, videoExportStore } from './exportActions';
import { endTour, nextStep, previousStep, toggleFullscreen, tourStore } from './tourRunner';
import './demo.css';

/** Keys that belong to a field the user is typing in (arrows move a slider's value, too). */
function isTypingTarget(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** Outlines the element a step points at; follows it when the layout moves. */
function Highlight({ selector }: { selector: string }) {
  const [rect, setRect] = useState<DOMRect | null>(null);
  useEffect(() => {
    const measure = () => setRect(document.querySelector(selector)?.getBoundingClientRect() ?? null);
    measure();
    // The element may appear a moment later (the compare table) or move (panes resize).
    const interval = window.setInterval(measure, 500);
    window.addEventListener('resize', measure);
    return () => {
      window.clearInterval(interval);
      window.removeEventListener('resize', measure);
    };
  }, [selector]);
  if (!rect) return null;
  return (
    <div
      className="tour-highlight"
      aria-hidden="true"
      style={{ left: rect.left + 3, top: rect.top + 3, width: rect.width - 6, height: rect.height - 6 }}
    />
  );
}

/**
 * Where the caption card sits: bottom centre of the map area, above the 3D pane when it is open,
 * so it covers neither the pane nor the rail. Measured, as the pane and drawer resize the map.
 */
function useMapAreaAnchor(active: boolean): { left: number; bottom: number } | null {
  const [anchor, setAnchor] = useState<{ left: number; bottom: number } | null>(null);
  useEffect(() => {
    if (!active) return;
    const measure = () => {
      const rect = document.querySelector('.map-area')?.getBoundingClientRect();
      if (!rect) return;
      const next = {
        left: Math.round(rect.left + rect.width / 2),
        bottom: Math.round(window.innerHeight - rect.bottom + 12),
      };
      setAnchor((current) =>
        current?.left === next.left && current.bottom === next.bottom ? current : next,
      );
    };
    measure();
    const interval = window.setInterval(measure, 300);
    window.addEventListener('resize', measure);
    return () => {
      window.clearInterval(interval);
      window.removeEventListener('resize', measure);
    };
  }, [active]);
  return anchor;
}

function TourCard() {
  const tour = useStore(tourStore, (state) => state.tour);
  const stepIndex = useStore(tourStore, (state) => state.stepIndex);
  const anchor = useMapAreaAnchor(tour !== null);

  useEffect(() => {
    if (!tour) return;
    const handleKey = (event: KeyboardEvent) => {
      if (isTypingTarget(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === 'ArrowRight' || event.key === 'PageDown') nextStep();
      else if (event.key === 'ArrowLeft' || event.key === 'PageUp') previousStep();
      else if (event.key === 'Escape') endTour();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', handleKey);
    return () => window.removeEventListener('keydown', handleKey);
  }, [tour]);

  if (!tour) return null;
  const step = tour.steps[stepIndex];
  const last = stepIndex === tour.steps.length - 1;
  return (
    <>
      {step.highlight && <Highlight selector={step.highlight} />}
      <section
        className="tour-card"
        aria-label={`Tour: ${tour.name}`}
        data-testid="tour-card"
        aria-live="polite"
        style={anchor ? { left: anchor.left, bottom: anchor.bottom } : undefined}
      >
        <header className="tour-card-head">
          <span className="tour-card-name">{tour.name}</span>
          <span className="tour-card-count" data-testid="tour-step-count">
            Step {stepIndex + 1} of {tour.steps.length}
          </span>
        </header>
        <h2 className="tour-card-title" data-testid="tour-title">
          {step.title}
        </h2>
        <p className="tour-card-text">{step.text}</p>
        <div className="tour-progress" aria-hidden="true">
          {tour.steps.map((item, index) => (
            <span key={item.title} className={index <= stepIndex ? 'done' : ''} />
          ))}
        </div>
        <footer className="tour-card-actions">
          <button
            type="button"
            onClick={() => toggleFullscreen()}
            title="Full screen"
            data-testid="tour-fullscreen"
          >
            Full screen
          </button>
          <button type="button" onClick={endTour} title="End the tour (Esc)" data-testid="tour-end">
            End
          </button>
          <span className="tour-card-spacer" />
          <button
            type="button"
            onClick={previousStep}
            disabled={stepIndex === 0}
            title="Previous (←)"
            data-testid="tour-previous"
          >
            ← Previous
          </button>
          <button
            type="button"
            className="primary"
            onClick={last ? endTour : nextStep}
            title={last ? 'End the tour (Esc)' : 'Next (→)'}
            data-testid="tour-next"
          >
            {last ? 'Finish' : 'Next →'}
          </button>
        </footer>
      </section>
    </>
  );
}

function VideoProgress() {
  const progress = useStore(videoExportStore, (state) => state.progress);
  if (!progress) return null;
  const percent = Math.round((progress.done / progress.total) * 100);
  return (
    <section className="video-progress" role="status" aria-label="Video export" data-testid="video-progress">
      <span>
        Rendering video: frame {progress.done} of {progress.total} ({percent}%)
      </span>
      <progress max={progress.total} value={progress.done} />
      <button type="button" onClick={cancelVideoExport}>
        Cancel
      </button>
    </section>
  );
}

export function DemoOverlay() {
  return (
    <>
      <TourCard />
      <VideoProgress />
    </>
  );
}
