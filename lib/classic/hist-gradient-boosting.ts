// Second-order (Newton) gradient boosting as XGBoost and LightGBM do it: leaf weight -G/(H+λ), split gain with λ and γ,
// shrinkage, seeded column subsampling, histogram (quantile-bin) or exact split finding, learned default direction for NaN.
import { asFittedInput, asMatrix, asVector, type Matrix, type MatrixLike } from '../core/matrix';
import { rngFrom } from '../core/random';
import { asBinaryLabels, sigmoid, softplus } from '../linear/logistic-regression';
import { midpoint } from './presort';
import { MISSING_BIN, QuantileBinner } from './quantile-bins';

export interface HistGradientBoostingOptions {
  /** Boosting rounds (trees). */
  nEstimators: number;
  /** Shrinkage η: each tree's leaf weights are multiplied by it. */
  learningRate: number;
  /** Depth of each tree (the root is depth 0). */
  maxDepth: number;
  /** L2 penalty λ on the leaf weights (XGBoost's reg_lambda). */
  lambda: number;
  /** Minimum gain γ a split must bring (XGBoost's gamma / min_split_loss); subtracted from every split's gain. */
  gamma: number;
  /** Each child must keep a hessian sum H >= this (XGBoost's min_child_weight). */
  minChildWeight: number;
  /** Fraction of the features each tree may split on, drawn without replacement with the seed (colsample_bytree). */
  colsampleByTree: number;
  /** 'hist': candidate splits at quantile-bin edges (LightGBM, XGBoost tree_method=hist); 'exact': every distinct value. */
  splitMethod: 'hist' | 'exact';
  /** Bins per feature for 'hist', 2..255. */
  maxBins: number;
  /** Seed for column subsampling; default: forked from the global seed. */
  seed: number | undefined;
}

export const histGradientBoostingDefaults: Readonly<HistGradientBoostingOptions> = {
  nEstimators: 100,
  learningRate: 0.1,
  maxDepth: 3,
  lambda: 1,
  gamma: 0,
  minChildWeight: 1,
  colsampleByTree: 1,
  splitMethod: 'hist',
  maxBins: 255,
  seed: undefined,
};

function checkOptions(options: Partial<HistGradientBoostingOptions>): HistGradientBoostingOptions {
  const o = { ...histGradientBoostingDefaults, ...options };
  if (!Number.isInteger(o.nEstimators) || o.nEstimators < 1) throw new RangeError(`expected nEstimators to be a positive integer, got nEstimators = ${o.nEstimators}`);
  if (!(o.learningRate > 0) || !Number.isFinite(o.learningRate)) throw new RangeError(`expected learningRate > 0, got learningRate = ${o.learningRate}`);
  if (!Number.isInteger(o.maxDepth) || o.maxDepth < 1) throw new RangeError(`expected maxDepth to be an integer >= 1, got maxDepth = ${o.maxDepth}`);
  if (!(o.lambda >= 0) || !Number.isFinite(o.lambda)) throw new RangeError(`expected lambda >= 0, got lambda = ${o.lambda}`);
  if (!(o.gamma >= 0) || !Number.isFinite(o.gamma)) throw new RangeError(`expected gamma >= 0, got gamma = ${o.gamma}`);
  if (!(o.minChildWeight >= 0) || !Number.isFinite(o.minChildWeight)) throw new RangeError(`expected minChildWeight >= 0, got minChildWeight = ${o.minChildWeight}`);
  if (!(o.colsampleByTree > 0 && o.colsampleByTree <= 1)) throw new RangeError(`expected colsampleByTree in (0, 1], got colsampleByTree = ${o.colsampleByTree}`);
  if (o.splitMethod !== 'hist' && o.splitMethod !== 'exact') throw new RangeError(`expected splitMethod 'hist' or 'exact', got splitMethod = ${String(o.splitMethod)}`);
  if (!Number.isInteger(o.maxBins) || o.maxBins < 2 || o.maxBins > 255) throw new RangeError(`expected maxBins to be an integer in [2, 255], got maxBins = ${o.maxBins}`);
  return o;
}

