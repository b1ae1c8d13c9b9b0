/**
 * Seeded random streams, one per concern (demand, sourcing, weather, ...), so that changing one
 * parameter does not reshuffle the draws of another (common random numbers for A/B runs).
 * The generator is sfc32 (Chris Doty-Humphrey's small fast counting generator, 128-bit state)
 * kept in a Uint32Array so a snapshot is a copy of four words. No Math.random anywhere in sim/.
 */
import { cos, exp, log } from './portableMath';

/** Independent streams; the index is mixed into the seed. Append only: order is part of the seed. */
export const STREAM_NAMES = ['demand', 'sourcing', 'weather', 'lastMile', 'flex', 'carriers'] as const;
export type StreamName = (typeof STREAM_NAMES)[number];

/** splitmix32-style finaliser: a well-mixed 32-bit hash of a 32-bit input. */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

/** A uniform [0, 1) value that depends only on its three keys: a stateless, shared random number. */
export function hashUniform(seed: number, a: number, b: number): number {
  return mix32(mix32(mix32(seed ^ 0x9e3779b9) ^ a) + Math.imul(b, 0x85ebca6b)) / 4294967296;
}

export class RandomStream {
  /** sfc32 state words a, b, c and counter d. */
  readonly state: Uint32Array;

  constructor(state: Uint32Array) {
    this.state = state;
  }

  static fromSeed(seed: number, streamIndex: number): RandomStream {
    const state = new Uint32Array(4);
    state[0] = mix32(seed ^ 0x5bd1e995);
    state[1] = mix32(streamIndex + 0x27d4eb2f);
    state[2] = mix32(seed + Math.imul(streamIndex, 0x165667b1));
    state[3] = 1;
    const stream = new RandomStream(state);
    for (let i = 0; i < 12; i++) stream.nextUint32();
    return stream;
  }

  nextUint32(): number {
    const s = this.state;
    const t = (((s[0] + s[1]) >>> 0) + s[3]) >>> 0;
    s[3] = (s[3] + 1) >>> 0;
    s[0] = s[1] ^ (s[1] >>> 9);
    s[1] = (s[2] + (s[2] << 3)) >>> 0;
    s[2] = ((s[2] << 21) | (s[2] >>> 11)) >>> 0;
    s[2] = (s[2] + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  nextFloat(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Standard normal by Box-Muller (one of the pair; two draws every call, for a fixed draw count). */
  nextNormal(): number {
    const u = 1 - this.nextFloat();
    const v = this.nextFloat();
    return Math.sqrt(-2 * log(u)) * cos(2 * Math.PI * v);
  }

  /**
   * Poisson count with the given mean: Knuth's product method below 30, a rounded normal above
   * (the error is far below the model's other uncertainties).
   */
  nextPoisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean < 30) {
      const limit = exp(-mean);
      let product = this.nextFloat();
      let count = 0;
      while (product > limit) {
        count++;
        product *= this.nextFloat();
      }
      return count;
    }
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.nextNormal()));
  }
}

export type RandomStreams = Record<StreamName, RandomStream>;

export function createStreams(seed: number): RandomStreams {
  const streams = {} as RandomStreams;
  STREAM_NAMES.forEach((name, index) => {
    streams[name] = RandomStream.fromSeed(seed >>> 0, index);
  });
  return streams;
}

/** Packs every stream's state into one array (stride 4, STREAM_NAMES order) for a snapshot. */
export function writeStreamStates(streams: RandomStreams): Uint32Array {
  const out = new Uint32Array(STREAM_NAMES.length * 4);
  STREAM_NAMES.forEach((name, index) => {
    out.set(streams[name].state, index * 4);
  });
  return out;
}

export function readStreamStates(states: Uint32Array): RandomStreams {
  const streams = {} as RandomStreams;
  STREAM_NAMES.forEach((name, index) => {
    streams[name] = new RandomStream(states.slice(index * 4, index * 4 + 4));
  });
  return streams;
}
