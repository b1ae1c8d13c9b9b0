/**
 * The selected facility's edits, in its card while edit mode is on: close it for good, take it
 * offline for a period, or set its capacity (an FC's robots, a sortation center's sort rate, a
 * station's vans) within the model's ranges. Each applies at the time on screen.
 */
import { useState } from 'react';
import { CAPACITY_RESOURCES, type CapacityResource } from '../sim/networkEdits';
import type { Facility } from '../sim/network';
import { formatDuration } from '../state/networkEditPlan';
import { applyNetworkEdit, getEditTimeS, toggleEditMode } from './networkEditActions';

/** Offline periods offered, seconds. */
const OUTAGE_CHOICES_S = [6 * 3600, 12 * 3600, 86_400, 2 * 86_400, 7 * 86_400];

const RESOURCE_BY_KIND: Record<number, CapacityResource> = Object.fromEntries(
  (Object.entries(CAPACITY_RESOURCES) as Array<[CapacityResource, { kind: number }]>).map(
    ([resource, { kind }]) => [kind, resource],
  ),
);
const RESOURCE_LABELS: Record<CapacityResource, string> = {
  robots: 'Robots (drive units)',
  sortPerHour: 'Sort rate (parcels/h)',
  vans: 'Delivery vans',
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
  /** Its capacity now when the page knows it (an FC's robots), to start the field from. */
  currentCapacity: number | null;
}) {
  const [outageS, setOutageS] = useState(86_400);
  const resource = RESOURCE_BY_KIND[facility.kind];
  const range = resource ? CAPACITY_RESOURCES[resource] : null;
  const [capacityText, setCapacityText] = useState(currentCapacity === null ? '' : String(currentCapacity));
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
  // Out-of-range values are sent all the same: the model's check names the range (edit card).
  const capacity = capacityText.trim() === '' ? Number.NaN : Number(capacityText);
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
      {resource && range && (
        <form
          className="facility-edit__row"
          // The browser's own check of min and max would block the submit with a bubble of its
          // own: the model's check names the range in the edit card instead.
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            applyNetworkEdit({
              type: 'capacity',
              facilityId: facility.id,
              resource,
              value: capacity,
              atS: getEditTimeS(),
            });
          }}
        >
          <label>
            {RESOURCE_LABELS[resource]}{' '}
            <input
              type="number"
              min={range.min}
              max={range.max}
              step={1}
              value={capacityText}
              placeholder={`${range.min}–${range.max.toLocaleString('en-US')}`}
              onChange={(event) => setCapacityText(event.target.value)}
              aria-describedby={`capacity-range-${facility.id}`}
              data-testid="edit-capacity-value"
            />
          </label>
          <button type="submit" disabled={Number.isNaN(capacity)} data-testid="edit-capacity">
            Set
          </button>
          <span className="edit-card__hint" id={`capacity-range-${facility.id}`}>
            {range.min} to {range.max.toLocaleString('en-US')} {range.unit}
          </span>
        </form>
      )}
    </fieldset>
  );
}
