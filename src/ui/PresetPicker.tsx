/**
 * The scenario in the header: a preset picker. Choosing one starts a fresh run of it (a new page
 * load with `?preset=`), so the run is reproducible and the link shareable.
 */
import { PRESETS } from '../sim/presets';
import { simView } from '../state/simClient';
import { useAppStore } from '../state/useAppStore';

export function PresetPicker() {
  const presetName = useAppStore((state) => state.presetName);
  const current = PRESETS.find((preset) => preset.name === presetName);
  return (
    <label className="preset-picker" title={current?.description ?? 'Calibrated defaults'}>
      <span className="visually-hidden">Scenario</span>
      <select
        value={presetName ?? ''}
        data-testid="preset-picker"
        onChange={(event) => {
          const url = new URL(window.location.href);
          url.search = '';
          if (event.currentTarget.value) url.searchParams.set('preset', event.currentTarget.value);
          url.searchParams.set('seed', String(simView.seed || 1));
          window.location.assign(url.href);
        }}
      >
        <option value="">Calibrated defaults</option>
        {PRESETS.map((preset) => (
          <option key={preset.name} value={preset.name} title={preset.description}>
            {preset.label}
          </option>
        ))}
      </select>
    </label>
  );
}
