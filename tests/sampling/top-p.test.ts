// topPFilter against hand-computed cases and a brute-force definition over every prefix size.
import { describe, expect, it } from 'vitest';
import { rngFrom } from '../../lib/core/random';
import { topPFilter } from '../../lib/sampling/top-p';

describe('topPFilter', () => {
  it('keeps the smallest prefix reaching p (hand-computed)', () => {
    expect(Array.from(topPFilter([0.1, 0.5, 0.4], 0.5))).toEqual([0, 1, 0]);
    expect(Array.from(topPFilter([0.1, 0.5, 0.4], 0.6))).toEqual([0, 0.5 / 0.9, 0.4 / 0.9]);
    expect(Array.from(topPFilter([0.2, 0.3, 0.5], 1))).toEqual([0.2, 0.3, 0.5]);
  });

  it('counts mass within 1e-12 of p as reaching it (0.7 + 0.2 reaches 0.9)', () => {
    expect(0.7 + 0.2).toBeLessThan(0.9); // the floating-point sum the slack exists for
    const out = topPFilter([0.1, 0.2, 0.7], 0.9);
    expect(Array.from(out)).toEqual([0, 0.2 / (0.7 + 0.2), 0.7 / (0.7 + 0.2)]);
  });

  it('breaks ties by the lower index', () => {
    expect(Array.from(topPFilter([0.25, 0.25, 0.25, 0.25], 0.5))).toEqual([0.5, 0.5, 0, 0]);
    expect(Array.from(topPFilter([0.2, 0.4, 0.4], 0.3))).toEqual([0, 1, 0]);
  });

  it('agrees with a brute-force definition on random distributions', () => {
    const rng = rngFrom(7);
    for (let t = 0; t < 200; t++) {
      const n = 1 + rng.int(12);
      const raw = Array.from({ length: n }, () => Math.round(rng.random() * 5));
      raw[0] += 1;
      const s = raw.reduce((a, b) => a + b, 0);
      const probs = raw.map((v) => v / s);
      const p = Math.max(1e-3, Math.round(rng.random() * 20) / 20);
      // brute force: the fewest top tokens (stable by index) whose mass reaches p
      const idx = probs.map((_, i) => i).sort((a, b) => probs[b] - probs[a] || a - b);
      let m = 1;
      while (idx.slice(0, m).reduce((a, i) => a + probs[i], 0) < p - 1e-12) m++;
      const keep = new Set(idx.slice(0, m));
      const mass = idx.slice(0, m).reduce((a, i) => a + probs[i], 0);
      const got = topPFilter(probs, p);
      probs.forEach((v, i) => expect(got[i]).toBeCloseTo(keep.has(i) ? v / mass : 0, 14));
    }
  });

  it('rejects bad input with clear errors', () => {
    expect(() => topPFilter([], 0.5)).toThrow(RangeError);
    expect(() => topPFilter([0.5, 0.5], 0)).toThrow('expected 0 < p <= 1, got p = 0');
    expect(() => topPFilter([0.5, 0.6], 0.5)).toThrow('summing to 1');
    expect(() => topPFilter([1.5, -0.5], 0.5)).toThrow('expected probabilities >= 0, got -0.5 at index 1');
    expect(() => topPFilter('ab' as unknown as number[], 0.5)).toThrow(TypeError);
  });
});
