/**
 * The parameter drawer, generated from PARAM_DECLARATIONS: one control per parameter, grouped,
 * with its unit, range and description, a changed-from-default marker and a reset. Edits reach
 * the running model after a short pause (a dragged slider does not flood the worker), and a
 * parameter that rebuilds the network says so.
 */
import { useRef, useState } from 'react';
import {
  PARAM_DECLARATIONS,
  PARAM_GROUPS,
  type ParamDeclaration,
  type ParamGroup,
  type Params,
} from '../sim/params';
import { appStore, setDrawerScenario } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { changeParams, forkNow } from './paramChanges';
import { formatParamValue, formatParamValueWithUnit, getParamUnit } from './paramDisplay';
import { useCoveredByScene } from './useCoveredByScene';

const GROUP_LABELS: Record<ParamGroup, string> = {
  demand: 'Demand',
  fulfillment: 'Fulfillment centers',
  lineHaul: 'Line-haul',
  lastMile: 'Last mile',
  flex: 'Amazon Flex',
  carriers: 'Partner carriers',
  weather: 'Weather',
  optimisation: 'Route optimisation',
};

/** Wall milliseconds a value must rest before it is sent to the model. */
const COMMIT_DELAY_MS = 250;

/** Where a drawer change goes: scenario A, scenario B, or a fork of A with the change as B. */
type CommitMode = 'A' | 'B' | 'fork';

/** Values resting before they are sent, all for one destination. */
interface PendingChanges {
  mode: CommitMode;
  values: Map<string, number | string>;
}

/** Sends resting values where they were made for (a fork once B is running goes to A, as before). */
function commitChanges({ mode, values }: PendingChanges): void {
  const partial = Object.fromEntries(values) as Partial<Params>;
  const now = appStore.getState();
  if (mode === 'B') changeParams(partial, { scenario: 'B' });
  else if (mode === 'fork' && !now.compare.active && now.params)
    forkNow({ ...now.params, ...partial } as Params);
  else changeParams(partial);
}

