// Tests for lib/metrics/classification: per-class scores against ml-confusion-matrix (1e-12), averaging against
// hand-computed values (scikit-learn's documented example), zero division, micro = accuracy, error paths.
import { describe, expect, it } from 'vitest';
import { ConfusionMatrix as MlConfusionMatrix } from 'ml-confusion-matrix';
import { accuracy, balancedAccuracy, f1Score, fBetaScore, perClassScores, precision, recall, specificity } from '../../lib/metrics/classification';
import { Rng } from '../../lib/core/random';

const TOL = 1e-12;

function randomLabels(seed: number, n: number, k: number): { t: number[]; p: number[] } {
  const rng = new Rng(seed);
  const t: number[] = [], p: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = rng.int(k);
    t.push(c);
    p.push(rng.random() < 0.6 ? c : rng.int(k));
  }
  return { t, p };
}

describe('per-class scores vs ml-confusion-matrix', () => {
  for (const [seed, k] of [[11, 2], [12, 4]] as const) {
    it(`precision, recall, specificity, F1 and accuracy (seed ${seed}, ${k} classes)`, () => {
      const { t, p } = randomLabels(seed, 400, k);
      const ref = MlConfusionMatrix.fromLabels(t, p);
      const s = perClassScores(t, p);
      s.labels.forEach((label, i) => {
        expect(s.precision[i]).toBeCloseTo(ref.getPositivePredictiveValue(label), 12);
        expect(s.recall[i]).toBeCloseTo(ref.getTruePositiveRate(label), 12);
        expect(s.specificity[i]).toBeCloseTo(ref.getTrueNegativeRate(label), 12);
        expect(s.fBeta[i]).toBeCloseTo(ref.getF1Score(label), 12);
      });
      expect(Math.abs(accuracy(t, p) - ref.getAccuracy())).toBeLessThan(TOL);
    });
  }

  it('binary average uses the positive label', () => {
    const { t, p } = randomLabels(13, 200, 2);
    const ref = MlConfusionMatrix.fromLabels(t, p);
    expect(precision(t, p)).toBeCloseTo(ref.getPositivePredictiveValue(1), 12);
    expect(recall(t, p)).toBeCloseTo(ref.getTruePositiveRate(1), 12);
    expect(specificity(t, p)).toBeCloseTo(ref.getTrueNegativeRate(1), 12);
    expect(f1Score(t, p)).toBeCloseTo(ref.getF1Score(1), 12);
    expect(precision(t, p, { positiveLabel: 0 })).toBeCloseTo(ref.getPositivePredictiveValue(0), 12);
  });
});

