// The adding problem (Hochreiter & Schmidhuber 1997): sum the two marked numbers of a long sequence; a long-memory benchmark.
import { rngFrom } from '../core/random';

export interface AddingProblemOptions {
  /** Number of sequences. */
  n: number;
  /** Sequence length T; one marker falls in the first half, the other in the second half. */
  length: number;
  /** Seed; default forked from the global seed. */
  seed: number | undefined;
}

export const addingProblemDefaults: Readonly<AddingProblemOptions> = { n: 1000, length: 50, seed: undefined };

export interface AddingProblem {
  /** n x T x 2 row-major: channel 0 a uniform number in [0, 1), channel 1 the marker (1 at the two marked steps). */
  x: Float32Array;
  /** n targets: the sum of the two marked numbers, in [0, 2). */
  y: Float64Array;
  /** The two marked steps of each sequence, n x 2. */
  marks: Int32Array;
  n: number;
  length: number;
}

/**
 * Generates the adding problem. Predicting the mean 1 gives MSE Var(u1 + u2) = 1/6; solving it needs the network to
 * store a number when it sees a marker and keep it, untouched by T - 1 other inputs, until the end.
 */
export function makeAddingProblem(options: Partial<AddingProblemOptions> = {}): AddingProblem {
  const o = { ...addingProblemDefaults, ...options };
  if (!Number.isInteger(o.n) || o.n < 1) throw new RangeError(`expected n >= 1 sequences, got n = ${o.n}`);
  if (!Number.isInteger(o.length) || o.length < 2) throw new RangeError(`expected length >= 2, got length = ${o.length}`);
  const rng = rngFrom(o.seed);
  const T = o.length, half = Math.floor(T / 2);
  const x = new Float32Array(o.n * T * 2), y = new Float64Array(o.n), marks = new Int32Array(o.n * 2);
  for (let i = 0; i < o.n; i++) {
    for (let t = 0; t < T; t++) x[(i * T + t) * 2] = rng.random();
    const a = rng.int(half), b = half + rng.int(T - half);
    x[(i * T + a) * 2 + 1] = 1;
    x[(i * T + b) * 2 + 1] = 1;
    marks[2 * i] = a;
    marks[2 * i + 1] = b;
    y[i] = x[(i * T + a) * 2] + x[(i * T + b) * 2]; // the float32 values, so the target is exact for the network's inputs
  }
  return { x, y, marks, n: o.n, length: T };
}
