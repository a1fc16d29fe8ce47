// Tests for LogisticRegression's classWeight: unpenalised fits against scikit-learn 1.2 (Debian's python3-sklearn) on a
// fixed 12-row problem (coefficients to 1e-7 absolute gradient descent run until the largest gradient entry is below 1e-10), the weighted gradient against
// central finite differences of the weighted loss, 'balanced' weights n / (2 n_c), and errors.
import { describe, expect, it } from 'vitest';
import { LogisticRegression, classSampleWeights, softplus } from '../../lib/linear/logistic-regression';
import type { Matrix } from '../../lib/core/matrix';

const rows = [[0.1, 1.2], [0.5, -0.3], [1.1, 0.4], [-0.7, 0.9], [0.3, 0.2], [-1.2, -0.5], [0.8, -1.1], [-0.2, 0.6], [1.5, 1.0], [-0.9, -1.3], [0.6, 0.7], [-0.4, -0.2]];
const x: Matrix = { rows: 12, cols: 2, data: Float64Array.from(rows.flat()) };
const y = Int32Array.from([0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1]);

// /usr/bin/python3: LogisticRegression(penalty='none', class_weight=cw, solver='newton-cg', tol=1e-14, max_iter=100000)
// (the default lbfgs solver stops about 2e-5 short of the optimum on this problem).fit(X, y)
const sklearn: { cw: 'none' | 'balanced' | [number, number]; coef: [number, number]; intercept: number }[] = [
  { cw: 'balanced', coef: [2.29791234, -1.34035254], intercept: -0.5264674 },
  { cw: [1, 5], coef: [2.23480478, -1.5218084], intercept: 0.46342176 },
  { cw: 'none', coef: [2.50213302, -1.30614914], intercept: -1.31339934 },
];

describe('LogisticRegression classWeight', () => {
  for (const ref of sklearn) {
    it(`matches scikit-learn's unpenalised fit with class_weight ${JSON.stringify(ref.cw)} (1e-7)`, () => {
      const m = new LogisticRegression({ learningRate: 2, epochs: 200000, tolerance: 1e-10, classWeight: ref.cw }).fit(x, y);
      expect(Math.abs(m.weights[0] - ref.coef[0])).toBeLessThan(1e-7);
      expect(Math.abs(m.weights[1] - ref.coef[1])).toBeLessThan(1e-7);
      expect(Math.abs(m.intercept - ref.intercept)).toBeLessThan(1e-7);
    });
  }

  it("'balanced' gives n / (2 n_c): here 12 / 16 for the 8 zeros and 12 / 8 for the 4 ones", () => {
    const w = classSampleWeights(Float64Array.from(y), 'balanced');
    expect(w).toBeDefined();
    expect(Array.from(w ?? [])).toEqual(Array.from(y, (v) => (v === 1 ? 1.5 : 0.75)));
    expect(classSampleWeights(Float64Array.from(y), 'none')).toBeUndefined();
  });

  it('the fitted model is a stationary point of the weighted loss: the weighted gradient by finite differences is ~0', () => {
    const cw: [number, number] = [1, 5];
    const m = new LogisticRegression({ learningRate: 1, epochs: 20000, classWeight: cw }).fit(x, y);
    const loss = (w0: number, w1: number, b: number) => {
      let s = 0;
      for (let i = 0; i < 12; i++) { const z = w0 * rows[i][0] + w1 * rows[i][1] + b; s += cw[y[i]] * (softplus(z) - y[i] * z); }
      return s / 12;
    };
    const h = 1e-6, [w0, w1] = m.weights, b = m.intercept;
    const g = [
      (loss(w0 + h, w1, b) - loss(w0 - h, w1, b)) / (2 * h),
      (loss(w0, w1 + h, b) - loss(w0, w1 - h, b)) / (2 * h),
      (loss(w0, w1, b + h) - loss(w0, w1, b - h)) / (2 * h),
    ];
    for (const v of g) expect(Math.abs(v)).toBeLessThan(1e-6);
    // and an unweighted fit is not stationary for the weighted loss
    const plain = new LogisticRegression({ learningRate: 1, epochs: 20000 }).fit(x, y);
    expect(Math.abs((loss(plain.weights[0], plain.weights[1], plain.intercept + h) - loss(plain.weights[0], plain.weights[1], plain.intercept - h)) / (2 * h))).toBeGreaterThan(0.01);
  });

  it('rejects bad class weights', () => {
    expect(() => new LogisticRegression({ classWeight: [1, 0] })).toThrow(RangeError);
    expect(() => new LogisticRegression({ classWeight: [1] as unknown as [number, number] })).toThrow(TypeError);
    expect(() => new LogisticRegression({ classWeight: 'balanced' }).fit(x, new Int32Array(12))).toThrow(/both classes/);
  });
});
