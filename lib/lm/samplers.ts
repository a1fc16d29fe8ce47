// Next-token decoding rules on a logit vector: greedy, temperature, top-k and top-p (nucleus) sampling, composed into one sampler.
import { Rng, rngFrom } from '../core/random';
import { topPFilter } from '../sampling/top-p';

export { topPFilter };

function checkVector(x: unknown, name: string): ArrayLike<number> {
  if (x === null || typeof x !== 'object' || typeof (x as ArrayLike<number>).length !== 'number') throw new TypeError(`expected ${name} to be an array of numbers`);
  const v = x as ArrayLike<number>;
  if (v.length === 0) throw new RangeError(`expected at least 1 entry in ${name}, got 0`);
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== 'number' || Number.isNaN(v[i])) throw new TypeError(`expected numbers in ${name}, got ${String(v[i])} at index ${i}`);
  }
  return v;
}

/** Index of the largest logit (ties: the lowest index), the deterministic "greedy" decoding choice. */
export function greedy(logits: ArrayLike<number>): number {
  const z = checkVector(logits, 'logits');
  let best = 0;
  for (let i = 1; i < z.length; i++) if (z[i] > z[best]) best = i;
  return best;
}

/**
 * softmax(z / T): T < 1 sharpens the distribution towards the argmax (T -> 0 is greedy), T > 1 flattens it towards
 * uniform (T -> infinity). Computed with the max subtracted so large logits do not overflow.
 */
export function softmaxWithTemperature(logits: ArrayLike<number>, temperature = 1): Float64Array {
  const z = checkVector(logits, 'logits');
  if (typeof temperature !== 'number' || !(temperature > 0) || !Number.isFinite(temperature)) throw new RangeError(`expected a temperature > 0, got ${temperature}`);
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) if (z[i] > max) max = z[i];
  if (max === -Infinity) throw new RangeError('expected at least one finite logit, got all -Infinity');
  const out = new Float64Array(z.length);
  let sum = 0;
  for (let i = 0; i < z.length; i++) { out[i] = Math.exp((z[i] - max) / temperature); sum += out[i]; }
  for (let i = 0; i < z.length; i++) out[i] /= sum;
  return out;
}

/**
 * Keep the k most probable tokens (ties: lower index first), zero the rest, renormalise. k >= vocabulary size keeps
 * everything.
 */
export function topKFilter(probs: ArrayLike<number>, k: number): Float64Array {
  const p = checkVector(probs, 'probs');
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`expected an integer k >= 1, got k = ${k}`);
  const order = Array.from({ length: p.length }, (_, i) => i).sort((a, b) => p[b] - p[a] || a - b);
  const out = new Float64Array(p.length);
  let kept = 0;
  const count = Math.min(k, p.length);
  for (let t = 0; t < count; t++) kept += p[order[t]];
  if (!(kept > 0)) throw new RangeError('expected the top-k tokens to have a positive mass');
  for (let t = 0; t < count; t++) out[order[t]] = p[order[t]] / kept;
  return out;
}

/** Shannon entropy -sum p log p in nats (0 log 0 = 0). */
export function entropyNats(probs: ArrayLike<number>): number {
  const p = checkVector(probs, 'probs');
  let h = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) h -= p[i] * Math.log(p[i]);
  return h;
}

export interface SamplerOptions {
  /** 0 means greedy (argmax); otherwise the softmax temperature. Default 1. */
  temperature: number;
  /** Keep only the k most probable tokens (applied before top-p). Default: off. */
  topK: number | undefined;
  /** Keep the smallest most-probable set of mass >= p. Default: off. */
  topP: number | undefined;
  /** Seed of the sampler's own generator; default forked from the global seed. */
  seed: number | undefined;
}

const DEFAULTS: SamplerOptions = { temperature: 1, topK: undefined, topP: undefined, seed: undefined };

/** The distribution a sampler draws from: softmax(z / T), then top-k, then top-p (the order Hugging Face applies them). */
export function samplingDistribution(logits: ArrayLike<number>, options: Partial<Omit<SamplerOptions, 'seed'>> = {}): Float64Array {
  const o = { ...DEFAULTS, ...options };
  if (o.temperature === 0) {
    const out = new Float64Array(checkVector(logits, 'logits').length);
    out[greedy(logits)] = 1;
    return out;
  }
  let p = softmaxWithTemperature(logits, o.temperature);
  if (o.topK !== undefined) p = topKFilter(p, o.topK);
  if (o.topP !== undefined) p = topPFilter(p, o.topP);
  return p;
}

/** One draw from a probability vector with a seeded generator (inverse-CDF on one uniform). */
export function sampleIndex(probs: ArrayLike<number>, rng: Rng): number {
  return rng.weightedIndex(checkVector(probs, 'probs'));
}

/** A next-token rule: logits of the last position in, chosen token id out. */
export type Sampler = (logits: ArrayLike<number>) => number;

/** A seeded sampler: greedy when temperature = 0, else a draw from {@link samplingDistribution}. */
export function makeSampler(options: Partial<SamplerOptions> = {}): Sampler {
  const o = { ...DEFAULTS, ...options };
  if (typeof o.temperature !== 'number' || !(o.temperature >= 0)) throw new RangeError(`expected a temperature >= 0, got ${o.temperature}`);
  if (o.temperature === 0) return (logits) => greedy(logits);
  const rng = rngFrom(o.seed);
  return (logits) => sampleIndex(samplingDistribution(logits, o), rng);
}
