/**
 * The page's keyboard shortcuts, in one listener that runs before any focused control sees the
 * key: Space plays and pauses even when a button has focus (a focused button would otherwise be
 * pressed again, which in the tour is a second "Next"), the arrows and Page keys step the tour,
 * Escape ends it, F toggles full screen and ? opens the sheet that lists them all. Only a field
 * the person is typing in (a text box, a list) keeps its keys.
 */
import { createStore } from 'zustand/vanilla';
import { appStore, togglePlaying } from '../state/store';
import { endTour, nextStep, previousStep, toggleFullscreen, tourStore } from './demo/tourRunner';
import { toggleEditMode } from './networkEditActions';

export interface Shortcut {
  keys: string;
  does: string;
}

/** What the sheet lists, in the order a presenter reaches for them. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Space', does: 'Play or pause' },
  { keys: '→ or Page Down', does: 'Next step of the tour' },
  { keys: '← or Page Up', does: 'Previous step of the tour' },
  { keys: 'Esc', does: 'Close this sheet, leave the full-screen 3D view, or end the tour' },
  { keys: 'F', does: 'Browser full screen on or off' },
  { keys: 'E', does: 'Edit the network: edit mode on or off' },
  { keys: '?', does: 'Show or hide these shortcuts' },
];

export const shortcutSheetStore = createStore<{ open: boolean }>(() => ({ open: false }));

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number']);

/**
 * Whether the key belongs to the focused element: a text box or a list being typed in. Buttons
 * and sliders do not keep the page's keys (a button answers Enter as well).
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type);
}

/** Whether Space belongs to the focused element: a checkbox or radio button toggles with it alone. */
function ownsSpace(target: EventTarget | null): boolean {
  return (
    typeof HTMLInputElement !== 'undefined' &&
    target instanceof HTMLInputElement &&
    (target.type === 'checkbox' || target.type === 'radio')
  );
}

/** What a key press does, or null for a key the page leaves alone. Pure, for tests. */
export function getShortcutAction(
  event: Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey'>,
  state: { touring: boolean; sheetOpen: boolean; typing: boolean; sceneFull?: boolean; spaceOwned?: boolean },
):
  | 'playPause'
  | 'next'
  | 'previous'
  | 'endTour'
  | 'closeSheet'
  | 'dockScene'
  | 'fullscreen'
  | 'toggleSheet'
  | 'editNetwork'
  | null {
  if (state.typing || event.altKey || event.ctrlKey || event.metaKey) return null;
  if (event.code === 'Space' || event.key === ' ') return state.spaceOwned ? null : 'playPause';
  if (event.key === 'Escape') {
    if (state.sheetOpen) return 'closeSheet';
    if (state.sceneFull) return 'dockScene';
    return state.touring ? 'endTour' : null;
  }
  if (event.key === '?') return 'toggleSheet';
  if (event.key === 'f' || event.key === 'F') return 'fullscreen';
  if (event.key === 'e' || event.key === 'E') return 'editNetwork';
  if (!state.touring) return null;
  if (event.key === 'ArrowRight' || event.key === 'PageDown') return 'next';
  if (event.key === 'ArrowLeft' || event.key === 'PageUp') return 'previous';
  return null;
}

function handleKeyDown(event: KeyboardEvent): void {
  const action = getShortcutAction(event, {
    touring: tourStore.getState().tour !== null,
    sheetOpen: shortcutSheetStore.getState().open,
    typing: isTypingTarget(event.target),
    spaceOwned: ownsSpace(event.target),
    sceneFull: appStore.getState().panes.sceneSize === 'full',
  });
  if (!action) return;
  // Before the focused control: a button must not be pressed, a slider not moved, by our key.
  event.preventDefault();
  event.stopPropagation();
  if (event.repeat && action !== 'next' && action !== 'previous') return;
  switch (action) {
    case 'playPause':
      togglePlaying();
      break;
    case 'next':
      nextStep();
      break;
    case 'previous':
      previousStep();
      break;
    case 'endTour':
      endTour();
      break;
    case 'closeSheet':
      shortcutSheetStore.setState({ open: false });
      break;
    case 'dockScene':
      appStore.setState((state) => ({ panes: { ...state.panes, sceneSize: 'docked' } }));
      break;
    case 'toggleSheet':
      shortcutSheetStore.setState((state) => ({ open: !state.open }));
      break;
    case 'fullscreen':
      void toggleFullscreen();
      break;
    case 'editNetwork':
      if (appStore.getState().worker.phase === 'ready') toggleEditMode();
      break;
  }
}

/** A focused button is pressed on Space's key-up: the page took the key down, so it takes this too. */
function handleKeyUp(event: KeyboardEvent): void {
  if (
    (event.code === 'Space' || event.key === ' ') &&
    !isTypingTarget(event.target) &&
    !ownsSpace(event.target)
  ) {
    event.preventDefault();
    event.stopPropagation();
  }
}

/** Listens on the window in the capture phase; returns the function that stops listening. */
export function startShortcuts(): () => void {
  window.addEventListener('keydown', handleKeyDown, true);
  window.addEventListener('keyup', handleKeyUp, true);
  return () => {
    window.removeEventListener('keydown', handleKeyDown, true);
    window.removeEventListener('keyup', handleKeyUp, true);
  };
}
