// Tests for lib/metrics/normalized-entropy: hand-computed entropy and NE (1e-12); predicting the base rate gives NE = 1
// exactly (an identity: log loss of a constant p-bar equals H(p-bar)); sklearn's log_loss on a small case (literal, 1e-12);
// miscalibration raises NE; error cases.
import { describe, expect, it } from 'vitest';
import { binaryEntropy, normalizedEntropy } from '../../lib/metrics/normalized-entropy';

describe('normalizedEntropy', () => {
  it('binary entropy by hand', () => {
    expect(binaryEntropy(0.5)).toBeCloseTo(Math.log(2), 12);
    expect(binaryEntropy(0.1)).toBeCloseTo(-(0.1 * Math.log(0.1) + 0.9 * Math.log(0.9)), 12);
    expect(binaryEntropy(0)).toBe(0);
  });
  it('the constant base-rate prediction has NE = 1 (1e-12)', () => {
    const y = [1, 0, 0, 0, 1, 0, 0, 0, 0, 0];
    expect(normalizedEntropy(y, y.map(() => 0.2))).toBeCloseTo(1, 12);
  });
  it('hand case: y = [1, 0, 0, 1], p = [0.9, 0.2, 0.1, 0.6]', () => {
    // log loss = -(ln 0.9 + ln 0.8 + ln 0.9 + ln 0.6) / 4 , sklearn 1.2.1 metrics.log_loss([1,0,0,1], [0.9,0.2,0.1,0.6]) gives 0.23617255159896325
    const ll = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.9) + Math.log(0.6)) / 4;
    expect(ll).toBeCloseTo(0.23617255159896325, 12);
    expect(normalizedEntropy([1, 0, 0, 1], [0.9, 0.2, 0.1, 0.6])).toBeCloseTo(ll / Math.log(2), 12);
    expect(normalizedEntropy([1, 0, 0, 1], [0.9, 0.2, 0.1, 0.6], { baseRate: 0.1 })).toBeCloseTo(ll / binaryEntropy(0.1), 12);
  });
  it('an over-confident (miscalibrated) copy with the same ranking has a larger NE', () => {
    const y = [1, 0, 0, 0, 1, 0, 0, 0, 0, 0];
    const p = [0.4, 0.1, 0.2, 0.1, 0.5, 0.15, 0.1, 0.3, 0.1, 0.05];
    expect(normalizedEntropy(y, p.map((v) => Math.min(0.99, 3 * v)))).toBeGreaterThan(normalizedEntropy(y, p));
  });
  it('rejects bad input', () => {
    expect(() => normalizedEntropy([0, 0], [0.1, 0.2])).toThrow(/baseRate > 0/);
    expect(() => normalizedEntropy([0, 1], [0.1])).toThrow(RangeError);
    expect(() => binaryEntropy(1.5)).toThrow(RangeError);
    expect(() => binaryEntropy('a' as unknown as number)).toThrow(TypeError);
  });
});
