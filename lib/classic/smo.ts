// Kernel SVM (C-SVC) trained on the dual by SMO with libsvm's second-order working-set selection (Fan et al. 2005).
import { asFittedInput, asMatrix, matrix, type Matrix, type MatrixLike } from '../core/matrix';
import { asBinaryLabels } from '../linear/logistic-regression';
import { accuracyOf } from './decision-tree';
import { labelsFromScores } from '../linear/linear-scores';

export type SVMKernelName = 'linear' | 'polynomial' | 'rbf';

export interface KernelSVMOptions {
  /** Box constraint 0 <= alpha_i <= C (the price of one unit of hinge slack). */
  C: number;
  /** linear: x . z; polynomial: (gamma x . z + coef0)^degree; rbf: exp(-gamma ||x - z||^2). */
  kernel: SVMKernelName;
  /** Kernel width for rbf and polynomial; 'scale' = 1 / (d Var(X)) over all training values, as scikit-learn. */
  gamma: number | 'scale';
  /** Polynomial degree (positive integer). */
  degree: number;
  /** Polynomial constant term. */
  coef0: number;
  /** Stop when the maximal KKT violation m(alpha) - M(alpha) (libsvm's gap) is below tol (libsvm's -e, default 1e-3). */
  tol: number;
  /** Cap on SMO pair updates; fit stops there with `converged = false`. */
  maxIterations: number;
  /** alpha_i > alphaTol * C marks a support vector (alphas below are numerically 0). */
  alphaTol: number;
}

export const kernelSVMDefaults: Readonly<KernelSVMOptions> = {
  C: 1,
  kernel: 'rbf',
  gamma: 'scale',
  degree: 3,
  coef0: 0,
  tol: 1e-3,
  maxIterations: 1_000_000,
  alphaTol: 1e-8,
};

/** libsvm's TAU: the curvature used when eta = K_ii + K_jj - 2 K_ij <= 0 (duplicate points, non-PSD kernels). */
const TAU = 1e-12;

/** A kernel function over two rows of the same length. */
export type KernelFn = (a: Float64Array, b: Float64Array) => number;

/** The kernel of the options with gamma already resolved to a number. */
export function svmKernel(kernel: SVMKernelName, gamma = 1, degree = 3, coef0 = 0): KernelFn {
  if (kernel === 'linear') {
    return (a, b) => { let s = 0; for (let k = 0; k < a.length; k++) s += a[k] * b[k]; return s; };
  }
  if (!(gamma > 0) || !Number.isFinite(gamma)) throw new RangeError(`expected gamma > 0, got gamma = ${gamma}`);
  if (kernel === 'polynomial') {
    if (!Number.isInteger(degree) || degree < 1) throw new RangeError(`expected a positive integer degree, got degree = ${degree}`);
    return (a, b) => { let s = 0; for (let k = 0; k < a.length; k++) s += a[k] * b[k]; return (gamma * s + coef0) ** degree; };
  }
  if (kernel === 'rbf') {
    return (a, b) => { let s = 0; for (let k = 0; k < a.length; k++) { const e = a[k] - b[k]; s += e * e; } return Math.exp(-gamma * s); };
  }
  throw new RangeError(`expected kernel 'linear', 'polynomial' or 'rbf', got kernel = ${String(kernel)}`);
}

/**
 * One SMO step on the pair (i, j) in Platt's form: the dual restricted to alpha_i, alpha_j with y_i alpha_i + y_j alpha_j
 * fixed is a parabola in alpha_j along a segment [L, H] of the box [0, C]^2:
 *   y_i != y_j: L = max(0, alpha_j - alpha_i), H = min(C, C + alpha_j - alpha_i);
 *   y_i == y_j: L = max(0, alpha_i + alpha_j - C), H = min(C, alpha_i + alpha_j);
 *   alpha_j' = clip(alpha_j + y_j (E_i - E_j) / eta, L, H), eta = K_ii + K_jj - 2 K_ij,
 *   alpha_i' = alpha_i + y_i y_j (alpha_j - alpha_j') (snapped to 0 or C when within 1e-12 C of it),
 * with E_k = f(x_k) - y_k the errors. Labels y in {-1, +1}. Returns [alpha_i', alpha_j'].
 */
