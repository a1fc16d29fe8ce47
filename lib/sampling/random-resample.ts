// Random over- and under-sampling for binary labels: row indices that rebalance the classes of a training set.
import { rngFrom } from '../core/random';

export interface ResampleOptions {
  /** Target minority/majority ratio after resampling, in (0, 1]. Default 1 (balanced). */
  ratio: number;
  /** Seed; default: forked from the global seed. */
  seed?: number;
}

/** Row indices of class 0 and class 1 of binary labels; the minority is the smaller class (ties: class 1). */
function splitClasses(fn: string, y: unknown, ratio: unknown): { minority: number[]; majority: number[]; ratio: number } {
  if (!Array.isArray(y) && !(ArrayBuffer.isView(y) && !(y instanceof DataView))) {
    throw new TypeError(`${fn}: expected y to be an array of 0/1 labels, got ${y === null ? 'null' : typeof y}`);
  }
  if (typeof ratio !== 'number') throw new TypeError(`${fn}: expected ratio to be a number, got ${typeof ratio}`);
  if (!(ratio > 0 && ratio <= 1)) throw new RangeError(`${fn}: expected 0 < ratio <= 1, got ratio = ${ratio}`);
  const labels = y as ArrayLike<unknown>;
  const rows: [number[], number[]] = [[], []];
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (v !== 0 && v !== 1) throw new RangeError(`${fn}: expected labels 0 or 1, got ${String(v)} at index ${i}`);
    rows[v].push(i);
  }
  if (rows[0].length === 0 || rows[1].length === 0) throw new RangeError(`${fn}: expected both classes present, got ${rows[0].length} zeros and ${rows[1].length} ones`);
  const minorityClass = rows[1].length <= rows[0].length ? 1 : 0;
  return { minority: rows[minorityClass], majority: rows[1 - minorityClass], ratio };
}

/**
 * Random oversampling: every row once, plus minority rows drawn uniformly with replacement until
 * minority = round(ratio * majority) (imbalanced-learn's RandomOverSampler). The result is sorted by row index, so the
 * added copies sit next to their originals.
 * @param y - length n labels in {0, 1}
 * @returns row indices into y (length n + added copies)
 */
export function randomOversample(y: ArrayLike<number>, options: Partial<ResampleOptions> = {}): Int32Array {
  const { minority, majority, ratio } = splitClasses('randomOversample', y, options.ratio ?? 1);
  const rng = rngFrom(options.seed);
  const target = Math.max(minority.length, Math.round(ratio * majority.length));
  const out = new Int32Array(y.length + target - minority.length);
  for (let i = 0; i < y.length; i++) out[i] = i;
  for (let j = y.length; j < out.length; j++) out[j] = minority[rng.int(minority.length)];
  return out.sort();
}

/**
 * Random undersampling: every minority row, and round(minority / ratio) majority rows drawn uniformly without
 * replacement (imbalanced-learn's RandomUnderSampler). Sorted by row index.
 * @param y - length n labels in {0, 1}
 * @returns row indices into y, each at most once
 */
export function randomUndersample(y: ArrayLike<number>, options: Partial<ResampleOptions> = {}): Int32Array {
  const { minority, majority, ratio } = splitClasses('randomUndersample', y, options.ratio ?? 1);
  const rng = rngFrom(options.seed);
  const keep = Math.min(majority.length, Math.round(minority.length / ratio));
  const order = rng.permutation(majority.length);
  const out = new Int32Array(minority.length + keep);
  out.set(minority);
  for (let j = 0; j < keep; j++) out[minority.length + j] = majority[order[j]];
  return out.sort();
}