/** The optimal leaf weight w* = -G / (H + λ) for gradient sum G and hessian sum H (0 when H + λ = 0). */
export function leafWeight(G: number, H: number, lambda: number): number {
  return H + lambda > 0 ? -G / (H + lambda) : 0;
}

/** The loss reduction -½ G² / (H + λ) that a leaf with weight w* achieves, as a positive "score" G² / (H + λ). */
function score(G: number, H: number, lambda: number): number {
  return H + lambda > 0 ? (G * G) / (H + lambda) : 0;
}

/** Split gain ½ [G_L²/(H_L+λ) + G_R²/(H_R+λ) − (G_L+G_R)²/(H_L+H_R+λ)] − γ. */
export function splitGain(GL: number, HL: number, GR: number, HR: number, lambda: number, gamma: number): number {
  return 0.5 * (score(GL, HL, lambda) + score(GR, HR, lambda) - score(GL + GR, HL + HR, lambda)) - gamma;
}

/** Squared loss ½ (y − F)²: g = F − y, h = 1. */
export function squaredGradHess(y: ArrayLike<number>, F: ArrayLike<number>, g: Float64Array, h: Float64Array): void {
  for (let i = 0; i < F.length; i++) { g[i] = F[i] - y[i]; h[i] = 1; }
}

/** Logistic loss log(1 + e^F) − y F on the log-odds F: g = σ(F) − y, h = σ(F)(1 − σ(F)). */
export function logisticGradHess(y: ArrayLike<number>, F: ArrayLike<number>, g: Float64Array, h: Float64Array): void {
  for (let i = 0; i < F.length; i++) { const p = sigmoid(F[i]); g[i] = p - y[i]; h[i] = p * (1 - p); }
}

/** A fitted tree in flat arrays; a row goes left when x[feature] <= threshold, or when x[feature] is NaN and defaultLeft. */
export interface BoostedTree {
  nodeCount: number;
  /** Split feature, -1 at a leaf. */
  feature: Int32Array;
  threshold: Float64Array;
  /** 1 when missing values go left. */
  defaultLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  /** Leaf weight w* (before shrinkage); 0 at inner nodes. */
  value: Float64Array;
  /** Split gain (γ already subtracted); 0 at leaves. */
  gain: Float64Array;
  /** Hessian sum of the node's training rows ("cover"). */
  cover: Float64Array;
  /** Hessian sum of the training rows with a missing split feature (0: the default direction was not learned, it is right by convention). */
  missingCover: Float64Array;
}

/** The leaf a row reaches. */
export function boostedLeaf(tree: BoostedTree, x: Float64Array, offset: number): number {
  let node = 0;
  while (tree.feature[node] >= 0) {
    const v = x[offset + tree.feature[node]];
    const goLeft = Number.isNaN(v) ? tree.defaultLeft[node] === 1 : v <= tree.threshold[node];
    node = goLeft ? tree.left[node] : tree.right[node];
  }
  return node;
}

interface Best { gain: number; feature: number; threshold: number; defaultLeft: boolean; missingCover: number }

/**
 * Relative margin a candidate must beat the best by: two partitions that are the same set of rows (found on two
 * features) differ only by rounding in the summation order, and the first one found (lowest feature) should win.
 */
const TIE = 1e-12;

/** Offers a candidate (GL, HL are the non-missing rows on the left) with missing rows tried on both sides. */
function offer(best: Best, f: number, thr: number, GL: number, HL: number, Gnm: number, Hnm: number, Gm: number, Hm: number, nMissing: number, o: HistGradientBoostingOptions): void {
  const GR = Gnm - GL, HR = Hnm - HL;
  // missing right (the only option when the node has no missing values in this feature)
  if (HL >= o.minChildWeight && HR + Hm >= o.minChildWeight) {
    const g = splitGain(GL, HL, GR + Gm, HR + Hm, o.lambda, o.gamma);
    if (g > best.gain + TIE * (score(GL, HL, o.lambda) + score(GR + Gm, HR + Hm, o.lambda))) { best.gain = g; best.feature = f; best.threshold = thr; best.defaultLeft = false; best.missingCover = Hm; }
  }
  if (nMissing > 0 && HL + Hm >= o.minChildWeight && HR >= o.minChildWeight) {
    const g = splitGain(GL + Gm, HL + Hm, GR, HR, o.lambda, o.gamma);
    if (g > best.gain + TIE * (score(GL + Gm, HL + Hm, o.lambda) + score(GR, HR, o.lambda))) { best.gain = g; best.feature = f; best.threshold = thr; best.defaultLeft = true; best.missingCover = Hm; }
  }
}

