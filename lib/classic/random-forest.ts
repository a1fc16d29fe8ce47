// Random forest (and plain bagging): bootstrap samples, a random feature subset per split, averaged tree votes, out-of-bag score.
import { asFittedInput, matrix, type Matrix, type MatrixLike } from '../core/matrix';
import { rngFrom } from '../core/random';
import { asClassLabels } from '../linear/softmax-regression';
import {
  accuracyOf, argmaxAt, argmaxRows, checkTreeOptions, growClassificationTree, leafIndex, resolveMaxFeatures, treeImportances,
  type ClassificationTree, type Criterion, type MaxFeatures,
} from './decision-tree';
import { presortColumns, restrictOrder } from './presort';
import { asTrainingMatrix } from './validate';

export interface RandomForestOptions {
  /** Number of trees. */
  nEstimators: number;
  /** Features tried per split: 'sqrt' (the usual choice for classification), 'log2', a count, a fraction, or 'all' (= bagging). */
  maxFeatures: MaxFeatures;
  /** Train each tree on a bootstrap sample (n rows drawn with replacement); false = every tree sees all rows. */
  bootstrap: boolean;
  /** Rows per bootstrap sample: undefined = n, a fraction in (0, 1], or a count. */
  maxSamples: number | undefined;
  /** 'soft': average the trees' leaf class shares (as scikit-learn); 'hard': majority vote of the trees' predicted classes. */
  voting: 'soft' | 'hard';
  criterion: Criterion;
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  minImpurityDecrease: number;
  /** Seed for the bootstrap draws and the feature draws; default: forked from the global seed. */
  seed: number | undefined;
}

export const randomForestDefaults: Readonly<RandomForestOptions> = {
  nEstimators: 100,
  maxFeatures: 'sqrt',
  bootstrap: true,
  maxSamples: undefined,
  voting: 'soft',
  criterion: 'gini',
  maxDepth: Infinity,
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  minImpurityDecrease: 0,
  seed: undefined,
};

/**
 * A random forest classifier (Breiman 2001): each tree is grown deep on a bootstrap sample of the rows and looks at
 * only a random subset of the features at each split, which decorrelates the trees; the forest averages them, which
 * cuts variance while keeping the low bias of deep trees. With maxFeatures 'all' it is plain bagging of trees.
 * Rows left out of a tree's bootstrap sample ("out of bag", about 1/e = 37% of them) give a free validation score.
 */
export class RandomForestClassifier {
  readonly options: Readonly<RandomForestOptions>;
  trees: ClassificationTree[] = [];
  nClasses = 0;
  nFeatures = 0;
  /** Accuracy of the out-of-bag votes on the training rows that were out of bag for at least one tree (NaN without bootstrap). */
  oobScore = NaN;
  /** For each training row, how many trees did not see it. */
  oobCounts: Int32Array = new Int32Array(0);

  constructor(options: Partial<RandomForestOptions> = {}) {
    const o = { ...randomForestDefaults, ...options };
    if (!Number.isInteger(o.nEstimators) || o.nEstimators < 1) throw new RangeError(`expected nEstimators to be a positive integer, got nEstimators = ${o.nEstimators}`);
    if (typeof o.bootstrap !== 'boolean') throw new TypeError('expected bootstrap to be a boolean');
    if (o.voting !== 'soft' && o.voting !== 'hard') throw new RangeError(`expected voting 'soft' or 'hard', got ${String(o.voting)}`);
    if (o.maxSamples !== undefined && (!(o.maxSamples > 0) || !Number.isFinite(o.maxSamples) || (o.maxSamples > 1 && !Number.isInteger(o.maxSamples)))) {
      throw new RangeError(`expected maxSamples to be a fraction in (0, 1] or a positive integer, got maxSamples = ${o.maxSamples}`);
    }
    checkTreeOptions({ criterion: o.criterion, maxDepth: o.maxDepth, minSamplesSplit: o.minSamplesSplit, minSamplesLeaf: o.minSamplesLeaf, minImpurityDecrease: o.minImpurityDecrease, maxFeatures: o.maxFeatures });
    this.options = o;
  }

