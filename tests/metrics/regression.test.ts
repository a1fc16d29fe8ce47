// Tests for lib/metrics/regression: MSE, RMSE, MAE, R^2 and adjusted R^2 by hand (1e-12), RMSE >= MAE, error paths.
import { describe, expect, it } from 'vitest';
import { adjustedR2Score, meanAbsoluteError, meanSquaredError, r2Score, rootMeanSquaredError } from '../../lib/metrics/regression';
import { Rng } from '../../lib/core/random';

describe('regression metrics', () => {
  // scikit-learn's documented example: y = [3, -0.5, 2, 7], yhat = [2.5, 0, 2, 8] -> MSE 0.375, MAE 0.5, R^2 0.9486...
  const y = [3, -0.5, 2, 7], yhat = [2.5, 0, 2, 8];
  it('by hand', () => {
    expect(meanSquaredError(y, yhat)).toBeCloseTo(0.375, 12);
    expect(rootMeanSquaredError(y, yhat)).toBeCloseTo(Math.sqrt(0.375), 12);
    expect(meanAbsoluteError(y, yhat)).toBeCloseTo(0.5, 12);
    // SS_tot: mean 2.875; deviations^2 = 0.015625 + 11.390625 + 0.765625 + 17.015625 = 29.1875; SS_res = 1.5
    expect(r2Score(y, yhat)).toBeCloseTo(1 - 1.5 / 29.1875, 12);
    expect(adjustedR2Score(y, yhat, 1)).toBeCloseTo(1 - ((1.5 / 29.1875) * 3) / 2, 12);
    expect(adjustedR2Score(y, yhat, 0)).toBeCloseTo(r2Score(y, yhat), 12);
  });

  it('RMSE >= MAE, with equality when all errors have the same size', () => {
    const rng = new Rng(2);
    const t = Array.from({ length: 100 }, () => rng.normal());
    const p = t.map((v) => v + rng.normal());
    expect(rootMeanSquaredError(t, p)).toBeGreaterThanOrEqual(meanAbsoluteError(t, p));
    expect(rootMeanSquaredError([1, 2, 3], [2, 1, 4])).toBeCloseTo(meanAbsoluteError([1, 2, 3], [2, 1, 4]), 12);
  });

  it('rejects bad input', () => {
    expect(() => meanAbsoluteError([], [])).toThrow(/at least 1 sample/);
    expect(() => meanAbsoluteError([1, 2], [1])).toThrow(RangeError);
    expect(() => adjustedR2Score([1, 2, 3], [1, 2, 3], 2)).toThrow(/more samples than nFeatures \+ 1/);
    expect(() => adjustedR2Score([1, 2, 3], [1, 2, 3], 1.5)).toThrow(RangeError);
    expect(() => r2Score([1, 1], [1, 2])).toThrow(/non-zero variance/);
  });
});
