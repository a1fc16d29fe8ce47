// Classification scores from a confusion matrix: accuracy, precision, recall, specificity, F1 and F-beta, with binary/macro/micro/weighted averaging.
import { classCounts, confusionMatrix, type ClassCounts } from './confusion-matrix';
import { checkLabelPair } from './inputs';

/**
 * How per-class scores become one number:
 * - 'binary': the score of `positiveLabel` only (labels must have at most 2 classes);
 * - 'macro': the unweighted mean over classes (every class counts the same, rare ones included);
 * - 'weighted': the mean weighted by support (the number of actual samples of each class);
 * - 'micro': the score of the summed counts (sum TP, sum FP, ...); for single-label multi-class data micro
 *   precision = micro recall = micro F1 = accuracy.
 */
export type Average = 'binary' | 'macro' | 'micro' | 'weighted';

export interface ScoreOptions {
  /** Default 'binary'. */
  average?: Average;
  /** The class called positive for average 'binary'. Default 1. */
  positiveLabel?: number;
  /** Classes to score, in order (default: the sorted union of labels in yTrue and yPred). */
  labels?: ArrayLike<number>;
  /** Value used when a ratio is 0/0 (e.g. precision of a class that is never predicted). Default 0, as scikit-learn. */
  zeroDivision?: number;
}

export interface PerClassScores {
  labels: number[];
  precision: Float64Array;
  recall: Float64Array;
  specificity: Float64Array;
  /** F-beta for the requested beta (F1 by default). */
  fBeta: Float64Array;
  support: Float64Array;
}

const ratio = (num: number, den: number, zeroDivision: number) => (den === 0 ? zeroDivision : num / den);

/** Per-class precision TP/(TP+FP), recall TP/(TP+FN), specificity TN/(TN+FP), F-beta from one-vs-rest counts. */
function fromCounts(c: { tp: ArrayLike<number>; fp: ArrayLike<number>; fn: ArrayLike<number>; tn: ArrayLike<number> }, beta: number, zeroDivision: number) {
  const k = c.tp.length;
  const precision = new Float64Array(k), recall = new Float64Array(k), specificity = new Float64Array(k), fBeta = new Float64Array(k);
  const b2 = beta * beta;
  for (let i = 0; i < k; i++) {
    precision[i] = ratio(c.tp[i], c.tp[i] + c.fp[i], zeroDivision);
    recall[i] = ratio(c.tp[i], c.tp[i] + c.fn[i], zeroDivision);
    specificity[i] = ratio(c.tn[i], c.tn[i] + c.fp[i], zeroDivision);
    // F_beta = (1 + b^2) P R / (b^2 P + R) = (1 + b^2) TP / ((1 + b^2) TP + b^2 FN + FP): the count form has no 0/0 when P or R alone is undefined.
    fBeta[i] = ratio((1 + b2) * c.tp[i], (1 + b2) * c.tp[i] + b2 * c.fn[i] + c.fp[i], zeroDivision);
  }
  return { precision, recall, specificity, fBeta };
}

function checkBeta(fn: string, beta: number): void {
  if (typeof beta !== 'number') throw new TypeError(`${fn}: expected beta to be a number, got ${typeof beta}`);
  if (!(beta > 0) || !Number.isFinite(beta)) throw new RangeError(`${fn}: expected beta > 0, got beta = ${beta}`);
}

function countsFor(fn: string, yTrue: ArrayLike<number>, yPred: ArrayLike<number>, labels?: ArrayLike<number>): ClassCounts {
  checkLabelPair(fn, yTrue, yPred);
  return classCounts(confusionMatrix(yTrue, yPred, labels === undefined ? {} : { labels }));
}

/**
 * Precision, recall, specificity, F-beta and support of every class (one-vs-rest).
 * @param yTrue - n actual integer labels
 * @param yPred - n predicted integer labels
 */
export function perClassScores(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: { beta?: number; labels?: ArrayLike<number>; zeroDivision?: number } = {}): PerClassScores {
  const beta = options.beta ?? 1;
  checkBeta('perClassScores', beta);
  const c = countsFor('perClassScores', yTrue, yPred, options.labels);
  return { labels: c.labels, ...fromCounts(c, beta, options.zeroDivision ?? 0), support: c.support };
}

