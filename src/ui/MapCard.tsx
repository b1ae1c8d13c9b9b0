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
  useReturnFocus();
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

/**
 * Gives the focus back to what held it when the component mounted (the button that opened a
 * card), once it unmounts with the focus nowhere: closed by Escape, the order card left the focus
 * on the page's body, and a keyboard user started again from the top.
 */
export function useReturnFocus(): void {
  // Read in the first render, before any child effect moves the focus into the card.
  const opener = useRef(document.activeElement);
  useEffect(
    () => () => {
      const returnTo = opener.current;
      const active = document.activeElement;
      if (
        returnTo instanceof HTMLElement &&
        returnTo.isConnected &&
        (active === null || active === document.body)
      )
        returnTo.focus();
    },
    [],
  );
}
