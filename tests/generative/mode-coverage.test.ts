// Tests for lib/generative/mode-coverage and ring-gaussians: hand cases (nearest centre, radius boundary, minCount), and the
// ring sampler's centres on the circle (1e-12), mode shares within 4 standard errors, per-mode spread near std.
import { describe, expect, it } from 'vitest';
import { modeCoverage } from '../../lib/generative/mode-coverage';
import { makeRingGaussians } from '../../lib/generative/ring-gaussians';

describe('modeCoverage', () => {
  it('hand case: nearest centre within the radius counts; far points do not', () => {
    const centers = [0, 0, 10, 0, 0, 10];
    // (0.1, 0) -> mode 0; (9.8, 0.1) -> mode 1; (5, 5) -> nearest is not within 1; (0, 9.5) -> mode 2; (0, 1) on the boundary -> counts
    const r = modeCoverage([0.1, 0, 9.8, 0.1, 5, 5, 0, 9.5, 0, 1], centers, 2, { radius: 1 });
    expect(Array.from(r.counts)).toEqual([2, 1, 1]);
    expect(r.covered).toBe(3);
    expect(r.nearShare).toBeCloseTo(4 / 5, 15);
    const strict = modeCoverage([0.1, 0, 9.8, 0.1, 5, 5, 0, 9.5, 0, 1], centers, 2, { radius: 1, minCount: 2 });
    expect(strict.covered).toBe(1);
    expect(strict.coveredFraction).toBeCloseTo(1 / 3, 15);
  });
  it('all samples on one mode: 1 of 3 covered, every sample near', () => {
    const r = modeCoverage([0, 0, 0.01, 0, 0, -0.01], [0, 0, 10, 0, 0, 10], 2);
    expect(r.covered).toBe(1);
    expect(r.nearShare).toBe(1);
  });
  it('rejects bad input', () => {
    expect(() => modeCoverage([1, 2, 3], [0, 0], 2)).toThrow(/n x 2/);
    expect(() => modeCoverage([1, 2], [0, 0], 2, { radius: -1 })).toThrow(/radius > 0/);
    expect(() => modeCoverage([1, 2], [0, 0], 2, { minCount: 0 })).toThrow(/minCount >= 1/);
    expect(() => modeCoverage(7 as unknown as number[], [0, 0], 2)).toThrow(TypeError);
  });
});

describe('makeRingGaussians', () => {
  it('centres on the circle, balanced modes, spread std, deterministic per seed', () => {
    const n = 8000, { x, mode, centers } = makeRingGaussians({ n, seed: 1, radius: 2, std: 0.1 });
    for (let c = 0; c < 8; c++) expect(Math.abs(Math.hypot(centers[2 * c], centers[2 * c + 1]) - 2)).toBeLessThan(1e-12);
    const counts = new Array(8).fill(0);
    let ss = 0;
    for (let i = 0; i < n; i++) { counts[mode[i]]++; ss += (x[2 * i] - centers[2 * mode[i]]) ** 2 + (x[2 * i + 1] - centers[2 * mode[i] + 1]) ** 2; }
    const se = Math.sqrt(n * (1 / 8) * (7 / 8));
    for (const c of counts) expect(Math.abs(c - n / 8)).toBeLessThan(4 * se);
    // mean squared distance to the centre is 2 std^2 = 0.02; its standard error ~ 0.02 / sqrt(n)
    expect(Math.abs(ss / n - 0.02)).toBeLessThan(4 * 0.02 / Math.sqrt(n));
    expect(Array.from(makeRingGaussians({ n: 5, seed: 1 }).x)).toEqual(Array.from(makeRingGaussians({ n: 5, seed: 1 }).x));
    expect(() => makeRingGaussians({ n: 0 })).toThrow(/n >= 1/);
    expect(() => makeRingGaussians({ std: -1, seed: 1 })).toThrow(/std >= 0/);
  });
});
