// Seeded randomness shared by plain JS and tfjs: one call to seed(n) makes a whole notebook reproducible.

/**
 * A small, fast, seedable generator (sfc32, a 128-bit-state PRNG that passes PractRand) with the
 * distributions the lessons need. Use one per algorithm (`new Rng(options.seed)`) so results do not
 * depend on what else ran before.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new TypeError(`expected a finite number seed, got ${String(seed)}`);
    // splitmix32 spreads the seed over the four state words so nearby seeds give unrelated streams.
    let s = Math.trunc(seed) >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next(); this.b = next(); this.c = next(); this.d = next();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1), 53 bits of precision. */
  random(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform in [low, high). */
  uniform(low = 0, high = 1): number {
    return low + (high - low) * this.random();
  }

  /** Integer uniform in [0, n). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0) throw new RangeError(`expected a positive integer n, got n = ${n}`);
    return Math.floor(this.random() * n);
  }

  /** Standard normal (Box-Muller, both values used). */
  normal(mean = 0, std = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + std * z;
    }
    let u = 0;
    while (u === 0) u = this.random();
    const v = this.random();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + std * r * Math.cos(2 * Math.PI * v);
  }

  /** Fisher-Yates shuffle in place; returns the same array. */
  shuffle<T, A extends { length: number; [i: number]: T }>(array: A): A {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): Uint32Array {
    const p = new Uint32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle<number, Uint32Array>(p);
  }

  /** Index drawn with probability proportional to weights[i] (weights >= 0, not all zero). */
  weightedIndex(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i];
    if (!(total > 0)) throw new RangeError('expected non-negative weights with a positive sum');
    let r = this.random() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** An independent child generator (for giving each sub-task its own stream). */
  fork(): Rng {
    return new Rng(this.nextUint32());
  }
}

let globalRng: Rng | null = null;
const nativeRandom = Math.random;

/**
 * Seeds every random source of the process: a global Rng, and Math.random itself, which tfjs draws on
 * whenever a random op, initializer, dropout layer or `model.fit` shuffle is not given an explicit seed.
 * Call it once at the top of a notebook. Returns nothing, so a notebook cell ending in `seed(42)` prints
 * nothing (tslab echoes the value of a cell's last expression); `globalRandom()` gives the generator.
 */
export function seed(n: number): void {
  const rng = new Rng(n);
  globalRng = rng;
  Math.random = () => rng.random();
}

/** Restores the unseeded Math.random (used by tests). */
export function unseed(): void {
  globalRng = null;
  Math.random = nativeRandom;
}

/** The generator installed by `seed`, or a throw if none was: randomness without a seed is a bug here. */
export function globalRandom(): Rng {
  if (!globalRng) throw new Error('no seed set: call seed(n) first (from lib/core/random) so results are reproducible');
  return globalRng;
}

/** An Rng for an algorithm: from its `seed` option when given, else forked from the global seed. */
export function rngFrom(seedOption: number | undefined): Rng {
  return seedOption === undefined ? globalRandom().fork() : new Rng(seedOption);
}
