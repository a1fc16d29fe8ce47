// Generic k-fold cross-validation: fit on k-1 folds, score on the held-out fold, for any model given as fit/score callbacks.
import { asMatrix, type Matrix, type MatrixLike } from '../core/matrix';
import { take, type NumericArray } from '../data/split';
import { kFold, stratifiedKFold, type Fold } from './k-fold';

/** How to train and evaluate one model: `fit` returns anything `score` understands. */
export interface Estimator<M, Y extends NumericArray = Float64Array> {
  /** Trains on the given rows; preprocessing (e.g. a scaler) belongs in here so it only sees training rows. */
  fit: (x: Matrix, y: Y) => M;
  /** A number for the model on the given rows (e.g. MSE or accuracy). */
  score: (model: M, x: Matrix, y: Y) => number;
}

export interface CrossValidateOptions {
  /** Number of folds (ignored when `folds` is given). Default 5. */
  k: number;
  /** Shuffle before cutting folds. Default true. */
  shuffle: boolean;
  /** Seed for the shuffle; without one it forks from the global `seed(...)`. */
  seed: number | undefined;
  /** Stratify the folds by y (y must hold integer class labels). Default false. */
  stratify: boolean;
  /** Ready-made folds (e.g. to compare several models on the same splits); overrides k/shuffle/seed/stratify. */
  folds: Fold[] | undefined;
  /** Also score each fitted model on its own training rows. Default true. */
  returnTrainScore: boolean;
}

export const crossValidateDefaults: Readonly<CrossValidateOptions> = {
  k: 5, shuffle: true, seed: undefined, stratify: false, folds: undefined, returnTrainScore: true,
};

export interface CrossValidateResult {
  /** Score on each held-out fold (length k). */
  testScores: Float64Array;
  /** Score on each fold's training rows (length k; NaN when returnTrainScore is false). */
  trainScores: Float64Array;
  /** Mean and sample standard deviation (ddof = 1) of testScores. */
  testMean: number;
  testStd: number;
  /** Mean of trainScores. */
  trainMean: number;
  /** The folds used. */
  folds: Fold[];
}

/**
 * Rows of a matrix by index (a new matrix, in the given order; repeats allowed).
 * @param x - n x d
 * @returns indices.length x d
 */
export function takeMatrixRows(x: Matrix, indices: ArrayLike<number>): Matrix {
  const d = x.cols;
  const out = new Float64Array(indices.length * d);
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i];
    if (!Number.isInteger(r) || r < 0 || r >= x.rows) throw new RangeError(`takeMatrixRows: expected indices in [0, ${x.rows}), got indices[${i}] = ${r}`);
    out.set(x.data.subarray(r * d, (r + 1) * d), i * d);
  }
  return { rows: indices.length, cols: d, data: out };
}

/**
 * k-fold cross-validation of one estimator.
 * @param x - n x d features (a Matrix or array of rows)
 * @param y - n targets or class labels (a typed array; passed to the callbacks as subsets of the same type)
 * @returns per-fold train and test scores with their mean
 * @throws TypeError for a bad x or y type; RangeError for mismatched lengths, k > n, or folds that do not fit n
 */
export function crossValidate<M, Y extends NumericArray>(x: MatrixLike, y: Y, estimator: Estimator<M, Y>, options: Partial<CrossValidateOptions> = {}): CrossValidateResult {
  const o = { ...crossValidateDefaults, ...options };
  const X = asMatrix(x, 'x');
  if (!ArrayBuffer.isView(y) || y instanceof DataView) throw new TypeError('crossValidate: expected y to be a typed array (e.g. Float64Array or Int32Array)');
  if (y.length !== X.rows) throw new RangeError(`crossValidate: expected y to have ${X.rows} values (one per row of x), got ${y.length}`);
  if (X.rows === 0) throw new RangeError('crossValidate: expected at least 1 sample, got 0');
  if (typeof estimator?.fit !== 'function' || typeof estimator?.score !== 'function') throw new TypeError('crossValidate: expected an estimator { fit, score }');
  const folds = o.folds ?? (o.stratify
    ? stratifiedKFold(y, o.k, { shuffle: o.shuffle, seed: o.seed })
    : kFold(X.rows, o.k, { shuffle: o.shuffle, seed: o.seed }));
  for (const f of folds) {
    if (f.train.length === 0 || f.test.length === 0) throw new RangeError('crossValidate: expected every fold to have train and test rows');
    for (const idx of [f.train, f.test]) for (const i of idx) if (i < 0 || i >= X.rows) throw new RangeError(`crossValidate: fold index ${i} is outside [0, ${X.rows})`);
  }
  const k = folds.length;
  const testScores = new Float64Array(k);
  const trainScores = new Float64Array(k).fill(NaN);
  folds.forEach((f, i) => {
    const xTrain = takeMatrixRows(X, f.train), yTrain = take(y, f.train);
    const model = estimator.fit(xTrain, yTrain);
    testScores[i] = estimator.score(model, takeMatrixRows(X, f.test), take(y, f.test));
    if (o.returnTrainScore) trainScores[i] = estimator.score(model, xTrain, yTrain);
  });
  const { mean: testMean, std: testStd } = meanStd(testScores);
  return { testScores, trainScores, testMean, testStd, trainMean: meanStd(trainScores).mean, folds };
}

/** Mean and sample standard deviation (ddof = 1; 0 for a single value). */
export function meanStd(values: ArrayLike<number>): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) return { mean: NaN, std: NaN };
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  return { mean, std: n > 1 ? Math.sqrt(ss / (n - 1)) : 0 };
}
