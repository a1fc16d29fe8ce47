// Tests for lib/features/target-encoder. scikit-learn's TargetEncoder is >= 1.3 (Debian has 1.2), so the references
// are a hand-computed case (exact), a brute-force double loop written independently here (1e-12), and the defining
// property of out-of-fold encoding: row i's encoding does not change when y_i changes (exact).
import { describe, expect, it } from 'vitest';
import { fitTargetEncoding, TargetEncoder } from '../../lib/features/target-encoder';
import { Rng } from '../../lib/core/random';

describe('TargetEncoder', () => {
  it('hand-computed: cats a,a,b,c, y 1,3,10,2, prior 4; smooth 0 gives means, smooth 2 gives (S + 8)/(n + 2)', () => {
    const cats = ['a', 'a', 'b', 'c'], y = [1, 3, 10, 2];
    expect(Array.from(new TargetEncoder({ smooth: 0 }).fit(cats, y).transform(cats))).toEqual([2, 2, 10, 2]);
    const te = new TargetEncoder({ smooth: 2 }).fit(cats, y);
    expect(Array.from(te.transform(['a', 'b', 'c', 'zzz']))).toEqual([3, 6, 10 / 3, 4]);
    expect(te.prior).toBe(4);
  });
  it('out-of-fold encodings equal a brute-force loop over the same folds (1e-12)', () => {
    const rng = new Rng(5), n = 200;
    const cats = Array.from({ length: n }, () => `c${rng.int(30)}`);
    const y = Float64Array.from({ length: n }, () => rng.normal());
    const te = new TargetEncoder({ smooth: 3, folds: 4, seed: 9 });
    const oof = te.fitTransform(cats, y);
    const foldOf = new Int32Array(n);
    te.foldsUsed.forEach((f, k) => f.test.forEach((i) => (foldOf[i] = k)));
    for (let i = 0; i < n; i++) {
      let s = 0, c = 0, total = 0, rows = 0;
      for (let r = 0; r < n; r++) {
        if (foldOf[r] === foldOf[i]) continue;
        total += y[r]; rows++;
        if (cats[r] === cats[i]) { s += y[r]; c++; }
      }
      const prior = total / rows;
      const expected = c === 0 ? prior : (s + 3 * prior) / (c + 3);
      expect(Math.abs(oof[i] - expected)).toBeLessThan(1e-12);
    }
  });
  it("out-of-fold: a row's encoding ignores its own target; the naive encoding does not", () => {
    const cats = ['a', 'a', 'a', 'b', 'b', 'b', 'a', 'b', 'a', 'b'];
    const y = [1, 0, 1, 0, 0, 1, 1, 0, 1, 0];
    const y2 = [...y]; y2[0] = 100;
    const o1 = new TargetEncoder({ smooth: 1, folds: 5, seed: 2 }).fitTransform(cats, y);
    const o2 = new TargetEncoder({ smooth: 1, folds: 5, seed: 2 }).fitTransform(cats, y2);
    expect(o2[0]).toBe(o1[0]);
    const n1 = new TargetEncoder({ smooth: 1 }).fit(cats, y).transform(cats);
    const n2 = new TargetEncoder({ smooth: 1 }).fit(cats, y2).transform(cats);
    expect(n2[0]).toBeGreaterThan(n1[0] + 5);
  });
  it('a singleton category with smooth 0 is encoded by its own target (the leak), with smooth m it is shrunk', () => {
    const f0 = fitTargetEncoding(['x', 'y', 'y'], [9, 0, 3], 0);
    expect(f0.encoding.get('x')).toBe(9);
    const f1 = fitTargetEncoding(['x', 'y', 'y'], [9, 0, 3], 1);
    expect(f1.encoding.get('x')).toBe((9 + 4) / 2);
  });
  it('rejects bad input', () => {
    expect(() => new TargetEncoder({ smooth: -1 })).toThrow(RangeError);
    expect(() => new TargetEncoder({ folds: 1 })).toThrow(RangeError);
    expect(() => new TargetEncoder().fit(['a', 'b'], [1])).toThrow(/length 2/);
    expect(() => new TargetEncoder().fit(['a', null as unknown as string], [1, 2])).toThrow(TypeError);
    expect(() => new TargetEncoder().fit(['a'], [NaN])).toThrow(TypeError);
    expect(() => new TargetEncoder({ folds: 5 }).fitTransform(['a', 'b'], [1, 2])).toThrow(RangeError);
    expect(() => new TargetEncoder().transform(['a'])).toThrow(/fit/);
  });
});
