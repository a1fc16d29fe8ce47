// Learning curves: cross-validated training and validation scores as the number of training rows grows.
import { asMatrix, type MatrixLike } from '../core/matrix';
import { rngFrom } from '../core/random';
import { take, type NumericArray } from '../data/split';
import { meanStd, takeMatrixRows, type Estimator } from './cross-validate';
import { kFold, stratifiedKFold, type Fold } from './k-fold';

export interface LearningCurveOptions {
  /** Training-set sizes: fractions in (0, 1] of each fold's training rows, or absolute counts (integers > 1). Default [0.1, 0.325, 0.55, 0.775, 1]. */
  trainSizes: number[];
  /** Number of folds. Default 5. */
  k: number;
  /** Seed for the folds and the order rows are added in; without one it forks from the global `seed(...)`. */
  seed: number | undefined;
  /** Stratify the folds by y (integer class labels). Default false. */
  stratify: boolean;
  /** Ready-made folds; overrides k/seed/stratify. */
  folds: Fold[] | undefined;
}

export const learningCurveDefaults: Readonly<LearningCurveOptions> = {
  trainSizes: [0.1, 0.325, 0.55, 0.775, 1], k: 5, seed: undefined, stratify: false, folds: undefined,
};

export interface LearningCurveResult {
  /** The absolute number of training rows at each point. */
  sizes: Int32Array;
  /** sizes.length x k scores: row s, column f = score of the model trained on the first sizes[s] (shuffled) training rows of fold f. */
  trainScores: Float64Array[];
  validationScores: Float64Array[];
  /** Mean and sample std over folds per size. */
  trainMean: Float64Array;
  trainStd: Float64Array;
  validationMean: Float64Array;
  validationStd: Float64Array;
}

/**
 * For each size m: in every fold, fit on the first m of that fold's training rows (the folds are shuffled, so these
 * are a random subset; subsets are nested as m grows) and score both on those m rows and on the fold's held-out rows.
 * Like scikit-learn's learning_curve. Rising validation and falling training scores that meet at a poor value mean
 * high bias; a wide persistent gap means high variance (more data helps).
 * @param x - n x d features
 * @param y - n targets (typed array)
 * @throws RangeError for a size larger than the smallest fold's training part, or sizes that are not positive
 */
export function learningCurve<M, Y extends NumericArray>(x: MatrixLike, y: Y, estimator: Estimator<M, Y>, options: Partial<LearningCurveOptions> = {}): LearningCurveResult {
  const o = { ...learningCurveDefaults, ...options };
  const X = asMatrix(x, 'x');
  if (!ArrayBuffer.isView(y) || y instanceof DataView) throw new TypeError('learningCurve: expected y to be a typed array');
  if (y.length !== X.rows) throw new RangeError(`learningCurve: expected y to have ${X.rows} values (one per row of x), got ${y.length}`);
  if (!Array.isArray(o.trainSizes) || o.trainSizes.length === 0) throw new RangeError('learningCurve: expected at least one train size');
  const rng = rngFrom(o.seed);
  const foldSeed = rng.nextUint32();
  const folds = o.folds ?? (o.stratify ? stratifiedKFold(y, o.k, { seed: foldSeed }) : kFold(X.rows, o.k, { seed: foldSeed }));
  const maxTrain = Math.min(...folds.map((f) => f.train.length));
  const sizes = Int32Array.from(o.trainSizes.map((s) => {
    if (typeof s !== 'number' || !Number.isFinite(s) || s <= 0) throw new RangeError(`learningCurve: expected positive train sizes, got ${s}`);
    const m = s <= 1 ? Math.max(1, Math.floor(s * maxTrain)) : s;
    if (!Number.isInteger(m)) throw new RangeError(`learningCurve: expected an integer count or a fraction in (0, 1], got ${s}`);
    if (m > maxTrain) throw new RangeError(`learningCurve: expected train sizes <= ${maxTrain} rows (the smallest fold's training part), got ${m}`);
    return m;
  }));
  // Fold parts come sorted: shuffle each fold's training rows once so a prefix of them is a random subset.
  const orders = folds.map((f) => rng.shuffle<number, Int32Array>(f.train.slice()));
  const k = folds.length;
  const trainScores: Float64Array[] = [];
  const validationScores: Float64Array[] = [];
  for (const m of sizes) {
    const tr = new Float64Array(k), va = new Float64Array(k);
    folds.forEach((f, i) => {
      const idx = orders[i].subarray(0, m);
      const xTrain = takeMatrixRows(X, idx), yTrain = take(y, idx);
      const model = estimator.fit(xTrain, yTrain);
      tr[i] = estimator.score(model, xTrain, yTrain);
      va[i] = estimator.score(model, takeMatrixRows(X, f.test), take(y, f.test));
    });
    trainScores.push(tr);
    validationScores.push(va);
  }
  const stat = (rows: Float64Array[], key: 'mean' | 'std') => Float64Array.from(rows, (r) => meanStd(r)[key]);
  return {
    sizes, trainScores, validationScores,
    trainMean: stat(trainScores, 'mean'), trainStd: stat(trainScores, 'std'),
    validationMean: stat(validationScores, 'mean'), validationStd: stat(validationScores, 'std'),
  };
}
