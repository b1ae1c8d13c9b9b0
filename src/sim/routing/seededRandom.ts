import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A seeded stream of uniform uint32 values. The optimiser draws all its randomness from one. */
export type RandomStream = () => number;

/** A deterministic uint32 stream from a seed (pure-rand's xoroshiro128+). */
export function createRandomStream(seed: number): RandomStream {
  const generator = xoroshiro128plus(seed);
  return () => generator.next() >>> 0;
}

/** Uniform integer in [0, bound). The modulo bias is below 1e-6 for the small bounds used here. */
export function randomBelow(random: RandomStream, bound: number): number {
  return random() % bound;
}

/** Uniform number in (0, 1]; never 0, so its logarithm is finite. */
export function randomUnit(random: RandomStream): number {
  return (random() + 1) / 4294967296;
}
