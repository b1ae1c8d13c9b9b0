/**
 * What the hover box says about an instance under the pointer: plain words from the director's
 * state, so it reads the same as the labels. Pure.
 */
import { formatRealParcelCount } from '../ui/realVolume';
import { DOOR_ARRIVING, DOOR_DEPARTING, DOOR_EMPTY } from './dockYard';
import type { AreaName, FcLayout } from './fcLayout';
import type { FcSceneDirector } from './fcSceneDirector';
import type { HoverKind } from './fcSceneObjects';

const AREA_TEXT: Record<AreaName, string> = {
  inbound: 'Inbound docks: trailers unloaded, items received and stowed into pods',
  robotFloor: 'Robot floor: drive units bring pods of inventory to the pick stations; people stay outside',
  pick: 'Pick stations',
  pack: 'Pack line: totes from picking are packed into parcels',
  slam: 'SLAM: scan, label, apply manifest',
  outbound: 'Sorter and outbound docks: parcels sorted to trailers by destination',
};

/** The area a floor point (m) lies in, north to south as the floor plan stacks them. */
export function getAreaAt(layout: FcLayout, z: number): AreaName {
  if (z < -layout.depthM / 2 + 14) return 'inbound';
  if (z < layout.gridOriginZ) return 'robotFloor';
  if (z < layout.pickStationZ + 3) return 'pick';
  if (z < layout.packStationZ + 2) return 'pack';
  if (z < layout.slamZ + 3) return 'slam';
  return 'outbound';
}

/**
 * The hover text for instance `instanceId` of a mesh of kind `kind` (the floor answers by the
 * hit point's z, m), or null for nothing to say.
 */
export function describeHover(
  director: FcSceneDirector,
  kind: HoverKind,
  instanceId: number,
  areas?: readonly AreaName[],
  pointZ = 0,
  /** Params.scale: parcel queues are said at real volume. */
  scale = 1,
): string | null {
  const q = director.quantities;
  const traffic = director.traffic;
  switch (kind) {
    case 'robot': {
      if (instanceId >= traffic.robots) return null;
      const stands = q.robotsPerInstance > 1 ? ` (stands for ${q.robotsPerInstance} drive units)` : '';
      const loop = traffic.robotLoop[instanceId];
      if (loop < 0) return `Drive unit${stands}: idle, parked under a pod`;
      const station = loop + 1;
      if (traffic.isAtPickPoint(instanceId))
        return `Drive unit${stands}: at pick station ${station}, being picked`;
      if (!traffic.isCarrying(instanceId)) return `Drive unit${stands}: setting down a pod, lifting the next`;
      return traffic.robotPosition[instanceId] < traffic.pickPosition
        ? `Drive unit${stands}: bringing a pod to pick station ${station}`
        : `Drive unit${stands}: returning a pod to storage`;
    }
    case 'pod':
      return 'Pod: a fabric shelf of mixed inventory, lifted from below by a drive unit';
    case 'pickStation':
      return `Pick station ${instanceId + 1}: an associate picks items from the pod into totes. FC pick queue: ${formatRealParcelCount(q.pickQueueParcels, scale)} parcels`;
    case 'packStation':
      return `Pack station ${instanceId + 1}: totes become labelled parcels. FC pack queue: ${formatRealParcelCount(q.packQueueParcels, scale)} parcels, ${formatRealParcelCount(q.throughputPerHour, scale)} parcels/h packed`;
    case 'trailer': {
      const yard = director.yard;
      let n = 0;
      for (let d = 0; d < yard.doors; d++) {
        if (yard.state[d] === DOOR_EMPTY) continue;
        if (n++ !== instanceId) continue;
        const doing =
          yard.state[d] === DOOR_ARRIVING
            ? 'backing in'
            : yard.state[d] === DOOR_DEPARTING
              ? 'leaving for the sortation center'
              : 'loading';
        return `Outbound door ${d + 1}: trailer ${doing}, ${Math.round(yard.fill[d] * 100)}% full`;
      }
      return 'Inbound trailer: unloading at a receiving door';
    }
    case 'zone':
      return areas?.[instanceId] ? AREA_TEXT[areas[instanceId]] : null;
    case 'floor':
      return AREA_TEXT[getAreaAt(director.layout, pointZ)];
  }
}