export function smoPairUpdate(
  alphaI: number, alphaJ: number, yI: number, yJ: number, errI: number, errJ: number,
  kII: number, kJJ: number, kIJ: number, C: number,
): [number, number] {
  if ((yI !== 1 && yI !== -1) || (yJ !== 1 && yJ !== -1)) throw new RangeError(`expected labels in {-1, +1}, got y_i = ${yI}, y_j = ${yJ}`);
  if (!(C > 0)) throw new RangeError(`expected C > 0, got C = ${C}`);
  let L: number, H: number;
  if (yI !== yJ) { L = Math.max(0, alphaJ - alphaI); H = Math.min(C, C + alphaJ - alphaI); } else { L = Math.max(0, alphaI + alphaJ - C); H = Math.min(C, alphaI + alphaJ); }
  let eta = kII + kJJ - 2 * kIJ;
  if (eta <= 0) eta = TAU;
  let aj = alphaJ + (yJ * (errI - errJ)) / eta;
  if (aj > H) aj = H; else if (aj < L) aj = L;
  let ai = alphaI + yI * yJ * (alphaJ - aj);
  // alpha_i lands on its bound only up to rounding (1 - 1e-16 instead of C): snap it there, or it stays "free" and the
  // same pair is selected forever with a zero step (libsvm assigns the bound exactly for the same reason).
  const eps = 1e-12 * C;
  if (ai < eps) ai = 0; else if (ai > C - eps) ai = C;
  return [ai, aj];
}

/**
 * A kernel support-vector classifier. It solves the soft-margin dual
 *   max_alpha  sum_i alpha_i - 1/2 sum_ij alpha_i alpha_j y_i y_j K(x_i, x_j)   s.t. 0 <= alpha_i <= C, sum_i alpha_i y_i = 0
 * by SMO: each step changes two alphas (the fewest that keep sum alpha_i y_i = 0), in closed form (`smoPairUpdate`).
 * The pair is libsvm's (Fan, Chen and Lin 2005): i the most violating index of the "up" set, j the index whose step
 * gains the most dual objective by a second-order estimate. Deterministic (no random pair choice).
 * Decision function f(x) = sum_{i in SV} alpha_i y_i K(x_i, x) + b. The full n x n Gram matrix is kept during fit.
 */
export class KernelSVM {
  readonly options: Readonly<KernelSVMOptions>;
  /** The gamma used (resolved from 'scale'). */
  gamma = 1;
  /** alpha_i for every training row (length n). */
  alpha: Float64Array = new Float64Array(0);
  /** Training labels in {-1, +1}. */
  yPm: Float64Array = new Float64Array(0);
  /** Rows with alpha_i > alphaTol * C, ascending. */
  supportIndices: Int32Array = new Int32Array(0);
  /** The support vectors, nSV x d. */
  supportVectors: Matrix = matrix(0, 0);
  /** alpha_i y_i of the support vectors (scikit-learn's dual_coef_). */
  dualCoef: Float64Array = new Float64Array(0);
  intercept = 0;
  /** SMO pair updates made. */
  iterations = 0;
  converged = false;
  /** libsvm's gap m(alpha) - M(alpha) when fit stopped (<= tol when converged). */
  gap = Infinity;
  private kernelFn: KernelFn = () => 0;
  private train: Matrix = matrix(0, 0);
  private gram: Float64Array = new Float64Array(0);
  private fitted = false;

  constructor(options: Partial<KernelSVMOptions> = {}) {
    const o = { ...kernelSVMDefaults, ...options };
    if (!(o.C > 0) || !Number.isFinite(o.C)) throw new RangeError(`expected C > 0, got C = ${o.C}`);
    if (o.kernel !== 'linear' && o.kernel !== 'polynomial' && o.kernel !== 'rbf') throw new RangeError(`expected kernel 'linear', 'polynomial' or 'rbf', got kernel = ${String(o.kernel)}`);
    if (o.gamma !== 'scale' && (typeof o.gamma !== 'number' || !(o.gamma > 0) || !Number.isFinite(o.gamma))) throw new RangeError(`expected gamma > 0 or 'scale', got gamma = ${String(o.gamma)}`);
    if (!Number.isInteger(o.degree) || o.degree < 1) throw new RangeError(`expected a positive integer degree, got degree = ${o.degree}`);
    if (!Number.isFinite(o.coef0)) throw new RangeError(`expected a finite coef0, got coef0 = ${o.coef0}`);
    if (!(o.tol > 0)) throw new RangeError(`expected tol > 0, got tol = ${o.tol}`);
    if (!Number.isInteger(o.maxIterations) || o.maxIterations < 1) throw new RangeError(`expected a positive integer maxIterations, got maxIterations = ${o.maxIterations}`);
    if (!(o.alphaTol >= 0 && o.alphaTol < 1)) throw new RangeError(`expected 0 <= alphaTol < 1, got alphaTol = ${o.alphaTol}`);
    this.options = o;
  }

