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

/** A double's low 32 bits, unsigned. */
function getLowWord(x: number): number {
  words[0] = x;
  return halves[1 - HIGH] >>> 0;
}

const ATAN_HI = [0.4636476090008061, 0.7853981633974483, 0.982793723247329, 1.5707963267948966];
const ATAN_LO = [
  2.2698777452961687e-17, 3.061616997868383e-17, 1.3903311031230998e-17, 6.123233995736766e-17,
];
const AT0 = 0.3333333333333293;
const AT1 = -0.19999999999876483;
const AT2 = 0.14285714272503466;
const AT3 = -0.11111110405462356;
const AT4 = 0.09090887133436507;
const AT5 = -0.0769187620504483;
const AT6 = 0.06661073137387531;
const AT7 = -0.058335701337905735;
const AT8 = 0.049768779946159324;
const AT9 = -0.036531572744216916;
const AT10 = 0.016285820115365782;

/** atan(x), the same bits in every engine (fdlibm's s_atan.c, as V8's base/ieee754 has it). */
export function atan(x: number): number {
  const hx = getHighWord(x);
  const ix = hx & 0x7fffffff;
  let id: number;
  if (ix >= 0x44100000) {
    // |x| >= 2^66 (or NaN).
    if (Number.isNaN(x)) return x;
    return hx > 0 ? ATAN_HI[3] + ATAN_LO[3] : -ATAN_HI[3] - ATAN_LO[3];
  }
  if (ix < 0x3fdc0000) {
    // |x| < 0.4375; below 2^-27, x itself (inexact).
    if (ix < 0x3e400000) return x;
    id = -1;
  } else {
    x = Math.abs(x);
    if (ix < 0x3ff30000) {
      if (ix < 0x3fe60000) {
        id = 0;
        x = (2 * x - 1) / (2 + x);
      } else {
        id = 1;
        x = (x - 1) / (x + 1);
      }
    } else if (ix < 0x40038000) {
      id = 2;
      x = (x - 1.5) / (1 + 1.5 * x);
    } else {
      id = 3;
      x = -1 / x;
    }
  }
  const z = x * x;
  const w = z * z;
  const s1 = z * (AT0 + w * (AT2 + w * (AT4 + w * (AT6 + w * (AT8 + w * AT10)))));
  const s2 = w * (AT1 + w * (AT3 + w * (AT5 + w * (AT7 + w * AT9))));
  if (id < 0) return x - x * (s1 + s2);
  const result = ATAN_HI[id] - (x * (s1 + s2) - ATAN_LO[id] - x);
  return hx < 0 ? -result : result;
}

const PI_O_4 = Math.PI / 4;
const PI_O_2 = Math.PI / 2;
const PI = Math.PI;
const PI_LO = 1.2246467991473532e-16;

/**
 * atan2(y, x), the same bits in every engine (fdlibm's e_atan2.c, as V8's base/ieee754 has it):
 * Chromium's V8 and Node's round 18% of random arguments apart in the last bit, and the model
 * sorts a wave's stops by bearing with it, so a near tie put two stops in the other order in the
 * page than in Node (e2e shell: one van route's hours of day 3 differed from the precomputed
 * warm state's).
 */
export function atan2(y: number, x: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return x + y;
  const hx = getHighWord(x);
  const ix = hx & 0x7fffffff;
  const lx = getLowWord(x);
  const hy = getHighWord(y);
  const iy = hy & 0x7fffffff;
  const ly = getLowWord(y);
  if (((hx - 0x3ff00000) | lx) === 0) return atan(y);
  // 2 x sign(x) + sign(y).
  let m = ((hy >> 31) & 1) | ((hx >> 30) & 2);
  if ((iy | ly) === 0) {
    if (m < 2) return y;
    return m === 2 ? PI : -PI;
  }
  if ((ix | lx) === 0) return hy < 0 ? -PI_O_2 : PI_O_2;
  if (ix === 0x7ff00000) {
    if (iy === 0x7ff00000) return [PI_O_4, -PI_O_4, 3 * PI_O_4, -3 * PI_O_4][m];
    return [0, -0, PI, -PI][m];
  }
  if (iy === 0x7ff00000) return hy < 0 ? -PI_O_2 : PI_O_2;
  const k = (iy - ix) >> 20;
  let z: number;
  if (k > 60) {
    // |y / x| > 2^60.
    z = PI_O_2 + 0.5 * PI_LO;
    m &= 1;
  } else if (hx < 0 && k < -60) z = 0;
  else z = atan(Math.abs(y / x));
  switch (m) {
    case 0:
      return z;
    case 1:
      return -z;
    case 2:
      return PI - (z - PI_LO);
    default:
      return z - PI_LO - PI;
  }
}
