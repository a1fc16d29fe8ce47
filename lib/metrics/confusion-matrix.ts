// Confusion matrix of integer class labels (rows = actual, columns = predicted) and per-class TP/FP/FN/TN counts.
import { matrix, type Matrix } from '../core/matrix';
import { checkLabelPair } from './inputs';

export interface ConfusionMatrixOptions {
  /**
   * The classes, in the order of the rows and columns. Default: the sorted union of the labels in yTrue and
   * yPred. Labels outside this list are an error (a silently dropped sample would change every metric).
   */
  labels?: ArrayLike<number>;
}

export interface ConfusionMatrix {
  /** The k classes, in row/column order. */
  labels: number[];
  /** k x k row-major counts: entry (i, j) = number of samples whose actual class is labels[i] and predicted class labels[j]. */
  counts: Matrix;
  /** Number of samples (the sum of all counts). */
  total: number;
}

/** TP, FP, FN, TN of each class treated one-vs-rest, and its support (actual count). Each array has length k. */
export interface ClassCounts {
  labels: number[];
  tp: Float64Array;
  fp: Float64Array;
  fn: Float64Array;
  tn: Float64Array;
  /** Number of actual samples of each class (tp + fn). */
  support: Float64Array;
  total: number;
}

/**
 * Counts how often each actual class was predicted as each class.
 * @param yTrue - n actual integer labels
 * @param yPred - n predicted integer labels
 * @returns labels and a k x k count matrix (rows actual, columns predicted, as in scikit-learn and ml-confusion-matrix)
 * @throws TypeError for non-numeric input; RangeError for empty input, mismatched lengths, non-integer labels,
 *   or a label missing from `options.labels`
 */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: ConfusionMatrixOptions = {}): ConfusionMatrix {
  const fn = 'confusionMatrix';
  const [t, p] = checkLabelPair(fn, yTrue, yPred);
  let labels: number[];
  if (options.labels !== undefined) {
    labels = Array.from(options.labels);
    if (labels.length === 0) throw new RangeError(`${fn}: expected at least 1 label in options.labels, got 0`);
    if (new Set(labels).size !== labels.length) throw new RangeError(`${fn}: expected distinct options.labels, got ${labels.join(', ')}`);
  } else {
    labels = [...new Set([...t, ...p])].sort((a, b) => a - b);
  }
  const index = new Map<number, number>(labels.map((l, i) => [l, i]));
  const k = labels.length;
  const counts = matrix(k, k);
  for (let i = 0; i < t.length; i++) {
    const a = index.get(t[i]);
    const b = index.get(p[i]);
    if (a === undefined) throw new RangeError(`${fn}: yTrue[${i}] = ${t[i]} is not one of the labels ${labels.join(', ')}`);
    if (b === undefined) throw new RangeError(`${fn}: yPred[${i}] = ${p[i]} is not one of the labels ${labels.join(', ')}`);
    counts.data[a * k + b]++;
  }
  return { labels, counts, total: t.length };
}

/** One-vs-rest counts for every class of a confusion matrix. */
export function classCounts(cm: ConfusionMatrix): ClassCounts {
  const k = cm.labels.length;
  const c = cm.counts.data;
  const tp = new Float64Array(k), fp = new Float64Array(k), fn = new Float64Array(k), tn = new Float64Array(k), support = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let rowSum = 0, colSum = 0;
    for (let j = 0; j < k; j++) {
      rowSum += c[i * k + j];
      colSum += c[j * k + i];
    }
    tp[i] = c[i * k + i];
    fn[i] = rowSum - tp[i];
    fp[i] = colSum - tp[i];
    tn[i] = cm.total - tp[i] - fn[i] - fp[i];
    support[i] = rowSum;
  }
  return { labels: cm.labels.slice(), tp, fp, fn, tn, support, total: cm.total };
}

/** The confusion matrix as nested arrays (rows actual), e.g. for a heatmap or a table. */
export function confusionRows(cm: ConfusionMatrix): number[][] {
  const k = cm.labels.length;
  return Array.from({ length: k }, (_, i) => Array.from(cm.counts.data.subarray(i * k, (i + 1) * k)));
}
