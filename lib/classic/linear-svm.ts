// Soft-margin linear SVM trained on the primal hinge loss by (Pegasos-step) subgradient descent; margin 2 / ||w||.
import { asFittedInput, asMatrix, asVector, type Matrix, type MatrixLike } from '../core/matrix';
import { rngFrom, type Rng } from '../core/random';
import { asBinaryLabels } from '../linear/logistic-regression';
import { accuracyOf } from './decision-tree';
import { labelsFromScores, linearScores } from '../linear/linear-scores';

export interface LinearSVMOptions {
  /** Regularisation strength lambda in lambda/2 ||w||^2 + mean hinge loss; the dual's C equals 1 / (lambda n). */
  lambda: number;
  /** Passes over the data (ceil(n / batchSize) subgradient steps each). */
  epochs: number;
  /** Rows per subgradient step: 1 = Pegasos' stochastic steps (seeded order); undefined or n = deterministic full-batch steps. */
  batchSize: number | undefined;
  /** Fit an unregularised bias b. */
  fitIntercept: boolean;
  /** Seed for the mini-batch order; default: forked from the global seed (unused for full batches). */
  seed: number | undefined;
}

export const linearSVMDefaults: Readonly<LinearSVMOptions> = {
  lambda: 0.01,
  epochs: 200,
  batchSize: 1,
  fitIntercept: true,
  seed: undefined,
};

/** Mean hinge loss (1/n) sum_i max(0, 1 - y_i s_i) of scores s against labels y in {-1, +1} (0/1 labels are mapped). */
export function hingeLoss(scores: ArrayLike<number>, y: ArrayLike<number>): number {
  const s = asVector(scores, 'scores');
  const Y = asBinaryLabels(y, s.length);
  if (s.length === 0) throw new RangeError('expected at least 1 sample, got 0');
  let loss = 0;
  for (let i = 0; i < s.length; i++) loss += Math.max(0, 1 - (Y[i] === 1 ? 1 : -1) * s[i]);
  return loss / s.length;
}

/**
 * The soft-margin SVM primal objective J(w, b) = lambda/2 ||w||^2 + (1/n) sum_i max(0, 1 - y_i (w . x_i + b)).
 * @param x - n x d
 * @param y - n labels in {0, 1}
 */
export function svmObjective(x: MatrixLike, y: ArrayLike<number>, weights: ArrayLike<number>, intercept: number, lambda: number): number {
  const X = asMatrix(x, 'x');
  const w = asVector(weights, 'weights', X.cols);
  const s = linearScores(X, w, intercept);
  let sq = 0;
  for (let j = 0; j < w.length; j++) sq += w[j] * w[j];
  return 0.5 * lambda * sq + hingeLoss(s, y);
}

/**
 * A linear support-vector machine: minimises lambda/2 ||w||^2 + (1/n) sum_i max(0, 1 - y_i (w . x_i + b)), y in {-1, +1}.
 * The hinge is not differentiable at 1, so it uses a subgradient: rows inside the margin (y s < 1) contribute -y x,
 * the rest 0. Step t uses the Pegasos step size eta_t = 1 / (lambda t) (Shalev-Shwartz et al. 2007):
 *   w <- (1 - eta_t lambda) w + (eta_t / |B|) sum_{i in B, y_i s_i < 1} y_i x_i,   b <- b + (eta_t / |B|) sum y_i.
 * Subgradient steps do not decrease J monotonically, so the iterate with the lowest J seen (full batch) or the
 * average of the second half of the iterates (mini-batches) is returned. The geometric margin is 2 / ||w||.
 */
export class LinearSVM {
  readonly options: Readonly<LinearSVMOptions>;
  weights: Float64Array = new Float64Array(0);
  intercept = 0;
  /** The objective J after each epoch (at the iterate of that epoch). */
  objectiveHistory: Float64Array = new Float64Array(0);
  private fitted = false;

  constructor(options: Partial<LinearSVMOptions> = {}) {
    const o = { ...linearSVMDefaults, ...options };
    if (!(o.lambda > 0) || !Number.isFinite(o.lambda)) throw new RangeError(`expected lambda > 0, got lambda = ${o.lambda}`);
    if (!Number.isInteger(o.epochs) || o.epochs < 1) throw new RangeError(`expected a positive integer number of epochs, got epochs = ${o.epochs}`);
    if (o.batchSize !== undefined && (!Number.isInteger(o.batchSize) || o.batchSize < 1)) throw new RangeError(`expected batchSize to be a positive integer, got batchSize = ${o.batchSize}`);
    this.options = o;
  }