/** Everything split finding needs about the training matrix, built once per fit. */
interface Prepared {
  X: Matrix;
  /** 'exact': per feature, the rows with a value, sorted by it. */
  sorted: Int32Array[] | null;
  /** 'exact': per feature, the rows with NaN. */
  missing: Int32Array[];
  /** 'hist': n x d bin codes and the thresholds. */
  codes: Uint8Array | null;
  thresholds: Float64Array[];
}

function prepare(X: Matrix, o: HistGradientBoostingOptions): Prepared {
  const n = X.rows, d = X.cols;
  const missing: Int32Array[] = [];
  for (let f = 0; f < d; f++) {
    const m: number[] = [];
    for (let i = 0; i < n; i++) if (Number.isNaN(X.data[i * d + f])) m.push(i);
    missing.push(Int32Array.from(m));
  }
  if (o.splitMethod === 'hist') {
    const binner = new QuantileBinner({ maxBins: o.maxBins }).fit(X);
    return { X, sorted: null, missing, codes: binner.transform(X), thresholds: binner.thresholds };
  }
  const sorted: Int32Array[] = [];
  for (let f = 0; f < d; f++) {
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (!Number.isNaN(X.data[i * d + f])) rows.push(i);
    rows.sort((a, b) => X.data[a * d + f] - X.data[b * d + f] || a - b);
    sorted.push(Int32Array.from(rows));
  }
  return { X, sorted, missing, codes: null, thresholds: [] };
}

/**
 * Grows one tree level by level. At each level every open node's best split is found over the allowed features:
 * 'exact' scans each feature's presorted rows once for all open nodes (XGBoost's exact greedy); 'hist' accumulates
 * per-node gradient/hessian histograms over the bins and scans the bins. Missing values are summed apart and tried on
 * both sides; the side with the larger gain becomes the node's default direction.
 */
