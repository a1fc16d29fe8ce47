// Scores for predicted probabilities: binary and categorical log loss, perplexity = exp(cross-entropy), Brier score, calibration bins and ECE.
import { asMatrix, type MatrixLike } from '../core/matrix';
import { checkInt, checkReal } from '../data/check';
import { checkLabels, checkProbabilities } from './inputs';

export interface LogLossOptions {
  /** Probabilities are clipped to [eps, 1 - eps] so that a confident mistake costs a large but finite amount. Default 1e-15. */
  eps?: number;
}

function epsOf(fn: string, o: LogLossOptions): number {
  return checkReal(fn, 'eps', o.eps ?? 1e-15, { min: 0, max: 0.5, open: true });
}

/**
 * Binary log loss (mean negative log-likelihood, binary cross-entropy):
 * -mean(y log p + (1 - y) log(1 - p)).
 * @param yTrue - n targets in {0, 1}
 * @param probs - n predicted P(y = 1) in [0, 1]
 */
export function logLoss(yTrue: ArrayLike<number>, probs: ArrayLike<number>, options: LogLossOptions = {}): number {
  const fn = 'logLoss';
  const { y, p } = checkProbabilities(fn, yTrue, probs);
  const eps = epsOf(fn, options);
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(1 - eps, Math.max(eps, p[i]));
    s -= y[i] === 1 ? Math.log(q) : Math.log1p(-q);
  }
  return s / y.length;
}

/**
 * Categorical cross-entropy: -mean(log P(actual class)). Rows of `probs` must sum to 1 (within 1e-6).
 * @param labels - n class indices in 0..k-1
 * @param probs - n x k row-major probabilities (a Matrix or an array of rows)
 */
export function categoricalLogLoss(labels: ArrayLike<number>, probs: MatrixLike, options: LogLossOptions = {}): number {
  const fn = 'categoricalLogLoss';
  const P = asMatrix(probs, 'probs');
  const t = checkLabels(fn, 'labels', labels, P.rows);
  if (P.rows === 0) throw new RangeError(`${fn}: expected at least 1 sample, got 0`);
  const eps = epsOf(fn, options);
  const k = P.cols;
  let s = 0;
  for (let i = 0; i < P.rows; i++) {
    let rowSum = 0;
    for (let j = 0; j < k; j++) {
      const v = P.data[i * k + j];
      if (v < 0 || v > 1) throw new RangeError(`${fn}: expected probabilities in [0, 1], got probs[${i}][${j}] = ${v}`);
      rowSum += v;
    }
    if (Math.abs(rowSum - 1) > 1e-6) throw new RangeError(`${fn}: expected each row of probs to sum to 1, row ${i} sums to ${rowSum}`);
    const c = t[i];
    if (c < 0 || c >= k) throw new RangeError(`${fn}: expected labels in 0..${k - 1}, got labels[${i}] = ${c}`);
    s -= Math.log(Math.min(1 - eps, Math.max(eps, P.data[i * k + c])));
  }
  return s / P.rows;
}

/**
 * Perplexity exp(cross-entropy): the effective number of equally likely choices the model hesitates
 * between. A uniform guess over k classes has perplexity k; a perfect model 1.
 */
export function perplexity(labels: ArrayLike<number>, probs: MatrixLike, options: LogLossOptions = {}): number {
  return Math.exp(categoricalLogLoss(labels, probs, options));
}

/** Brier score mean((p - y)^2): the MSE of the probabilities (0 is perfect; always predicting 0.5 scores 0.25). */
export function brierScore(yTrue: ArrayLike<number>, probs: ArrayLike<number>): number {
  const { y, p } = checkProbabilities('brierScore', yTrue, probs);
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (p[i] - y[i]) ** 2;
  return s / y.length;
}

export interface CalibrationOptions {
  /** Number of bins. Default 10. */
  nBins?: number;
  /** 'uniform': equal-width bins on [0, 1]; 'quantile': equal-count bins between the smallest and largest probability. Default 'uniform'. */
  strategy?: 'uniform' | 'quantile';
}

export interface CalibrationCurve {
  /** nBins + 1 bin edges; bin b holds probabilities in (edges[b], edges[b+1]] (the first bin also holds edges[0]). */
  edges: Float64Array;
  /** For each non-empty bin: the mean predicted probability (x of the reliability diagram). */
  meanPredicted: Float64Array;
  /** For each non-empty bin: the observed fraction of positives (y of the reliability diagram). */
  fractionPositive: Float64Array;
  /** For each non-empty bin: how many samples fell in it. */
  counts: Float64Array;
}

/** Linear-interpolation quantile of sorted values (numpy's default). */
function quantileSorted(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Bins the predictions and compares, per bin, the mean predicted probability with the observed frequency of
 * positives (scikit-learn's calibration_curve; empty bins are left out). A calibrated model lies on the diagonal.
 */
export function calibrationCurve(yTrue: ArrayLike<number>, probs: ArrayLike<number>, options: CalibrationOptions = {}): CalibrationCurve {
  const fn = 'calibrationCurve';
  const { y, p } = checkProbabilities(fn, yTrue, probs);
  const nBins = checkInt(fn, 'nBins', options.nBins ?? 10, 1);
  const strategy = options.strategy ?? 'uniform';
  if (strategy !== 'uniform' && strategy !== 'quantile') throw new RangeError(`${fn}: expected strategy 'uniform' or 'quantile', got ${JSON.stringify(strategy)}`);
  const edges = new Float64Array(nBins + 1);
  if (strategy === 'uniform') for (let b = 0; b <= nBins; b++) edges[b] = b / nBins;
  else {
    const sorted = Float64Array.from(p).sort();
    for (let b = 0; b <= nBins; b++) edges[b] = quantileSorted(sorted, b / nBins);
  }
  const sumP = new Float64Array(nBins), sumY = new Float64Array(nBins), count = new Float64Array(nBins);
  for (let i = 0; i < p.length; i++) {
    // Bin b such that edges[b] < p <= edges[b+1] (inner edges only, like numpy.searchsorted(edges[1:-1], p)).
    let b = 0;
    while (b < nBins - 1 && p[i] > edges[b + 1]) b++;
    sumP[b] += p[i];
    sumY[b] += y[i];
    count[b]++;
  }
  const keep = [...count.keys()].filter((b) => count[b] > 0);
  return {
    edges,
    meanPredicted: Float64Array.from(keep, (b) => sumP[b] / count[b]),
    fractionPositive: Float64Array.from(keep, (b) => sumY[b] / count[b]),
    counts: Float64Array.from(keep, (b) => count[b]),
  };
}

/** Expected calibration error: sum over bins of (bin size / n) * |fraction of positives - mean probability|. */
export function expectedCalibrationError(yTrue: ArrayLike<number>, probs: ArrayLike<number>, options: CalibrationOptions = {}): number {
  const c = calibrationCurve(yTrue, probs, options);
  const n = c.counts.reduce((s, v) => s + v, 0);
  let e = 0;
  for (let b = 0; b < c.counts.length; b++) e += (c.counts[b] / n) * Math.abs(c.fractionPositive[b] - c.meanPredicted[b]);
  return e;
}
