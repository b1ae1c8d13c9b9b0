/**
 * What the presenter's tools draw over the page: the tour's caption card (step n of N, Previous,
 * Next, full screen, End), an outline around what the step points at, the way back to where the
 * presenter was once a tour ends, and a video's progress. The cards stand above the full-screen
 * 3D view too: a presenter who opens it at a step keeps the caption in sight and its buttons in
 * reach of Tab (under the view, Tab went on to them unseen).
 */
import { type RefObject, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { appStore } from '../../state/store';
import { formatSimClock } from '../format';
import { useCoveredByScene } from '../useCoveredByScene';
import { type CaptionPlacement, getCaptionPlacement } from './captionPlacement';
import { cancelVideoExport, videoExportStore } from './exportActions';
import { declineReturn, tourReturnStore } from './tourReturn';
import { endTour, nextStep, previousStep, returnFromTour, toggleFullscreen, tourStore } from './tourRunner';
import './demo.css';

/** Outlines the element a step points at; follows it when the layout moves. */
function Highlight({ selector }: { selector: string }) {
  const [rect, setRect] = useState<DOMRect | null>(null);
  useEffect(() => {
    const measure = () => {
      let element: Element | null = null;
      try {
        element = document.querySelector(selector);
      } catch {
        // Not a CSS selector (a hand-edited tour file): nothing to outline, the tour goes on.
      }
      setRect(element?.getBoundingClientRect() ?? null);
    };
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
 * Where the caption card sits (`getCaptionPlacement`): bottom centre of the map area, beside or
 * above the selection card when that is showing; over the full-screen 3D view, bottom centre of
 * the view (the map area and the selection card are behind it). Measured, as the 3D pane, the
 * drawer and the selection card change size: on an interval, on resize, after each step and
 * selection change.
 */
function useCaptionPlacement(
  card: RefObject<HTMLElement | null>,
  stepIndex: number,
  active: boolean,
  overScene: boolean,
): CaptionPlacement | null {
  const [placement, setPlacement] = useState<CaptionPlacement | null>(null);
  const measure = useCallback(() => {
    const area = document.querySelector(overScene ? '.scene-pane' : '.map-area')?.getBoundingClientRect();
    if (!area || !card.current) return;
    const next = getCaptionPlacement(
      area,
      { width: card.current.offsetWidth, height: card.current.offsetHeight },
      overScene ? null : (document.querySelector('.selection-card')?.getBoundingClientRect() ?? null),
      window.innerHeight,
    );
    setPlacement((current) =>
      current?.centreX === next.centreX && current.bottom === next.bottom ? current : next,
    );
  }, [card, overScene]);
  // Before paint, so a step whose caption is taller or shorter never shows at the old place.
  // biome-ignore lint/correctness/useExhaustiveDependencies: stepIndex changes the card's height.
  useLayoutEffect(() => {
    if (active) measure();
  }, [active, measure, stepIndex]);
  useEffect(() => {
    if (!active) return;
    let frame = 0;
    // The selection card mounts when a step selects; measure once it is laid out.
    const unsubscribe = appStore.subscribe((state, previous) => {
      if (state.selection === previous.selection) return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(measure);
    });
    const interval = window.setInterval(measure, 300);
    window.addEventListener('resize', measure);
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
      window.clearInterval(interval);
      window.removeEventListener('resize', measure);
    };
  }, [active, measure]);
  return placement;
}

function TourCard() {
  const tour = useStore(tourStore, (state) => state.tour);
  const stepIndex = useStore(tourStore, (state) => state.stepIndex);
  const overScene = useCoveredByScene();
  const card = useRef<HTMLElement>(null);
  const placement = useCaptionPlacement(card, stepIndex, tour !== null, overScene);

  if (!tour) return null;
  const step = tour.steps[stepIndex];
  const last = stepIndex === tour.steps.length - 1;
  return (
    <>
      {step.highlight && <Highlight selector={step.highlight} />}
      <section
        className={`tour-card ${overScene ? 'tour-card--over-scene' : ''}`}
        aria-label={`Tour: ${tour.name}`}
        data-testid="tour-card"
        aria-live="polite"
        ref={card}
        style={placement ? { left: placement.centreX, bottom: placement.bottom } : undefined}
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
          {/* The browser's full screen; the 3D pane's size that fills the window is "Full window". */}
          <button
            type="button"
            onClick={() => toggleFullscreen()}
            title="The browser's full screen, as F11 does (F)"
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

/**
 * After a tour the page stays as its last step left it, for questions; this card, where the
 * caption was, offers the way back to where the presenter was. Its button takes the focus the
 * tour's End or Finish button had, so Enter goes back; "Stay here" keeps the tour's page.
 */
function TourReturnCard() {
  const touring = useStore(tourStore, (state) => state.tour !== null);
  const point = useStore(tourReturnStore, (state) => (state.offered ? state.point : null));
  const shown = !touring && point !== null;
  const overScene = useCoveredByScene();
  const card = useRef<HTMLElement>(null);
  const back = useRef<HTMLButtonElement>(null);
  const placement = useCaptionPlacement(card, 0, shown, overScene);
  useEffect(() => {
    // Only from nowhere (the tour's buttons are gone): a field the presenter is in keeps the focus.
    const focused = document.activeElement;
    if (shown && (focused === null || focused === document.body)) back.current?.focus();
  }, [shown]);

  if (!shown) return null;
  const clock = formatSimClock(point.timeS, point.params.startDayOfYear);
  return (
    <section
      className={`tour-card tour-return ${overScene ? 'tour-card--over-scene' : ''}`}
      aria-label="After the tour"
      data-testid="tour-return-card"
      ref={card}
      style={placement ? { left: placement.centreX, bottom: placement.bottom } : undefined}
    >
      <p className="tour-card-text">
        The tour has ended; the page stays as it left it, for questions. Before it you were at {clock},{' '}
        {point.speed}×{point.playing ? '' : ' (paused)'}
        {point.scenarioB ? ', with your scenario B' : ''}.
      </p>
      <footer className="tour-card-actions">
        <button type="button" onClick={declineReturn} data-testid="tour-return-stay">
          Stay here
        </button>
        <span className="tour-card-spacer" />
        <button
          type="button"
          className="primary"
          ref={back}
          onClick={returnFromTour}
          title="Your time, speed, parameters and scenario B as they were when the tour started"
          data-testid="tour-return"
        >
          Back to where you were before the tour
        </button>
      </footer>
    </section>
  );
}

/**
 * Keeps the video's progress box (`box`) under the page's messages (Notices' `.page-messages`)
 * while any show: at the map's top, beside them, it lay over a wide notice. It cannot join their
 * stack, which the full-screen 3D view covers; over that view (`overScene`) the messages are
 * hidden behind it and the box has a place of its own there (demo.css). Hands the stack's bottom
 * edge and the map area's left edge to demo.css (`--page-messages-bottom`, `--map-area-left`, px
 * from the window's top and left) whenever the stack or the map area changes size (a message comes
 * or goes, the window or the header resizes), before paint, so no frame shows the two overlapping.
 */
function useBelowPageMessages(box: RefObject<HTMLElement | null>, shown: boolean, overScene: boolean): void {
  useLayoutEffect(() => {
    const element = box.current;
    const stack = document.querySelector('.page-messages');
    if (!shown || overScene || !element || !stack) return;
    const mapArea = document.querySelector('.map-area');
    const place = () => {
      const messages = stack.getBoundingClientRect();
      // Empty, the stack takes no room and the box keeps its own place.
      if (messages.height === 0) element.style.removeProperty('--page-messages-bottom');
      else element.style.setProperty('--page-messages-bottom', `${Math.ceil(messages.bottom)}px`);
      // Its left limit is the stack's, from the map's edge: right of the drawer, open or not.
      if (mapArea)
        element.style.setProperty('--map-area-left', `${Math.floor(mapArea.getBoundingClientRect().left)}px`);
    };
    place();
    const observer = new ResizeObserver(place);
    observer.observe(stack);
    // The stack moves without changing size when the header's height changes the map area's.
    if (mapArea) observer.observe(mapArea);
    return () => {
      observer.disconnect();
      element.style.removeProperty('--page-messages-bottom');
      element.style.removeProperty('--map-area-left');
    };
  }, [box, shown, overScene]);
}

function VideoProgress() {
  const progress = useStore(videoExportStore, (state) => state.progress);
  const overScene = useCoveredByScene();
  const box = useRef<HTMLElement>(null);
  useBelowPageMessages(box, progress !== null, overScene);
  if (!progress) return null;
  const percent = Math.round((progress.done / progress.total) * 100);
  return (
    <section
      className={`video-progress ${overScene ? 'video-progress--over-scene' : ''}`}
      role="status"
      aria-label="Video export"
      data-testid="video-progress"
      ref={box}
    >
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
      <TourReturnCard />
      <VideoProgress />
    </>
  );
}
