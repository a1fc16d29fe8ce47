// Tests for lib/classic/perceptron: the textbook run (Li Hang, Statistical Learning Methods, example 2.1: w = (1, 1),
// b = -3 after 7 updates), Novikoff's mistake bound (R/gamma)^2, the averaged perceptron against a brute-force average
// (1e-12), learning-rate invariance, errors.
import { describe, expect, it } from 'vitest';
import { Perceptron } from '../../lib/classic/perceptron';
import { Rng } from '../../lib/core/random';

describe('Perceptron', () => {
  it('textbook example: (3,3)+, (4,3)+, (1,1)- in order -> w = (1, 1), b = -3 after 7 mistakes', () => {
    const p = new Perceptron({ shuffle: false }).fit([[3, 3], [4, 3], [1, 1]], [1, 1, 0]);
    expect(Array.from(p.weights)).toEqual([1, 1]);
    expect(p.intercept).toBe(-3);
    expect(Array.from(p.mistakesPerEpoch)).toEqual([2, 1, 1, 2, 1, 0]);
    expect(p.totalMistakes).toBe(7);
    expect(p.converged).toBe(true);
    expect(Array.from(p.predict([[3, 3], [4, 3], [1, 1]]))).toEqual([1, 1, 0]);
  });

  it('separable data: converges, and the mistakes never exceed (R / gamma)^2 for a known separator', () => {
    const rng = new Rng(5);
    const wStar = [2, -1, 0.5], bStar = 0.3;
    const x: number[][] = [], y: number[] = [];
    while (x.length < 300) {
      const p = [rng.uniform(-2, 2), rng.uniform(-2, 2), rng.uniform(-2, 2)];
      const s = wStar[0] * p[0] + wStar[1] * p[1] + wStar[2] * p[2] + bStar;
      if (Math.abs(s) < 0.3) continue; // keep a margin
      x.push(p); y.push(s > 0 ? 1 : 0);
    }
    // with the bias folded in: z = (x, 1), u = (w*, b*) / ||(w*, b*)||
    const uNorm = Math.hypot(...wStar, bStar);
    const R = Math.max(...x.map((p) => Math.hypot(...p, 1)));
    const gamma = Math.min(...x.map((p, i) => ((y[i] ? 1 : -1) * (wStar[0] * p[0] + wStar[1] * p[1] + wStar[2] * p[2] + bStar)) / uNorm));
    const model = new Perceptron({ epochs: 1000, seed: 1 }).fit(x, y);
    expect(model.converged).toBe(true);
    expect(model.score(x, y)).toBe(1);
    expect(model.totalMistakes).toBeLessThanOrEqual((R / gamma) ** 2);
  });

  it('XOR is not linearly separable: it never converges', () => {
    const p = new Perceptron({ epochs: 50, seed: 1 }).fit([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]);
    expect(p.converged).toBe(false);
    expect(p.mistakesPerEpoch.length).toBe(50);
    expect(p.score([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0])).toBeLessThan(1);
  });

  it('averaged perceptron equals the mean of the weights after every example (brute force, 1e-12)', () => {
    const rng = new Rng(6);
    const x = Array.from({ length: 40 }, () => [rng.normal(), rng.normal()]);
    const y = x.map((p) => (p[0] + 0.5 * p[1] + 0.3 * rng.normal() > 0 ? 1 : 0));
    const epochs = 5;
    const model = new Perceptron({ average: true, shuffle: false, epochs }).fit(x, y);
    // brute force: run the plain updates, summing (w, b) after each example (and the starting zeros once)
    const w = [0, 0];
    let b = 0;
    const sum = [0, 0];
    let sumB = 0, count = 1; // the initial w = 0 counts once
    for (let e = 0; e < epochs; e++) {
      for (let i = 0; i < x.length; i++) {
        const yi = y[i] ? 1 : -1;
        if (yi * (w[0] * x[i][0] + w[1] * x[i][1] + b) <= 0) { w[0] += yi * x[i][0]; w[1] += yi * x[i][1]; b += yi; }
        sum[0] += w[0]; sum[1] += w[1]; sumB += b; count++;
      }
    }
    expect(Math.abs(model.weights[0] - sum[0] / count)).toBeLessThan(1e-12);
    expect(Math.abs(model.weights[1] - sum[1] / count)).toBeLessThan(1e-12);
    expect(Math.abs(model.intercept - sumB / count)).toBeLessThan(1e-12);
  });

  it('the learning rate only rescales w and b when starting from zero', () => {
    const rng = new Rng(7);
    const x = Array.from({ length: 60 }, () => [rng.normal(), rng.normal()]);
    const y = x.map((p) => (p[0] - p[1] > 0 ? 1 : 0));
    const a = new Perceptron({ learningRate: 1, seed: 2 }).fit(x, y);
    const b = new Perceptron({ learningRate: 0.25, seed: 2 }).fit(x, y);
    expect(a.totalMistakes).toBe(b.totalMistakes);
    for (let j = 0; j < 2; j++) expect(b.weights[j]).toBeCloseTo(0.25 * a.weights[j], 12);
    expect(b.intercept).toBeCloseTo(0.25 * a.intercept, 12);
  });

  it('errors', () => {
    expect(() => new Perceptron().fit([], [])).toThrow(RangeError);
    expect(() => new Perceptron({ seed: 1 }).fit([[1], [2]], [0, 2])).toThrow(/binary/);
    expect(() => new Perceptron({ seed: 1 }).fit([[1], [NaN]], [0, 1])).toThrow(/finite/);
    expect(() => new Perceptron({ learningRate: 0 })).toThrow(RangeError);
    expect(() => new Perceptron({ epochs: 0 })).toThrow(RangeError);
    expect(() => new Perceptron().predict([[1]])).toThrow(/call fit/);
  });
});

describe('Perceptron prediction input checks', () => {
  it('a NaN or infinite feature is reported by position', () => {
    const p = new Perceptron({ shuffle: false }).fit([[3, 3], [4, 3], [1, 1]], [1, 1, 0]);
    expect(() => p.predict([[1, 1], [NaN, 0]])).toThrow('expected finite values in x, got NaN at row 1, column 0');
    expect(() => p.decisionFunction([[0, -Infinity]])).toThrow(/row 0, column 1/);
  });
});
