/**
 * sin, cos, atan2, asin, log, exp and expm1 that give the same bits in every JavaScript engine:
 * fdlibm's (Sun, 1993), as V8's base/ieee754 implements them, in plain arithmetic.
 *
 * Engines differ here: Chromium's V8 computes Math.sin and Math.cos with glibc's algorithm (its
 * `--use-libm-trig-functions`, on by default), Node 20's V8 with fdlibm's, and the two round some
 * arguments apart in the last bit; of 20,000 random arguments, Chromium 156 and Node 20 differ on
 * 3,616 for atan2, 2,031 for exp, 1,182 for asin, 413 for log and ~660 for sin and cos. A model
 * that draws addresses, weights and bearings with them then decides differently now and then
 * (e2e shell: the default scenario's day-1 hour 12 delivered 646 parcels in Node and 643 in
 * Chromium; a van route's hours differed where two stops' bearings nearly tied), so a state
 * computed in Node (the precomputed warm start, src/worker/warmState.ts) would not be the state
 * the page computes. With these, Node and the browser agree; in Node 20 they equal Math's bit for
 * bit (tests/sim/portableMath.test.ts), so no figure moves there. Still Math's in src/sim: a
 * fractional power (ruin and recreate's temperature, off by default).
 *
 * sin and cos take arguments up to 2^19 * pi/2 in magnitude (the model's angles are a few
 * radians); larger ones throw rather than reduce inexactly.
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
/** atan2 where x is infinite, by 2 x sign(x) + sign(y): y infinite too, or finite. */
const ATAN2_BOTH_INFINITE = [PI_O_4, -PI_O_4, 3 * PI_O_4, -3 * PI_O_4];
const ATAN2_X_INFINITE = [0, -0, PI, -PI];

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
  if (ix === 0x7ff00000) return iy === 0x7ff00000 ? ATAN2_BOTH_INFINITE[m] : ATAN2_X_INFINITE[m];
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

/**
 * 2^e for e in [-1074, 1024), at index e + 1074, built by halving and doubling (exact). log and
 * exp scale by these where fdlibm writes a double's exponent field: a multiply by a power of two
 * is exact, and one load cost half the time of a second store and load through the word view.
 */
const POW2 = new Float64Array(2098);
POW2[1074] = 1;
for (let e = 1; e <= 1023; e++) POW2[1074 + e] = POW2[1073 + e] * 2;
for (let e = -1; e >= -1074; e--) POW2[1074 + e] = POW2[1075 + e] / 2;

const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;
const TWO54 = 18014398509481984;
const LG1 = 0.6666666666666735;
const LG2 = 0.3999999999940942;
const LG3 = 0.2857142874366239;
const LG4 = 0.22222198432149784;
const LG5 = 0.1818357216161805;
const LG6 = 0.15313837699209373;
const LG7 = 0.14798198605116586;

/**
 * Natural log, the same bits in every engine (fdlibm's e_log.c, as V8's base/ieee754 has it):
 * Chromium's V8 rounds ~2% of arguments apart from Node's, and the model draws its normal
 * variates (rng.ts) with it.
 */
