// CART classification tree: Gini or entropy impurity, information gain, presorted greedy splits, depth and size limits.
import { asFittedInput, asVector, matrix, type Matrix, type MatrixLike } from '../core/matrix';
import { rngFrom, type Rng } from '../core/random';
import { asClassLabels } from '../linear/softmax-regression';
import { midpoint, partitionNode, presortColumns, restrictOrder } from './presort';
import { asTrainingMatrix, checkTreeGrowthLimits } from './validate';

export type Criterion = 'gini' | 'entropy';

function totalOf(counts: ArrayLike<number>, fn: string): number {
  if (counts === null || typeof counts !== 'object' || typeof counts.length !== 'number') throw new TypeError(`${fn}: expected an array of class counts`);
  if (counts.length === 0) throw new RangeError(`${fn}: expected at least 1 class count, got 0`);
  let total = 0;
  for (let k = 0; k < counts.length; k++) {
    const c = counts[k];
    if (typeof c !== 'number') throw new TypeError(`${fn}: expected numeric counts, got ${typeof c} at index ${k}`);
    if (!(c >= 0) || !Number.isFinite(c)) throw new RangeError(`${fn}: expected finite counts >= 0, got ${c} at index ${k}`);
    total += c;
  }
  return total;
}

/**
 * Gini impurity of a node with the given class counts (or probabilities): G = 1 - sum_k p_k^2, the chance that two
 * labels drawn at random from the node disagree. 0 for a pure node; at most 1 - 1/K.
 * @throws RangeError for an empty array or a zero total
 */
export function giniImpurity(counts: ArrayLike<number>): number {
  const total = totalOf(counts, 'giniImpurity');
  if (!(total > 0)) throw new RangeError('giniImpurity: expected a positive total count, got 0');
  let s = 0;
  for (let k = 0; k < counts.length; k++) {
    const p = counts[k] / total;
    s += p * p;
  }
  return 1 - s;
}

/**
 * Shannon entropy of a node's class distribution: H = -sum_k p_k log_base p_k (0 log 0 = 0). In bits by default;
 * 0 for a pure node, log2 K for K equally frequent classes.
 * @throws RangeError for an empty array, a zero total or base <= 1
 */
export function entropy(counts: ArrayLike<number>, base = 2): number {
  const total = totalOf(counts, 'entropy');
  if (!(total > 0)) throw new RangeError('entropy: expected a positive total count, got 0');
  if (!(base > 1) || !Number.isFinite(base)) throw new RangeError(`entropy: expected base > 1, got base = ${base}`);
  let h = 0;
  for (let k = 0; k < counts.length; k++) {
    if (counts[k] > 0) {
      const p = counts[k] / total;
      h -= p * Math.log(p);
    }
  }
  return h / Math.log(base);
}

/** The impurity of a node under `criterion` (entropy in bits). */
export function impurity(counts: ArrayLike<number>, criterion: Criterion = 'gini'): number {
  if (criterion === 'gini') return giniImpurity(counts);
  if (criterion === 'entropy') return entropy(counts);
  throw new RangeError(`expected criterion 'gini' or 'entropy', got ${String(criterion)}`);
}

/**
 * Information gain of splitting a parent node into children: I(parent) - sum_c (n_c / n) I(child_c), with I the Gini
 * impurity or the entropy. With entropy this is the mutual information between the split and the label.
 * @param parent - class counts of the parent
 * @param children - class counts of each child (same number of classes; they must add up to the parent)
 * @throws RangeError when the children do not add up to the parent
 */