function growTree(P: Prepared, g: Float64Array, h: Float64Array, features: Int32Array, o: HistGradientBoostingOptions, nodeOf: Int32Array): BoostedTree {
  const { X } = P;
  const n = X.rows, d = X.cols, Xd = X.data;
  const feature: number[] = [-1], threshold: number[] = [0], defaultLeft: number[] = [0], left: number[] = [-1], right: number[] = [-1];
  const value: number[] = [0], gainArr: number[] = [0], cover: number[] = [0], missingCover: number[] = [0];
  nodeOf.fill(0);
  let open: number[] = [0];
  for (let depth = 0; open.length > 0; depth++) {
    const k = open.length;
    const slotOf = new Int32Array(feature.length).fill(-1);
    open.forEach((node, s) => { slotOf[node] = s; });
    const G = new Float64Array(k), H = new Float64Array(k);
    for (let i = 0; i < n; i++) { const s = slotOf[nodeOf[i]]; if (s >= 0) { G[s] += g[i]; H[s] += h[i]; } }
    for (let s = 0; s < k; s++) { value[open[s]] = leafWeight(G[s], H[s], o.lambda); cover[open[s]] = H[s]; }
    if (depth >= o.maxDepth) break;
    const best: Best[] = open.map(() => ({ gain: 0, feature: -1, threshold: 0, defaultLeft: false, missingCover: 0 }));
    const Gm = new Float64Array(k), Hm = new Float64Array(k), nm = new Int32Array(k);
    const GL = new Float64Array(k), HL = new Float64Array(k), last = new Float64Array(k);
    for (const f of features) {
      Gm.fill(0); Hm.fill(0); nm.fill(0);
      for (const i of P.missing[f]) { const s = slotOf[nodeOf[i]]; if (s >= 0) { Gm[s] += g[i]; Hm[s] += h[i]; nm[s]++; } }
      if (P.sorted) {
        GL.fill(0); HL.fill(0); last.fill(NaN);
        for (const i of P.sorted[f]) {
          const s = slotOf[nodeOf[i]];
          if (s < 0) continue;
          const x = Xd[i * d + f];
          if (!Number.isNaN(last[s]) && x !== last[s]) {
            offer(best[s], f, midpoint(last[s], x), GL[s], HL[s], G[s] - Gm[s], H[s] - Hm[s], Gm[s], Hm[s], nm[s], o);
          }
          GL[s] += g[i]; HL[s] += h[i]; last[s] = x;
        }
      } else {
        const codes = P.codes as Uint8Array;
        const nb = P.thresholds[f].length + 1;
        const hg = new Float64Array(k * nb), hh = new Float64Array(k * nb);
        for (let i = 0; i < n; i++) {
          const s = slotOf[nodeOf[i]];
          const c = codes[i * d + f];
          if (s < 0 || c === MISSING_BIN) continue;
          hg[s * nb + c] += g[i]; hh[s * nb + c] += h[i];
        }
        for (let s = 0; s < k; s++) {
          let gl = 0, hl = 0;
          for (let b = 0; b < nb - 1; b++) {
            gl += hg[s * nb + b]; hl += hh[s * nb + b];
            if (hh[s * nb + b + 1] === 0 && hg[s * nb + b + 1] === 0) continue; // empty next bin: same partition as a later edge
            offer(best[s], f, P.thresholds[f][b], gl, hl, G[s] - Gm[s], H[s] - Hm[s], Gm[s], Hm[s], nm[s], o);
          }
        }
      }
    }
    const next: number[] = [];
    const childOf = new Int32Array(feature.length * 2).fill(-1);
    for (let s = 0; s < k; s++) {
      const b = best[s], node = open[s];
      if (b.feature < 0 || !(b.gain > 0)) continue;
      feature[node] = b.feature; threshold[node] = b.threshold; defaultLeft[node] = b.defaultLeft ? 1 : 0; gainArr[node] = b.gain; value[node] = 0; missingCover[node] = b.missingCover;
      for (const side of [0, 1]) {
        const c = feature.length;
        feature.push(-1); threshold.push(0); defaultLeft.push(0); left.push(-1); right.push(-1); value.push(0); gainArr.push(0); cover.push(0); missingCover.push(0);
        if (side === 0) left[node] = c; else right[node] = c;
        next.push(c);
      }
      childOf[node] = 1;
    }
    for (let i = 0; i < n; i++) {
      const node = nodeOf[i];
      if (slotOf[node] < 0 || childOf[node] < 0) continue;
      const v = Xd[i * d + feature[node]];
      const goLeft = Number.isNaN(v) ? defaultLeft[node] === 1 : v <= threshold[node];
      nodeOf[i] = goLeft ? left[node] : right[node];
    }
    open = next;
  }
  return {
    nodeCount: feature.length, feature: Int32Array.from(feature), threshold: Float64Array.from(threshold),
    defaultLeft: Uint8Array.from(defaultLeft), left: Int32Array.from(left), right: Int32Array.from(right),
    value: Float64Array.from(value), gain: Float64Array.from(gainArr), cover: Float64Array.from(cover), missingCover: Float64Array.from(missingCover),
  };
}

/** The best root split of one tree grown on given gradients and hessians (null when no split has a positive gain). */
export interface RootSplit { feature: number; threshold: number; gain: number; defaultLeft: boolean }

/**
 * The split the booster would make at the root for given gradients g and hessians h: the same code path as fit
 * (the options' lambda, gamma, minChildWeight, splitMethod and maxBins apply; all features are candidates).
 * @param x - n x d row-major; NaN marks a missing value
 * @param g - length n gradients
 * @param h - length n hessians (>= 0)
 */
