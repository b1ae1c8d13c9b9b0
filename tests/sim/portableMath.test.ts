import { describe, expect, test } from 'vitest';
import { asin, atan, atan2, cos, exp, expm1, hypot, log, sin } from '../../src/sim/portableMath';

/** A fixed stream of doubles in [0, 1) (no Math.random: the inputs are the same every run). */
function* uniforms(count: number): Generator<number> {
  let state = 12345;
  for (let k = 0; k < count; k++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    yield state / 4294967296;
  }
}

/** Node 20's V8 computes Math.sin and Math.cos with fdlibm, as portableMath does in any engine. */
const ENGINE_HAS_FDLIBM_TRIG = Number(process.versions.v8.split('.')[0]) < 12;

describe('portable sin and cos: the same bits in every engine', () => {
  test.runIf(ENGINE_HAS_FDLIBM_TRIG)(
    "equal this engine's fdlibm Math.sin and Math.cos bit for bit: the model's angles, near multiples of pi/2, tiny and signed zeros",
    () => {
      const inputs: number[] = [0, -0, 1e-300, -1e-300, 2 ** -27, Math.PI / 4, (3 * Math.PI) / 4, Math.PI];
      for (const u of uniforms(200_000))
        inputs.push((u - 0.5) * 20, (u - 0.5) * 2000, (u - 0.5) * 2e5, (u - 0.5) * 1e-3);
      for (let m = -2000; m <= 2000; m++) {
        const x = (m * Math.PI) / 2;
        inputs.push(x, x * (1 + 2 ** -52), x * (1 - 2 ** -52), Math.fround(x));
      }
      const differing = inputs.filter(
        (x) => !Object.is(sin(x), Math.sin(x)) || !Object.is(cos(x), Math.cos(x)),
      );
      expect(differing.slice(0, 5), `${differing.length} of ${inputs.length} arguments`).toEqual([]);
    },
  );

  test('are sin and cos: exact values, identities to the last bit or two, and no reduction beyond 2^19 pi/2', () => {
    expect(sin(0)).toBe(0);
    expect(Object.is(sin(-0), -0)).toBe(true);
    expect(cos(0)).toBe(1);
    expect(sin(Math.PI / 2)).toBe(1);
    expect(Number.isNaN(sin(Number.POSITIVE_INFINITY))).toBe(true);
    for (const u of uniforms(10_000)) {
      const x = (u - 0.5) * 100;
      expect(Math.abs(sin(x) ** 2 + cos(x) ** 2 - 1)).toBeLessThan(4e-16);
      expect(Math.abs(sin(x) - Math.sin(x))).toBeLessThanOrEqual(2.3e-16);
    }
    expect(() => sin(1e7)).toThrow('beyond 2^19 pi/2');
  });
});

describe('portable hypot: the same bits in every engine', () => {
  test("equals V8's Math.hypot bit for bit: street legs, addresses, tiny, huge, zeros and the special values", () => {
    const pairs: Array<[number, number]> = [
      [0, 0],
      [-0, 0],
      [3, 4],
      [5e-324, 0],
      [5e-324, 5e-324],
      [Number.MAX_VALUE, Number.MAX_VALUE],
      [Number.POSITIVE_INFINITY, Number.NaN],
      [Number.NaN, Number.NEGATIVE_INFINITY],
      [Number.NaN, 1],
      [-2, -0],
    ];
    const draws = [...uniforms(400_000)];
    for (let k = 0; k + 1 < draws.length; k += 2) {
      const scale = [1e-3, 1, 40, 1e3, 1e-300, 1e300][k % 6];
      pairs.push([(draws[k] - 0.5) * scale, (draws[k + 1] - 0.5) * scale * (k % 14 === 0 ? 1e-9 : 1)]);
    }
    const differing = pairs.filter(([x, y]) => !Object.is(hypot(x, y), Math.hypot(x, y)));
    expect(differing.slice(0, 5), `${differing.length} of ${pairs.length} pairs`).toEqual([]);
  });
});

