// Regression metrics: MSE and R^2 (re-exported from lib/linear), RMSE, MAE and adjusted R^2.
import { checkInt, checkVector } from '../data/check';
import { meanSquaredError, r2Score } from '../linear/linear-regression';

export { meanSquaredError, r2Score };

function checkPair(fn: string, yTrue: unknown, yPred: unknown): [Float64Array, Float64Array] {
  const t = checkVector(fn, 'yTrue', yTrue);
  if (t.length === 0) throw new RangeError(`${fn}: expected at least 1 sample, got 0`);
  return [t, checkVector(fn, 'yPred', yPred, t.length)];
}

/** Root mean squared error sqrt(mean((y - yhat)^2)), in the units of y. */
export function rootMeanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  return Math.sqrt(meanSquaredError(yTrue, yPred));
}

/** Mean absolute error mean(|y - yhat|): less sensitive to a few large errors than RMSE (RMSE >= MAE always). */
export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const [t, p] = checkPair('meanAbsoluteError', yTrue, yPred);
  let s = 0;
  for (let i = 0; i < t.length; i++) s += Math.abs(t[i] - p[i]);
  return s / t.length;
}

/**
 * Adjusted R^2 = 1 - (1 - R^2)(n - 1)/(n - p - 1) for a model with p features (plus an intercept) fitted on n
 * samples: it only rises when a new feature explains more than chance would.
 * @throws RangeError unless n > p + 1
 */
export function adjustedR2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, nFeatures: number): number {
  const fn = 'adjustedR2Score';
  const [t] = checkPair(fn, yTrue, yPred);
  const p = checkInt(fn, 'nFeatures', nFeatures, 0);
  const n = t.length;
  if (n - p - 1 <= 0) throw new RangeError(`${fn}: expected more samples than nFeatures + 1, got n = ${n} and nFeatures = ${p}`);
  return 1 - ((1 - r2Score(yTrue, yPred)) * (n - 1)) / (n - p - 1);
}
