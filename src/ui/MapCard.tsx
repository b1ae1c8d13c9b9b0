/**
 * A card over the map (edit mode's, the order form): a titled section with a close button, whose
 * Escape steps back one level and stays inside it.
 */
import { type ReactNode, type RefObject, useEffect, useRef } from 'react';

interface MapCardProps {
  /** Block class; the header takes `${className}__head`. */
  className: string;
  title: string;
  /** The close button's accessible name. */
  closeLabel: string;
  onClose: () => void;
  /**
   * Escape pressed anywhere in the card: a step back (a pick on the map first, then the card).
   * The key stops here, so it does not also end a tour. Default: `onClose`.
   */
  onEscape?: () => void;
  testId: string;
  children: ReactNode;
}

export function MapCard({
  className,
  title,
  closeLabel,
  onClose,
  onEscape = onClose,
  testId,
  children,
}: MapCardProps) {
  return (
    <section
      className={className}
      aria-label={title}
      data-testid={testId}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        onEscape();
      }}
    >
      <header className={`${className}__head`}>
        <h2>{title}</h2>
        <button type="button" className="icon-button" aria-label={closeLabel} onClick={onClose}>
          ×
        </button>
      </header>
      {children}
    </section>
  );
}

/** A ref whose element takes the focus whenever `when` turns truthy: keyboard users land on a card's first choice. */
export function useFocusWhen<Focused extends HTMLElement>(when: unknown): RefObject<Focused | null> {
  const ref = useRef<Focused>(null);
  useEffect(() => {
    if (when) ref.current?.focus();
  }, [when]);
  return ref;
}
