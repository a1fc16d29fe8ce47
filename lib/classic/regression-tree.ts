// CART regression tree: splits that most reduce the squared error, leaves predict the mean (the weak learner of gradient boosting).
import { asFittedInput, asVector, type Matrix, type MatrixLike } from '../core/matrix';
import { r2Score } from '../linear/linear-regression';
import { asSampleWeights, leafIndex } from './decision-tree';
import { midpoint, partitionNode, presortColumns, restrictOrder } from './presort';
import { asTrainingMatrix, checkTreeGrowthLimits } from './validate';

export interface RegressionTreeOptions {
  /** Maximum depth (the root is depth 0); 1 gives a stump: one split, two leaves. */
  maxDepth: number;
  /** A node with fewer samples than this is not split. */
  minSamplesSplit: number;
  /** Each child must keep at least this many samples. */
  minSamplesLeaf: number;
  /** A node is split only when the weighted variance drops by more than this (the node's own decrease, per unit weight). */
  minImpurityDecrease: number;
}

export const regressionTreeDefaults: Readonly<RegressionTreeOptions> = {
  maxDepth: Infinity,
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  minImpurityDecrease: 0,
};

/** A fitted regression tree in flat arrays; as {@link ClassificationTree} but `value` holds one mean per node. */
export interface RegressionTree {
  nodeCount: number;
  nFeatures: number;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  depth: Int32Array;
  nSamples: Int32Array;
  weight: Float64Array;
  /** Weighted variance of the targets in the node. */
  impurity: Float64Array;
  /** Variance decrease of the node's split (0 for leaves). */
  gain: Float64Array;
  /** Weighted mean target in the node (the prediction at a leaf). */
  value: Float64Array;
}

export function checkRegressionTreeOptions(options: Partial<RegressionTreeOptions>): RegressionTreeOptions {
  const o = { ...regressionTreeDefaults, ...options };
  checkTreeGrowthLimits(o);
  return o;
}

/**
 * Grows a regression tree on presorted features. A split's score is S_L^2 / W_L + S_R^2 / W_R (S = sum of w y,
 * W = sum of w), which is the parent's squared error minus the children's, up to a constant: maximising it minimises
 * the children's total squared error.
 * @param X - n x d rows
 * @param target - n targets
 * @param weights - n weights (0 = row not used)
 * @param sortedOrder - d * m presorted orders of the rows with weight > 0; consumed
 */
