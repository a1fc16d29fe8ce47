// Tests for lib/metrics/probabilistic: log loss, categorical cross-entropy, perplexity and Brier score by hand (1e-12) and against
// tfjs's binary/categorical cross-entropy (1e-6: float32), calibration bins against scikit-learn's documented example, error paths.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { brierScore, calibrationCurve, categoricalLogLoss, expectedCalibrationError, logLoss, perplexity } from '../../lib/metrics/probabilistic';
import { Rng } from '../../lib/core/random';

describe('log loss, cross-entropy, perplexity, Brier', () => {
  it('binary log loss by hand', () => {
    expect(logLoss([1, 0], [0.8, 0.3])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 12);
    expect(logLoss([1], [1])).toBeCloseTo(-Math.log(1 - 1e-15), 12);
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(1e-15), 9); // clipped: large but finite
  });

  it('agrees with tfjs binaryCrossentropy on random data (1e-6)', () => {
    const rng = new Rng(3);
    const y = Array.from({ length: 50 }, () => (rng.random() < 0.4 ? 1 : 0));
    const p = y.map(() => 0.02 + 0.96 * rng.random());
    const ref = tf.tidy(() => tf.metrics.binaryCrossentropy(tf.tensor1d(y), tf.tensor1d(p)).dataSync()[0]);
    expect(Math.abs(logLoss(y, p) - ref)).toBeLessThan(1e-6);
  });

  it('categorical log loss and perplexity by hand and against tfjs (1e-6)', () => {
    const probs = [[0.7, 0.2, 0.1], [0.1, 0.1, 0.8], [0.3, 0.4, 0.3]];
    const labels = [0, 2, 1];
    const ce = -(Math.log(0.7) + Math.log(0.8) + Math.log(0.4)) / 3;
    expect(categoricalLogLoss(labels, probs)).toBeCloseTo(ce, 12);
    expect(perplexity(labels, probs)).toBeCloseTo(Math.exp(ce), 12);
    const ref = tf.tidy(() => tf.metrics.categoricalCrossentropy(tf.oneHot(labels, 3).toFloat(), tf.tensor2d(probs)).mean().dataSync()[0]);
    expect(Math.abs(categoricalLogLoss(labels, probs) - ref)).toBeLessThan(1e-6);
  });

  it('perplexity of a uniform guess over k classes is k; of a perfect model 1', () => {
    const k = 7;
    const rows = Array.from({ length: 5 }, () => new Array<number>(k).fill(1 / k));
    expect(perplexity([0, 1, 2, 3, 6], rows)).toBeCloseTo(k, 12);
    expect(perplexity([0, 1], [[1, 0], [0, 1]])).toBeCloseTo(1, 12);
  });

  it('Brier score by hand', () => {
    expect(brierScore([1, 0, 1], [0.9, 0.2, 0.4])).toBeCloseTo((0.01 + 0.04 + 0.36) / 3, 12);
    expect(brierScore([1, 0], [0.5, 0.5])).toBeCloseTo(0.25, 12);
  });

  it('rejects bad input', () => {
    expect(() => logLoss([1, 2], [0.5, 0.5])).toThrow(/binary targets 0 or 1/);
    expect(() => logLoss([1, 0], [0.5, 1.2])).toThrow(/probabilities in \[0, 1\]/);
    expect(() => logLoss([1, 0], [0.5])).toThrow(RangeError);
    expect(() => logLoss([], [])).toThrow(/at least 1 sample/);
    expect(() => logLoss([1], [0.5], { eps: 0.7 })).toThrow(/eps < 0.5/);
    expect(() => categoricalLogLoss([0], [[0.5, 0.6]])).toThrow(/sum to 1/);
    expect(() => categoricalLogLoss([3], [[0.5, 0.5]])).toThrow(/labels in 0..1/);
    expect(() => categoricalLogLoss([0, 1], [[0.5, 0.5]])).toThrow(RangeError);
    expect(() => brierScore([1], [Number.NaN])).toThrow(RangeError);
  });
});

describe('calibrationCurve', () => {
  it("matches scikit-learn's documented calibration_curve example (3 uniform bins)", () => {
    const y = [0, 0, 0, 0, 1, 1, 1, 1, 1];
    const p = [0.1, 0.2, 0.3, 0.4, 0.65, 0.7, 0.8, 0.9, 1];
    const c = calibrationCurve(y, p, { nBins: 3 });
    expect(Array.from(c.fractionPositive)).toEqual([0, 0.5, 1]);
    expect(Array.from(c.meanPredicted).map((v) => +v.toFixed(12))).toEqual([0.2, 0.525, 0.85]);
    expect(Array.from(c.counts)).toEqual([3, 2, 4]);
    // ECE = (3 * 0.2 + 2 * 0.025 + 4 * 0.15) / 9
    expect(expectedCalibrationError(y, p, { nBins: 3 })).toBeCloseTo((0.6 + 0.05 + 0.6) / 9, 12);
  });

  it('puts a value on an inner edge in the lower bin and leaves empty bins out', () => {
    const c = calibrationCurve([0, 1, 1], [0.5, 0.5, 0.95], { nBins: 2 });
    expect(Array.from(c.counts)).toEqual([2, 1]);
    const d = calibrationCurve([0, 1], [0.05, 0.95], { nBins: 10 });
    expect(Array.from(d.counts)).toEqual([1, 1]);
  });

  it('quantile bins hold (nearly) equal counts', () => {
    const rng = new Rng(8);
    const p = Array.from({ length: 1000 }, () => rng.random() ** 3);
    const y = p.map((v) => (rng.random() < v ? 1 : 0));
    const c = calibrationCurve(y, p, { nBins: 5, strategy: 'quantile' });
    for (const n of c.counts) expect(Math.abs(n - 200)).toBeLessThanOrEqual(1);
    // y ~ Bernoulli(p): calibrated by construction, every bin within 0.1 of the diagonal
    for (let b = 0; b < c.counts.length; b++) expect(Math.abs(c.fractionPositive[b] - c.meanPredicted[b])).toBeLessThan(0.1);
  });

  it('rejects bad options', () => {
    expect(() => calibrationCurve([0, 1], [0.2, 0.8], { nBins: 0 })).toThrow(RangeError);
    expect(() => calibrationCurve([0, 1], [0.2, 0.8], { strategy: 'kmeans' as 'uniform' })).toThrow(/strategy/);
  });
});
