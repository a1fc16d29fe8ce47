// Tests for lib/model-selection/nested-cv: selectByCV and nestedCrossValidate against the loops written out by hand on a
// model simple enough to compute directly (predict c * mean of the training targets), the guarantee that outer test
// rows never reach the inner selection, one candidate = plain CV, and the optimism of the non-nested score on noise.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../lib/core/random';
import type { Matrix } from '../../lib/core/matrix';
import type { Estimator } from '../../lib/model-selection/cross-validate';
import { crossValidate } from '../../lib/model-selection/cross-validate';
import { kFold, type Fold } from '../../lib/model-selection/k-fold';
import { groupKFold } from '../../lib/model-selection/group-k-fold';
import { nestedCrossValidate, selectByCV } from '../../lib/model-selection/nested-cv';

/** Predicts c * (mean of the training targets); scored by negative mean squared error. */
const shrunkMean = (c: number): Estimator<number> => ({
  fit: (_x, y) => (c * y.reduce((s, v) => s + v, 0)) / y.length,
  score: (m, _x, y) => -y.reduce((s, v) => s + (v - m) ** 2, 0) / y.length,
});
const negMse = (c: number, train: number[], test: number[]) => {
  const m = (c * train.reduce((s, v) => s + v, 0)) / train.length;
  return -test.reduce((s, v) => s + (v - m) ** 2, 0) / test.length;
};
const at = (y: Float64Array, idx: ArrayLike<number>) => Array.from(idx, (i) => y[i]);

describe('selectByCV', () => {
  it('mean score per candidate equals the hand loop; best = argmax (first on ties)', () => {
    const rng = new Rng(1);
    const y = Float64Array.from({ length: 20 }, () => 3 + rng.normal());
    const x = { rows: 20, cols: 1, data: new Float64Array(20) };
    const folds = kFold(20, 4, { seed: 2 });
    const cands = [0, 0.5, 1, 1.5];
    const sel = selectByCV(x, y, cands, shrunkMean, folds);
    const hand = cands.map((c) => folds.reduce((s, f) => s + negMse(c, at(y, f.train), at(y, f.test)), 0) / folds.length);
    hand.forEach((h, i) => expect(sel.meanScores[i]).toBeCloseTo(h, 12));
    expect(sel.best).toBe(hand.indexOf(Math.max(...hand)));
    expect(sel.params).toBe(1);
    expect(selectByCV(x, y, [1, 1], shrunkMean, folds).best).toBe(0);
    // smaller is better: picks the worst negative MSE
    expect(selectByCV(x, y, cands, shrunkMean, folds, false).params).toBe(0);
  });
});

