/**
 * A card over the map (edit mode's, the order form): a titled section with a close button, whose
 * Escape steps back one level and stays inside it. Where the map's column is short (1280x800 with
 * the 3D pane open, a 1024x768 projector) the card's body scrolls, its last lines fading while
 * there is more below (useMoreBelow), and its head and footer (what the card last did, or the
 * button that does it) stay in sight.
 */
import { type ReactNode, type RefObject, useEffect, useRef } from 'react';
import { useMoreBelow } from './useMoreBelow';

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
  /** Kept in sight under the body, however short the card: a status line, the card's main button. */
  footer?: ReactNode;
}

export function MapCard({
  className,
  title,
  closeLabel,
  onClose,
  onEscape = onClose,
  testId,
  children,
  footer,
}: MapCardProps) {
  useReturnFocus();
  const body = useMoreBelow<HTMLDivElement>();
  return (
    <section
      className={`map-card ${className}`}
      aria-label={title}
      data-testid={testId}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        onEscape();
      }}
    >
      <header className={`map-card__head ${className}__head`}>
        <h2>{title}</h2>
        <button type="button" className="icon-button" aria-label={closeLabel} onClick={onClose}>
          ×
        </button>
      </header>
      <div className="map-card__body" ref={body} data-testid={`${testId}-body`}>
        {children}
      </div>
      {footer}
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
