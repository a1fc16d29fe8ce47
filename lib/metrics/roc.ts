// ROC curve (FPR, TPR at every distinct score threshold), trapezoidal AUC, and AUC as the Mann-Whitney rank statistic P(s+ > s-) + P(s+ = s-)/2.
import { checkVector } from '../data/check';
import { checkBinaryScores, sortByScoreDesc } from './inputs';

export interface RocCurve {
  /** False-positive rate FP / N at each threshold; starts at 0, ends at 1. */
  fpr: Float64Array;
  /** True-positive rate (recall) TP / P at each threshold; starts at 0, ends at 1. */
  tpr: Float64Array;
  /**
   * Decreasing thresholds: a sample is called positive when score >= threshold. The first is +Infinity
   * (nothing positive); the others are the distinct scores. Same as scikit-learn's roc_curve with
   * drop_intermediate=False.
   */
  thresholds: Float64Array;
}

export interface BinaryScoreOptions {
  /** The label counted as positive; every other label is negative. Default 1. */
  positiveLabel?: number;
}

function countClasses(fn: string, y: Uint8Array): { nPos: number; nNeg: number } {
  let nPos = 0;
  for (let i = 0; i < y.length; i++) nPos += y[i];
  const nNeg = y.length - nPos;
  if (nPos === 0 || nNeg === 0) {
    throw new RangeError(`${fn}: needs both classes in yTrue, got ${nPos} positives and ${nNeg} negatives (the ROC curve divides by both counts, so AUC is undefined)`);
  }
  return { nPos, nNeg };
}

/**
 * The ROC curve: one point per distinct score, tied scores moving together (a tie gives a diagonal step).
 * @param yTrue - n labels; `positiveLabel` (default 1) is positive, anything else negative
 * @param scores - n real scores, higher = more likely positive (probabilities, logits, margins)
 * @throws RangeError when yTrue has only one class, or for empty/mismatched/non-finite input
 */
export function rocCurve(yTrue: ArrayLike<number>, scores: ArrayLike<number>, options: BinaryScoreOptions = {}): RocCurve {
  const fn = 'rocCurve';
  const { y, s } = checkBinaryScores(fn, yTrue, scores, options.positiveLabel ?? 1);
  const { nPos, nNeg } = countClasses(fn, y);
  const { order, ends } = sortByScoreDesc(s);
  const m = ends.length + 1;
  const fpr = new Float64Array(m), tpr = new Float64Array(m), thresholds = new Float64Array(m);
  thresholds[0] = Infinity;
  let tp = 0, fp = 0, start = 0;
  for (let j = 0; j < ends.length; j++) {
    for (let i = start; i < ends[j]; i++) {
      if (y[order[i]] === 1) tp++;
      else fp++;
    }
    start = ends[j];
    tpr[j + 1] = tp / nPos;
    fpr[j + 1] = fp / nNeg;
    thresholds[j + 1] = s[order[ends[j] - 1]];
  }
  return { fpr, tpr, thresholds };
}

/**
 * Area under a curve by the trapezoidal rule. `x` must be monotone (non-decreasing or non-increasing).
 * @param x - m >= 2 abscissae
 * @param y - m ordinates
 */
export function auc(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const fn = 'auc';
  const X = checkVector(fn, 'x', x);
  const Y = checkVector(fn, 'y', y, X.length);
  if (X.length < 2) throw new RangeError(`${fn}: expected at least 2 points, got ${X.length}`);
  let direction = 0;
  for (let i = 1; i < X.length; i++) {
    const d = Math.sign(X[i] - X[i - 1]);
    if (d === 0) continue;
    if (direction === 0) direction = d;
    else if (d !== direction) throw new RangeError(`${fn}: expected monotone x, but x goes ${direction > 0 ? 'down' : 'up'} at index ${i}`);
  }
  let area = 0;
  for (let i = 1; i < X.length; i++) area += ((X[i] - X[i - 1]) * (Y[i] + Y[i - 1])) / 2;
  return Math.abs(area);
}

/** Area under the ROC curve (trapezoidal). 0.5 = random ranking, 1 = every positive above every negative. */
export function rocAuc(yTrue: ArrayLike<number>, scores: ArrayLike<number>, options: BinaryScoreOptions = {}): number {
  const c = rocCurve(yTrue, scores, options);
  return auc(c.fpr, c.tpr);
}

/**
 * AUC as a probability, from ranks (Mann-Whitney U / (P N)): the chance that a random positive scores above a
 * random negative, ties counted 1/2. Tied scores share their average rank. O(n log n).
 * Equals {@link rocAuc} exactly (up to rounding): the trapezoid over a tie block is the 1/2 credit.
 * @throws RangeError when yTrue has only one class
 */
export function aucRankStatistic(yTrue: ArrayLike<number>, scores: ArrayLike<number>, options: BinaryScoreOptions = {}): number {
  const fn = 'aucRankStatistic';
  const { y, s } = checkBinaryScores(fn, yTrue, scores, options.positiveLabel ?? 1);
  const { nPos, nNeg } = countClasses(fn, y);
  const { order, ends } = sortByScoreDesc(s);
  // Ranks ascending (1 = lowest score); a tie block of positions [start, end) in descending order gets the mean rank.
  const n = s.length;
  let rankSumPos = 0, start = 0;
  for (let j = 0; j < ends.length; j++) {
    const end = ends[j];
    // Descending positions start..end-1 have ascending ranks n-start .. n-end+1; their mean:
    const meanRank = (n - start + (n - end + 1)) / 2;
    for (let i = start; i < end; i++) if (y[order[i]] === 1) rankSumPos += meanRank;
    start = end;
  }
  const u = rankSumPos - (nPos * (nPos + 1)) / 2;
  return u / (nPos * nNeg);
}
