/**
 * The selected facility's edits, in its card while edit mode is on: close it for good, take it
 * offline for a period, or set its capacity (an FC's robots, a sortation center's sort rate, a
 * station's vans, and the dock doors of any of them) within the model's ranges. Each applies at
 * the time on screen.
 */
import { useState } from 'react';
import { CAPACITY_RESOURCES, type CapacityResource } from '../sim/networkEdits';
import type { Facility } from '../sim/network';
import { formatDuration } from '../state/networkEditPlan';
import { applyNetworkEdit, getEditTimeS, toggleEditMode } from './networkEditActions';

/** Offline periods offered, seconds. */
const OUTAGE_CHOICES_S = [6 * 3600, 12 * 3600, 86_400, 2 * 86_400, 7 * 86_400];

/** The capacities a facility of each kind offers, its own first (robots, sort rate or vans), then its docks. */
const RESOURCES_BY_KIND: Record<number, CapacityResource[]> = {};
for (const [resource, { kinds }] of Object.entries(CAPACITY_RESOURCES) as Array<
  [CapacityResource, { kinds: readonly number[] }]
>)
  for (const kind of kinds) RESOURCES_BY_KIND[kind] = [...(RESOURCES_BY_KIND[kind] ?? []), resource];

const RESOURCE_LABELS: Record<CapacityResource, string> = {
  robots: 'Robots (drive units)',
  sortPerHour: 'Sort rate (parcels/h)',
  vans: 'Delivery vans',
  docks: 'Dock doors',
};

export function FacilityEditControls({
  facility,
  operating,
  editing,
  currentCapacity,
}: {
  facility: Facility;
  /** Whether it operates now (closed or offline ones cannot be edited further). */
  operating: boolean;
  editing: boolean;
  /** Its capacities now where the page knows them (an FC's robots, dock doors), to start the fields from. */
  currentCapacity: Partial<Record<CapacityResource, number>>;
}) {
  const [outageS, setOutageS] = useState(86_400);
  if (!editing) {
    return (
      <div className="selection-actions">
        <button type="button" onClick={() => toggleEditMode(true)} data-testid="edit-facility-open">
          Edit the network…
        </button>
      </div>
    );
  }
  if (!operating) {
    return (
      <p className="selection-sub" data-testid="edit-facility-closed">
        Not operating at the time on screen (closed or offline by a network edit).
      </p>
    );
  }
  return (
    <fieldset className="facility-edit" data-testid="facility-edit">
      <legend>Edit this facility</legend>
      <div className="facility-edit__row">
        <button
          type="button"
          data-testid="edit-remove"
          onClick={() => applyNetworkEdit({ type: 'remove', facilityId: facility.id, atS: getEditTimeS() })}
        >
          Close for good
        </button>
      </div>
      <div className="facility-edit__row">
        <label>
          Take offline for{' '}
          <select
            value={outageS}
            onChange={(event) => setOutageS(Number(event.target.value))}
            data-testid="edit-outage-period"
          >
            {OUTAGE_CHOICES_S.map((seconds) => (
              <option key={seconds} value={seconds}>
                {formatDuration(seconds)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          data-testid="edit-outage"
          onClick={() => {
            const fromS = getEditTimeS();
            applyNetworkEdit({ type: 'outage', facilityId: facility.id, fromS, toS: fromS + outageS });
          }}
        >
          Take offline
        </button>
      </div>
      {(RESOURCES_BY_KIND[facility.kind] ?? []).map((resource, index) => (
        <CapacityForm
          key={resource}
          facilityId={facility.id}
          resource={resource}
          current={currentCapacity[resource]}
          // The first capacity keeps the plain test ids the e2e tests use for it.
          testIdSuffix={index === 0 ? '' : `-${resource}`}
        />
      ))}
    </fieldset>
  );
}

/** One capacity of the facility: a number within the model's range, set at the time on screen. */
function CapacityForm({
  facilityId,
  resource,
  current,
  testIdSuffix,
}: {
  facilityId: number;
  resource: CapacityResource;
  current: number | undefined;
  testIdSuffix: string;
}) {
  const range = CAPACITY_RESOURCES[resource];
  const [text, setText] = useState(current === undefined ? '' : String(current));
  // Out-of-range values are sent all the same: the model's check names the range (edit card).
  const value = text.trim() === '' ? Number.NaN : Number(text);
  const rangeId = `capacity-range-${facilityId}-${resource}`;
  return (
    <form
      className="facility-edit__row"
      // The browser's own check of min and max would block the submit with a bubble of its
      // own: the model's check names the range in the edit card instead.
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        applyNetworkEdit({ type: 'capacity', facilityId, resource, value, atS: getEditTimeS() });
      }}
    >
      <label>
        {RESOURCE_LABELS[resource]}{' '}
        <input
          type="number"
          min={range.min}
          max={range.max}
          step={1}
          value={text}
          placeholder={`${range.min}–${range.max.toLocaleString('en-US')}`}
          onChange={(event) => setText(event.target.value)}
          aria-describedby={rangeId}
          data-testid={`edit-capacity-value${testIdSuffix}`}
        />
      </label>
      <button type="submit" disabled={Number.isNaN(value)} data-testid={`edit-capacity${testIdSuffix}`}>
        Set
      </button>
      <span className="edit-card__hint" id={rangeId}>
        {range.min} to {range.max.toLocaleString('en-US')} {range.unit}
      </span>
    </form>
  );
}