describe('averaging (hand-computed; the numbers of scikit-learn\'s precision_recall_fscore_support docs)', () => {
  // Class 0: TP 2, FP 1, FN 0 -> P 2/3, R 1; classes 1 and 2: TP 0 -> P = R = F = 0. Support 2 each.
  const t = [0, 1, 2, 0, 1, 2];
  const p = [0, 2, 1, 0, 0, 1];
  it('precision, recall, F1', () => {
    expect(precision(t, p, { average: 'macro' })).toBeCloseTo(2 / 9, 12);
    expect(precision(t, p, { average: 'micro' })).toBeCloseTo(1 / 3, 12);
    expect(precision(t, p, { average: 'weighted' })).toBeCloseTo(2 / 9, 12);
    expect(recall(t, p, { average: 'macro' })).toBeCloseTo(1 / 3, 12);
    expect(recall(t, p, { average: 'micro' })).toBeCloseTo(1 / 3, 12);
    expect(f1Score(t, p, { average: 'macro' })).toBeCloseTo(0.8 / 3, 12);
    expect(f1Score(t, p, { average: 'micro' })).toBeCloseTo(1 / 3, 12);
  });
  it('F-beta with beta = 0.5 (sklearn docs: macro 0.238..., micro 0.333..., per class [0.714..., 0, 0])', () => {
    const f0 = (1.25 * (2 / 3) * 1) / (0.25 * (2 / 3) + 1);
    expect(f0).toBeCloseTo(0.7142857142857143, 12);
    expect(fBetaScore(t, p, 0.5, { average: 'macro' })).toBeCloseTo(f0 / 3, 12);
    expect(fBetaScore(t, p, 0.5, { average: 'micro' })).toBeCloseTo(1 / 3, 12);
    expect(fBetaScore(t, p, 0.5, { average: 'weighted' })).toBeCloseTo(f0 / 3, 12);
    expect(Array.from(perClassScores(t, p, { beta: 0.5 }).fBeta).map((v) => +v.toFixed(6))).toEqual([0.714286, 0, 0]);
  });
  it('weighted differs from macro under imbalance (hand-computed)', () => {
    // class 0: 4 samples all right; class 1: 1 sample, predicted 0. P0 = 4/5, P1 = 0 (never predicted).
    const yt = [0, 0, 0, 0, 1], yp = [0, 0, 0, 0, 0];
    expect(precision(yt, yp, { average: 'macro' })).toBeCloseTo(0.4, 12);
    expect(precision(yt, yp, { average: 'weighted' })).toBeCloseTo((4 * 0.8 + 1 * 0) / 5, 12);
    expect(recall(yt, yp, { average: 'macro' })).toBeCloseTo(0.5, 12);
    expect(balancedAccuracy(yt, yp)).toBeCloseTo(0.5, 12);
    expect(accuracy(yt, yp)).toBeCloseTo(0.8, 12);
  });
  it('micro precision = micro recall = micro F1 = accuracy for single-label multi-class data', () => {
    const { t: yt, p: yp } = randomLabels(21, 500, 5);
    const acc = accuracy(yt, yp);
    for (const f of [precision, recall, f1Score]) expect(Math.abs(f(yt, yp, { average: 'micro' }) - acc)).toBeLessThan(TOL);
  });
  it('micro specificity pools TN and FP', () => {
    // 3 classes, 6 samples: summed FP = 4, summed TN = 8 -> 8 / 12.
    expect(specificity(t, p, { average: 'micro' })).toBeCloseTo(8 / 12, 12);
  });
});

describe('edge cases', () => {
  it('zero division: a class that is never predicted has precision zeroDivision', () => {
    expect(precision([1, 1, 0], [0, 0, 0])).toBe(0);
    expect(precision([1, 1, 0], [0, 0, 0], { zeroDivision: 1 })).toBe(1);
    expect(f1Score([1, 1, 0], [0, 0, 0])).toBe(0);
    // only negatives, predicted negative: recall of the positive class is 0/0
    expect(recall([0, 0], [0, 0])).toBe(0);
    expect(specificity([0, 0], [0, 0])).toBe(1);
  });
  it('F-beta tends to recall for large beta and to precision for small beta', () => {
    const yt = [1, 1, 1, 1, 0, 0], yp = [1, 0, 0, 0, 0, 0]; // P = 1, R = 1/4
    expect(fBetaScore(yt, yp, 1e3)).toBeCloseTo(0.25, 5);
    expect(fBetaScore(yt, yp, 1e-3)).toBeCloseTo(1, 5);
    expect(f1Score(yt, yp)).toBeCloseTo((2 * 1 * 0.25) / 1.25, 12);
  });
  it('rejects bad input', () => {
    expect(() => precision([0, 1, 2], [0, 1, 2])).toThrow(/average 'binary' needs at most 2 classes, got 3/);
    expect(() => precision([0, 1], [0, 1], { positiveLabel: 5 })).toThrow(/at most 2 classes|positiveLabel/);
    expect(() => precision([0, 1], [0, 1], { average: 'samples' as 'macro' })).toThrow(RangeError);
    expect(() => fBetaScore([0, 1], [0, 1], 0)).toThrow(/beta > 0/);
    expect(() => fBetaScore([0, 1], [0, 1], Number.NaN)).toThrow(RangeError);
    expect(() => accuracy([], [])).toThrow(/at least 1 sample/);
    expect(() => accuracy([0, 1], [1])).toThrow(RangeError);
    expect(() => recall(null as unknown as number[], [1])).toThrow(TypeError);
  });
});
