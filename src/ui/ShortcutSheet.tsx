/** The keyboard shortcuts, listed: opened with ?, closed with Esc, ? again or its button. */
import { useStore } from 'zustand';
import { useFocusWhen, useReturnFocus } from './MapCard';
import { SHORTCUTS, shortcutSheetStore } from './shortcuts';

export function ShortcutSheet() {
  const open = useStore(shortcutSheetStore, (state) => state.open);
  if (!open) return null;
  return <OpenShortcutSheet />;
}

/** The sheet takes the focus on its close button and gives it back when it closes. */
function OpenShortcutSheet() {
  useReturnFocus();
  const closeRef = useFocusWhen<HTMLButtonElement>(true);
  return (
    <section
      className="shortcut-sheet"
      role="dialog"
      aria-label="Keyboard shortcuts"
      data-testid="shortcut-sheet"
    >
      {/* A div, not a header: a header here read as a second banner beside the page's. */}
      <div className="shortcut-sheet-head">
        <h2>Keyboard shortcuts</h2>
        <button
          ref={closeRef}
          type="button"
          className="icon-button"
          aria-label="Close"
          onClick={() => shortcutSheetStore.setState({ open: false })}
        >
          ×
        </button>
      </div>
      <dl>
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.keys}>
            <dt>
              <kbd>{shortcut.keys}</kbd>
            </dt>
            <dd>{shortcut.does}</dd>
          </div>
        ))}
      </dl>
      <p>They work wherever the focus is, except in a text box or a list (a checkbox keeps Space).</p>
    </section>
  );
}
