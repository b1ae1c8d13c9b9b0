/**
 * `npm run data` (third part): builds src/data/landOutline.json, the land the network builder
 * places facilities and addresses on and routes highway links over: the contiguous-US polygons
 * of the us-atlas nation outline (US Census cartographic boundary at 1:10 M; the Great Lakes and
 * the sea are outside it).
 *
 * The outline is kept exactly as us-atlas stores it: integer coordinates on the topology's
 * quantisation grid, delta-encoded per ring, with the topology's transform. Decoding
 * (x = sum of deltas x scale + translate) gives the same numbers topojson-client does, so a test
 * can check the model's positions against us-atlas itself.
 *
 * Run: `npx tsx scripts/buildLandOutline.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MultiPolygon, Topology } from 'topojson-specification';

/** The contiguous US (lon west, south, east, north): Alaska, Hawaii and territories left out. */
const CONTIGUOUS_BBOX = [-125.5, 24, -66, 50];
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const topology = JSON.parse(readFileSync(require.resolve('us-atlas/nation-10m.json'), 'utf8')) as Topology;
const transform = topology.transform;
if (!transform)
  throw new Error('us-atlas nation-10m.json is expected to be quantised (it has no transform).');
const nation = (topology.objects.nation as unknown as { geometries: MultiPolygon[] }).geometries[0];

/** Absolute quantised coordinates of every arc (topology arcs are delta-encoded). */
const arcs = topology.arcs.map((arc) => {
  let x = 0;
  let y = 0;
  return arc.map(([dx, dy]) => {
    x += dx;
    y += dy;
    return [x, y] as [number, number];
  });
});

/** A ring's points from its arcs (a negative index ~i is arc i reversed), junctions once. */
function ringPoints(arcIndices: number[]): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  for (const index of arcIndices) {
    const arc = index >= 0 ? arcs[index] : [...arcs[~index]].reverse();
    arc.forEach((point, k) => {
      if (k > 0 || points.length === 0) points.push(point);
    });
  }
  return points;
}

const toLon = (x: number) => x * transform.scale[0] + transform.translate[0];
const toLat = (y: number) => y * transform.scale[1] + transform.translate[1];
const rings: number[][] = [];
let vertices = 0;
for (const polygon of nation.arcs as unknown as number[][][]) {
  const outer = ringPoints(polygon[0]);
  const inside = outer.every(([x, y]) => {
    const lon = toLon(x);
    const lat = toLat(y);
    return (
      lon >= CONTIGUOUS_BBOX[0] &&
      lon <= CONTIGUOUS_BBOX[2] &&
      lat >= CONTIGUOUS_BBOX[1] &&
      lat <= CONTIGUOUS_BBOX[3]
    );
  });
  if (!inside) continue;
  for (const arcIndices of polygon) {
    const points = ringPoints(arcIndices);
    const deltas: number[] = [];
    let px = 0;
    let py = 0;
    for (const [x, y] of points) {
      deltas.push(x - px, y - py);
      px = x;
      py = y;
    }
    rings.push(deltas);
    vertices += points.length;
  }
}

const out = {
  source: 'us-atlas nation-10m.json (US Census cartographic boundary, 1:10,000,000), contiguous US',
  scale: transform.scale,
  translate: transform.translate,
  rings,
};
const file = join(root, 'src', 'data', 'landOutline.json');
const text = JSON.stringify(out);
writeFileSync(file, text);
console.log(
  `landOutline.json: ${rings.length} rings, ${vertices} vertices, ${(text.length / 1024).toFixed(0)} kB`,
);
