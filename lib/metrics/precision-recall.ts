// Precision-recall curve over every distinct score threshold, and average precision AP = sum_n (R_n - R_{n-1}) P_n as scikit-learn defines it.
import { checkBinaryScores, sortByScoreDesc } from './inputs';
import type { BinaryScoreOptions } from './roc';

export interface PrecisionRecallCurve {
  /** Precision TP / (TP + FP) at each threshold; 1 at the first point (threshold +Infinity, nothing predicted positive). */
  precision: Float64Array;
  /** Recall TP / P at each threshold, non-decreasing from 0 to 1. */
  recall: Float64Array;
  /**
   * Decreasing thresholds (positive when score >= threshold): +Infinity, then the distinct scores.
   * This is scikit-learn's precision_recall_curve read backwards (sklearn lists thresholds increasing and
   * appends the (recall 0, precision 1) point at the end).
   */
  thresholds: Float64Array;
}

function positives(fn: string, y: Uint8Array): number {
  let nPos = 0;
  for (let i = 0; i < y.length; i++) nPos += y[i];
  if (nPos === 0) throw new RangeError(`${fn}: needs at least 1 positive in yTrue, got 0 of ${y.length} (recall divides by the number of positives)`);
  return nPos;
}

/**
 * The precision-recall curve; tied scores move together.
 * @param yTrue - n labels; `positiveLabel` (default 1) is positive, anything else negative
 * @param scores - n real scores, higher = more likely positive
 * @throws RangeError when yTrue has no positive, or for empty/mismatched/non-finite input
 */
export function precisionRecallCurve(yTrue: ArrayLike<number>, scores: ArrayLike<number>, options: BinaryScoreOptions = {}): PrecisionRecallCurve {
  const fn = 'precisionRecallCurve';
  const { y, s } = checkBinaryScores(fn, yTrue, scores, options.positiveLabel ?? 1);
  const nPos = positives(fn, y);
  const { order, ends } = sortByScoreDesc(s);
  const m = ends.length + 1;
  const precision = new Float64Array(m), recall = new Float64Array(m), thresholds = new Float64Array(m);
  precision[0] = 1;
  thresholds[0] = Infinity;
  let tp = 0, start = 0;
  for (let j = 0; j < ends.length; j++) {
    for (let i = start; i < ends[j]; i++) tp += y[order[i]];
    start = ends[j];
    precision[j + 1] = tp / ends[j];
    recall[j + 1] = tp / nPos;
    thresholds[j + 1] = s[order[ends[j] - 1]];
  }
  return { precision, recall, thresholds };
}

/**
 * Average precision: the precision at each threshold weighted by the recall gained there,
 * AP = sum_n (R_n - R_{n-1}) P_n (a step function, no interpolation; scikit-learn's average_precision_score).
 * The baseline of a random ranking is the positive rate P / n, not 0.5.
 */
export function averagePrecision(yTrue: ArrayLike<number>, scores: ArrayLike<number>, options: BinaryScoreOptions = {}): number {
  const { precision, recall } = precisionRecallCurve(yTrue, scores, options);
  let ap = 0;
  for (let i = 1; i < recall.length; i++) ap += (recall[i] - recall[i - 1]) * precision[i];
  return ap;
}