export function informationGain(parent: ArrayLike<number>, children: ArrayLike<number>[], criterion: Criterion = 'entropy'): number {
  const total = totalOf(parent, 'informationGain');
  if (!(total > 0)) throw new RangeError('informationGain: expected a parent with a positive total count, got 0');
  if (!Array.isArray(children) || children.length === 0) throw new TypeError('informationGain: expected an array of child count arrays');
  const sum = new Float64Array(parent.length);
  let weighted = 0;
  for (const child of children) {
    const t = totalOf(child, 'informationGain');
    if (child.length !== parent.length) throw new RangeError(`informationGain: expected children with ${parent.length} classes, got ${child.length}`);
    for (let k = 0; k < child.length; k++) sum[k] += child[k];
    if (t > 0) weighted += (t / total) * impurity(child, criterion);
  }
  for (let k = 0; k < parent.length; k++) {
    if (Math.abs(sum[k] - parent[k]) > 1e-9 * Math.max(1, total)) {
      throw new RangeError(`informationGain: expected the children to add up to the parent, got ${sum[k]} vs ${parent[k]} for class ${k}`);
    }
  }
  return impurity(parent, criterion) - weighted;
}

/** Counts of each class 0..K-1 in `labels` (K = max label + 1 unless given). */
export function classCounts(labels: ArrayLike<number>, nClasses?: number): Float64Array {
  const { labels: y, nClasses: K } = asClassLabels(labels, labels.length, nClasses);
  const out = new Float64Array(K);
  for (let i = 0; i < y.length; i++) out[y[i]]++;
  return out;
}

export type MaxFeatures = number | 'sqrt' | 'log2' | 'all';

export interface DecisionTreeOptions {
  /** Impurity to minimise: 'gini' (CART's default) or 'entropy' (information gain, as in ID3/C4.5). */
  criterion: Criterion;
  /** Maximum depth (the root is depth 0); Infinity grows until the leaves are pure or too small. */
  maxDepth: number;
  /** A node with fewer samples than this is not split. */
  minSamplesSplit: number;
  /** Each child must keep at least this many samples. */
  minSamplesLeaf: number;
  /** A node is split only when its best information gain exceeds this. */
  minImpurityDecrease: number;
  /**
   * Features tried at each split: 'all', a count (integer >= 1), a fraction in (0, 1), 'sqrt' or 'log2' of d. With fewer
   * than all, the features are drawn at random per node (the random-forest trick), so the seed matters.
   */
  maxFeatures: MaxFeatures;
  /** Seed for the feature draws; default: forked from the global seed (only used when maxFeatures < d). */
  seed: number | undefined;
}

export const decisionTreeDefaults: Readonly<DecisionTreeOptions> = {
  criterion: 'gini',
  maxDepth: Infinity,
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  minImpurityDecrease: 0,
  maxFeatures: 'all',
  seed: undefined,
};

/** Checks tree options and returns them merged with the defaults. */
export function checkTreeOptions(options: Partial<DecisionTreeOptions>): DecisionTreeOptions {
  const o = { ...decisionTreeDefaults, ...options };
  if (o.criterion !== 'gini' && o.criterion !== 'entropy') throw new RangeError(`expected criterion 'gini' or 'entropy', got ${String(o.criterion)}`);
  checkTreeGrowthLimits(o);
  const mf = o.maxFeatures;
  if (typeof mf === 'number') {
    if (!(mf > 0) || !Number.isFinite(mf) || (mf > 1 && !Number.isInteger(mf))) throw new RangeError(`expected maxFeatures to be a positive integer or a fraction in (0, 1), got maxFeatures = ${mf}`);
  } else if (mf !== 'sqrt' && mf !== 'log2' && mf !== 'all') throw new RangeError(`expected maxFeatures to be a number, 'sqrt', 'log2' or 'all', got ${String(mf)}`);
  return o;
}

/** How many features a split looks at, out of d. */
export function resolveMaxFeatures(mf: MaxFeatures, d: number): number {
  let k: number;
  if (mf === 'all') k = d;
  else if (mf === 'sqrt') k = Math.floor(Math.sqrt(d));
  else if (mf === 'log2') k = Math.floor(Math.log2(d));
  else if (mf < 1) k = Math.floor(mf * d);
  else {
    if (mf > d) throw new RangeError(`expected maxFeatures <= ${d} features, got maxFeatures = ${mf}`);
    k = mf;
  }
  return Math.max(1, Math.min(d, k));
}

