/**
 * sin and cos that give the same bits in every JavaScript engine: fdlibm's (Sun, 1993), as V8's
 * base/ieee754 implements them, in plain arithmetic. Engines differ here: Chromium's V8 computes
 * Math.sin and Math.cos with glibc's algorithm (its `--use-libm-trig-functions`, on by default),
 * Node 20's V8 with fdlibm's, and the two round some arguments apart in the last bit. A model that
 * draws addresses and distances with them then decides differently now and then (e2e shell: the
 * default scenario's day-1 hour 12 delivered 646 parcels in Node and 643 in Chromium), so a state
 * computed in Node (the precomputed warm start, src/worker/warmState.ts) would not be the state
 * the page computes. With these, Node and the browser agree; in Node 20 they equal Math.sin and
 * Math.cos bit for bit (tests/sim/portableMath.test.ts), so no figure moves there.
 *
 * Arguments up to 2^19 * pi/2 in magnitude (the model's angles are a few radians); larger ones
 * throw rather than reduce inexactly.
 */

const words = new Float64Array(1);
const halves = new Int32Array(words.buffer);
/** Which Int32 of the view holds a double's sign, exponent and top of the mantissa. */
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

function getHighWord(x: number): number {
  words[0] = x;
  return halves[HIGH];
}

/** `x` with its low 32 bits cleared and its high word replaced by `high`. */
function fromHighWord(high: number): number {
  halves[HIGH] = high;
  halves[1 - HIGH] = 0;
  return words[0];
}

const S1 = -0.16666666666666632;
const S2 = 0.00833333333332249;
const S3 = -0.0001984126982985795;
const S4 = 0.0000027557313707070068;
const S5 = -2.5050760253406863e-8;
const S6 = 1.58969099521155e-10;

const C1 = 0.0416666666666666;
const C2 = -0.001388888888887411;
const C3 = 0.00002480158728947673;
const C4 = -2.7557314351390663e-7;
const C5 = 2.087572321298175e-9;
const C6 = -1.1359647557788195e-11;

const INV_PIO2 = 0.6366197723675814;
const PIO2_1 = 1.5707963267341256;
const PIO2_1T = 6.077100506506192e-11;
const PIO2_2 = 6.077100506303966e-11;
const PIO2_2T = 2.0222662487959506e-21;
const PIO2_3 = 2.0222662487111665e-21;
const PIO2_3T = 8.4784276603689e-32;

/** sin on [-pi/4, pi/4] of x + y (y the tail of a reduced argument; `hasTail` 0 when y is 0). */
function kernelSin(x: number, y: number, hasTail: number): number {
  const ix = getHighWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return x;
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (hasTail === 0) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

/** cos on [-pi/4, pi/4] of x + y. */
function kernelCos(x: number, y: number): number {
  const ix = getHighWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return 1;
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y));
  const qx = ix > 0x3fe90000 ? 0.28125 : fromHighWord(ix - 0x00200000);
  const hz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (hz - (z * r - x * y));
}

/** The reduced argument's head and tail, written by reduce(). */
const reduced = new Float64Array(2);

/** Writes x - n * pi/2 (head, tail) into `reduced` and returns n. */
function reduce(x: number): number {
  const hx = getHighWord(x);
  const ix = hx & 0x7fffffff;
  if (ix < 0x4002d97c) {
    // |x| < 3pi/4: n = +-1.
    if (hx > 0) {
      let z = x - PIO2_1;
      if (ix !== 0x3ff921fb) {
        reduced[0] = z - PIO2_1T;
        reduced[1] = z - reduced[0] - PIO2_1T;
      } else {
        z -= PIO2_2;
        reduced[0] = z - PIO2_2T;
        reduced[1] = z - reduced[0] - PIO2_2T;
      }
      return 1;
    }
    let z = x + PIO2_1;
    if (ix !== 0x3ff921fb) {
      reduced[0] = z + PIO2_1T;
      reduced[1] = z - reduced[0] + PIO2_1T;
    } else {
      z += PIO2_2;
      reduced[0] = z + PIO2_2T;
      reduced[1] = z - reduced[0] + PIO2_2T;
    }
    return -1;
  }
  if (ix > 0x413921fb) throw new Error(`portableMath: ${x} is beyond 2^19 pi/2`);
  const t0 = Math.abs(x);
  const n = Math.trunc(t0 * INV_PIO2 + 0.5);
  const fn = n;
  let r = t0 - fn * PIO2_1;
  // First round good to 85 bits; more when the head cancelled (x near a multiple of pi/2).
  let w = fn * PIO2_1T;
  const j = ix >> 20;
  reduced[0] = r - w;
  let i = j - ((getHighWord(reduced[0]) >> 20) & 0x7ff);
  if (i > 16) {
    let t = r;
    w = fn * PIO2_2;
    r = t - w;
    w = fn * PIO2_2T - (t - r - w);
    reduced[0] = r - w;
    i = j - ((getHighWord(reduced[0]) >> 20) & 0x7ff);
    if (i > 49) {
      t = r;
      w = fn * PIO2_3;
      r = t - w;
      w = fn * PIO2_3T - (t - r - w);
      reduced[0] = r - w;
    }
  }
  reduced[1] = r - reduced[0] - w;
  if (hx < 0) {
    reduced[0] = -reduced[0];
    reduced[1] = -reduced[1];
    return -n;
  }
  return n;
}

