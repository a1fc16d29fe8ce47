// k-fold and stratified k-fold cross-validation splits: k (train, test) pairs of row indices whose test parts partition 0..n-1.
import { rngFrom } from '../core/random';
import { checkInt, withDefaults } from '../data/check';

export interface KFoldOptions {
  /** Shuffle the rows before cutting them into folds (seeded). Default true. With false, fold f is a contiguous block. */
  shuffle?: boolean;
  /** Seed for the shuffle; without one it forks from the global `seed(...)`. */
  seed?: number;
}

/** One cross-validation fold: disjoint row indices, each sorted ascending, together covering 0..n-1. */
export interface Fold {
  train: Int32Array;
  test: Int32Array;
}

/**
 * Splits rows 0..n-1 into k folds of sizes floor(n/k) or floor(n/k) + 1 (the first n mod k folds get the extra
 * row), like scikit-learn's KFold. Every row is in exactly one test part.
 * @param n - number of rows
 * @param k - number of folds, 2 <= k <= n
 * @returns k folds; fold f's `test` is its block, `train` the other rows
 * @throws TypeError for non-numeric n/k or bad options; RangeError when k < 2 or k > n
 */
export function kFold(n: number, k: number, options?: KFoldOptions): Fold[] {
  const fn = 'kFold';
  const o = withDefaults<{ shuffle: boolean; seed: number | undefined }>(fn, options, { shuffle: true, seed: undefined });
  checkInt(fn, 'n', n, 1);
  checkInt(fn, 'k', k, 2);
  if (k > n) throw new RangeError(`${fn}: expected k <= ${n} samples, got k = ${k}`);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  if (o.shuffle) rngFrom(o.seed).shuffle<number, Int32Array>(order);
  const foldOf = new Int32Array(n);
  let pos = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    for (let t = 0; t < size; t++) foldOf[order[pos++]] = f;
  }
  return foldsFromAssignment(foldOf, k);
}

/**
 * Stratified k-fold: every class is spread over the folds as evenly as possible, so each fold's class proportions
 * match the whole set's (per fold, a class's count differs from n_c / k by less than 1, and fold sizes differ by at
 * most 1). Rows are shuffled within each class (seeded), grouped by class, then dealt to folds 0, 1, ..., k-1, 0, ...
 * A class with fewer than k rows is allowed (some folds then lack it).
 * @param labels - n integer class labels
 * @param k - number of folds, 2 <= k <= n
 * @throws TypeError for non-integer labels or bad options; RangeError when k < 2 or k > n
 */
export function stratifiedKFold(labels: ArrayLike<number>, k: number, options?: KFoldOptions): Fold[] {
  const fn = 'stratifiedKFold';
  const o = withDefaults<{ shuffle: boolean; seed: number | undefined }>(fn, options, { shuffle: true, seed: undefined });
  if (typeof labels !== 'object' || labels === null || typeof labels.length !== 'number') {
    throw new TypeError(`${fn}: expected labels to be an array of class labels, got ${labels === null ? 'null' : typeof labels}`);
  }
  const n = labels.length;
  if (n === 0) throw new RangeError(`${fn}: expected at least 1 label, got 0`);
  checkInt(fn, 'k', k, 2);
  if (k > n) throw new RangeError(`${fn}: expected k <= ${n} samples, got k = ${k}`);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    if (typeof c !== 'number' || !Number.isInteger(c)) throw new TypeError(`${fn}: expected integer class labels, got labels[${i}] = ${String(c)}`);
    const g = groups.get(c);
    if (g) g.push(i);
    else groups.set(c, [i]);
  }
  const rng = o.shuffle ? rngFrom(o.seed) : null;
  const foldOf = new Int32Array(n);
  let pos = 0;
  for (const c of [...groups.keys()].sort((a, b) => a - b)) {
    const members = groups.get(c)!;
    if (rng) rng.shuffle<number, number[]>(members);
    // Dealing continues where the previous class stopped, which keeps the total fold sizes within 1 of each other.
    for (const i of members) foldOf[i] = pos++ % k;
  }
  return foldsFromAssignment(foldOf, k);
}

/** Folds from a fold number per row (each test and train part sorted ascending). */
export function foldsFromAssignment(foldOf: ArrayLike<number>, k: number): Fold[] {
  const n = foldOf.length;
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const f = foldOf[i];
    if (!Number.isInteger(f) || f < 0 || f >= k) throw new RangeError(`foldsFromAssignment: expected fold numbers in [0, ${k}), got ${f} at row ${i}`);
    sizes[f]++;
  }
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const test = new Int32Array(sizes[f]);
    const train = new Int32Array(n - sizes[f]);
    let a = 0, b = 0;
    for (let i = 0; i < n; i++) {
      if (foldOf[i] === f) test[a++] = i;
      else train[b++] = i;
    }
    folds.push({ train, test });
  }
  return folds;
}
