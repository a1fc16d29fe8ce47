// Seeded train/test split of row indices (optionally stratified by class) and helpers to gather rows by index.
import { rngFrom } from '../core/random';
import { checkInt, checkReal, withDefaults } from './check';

export interface SplitOptions {
  /** Share of rows that go to the test set, in (0, 1); the test size is round(testFraction * n), kept in [1, n - 1]. Default 0.25. */
  testFraction?: number;
  /** Seed; without one the split forks from the global `seed(...)`. */
  seed?: number;
  /**
   * Class labels (length n). When given, every class is split in the same proportion (largest-remainder
   * rounding), each class keeps at least one row in train, and each class needs at least 2 rows.
   */
  stratify?: ArrayLike<number>;
}

/** Disjoint row indices that together cover 0..n-1, each in random order. */
export interface Split {
  train: Int32Array;
  test: Int32Array;
}

/**
 * Splits the row indices 0..n-1 into a train and a test set at random (seeded).
 * @param n - number of rows (>= 2)
 * @returns index arrays; gather the rows with `takeRows(x, d, split.train)` and `take(y, split.train)`
 * @throws TypeError for options of the wrong type; RangeError for a bad n, testFraction or stratify
 */
export function trainTestSplit(n: number, options?: SplitOptions): Split {
  const fn = 'trainTestSplit';
  const o = withDefaults<{ testFraction: number; seed: number | undefined; stratify: ArrayLike<number> | undefined }>(fn, options, {
    testFraction: 0.25, seed: undefined, stratify: undefined,
  });
  checkInt(fn, 'n', n, 2);
  const fraction = checkReal(fn, 'testFraction', o.testFraction, { min: 0, max: 1, open: true });
  const nTest = Math.min(n - 1, Math.max(1, Math.round(fraction * n)));
  const rng = rngFrom(o.seed);

  if (o.stratify === undefined) {
    const p = rng.permutation(n);
    return { test: Int32Array.from(p.subarray(0, nTest)), train: Int32Array.from(p.subarray(nTest)) };
  }

  const labels = o.stratify;
  if (typeof labels !== 'object' || labels === null || typeof labels.length !== 'number') {
    throw new TypeError(`${fn}: expected stratify to be an array of class labels, got ${labels === null ? 'null' : typeof labels}`);
  }
  if (labels.length !== n) throw new RangeError(`${fn}: expected stratify to have n = ${n} labels, got ${labels.length}`);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    if (typeof c !== 'number' || !Number.isInteger(c)) throw new TypeError(`${fn}: expected integer class labels, got stratify[${i}] = ${String(c)}`);
    const g = groups.get(c);
    if (g) g.push(i);
    else groups.set(c, [i]);
  }
  const classes = [...groups.keys()].sort((a, b) => a - b);
  for (const c of classes) {
    const size = groups.get(c)!.length;
    if (size < 2) throw new RangeError(`${fn}: expected at least 2 rows of each class to stratify, class ${c} has ${size}`);
  }
  if (nTest > n - classes.length) {
    throw new RangeError(`${fn}: a test set of ${nTest} rows leaves fewer than one train row for each of the ${classes.length} classes; lower testFraction`);
  }
  // Largest-remainder apportionment of nTest over the classes, never taking a class's last row.
  const exact = classes.map((c) => (groups.get(c)!.length * nTest) / n);
  const quota = exact.map(Math.floor);
  let left = nTest - quota.reduce((a, b) => a + b, 0);
  const byRemainder = classes.map((_, i) => i).sort((a, b) => exact[b] - quota[b] - (exact[a] - quota[a]) || a - b);
  while (left > 0) {
    for (const i of byRemainder) {
      if (left === 0) break;
      if (quota[i] < groups.get(classes[i])!.length - 1) {
        quota[i]++;
        left--;
      }
    }
  }
  const test: number[] = [];
  const train: number[] = [];
  classes.forEach((c, i) => {
    const members = rng.shuffle<number, number[]>(groups.get(c)!.slice());
    test.push(...members.slice(0, quota[i]));
    train.push(...members.slice(quota[i]));
  });
  return { train: Int32Array.from(rng.shuffle<number, number[]>(train)), test: Int32Array.from(rng.shuffle<number, number[]>(test)) };
}

/** Typed arrays `take` and `takeRows` accept; the result has the same type as the input. */
export type NumericArray = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;

function checkIndices(fn: string, indices: ArrayLike<number>, rows: number): void {
  if (typeof indices !== 'object' || indices === null || typeof indices.length !== 'number') {
    throw new TypeError(`${fn}: expected indices to be an array of row numbers`);
  }
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i];
    if (!Number.isInteger(r) || r < 0 || r >= rows) throw new RangeError(`${fn}: expected indices in [0, ${rows}), got indices[${i}] = ${r}`);
  }
}

function assertTyped(fn: string, a: unknown): asserts a is NumericArray {
  if (!ArrayBuffer.isView(a) || a instanceof DataView || a instanceof BigInt64Array || a instanceof BigUint64Array) {
    throw new TypeError(`${fn}: expected a numeric typed array (e.g. Float64Array), got ${a === null ? 'null' : typeof a}`);
  }
}

function allocLike<T extends NumericArray>(a: T, length: number): T {
  return new (a.constructor as new (length: number) => T)(length);
}

/**
 * The elements of `y` at `indices`, in that order (a new array of the same type).
 * @param y - n values
 * @param indices - positions in [0, n); repeats are allowed (bootstrap samples)
 */
export function take<T extends NumericArray>(y: T, indices: ArrayLike<number>): T {
  assertTyped('take', y);
  checkIndices('take', indices, y.length);
  const out = allocLike(y, indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = y[indices[i]];
  return out;
}

/**
 * The rows of `x` at `indices`, in that order (a new array of the same type).
 * @param x - n x d row-major
 * @param d - number of columns (>= 1; x.length must be a multiple)
 * @param indices - row numbers in [0, n); repeats are allowed (bootstrap samples)
 * @returns indices.length x d row-major
 */
export function takeRows<T extends NumericArray>(x: T, d: number, indices: ArrayLike<number>): T {
  assertTyped('takeRows', x);
  checkInt('takeRows', 'd', d, 1);
  if (x.length % d !== 0) throw new RangeError(`takeRows: expected x.length to be a multiple of d = ${d}, got ${x.length}`);
  checkIndices('takeRows', indices, x.length / d);
  const out = allocLike(x, indices.length * d);
  for (let i = 0; i < indices.length; i++) out.set(x.subarray(indices[i] * d, (indices[i] + 1) * d), i * d);
  return out;
}
