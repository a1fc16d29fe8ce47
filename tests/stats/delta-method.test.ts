// Tests for lib/stats/delta-method: a hand-computed case; the delta-method variance of a ratio of means agrees with the
// variance of the ratio over 2000 simulated experiments within 10% (the MC relative error of a variance from 2000
// draws is sqrt(2/1999) = 3.2%); the naive binomial variance understates it when users cluster.
import { describe, expect, it } from 'vitest';
import { ratioDeltaMethod } from '../../lib/stats/delta-method';
import { Rng } from '../../lib/core/random';

function users(rng: Rng, n: number): [number[], number[]] {
  const views: number[] = [], clicks: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = 1 + rng.int(20);
    const p = rng.random() < 0.5 ? 0.05 : 0.3; // heavy and light clickers: clicks within a user are correlated
    let c = 0;
    for (let j = 0; j < v; j++) if (rng.random() < p) c++;
    views.push(v); clicks.push(c);
  }
  return [clicks, views];
}

describe('ratioDeltaMethod', () => {
  it('hand-computed', () => {
    // y = [1, 2, 3], x = [2, 2, 5]: my 2, mx 3, s_y^2 1, s_x^2 3, s_xy 1.5; var = (1/9 - 2*2*1.5/27 + 4*3/81)/3
    const r = ratioDeltaMethod([1, 2, 3], [2, 2, 5]);
    expect(r.ratio).toBeCloseTo(2 / 3, 12);
    expect(r.variance).toBeCloseTo((1 / 9 - 6 / 27 + 12 / 81) / 3, 12);
  });
  it('matches the simulated variance of the ratio', () => {
    const rng = new Rng(12), n = 1000;
    const ratios: number[] = [];
    for (let s = 0; s < 2000; s++) { const [c, v] = users(rng, n); ratios.push(c.reduce((a, b) => a + b, 0) / v.reduce((a, b) => a + b, 0)); }
    const m = ratios.reduce((a, b) => a + b, 0) / ratios.length;
    const simVar = ratios.reduce((a, r) => a + (r - m) ** 2, 0) / (ratios.length - 1);
    const [c, v] = users(new Rng(13), n);
    const est = ratioDeltaMethod(c, v);
    expect(Math.abs(est.variance / simVar - 1)).toBeLessThan(0.1);
    expect(est.naiveBinomialVariance).toBeLessThan(0.7 * simVar);
  });
  it('rejects bad input', () => {
    expect(() => ratioDeltaMethod([1, 2], [0, 0])).toThrow(/nonzero mean/);
    expect(() => ratioDeltaMethod([1], [1])).toThrow(RangeError);
  });
});
