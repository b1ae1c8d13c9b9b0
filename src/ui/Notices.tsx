import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { dismissNotice } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { useCoveredByScene } from './useCoveredByScene';

/** The stack's slot for the header's messages (HeaderMessage); null until the stack is mounted. */
const headerMessageSlot = createStore<{ element: HTMLElement | null }>(() => ({ element: null }));

// Module-level, so React calls it once when the slot mounts and once when it goes, not per render.
function setHeaderMessageSlot(element: HTMLDivElement | null): void {
  headerMessageSlot.setState({ element });
}

/**
 * A short answer to a header control ("Link copied", "No facility named …"), shown at the top of
 * the page's message stack (Notices) rather than beside its control: hung from the header on its
 * own, it lay over the notices there. The control keeps its state, role and wording; only where
 * the element lies moves. Shows nothing until the stack is mounted.
 */
export function HeaderMessage({ children }: { children: ReactNode }) {
  const slot = useStore(headerMessageSlot, (state) => state.element);
  return slot ? createPortal(children, slot) : null;
}

/**
 * The page's messages in one stack, one under the other so that none lies over another: the
 * header's answers first (short, and what the person just did: a long notice above would push
 * them out of sight), then the notices about bad input and faults, shown in the page, never only
 * in the console.
 */
export function Notices() {
  const notices = useAppStore((state) => state.notices);
  // Under the full-screen 3D view, kept for when it closes.
  const covered = useCoveredByScene();
  return (
    <div className="page-messages" inert={covered}>
      <div className="page-messages__header" ref={setHeaderMessageSlot} />
      {notices.length > 0 && (
        <div className="notices" aria-live="polite" data-testid="notices">
          {notices.map((notice) => (
            <div
              key={notice.id}
              className={`notice notice--${notice.level}`}
              role={notice.level === 'error' ? 'alert' : 'status'}
            >
              <div className="notice__body">
                <span>{notice.text}</span>
                {notice.details && (
                  <ul className="notice__details">
                    {notice.details.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                )}
              </div>
              <button type="button" onClick={() => dismissNotice(notice.id)} aria-label="Dismiss">
                ×
              </button>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
