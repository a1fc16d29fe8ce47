// Tests for lib/classic/adaboost: the textbook 10-point example (Li Hang, Statistical Learning Methods, 8.1.3) round by
// round (thresholds; errors 3/10, 3/14, 2/11 and their alphas worked out exactly, to 1e-12, which the book prints rounded
// as 0.3, 0.2143, 0.1820 and 0.4236, 0.6496, 0.7514), the exponential-loss identity and training-error bound (1e-9).
import { describe, expect, it } from 'vitest';
import { AdaBoostClassifier, adaBoostAlpha } from '../../lib/classic/adaboost';
import { moons, split } from './helpers';

describe('AdaBoost on the textbook example', () => {
  // x = 0..9, y = 1 1 1 -1 -1 -1 1 1 1 -1 (here 0/1 labels)
  const x = Array.from({ length: 10 }, (_, i) => [i]);
  const y = [1, 1, 1, 0, 0, 0, 1, 1, 1, 0];

  it('three rounds: stumps at 2.5, 8.5, 5.5 with errors 0.3, 0.2143, 0.1820 and alphas 0.4236, 0.6496, 0.7514; then no training errors', () => {
    const ada = new AdaBoostClassifier({ nEstimators: 3 }).fit(x, y);
    expect(ada.stumps.map((s) => s.threshold[0])).toEqual([2.5, 8.5, 5.5]);
    const errors = [3 / 10, 3 / 14, 2 / 11];
    const printed = [0.4236, 0.6496, 0.7514]; // the book's alphas, from errors rounded to 4 digits
    for (let t = 0; t < 3; t++) {
      expect(Math.abs(ada.errors[t] - errors[t])).toBeLessThan(1e-12);
      expect(Math.abs(ada.alphas[t] - 0.5 * Math.log((1 - errors[t]) / errors[t]))).toBeLessThan(1e-12);
      expect(Math.abs(ada.alphas[t] - printed[t])).toBeLessThan(1e-3);
    }
    expect(Array.from(ada.trainError)).toEqual([0.3, 0.3, 0]);
    expect(ada.score(x, y)).toBe(1);
  });

  it('round 2 weights by hand: misclassified rows 6, 7, 8 weigh 1/6 each, the others 1/14', () => {
    // After round 1 (eps = 0.3): w_i proportional to exp(-alpha y h) -> wrong rows exp(alpha), right rows exp(-alpha);
    // normalised, the 3 wrong rows share 1/2 and the 7 right rows share 1/2. Round 2's error is the weight of its
    // misclassified rows 3, 4, 5 = 3/14 = 0.2143.
    const ada = new AdaBoostClassifier({ nEstimators: 2 }).fit(x, y);
    expect(ada.errors[1]).toBeCloseTo(3 / 14, 12);
    expect(ada.alphas[0]).toBeCloseTo(0.5 * Math.log(0.7 / 0.3), 12);
  });
});

describe('AdaBoost properties', () => {
  it('exponential loss = prod_t Z_t with Z_t = 2 sqrt(eps_t (1 - eps_t)), and the training error stays below it', () => {
    const { train } = split(moons(41, 300, 0.3), 2);
    const ada = new AdaBoostClassifier({ nEstimators: 40 }).fit(train.x, train.y);
    const F = ada.decisionFunction(train.x);
    let expLoss = 0;
    for (let i = 0; i < F.length; i++) expLoss += Math.exp(-(train.y[i] === 1 ? 1 : -1) * F[i]);
    expLoss /= F.length;
    let bound = 1;
    for (const eps of ada.errors) bound *= 2 * Math.sqrt(eps * (1 - eps));
    expect(Math.abs(expLoss - bound) / bound).toBeLessThan(1e-9);
    expect(ada.trainError[ada.trainError.length - 1]).toBeLessThanOrEqual(bound);
    for (const eps of ada.errors) expect(eps).toBeLessThan(0.5);
  });

  it('boosted stumps beat a single stump on held-out data', () => {
    const { train, test } = split(moons(42, 400, 0.25), 3);
    const one = new AdaBoostClassifier({ nEstimators: 1 }).fit(train.x, train.y).score(test.x, test.y);
    const many = new AdaBoostClassifier({ nEstimators: 100 }).fit(train.x, train.y).score(test.x, test.y);
    expect(many).toBeGreaterThan(one + 0.05);
  });

  it('alpha formula: 0 at eps = 1/2, positive below, symmetric in log-odds', () => {
    expect(adaBoostAlpha(0.5)).toBe(0);
    expect(adaBoostAlpha(0.1)).toBeCloseTo(0.5 * Math.log(9), 12);
    expect(adaBoostAlpha(0.9)).toBeCloseTo(-adaBoostAlpha(0.1), 12);
    expect(() => adaBoostAlpha(0)).toThrow(RangeError);
    expect(() => adaBoostAlpha(1)).toThrow(RangeError);
  });

  it('a perfect first stump stops boosting; errors for bad input', () => {
    const ada = new AdaBoostClassifier({ nEstimators: 10 }).fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
    expect(ada.stumps.length).toBe(1);
    expect(ada.score([[0], [3]], [0, 1])).toBe(1);
    expect(() => new AdaBoostClassifier().fit([], [])).toThrow(RangeError);
    expect(() => new AdaBoostClassifier().fit([[0], [1]], [0, 2])).toThrow(RangeError);
    expect(() => new AdaBoostClassifier({ nEstimators: 0 })).toThrow(RangeError);
    expect(() => new AdaBoostClassifier().predict([[1]])).toThrow(/call fit/);
  });
});
