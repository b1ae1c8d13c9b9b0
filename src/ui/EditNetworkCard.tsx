/**
 * Edit mode's card on the map: what a click does, where it would put a new facility (and the
 * four kinds to add there), whether an edit forks B, the edits B (or A) runs with, and the last
 * edit's fate: applying, in, or the model's reason for refusing it.
 */
import { CARRIER_HUB, DELIVERY_STATION, FULFILLMENT_CENTER, SORTATION_CENTER } from '../sim/kinds';
import { parseNetworkEdits } from '../sim/networkEdits';
import { describeEditPlace, describeNetworkEdit, findEditPlace } from '../state/networkEditPlan';
import { channelA, channelB } from '../state/simClient';
import { setNetworkEditUi } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { formatSimClock } from './format';
import { applyNetworkEdit, getEditTargetNetwork, getEditTimeS, toggleEditMode } from './networkEditActions';
import { MapCard, useFocusWhen } from './MapCard';

const ADDABLE_KINDS = [
  { kind: FULFILLMENT_CENTER, label: 'Fulfillment center', key: 'fc' },
  { kind: SORTATION_CENTER, label: 'Sortation center', key: 'sc' },
  { kind: DELIVERY_STATION, label: 'Delivery station', key: 'station' },
  { kind: CARRIER_HUB, label: 'Carrier hub', key: 'hub' },
] as const;

export function EditNetworkCard() {
  const editing = useAppStore((state) => state.networkEdit);
  const compare = useAppStore((state) => state.compare);
  const paramsA = useAppStore((state) => state.params);
  const ready = useAppStore((state) => state.worker.phase === 'ready');
  const startDayOfYear = paramsA?.startDayOfYear ?? null;
  // Keyboard users land on the first kind when a click offers a site.
  const firstAddRef = useFocusWhen<HTMLButtonElement>(editing.addAt);
  if (!editing.active) return null;

  const plan = compare.active ? (compare.params?.networkEdits ?? '') : (paramsA?.networkEdits ?? '');
  const edits = parseNetworkEdits(plan).edits;
  const network = compare.active ? (channelB.view.network ?? channelA.view.network) : channelA.view.network;
  const addAt = editing.addAt;
  const into = compare.active || editing.forkEach ? 'B' : 'A';

  return (
    <MapCard
      className="edit-card"
      title="Edit the network"
      testId="edit-card"
      closeLabel="Leave edit mode"
      onClose={() => toggleEditMode(false)}
      onEscape={() => (addAt ? setNetworkEditUi({ addAt: null }) : toggleEditMode(false))}
      footer={
        // What the last edit did stays in sight when the card's list scrolls.
        <div className="map-card__foot">
          <p
            className="edit-card__status"
            role="status"
            data-testid="edit-status"
            data-status={editing.status}
          >
            {editing.status === 'applying' &&
              (into === 'B' ? 'Forking scenario B with the edit…' : 'Applying the edit…')}
            {editing.status === 'applied' &&
              editing.last &&
              `${editing.last.scenario === 'B' ? 'Scenario B' : 'The run'}: ${editing.last.words} from ${formatSimClock(editing.last.atS, startDayOfYear)}. ${editing.last.scenario === 'B' ? 'The compare panel shows what it changed.' : ''}`}
          </p>
          {editing.status === 'refused' && (
            <p className="edit-card__error" role="alert" data-testid="edit-refused">
              The model refused the edit: {editing.message}
            </p>
          )}
        </div>
      }
    >
      <p className="edit-card__note">
        Click the map to add a facility there; click a facility to close it, take it offline or change its
        capacity. Edits take effect at the time on screen.
      </p>
      <label className="edit-card__choice">
        <input
          type="checkbox"
          checked={compare.active || editing.forkEach}
          disabled={compare.active}
          onChange={(event) => setNetworkEditUi({ forkEach: event.target.checked })}
          data-testid="edit-fork-each"
        />{' '}
        {compare.active
          ? 'Edits go to scenario B (A keeps its network)'
          : 'Compare: fork B for each edit (A keeps today’s network)'}
      </label>
      {addAt && (
        <fieldset className="edit-card__add" data-testid="edit-add">
          <legend>
            Add here: <b data-testid="edit-add-place">{describeEditPlace(addAt)}</b>
            {addAt.rural && <span className="edit-card__hint"> (a station here serves rural addresses)</span>}
          </legend>
          <div className="edit-card__kinds">
            {ADDABLE_KINDS.map(({ kind, label, key }, index) => (
              <button
                key={key}
                ref={index === 0 ? firstAddRef : undefined}
                type="button"
                disabled={!ready}
                data-testid={`edit-add-${key}`}
                onClick={() => {
                  const place = findEditPlace(addAt.lon, addAt.lat, kind, getEditTargetNetwork());
                  applyNetworkEdit({
                    type: 'add',
                    kind,
                    lon: place.lon,
                    lat: place.lat,
                    atS: getEditTimeS(),
                  });
                }}
              >
                {label}
              </button>
            ))}
          </div>
        </fieldset>
      )}
      {edits.length > 0 && (
        <>
          <h3 className="edit-card__list-title">
            Edits {compare.active ? 'in scenario B' : 'in this run'} ({edits.length})
          </h3>
          <ol className="edit-card__list" data-testid="edit-list">
            {edits.map((edit, index) => (
              // The plan only grows, so an edit's place in it is its identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <li key={index}>
                {describeNetworkEdit(edit, network)}{' '}
                <span className="edit-card__hint">
                  {edit.type === 'outage'
                    ? `${formatSimClock(edit.fromS, startDayOfYear)} to ${formatSimClock(edit.toS, startDayOfYear)}`
                    : edit.atS > 0
                      ? `from ${formatSimClock(edit.atS, startDayOfYear)}`
                      : 'from the start'}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </MapCard>
  );
}
