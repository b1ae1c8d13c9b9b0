import { setOrderUi } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { FacilitySearch } from './FacilitySearch';
import { formatSimClock } from './format';
import { PresetPicker } from './PresetPicker';
import { ShareButton } from './ShareButton';
import { DemoControls } from './demo/DemoControls';

export function Header() {
  const displayTimeS = useAppStore((state) => state.displayTimeS);
  const startDayOfYear = useAppStore((state) => state.params?.startDayOfYear ?? null);
  const worker = useAppStore((state) => state.worker);
  const orderFormOpen = useAppStore((state) => state.order.formOpen);
  return (
    <header className="app-header">
      <h1 className="brand">
        Parcel<span>scope</span>
      </h1>
      <PresetPicker />
      <FacilitySearch />
      <span className="sim-clock" data-testid="sim-clock" title="Simulation clock">
        {formatSimClock(displayTimeS, startDayOfYear)}
      </span>
      <button
        type="button"
        className="order-button"
        aria-pressed={orderFormOpen}
        data-testid="order-open"
        disabled={worker.phase !== 'ready'}
        onClick={() => setOrderUi({ formOpen: !orderFormOpen, pickingAddress: false })}
      >
        Place your order
      </button>
      <ShareButton />
      <DemoControls />
      <span
        className={`worker-status worker-status--${worker.phase}`}
        data-testid="worker-status"
        role="status"
      >
        {worker.phase === 'ready' ? 'Model running' : worker.message}
      </span>
    </header>
  );
}
