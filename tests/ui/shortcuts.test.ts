import { describe, expect, test } from 'vitest';
import { getShortcutAction } from '../../src/ui/shortcuts';

const key = (key: string, code = '') => ({ key, code, altKey: false, ctrlKey: false, metaKey: false });
const idle = { touring: false, sheetOpen: false, typing: false };

describe('keyboard shortcuts', () => {
  test('Space plays and pauses whatever has focus, except a text box being typed in', () => {
    expect(getShortcutAction(key(' ', 'Space'), idle)).toBe('playPause');
    expect(getShortcutAction(key(' ', 'Space'), { ...idle, touring: true })).toBe('playPause');
    expect(getShortcutAction(key(' ', 'Space'), { ...idle, typing: true })).toBeNull();
    // A checkbox toggles with Space alone.
    expect(getShortcutAction(key(' ', 'Space'), { ...idle, spaceOwned: true })).toBeNull();
  });

  test('arrows and Page keys step the tour only while it runs; Escape ends it', () => {
    const touring = { ...idle, touring: true };
    expect(getShortcutAction(key('ArrowRight'), touring)).toBe('next');
    expect(getShortcutAction(key('PageDown'), touring)).toBe('next');
    expect(getShortcutAction(key('ArrowLeft'), touring)).toBe('previous');
    expect(getShortcutAction(key('PageUp'), touring)).toBe('previous');
    expect(getShortcutAction(key('Escape'), touring)).toBe('endTour');
    expect(getShortcutAction(key('ArrowRight'), idle)).toBeNull();
    expect(getShortcutAction(key('Escape'), idle)).toBeNull();
  });

  test('F toggles full screen, ? the sheet, and Escape closes the sheet before it ends a tour', () => {
    expect(getShortcutAction(key('f'), idle)).toBe('fullscreen');
    expect(getShortcutAction(key('F'), idle)).toBe('fullscreen');
    expect(getShortcutAction(key('e'), idle)).toBe('editNetwork');
    expect(getShortcutAction(key('?'), idle)).toBe('toggleSheet');
    expect(getShortcutAction(key('Escape'), { touring: true, sheetOpen: true, typing: false })).toBe(
      'closeSheet',
    );
    expect(getShortcutAction(key('Escape'), { ...idle, touring: true, sceneFull: true })).toBe('dockScene');
    expect(getShortcutAction({ ...key('f'), ctrlKey: true }, idle)).toBeNull();
    expect(getShortcutAction(key('f'), { ...idle, typing: true })).toBeNull();
  });
});
