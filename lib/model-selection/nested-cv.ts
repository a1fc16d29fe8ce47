// Model selection by cross-validation, and nested cross-validation: an outer CV that scores the whole "tune, then refit" procedure.
import { asMatrix, type MatrixLike } from '../core/matrix';
import { withDefaults } from '../data/check';
import { take, type NumericArray } from '../data/split';
import { crossValidate, meanStd, takeMatrixRows, type Estimator } from './cross-validate';
import { kFold, stratifiedKFold, type Fold } from './k-fold';

/** The result of choosing among candidates by their mean cross-validated score. */
export interface Selection<P> {
  /** Mean test score of each candidate over the folds. */
  meanScores: Float64Array;
  /** Index of the chosen candidate (the best mean; ties: the first). */
  best: number;
  params: P;
  /** The chosen candidate's mean score: an optimistic estimate of its performance (it won because of it). */
  bestScore: number;
}

function checkCandidates<P>(fn: string, candidates: readonly P[], make: unknown): void {
  if (!Array.isArray(candidates)) throw new TypeError(`${fn}: expected candidates to be an array, got ${typeof candidates}`);
  if (candidates.length === 0) throw new RangeError(`${fn}: expected at least 1 candidate, got 0`);
  if (typeof make !== 'function') throw new TypeError(`${fn}: expected make to be a function from candidate to estimator { fit, score }`);
}

/**
 * Scores every candidate with cross-validation on the same folds and picks the best mean (grid search).
 * @param x - n x d features
 * @param y - n targets or labels
 * @param candidates - hyperparameter settings (anything `make` understands)
 * @param make - builds the estimator of one candidate
 * @param folds - the folds to score on (e.g. from kFold, groupKFold or timeSeriesSplit)
 * @param greaterIsBetter - true for accuracy or R², false for an error
 */
export function selectByCV<P, M, Y extends NumericArray>(
  x: MatrixLike, y: Y, candidates: readonly P[], make: (params: P) => Estimator<M, Y>, folds: Fold[], greaterIsBetter = true,
): Selection<P> {
  checkCandidates('selectByCV', candidates, make);
  const meanScores = Float64Array.from(candidates, (p) => crossValidate(x, y, make(p), { folds, returnTrainScore: false }).testMean);
  let best = 0;
  for (let c = 1; c < candidates.length; c++) {
    if (greaterIsBetter ? meanScores[c] > meanScores[best] : meanScores[c] < meanScores[best]) best = c;
  }
  return { meanScores, best, params: candidates[best], bestScore: meanScores[best] };
}

export interface NestedCVOptions {
  /** Outer folds (default 5); ignored when `outerFolds` is given. */
  outerK: number;
  /** Inner folds inside each outer training part (default 5); ignored when `innerFolds` is given. */
  innerK: number;
  /** Seed for the shuffled folds (the inner folds of outer fold f use seed + 1 + f). */
  seed: number;
  /** Stratify the default folds by y (integer labels). Default false. */
  stratify: boolean;
  greaterIsBetter: boolean;
  /** Ready-made outer folds (e.g. groupKFold). */
  outerFolds: Fold[] | undefined;
  /**
   * Inner folds for an outer training part: given its rows (indices into x) and the outer fold number, return folds
   * whose indices are positions 0..rows.length-1 within that part (e.g. groupKFold of those rows' groups).
   */
  innerFolds: ((rows: Int32Array, outer: number) => Fold[]) | undefined;
}

export const nestedCVDefaults: Readonly<NestedCVOptions> = {
  outerK: 5, innerK: 5, seed: 0, stratify: false, greaterIsBetter: true, outerFolds: undefined, innerFolds: undefined,
};

export interface NestedCVResult<P> {
  /** Per outer fold: the candidate the inner CV chose, and its score on the outer test part after a refit on the outer training part. */
  outerScores: Float64Array;
  chosen: number[];
  /** Mean of outerScores: the honest estimate of "tune by CV, then train" on new data. */
  nestedMean: number;
  nestedStd: number;
  /** Selection on the outer folds themselves (the usual non-nested grid search); its bestScore is optimistic. */
  nonNested: Selection<P>;
  /** nonNested.bestScore - nestedMean (for an error, nestedMean - bestScore): how much the non-nested score flatters. */
  optimism: number;
  outerFolds: Fold[];
}

/**
 * Nested cross-validation. For each outer fold: choose a candidate by inner CV on the outer training part only,
 * refit it on that whole part, score it on the outer test part. The outer test rows never influence the choice,
 * so the mean outer score estimates the performance of the tuning procedure. Also runs the non-nested
 * selection on the outer folds, whose best mean score is biased upwards by the maximum over candidates.
 * @param x - n x d features
 * @param y - n targets or labels
 * @throws TypeError for bad inputs; RangeError for bad fold counts
 */
export function nestedCrossValidate<P, M, Y extends NumericArray>(
  x: MatrixLike, y: Y, candidates: readonly P[], make: (params: P) => Estimator<M, Y>, options?: Partial<NestedCVOptions>,
): NestedCVResult<P> {
  const fn = 'nestedCrossValidate';
  const o = withDefaults<NestedCVOptions>(fn, options, { ...nestedCVDefaults });
  checkCandidates(fn, candidates, make);
  const X = asMatrix(x, 'x');
  if (!ArrayBuffer.isView(y) || y instanceof DataView) throw new TypeError(`${fn}: expected y to be a typed array (e.g. Float64Array or Int32Array)`);
  if (y.length !== X.rows) throw new RangeError(`${fn}: expected y to have ${X.rows} values (one per row of x), got ${y.length}`);
  const split = (labels: Y, n: number, k: number, seed: number): Fold[] =>
    o.stratify ? stratifiedKFold(labels, k, { seed }) : kFold(n, k, { seed });
  const outerFolds = o.outerFolds ?? split(y, X.rows, o.outerK, o.seed);
  const outerScores = new Float64Array(outerFolds.length);
  const chosen: number[] = [];
  outerFolds.forEach((fold, f) => {
    const xTrain = takeMatrixRows(X, fold.train), yTrain = take(y, fold.train);
    const inner = o.innerFolds ? o.innerFolds(fold.train, f) : split(yTrain, fold.train.length, o.innerK, o.seed + 1 + f);
    const pick = selectByCV(xTrain, yTrain, candidates, make, inner, o.greaterIsBetter);
    const est = make(pick.params);
    outerScores[f] = est.score(est.fit(xTrain, yTrain), takeMatrixRows(X, fold.test), take(y, fold.test));
    chosen.push(pick.best);
  });
  const { mean: nestedMean, std: nestedStd } = meanStd(outerScores);
  const nonNested = selectByCV(X, y, candidates, make, outerFolds, o.greaterIsBetter);
  const optimism = o.greaterIsBetter ? nonNested.bestScore - nestedMean : nestedMean - nonNested.bestScore;
  return { outerScores, chosen, nestedMean, nestedStd, nonNested, optimism, outerFolds };
}