  /**
   * @param x - n x d features (standardise them; fitted on the training rows only)
   * @param y - length n labels in {0, 1} (1 -> +1, 0 -> -1); both classes must occur
   */
  fit(x: MatrixLike, y: ArrayLike<number> | ArrayLike<boolean>): this {
    const X = asMatrix(x, 'x');
    const n = X.rows, d = X.cols;
    if (n < 2) throw new RangeError(`expected at least 2 samples, got ${n}`);
    const y01 = asBinaryLabels(y, n);
    const Y = Float64Array.from(y01, (v) => (v === 1 ? 1 : -1));
    if (!Y.includes(1) || !Y.includes(-1)) throw new RangeError('expected both classes 0 and 1 in y, got one');
    const o = this.options;
    if (o.gamma === 'scale') {
      let mean = 0;
      for (let k = 0; k < X.data.length; k++) mean += X.data[k];
      mean /= X.data.length;
      let v = 0;
      for (let k = 0; k < X.data.length; k++) v += (X.data[k] - mean) ** 2;
      v /= X.data.length;
      this.gamma = v > 0 ? 1 / (d * v) : 1;
    } else this.gamma = o.gamma;
    const kernel = svmKernel(o.kernel, this.gamma, o.degree, o.coef0);
    const rows: Float64Array[] = Array.from({ length: n }, (_, i) => X.data.subarray(i * d, (i + 1) * d));
    const K = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) K[i * n + j] = K[j * n + i] = kernel(rows[i], rows[j]);
    const C = o.C;
    const alpha = new Float64Array(n);
    // G = Q alpha - e, Q_ij = y_i y_j K_ij: the gradient of the minimised dual 1/2 a'Qa - e'a. y_k G_k = E_k - b.
    const G = new Float64Array(n).fill(-1);
    const up = (t: number) => (Y[t] === 1 ? alpha[t] < C : alpha[t] > 0);
    const low = (t: number) => (Y[t] === 1 ? alpha[t] > 0 : alpha[t] < C);
    let iter = 0;
    this.converged = false;
    for (;;) {
      // i = argmax_{t in I_up} -y_t G_t
      let gmax = -Infinity, i = -1;
      for (let t = 0; t < n; t++) if (up(t) && -Y[t] * G[t] >= gmax) { gmax = -Y[t] * G[t]; i = t; }
      // j: the largest second-order gain b^2 / a among t in I_low with -y_t G_t < gmax; gmax2 = max_{I_low} y_t G_t
      let gmax2 = -Infinity, j = -1, best = Infinity;
      for (let t = 0; t < n; t++) {
        if (!low(t)) continue;
        const yg = Y[t] * G[t];
        if (yg > gmax2) gmax2 = yg;
        const b = gmax + yg;
        if (i >= 0 && b > 0) {
          let a = K[i * n + i] + K[t * n + t] - 2 * K[i * n + t];
          if (a <= 0) a = TAU;
          const obj = -(b * b) / a;
          if (obj < best) { best = obj; j = t; }
        }
      }
      this.gap = gmax + gmax2;
      if (this.gap < o.tol || i < 0 || j < 0) { this.converged = true; break; }
      if (iter >= o.maxIterations) break;
      iter++;
      const ai = alpha[i], aj = alpha[j];
      // E_i - E_j = y_i G_i - y_j G_j (b cancels)
      const [ni, nj] = smoPairUpdate(ai, aj, Y[i], Y[j], Y[i] * G[i], Y[j] * G[j], K[i * n + i], K[j * n + j], K[i * n + j], C);
      alpha[i] = ni;
      alpha[j] = nj;
      const di = (ni - ai) * Y[i], dj = (nj - aj) * Y[j];
      for (let t = 0; t < n; t++) G[t] += Y[t] * (K[t * n + i] * di + K[t * n + j] * dj);
    }
    this.iterations = iter;
    // b = -rho: the mean of -y_t G_t over free alphas (on the margin), else the middle of the feasible interval (libsvm).
    let ub = Infinity, lb = -Infinity, nFree = 0, sumFree = 0;
    for (let t = 0; t < n; t++) {
      const yg = Y[t] * G[t];
      if (alpha[t] >= C) { if (Y[t] === -1) ub = Math.min(ub, yg); else lb = Math.max(lb, yg); }
      else if (alpha[t] <= 0) { if (Y[t] === 1) ub = Math.min(ub, yg); else lb = Math.max(lb, yg); }
      else { nFree++; sumFree += yg; }
    }
    this.intercept = -(nFree > 0 ? sumFree / nFree : (ub + lb) / 2);
    const sv: number[] = [];
    for (let t = 0; t < n; t++) if (alpha[t] > o.alphaTol * C) sv.push(t);
    this.supportIndices = Int32Array.from(sv);
    const svData = new Float64Array(sv.length * d);
    sv.forEach((t, r) => svData.set(rows[t], r * d));
    this.supportVectors = matrix(sv.length, d, svData);
    this.dualCoef = Float64Array.from(sv, (t) => alpha[t] * Y[t]);
    this.alpha = alpha;
    this.yPm = Y;
    this.kernelFn = kernel;
    this.train = matrix(n, d, X.data.slice());
    this.gram = K;
    this.fitted = true;
    return this;
  }

  private assertFitted(): void {
    if (!this.fitted) throw new Error('KernelSVM: call fit(x, y) first');
  }

  /** f(x) = sum_{i in SV} alpha_i y_i K(x_i, x) + b. @param x - m x d @returns length m */
  decisionFunction(x: MatrixLike): Float64Array {
    this.assertFitted();
    const d = this.train.cols;
    const X = asFittedInput(x, d, 'x');
    const out = new Float64Array(X.rows);
    const S = this.supportVectors;
    for (let r = 0; r < X.rows; r++) {
      const u = X.data.subarray(r * d, (r + 1) * d);
      let s = this.intercept;
      for (let k = 0; k < S.rows; k++) s += this.dualCoef[k] * this.kernelFn(S.data.subarray(k * d, (k + 1) * d), u);
      out[r] = s;
    }
    return out;
  }

  /** 1 where f(x) > 0, else 0. @param x - m x d */
  predict(x: MatrixLike): Int32Array {
    return labelsFromScores(this.decisionFunction(x));
  }

  /** Accuracy on (x, y), y in {0, 1}. */
  score(x: MatrixLike, y: ArrayLike<number> | ArrayLike<boolean>): number {
    const pred = this.predict(x);
    return accuracyOf(pred, asBinaryLabels(y, pred.length));
  }

  /** Training-row decision values from the stored Gram matrix (no kernel re-evaluation). */
  private trainScores(): Float64Array {
    const n = this.alpha.length, K = this.gram;
    const f = new Float64Array(n).fill(this.intercept);
    for (let j = 0; j < n; j++) {
      const c = this.alpha[j] * this.yPm[j];
      if (c === 0) continue;
      for (let i = 0; i < n; i++) f[i] += c * K[i * n + j];
    }
    return f;
  }

  /** The dual objective W(alpha) = sum_i alpha_i - 1/2 sum_ij alpha_i alpha_j y_i y_j K_ij (maximised). */
  dualObjective(): number {
    this.assertFitted();
    const n = this.alpha.length, K = this.gram, a = this.alpha, Y = this.yPm;
    let lin = 0, quad = 0;
    for (let i = 0; i < n; i++) {
      if (a[i] === 0) continue;
      lin += a[i];
      for (let j = 0; j < n; j++) if (a[j] !== 0) quad += a[i] * a[j] * Y[i] * Y[j] * K[i * n + j];
    }
    return lin - 0.5 * quad;
  }

  /**
   * The primal objective P = 1/2 ||w||^2 + C sum_i max(0, 1 - y_i f(x_i)) at w = sum_i alpha_i y_i phi(x_i) and the fitted b
   * (||w||^2 = alpha' Q alpha through the kernel). Weak duality: P >= W(alpha), equal at the optimum.
   */
  primalObjective(): number {
    this.assertFitted();
    const n = this.alpha.length, K = this.gram, a = this.alpha, Y = this.yPm;
    let quad = 0;
    for (let i = 0; i < n; i++) if (a[i] !== 0) for (let j = 0; j < n; j++) if (a[j] !== 0) quad += a[i] * a[j] * Y[i] * Y[j] * K[i * n + j];
    const f = this.trainScores();
    let hinge = 0;
    for (let i = 0; i < n; i++) hinge += Math.max(0, 1 - Y[i] * f[i]);
    return 0.5 * quad + this.options.C * hinge;
  }

  /**
   * The largest violation of the KKT conditions over the training rows, with m_i = y_i f(x_i):
   * alpha_i = 0 needs m_i >= 1, 0 < alpha_i < C needs m_i = 1 (on the margin), alpha_i = C needs m_i <= 1.
   */
  kktViolation(): number {
    this.assertFitted();
    const f = this.trainScores(), C = this.options.C;
    let worst = 0;
    for (let i = 0; i < f.length; i++) {
      const m = this.yPm[i] * f[i], a = this.alpha[i];
      if (a < C) worst = Math.max(worst, 1 - m);
      if (a > 0) worst = Math.max(worst, m - 1);
    }
    return worst;
  }

  /** Linear kernel only: w = sum_i alpha_i y_i x_i (length d). */
  weights(): Float64Array {
    this.assertFitted();
    if (this.options.kernel !== 'linear') throw new Error(`KernelSVM.weights: only the linear kernel has explicit weights, got kernel = ${this.options.kernel}`);
    const d = this.train.cols, w = new Float64Array(d), S = this.supportVectors;
    for (let k = 0; k < S.rows; k++) for (let c = 0; c < d; c++) w[c] += this.dualCoef[k] * S.data[k * d + c];
    return w;
  }
}
