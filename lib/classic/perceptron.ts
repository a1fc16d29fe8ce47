// Rosenblatt's perceptron: mistake-driven updates w <- w + lr * y * x for binary labels, with an optional averaged variant.
import { asFittedInput, asMatrix, type Matrix, type MatrixLike } from '../core/matrix';
import { rngFrom } from '../core/random';
import { asBinaryLabels } from '../linear/logistic-regression';
import { accuracyOf } from './decision-tree';
import { labelsFromScores, linearScores } from '../linear/linear-scores';

export interface PerceptronOptions {
  /** Step size (for the plain perceptron starting at 0 it only rescales w and b, so the predictions do not depend on it). */
  learningRate: number;
  /** Passes over the data at most; training stops early after a pass with no mistakes. */
  epochs: number;
  /** Visit the rows in a fresh random order each pass (seeded); false = the given order. */
  shuffle: boolean;
  /** Fit a bias b. */
  fitIntercept: boolean;
  /** Return the average of (w, b) over the start and every example visited instead of the last one (the averaged perceptron; steadier on non-separable data). */
  average: boolean;
  /** Seed for the shuffles; default: forked from the global seed (only used when shuffle is true). */
  seed: number | undefined;
}

export const perceptronDefaults: Readonly<PerceptronOptions> = {
  learningRate: 1,
  epochs: 100,
  shuffle: true,
  fitIntercept: true,
  average: false,
  seed: undefined,
};

/**
 * The perceptron (Rosenblatt 1958) with labels y in {-1, +1} internally: for each row, if y (w . x + b) <= 0 (a mistake,
 * or on the boundary) then w <- w + lr y x and b <- b + lr y. On linearly separable data it stops after at most
 * (R / gamma)^2 mistakes (Novikoff), R = max ||x||, gamma = the margin of the best separator; on non-separable data it
 * never settles, which is what the averaged variant is for.
 */
export class Perceptron {
  readonly options: Readonly<PerceptronOptions>;
  weights: Float64Array = new Float64Array(0);
  intercept = 0;
  /** Mistakes (updates) in each pass. */
  mistakesPerEpoch: Int32Array = new Int32Array(0);
  /** Total updates made. */
  totalMistakes = 0;
  /** True when a whole pass made no mistake (the data are separated). */
  converged = false;
  private fitted = false;

  constructor(options: Partial<PerceptronOptions> = {}) {
    const o = { ...perceptronDefaults, ...options };
    if (!(o.learningRate > 0) || !Number.isFinite(o.learningRate)) throw new RangeError(`expected learningRate > 0, got learningRate = ${o.learningRate}`);
    if (!Number.isInteger(o.epochs) || o.epochs < 1) throw new RangeError(`expected a positive integer number of epochs, got epochs = ${o.epochs}`);
    this.options = o;
  }

  /**
   * @param x - n x d row-major features
   * @param y - length n labels in {0, 1}
   */
  fit(x: MatrixLike, y: ArrayLike<number> | ArrayLike<boolean>): this {
    const X = asMatrix(x, 'x');
    const n = X.rows, d = X.cols, Xd = X.data;
    if (n === 0) throw new RangeError('expected at least 1 sample, got 0');
    const Y = asBinaryLabels(y, n);
    const { learningRate: lr, epochs, shuffle, fitIntercept, average } = this.options;
    const rng = shuffle ? rngFrom(this.options.seed) : null;
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const w = new Float64Array(d);
    let b = 0;
    // averaged perceptron by the lazy trick: avg = w - u / c, with u accumulating c * update
    const u = new Float64Array(d);
    let ub = 0;
    let c = 1;
    const mistakes: number[] = [];
    let converged = false;
    let total = 0;
    for (let epoch = 0; epoch < epochs; epoch++) {
      if (rng) rng.shuffle<number, Int32Array>(order);
      let errors = 0;
      for (let t = 0; t < n; t++) {
        const i = order[t];
        const yi = Y[i] === 1 ? 1 : -1;
        const base = i * d;
        let s = b;
        for (let j = 0; j < d; j++) s += w[j] * Xd[base + j];
        if (yi * s <= 0) {
          errors++;
          const step = lr * yi;
          for (let j = 0; j < d; j++) w[j] += step * Xd[base + j];
          if (fitIntercept) b += step;
          if (average) {
            for (let j = 0; j < d; j++) u[j] += c * step * Xd[base + j];
            if (fitIntercept) ub += c * step;
          }
        }
        c++;
      }
      mistakes.push(errors);
      total += errors;
      if (errors === 0) { converged = true; break; }
    }
    if (average) {
      for (let j = 0; j < d; j++) w[j] -= u[j] / c;
      b -= ub / c;
    }
    this.weights = w;
    this.intercept = b;
    this.mistakesPerEpoch = Int32Array.from(mistakes);
    this.totalMistakes = total;
    this.converged = converged;
    this.fitted = true;
    return this;
  }

  /** Checks shape; finiteness is checked on the scores (a NaN or infinite feature always makes its score non-finite). */
  private checked(x: MatrixLike): Matrix {
    if (!this.fitted) throw new Error('Perceptron: call fit(x, y) before predicting');
    const X = asFittedInput(x, this.weights.length, 'x', true);
    return X;
  }

  /** The scores w . x + b. @param x - m x d */
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
