// Choosing a decision threshold from the costs of errors: the cost at every threshold, the cheapest one, and the Bayes threshold for calibrated probabilities.
import { checkReal } from '../data/check';
import { checkBinaryScores, sortByScoreDesc } from './inputs';

/** Cost of each outcome of one decision (any unit: dollars, minutes, lives). Correct decisions usually cost 0. */
export interface ErrorCosts {
  falsePositive: number;
  falseNegative: number;
  truePositive?: number;
  trueNegative?: number;
}

export interface CostCurve {
  /** Decreasing thresholds (positive when score >= threshold): +Infinity (nothing positive), then each distinct score. */
  thresholds: Float64Array;
  /** Mean cost per sample at each threshold. */
  meanCost: Float64Array;
  falsePositives: Float64Array;
  falseNegatives: Float64Array;
}

export interface CostOptimalThreshold {
  /** The threshold of least mean cost (the highest such threshold when several tie). */
  threshold: number;
  meanCost: number;
  curve: CostCurve;
}

function checkCosts(fn: string, costs: ErrorCosts): Required<ErrorCosts> {
  if (typeof costs !== 'object' || costs === null) throw new TypeError(`${fn}: expected costs to be an object {falsePositive, falseNegative}, got ${costs === null ? 'null' : typeof costs}`);
  const c = {
    falsePositive: checkReal(fn, 'costs.falsePositive', costs.falsePositive),
    falseNegative: checkReal(fn, 'costs.falseNegative', costs.falseNegative),
    truePositive: checkReal(fn, 'costs.truePositive', costs.truePositive ?? 0),
    trueNegative: checkReal(fn, 'costs.trueNegative', costs.trueNegative ?? 0),
  };
  if (c.falsePositive <= c.trueNegative || c.falseNegative <= c.truePositive) {
    throw new RangeError(`${fn}: expected each error to cost more than the matching correct decision, got costs ${JSON.stringify(c)}`);
  }
  return c;
}

/**
 * The mean cost per sample if everything with score >= t were called positive, for every distinct t.
 * @param yTrue - n labels (`positiveLabel`, default 1, is positive)
 * @param scores - n scores, higher = more likely positive
 */
export function costCurve(yTrue: ArrayLike<number>, scores: ArrayLike<number>, costs: ErrorCosts, options: { positiveLabel?: number } = {}): CostCurve {
  const fn = 'costCurve';
  const c = checkCosts(fn, costs);
  const { y, s } = checkBinaryScores(fn, yTrue, scores, options.positiveLabel ?? 1);
  const n = y.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += y[i];
  const { order, ends } = sortByScoreDesc(s);
  const m = ends.length + 1;
  const thresholds = new Float64Array(m), meanCost = new Float64Array(m), falsePositives = new Float64Array(m), falseNegatives = new Float64Array(m);
  let tp = 0, fp = 0, start = 0;
  const record = (j: number, t: number) => {
    const fnCount = nPos - tp, tn = n - nPos - fp;
    thresholds[j] = t;
    falsePositives[j] = fp;
    falseNegatives[j] = fnCount;
    meanCost[j] = (fp * c.falsePositive + fnCount * c.falseNegative + tp * c.truePositive + tn * c.trueNegative) / n;
  };
  record(0, Infinity);
  for (let j = 0; j < ends.length; j++) {
    for (let i = start; i < ends[j]; i++) {
      if (y[order[i]] === 1) tp++;
      else fp++;
    }
    start = ends[j];
    record(j + 1, s[order[ends[j] - 1]]);
  }
  return { thresholds, meanCost, falsePositives, falseNegatives };
}

/** The threshold with the least mean cost on (yTrue, scores): pick it on validation data, report cost on test data. */
export function costOptimalThreshold(yTrue: ArrayLike<number>, scores: ArrayLike<number>, costs: ErrorCosts, options: { positiveLabel?: number } = {}): CostOptimalThreshold {
  const curve = costCurve(yTrue, scores, costs, options);
  let best = 0;
  for (let j = 1; j < curve.meanCost.length; j++) if (curve.meanCost[j] < curve.meanCost[best]) best = j;
  return { threshold: curve.thresholds[best], meanCost: curve.meanCost[best], curve };
}

/**
 * For calibrated probabilities p = P(y = 1 | x): calling positive costs (1 - p) cFP + p cTP, negative p cFN + (1 - p) cTN,
 * so positive is cheaper exactly when p >= (cFP - cTN) / (cFP - cTN + cFN - cTP). With free correct decisions:
 * t* = cFP / (cFP + cFN).
 */
export function bayesThreshold(costs: ErrorCosts): number {
  const c = checkCosts('bayesThreshold', costs);
  return (c.falsePositive - c.trueNegative) / (c.falsePositive - c.trueNegative + c.falseNegative - c.truePositive);
}

/** Mean cost of fixed 0/1 decisions: label 1 where score >= threshold. */
export function meanCostAt(yTrue: ArrayLike<number>, scores: ArrayLike<number>, threshold: number, costs: ErrorCosts, options: { positiveLabel?: number } = {}): number {
  const fn = 'meanCostAt';
  const c = checkCosts(fn, costs);
  if (typeof threshold !== 'number' || Number.isNaN(threshold)) throw new TypeError(`${fn}: expected threshold to be a number, got ${String(threshold)}`);
  const { y, s } = checkBinaryScores(fn, yTrue, scores, options.positiveLabel ?? 1);
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const predicted = s[i] >= threshold;
    total += y[i] === 1 ? (predicted ? c.truePositive : c.falseNegative) : predicted ? c.falsePositive : c.trueNegative;
  }
  return total / y.length;
}
