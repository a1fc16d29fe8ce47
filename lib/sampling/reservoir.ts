// Reservoir sampling: a uniform random sample of k items from a stream of unknown length in one pass and O(k) memory.
import { rngFrom, type Rng } from '../core/random';

/**
 * A reservoir over a stream (Algorithm R, Vitter 1985): the first k items fill it; item number t (t > k, counting
 * from 1) replaces a uniformly chosen slot with probability k / t. By induction every item seen so far is in the
 * reservoir with probability k / t, and every k-subset is equally likely.
 */
export class Reservoir<T> {
  readonly k: number;
  /** Items seen so far. */
  seen = 0;
  private readonly items: T[] = [];
  private readonly rng: Rng;

  /** @param k - reservoir size (>= 1) @param options.seed - seed; default: forked from the global seed */
  constructor(k: number, options: { seed?: number } = {}) {
    if (typeof k !== 'number') throw new TypeError(`expected k to be a number, got ${typeof k}`);
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`expected k to be a positive integer, got k = ${k}`);
    this.k = k;
    this.rng = rngFrom(options.seed);
  }

  /** Offers one item from the stream. */
  add(item: T): void {
    this.seen++;
    if (this.items.length < this.k) {
      this.items.push(item);
      return;
    }
    const j = this.rng.int(this.seen); // uniform in [0, seen)
    if (j < this.k) this.items[j] = item;
  }

  /** The current sample (a copy): min(k, seen) items, in slot order. */
  sample(): T[] {
    return this.items.slice();
  }
}

/**
 * k items drawn uniformly without replacement from an iterable of any (even unknown) length, in one pass.
 * @throws RangeError when the stream has fewer than k items
 */
export function reservoirSample<T>(stream: Iterable<T>, k: number, options: { seed?: number } = {}): T[] {
  if (stream === null || typeof (stream as Iterable<T>)[Symbol.iterator] !== 'function') throw new TypeError('expected an iterable stream');
  const r = new Reservoir<T>(k, options);
  for (const item of stream) r.add(item);
  if (r.seen < k) throw new RangeError(`expected k <= ${r.seen} items in the stream, got k = ${k}`);
  return r.sample();
}

/**
 * Weighted sampling without replacement in one pass (Efraimidis & Spirakis 2006, A-Res): give item i the key
 * u_i^(1 / w_i) with u_i uniform in (0, 1) and keep the k largest keys. Heavier items are more likely to be kept.
 * @param weights - one positive weight per item
 * @returns indices of the k chosen items, largest key first
 */
export function weightedReservoirSample(weights: Iterable<number>, k: number, options: { seed?: number } = {}): Int32Array {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`expected k to be a positive integer, got k = ${k}`);
  const rng = rngFrom(options.seed);
  const keys: number[] = [];
  const ids: number[] = [];
  let i = 0;
  for (const w of weights) {
    if (typeof w !== 'number') throw new TypeError(`expected numeric weights, got ${typeof w} at index ${i}`);
    if (!(w > 0) || !Number.isFinite(w)) throw new RangeError(`expected positive finite weights, got ${w} at index ${i}`);
    let u = rng.random();
    while (u === 0) u = rng.random();
    const key = Math.log(u) / w; // log of u^(1/w): same order, no underflow
    // keep the k largest keys, sorted descending (k is small: insertion is fine)
    if (keys.length < k || key > keys[keys.length - 1]) {
      let pos = keys.length < k ? keys.length : k - 1;
      if (keys.length < k) { keys.push(key); ids.push(i); }
      while (pos > 0 && keys[pos - 1] < key) { keys[pos] = keys[pos - 1]; ids[pos] = ids[pos - 1]; pos--; }
      keys[pos] = key; ids[pos] = i;
    }
    i++;
  }
  if (i < k) throw new RangeError(`expected k <= ${i} items, got k = ${k}`);
  return Int32Array.from(ids);
}
