/**
 * A scrolling box that says when its content goes on below its bottom edge: a short card (the
 * order form at 1024x768, the edit card at 1280x800 with the 3D pane open) showed its first
 * choices cut off mid-line, and nothing said there was more to scroll to.
 */
import { type RefObject, useEffect, useRef } from 'react';

/**
 * Slack in px before content counts as below the edge: a zoomed page scrolls in fractions of a
 * pixel, and a box scrolled to its end can stop short of scrollHeight by one.
 */
const BOTTOM_SLACK_PX = 1;

/**
 * A ref for a scrolling box; while content lies below its bottom edge the box carries the
 * attribute `data-more-below` (styles.css fades its last lines), removed once scrolled to the end.
 * Kept up to date as the box scrolls, as it is resized (the window, a neighbouring card) and as
 * its content changes (an error shown, a list of choices).
 */
export function useMoreBelow<Box extends HTMLElement>(): RefObject<Box | null> {
  const ref = useRef<Box>(null);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const update = () => {
      const below = box.scrollHeight - box.scrollTop - box.clientHeight;
      box.toggleAttribute('data-more-below', below > BOTTOM_SLACK_PX);
    };
    // The box itself (the window, a neighbouring card) and what it holds (an error shown, a
    // details opened) can each change size without a scroll.
    const resized = new ResizeObserver(update);
    const observeSizes = () => {
      resized.disconnect();
      resized.observe(box);
      for (const child of box.children) resized.observe(child);
    };
    observeSizes();
    update();
    box.addEventListener('scroll', update, { passive: true });
    // Content, not attributes: the attribute written here must not call it again.
    const changed = new MutationObserver(() => {
      observeSizes();
      update();
    });
    changed.observe(box, { childList: true, subtree: true, characterData: true });
    return () => {
      box.removeEventListener('scroll', update);
      resized.disconnect();
      changed.disconnect();
    };
  }, []);
  return ref;
}