/**
 * A fitted classification tree in flat arrays (node 0 is the root). Internal nodes send x to `left[node]` when
 * x[feature[node]] <= threshold[node], else to `right[node]`; leaves have feature -1.
 */
export interface ClassificationTree {
  nodeCount: number;
  nClasses: number;
  nFeatures: number;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  depth: Int32Array;
  /** Distinct training rows reaching the node. */
  nSamples: Int32Array;
  /** Total sample weight reaching the node (= nSamples without weights). */
  weight: Float64Array;
  /** The node's impurity under the tree's criterion. */
  impurity: Float64Array;
  /** Information gain of the node's split (0 for leaves). */
  gain: Float64Array;
  /** nodeCount x nClasses: the weighted class distribution of the training rows in the node (rows sum to 1). */
  value: Float64Array;
  /**
   * The features whose thresholds were searched at each node, in the order drawn: node i's are
   * `searched[searchedStart[i]]` up to `searched[searchedStart[i + 1]]` (exclusive). With maxFeatures = k < d, the first
   * k features of a fresh random permutation that are not constant in the node (constant ones are skipped and not
   * counted, as in scikit-learn); otherwise every non-constant feature. Empty where growth stopped before a search.
   * A split's feature is always one of its node's searched features: this is what makes a forest random.
   */
  searched: Int32Array;
  /** nodeCount + 1 offsets into `searched`. */
  searchedStart: Int32Array;
}

/** Impurity from class weights (no checks; total > 0). */
function impurityOf(c: Float64Array, total: number, entropyCriterion: boolean, K: number): number {
  if (entropyCriterion) {
    let h = 0;
    for (let k = 0; k < K; k++) {
      const v = c[k];
      if (v > 0) {
        const p = v / total;
        h -= p * Math.log2(p);
      }
    }
    return h;
  }
  let s = 0;
  for (let k = 0; k < K; k++) {
    const p = c[k] / total;
    s += p * p;
  }
  return 1 - s;
}

/** Gains closer than this are treated as ties (kept: the first feature, then the lowest threshold, wins). */
const TIE = 1e-12;

/**
 * Grows a classification tree by greedy recursive splitting on presorted features.
 * @param X - n x d training rows
 * @param y - n class labels in 0..K-1
 * @param weights - n sample weights (0 = not in this tree's sample, e.g. out of bag)
 * @param sortedOrder - d * m presorted orders of the rows with weight > 0 (from presortColumns + restrictOrder); consumed
 * @param rng - feature draws when maxFeatures < d
 */
