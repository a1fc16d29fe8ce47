// Tests for lib/classic/linear-svm: the primal objective against ml-svm's SMO solution with C = 1 / (lambda n) (ours
// within 1e-3 relative or lower; same predictions on at least 98% of rows; weight directions with cosine > 0.99), the
// hard-margin two-point case (w = (1/2, 1/2), margin 2 sqrt 2, to 1e-2), hinge loss by hand, errors.
import { describe, expect, it } from 'vitest';
import SVM from 'ml-svm';
import { LinearSVM, hingeLoss, svmObjective } from '../../lib/classic/linear-svm';
import { toRows } from '../../lib/core/matrix';
import { accuracy, blobs, iris, penguins, standardize, subsetClasses, type Labelled } from './helpers';

function binary(data: Labelled, keep: [number, number]): Labelled {
  const s = subsetClasses(data, keep);
  return { x: standardize(s.x).train, y: s.y };
}

/** ml-svm with a seeded random for SMO's second-index choice. */
function smo(data: Labelled, lambda: number): { w: number[]; b: number; pred: number[] } {
  let state = 12345;
  const random = () => { state = (state * 16807) % 2147483647; return state / 2147483647; };
  const svm = new SVM({ C: 1 / (lambda * data.x.rows), kernel: 'linear', whitening: false, tol: 1e-6, maxPasses: 50, maxIterations: 1e6, random });
  const X = toRows(data.x);
  svm.train(X, Array.from(data.y, (v) => (v ? 1 : -1)));
  return { w: svm.W, b: svm.b, pred: svm.predict(X).map((v) => (v > 0 ? 1 : 0)) };
}

describe('LinearSVM against ml-svm (SMO on the dual, linear kernel)', () => {
  const sets: [string, Labelled][] = [
    ['iris versicolor vs virginica (standardised)', binary(iris(), [1, 2])],
    ['penguins Adelie vs Chinstrap (standardised)', binary(penguins(), [0, 1])],
    ['two overlapping blobs', binary(blobs(51, 300, 2, 2, 2.5), [0, 1])],
  ];
  for (const [name, data] of sets) {
    for (const lambda of [0.1, 0.01]) {
      it(`${name}, lambda = ${lambda}`, () => {
        const model = new LinearSVM({ lambda, epochs: 300, seed: 1 }).fit(data.x, data.y);
        const ref = smo(data, lambda);
        const ours = svmObjective(data.x, data.y, model.weights, model.intercept, lambda);
        const theirs = svmObjective(data.x, data.y, ref.w, ref.b, lambda);
        expect(ours).toBeLessThanOrEqual(theirs * (1 + 1e-3));
        expect(accuracy(model.predict(data.x), ref.pred)).toBeGreaterThanOrEqual(0.98);
        const dot = ref.w.reduce((s, v, j) => s + v * model.weights[j], 0);
        const cos = dot / (Math.hypot(...ref.w) * Math.hypot(...model.weights));
        expect(cos).toBeGreaterThan(0.99);
      });
    }
  }
});

describe('LinearSVM behaviour', () => {
  it('hard-margin case: (1, 1) vs (-1, -1) -> w = (1/2, 1/2), b = 0, margin 2 sqrt 2 (full-batch steps, 1e-2)', () => {
    const model = new LinearSVM({ lambda: 0.01, epochs: 5000, batchSize: undefined }).fit([[1, 1], [-1, -1]], [1, 0]);
    expect(Math.abs(model.weights[0] - 0.5)).toBeLessThan(1e-2);
    expect(Math.abs(model.weights[1] - 0.5)).toBeLessThan(1e-2);
    expect(Math.abs(model.intercept)).toBeLessThan(1e-2);
    expect(Math.abs(model.margin() - 2 * Math.SQRT2)).toBeLessThan(2e-2);
  });

  it('full-batch training is deterministic and keeps the best objective seen; a larger lambda gives a wider margin', () => {
    const data = binary(blobs(52, 200, 2, 2, 2), [0, 1]);
    const a = new LinearSVM({ lambda: 0.01, epochs: 500, batchSize: undefined }).fit(data.x, data.y);
    const b = new LinearSVM({ lambda: 0.01, epochs: 500, batchSize: undefined }).fit(data.x, data.y);
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    const best = svmObjective(data.x, data.y, a.weights, a.intercept, 0.01);
    expect(best).toBeCloseTo(Math.min(...a.objectiveHistory), 12);
    const wide = new LinearSVM({ lambda: 1, seed: 1 }).fit(data.x, data.y);
    const narrow = new LinearSVM({ lambda: 0.001, seed: 1 }).fit(data.x, data.y);
    expect(wide.margin()).toBeGreaterThan(narrow.margin());
  });

  it('hinge loss by hand: scores 2, 0.5, -1 for labels 1, 1, 0 -> (0 + 0.5 + 0) / 3', () => {
    expect(hingeLoss([2, 0.5, -1], [1, 1, 0])).toBeCloseTo(0.5 / 3, 12);
    expect(hingeLoss([-2], [1])).toBe(3);
    expect(svmObjective([[1, 0]], [1], [2, 0], 0, 0.5)).toBeCloseTo(0.25 * 4, 12);
  });

  it('errors', () => {
    expect(() => new LinearSVM({ lambda: 0 })).toThrow(RangeError);
    expect(() => new LinearSVM({ batchSize: 0 })).toThrow(RangeError);
    expect(() => new LinearSVM({ seed: 1 }).fit([], [])).toThrow(RangeError);
    expect(() => new LinearSVM({ seed: 1 }).fit([[1], [2]], [1, 3])).toThrow(/binary/);
    expect(() => new LinearSVM().margin()).toThrow(/call fit/);
    expect(() => hingeLoss([1, 2], [1])).toThrow(RangeError);
  });
});

describe('LinearSVM prediction input checks', () => {
  it('a NaN or infinite feature is reported by position, whatever the weight on it', () => {
    const model = new LinearSVM({ lambda: 0.1, seed: 1, epochs: 5 }).fit([[1, 0], [-1, 0]], [1, 0]);
    expect(() => model.predict([[0, 0], [1, NaN]])).toThrow('expected finite values in x, got NaN at row 1, column 1');
    expect(() => model.decisionFunction([[Infinity, 0]])).toThrow(/row 0, column 0/);
  });
});