/** sin(x), the same bits in every engine (fdlibm). */
export function sin(x: number): number {
  const ix = getHighWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelSin(x, 0, 0);
  if (ix >= 0x7ff00000) return Number.NaN;
  const n = reduce(x);
  switch (n & 3) {
    case 0:
      return kernelSin(reduced[0], reduced[1], 1);
    case 1:
      return kernelCos(reduced[0], reduced[1]);
    case 2:
      return -kernelSin(reduced[0], reduced[1], 1);
    default:
      return -kernelCos(reduced[0], reduced[1]);
  }
}

/** cos(x), the same bits in every engine (fdlibm). */
export function cos(x: number): number {
  const ix = getHighWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelCos(x, 0);
  if (ix >= 0x7ff00000) return Number.NaN;
  const n = reduce(x);
  switch (n & 3) {
    case 0:
      return kernelCos(reduced[0], reduced[1]);
    case 1:
      return -kernelSin(reduced[0], reduced[1], 1);
    case 2:
      return -kernelCos(reduced[0], reduced[1]);
    default:
      return kernelSin(reduced[0], reduced[1], 1);
  }
}

/**
 * sqrt(x^2 + y^2) as V8's Math.hypot computes it for two arguments (each over the larger, squared
 * and summed, the root times the larger: its overflow-safe Kahan sum, whose compensation is zero
 * for two terms), in plain arithmetic: the same bits as Math.hypot in Node and Chromium, and in
 * every engine. Math.hypot is a call into the engine's runtime that takes any number of
 * arguments; on the model's street legs and addresses (10^8 a full-scale sim day) it was 3-5%
 * of the day, this a few divisions and a square root.
 */
export function hypot(x: number, y: number): number {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  if (ax === Number.POSITIVE_INFINITY || ay === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  if (Number.isNaN(ax) || Number.isNaN(ay)) return Number.NaN;
  const max = Math.max(ax, ay);
  if (max === 0) return 0;
  const nx = ax / max;
  const ny = ay / max;
  return Math.sqrt(nx * nx + ny * ny) * max;
}

/**
 * `((x % period) + period) % period` to the bit, for a whole-number `period` and |x| < 2^53: the
 * model's time of day, hour of a shift and minute of demand, whose edges (rush hours, shifts)
 * fall where this expression put them. Without `%`: V8 computes a remainder of doubles by
 * calling C's fmod (isRushHour took ~15 ns a call with it, 8.5 without), and a wave's plan asks
 * the hour of every leg.
 */
export function positiveRemainder(x: number, period: number): number {
  // x less whole periods: exact (both are multiples of x's ulp, and the difference is no larger
  // than x); the quotient's rounding can leave it a period out, put right below.
  let remainder = x - Math.trunc(x / period) * period;
  // fmod's remainder: the sign of x, smaller than a period.
  if (x >= 0) {
    if (remainder < 0) remainder += period;
    else if (remainder >= period) remainder -= period;
  } else if (remainder > 0) remainder -= period;
  else if (remainder <= -period) remainder += period;
  // The same rounding as `(remainder + period) % period`: the sum rounds (up to two periods,
  // whose remainder is 0), the last step is exact.
  const shifted = remainder + period;
  if (shifted < period) return shifted;
  return shifted === 2 * period ? 0 : shifted - period;
}
