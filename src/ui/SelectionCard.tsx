/**
 * What is selected (a facility or a vehicle), with live figures from the current tick and the
 * actions a presenter wants: fly there, follow the vehicle, clear. Re-renders on ticks (a few
 * times per second), never per frame. Where the map's column is short (1024x768 with the 3D pane
 * and the order form open) the figures scroll, fading while there is more below, and the actions
 * stay in sight under them.
 */
import { type ReactNode, useEffect, useReducer } from 'react';
import { mapHandle } from '../map/mapHandle';
import { describeParcelsAboard, formatTripEnd, getVehicleStatus } from '../map/vehicleStatus';
import { channelB, getShownView, onTick, simView } from '../state/simClient';
import { appStore, displayClock, select } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { FacilityEditControls } from './FacilityEditControls';
import { formatCount } from './format';
import { FACILITY_LABELS, VEHICLE_LABELS } from './palette';
import { describeModelled, formatRealParcelCount, useRealScale } from './realVolume';
import { useMoreBelow } from './useMoreBelow';

export function flyToFacility(facilityId: number): void {
  const facility = simView.network?.facilities[facilityId];
  if (!facility || !mapHandle.map) return;
  mapHandle.map.flyTo({
    center: [facility.lon, facility.lat],
    zoom: Math.max(mapHandle.map.getZoom(), 9),
    duration: 1500,
  });
}

export function SelectionCard() {
  const selection = useAppStore((state) => state.selection);
  const following = useAppStore((state) => state.following);
  const editing = useAppStore((state) => state.networkEdit.active);
  // The map's source (A, B or the difference) decides whose facility this is: B may have added it.
  useAppStore((state) => state.compare);
  const scale = useRealScale();
  const [, refresh] = useReducer((count: number) => count + 1, 0);
  useEffect(() => onTick(refresh), []);
  useEffect(() => channelB.onTick(refresh), []);
  if (!selection || !simView.network) return null;

  if (selection.kind === 'facility') {
    const view = getShownView();
    const facility = view.network?.facilities[selection.id];
    if (!facility || !view.network) return null;
    const state = view.currentTick?.facilities;
    const operating = view.network.operating[selection.id] === 1;
    return (
      <SelectionFrame
        label="Selected facility"
        actions={
          <>
            <button type="button" onClick={() => flyToFacility(selection.id)} data-testid="selection-fly-to">
              Fly to
            </button>
            <button type="button" onClick={() => select(null)} data-testid="selection-clear">
              Clear
            </button>
          </>
        }
      >
        <h2>{FACILITY_LABELS[facility.kind]}</h2>
        <p className="selection-title">{facility.name}</p>
        <p className="selection-sub">
          {facility.metro}
          {!operating && <b className="selection-closed"> · not operating</b>}
        </p>
        {state && (
          <dl>
            <dt>Throughput</dt>
            <dd title={`${describeModelled(state.throughputPerHour[selection.id], scale)} per hour`}>
              {formatRealParcelCount(state.throughputPerHour[selection.id], scale)} parcels/h
            </dd>
            <dt>Backlog</dt>
            <dd
              data-testid="selection-backlog"
              data-value={state.backlogParcels[selection.id]}
              title={describeModelled(state.backlogParcels[selection.id], scale)}
            >
              {formatRealParcelCount(state.backlogParcels[selection.id], scale)} parcels
            </dd>
            {facility.kind === 0 && (
              <>
                <dt>Robots busy</dt>
                <dd>
                  {formatCount(state.robotsBusy[selection.id])} of{' '}
                  {formatCount(state.robotsTotal[selection.id])}
                </dd>
              </>
            )}
            <dt>Trailers at docks</dt>
            <dd>{formatCount(state.trailersAtDock[selection.id])}</dd>
            {state.dockDoors[selection.id] > 0 && (
              <>
                <dt>Dock doors</dt>
                <dd data-testid="selection-dock-doors">{formatCount(state.dockDoors[selection.id])}</dd>
              </>
            )}
          </dl>
        )}
        <FacilityEditControls
          key={facility.id}
          facility={facility}
          operating={operating}
          editing={editing}
          currentCapacity={
            state
              ? {
                  ...(facility.kind === 0 && { robots: state.robotsTotal[selection.id] }),
                  ...(state.dockDoors[selection.id] > 0 && { docks: state.dockDoors[selection.id] }),
                }
              : {}
          }
        />
      </SelectionFrame>
    );
  }

  const found = mapHandle.tripStore?.findTrip(selection.vehicleKind, selection.id, displayClock.timeS);
  const status = found
    ? getVehicleStatus(
        simView.network,
        found.generation.kinds[selection.vehicleKind],
        found.trip,
        found.generation.epochS,
        displayClock.timeS,
        simView.params?.scale ?? 1,
      )
    : null;
  return (
    <SelectionFrame
      label="Selected vehicle"
      actions={
        <>
          <button
            type="button"
            aria-pressed={following}
            onClick={() => appStore.setState({ following: !following })}
            data-testid="follow-vehicle"
          >
            {following ? 'Release camera' : 'Follow'}
          </button>
          <button type="button" onClick={() => select(null)} data-testid="selection-clear">
            Clear
          </button>
        </>
      }
    >
      <h2>{VEHICLE_LABELS[selection.vehicleKind]}</h2>
      <p className="selection-title">{status?.title ?? `Vehicle #${selection.id}`}</p>
      {status ? (
        <dl>
          <dt>From</dt>
          <dd>{status.origin}</dd>
          <dt>To</dt>
          <dd>{status.destination}</dd>
          <dt>Parcels aboard</dt>
          <dd>{describeParcelsAboard(status)}</dd>
          {status.stopsDone + status.stopsLeft > 0 && (
            <>
              <dt>Doors on the map: done / left</dt>
              <dd>
                {status.stopsDone} / {status.stopsLeft}
              </dd>
            </>
          )}
          <dt>On time</dt>
          <dd data-testid="selection-on-time">{status.onTime}</dd>
          <dt>Trip ends in</dt>
          <dd>{formatTripEnd(status.arrivesInS)}</dd>
        </dl>
      ) : (
        <p className="selection-sub">Not on the road at the time on screen.</p>
      )}
    </SelectionFrame>
  );
}

/**
 * The card around a selection: what it is and its figures in a body that scrolls (marked by
 * useMoreBelow, so its last lines fade while there is more below), its actions in a footer that
 * stays in sight however short the card. A card cut off at 1024x768 hid Fly to and Clear, the
 * way out of a selection, below its edge. Its own component so the body's ref is attached when
 * the hook's effect runs: the card is mounted with a selection, not with the page.
 */
function SelectionFrame({
  label,
  actions,
  children,
}: {
  label: string;
  actions: ReactNode;
  children: ReactNode;
}) {
  const body = useMoreBelow<HTMLDivElement>();
  return (
    <section className="map-card selection-card" aria-label={label} data-testid="selection-card">
      <div className="map-card__body" ref={body} data-testid="selection-card-body">
        {children}
      </div>
      <div className="map-card__foot selection-actions">{actions}</div>
    </section>
  );
}
