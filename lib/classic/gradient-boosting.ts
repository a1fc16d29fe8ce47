// Gradient boosting with small regression trees (stumps by default): squared-error regression and binary log-loss classification.
import { asFittedInput, asVector, matrix, type Matrix, type MatrixLike } from '../core/matrix';
import { rngFrom, type Rng } from '../core/random';
import { r2Score } from '../linear/linear-regression';
import { asBinaryLabels, sigmoid, softplus } from '../linear/logistic-regression';
import { accuracyOf, leafIndex } from './decision-tree';
import { presortColumns, restrictOrder } from './presort';
import { checkRegressionTreeOptions, growRegressionTree, type RegressionTree } from './regression-tree';
import { labelsFromScores } from '../linear/linear-scores';
import { asTrainingMatrix } from './validate';

export interface GradientBoostingOptions {
  /** Boosting stages (trees). */
  nEstimators: number;
  /** Shrinkage nu: each tree's contribution is scaled by it (smaller = more stages needed, usually better test error). */
  learningRate: number;
  /** Depth of each tree; 1 = stumps (an additive model with no interactions). */
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  /** Fraction of rows (drawn without replacement) each tree is fitted on; < 1 is stochastic gradient boosting. */
  subsample: number;
  /** Seed for the subsamples (only used when subsample < 1); default: forked from the global seed. */
  seed: number | undefined;
}

export const gradientBoostingDefaults: Readonly<GradientBoostingOptions> = {
  nEstimators: 100,
  learningRate: 0.1,
  maxDepth: 1,
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  subsample: 1,
  seed: undefined,
};

function checkOptions(options: Partial<GradientBoostingOptions>): GradientBoostingOptions {
  const o = { ...gradientBoostingDefaults, ...options };
  if (!Number.isInteger(o.nEstimators) || o.nEstimators < 1) throw new RangeError(`expected nEstimators to be a positive integer, got nEstimators = ${o.nEstimators}`);
  if (!(o.learningRate > 0) || !Number.isFinite(o.learningRate)) throw new RangeError(`expected learningRate > 0, got learningRate = ${o.learningRate}`);
  if (!(o.subsample > 0 && o.subsample <= 1)) throw new RangeError(`expected subsample in (0, 1], got subsample = ${o.subsample}`);
  checkRegressionTreeOptions({ maxDepth: o.maxDepth, minSamplesSplit: o.minSamplesSplit, minSamplesLeaf: o.minSamplesLeaf });
  if (o.maxDepth < 1) throw new RangeError(`expected maxDepth >= 1, got maxDepth = ${o.maxDepth}`);
  return o;
}

/** Shared stage loop: fits each tree to the negative gradient, optionally resets its leaf values, updates F. */
function boost(
  X: Matrix, o: GradientBoostingOptions, F: Float64Array,
  negativeGradient: (F: Float64Array, out: Float64Array) => void,
  leafValues: ((tree: RegressionTree, leafOf: Int32Array, inSample: Float64Array, F: Float64Array) => void) | null,
  loss: (F: Float64Array) => number,
): { trees: RegressionTree[]; trainLoss: Float64Array } {
  const n = X.rows, d = X.cols;
  const sorted = presortColumns(X);
  const treeOptions = checkRegressionTreeOptions({ maxDepth: o.maxDepth, minSamplesSplit: o.minSamplesSplit, minSamplesLeaf: o.minSamplesLeaf });
  const rng: Rng | null = o.subsample < 1 ? rngFrom(o.seed) : null;
  const inSample = new Float64Array(n).fill(1);
  const nSub = Math.max(1, Math.round(o.subsample * n));
  const residual = new Float64Array(n);
  const leafOf = new Int32Array(n);
  const trees: RegressionTree[] = [];
  const trainLoss = new Float64Array(o.nEstimators + 1);
  trainLoss[0] = loss(F);
  for (let t = 0; t < o.nEstimators; t++) {
    negativeGradient(F, residual);
    if (rng) {
      inSample.fill(0);
      const perm = rng.permutation(n);
      for (let s = 0; s < nSub; s++) inSample[perm[s]] = 1;
    }
    const { order, m } = restrictOrder(sorted, n, d, inSample);
    const tree = growRegressionTree(X, residual, inSample, order, m, treeOptions);
    for (let i = 0; i < n; i++) leafOf[i] = leafIndex(tree, X.data, i * d);
    if (leafValues) leafValues(tree, leafOf, inSample, F);
    for (let i = 0; i < n; i++) F[i] += o.learningRate * tree.value[leafOf[i]];
    trees.push(tree);
    trainLoss[t + 1] = loss(F);
  }
  return { trees, trainLoss };
}