export function growClassificationTree(
  X: Matrix, y: Int32Array, K: number, weights: Float64Array, sortedOrder: Int32Array, m: number, o: DecisionTreeOptions, rng: Rng | null,
): ClassificationTree {
  const d = X.cols, Xd = X.data;
  const useEntropy = o.criterion === 'entropy';
  const tryFeatures = resolveMaxFeatures(o.maxFeatures, d);
  const order = sortedOrder;
  const goesLeft = new Uint8Array(X.rows);
  const buffer = new Int32Array(m);
  const featurePerm = new Int32Array(d);
  for (let f = 0; f < d; f++) featurePerm[f] = f;
  const counts = new Float64Array(K), left = new Float64Array(K), right = new Float64Array(K);

  const feature: number[] = [], threshold: number[] = [], leftChild: number[] = [], rightChild: number[] = [];
  const depthArr: number[] = [], nSamples: number[] = [], weightArr: number[] = [], imp: number[] = [], gainArr: number[] = [];
  const value: number[] = [];
  const searched: number[][] = [];
  const newNode = (depth: number): number => {
    searched.push([]);
    feature.push(-1); threshold.push(0); leftChild.push(-1); rightChild.push(-1);
    depthArr.push(depth); nSamples.push(0); weightArr.push(0); imp.push(0); gainArr.push(0);
    for (let k = 0; k < K; k++) value.push(0);
    return feature.length - 1;
  };

  const stack: number[] = [newNode(0), 0, m];
  while (stack.length > 0) {
    const end = stack.pop() as number, start = stack.pop() as number, node = stack.pop() as number;
    const depth = depthArr[node];
    const size = end - start;
    counts.fill(0);
    let W = 0;
    for (let p = start; p < end; p++) {
      const i = order[p];
      counts[y[i]] += weights[i];
      W += weights[i];
    }
    const nodeImp = impurityOf(counts, W, useEntropy, K);
    nSamples[node] = size; weightArr[node] = W; imp[node] = nodeImp;
    for (let k = 0; k < K; k++) value[node * K + k] = counts[k] / W;
    if (depth >= o.maxDepth || size < o.minSamplesSplit || size < 2 * o.minSamplesLeaf || nodeImp <= 1e-14) continue;

    let bestGain = -Infinity, bestFeature = -1, bestPos = -1, bestThreshold = 0;
    if (tryFeatures < d && rng) {
      for (let f = d - 1; f > 0; f--) { const j = rng.int(f + 1); const t = featurePerm[f]; featurePerm[f] = featurePerm[j]; featurePerm[j] = t; }
    }
    let tried = 0;
    for (let q = 0; q < d && tried < tryFeatures; q++) {
      const f = tryFeatures < d ? featurePerm[q] : q;
      const base = f * m;
      if (Xd[order[base + start] * d + f] === Xd[order[base + end - 1] * d + f]) continue; // constant here: no split, not counted
      tried++;
      searched[node].push(f);
      left.fill(0);
      let wl = 0;
      for (let p = start; p < end - 1; p++) {
        const i = order[base + p];
        const w = weights[i];
        left[y[i]] += w;
        wl += w;
        const xv = Xd[i * d + f];
        const xn = Xd[order[base + p + 1] * d + f];
        if (xn === xv) continue;
        const nl = p - start + 1;
        if (nl < o.minSamplesLeaf || size - nl < o.minSamplesLeaf) continue;
        const wr = W - wl;
        if (!(wl > 0) || !(wr > 0)) continue;
        for (let k = 0; k < K; k++) right[k] = counts[k] - left[k];
        const gain = nodeImp - (wl / W) * impurityOf(left, wl, useEntropy, K) - (wr / W) * impurityOf(right, wr, useEntropy, K);
        if (gain > bestGain + TIE) {
          bestGain = gain; bestFeature = f; bestPos = p; bestThreshold = midpoint(xv, xn);
        }
      }
    }
    if (bestFeature < 0 || !(bestGain > o.minImpurityDecrease + TIE)) continue;

    const base = bestFeature * m;
    for (let p = start; p < end; p++) goesLeft[order[base + p]] = p <= bestPos ? 1 : 0;
    partitionNode(order, m, d, start, end, goesLeft, buffer);
    const mid = bestPos + 1;
    feature[node] = bestFeature; threshold[node] = bestThreshold; gainArr[node] = bestGain;
    const l = newNode(depth + 1), r = newNode(depth + 1);
    leftChild[node] = l; rightChild[node] = r;
    stack.push(r, mid, end, l, start, mid); // left popped first
  }
  const searchedStart = new Int32Array(feature.length + 1);
  for (let i = 0; i < feature.length; i++) searchedStart[i + 1] = searchedStart[i] + searched[i].length;
  return {
    nodeCount: feature.length, nClasses: K, nFeatures: d,
    feature: Int32Array.from(feature), threshold: Float64Array.from(threshold),
    left: Int32Array.from(leftChild), right: Int32Array.from(rightChild), depth: Int32Array.from(depthArr),
    nSamples: Int32Array.from(nSamples), weight: Float64Array.from(weightArr), impurity: Float64Array.from(imp),
    gain: Float64Array.from(gainArr), value: Float64Array.from(value),
    searched: Int32Array.from(searched.flat()), searchedStart,
  };
}

/** The leaf reached by the row starting at `offset` in `data`. */
export function leafIndex(tree: ClassificationTree | { feature: Int32Array; threshold: Float64Array; left: Int32Array; right: Int32Array }, data: Float64Array, offset: number): number {
  const { feature, threshold, left, right } = tree;
  let node = 0;
  let f = feature[0];
  while (f >= 0) {
    node = data[offset + f] <= threshold[node] ? left[node] : right[node];
    f = feature[node];
  }
  return node;
}

