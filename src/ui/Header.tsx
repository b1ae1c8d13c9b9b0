import { getPreset } from '../sim/presets';
import { setOrderUi } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { defaultParams } from '../sim/params';
import { describeCalendarChange, describePresetFromNow } from './calendarPeaks';
import { describeChangesFromScenario } from './paramChanges';
import { FacilitySearch } from './FacilitySearch';
import { formatSimClock, formatSpeed, formatWorkerMessage } from './format';
import { PresetPicker } from './PresetPicker';
import { describeScale } from './realVolume';
import { shortcutSheetStore } from './shortcuts';
import { ShareButton } from './ShareButton';
import { HeaderButton } from './HeaderButton';
import { DemoControls } from './demo/DemoControls';
import { toggleEditMode } from './networkEditActions';
import { useCoveredByScene } from './useCoveredByScene';

export function Header() {
  const covered = useCoveredByScene();
  const displayTimeS = useAppStore((state) => state.displayTimeS);
  const startDayOfYear = useAppStore((state) => state.params?.startDayOfYear ?? null);
  const worker = useAppStore((state) => state.worker);
  const orderFormOpen = useAppStore((state) => state.order.formOpen);
  const editing = useAppStore((state) => state.networkEdit.active);
  const clockPace = useAppStore((state) => state.clockPace);
  const speed = useAppStore((state) => state.playback.speed);
  const catchingUp = worker.phase === 'ready' && clockPace.behind;
  return (
    <header className="app-header" inert={covered}>
      <h1 className="brand">
        Parcel<span>scope</span>
      </h1>
      <PresetPicker />
      <FacilitySearch />
      <span className="sim-clock" data-testid="sim-clock" title="Simulation clock">
        {formatSimClock(displayTimeS, startDayOfYear)}
      </span>
      <HeaderButton
        className="order-button"
        pressed={orderFormOpen}
        testId="order-open"
        onClick={() => {
          setOrderUi({ formOpen: !orderFormOpen, pickingAddress: false });
          // A map click means one thing at a time: an address or a new facility.
          if (!orderFormOpen) toggleEditMode(false);
        }}
      >
        Place your order
      </HeaderButton>
      <HeaderButton
        className="edit-button"
        pressed={editing}
        testId="edit-network"
        title="Edit the network: add, close, take offline or re-equip facilities (E)"
        onClick={() => toggleEditMode()}
      >
        Edit network
      </HeaderButton>
      <ShareButton />
      <DemoControls />
      <ScenarioLine>
        <button
          type="button"
          className="shortcut-button"
          onClick={() => shortcutSheetStore.setState((state) => ({ open: !state.open }))}
          title="Keyboard shortcuts (?)"
          aria-label="Keyboard shortcuts"
          data-testid="shortcut-button"
        >
          ?
        </button>
        {catchingUp && (
          <span
            className="worker-status worker-status--behind"
            data-testid="clock-pace"
            role="status"
            title={`The clock runs at ${formatSpeed(clockPace.achievedX)}, below the chosen ${formatSpeed(speed)}: the model needs more time than that speed allows for these hours (at large scales the stations' morning van waves cost the most), and the clock never shows a time the model has not reached. It returns to ${formatSpeed(speed)} once the model is ahead again; a lower speed keeps it steady.`}
          >
            Catching up: {formatSpeed(clockPace.achievedX)} of {formatSpeed(speed)}
          </span>
        )}
        <span
          className={`worker-status worker-status--${worker.phase}`}
          data-testid="worker-status"
          role="status"
        >
          {worker.phase === 'ready' ? 'Model running' : formatWorkerMessage(worker, startDayOfYear)}
        </span>
      </ScenarioLine>
    </header>
  );
}

/**
 * The scenario in one line under the controls: the preset in force and what it does (from when,
 * if it was picked mid-run), the parameters changed from it, and the scale, stated once for the
 * whole page.
 */
function ScenarioLine({ children }: { children: React.ReactNode }) {
  const presetName = useAppStore((state) => state.presetName);
  const appliedAtS = useAppStore((state) => state.presetAppliedAtS);
  const params = useAppStore((state) => state.params);
  const preset = presetName ? getPreset(presetName) : undefined;
  // A preset picked mid-run says its own calendar (describePresetFromNow); otherwise a calendar
  // other than the scenario's is a change like any other.
  const calendarMoved =
    params !== null &&
    appliedAtS === null &&
    params.startDayOfYear !== (preset ?? defaultParams()).startDayOfYear;
  // The calendar first: the line is cut to its width, and the date explains the rest's figures.
  const changes = [
    calendarMoved ? describeCalendarChange(params) : '',
    params ? describeChangesFromScenario(params, preset) : '',
  ]
    .filter(Boolean)
    .join('; ');
  const weather = calendarMoved ? 'fair weather' : 'an ordinary week, fair weather';
  const scenarioDescription = !params
    ? ''
    : preset
      ? appliedAtS !== null
        ? describePresetFromNow(preset, params)
        : preset.description
      : changes
        ? `${weather}.`
        : `${weather}, the parameters as calibrated.`;
  const description = changes ? `${scenarioDescription} Changed: ${changes}.` : scenarioDescription;
  return (
    <div className="scenario-line" data-testid="scenario-line">
      <span className="scenario-description" data-testid="scenario-description" title={description}>
        {params && (
          <>
            <b>{preset?.label ?? 'Calibrated defaults'}</b>
            {appliedAtS !== null && ` since ${formatSimClock(appliedAtS, params.startDayOfYear)}`}
            {': '}
            {description}
          </>
        )}
      </span>
      {params && (
        <span className="scenario-scale" data-testid="scenario-scale">
          {describeScale(params.scale)}
        </span>
      )}
      {children}
    </div>
  );
}