export function growRegressionTree(X: Matrix, target: Float64Array, weights: Float64Array, sortedOrder: Int32Array, m: number, o: RegressionTreeOptions): RegressionTree {
  const d = X.cols, Xd = X.data;
  const order = sortedOrder;
  const goesLeft = new Uint8Array(X.rows);
  const buffer = new Int32Array(m);
  const feature: number[] = [], threshold: number[] = [], leftChild: number[] = [], rightChild: number[] = [];
  const depthArr: number[] = [], nSamples: number[] = [], weightArr: number[] = [], imp: number[] = [], gainArr: number[] = [], value: number[] = [];
  const newNode = (depth: number): number => {
    feature.push(-1); threshold.push(0); leftChild.push(-1); rightChild.push(-1);
    depthArr.push(depth); nSamples.push(0); weightArr.push(0); imp.push(0); gainArr.push(0); value.push(0);
    return feature.length - 1;
  };
  const stack: number[] = [newNode(0), 0, m];
  while (stack.length > 0) {
    const end = stack.pop() as number, start = stack.pop() as number, node = stack.pop() as number;
    const depth = depthArr[node];
    const size = end - start;
    let W = 0, S = 0;
    for (let p = start; p < end; p++) {
      const i = order[p];
      const w = weights[i];
      W += w; S += w * target[i];
    }
    const mean = S / W;
    // variance from a second pass: stable even when the mean is large compared with the spread
    let sse = 0;
    for (let p = start; p < end; p++) {
      const i = order[p];
      const e = target[i] - mean;
      sse += weights[i] * e * e;
    }
    nSamples[node] = size; weightArr[node] = W; value[node] = mean; imp[node] = sse / W;
    if (depth >= o.maxDepth || size < o.minSamplesSplit || size < 2 * o.minSamplesLeaf || !(sse > 0)) continue;

    const parentScore = (S * S) / W;
    let bestScore = -Infinity, bestFeature = -1, bestPos = -1, bestThreshold = 0;
    for (let f = 0; f < d; f++) {
      const base = f * m;
      if (Xd[order[base + start] * d + f] === Xd[order[base + end - 1] * d + f]) continue;
      let wl = 0, sl = 0;
      for (let p = start; p < end - 1; p++) {
        const i = order[base + p];
        const w = weights[i];
        wl += w; sl += w * target[i];
        const xv = Xd[i * d + f];
        const xn = Xd[order[base + p + 1] * d + f];
        if (xn === xv) continue;
        const nl = p - start + 1;
        if (nl < o.minSamplesLeaf || size - nl < o.minSamplesLeaf) continue;
        const wr = W - wl;
        if (!(wl > 0) || !(wr > 0)) continue;
        const sr = S - sl;
        const score = (sl * sl) / wl + (sr * sr) / wr;
        if (bestFeature < 0 || score > bestScore + 1e-12 * Math.abs(bestScore)) {
          bestScore = score; bestFeature = f; bestPos = p; bestThreshold = midpoint(xv, xn);
        }
      }
    }
    if (bestFeature < 0) continue;
    const gain = (bestScore - parentScore) / W; // decrease of the weighted variance
    if (!(gain > o.minImpurityDecrease + 1e-12 * imp[node])) continue;
    const base = bestFeature * m;
    for (let p = start; p < end; p++) goesLeft[order[base + p]] = p <= bestPos ? 1 : 0;
    partitionNode(order, m, d, start, end, goesLeft, buffer);
    const mid = bestPos + 1;
    feature[node] = bestFeature; threshold[node] = bestThreshold; gainArr[node] = gain;
    const l = newNode(depth + 1), r = newNode(depth + 1);
    leftChild[node] = l; rightChild[node] = r;
    stack.push(r, mid, end, l, start, mid);
  }
  return {
    nodeCount: feature.length, nFeatures: d,
    feature: Int32Array.from(feature), threshold: Float64Array.from(threshold),
    left: Int32Array.from(leftChild), right: Int32Array.from(rightChild), depth: Int32Array.from(depthArr),
    nSamples: Int32Array.from(nSamples), weight: Float64Array.from(weightArr), impurity: Float64Array.from(imp),
    gain: Float64Array.from(gainArr), value: Float64Array.from(value),
  };
}

/**
 * A CART regression tree: each split minimises the total squared error of the two children (equivalently, maximises
 * the variance reduction); a leaf predicts the mean target of its training rows.
 */
export class DecisionTreeRegressor {
  readonly options: Readonly<RegressionTreeOptions>;
  tree: RegressionTree | null = null;
  nFeatures = 0;

  constructor(options: Partial<RegressionTreeOptions> = {}) {
    this.options = checkRegressionTreeOptions(options);
  }

  /**
   * @param x - n x d row-major features
   * @param y - length n targets
   * @param sampleWeight - optional length n non-negative weights
   */
  fit(x: MatrixLike, y: ArrayLike<number>, sampleWeight?: ArrayLike<number>): this {
    const X = asTrainingMatrix(x);
    const Y = asVector(y, 'y', X.rows);
    const w = asSampleWeights(sampleWeight, X.rows);
    const { order, m } = restrictOrder(presortColumns(X), X.rows, X.cols, w);
    this.tree = growRegressionTree(X, Y, w, order, m, this.options);
    this.nFeatures = X.cols;
    return this;
  }

  private fitted(x: MatrixLike): { tree: RegressionTree; X: Matrix } {
    if (!this.tree) throw new Error('DecisionTreeRegressor: call fit(x, y) before predicting');
    const X = asFittedInput(x, this.nFeatures);
    return { tree: this.tree, X };
  }

  /** The leaf each row lands in. @param x - m x d */
  apply(x: MatrixLike): Int32Array {
    const { tree, X } = this.fitted(x);
    const out = new Int32Array(X.rows);
    for (let i = 0; i < X.rows; i++) out[i] = leafIndex(tree, X.data, i * X.cols);
    return out;
  }

  /** The mean target of each row's leaf. @param x - m x d */
  predict(x: MatrixLike): Float64Array {
    const { tree, X } = this.fitted(x);
    const out = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) out[i] = tree.value[leafIndex(tree, X.data, i * X.cols)];
    return out;
  }

  /** R^2 on (x, y). */
  score(x: MatrixLike, y: ArrayLike<number>): number {
    return r2Score(y, this.predict(x));
  }
}