/** Sample weights: all ones, or checked non-negative finite values with a positive sum. */
export function asSampleWeights(sampleWeight: ArrayLike<number> | undefined, n: number): Float64Array {
  if (sampleWeight === undefined) return new Float64Array(n).fill(1);
  const w = asVector(sampleWeight, 'sampleWeight', n).slice();
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (w[i] < 0) throw new RangeError(`expected sampleWeight >= 0, got ${w[i]} at index ${i}`);
    total += w[i];
  }
  if (!(total > 0)) throw new RangeError('expected sampleWeight with a positive sum, got 0');
  return w;
}

/** Fraction of equal entries (accuracy), for the classifiers' score methods. */
export function accuracyOf(pred: ArrayLike<number>, truth: ArrayLike<number>): number {
  if (pred.length !== truth.length) throw new RangeError(`expected ${pred.length} labels, got ${truth.length}`);
  if (pred.length === 0) throw new RangeError('expected at least 1 sample, got 0');
  let correct = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === truth[i]) correct++;
  return correct / pred.length;
}

/** Index of the largest of K values starting at `offset` (ties: the lowest index). */
export function argmaxAt(values: ArrayLike<number>, offset: number, K: number): number {
  let best = 0;
  for (let k = 1; k < K; k++) if (values[offset + k] > values[offset + best]) best = k;
  return best;
}

/** The index of the largest entry of every row (ties: the lowest index). @param scores - m x K @returns length m */
export function argmaxRows(scores: Matrix): Int32Array {
  const K = scores.cols;
  const out = new Int32Array(scores.rows);
  for (let i = 0; i < scores.rows; i++) out[i] = argmaxAt(scores.data, i * K, K);
  return out;
}

/**
 * A CART decision tree for classification. Each node picks, over the tried features and every threshold halfway between
 * consecutive distinct values, the split with the largest information gain I(node) - (n_L/n) I(L) - (n_R/n) I(R),
 * with I the Gini impurity or the entropy; growth stops at maxDepth, at pure nodes, below minSamplesSplit, or when no
 * split gains more than minImpurityDecrease. Leaves predict their majority class (probabilities: class shares).
 * Every feature is sorted once; nodes keep their rows sorted by stable partitions, so a level costs O(n d).
 */
export class DecisionTreeClassifier {
  readonly options: Readonly<DecisionTreeOptions>;
  tree: ClassificationTree | null = null;
  nClasses = 0;
  nFeatures = 0;

  constructor(options: Partial<DecisionTreeOptions> = {}) {
    this.options = checkTreeOptions(options);
  }

  /**
   * @param x - n x d row-major features
   * @param labels - length n class indices in 0..K-1
   * @param sampleWeight - optional length n non-negative weights (rows with weight 0 are ignored)
   */
  fit(x: MatrixLike, labels: ArrayLike<number>, sampleWeight?: ArrayLike<number>): this {
    const X = asTrainingMatrix(x);
    const { labels: y, nClasses } = asClassLabels(labels, X.rows);
    const w = asSampleWeights(sampleWeight, X.rows);
    const { order, m } = restrictOrder(presortColumns(X), X.rows, X.cols, w);
    const rng = resolveMaxFeatures(this.options.maxFeatures, X.cols) < X.cols ? rngFrom(this.options.seed) : null;
    this.tree = growClassificationTree(X, y, nClasses, w, order, m, this.options, rng);
    this.nClasses = nClasses;
    this.nFeatures = X.cols;
    return this;
  }

