/**
 * The three.js objects of the fulfillment-center view: one InstancedMesh per material over a
 * handful of shared geometries, created once per mounted scene. `writeFrame` copies the director's
 * state into the instance buffers (no allocation); the renderer calls it in useFrame, the bench
 * calls it in Node.
 */
import {
  BoxGeometry,
  Color,
  CylinderGeometry,
  DynamicDrawUsage,
  Group,
  InstancedMesh,
  type Material,
  MeshLambertMaterial,
  Sphere,
  Vector3,
} from 'three';
import { DOOR_EMPTY } from './dockYard';
import { BELT_TOP_M, createFixtures, SCENE_COLORS, TRAILER_SIZE_M } from './fcFixtures';
import { BEACON_TOP_M, FOLLOWED_SCALE } from './followedTote';
import { type AreaName, CELL_M, getCellX, writePackToteSlot, writePickBinSlot } from './fcLayout';
import { getItemsAtStation, MAX_BINS_PER_PICK_STATION, MAX_TOTES_PER_PACK_STATION } from './fcQuantities';
import type { FcSceneDirector } from './fcSceneDirector';
import { writeItemsAlongPath, writeRobotMatrices, writeScaleTranslate } from './instanceMatrices';

/** What a hovered instance is: shown in the hover box. */
export type HoverKind = 'robot' | 'pickStation' | 'packStation' | 'trailer' | 'zone' | 'pod' | 'floor';

export interface FcSceneObjects {
  root: Group;
  robots: InstancedMesh;
  /** Meshes that answer hover, and what each instance is. */
  hoverTargets: InstancedMesh[];
  writeFrame(): void;
  /** Instanced meshes in the scene (each one draw call when visible and non-empty). */
  meshCount: number;
  dispose(): void;
}

const INBOUND_TRAILERS = 3;
/** The followed order's item, beacon pole, diamond and floor patch. */
const FOLLOWED_INSTANCES = 4;

/** A cube of side `size` turned 45° about z (a diamond seen from the open south side) at `index`. */
function writeDiamond(out: Float32Array, index: number, x: number, y: number, z: number, size: number): void {
  writeScaleTranslate(out, index, x, y, z);
  const c = Math.SQRT1_2 * size;
  const o = index * 16;
  out[o] = c;
  out[o + 1] = c;
  out[o + 4] = -c;
  out[o + 5] = c;
  out[o + 10] = size;
}
const PALLETS_PER_DOOR = 6;

function createMesh(
  geometry: BoxGeometry | CylinderGeometry,
  material: Material,
  capacity: number,
  name: string,
  dynamic: boolean,
): InstancedMesh {
  const mesh = new InstancedMesh(geometry, material, Math.max(1, capacity));
  mesh.name = name;
  mesh.count = 0;
  // Instances move across the whole building: cull and raycast against the building, not the
  // bounds of wherever the instances stood when first measured.
  mesh.frustumCulled = false;
  mesh.boundingSphere = new Sphere(new Vector3(0, 0, 0), 160);
  if (dynamic) mesh.instanceMatrix.setUsage(DynamicDrawUsage);
  return mesh;
}

/** Upload range of each mesh's matrices, reused every frame (addUpdateRange would allocate one). */
const UPLOAD_RANGES = new WeakMap<InstancedMesh, { start: number; count: number }>();

/** Marks the first `count` instances written: only they are drawn and uploaded. */
function markWritten(mesh: InstancedMesh, count: number): void {
  mesh.count = count;
  const matrix = mesh.instanceMatrix;
  let range = UPLOAD_RANGES.get(mesh);
  if (!range) {
    range = { start: 0, count: 0 };
    UPLOAD_RANGES.set(mesh, range);
  }
  range.count = count * 16;
  // The renderer empties updateRanges after each upload; nothing is left to clear in between.
  matrix.clearUpdateRanges();
  matrix.updateRanges.push(range);
  matrix.needsUpdate = true;
}

