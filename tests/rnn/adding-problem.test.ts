// Tests for lib/rnn/adding-problem: structure (two markers, one per half), targets equal the marked sums exactly,
// seeded reproducibility, the mean-predictor MSE close to 1/6, error paths.
import { describe, expect, it } from 'vitest';
import { makeAddingProblem } from '../../lib/rnn/adding-problem';

describe('makeAddingProblem', () => {
  const p = makeAddingProblem({ n: 4000, length: 20, seed: 3 });
  it('has exactly two markers per sequence, one in each half, and y = the marked sum', () => {
    for (let i = 0; i < p.n; i++) {
      const marked: number[] = [];
      let sum = 0;
      for (let t = 0; t < 20; t++) if (p.x[(i * 20 + t) * 2 + 1] === 1) { marked.push(t); sum += p.x[(i * 20 + t) * 2]; }
      expect(marked).toEqual([p.marks[2 * i], p.marks[2 * i + 1]]);
      expect(marked[0]).toBeLessThan(10);
      expect(marked[1]).toBeGreaterThanOrEqual(10);
      expect(p.y[i]).toBe(sum);
    }
  });
  it('predicting 1 gives MSE close to Var(u1 + u2) = 1/6', () => {
    const mse = p.y.reduce((s, v) => s + (v - 1) ** 2, 0) / p.n;
    expect(Math.abs(mse - 1 / 6)).toBeLessThan(0.01);
  });
  it('is reproducible with a seed and checks its options', () => {
    expect(makeAddingProblem({ n: 5, length: 8, seed: 1 })).toEqual(makeAddingProblem({ n: 5, length: 8, seed: 1 }));
    expect(() => makeAddingProblem({ n: 0, seed: 1 })).toThrow(RangeError);
    expect(() => makeAddingProblem({ length: 1, seed: 1 })).toThrow(RangeError);
    expect(() => makeAddingProblem({ n: 2 })).toThrow(/seed/);
  });
});