export function ParamDrawer() {
  const covered = useCoveredByScene();
  const open = useAppStore((state) => state.panes.drawerOpen);
  const compare = useAppStore((state) => state.compare);
  const target = useAppStore((state) => state.panes.drawerScenario);
  const [forkOnChange, setForkOnChange] = useState(false);
  const editingB = target === 'B' && compare.active;
  const paramsA = useAppStore((state) => state.params);
  const params = editingB ? compare.params : paramsA;
  const pending = useRef<PendingChanges | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  function toggle() {
    appStore.setState((state) => ({ panes: { ...state.panes, drawerOpen: !state.panes.drawerOpen } }));
  }

  function flushPending() {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const resting = pending.current;
    pending.current = null;
    if (resting && resting.values.size > 0) commitChanges(resting);
  }

  function change(key: string, value: number | string) {
    const state = appStore.getState();
    const mode: CommitMode = editingB ? 'B' : forkOnChange && !state.compare.active ? 'fork' : 'A';
    if (editingB) {
      if (!state.compare.params) return;
      appStore.setState({
        compare: { ...state.compare, params: { ...state.compare.params, [key]: value } as Params },
      });
    } else {
      if (!state.params) return;
      // Forking keeps A as it is: the edit goes to the new scenario B only.
      if (mode === 'A') appStore.setState({ params: { ...state.params, [key]: value } as Params });
    }
    // Values made for another destination go there first: a change to A followed within the delay
    // by one with "Fork on change" ticked was merged into the fork (A's slider showed $15 while
    // A's model kept $20, and the fork that followed gave B the $15 A never ran).
    if (pending.current && pending.current.mode !== mode) flushPending();
    if (!pending.current) pending.current = { mode, values: new Map() };
    pending.current.values.set(key, value);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(flushPending, COMMIT_DELAY_MS);
  }

  return (
    <aside className={`drawer ${open ? 'drawer--open' : ''}`} aria-label="Parameters" inert={covered}>
      <button
        type="button"
        className="drawer-toggle"
        onClick={toggle}
        aria-expanded={open}
        data-testid="drawer-toggle"
      >
        {open ? 'Hide parameters' : 'Parameters'}
      </button>
      {open && (
        <div className="drawer-body" data-testid="param-drawer">
          <div className="drawer-controls">
            {compare.active ? (
              <fieldset className="segmented">
                <legend>Editing</legend>
                {(['A', 'B'] as const).map((label) => (
                  <button
                    key={label}
                    type="button"
                    aria-pressed={target === label}
                    className={target === label ? 'active' : ''}
                    onClick={() => setDrawerScenario(label)}
                    data-testid={`edit-scenario-${label}`}
                  >
                    Scenario {label}
                  </button>
                ))}
              </fieldset>
            ) : (
              <label
                className="fork-toggle"
                title="Keep the current run as A and run the change as B from now on"
              >
                <input
                  type="checkbox"
                  checked={forkOnChange}
                  onChange={(event) => setForkOnChange(event.currentTarget.checked)}
                  data-testid="fork-on-change"
                />
                Fork on change: A keeps going, B gets the change
              </label>
            )}
          </div>
          {!params && <p className="empty-state">Parameters appear once the model is ready.</p>}
          {params &&
            PARAM_GROUPS.map((group) => (
              <details key={group} className="param-group" open={group === 'demand'}>
                <summary>{GROUP_LABELS[group]}</summary>
                {PARAM_DECLARATIONS.filter(
                  // Network edits are made on the map, not with a control of their own.
                  (declaration) => declaration.group === group && declaration.kind !== 'edits',
                ).map((declaration) => (
                  <ParamControl
                    key={declaration.key}
                    declaration={declaration}
                    value={params[declaration.key as keyof Params]}
                    onChange={(value) => change(declaration.key, value)}
                  />
                ))}
              </details>
            ))}
        </div>
      )}
    </aside>
  );
}

function ParamControl({
  declaration,
  value,
  onChange,
}: {
  declaration: ParamDeclaration;
  value: number | string;
  onChange: (value: number | string) => void;
}) {
  const changed = value !== declaration.default;
  const id = `param-${declaration.key}`;
  return (
    <div
      className={`param ${changed ? 'param--changed' : ''}`}
      title={`${declaration.description}\nSource: ${declaration.source}`}
    >
      <div className="param-head">
        <label htmlFor={id}>
          {declaration.label}
          {changed && (
            <span className="param-changed-mark" title="Changed from default">
              ● <span className="visually-hidden">changed from default</span>
            </span>
          )}
        </label>
        <output htmlFor={id} className="param-value">
          {formatParamValue(declaration, value)}
          {getParamUnit(declaration) && <span className="param-unit"> {getParamUnit(declaration)}</span>}
        </output>
      </div>
      <div className="param-input">
        {declaration.kind === 'number' ? (
          <input
            id={id}
            type="range"
            min={declaration.min}
            max={declaration.max}
            step={declaration.step}
            value={Number(value)}
            // The slider moves in the stored fraction; a screen reader hears what the drawer shows.
            aria-valuetext={formatParamValueWithUnit(declaration, value)}
            data-param={declaration.key}
            onChange={(event) => onChange(Number(event.currentTarget.value))}
          />
        ) : (
          <select
            id={id}
            value={String(value)}
            data-param={declaration.key}
            onChange={(event) => onChange(event.currentTarget.value)}
          >
            {(declaration.kind === 'choice' ? declaration.options : []).map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        )}
        <button
          type="button"
          className="param-reset"
          disabled={!changed}
          onClick={() => onChange(declaration.default)}
          aria-label={`Reset ${declaration.label} to ${formatParamValue(declaration, declaration.default)}`}
          title="Reset to default"
        >
          ↺
        </button>
      </div>
      {declaration.needsRebuild && <p className="param-note">Rebuilds the network</p>}
    </div>
  );
}
