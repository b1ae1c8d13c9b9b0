/**
 * The 3D fulfillment-center view, CPU side, in Node: main-thread work per frame with 3,000 robots
 * (robot steps, eased counts, every instance matrix written), heap growth over many frames (the
 * frame path should allocate nothing), draw calls per frame (one per non-empty InstancedMesh),
 * and the size of the lazily loaded 3D chunk in dist/assets (run `npm run bench -- bundle` or
 * `npm run build` first). GPU time is not measured: CI renders WebGL in software.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { gzipSync } from 'node:zlib';
import { FcSceneDirector } from '../../src/scene3d/fcSceneDirector';
import { createFcSceneObjects } from '../../src/scene3d/fcSceneObjects';
import type { FacilityStateColumns } from '../../src/worker/protocol';

export const title =
  '3D FC view: CPU per frame at 3,000 robots, heap growth per frame, draw calls, 3D chunk size';

const FRAME_S = 1 / 60;

function columnsFor(robotsTotal: number, robotsBusy: number): FacilityStateColumns {
  const column = (value: number) => new Float32Array([value]);
  return {
    backlogParcels: column(120),
    throughputPerHour: column(30),
    robotsBusy: column(robotsBusy),
    robotsTotal: column(robotsTotal),
    pickQueue: column(40),
    packQueue: column(12),
    trailersAtDock: column(8),
    trailerFill: column(0.6),
    dockDoors: column(40),
    weatherSpeedFactor: column(1),
  };
}

function getGc(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}

function measure(robotsTotal: number, robotsBusy: number, frames: number) {
  const director = new FcSceneDirector();
  const objects = createFcSceneObjects(director);
  director.applyTick(columnsFor(robotsTotal, robotsBusy), 0, { scale: 0.01 });
  // Warm up (JIT) and let the eased moving count settle.
  for (let i = 0; i < 600; i++) {
    director.advance(FRAME_S, true);
    objects.writeFrame();
  }
  const gc = getGc();
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  for (let i = 0; i < frames; i++) {
    director.advance(FRAME_S, true);
    objects.writeFrame();
  }
  const elapsedMs = performance.now() - started;
  const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
  let drawCalls = 0;
  let meshes = 0;
  objects.root.traverse((object) => {
    if ((object as { isInstancedMesh?: boolean }).isInstancedMesh) {
      meshes++;
      if ((object as unknown as { count: number }).count > 0) drawCalls++;
    }
  });
  const result = {
    robots: director.traffic.robots,
    moving: director.traffic.moving,
    msPerFrame: elapsedMs / frames,
    heapGrowthBytesPerFrame: heapGrowth / frames,
    drawCalls,
    meshes,
    gc: gc !== null,
  };
  objects.dispose();
  return result;
}

function findChunk(): { file: string; raw: number; gzip: number } | null {
  const dir = join('dist', 'assets');
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return null;
  }
  const file = files.find((name) => /^FulfillmentCenterScene-.*\.js$/.test(name));
  if (!file) return null;
  const content = readFileSync(join(dir, file));
  return { file, raw: content.length, gzip: gzipSync(content).length };
}

export async function run(): Promise<void> {
  console.log('| robots (shown) | moving | CPU ms/frame | heap growth B/frame | draw calls | meshes |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const [total, busy] of [
    [600, 300],
    [3000, 1500],
    [3000, 3000],
    [20_000, 10_000],
  ]) {
    const r = measure(total, busy, 3000);
    console.log(
      `| ${total.toLocaleString('en-US')} (${r.robots}) | ${r.moving} | ${r.msPerFrame.toFixed(3)} | ${r.heapGrowthBytesPerFrame.toFixed(1)}${r.gc ? '' : ' (no gc)'} | ${r.drawCalls} | ${r.meshes} |`,
    );
  }
  console.log(
    '\nDraw calls: one per non-empty InstancedMesh (fixtures, robots, pods, totes, parcels, trailers...).',
  );
  const chunk = findChunk();
  console.log(
    chunk
      ? `Lazy 3D chunk ${chunk.file}: ${(chunk.raw / 1024).toFixed(1)} kB raw, ${(chunk.gzip / 1024).toFixed(1)} kB gzipped.`
      : 'Lazy 3D chunk: not in dist/assets (build first; ScenePane must import src/scene3d/FulfillmentCenterScene).',
  );
}