  /**
   * @param x - n x d row-major features
   * @param labels - length n class indices in 0..K-1
   */
  fit(x: MatrixLike, labels: ArrayLike<number>): this {
    const X = asTrainingMatrix(x);
    const n = X.rows, d = X.cols;
    const { labels: y, nClasses: K } = asClassLabels(labels, n);
    const o = this.options;
    resolveMaxFeatures(o.maxFeatures, d); // throws for a count above d
    let draws = n;
    if (o.maxSamples !== undefined) {
      draws = o.maxSamples <= 1 ? Math.max(1, Math.round(o.maxSamples * n)) : o.maxSamples;
      if (draws > n) throw new RangeError(`expected maxSamples <= ${n} samples, got maxSamples = ${o.maxSamples}`);
    }
    const treeOptions = checkTreeOptions({
      criterion: o.criterion, maxDepth: o.maxDepth, minSamplesSplit: o.minSamplesSplit, minSamplesLeaf: o.minSamplesLeaf,
      minImpurityDecrease: o.minImpurityDecrease, maxFeatures: o.maxFeatures,
    });
    const rng = rngFrom(o.seed);
    const sorted = presortColumns(X); // once for the whole forest
    const weights = new Float64Array(n);
    const oobVotes = new Float64Array(n * K);
    const oobCounts = new Int32Array(n);
    this.trees = new Array<ClassificationTree>(o.nEstimators);
    for (let t = 0; t < o.nEstimators; t++) {
      if (o.bootstrap) {
        weights.fill(0);
        for (let s = 0; s < draws; s++) weights[rng.int(n)] += 1;
      } else weights.fill(1);
      const { order, m } = restrictOrder(sorted, n, d, weights);
      const tree = growClassificationTree(X, y, K, weights, order, m, treeOptions, rng.fork());
      this.trees[t] = tree;
      if (o.bootstrap) {
        for (let i = 0; i < n; i++) {
          if (weights[i] > 0) continue;
          oobCounts[i]++;
          const leaf = leafIndex(tree, X.data, i * d);
          if (o.voting === 'soft') for (let k = 0; k < K; k++) oobVotes[i * K + k] += tree.value[leaf * K + k];
          else oobVotes[i * K + argmaxAt(tree.value, leaf * K, K)] += 1;
        }
      }
    }
    this.nClasses = K;
    this.nFeatures = d;
    this.oobCounts = oobCounts;
    if (o.bootstrap) {
      let seen = 0, correct = 0;
      for (let i = 0; i < n; i++) {
        if (oobCounts[i] === 0) continue;
        seen++;
        if (argmaxAt(oobVotes, i * K, K) === y[i]) correct++;
      }
      this.oobScore = seen > 0 ? correct / seen : NaN;
    } else this.oobScore = NaN;
    return this;
  }

  private checked(x: MatrixLike): Matrix {
    if (this.trees.length === 0) throw new Error('RandomForestClassifier: call fit(x, labels) before predicting');
    const X = asFittedInput(x, this.nFeatures);
    return X;
  }

  /**
   * Class probabilities: the average over trees of the leaf class shares ('soft'), or the share of trees voting for
   * each class ('hard').
   * @param x - m x d @returns m x K
   */
  predictProba(x: MatrixLike): Matrix {
    const X = this.checked(x);
    const K = this.nClasses, d = X.cols, T = this.trees.length;
    const out = matrix(X.rows, K);
    const P = out.data;
    const soft = this.options.voting === 'soft';
    for (const tree of this.trees) {
      const value = tree.value;
      for (let i = 0; i < X.rows; i++) {
        const leaf = leafIndex(tree, X.data, i * d) * K;
        if (soft) for (let k = 0; k < K; k++) P[i * K + k] += value[leaf + k];
        else P[i * K + argmaxAt(value, leaf, K)] += 1;
      }
    }
    for (let j = 0; j < P.length; j++) P[j] /= T;
    return out;
  }

  /** The most probable class per row (ties: the lowest index). @param x - m x d */
  predict(x: MatrixLike): Int32Array {
    return argmaxRows(this.predictProba(x));
  }

  /** Accuracy on (x, labels). */
  score(x: MatrixLike, labels: ArrayLike<number>): number {
    const pred = this.predict(x);
    return accuracyOf(pred, asClassLabels(labels, pred.length).labels);
  }

  /** Mean over trees of each tree's normalised impurity-decrease importances, renormalised to sum to 1. */
  featureImportances(): Float64Array {
    if (this.trees.length === 0) throw new Error('RandomForestClassifier: call fit(x, labels) first');
    const out = new Float64Array(this.nFeatures);
    for (const tree of this.trees) {
      const imp = treeImportances(tree);
      for (let f = 0; f < out.length; f++) out[f] += imp[f];
    }
    let s = 0;
    for (let f = 0; f < out.length; f++) s += out[f];
    if (s > 0) for (let f = 0; f < out.length; f++) out[f] /= s;
    return out;
  }
}