type Metric = 'precision' | 'recall' | 'specificity' | 'fBeta';

function averaged(fn: string, metric: Metric, yTrue: ArrayLike<number>, yPred: ArrayLike<number>, beta: number, options: ScoreOptions): number {
  checkBeta(fn, beta);
  const average = options.average ?? 'binary';
  const zeroDivision = options.zeroDivision ?? 0;
  if (!['binary', 'macro', 'micro', 'weighted'].includes(average)) {
    throw new RangeError(`${fn}: expected average 'binary', 'macro', 'micro' or 'weighted', got ${JSON.stringify(average)}`);
  }
  if (average === 'binary') {
    const positive = options.positiveLabel ?? 1;
    const [t, p] = checkLabelPair(fn, yTrue, yPred);
    const labels = options.labels !== undefined ? Array.from(options.labels) : [...new Set([...t, ...p, positive])].sort((a, b) => a - b);
    if (labels.length > 2) {
      throw new RangeError(`${fn}: average 'binary' needs at most 2 classes, got ${labels.length} (${labels.join(', ')}); pass average 'macro', 'micro' or 'weighted'`);
    }
    if (!labels.includes(positive)) throw new RangeError(`${fn}: positiveLabel ${positive} is not one of the labels ${labels.join(', ')}`);
    const c = classCounts(confusionMatrix(t, p, { labels }));
    const i = c.labels.indexOf(positive);
    return fromCounts(c, beta, zeroDivision)[metric][i];
  }
  const c = countsFor(fn, yTrue, yPred, options.labels);
  if (average === 'micro') {
    const sum = (a: Float64Array) => [a.reduce((s, v) => s + v, 0)];
    return fromCounts({ tp: sum(c.tp), fp: sum(c.fp), fn: sum(c.fn), tn: sum(c.tn) }, beta, zeroDivision)[metric][0];
  }
  const per = fromCounts(c, beta, zeroDivision)[metric];
  const k = per.length;
  if (average === 'macro') return per.reduce((s, v) => s + v, 0) / k;
  const totalSupport = c.support.reduce((s, v) => s + v, 0);
  if (totalSupport === 0) return zeroDivision;
  let s = 0;
  for (let i = 0; i < k; i++) s += per[i] * c.support[i];
  return s / totalSupport;
}

/** Fraction of predictions equal to the actual label. */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const [t, p] = checkLabelPair('accuracy', yTrue, yPred);
  let correct = 0;
  for (let i = 0; i < t.length; i++) if (t[i] === p[i]) correct++;
  return correct / t.length;
}

/** Mean recall over the classes present in yTrue (robust to class imbalance: a constant predictor scores 1/k). */
export function balancedAccuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const c = countsFor('balancedAccuracy', yTrue, yPred);
  let s = 0, k = 0;
  for (let i = 0; i < c.labels.length; i++) {
    if (c.support[i] === 0) continue;
    s += c.tp[i] / c.support[i];
    k++;
  }
  return s / k;
}

/** Precision TP / (TP + FP): of the predicted positives, the share that is right. */
export function precision(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: ScoreOptions = {}): number {
  return averaged('precision', 'precision', yTrue, yPred, 1, options);
}

/** Recall (sensitivity, true-positive rate) TP / (TP + FN): of the actual positives, the share found. */
export function recall(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: ScoreOptions = {}): number {
  return averaged('recall', 'recall', yTrue, yPred, 1, options);
}

/** Specificity (true-negative rate) TN / (TN + FP): of the actual negatives, the share left alone. */
export function specificity(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: ScoreOptions = {}): number {
  return averaged('specificity', 'specificity', yTrue, yPred, 1, options);
}

/** F1 = 2 P R / (P + R), the harmonic mean of precision and recall. */
export function f1Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: ScoreOptions = {}): number {
  return averaged('f1Score', 'fBeta', yTrue, yPred, 1, options);
}

/** F-beta = (1 + b^2) P R / (b^2 P + R): recall counts beta times as much as precision. */
export function fBetaScore(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, beta: number, options: ScoreOptions = {}): number {
  return averaged('fBetaScore', 'fBeta', yTrue, yPred, beta, options);
}