  private fitted(x: MatrixLike): { tree: ClassificationTree; X: Matrix } {
    if (!this.tree) throw new Error('DecisionTreeClassifier: call fit(x, labels) before predicting');
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

  /** Class probabilities (the class shares of each row's leaf). @param x - m x d @returns m x K */
  predictProba(x: MatrixLike): Matrix {
    const { tree, X } = this.fitted(x);
    const K = tree.nClasses;
    const out = matrix(X.rows, K);
    for (let i = 0; i < X.rows; i++) {
      const leaf = leafIndex(tree, X.data, i * X.cols);
      out.data.set(tree.value.subarray(leaf * K, leaf * K + K), i * K);
    }
    return out;
  }

  /** The majority class of each row's leaf (ties: the lowest class index). @param x - m x d */
  predict(x: MatrixLike): Int32Array {
    const { tree, X } = this.fitted(x);
    const K = tree.nClasses;
    const out = new Int32Array(X.rows);
    for (let i = 0; i < X.rows; i++) out[i] = argmaxAt(tree.value, leafIndex(tree, X.data, i * X.cols) * K, K);
    return out;
  }

  /** Accuracy on (x, labels). */
  score(x: MatrixLike, labels: ArrayLike<number>): number {
    const pred = this.predict(x);
    return accuracyOf(pred, asClassLabels(labels, pred.length).labels);
  }

  /** Depth of the deepest leaf (0 for a single leaf). */
  get depth(): number {
    if (!this.tree) return 0;
    let max = 0;
    for (let i = 0; i < this.tree.nodeCount; i++) if (this.tree.depth[i] > max) max = this.tree.depth[i];
    return max;
  }

  /** Number of leaves. */
  get nLeaves(): number {
    if (!this.tree) return 0;
    let c = 0;
    for (let i = 0; i < this.tree.nodeCount; i++) if (this.tree.feature[i] < 0) c++;
    return c;
  }

  /**
   * Mean decrease in impurity per feature: the sum over the feature's splits of (node weight / total weight) x gain,
   * normalised to sum to 1 (all zeros for a single-leaf tree).
   */
  featureImportances(): Float64Array {
    if (!this.tree) throw new Error('DecisionTreeClassifier: call fit(x, labels) first');
    return treeImportances(this.tree);
  }

  /**
   * The tree as indented text, one line per node, e.g. `petal_length <= 2.45  (gini 0.667, n 120)`.
   * @param names - optional feature and class names
   */
  toText(names: { featureNames?: string[]; classNames?: string[]; digits?: number } = {}): string {
    if (!this.tree) throw new Error('DecisionTreeClassifier: call fit(x, labels) first');
    const t = this.tree, K = t.nClasses, digits = names.digits ?? 3;
    const fname = (f: number) => names.featureNames?.[f] ?? `x${f}`;
    const cname = (k: number) => names.classNames?.[k] ?? String(k);
    const crit = this.options.criterion;
    const lines: string[] = [];
    const walk = (node: number, indent: string, prefix: string) => {
      const stats = `${crit} ${t.impurity[node].toFixed(3)}, n ${t.nSamples[node]}`;
      if (t.feature[node] < 0) {
        lines.push(`${indent}${prefix}class ${cname(argmaxAt(t.value, node * K, K))}  (${stats})`);
        return;
      }
      const thr = t.threshold[node].toFixed(digits);
      lines.push(`${indent}${prefix}${fname(t.feature[node])} <= ${thr}  (${stats})`);
      walk(t.left[node], indent + '|   ', 'yes: ');
      walk(t.right[node], indent + '|   ', 'no:  ');
    };
    walk(0, '', '');
    return lines.join('\n');
  }
}

/** Mean decrease in impurity per feature of one tree, normalised to sum to 1. */
export function treeImportances(tree: ClassificationTree): Float64Array {
  const imp = new Float64Array(tree.nFeatures);
  const total = tree.weight[0];
  for (let node = 0; node < tree.nodeCount; node++) {
    const f = tree.feature[node];
    if (f >= 0) imp[f] += (tree.weight[node] / total) * tree.gain[node];
  }
  let s = 0;
  for (let f = 0; f < imp.length; f++) s += imp[f];
  if (s > 0) for (let f = 0; f < imp.length; f++) imp[f] /= s;
  return imp;
}
