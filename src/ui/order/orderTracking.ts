/**
 * Following a placed order: as its parcel moves from stage to stage, the page selects where it
 * is — its FC (the 3D pane opens on it), the truck or van carrying it (the camera follows), the
 * sortation center, the station, its door. Runs at tick rate; a person's own selection (a click,
 * a search) stops it until they press "Follow the parcel" again.
 */
import { mapHandle } from '../../map/mapHandle';
import { FULFILLMENT_CENTER } from '../../sim/kinds';
import { getFollowedOrder } from '../../state/orders';
import { onTick, simView } from '../../state/simClient';
import { appStore, displayClock } from '../../state/store';
import { flyToFacility } from '../SelectionCard';
import { getWhereabouts, isSamePlace, type Whereabouts } from './whereabouts';

let lastPlace: Whereabouts | null = null;

function followParcel(): void {
  const { order } = appStore.getState();
  if (!order.followedKey || !order.tracking) {
    lastPlace = null;
    return;
  }
  const followed = getFollowedOrder();
  if (!followed) return;
  const place = getWhereabouts(followed, displayClock.timeS);
  if (isSamePlace(place, lastPlace)) return;
  lastPlace = place;
  if (place.kind === 'facility') {
    const isFc = simView.network?.facilities[place.facilityId]?.kind === FULFILLMENT_CENTER;
    appStore.setState((state) => ({
      selection: { kind: 'facility', id: place.facilityId },
      following: false,
      // The 3D pane shows the FC while the parcel is in it, and closes when it leaves.
      panes: { ...state.panes, sceneOpen: isFc },
    }));
    flyToFacility(place.facilityId);
  } else if (place.kind === 'vehicle') {
    appStore.setState((state) => ({
      selection: { kind: 'vehicle', id: place.vehicleId, vehicleKind: place.vehicleKind },
      following: true,
      panes: { ...state.panes, sceneOpen: false },
    }));
  } else {
    appStore.setState((state) => ({
      selection: null,
      following: false,
      panes: { ...state.panes, sceneOpen: false },
    }));
    mapHandle.map?.flyTo({ center: [place.lon, place.lat], zoom: 10, duration: 1500 });
  }
}

/** Starts following placed orders; returns the stop function. */
export function startOrderTracking(): () => void {
  const stopTicks = onTick(followParcel);
  const stopStore = appStore.subscribe((state, previous) => {
    if (
      state.order.followedKey !== previous.order.followedKey ||
      state.order.tracking !== previous.order.tracking
    ) {
      lastPlace = null;
      followParcel();
    }
  });
  return () => {
    stopTicks();
    stopStore();
  };
}