/** Sum over trees of learningRate x leaf value, plus the initial constant, for every row. */
function rawScores(trees: RegressionTree[], init: number, learningRate: number, x: MatrixLike, nFeatures: number): Float64Array {
  const X = asFittedInput(x, nFeatures);
  const F = new Float64Array(X.rows).fill(init);
  for (const tree of trees) {
    for (let i = 0; i < X.rows; i++) F[i] += learningRate * tree.value[leafIndex(tree, X.data, i * X.cols)];
  }
  return F;
}

/** F after each stage: (nStages + 1) x m, row 0 being the constant start. */
function stagedScores(trees: RegressionTree[], init: number, learningRate: number, x: MatrixLike, nFeatures: number): Matrix {
  const X = asFittedInput(x, nFeatures);
  const m = X.rows;
  const out = matrix(trees.length + 1, m);
  out.data.fill(init, 0, m);
  trees.forEach((tree, t) => {
    for (let i = 0; i < m; i++) {
      out.data[(t + 1) * m + i] = out.data[t * m + i] + learningRate * tree.value[leafIndex(tree, X.data, i * X.cols)];
    }
  });
  return out;
}

/**
 * Gradient boosting for regression with squared error (Friedman 2001): start from the mean, then each stage fits a
 * small regression tree h_t to the residuals y - F (the negative gradient of 1/2 (y - F)^2) and sets
 * F <- F + nu h_t. With stumps the model is a sum of one-feature step functions.
 */
export class GradientBoostingRegressor {
  readonly options: Readonly<GradientBoostingOptions>;
  trees: RegressionTree[] = [];
  /** The starting constant F_0 = mean(y). */
  init = 0;
  /** Mean squared error on the training rows after 0, 1, ..., nEstimators stages. */
  trainLoss: Float64Array = new Float64Array(0);
  nFeatures = 0;

  constructor(options: Partial<GradientBoostingOptions> = {}) {
    this.options = checkOptions(options);
  }

  /**
   * @param x - n x d row-major features
   * @param y - length n targets
   */
  fit(x: MatrixLike, y: ArrayLike<number>): this {
    const X = asTrainingMatrix(x);
    const Y = asVector(y, 'y', X.rows);
    const n = X.rows;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += Y[i];
    mean /= n;
    const F = new Float64Array(n).fill(mean);
    const result = boost(
      X, this.options, F,
      (Fc, out) => { for (let i = 0; i < n; i++) out[i] = Y[i] - Fc[i]; },
      null,
      (Fc) => { let s = 0; for (let i = 0; i < n; i++) s += (Y[i] - Fc[i]) ** 2; return s / n; },
    );
    this.trees = result.trees;
    this.trainLoss = result.trainLoss;
    this.init = mean;
    this.nFeatures = X.cols;
    return this;
  }

  private check(): void {
    if (this.trees.length === 0) throw new Error('GradientBoostingRegressor: call fit(x, y) before predicting');
  }

  /** F_0 + nu sum_t h_t(x). @param x - m x d */
  predict(x: MatrixLike): Float64Array {
    this.check();
    return rawScores(this.trees, this.init, this.options.learningRate, x, this.nFeatures);
  }

  /** Predictions after 0..nEstimators stages (for test-error curves). @returns (nEstimators + 1) x m */
  stagedPredict(x: MatrixLike): Matrix {
    this.check();
    return stagedScores(this.trees, this.init, this.options.learningRate, x, this.nFeatures);
  }

  /** R^2 on (x, y). */
  score(x: MatrixLike, y: ArrayLike<number>): number {
    return r2Score(y, this.predict(x));
  }
}

