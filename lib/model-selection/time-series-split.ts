// Walk-forward (time-series) splits: each test block comes after all of its training rows, which grow (or slide) forward.
import { checkInt, withDefaults } from '../data/check';
import type { Fold } from './k-fold';

export interface TimeSeriesSplitOptions {
  /** Rows per test block; default floor(n / (nSplits + 1)). */
  testSize: number | undefined;
  /** Rows left out between the end of training and the start of the test block (to stop lagged features leaking). Default 0. */
  gap: number;
  /** Keep only the most recent rows for training (a sliding window); default unlimited (an expanding window). */
  maxTrainSize: number | undefined;
}

export const timeSeriesSplitDefaults: Readonly<TimeSeriesSplitOptions> = { testSize: undefined, gap: 0, maxTrainSize: undefined };

/**
 * Walk-forward validation for rows in time order (row 0 oldest), as scikit-learn's TimeSeriesSplit (1.2): the last
 * nSplits * testSize rows are cut into nSplits consecutive test blocks; block s starts at
 * t_s = n - (nSplits - s) * testSize and trains on rows [max(0, t_s - gap - maxTrainSize), t_s - gap).
 * Every training index is smaller than every test index of its fold; the first rows are never tested.
 * @param n - number of rows, in time order
 * @param nSplits - number of folds, >= 2
 * @returns nSplits folds, oldest test block first
 * @throws TypeError for non-integers or unknown options; RangeError when the blocks and gap do not fit in n rows
 */
export function timeSeriesSplit(n: number, nSplits: number, options?: Partial<TimeSeriesSplitOptions>): Fold[] {
  const fn = 'timeSeriesSplit';
  const o = withDefaults<TimeSeriesSplitOptions>(fn, options, { ...timeSeriesSplitDefaults });
  checkInt(fn, 'n', n, 1);
  checkInt(fn, 'nSplits', nSplits, 2);
  checkInt(fn, 'gap', o.gap, 0);
  if (nSplits + 1 > n) throw new RangeError(`${fn}: expected nSplits + 1 <= ${n} samples, got nSplits = ${nSplits}`);
  const testSize = o.testSize === undefined ? Math.floor(n / (nSplits + 1)) : checkInt(fn, 'testSize', o.testSize, 1);
  if (o.maxTrainSize !== undefined) checkInt(fn, 'maxTrainSize', o.maxTrainSize, 1);
  if (n - o.gap - testSize * nSplits <= 0) {
    throw new RangeError(`${fn}: expected gap + nSplits * testSize < n, got ${o.gap} + ${nSplits} * ${testSize} >= ${n} samples`);
  }
  const folds: Fold[] = [];
  for (let s = 0; s < nSplits; s++) {
    const testStart = n - (nSplits - s) * testSize;
    const trainEnd = testStart - o.gap;
    const trainStart = o.maxTrainSize !== undefined && o.maxTrainSize < trainEnd ? trainEnd - o.maxTrainSize : 0;
    folds.push({
      train: Int32Array.from({ length: trainEnd - trainStart }, (_, i) => trainStart + i),
      test: Int32Array.from({ length: testSize }, (_, i) => testStart + i),
    });
  }
  return folds;
}
