// Tests for lib/sampling/reservoir: uniformity by chi-square over all C(8, 3) = 56 subsets and over single-item
// inclusion (28,000 seeded runs; the statistic must stay below the 0.999 quantile), weighted sampling proportional to
// the weights, small cases, errors.
import { describe, expect, it } from 'vitest';
import { Reservoir, reservoirSample, weightedReservoirSample } from '../../lib/sampling/reservoir';

/** Upper quantile of chi-square with df degrees of freedom (Wilson-Hilferty; z = 3.09 for 0.999). */
function chiSquareQuantile(df: number, z = 3.09): number {
  return df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
}

describe('reservoir sampling', () => {
  it('every 3-subset of 8 items is equally likely (chi-square, 55 df) and each item is kept with probability 3/8', () => {
    const runs = 28000;
    const subsets = new Map<string, number>();
    const inclusion = new Array<number>(8).fill(0);
    for (let r = 0; r < runs; r++) {
      const s = reservoirSample([0, 1, 2, 3, 4, 5, 6, 7], 3, { seed: r }).sort((a, b) => a - b);
      subsets.set(s.join(','), (subsets.get(s.join(',')) ?? 0) + 1);
      for (const v of s) inclusion[v]++;
    }
    expect(subsets.size).toBe(56);
    const expected = runs / 56;
    let chi = 0;
    for (const c of subsets.values()) chi += (c - expected) ** 2 / expected;
    expect(chi).toBeLessThan(chiSquareQuantile(55));
    let chiItems = 0;
    for (const c of inclusion) chiItems += (c - (runs * 3) / 8) ** 2 / ((runs * 3) / 8);
    expect(chiItems).toBeLessThan(chiSquareQuantile(7) * 1.2); // inclusions are dependent (3 per run): a loose bound
  });

  it('a long stream: the sample of 5 from 10,000 is spread out, positions uniform on average', () => {
    let meanPosition = 0;
    const trials = 400;
    for (let t = 0; t < trials; t++) {
      const r = new Reservoir<number>(5, { seed: 1000 + t });
      for (let i = 0; i < 10000; i++) r.add(i);
      expect(r.seen).toBe(10000);
      meanPosition += r.sample().reduce((a, b) => a + b, 0) / 5;
    }
    meanPosition /= trials;
    // mean of uniform positions is 4999.5, standard error about 2887 / sqrt(2000) = 65
    expect(Math.abs(meanPosition - 4999.5)).toBeLessThan(4 * 65);
  });

  it('fewer items than k: the reservoir holds them all; the same seed gives the same sample', () => {
    const r = new Reservoir<string>(4, { seed: 1 });
    ['a', 'b'].forEach((v) => r.add(v));
    expect(r.sample()).toEqual(['a', 'b']);
    expect(reservoirSample('abcdefgh', 3, { seed: 7 })).toEqual(reservoirSample('abcdefgh', 3, { seed: 7 }));
  });

  it('weighted reservoir: with k = 1 item i is chosen with probability w_i / sum w (chi-square, 3 df)', () => {
    const w = [1, 2, 3, 4];
    const counts = [0, 0, 0, 0];
    const runs = 20000;
    for (let r = 0; r < runs; r++) counts[weightedReservoirSample(w, 1, { seed: r })[0]]++;
    let chi = 0;
    counts.forEach((c, i) => { const e = (runs * w[i]) / 10; chi += (c - e) ** 2 / e; });
    expect(chi).toBeLessThan(chiSquareQuantile(3));
    const two = weightedReservoirSample([1, 1, 1000, 1], 2, { seed: 3 });
    expect(two.length).toBe(2);
    expect(Array.from(two)).toContain(2);
  });

  it('errors', () => {
    expect(() => reservoirSample([1, 2], 3, { seed: 1 })).toThrow('expected k <= 2 items in the stream, got k = 3');
    expect(() => new Reservoir(0, { seed: 1 })).toThrow(RangeError);
    expect(() => new Reservoir('2' as unknown as number, { seed: 1 })).toThrow(TypeError);
    expect(() => reservoirSample(5 as unknown as number[], 1, { seed: 1 })).toThrow(TypeError);
    expect(() => weightedReservoirSample([1, 0], 1, { seed: 1 })).toThrow(/positive/);
    expect(() => weightedReservoirSample([1], 2, { seed: 1 })).toThrow(/k <= 1/);
  });
});