export function log(x: number): number {
  let hx = getHighWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022: zero, negative or subnormal.
    if (((hx & 0x7fffffff) | getLowWord(x)) === 0) return Number.NEGATIVE_INFINITY;
    if (hx < 0) return Number.NaN;
    k -= 54;
    x *= TWO54;
    hx = getHighWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  let exponent = (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  exponent += i >> 20;
  k += exponent;
  // x / 2^exponent, in [sqrt(2) / 2, sqrt(2)): fdlibm writes the exponent field; the product is exact.
  const f = x * POW2[1074 - exponent] - 1;
  if ((0x000fffff & (2 + hx)) < 3) {
    // -2^-20 <= f < 2^-20.
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
    const r = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - r : k * LN2_HI - (r - k * LN2_LO - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + r)) : k * LN2_HI - (hfsq - (s * (hfsq + r) + k * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - r) : k * LN2_HI - (s * (f - r) - k * LN2_LO - f);
}

const EXP_OVERFLOW = 709.782712893384;
const EXP_UNDERFLOW = -745.1332191019411;
const INV_LN2 = Math.LOG2E;
const P1 = 0.16666666666666602;
const P2 = -0.0027777777777015593;
const P3 = 0.00006613756321437934;
const P4 = -0.0000016533902205465252;
const P5 = 4.1381367970572385e-8;
const TWO_M1000 = 9.332636185032189e-302;
const TWO_1023 = 8.98846567431158e307;

/**
 * e^x, the same bits in every engine (fdlibm's e_exp.c, as V8's base/ieee754 has it, exp(1)
 * returning E): Chromium's V8 rounds ~10% of arguments apart from Node's, and the model draws
 * its parcels' weights and Poisson counts with it.
 */
export function exp(x: number): number {
  const word = getHighWord(x);
  const xsb = (word >>> 31) & 1;
  const hx = word & 0x7fffffff;
  if (hx >= 0x40862e42) {
    // |x| >= 709.78...
    if (hx >= 0x7ff00000) {
      if (Number.isNaN(x)) return x + x;
      return xsb === 0 ? x : 0;
    }
    if (x > EXP_OVERFLOW) return Number.POSITIVE_INFINITY;
    if (x < EXP_UNDERFLOW) return 0;
  }
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (hx > 0x3fd62e42) {
    // |x| > ln2 / 2.
    if (hx < 0x3ff0a2b2) {
      // and |x| < 1.5 ln2.
      if (x === 1) return Math.E;
      hi = xsb === 0 ? x - LN2_HI : x + LN2_HI;
      lo = xsb === 0 ? LN2_LO : -LN2_LO;
      k = 1 - xsb - xsb;
    } else {
      k = Math.trunc(INV_LN2 * x + (xsb === 0 ? 0.5 : -0.5));
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    // |x| < 2^-28.
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) return k === 1024 ? y * 2 * TWO_1023 : y * POW2[k + 1074];
  return y * POW2[k + 2074] * TWO_M1000;
}

const PIO2_HI = 1.5707963267948966;
const PIO2_LO = 6.123233995736766e-17;
const PIO4_HI = 0.7853981633974483;
const PS0 = 0.16666666666666666;
const PS1 = -0.3255658186224009;
const PS2 = 0.20121253213486293;
const PS3 = -0.04005553450067941;
const PS4 = 0.0007915349942898145;
const PS5 = 0.00003479331075960212;
const QS1 = -2.403394911734414;
const QS2 = 2.0209457602335057;
const QS3 = -0.6882839716054533;
const QS4 = 0.07703815055590194;

/**
 * asin(x), the same bits in every engine (fdlibm's e_asin.c, as V8's base/ieee754 has it):
 * greatCircleKm's, so the network is built from the same distances in the page as in Node.
 */
export function asin(x: number): number {
  const hx = getHighWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) {
    // |x| >= 1: +-pi/2 at +-1, else NaN.
    if (((ix - 0x3ff00000) | getLowWord(x)) === 0) return x * PIO2_HI + x * PIO2_LO;
    return Number.NaN;
  }
  if (ix < 0x3fe00000) {
    // |x| < 0.5; below 2^-27, x itself.
    if (ix < 0x3e400000) return x;
    const t = x * x;
    const p = t * (PS0 + t * (PS1 + t * (PS2 + t * (PS3 + t * (PS4 + t * PS5)))));
    const q = 1 + t * (QS1 + t * (QS2 + t * (QS3 + t * QS4)));
    return x + x * (p / q);
  }
  const t = (1 - Math.abs(x)) * 0.5;
  const p = t * (PS0 + t * (PS1 + t * (PS2 + t * (PS3 + t * (PS4 + t * PS5)))));
  const q = 1 + t * (QS1 + t * (QS2 + t * (QS3 + t * QS4)));
  const s = Math.sqrt(t);
  let result: number;
  if (ix >= 0x3fef3333) {
    // |x| > 0.975.
    result = PIO2_HI - (2 * (s + s * (p / q)) - PIO2_LO);
  } else {
    // s with its low word cleared.
    const w = fromHighWord(getHighWord(s));
    const c = (t - w * w) / (s + w);
    const r = p / q;
    result = PIO4_HI - (2 * s * r - (PIO2_LO - 2 * c) - (PIO4_HI - 2 * w));
  }
  return hx > 0 ? result : -result;
}

const Q1 = -0.03333333333333313;
const Q2 = 0.0015873015872548146;
const Q3 = -0.0000793650757867488;
const Q4 = 0.000004008217827329362;
const Q5 = -2.0109921818362437e-7;

/**
 * e^x - 1, the same bits in every engine (fdlibm's s_expm1.c, as V8's base/ieee754 has it): a
 * wave's sparse stops per parcel (flexBlocks.ts), and the constant they are solved from.
 */
export function expm1(x: number): number {
  const word = getHighWord(x);
  const negative = word < 0;
  const hx = word & 0x7fffffff;
  if (hx >= 0x4043687a) {
    // |x| >= 56 ln2.
    if (hx >= 0x40862e42) {
      // |x| >= 709.78...
      if (hx >= 0x7ff00000) {
        if (Number.isNaN(x)) return x + x;
        return negative ? -1 : x;
      }
      if (x > EXP_OVERFLOW) return Number.POSITIVE_INFINITY;
    }
    if (negative) return -1;
  }
  let k = 0;
  let c = 0;
  if (hx > 0x3fd62e42) {
    // |x| > ln2 / 2.
    let hi: number;
    let lo: number;
    if (hx < 0x3ff0a2b2) {
      // and |x| < 1.5 ln2.
      hi = negative ? x + LN2_HI : x - LN2_HI;
      lo = negative ? -LN2_LO : LN2_LO;
      k = negative ? -1 : 1;
    } else {
      k = Math.trunc(INV_LN2 * x + (negative ? -0.5 : 0.5));
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = hi - x - lo;
  } else if (hx < 0x3c900000) {
    // |x| < 2^-54.
    return x;
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  const t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs);
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) return x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
  if (k <= -2 || k > 56) {
    const y = 1 - (e - x);
    return (k === 1024 ? y * 2 * TWO_1023 : y * POW2[k + 1074]) - 1;
  }
  // 1 - 2^-k below 20, else 2^-k.
  if (k < 20) return (fromHighWord(0x3ff00000 - (0x200000 >> k)) - (e - x)) * POW2[k + 1074];
  return (x - (e + POW2[1074 - k]) + 1) * POW2[k + 1074];
}
