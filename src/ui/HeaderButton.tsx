import { useAppStore } from '../state/useAppStore';

/**
 * A button of the header's controls: each acts on the running model, so each waits for it
 * (disabled while the network is built or the worker recovers). `pressed` makes it a toggle of a
 * mode (placing an order, editing the network).
 */
export function HeaderButton({
  testId,
  onClick,
  title,
  className,
  pressed,
  children,
}: {
  testId: string;
  onClick: () => void;
  title?: string;
  className?: string;
  pressed?: boolean;
  children: React.ReactNode;
}) {
  const ready = useAppStore((state) => state.worker.phase === 'ready');
  return (
    <button
      type="button"
      className={className}
      aria-pressed={pressed}
      data-testid={testId}
      disabled={!ready}
      title={title}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