export function rootSplit(x: MatrixLike, g: ArrayLike<number>, h: ArrayLike<number>, options: Partial<HistGradientBoostingOptions> = {}): RootSplit | null {
  const o = checkOptions({ ...options, maxDepth: 1 });
  const X = asInput(x);
  if (X.rows === 0) throw new RangeError('expected at least 1 sample, got 0');
  const G = asVector(g, 'g', X.rows), H = asVector(h, 'h', X.rows);
  for (let i = 0; i < H.length; i++) if (!(H[i] >= 0)) throw new RangeError(`expected hessians >= 0, got h[${i}] = ${H[i]}`);
  const tree = growTree(prepare(X, o), G, H, Int32Array.from({ length: X.cols }, (_, j) => j), o, new Int32Array(X.rows));
  if (tree.feature[0] < 0) return null;
  return { feature: tree.feature[0], threshold: tree.threshold[0], gain: tree.gain[0], defaultLeft: tree.defaultLeft[0] === 1 };
}

type GradHess = (y: Float64Array, F: Float64Array, g: Float64Array, h: Float64Array) => void;

/** The boosting loop shared by the regressor and the classifier. */
function boost(X: Matrix, Y: Float64Array, init: number, gradHess: GradHess, loss: (F: Float64Array) => number, o: HistGradientBoostingOptions): { trees: BoostedTree[]; trainLoss: Float64Array; featureSets: Int32Array[] } {
  const n = X.rows, d = X.cols;
  const P = prepare(X, o);
  const rng = o.colsampleByTree < 1 ? rngFrom(o.seed) : null;
  const nCols = Math.max(1, Math.round(o.colsampleByTree * d));
  const F = new Float64Array(n).fill(init);
  const g = new Float64Array(n), h = new Float64Array(n), nodeOf = new Int32Array(n);
  const trees: BoostedTree[] = [], featureSets: Int32Array[] = [];
  const trainLoss = new Float64Array(o.nEstimators + 1);
  trainLoss[0] = loss(F);
  const all = Int32Array.from({ length: d }, (_, j) => j);
  for (let t = 0; t < o.nEstimators; t++) {
    gradHess(Y, F, g, h);
    const features = rng ? Int32Array.from(rng.permutation(d).subarray(0, nCols)).sort() : all;
    const tree = growTree(P, g, h, features, o, nodeOf);
    for (let i = 0; i < n; i++) F[i] += o.learningRate * tree.value[nodeOf[i]];
    trees.push(tree); featureSets.push(features);
    trainLoss[t + 1] = loss(F);
  }
  return { trees, trainLoss, featureSets };
}

function asInput(x: MatrixLike, name = 'x'): Matrix {
  const X = asMatrix(x, name, true);
  for (let i = 0; i < X.data.length; i++) {
    if (X.data[i] === Infinity || X.data[i] === -Infinity) throw new RangeError(`expected finite values or NaN (missing) in ${name}, got ${X.data[i]} at row ${Math.floor(i / X.cols)}, column ${i % X.cols}`);
  }
  return X;
}

/** Shared state and prediction of the two estimators. */
abstract class SecondOrderBooster {
  readonly options: Readonly<HistGradientBoostingOptions>;
  trees: BoostedTree[] = [];
  /** The starting raw score F_0 (the mean for squared loss, the log-odds of the positive share for logistic). */
  init = 0;
  /** Mean training loss after 0, 1, ..., nEstimators rounds. */
  trainLoss: Float64Array = new Float64Array(0);
  /** The features each tree was allowed to split on (column subsampling). */
  featureSets: Int32Array[] = [];
  nFeatures = 0;

  constructor(options: Partial<HistGradientBoostingOptions> = {}) {
    this.options = checkOptions(options);
  }

  protected fitted(x: MatrixLike): Matrix {
    if (this.trees.length === 0) throw new Error(`${this.constructor.name}: call fit(x, y) before predicting`);
    const X = asInput(x);
    return asFittedInput(X, this.nFeatures, 'x', true);
  }