  /**
   * @param x - n x d row-major features (standardise them: the bias is not regularised but the step sizes are shared)
   * @param y - length n labels in {0, 1}
   */
  fit(x: MatrixLike, y: ArrayLike<number> | ArrayLike<boolean>): this {
    const X = asMatrix(x, 'x');
    const n = X.rows, d = X.cols, Xd = X.data;
    if (n === 0) throw new RangeError('expected at least 1 sample, got 0');
    const Y01 = asBinaryLabels(y, n);
    const Y = new Float64Array(n);
    for (let i = 0; i < n; i++) Y[i] = Y01[i] === 1 ? 1 : -1;
    const { lambda, epochs, fitIntercept } = this.options;
    const batch = Math.min(this.options.batchSize ?? n, n);
    const full = batch === n;
    const rng: Rng | null = full ? null : rngFrom(this.options.seed);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const w = new Float64Array(d);
    let b = 0;
    const g = new Float64Array(d);
    const best = new Float64Array(d);
    let bestB = 0, bestJ = Infinity;
    const avg = new Float64Array(d);
    let avgB = 0, avgCount = 0;
    const history = new Float64Array(epochs);
    const objective = (): number => {
      let hinge = 0, sq = 0;
      for (let i = 0; i < n; i++) {
        let s = b;
        for (let j = 0; j < d; j++) s += w[j] * Xd[i * d + j];
        hinge += Math.max(0, 1 - Y[i] * s);
      }
      for (let j = 0; j < d; j++) sq += w[j] * w[j];
      return 0.5 * lambda * sq + hinge / n;
    };
    let t = 0;
    for (let epoch = 0; epoch < epochs; epoch++) {
      if (rng) rng.shuffle<number, Int32Array>(order);
      for (let start = 0; start < n; start += batch) {
        const stop = Math.min(n, start + batch);
        t++;
        const eta = 1 / (lambda * t);
        g.fill(0);
        let gb = 0;
        for (let q = start; q < stop; q++) {
          const i = order[q];
          const base = i * d;
          let s = b;
          for (let j = 0; j < d; j++) s += w[j] * Xd[base + j];
          if (Y[i] * s < 1) {
            for (let j = 0; j < d; j++) g[j] += Y[i] * Xd[base + j];
            gb += Y[i];
          }
        }
        const scale = eta / (stop - start);
        const shrink = 1 - eta * lambda;
        for (let j = 0; j < d; j++) w[j] = shrink * w[j] + scale * g[j];
        if (fitIntercept) b += scale * gb;
        if (!full && epoch >= Math.floor(epochs / 2)) {
          for (let j = 0; j < d; j++) avg[j] += w[j];
          avgB += b;
          avgCount++;
        }
      }
      const J = objective();
      history[epoch] = J;
      if (full && J < bestJ) { bestJ = J; best.set(w); bestB = b; }
    }
    if (full) {
      this.weights = best;
      this.intercept = bestB;
    } else {
      for (let j = 0; j < d; j++) avg[j] /= avgCount;
      this.weights = avg;
      this.intercept = avgB / avgCount;
    }
    this.objectiveHistory = history;
    this.fitted = true;
    return this;
  }

  /** Checks shape; finiteness is checked on the scores (a NaN or infinite feature always makes its score non-finite). */
  private checked(x: MatrixLike): Matrix {
    if (!this.fitted) throw new Error('LinearSVM: call fit(x, y) before predicting');
    const X = asFittedInput(x, this.weights.length, 'x', true);
    return X;
  }

  /** The geometric width of the margin band, 2 / ||w|| (the distance between the lines w . x + b = +1 and -1). */
  margin(): number {
    if (!this.fitted) throw new Error('LinearSVM: call fit(x, y) first');
    let sq = 0;
    for (let j = 0; j < this.weights.length; j++) sq += this.weights[j] ** 2;
    return 2 / Math.sqrt(sq);
  }

  /** The scores w . x + b (signed distance to the boundary times ||w||). @param x - m x d */
  decisionFunction(x: MatrixLike): Float64Array {
    return linearScores(this.checked(x), this.weights, this.intercept);
  }

  /** 1 where w . x + b > 0, else 0. @param x - m x d */
  predict(x: MatrixLike): Int32Array {
    return labelsFromScores(this.decisionFunction(x));
  }

  /** Accuracy on (x, y). */
  score(x: MatrixLike, y: ArrayLike<number> | ArrayLike<boolean>): number {
    const pred = this.predict(x);
    return accuracyOf(pred, asBinaryLabels(y, pred.length));
  }
}