describe('portable atan2: the same bits in every engine', () => {
  test("equals this engine's fdlibm Math.atan2 and Math.atan bit for bit: stop bearings, axes, signed zeros, infinities", () => {
    const specials = [0, -0, 1, -1, 1e-320, -1e-320, 1e300, -1e300, 2 ** -30, 0.4375, 1.1875, 2.4375];
    const pairs: Array<[number, number]> = [];
    for (const y of [...specials, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
      for (const x of [...specials, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) pairs.push([y, x]);
    const stream = uniforms(600_000);
    for (let k = 0; k < 200_000; k++) {
      const scale = 10 ** Math.floor((stream.next().value as number) * 12 - 6);
      // Doors a few km east and north of their station, and bearings from anywhere.
      pairs.push([
        ((stream.next().value as number) * 2 - 1) * scale,
        ((stream.next().value as number) * 2 - 1) * scale,
      ]);
    }
    const differing = pairs.filter(([y, x]) => !Object.is(atan2(y, x), Math.atan2(y, x)));
    expect(differing.slice(0, 5), `${differing.length} of ${pairs.length} pairs`).toEqual([]);
    expect(Number.isNaN(atan2(Number.NaN, 1))).toBe(true);
    for (const u of uniforms(20_000)) {
      const x = (u - 0.5) * 10 ** (u * 8 - 4);
      expect(Object.is(atan(x), Math.atan(x)), `atan(${x})`).toBe(true);
    }
  });

  test('is atan2: the quadrants, and a bearing and its opposite pi apart', () => {
    expect(atan2(0, 1)).toBe(0);
    expect(atan2(1, 0)).toBe(Math.PI / 2);
    expect(atan2(0, -1)).toBe(Math.PI);
    expect(atan2(-1, -1)).toBeCloseTo((-3 * Math.PI) / 4, 15);
    for (const u of uniforms(5_000)) {
      const angle = (u - 0.5) * 2 * Math.PI * 0.999;
      const [y, x] = [Math.sin(angle), Math.cos(angle)];
      expect(Math.abs(atan2(y, x) - angle)).toBeLessThan(1e-15);
    }
  });
});

describe('portable log and exp: the same bits in every engine', () => {
  const specials = [0, -0, 1, -1, 2, 0.5, Math.E, 1e-320, 5e-324, 1e308, 1 + 2 ** -30, 1 - 2 ** -30];
  const edges = [
    709.78,
    709.79,
    -745.1,
    -745.2,
    -708.5,
    2 ** -29,
    -(2 ** -29),
    0.34657,
    0.3466,
    1.0397,
    1.04,
  ];
  const infinities = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

  test("equal this engine's fdlibm Math.log and Math.exp bit for bit: the normal draws' u, weights, subnormals, the branch edges", () => {
    const logArguments = [...specials, ...edges, ...infinities];
    const expArguments = [...specials, ...edges, ...infinities];
    const stream = uniforms(900_000);
    for (let k = 0; k < 300_000; k++) {
      const a = stream.next().value as number;
      const b = stream.next().value as number;
      const c = stream.next().value as number;
      // rng's 1 - u, any magnitude, and exp over its whole finite range.
      logArguments.push(1 - a, b * 10 ** (c * 40 - 20));
      expArguments.push((a * 2 - 1) * 10 ** (b * 5 - 2), (c - 0.5) * 1400);
    }
    const logDiffering = logArguments.filter((x) => !Object.is(log(x), Math.log(x)));
    const expDiffering = expArguments.filter((x) => !Object.is(exp(x), Math.exp(x)));
    expect(logDiffering.slice(0, 5), `log: ${logDiffering.length} of ${logArguments.length}`).toEqual([]);
    expect(expDiffering.slice(0, 5), `exp: ${expDiffering.length} of ${expArguments.length}`).toEqual([]);
    expect(Number.isNaN(log(-1))).toBe(true);
    expect(Number.isNaN(exp(Number.NaN))).toBe(true);
  });

  test('are log and exp: exact values, and each undoes the other to the last bit or two', () => {
    expect(log(1)).toBe(0);
    expect(log(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(exp(0)).toBe(1);
    expect(exp(1)).toBe(Math.E);
    expect(exp(-800)).toBe(0);
    expect(exp(800)).toBe(Number.POSITIVE_INFINITY);
    for (const u of uniforms(10_000)) {
      const x = (u - 0.5) * 60;
      expect(Math.abs(log(exp(x)) - x)).toBeLessThanOrEqual(4e-15 * Math.max(1, Math.abs(x)));
    }
  });
});

describe('portable asin: the same bits in every engine', () => {
  test("equals this engine's fdlibm Math.asin bit for bit: great-circle half-chords, the branch edges, +-1 and beyond", () => {
    const inputs = [
      0,
      -0,
      1,
      -1,
      0.5,
      -0.5,
      0.975,
      0.9750001,
      2 ** -28,
      1 + 2 ** -52,
      2,
      0.4999999999,
      0.97499999,
    ];
    for (const u of uniforms(300_000)) inputs.push(u * 2 - 1, Math.sqrt(u * 1e-4), -u * 1e-9);
    const differing = inputs.filter((x) => !Object.is(asin(x), Math.asin(x)));
    expect(differing.slice(0, 5), `${differing.length} of ${inputs.length} arguments`).toEqual([]);
    expect(asin(1)).toBe(Math.PI / 2);
    expect(Number.isNaN(asin(1.5))).toBe(true);
  });
});

describe('portable expm1: the same bits in every engine', () => {
  test("equals this engine's fdlibm Math.expm1 bit for bit: a wave's sparse stops, the branch edges, tiny, huge", () => {
    const inputs = [
      0,
      -0,
      1,
      -1,
      1e-17,
      2 ** -54,
      0.3466,
      1.0397,
      -0.25,
      -0.26,
      38.9,
      -40,
      709.78,
      710,
      -745,
    ];
    inputs.push(
      20 * Math.LN2,
      56 * Math.LN2,
      57 * Math.LN2,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    );
    for (const u of uniforms(300_000)) inputs.push(-u * 10, (u - 0.5) * 2e-3, (u - 0.5) * 200);
    const differing = inputs.filter((x) => !Object.is(expm1(x), Math.expm1(x)));
    expect(differing.slice(0, 5), `${differing.length} of ${inputs.length} arguments`).toEqual([]);
    expect(expm1(-1000)).toBe(-1);
  });
});