/**
 * Gradient boosting for binary classification with the log loss (Friedman 2001, "LogitBoost"-style leaves): F is the
 * log-odds, starting at log(p / (1 - p)) with p the share of ones. Each stage fits a regression tree to the negative
 * gradient y - sigma(F), then replaces each leaf's value by one Newton step, sum (y - p) / sum p (1 - p) over the
 * leaf's rows, and sets F <- F + nu h_t.
 */
export class GradientBoostingClassifier {
  readonly options: Readonly<GradientBoostingOptions>;
  trees: RegressionTree[] = [];
  /** The starting log-odds F_0. */
  init = 0;
  /** Mean log loss on the training rows after 0, 1, ..., nEstimators stages. */
  trainLoss: Float64Array = new Float64Array(0);
  nFeatures = 0;

  constructor(options: Partial<GradientBoostingOptions> = {}) {
    this.options = checkOptions(options);
  }

  /**
   * @param x - n x d row-major features
   * @param y - length n labels in {0, 1} (both must occur)
   */
  fit(x: MatrixLike, y: ArrayLike<number> | ArrayLike<boolean>): this {
    const X = asTrainingMatrix(x);
    const n = X.rows;
    const Y = asBinaryLabels(y, n);
    let ones = 0;
    for (let i = 0; i < n; i++) ones += Y[i];
    if (ones === 0 || ones === n) throw new RangeError(`expected both classes 0 and 1 in y, got only ${ones === 0 ? 0 : 1}`);
    const init = Math.log(ones / (n - ones));
    const F = new Float64Array(n).fill(init);
    let numer = new Float64Array(0), denom = new Float64Array(0);
    const result = boost(
      X, this.options, F,
      (Fc, out) => { for (let i = 0; i < n; i++) out[i] = Y[i] - sigmoid(Fc[i]); },
      (tree, leafOf, inSample, Fc) => {
        if (numer.length < tree.nodeCount) { numer = new Float64Array(tree.nodeCount); denom = new Float64Array(tree.nodeCount); }
        numer.fill(0); denom.fill(0);
        for (let i = 0; i < n; i++) {
          if (!(inSample[i] > 0)) continue;
          const p = sigmoid(Fc[i]);
          numer[leafOf[i]] += Y[i] - p;
          denom[leafOf[i]] += p * (1 - p);
        }
        for (let node = 0; node < tree.nodeCount; node++) {
          if (tree.feature[node] >= 0) continue;
          tree.value[node] = denom[node] > 1e-150 ? numer[node] / denom[node] : 0;
        }
      },
      (Fc) => { let s = 0; for (let i = 0; i < n; i++) s += softplus(Fc[i]) - Y[i] * Fc[i]; return s / n; },
    );
    this.trees = result.trees;
    this.trainLoss = result.trainLoss;
    this.init = init;
    this.nFeatures = X.cols;
    return this;
  }

  private check(): void {
    if (this.trees.length === 0) throw new Error('GradientBoostingClassifier: call fit(x, y) before predicting');
  }

  /** The log-odds F(x). @param x - m x d */
  decisionFunction(x: MatrixLike): Float64Array {
    this.check();
    return rawScores(this.trees, this.init, this.options.learningRate, x, this.nFeatures);
  }

  /** Log-odds after 0..nEstimators stages. @returns (nEstimators + 1) x m */
  stagedDecisionFunction(x: MatrixLike): Matrix {
    this.check();
    return stagedScores(this.trees, this.init, this.options.learningRate, x, this.nFeatures);
  }

  /** P(y = 1 | x) = sigma(F(x)). @param x - m x d */
  predictProba(x: MatrixLike): Float64Array {
    const F = this.decisionFunction(x);
    for (let i = 0; i < F.length; i++) F[i] = sigmoid(F[i]);
    return F;
  }

  /** 1 where F(x) > 0 (probability above 1/2), else 0. @param x - m x d */
  predict(x: MatrixLike): Int32Array {
    return labelsFromScores(this.decisionFunction(x));
  }

  /** Accuracy on (x, y). */
  score(x: MatrixLike, y: ArrayLike<number> | ArrayLike<boolean>): number {
    const pred = this.predict(x);
    return accuracyOf(pred, asBinaryLabels(y, pred.length));
  }
}