describe('nestedCrossValidate', () => {
  it('equals the nested loops written out by hand', () => {
    const rng = new Rng(3);
    const n = 30;
    const y = Float64Array.from({ length: n }, () => 1 + 2 * rng.normal());
    const x = { rows: n, cols: 1, data: new Float64Array(n) };
    const cands = [0, 0.25, 0.5, 0.75, 1, 1.25];
    const r = nestedCrossValidate(x, y, cands, shrunkMean, { outerK: 3, innerK: 4, seed: 7 });
    const outer = kFold(n, 3, { seed: 7 });
    outer.forEach((f, o) => {
      expect(Array.from(r.outerFolds[o].test)).toEqual(Array.from(f.test));
      const yTr = at(y, f.train);
      const inner = kFold(f.train.length, 4, { seed: 8 + o });
      const means = cands.map((c) => inner.reduce((s, g) => s + negMse(c, Array.from(g.train, (i) => yTr[i]), Array.from(g.test, (i) => yTr[i])), 0) / inner.length);
      const best = means.indexOf(Math.max(...means));
      expect(r.chosen[o]).toBe(best);
      expect(r.outerScores[o]).toBeCloseTo(negMse(cands[best], yTr, at(y, f.test)), 12);
    });
    const nonNested = cands.map((c) => outer.reduce((s, f) => s + negMse(c, at(y, f.train), at(y, f.test)), 0) / outer.length);
    expect(r.nonNested.bestScore).toBeCloseTo(Math.max(...nonNested), 12);
    expect(r.optimism).toBeCloseTo(r.nonNested.bestScore - r.nestedMean, 12);
  });

  it('the inner selection never fits or scores on an outer test row; custom group folds are used as given', () => {
    const n = 24;
    const groups = Array.from({ length: n }, (_, i) => Math.floor(i / 3));
    const x: Matrix = { rows: n, cols: 1, data: Float64Array.from({ length: n }, (_, i) => i) };
    const y = Float64Array.from({ length: n }, (_, i) => i % 5);
    const seen: number[][] = [];
    const spy = (c: number): Estimator<number> => ({
      fit: (xs, ys) => { seen.push(Array.from(xs.data)); return shrunkMean(c).fit(xs, ys); },
      score: (m, xs, ys) => { seen.push(Array.from(xs.data)); return shrunkMean(c).score(m, xs, ys); },
    });
    const outerFolds: Fold[] = groupKFold(groups, 4);
    let innerCalls = 0;
    nestedCrossValidate(x, y, [0.5, 1], spy, {
      outerFolds,
      innerFolds: (rows) => { innerCalls++; return groupKFold(Array.from(rows, (i) => groups[i]), 3); },
    });
    expect(innerCalls).toBe(4);
    // per outer fold: 2 candidates x 3 inner folds x (fit + score) = 12 calls, then the refit and the outer score
    for (let o = 0; o < 4; o++) {
      const calls = seen.slice(o * 14, o * 14 + 14);
      const test = new Set(Array.from(outerFolds[o].test));
      for (const rows of calls.slice(0, 13)) for (const v of rows) expect(test.has(v)).toBe(false);
      expect(calls[13].sort((a, b) => a - b)).toEqual(Array.from(outerFolds[o].test));
    }
  });

  it('one candidate: nested = plain CV on the outer folds and the optimism is 0', () => {
    const rng = new Rng(4);
    const y = Float64Array.from({ length: 25 }, () => rng.normal());
    const x = { rows: 25, cols: 1, data: new Float64Array(25) };
    const r = nestedCrossValidate(x, y, [1], shrunkMean, { outerK: 5, seed: 3 });
    const plain = crossValidate(x, y, shrunkMean(1), { folds: r.outerFolds });
    expect(r.nestedMean).toBeCloseTo(plain.testMean, 12);
    expect(r.optimism).toBeCloseTo(0, 12);
  });

  it('on noise with many candidates the non-nested best is optimistic on average (200 repeats)', () => {
    const rng = new Rng(9);
    let total = 0;
    for (let rep = 0; rep < 200; rep++) {
      const y = Float64Array.from({ length: 20 }, () => rng.normal());
      const x = { rows: 20, cols: 1, data: new Float64Array(20) };
      total += nestedCrossValidate(x, y, [-1, -0.5, 0, 0.5, 1, 1.5, 2], shrunkMean, { outerK: 4, innerK: 3, seed: rep }).optimism;
    }
    expect(total / 200).toBeGreaterThan(0);
  });

  it('rejects bad input', () => {
    const x = { rows: 4, cols: 1, data: new Float64Array(4) };
    expect(() => nestedCrossValidate(x, new Float64Array(3), [1], shrunkMean)).toThrow(RangeError);
    expect(() => nestedCrossValidate(x, new Float64Array(4), [], shrunkMean)).toThrow(new RangeError('nestedCrossValidate: expected at least 1 candidate, got 0'));
    expect(() => nestedCrossValidate(x, [1, 2, 3, 4] as unknown as Float64Array, [1], shrunkMean)).toThrow(TypeError);
    expect(() => nestedCrossValidate(x, new Float64Array(4), [1], shrunkMean, { outer: 3 } as never)).toThrow(TypeError);
  });
});