export function createFcSceneObjects(director: FcSceneDirector): FcSceneObjects {
  const layout = director.layout;
  const root = new Group();
  root.name = 'fulfillment-center';
  const box = new BoxGeometry(1, 1, 1);
  // A drive unit is as wide as the pod it lifts: drawn a little wider so its orange shows below.
  const robotBox = new BoxGeometry(1.1, 0.35, 1.15);
  const podBox = new BoxGeometry(CELL_M * 0.78, 2.2, CELL_M * 0.78);
  const person = new CylinderGeometry(0.28, 0.28, 1.75, 8);
  const totesBox = new BoxGeometry(0.6, 0.35, 0.45);
  const parcelBox = new BoxGeometry(0.45, 0.3, 0.35);
  const geometries = [box, robotBox, podBox, person, totesBox, parcelBox];
  const materials = new Map<string, MeshLambertMaterial>();
  const material = (color: string, transparent = false) => {
    const key = `${color}${transparent ? 't' : ''}`;
    let existing = materials.get(key);
    if (!existing) {
      existing = new MeshLambertMaterial({ color: new Color(color) });
      if (transparent) {
        existing.transparent = true;
        existing.opacity = 0.35;
        existing.depthWrite = false;
      }
      materials.set(key, existing);
    }
    return existing;
  };
  const meshes: InstancedMesh[] = [];
  const add = (mesh: InstancedMesh) => {
    meshes.push(mesh);
    root.add(mesh);
    return mesh;
  };

  // Fixed parts: written once.
  const zoneArea: AreaName[] = ['robotFloor', 'inbound', 'pack', 'outbound'];
  const hoverTargets: InstancedMesh[] = [];
  for (const fixture of createFixtures(layout)) {
    const mesh = add(createMesh(box, material(fixture.color), fixture.count, fixture.name, false));
    mesh.instanceMatrix.array.set(fixture.matrices.subarray(0, fixture.count * 16));
    markWritten(mesh, fixture.count);
    if (fixture.name === 'zones') mesh.userData = { hover: 'zone', areas: zoneArea };
    if (fixture.name === 'pickStations') mesh.userData = { hover: 'pickStation' };
    if (fixture.name === 'packStations') mesh.userData = { hover: 'packStation' };
    if (fixture.name === 'storagePods') mesh.userData = { hover: 'pod' };
    if (fixture.name === 'floor') mesh.userData = { hover: 'floor' };
    if (mesh.userData.hover) hoverTargets.push(mesh);
  }
  const associates = add(
    createMesh(
      person,
      material(SCENE_COLORS.associates),
      layout.bands + layout.packStationX.length,
      'associates',
      false,
    ),
  );
  {
    let n = 0;
    const m = associates.instanceMatrix.array as Float32Array;
    for (const cell of layout.pickPointCells) {
      writeScaleTranslate(m, n++, getCellX(layout, cell % layout.columns), 0.875, layout.pickStationZ + 1.4);
    }
    for (const x of layout.packStationX) writeScaleTranslate(m, n++, x, 0.875, layout.packStationZ + 1.3);
    markWritten(associates, n);
  }

  // Moving parts: written every frame.
  const maxRobots = director.traffic.maxRobots;
  const robots = add(createMesh(robotBox, material(SCENE_COLORS.robots), maxRobots, 'robots', true));
  robots.userData = { hover: 'robot' };
  hoverTargets.push(robots);
  const carriedPods = add(
    createMesh(podBox, material(SCENE_COLORS.carriedPods), maxRobots, 'carriedPods', true),
  );
  const bins = add(
    createMesh(box, material(SCENE_COLORS.bins), MAX_BINS_PER_PICK_STATION * layout.bands, 'orderBins', true),
  );
  const packCapacity = MAX_TOTES_PER_PACK_STATION * layout.packStationX.length;
  const totes = add(createMesh(totesBox, material(SCENE_COLORS.totes), 200 + packCapacity, 'totes', true));
  const parcels = add(createMesh(parcelBox, material(SCENE_COLORS.parcels), 220, 'parcels', true));
  const doors = layout.outboundDoorX.length;
  const trailers = add(
    createMesh(box, material(SCENE_COLORS.trailers, true), doors + INBOUND_TRAILERS, 'trailers', true),
  );
  trailers.userData = { hover: 'trailer' };
  hoverTargets.push(trailers);
  const cargo = add(createMesh(box, material(SCENE_COLORS.cargo), doors, 'cargo', true));
  const cabs = add(createMesh(box, material(SCENE_COLORS.cabs), doors + INBOUND_TRAILERS, 'cabs', true));
  const pallets = add(
    createMesh(box, material(SCENE_COLORS.pallets), doors * PALLETS_PER_DOOR, 'pallets', true),
  );

  // "Your order": the followed parcel's bin, tote or parcel, a beacon pole over it with a diamond on
  // top, and a patch on the floor; four instances of one glowing material, so one draw call.
  const followedMaterial = new MeshLambertMaterial({
    color: new Color(SCENE_COLORS.followedOrder),
    emissive: new Color(SCENE_COLORS.followedOrder),
  });
  materials.set('followedOrder', followedMaterial);
  const followed = add(createMesh(box, followedMaterial, FOLLOWED_INSTANCES, 'followedOrder', true));
  followed.visible = false;

  const scratch = new Float32Array(2);
  const slot = new Float32Array(3);
  const [trailerW, trailerH, trailerL] = TRAILER_SIZE_M;
  const southZ = layout.depthM / 2;
  const northZ = -layout.depthM / 2;

  function writeFrame(): void {
    const q = director.quantities;
    const podCount = writeRobotMatrices(
      robots.instanceMatrix.array as Float32Array,
      carriedPods.instanceMatrix.array as Float32Array,
      director.traffic,
      director.stepPhase,
    );
    markWritten(robots, director.traffic.robots);
    markWritten(carriedPods, podCount);

    // Order bins racked beside each pick station: the pick queue, spread over the stations.
    const binArray = bins.instanceMatrix.array as Float32Array;
    let binCount = 0;
    for (let s = 0; s < layout.bands; s++) {
      const here = getItemsAtStation(q.pickBinsShown, layout.bands, s);
      for (let k = 0; k < here; k++) {
        writePickBinSlot(slot, layout, s, k);
        writeScaleTranslate(binArray, binCount++, slot[0], slot[1], slot[2], 0.5, 0.3, 0.4);
      }
    }
    markWritten(bins, binCount);

    // Totes riding from pick to pack, then the pack queue waiting at each station.
    const toteArray = totes.instanceMatrix.array as Float32Array;
    let toteCount = writeItemsAlongPath(
      toteArray,
      layout.totePath,
      director.totePathLengthM,
      q.totesMoving,
      director.toteOffsetM,
      BELT_TOP_M + 0.18,
      scratch,
    );
    const packs = layout.packStationX.length;
    for (let s = 0; s < packs; s++) {
      const here = getItemsAtStation(q.packTotesShown, packs, s);
      for (let k = 0; k < here; k++) {
        writePackToteSlot(slot, layout, s, k);
        writeScaleTranslate(toteArray, toteCount++, slot[0], slot[1], slot[2]);
      }
    }
    markWritten(totes, toteCount);

    const parcelCount = writeItemsAlongPath(
      parcels.instanceMatrix.array as Float32Array,
      layout.parcelPath,
      director.parcelPathLengthM,
      q.parcelsMoving,
      director.parcelOffsetM,
      BELT_TOP_M + 0.15,
      scratch,
    );
    markWritten(parcels, parcelCount);

    // Trailers at the outbound doors (pulling in, loading, leaving), then the inbound ones.
    const yard = director.yard;
    const trailerArray = trailers.instanceMatrix.array as Float32Array;
    const cargoArray = cargo.instanceMatrix.array as Float32Array;
    const cabArray = cabs.instanceMatrix.array as Float32Array;
    const palletArray = pallets.instanceMatrix.array as Float32Array;
    let trailerCount = 0;
    let cargoCount = 0;
    let palletCount = 0;
    for (let d = 0; d < doors; d++) {
      const x = layout.outboundDoorX[d];
      if (yard.state[d] !== DOOR_EMPTY) {
        const z = southZ + 0.6 + trailerL / 2 + yard.getPullOut(d) * 60;
        writeScaleTranslate(
          trailerArray,
          trailerCount,
          x,
          trailerH / 2 + 1.1,
          z,
          trailerW,
          trailerH,
          trailerL,
        );
        writeScaleTranslate(cabArray, trailerCount++, x, 1.7, z + trailerL / 2 + 1.6, 2.5, 3, 3);
        const fill = yard.fill[d];
        if (fill > 0.01) {
          const length = (trailerL - 0.4) * fill;
          writeScaleTranslate(
            cargoArray,
            cargoCount++,
            x,
            1.1 + 1.3,
            southZ + 0.8 + length / 2,
            trailerW - 0.3,
            2.6,
            length,
          );
        }
        // Pallets staged at the door build up as the trailer fills; the followed parcel's door
        // always has the one it sits on.
        const followedHere = director.followed.stage === 'atFcDock' && director.followed.slot === d ? 1 : 0;
        const staged = Math.max(
          followedHere,
          Math.min(PALLETS_PER_DOOR, Math.round(fill * PALLETS_PER_DOOR)),
        );
        for (let k = 0; k < staged; k++) {
          writeScaleTranslate(
            palletArray,
            palletCount++,
            x - 1.4 + (k % 2) * 2.8,
            0.6 + Math.floor(k / 2) * 0.01,
            southZ - 3 - Math.floor(k / 2) * 1.3,
            1.1,
            1.2,
            1.1,
          );
        }
      }
    }
    for (let i = 0; i < INBOUND_TRAILERS; i++) {
      const x = layout.inboundDoorX[1 + i * 2];
      const z = northZ - 0.6 - trailerL / 2;
      writeScaleTranslate(trailerArray, trailerCount, x, trailerH / 2 + 1.1, z, trailerW, trailerH, trailerL);
      writeScaleTranslate(cabArray, trailerCount++, x, 1.7, z - trailerL / 2 - 1.6, 2.5, 3, 3);
    }
    markWritten(trailers, trailerCount);
    markWritten(cabs, trailerCount);
    markWritten(cargo, cargoCount);
    markWritten(pallets, palletCount);
    writeFollowed();
  }

  function writeFollowed(): void {
    const tote = director.followed;
    followed.visible = tote.stage !== null;
    if (!followed.visible) {
      markWritten(followed, 0);
      return;
    }
    // 0 at the pulse's rest, 1 at its peak: a smooth breath, not a blink.
    const pulse = 0.5 - 0.5 * Math.cos(2 * Math.PI * director.pulsePhase);
    followedMaterial.emissiveIntensity = 0.35 + 0.45 * pulse;
    const m = followed.instanceMatrix.array as Float32Array;
    const [x, y, z] = tote.position;
    const grow = FOLLOWED_SCALE * (1 + 0.08 * pulse);
    const [sx, sy, sz] = tote.size;
    writeScaleTranslate(m, 0, x, y, z, sx * grow, sy * grow, sz * grow);
    const top = y + (sy * grow) / 2;
    writeScaleTranslate(m, 1, x, (top + BEACON_TOP_M) / 2, z, 0.2, BEACON_TOP_M - top, 0.2);
    writeDiamond(m, 2, x, BEACON_TOP_M + 0.5, z, 0.9 * (1 + 0.2 * pulse));
    writeScaleTranslate(m, 3, x, 0.03, z, 1.6, 0.02, 1.6);
    markWritten(followed, FOLLOWED_INSTANCES);
  }

  return {
    root,
    robots,
    hoverTargets,
    writeFrame,
    meshCount: meshes.length,
    dispose() {
      for (const mesh of meshes) mesh.dispose();
      for (const geometry of geometries) geometry.dispose();
      for (const m of materials.values()) m.dispose();
    },
  };
}