  /** F(x) = F_0 + η Σ_t w_t(leaf of x). @param x - m x d, NaN for missing */
  rawScore(x: MatrixLike): Float64Array {
    const X = this.fitted(x);
    const F = new Float64Array(X.rows).fill(this.init);
    for (const tree of this.trees) for (let i = 0; i < X.rows; i++) F[i] += this.options.learningRate * tree.value[boostedLeaf(tree, X.data, i * X.cols)];
    return F;
  }

  /** Total split gain per feature over all trees (XGBoost's importance_type="total_gain"). */
  featureGain(): Float64Array {
    const out = new Float64Array(this.nFeatures);
    for (const t of this.trees) for (let node = 0; node < t.nodeCount; node++) if (t.feature[node] >= 0) out[t.feature[node]] += t.gain[node];
    return out;
  }
}

/** Second-order boosting for regression with squared loss ½ (y − F)² (g = F − y, h = 1). */
export class HistGradientBoostingRegressor extends SecondOrderBooster {
  /**
   * @param x - n x d row-major features; NaN marks a missing value
   * @param y - length n targets
   */
  fit(x: MatrixLike, y: ArrayLike<number>): this {
    const X = asInput(x);
    if (X.rows === 0) throw new RangeError('expected at least 1 sample, got 0');
    const Y = asVector(y, 'y', X.rows);
    let mean = 0;
    for (let i = 0; i < Y.length; i++) mean += Y[i];
    mean /= Y.length;
    const loss = (F: Float64Array): number => { let s = 0; for (let i = 0; i < F.length; i++) s += (Y[i] - F[i]) ** 2; return s / F.length; };
    const r = boost(X, Y, mean, squaredGradHess, loss, this.options);
    Object.assign(this, { trees: r.trees, trainLoss: r.trainLoss, featureSets: r.featureSets, init: mean, nFeatures: X.cols });
    return this;
  }

  /** @param x - m x d */
  predict(x: MatrixLike): Float64Array {
    return this.rawScore(x);
  }
}

/** Second-order boosting for binary classification with the logistic loss on the log-odds F. */
export class HistGradientBoostingClassifier extends SecondOrderBooster {
  /**
   * @param x - n x d row-major features; NaN marks a missing value
   * @param y - length n labels in {0, 1} (both must occur)
   */
  fit(x: MatrixLike, y: ArrayLike<number> | ArrayLike<boolean>): this {
    const X = asInput(x);
    if (X.rows === 0) throw new RangeError('expected at least 1 sample, got 0');
    const n = X.rows;
    const Y = Float64Array.from(asBinaryLabels(y, n));
    let ones = 0;
    for (let i = 0; i < n; i++) ones += Y[i];
    if (ones === 0 || ones === n) throw new RangeError(`expected both classes 0 and 1 in y, got only ${ones === 0 ? 0 : 1}`);
    const init = Math.log(ones / (n - ones));
    const loss = (F: Float64Array): number => { let s = 0; for (let i = 0; i < n; i++) s += softplus(F[i]) - Y[i] * F[i]; return s / n; };
    const r = boost(X, Y, init, logisticGradHess, loss, this.options);
    Object.assign(this, { trees: r.trees, trainLoss: r.trainLoss, featureSets: r.featureSets, init, nFeatures: X.cols });
    return this;
  }

  /** P(y = 1 | x) = σ(F(x)). @param x - m x d */
  predictProba(x: MatrixLike): Float64Array {
    const F = this.rawScore(x);
    for (let i = 0; i < F.length; i++) F[i] = sigmoid(F[i]);
    return F;
  }

  /** 1 where F(x) > 0. @param x - m x d */
  predict(x: MatrixLike): Int32Array {
    const F = this.rawScore(x);
    return Int32Array.from(F, (v) => (v > 0 ? 1 : 0));
  }

  /** Accuracy on (x, y). */
  score(x: MatrixLike, y: ArrayLike<number> | ArrayLike<boolean>): number {
    const p = this.predict(x), Y = asBinaryLabels(y, p.length);
    let ok = 0;
    for (let i = 0; i < p.length; i++) if (p[i] === Y[i]) ok++;
    return ok / p.length;
  }
}
