import { dismissNotice } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { useCoveredByScene } from './useCoveredByScene';

/** Messages about bad input and faults: shown in the page, never only in the console. */
export function Notices() {
  const notices = useAppStore((state) => state.notices);
  // Under the full-screen 3D view, kept for when it closes.
  const covered = useCoveredByScene();
  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-live="polite" data-testid="notices" inert={covered}>
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
  );
}
