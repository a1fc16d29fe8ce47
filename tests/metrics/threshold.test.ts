// Tests for lib/metrics/threshold: cost curve by hand and against brute-force meanCostAt at every threshold (1e-12), the Bayes
// threshold in closed form, and a statistical check that the empirical optimum on calibrated data lands near it.
import { describe, expect, it } from 'vitest';
import { bayesThreshold, costCurve, costOptimalThreshold, meanCostAt } from '../../lib/metrics/threshold';
import { Rng } from '../../lib/core/random';

describe('cost-based thresholds', () => {
  it('cost curve by hand', () => {
    // y = [1, 0, 1, 0], s = [0.9, 0.8, 0.4, 0.1]; cFP = 1, cFN = 5
    const c = costCurve([1, 0, 1, 0], [0.9, 0.8, 0.4, 0.1], { falsePositive: 1, falseNegative: 5 });
    expect(Array.from(c.thresholds)).toEqual([Infinity, 0.9, 0.8, 0.4, 0.1]);
    expect(Array.from(c.falsePositives)).toEqual([0, 0, 1, 1, 2]);
    expect(Array.from(c.falseNegatives)).toEqual([2, 1, 1, 0, 0]);
    expect(Array.from(c.meanCost)).toEqual([10 / 4, 5 / 4, 6 / 4, 1 / 4, 2 / 4]);
    const best = costOptimalThreshold([1, 0, 1, 0], [0.9, 0.8, 0.4, 0.1], { falsePositive: 1, falseNegative: 5 });
    expect(best.threshold).toBe(0.4);
    expect(best.meanCost).toBe(0.25);
  });

  it('agrees with brute-force decisions at every threshold, including ties and nonzero costs of correct decisions', () => {
    const rng = new Rng(5);
    const y = Array.from({ length: 120 }, () => (rng.random() < 0.3 ? 1 : 0));
    const s = y.map((v) => Math.round((rng.normal() + v) * 3) / 3);
    const costs = { falsePositive: 2, falseNegative: 7, truePositive: 0.5, trueNegative: 0.1 };
    const c = costCurve(y, s, costs);
    c.thresholds.forEach((t, j) => expect(Math.abs(c.meanCost[j] - meanCostAt(y, s, t, costs))).toBeLessThan(1e-12));
  });

  it('Bayes threshold in closed form', () => {
    expect(bayesThreshold({ falsePositive: 1, falseNegative: 1 })).toBe(0.5);
    expect(bayesThreshold({ falsePositive: 1, falseNegative: 9 })).toBeCloseTo(0.1, 12);
    expect(bayesThreshold({ falsePositive: 3, falseNegative: 5, truePositive: 1, trueNegative: 1 })).toBeCloseTo(2 / 6, 12);
  });

  it('on calibrated probabilities the empirical optimum is near the Bayes threshold (statistical, 20,000 samples, within 0.05)', () => {
    const rng = new Rng(12);
    const p = Array.from({ length: 20000 }, () => rng.random());
    const y = p.map((v) => (rng.random() < v ? 1 : 0));
    const costs = { falsePositive: 1, falseNegative: 4 };
    expect(Math.abs(costOptimalThreshold(y, p, costs).threshold - bayesThreshold(costs))).toBeLessThan(0.05);
  });

  it('rejects bad costs and input', () => {
    expect(() => bayesThreshold({ falsePositive: 0, falseNegative: 1 })).toThrow(/cost more than/);
    expect(() => bayesThreshold(null as unknown as { falsePositive: number; falseNegative: number })).toThrow(TypeError);
    expect(() => costCurve([1, 0], [0.5], { falsePositive: 1, falseNegative: 1 })).toThrow(RangeError);
    expect(() => meanCostAt([1, 0], [0.5, 0.2], Number.NaN, { falsePositive: 1, falseNegative: 1 })).toThrow(TypeError);
  });
});
