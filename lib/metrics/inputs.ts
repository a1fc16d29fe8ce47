// Input checks shared by the metrics: label vectors, score vectors, binary targets and matching lengths.
import { checkVector } from '../data/check';

/** Integer class labels (plain array or typed array) as an Int32Array-compatible number array. */
export function checkLabels(fn: string, name: string, v: unknown, length?: number): Float64Array {
  const out = checkVector(fn, name, v, length);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isInteger(out[i])) throw new RangeError(`${fn}: expected integer class labels in ${name}, got ${name}[${i}] = ${out[i]}`);
  }
  return out;
}

/** Two label vectors of the same, non-zero length. */
export function checkLabelPair(fn: string, yTrue: unknown, yPred: unknown, predName = 'yPred'): [Float64Array, Float64Array] {
  const t = checkLabels(fn, 'yTrue', yTrue);
  if (t.length === 0) throw new RangeError(`${fn}: expected at least 1 sample, got 0`);
  const p = checkLabels(fn, predName, yPred, t.length);
  return [t, p];
}

/**
 * Binary targets and real-valued scores of the same, non-zero length. Targets equal to `positiveLabel`
 * become 1, every other label 0 (so {0, 1}, {1, 2} or {-1, 1} targets all work).
 */
export function checkBinaryScores(fn: string, yTrue: unknown, scores: unknown, positiveLabel = 1): { y: Uint8Array; s: Float64Array } {
  const t = checkLabels(fn, 'yTrue', yTrue);
  if (t.length === 0) throw new RangeError(`${fn}: expected at least 1 sample, got 0`);
  const s = checkVector(fn, 'scores', scores, t.length);
  const y = new Uint8Array(t.length);
  for (let i = 0; i < t.length; i++) y[i] = t[i] === positiveLabel ? 1 : 0;
  return { y, s };
}

/** Binary targets in {0, 1} and probabilities in [0, 1] of the same, non-zero length. */
export function checkProbabilities(fn: string, yTrue: unknown, probs: unknown): { y: Uint8Array; p: Float64Array } {
  const t = checkLabels(fn, 'yTrue', yTrue);
  if (t.length === 0) throw new RangeError(`${fn}: expected at least 1 sample, got 0`);
  const p = checkVector(fn, 'probs', probs, t.length);
  const y = new Uint8Array(t.length);
  for (let i = 0; i < t.length; i++) {
    if (t[i] !== 0 && t[i] !== 1) throw new RangeError(`${fn}: expected binary targets 0 or 1, got yTrue[${i}] = ${t[i]}`);
    if (p[i] < 0 || p[i] > 1) throw new RangeError(`${fn}: expected probabilities in [0, 1], got probs[${i}] = ${p[i]}`);
    y[i] = t[i];
  }
  return { y, p };
}

/**
 * Indices 0..n-1 sorted by decreasing score (stable, so equal scores keep their input order), and the
 * positions where a run of equal scores ends: `ends[j]` is one past the last index of the j-th distinct score.
 */
export function sortByScoreDesc(s: Float64Array): { order: Int32Array; ends: Int32Array } {
  const order = Int32Array.from({ length: s.length }, (_, i) => i);
  order.sort((a, b) => s[b] - s[a] || a - b);
  const ends: number[] = [];
  for (let i = 0; i < order.length; i++) {
    if (i === order.length - 1 || s[order[i + 1]] !== s[order[i]]) ends.push(i + 1);
  }
  return { order, ends: Int32Array.from(ends) };
}
