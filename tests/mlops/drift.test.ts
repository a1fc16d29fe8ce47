// Tests for lib/mlops/drift: PSI by hand (1e-12, quantile and 'uniform' bins), the eps floor, merged edges for discrete data, statistical checks (same vs shifted
// distribution); KS statistic by hand with ties, the exact p-value against a brute-force count over every interleaving (1e-12) and
// against scipy's ks_2samp(method='exact') (1e-10, fixture from scripts/reference/ks-fixtures.py, and four small cases hard-coded with
// the scipy call that produced them), the Kolmogorov p-value against
// table critical values (2e-4), scipy.special.kolmogorov (1e-10) and its two series forms against each other (1e-12), and the
// false-positive rate under H0.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kolmogorovSurvival, ksExactPValue, ksTwoSample, populationStabilityIndex, psiFromProportions } from '../../lib/mlops/drift';
import { Rng } from '../../lib/core/random';

interface KsFixture {
  generator: string;
  cases: { name: string; a: number[]; b: number[]; statistic: number; exact: number; auto: number; scipyAsymp: number; kolmogorovLimit: number }[];
}
const ksFixture = JSON.parse(readFileSync(new URL('../fixtures/reference/ks-2samp.json', import.meta.url), 'utf8')) as KsFixture;

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('population stability index', () => {
  it('by hand from shares', () => {
    // (0.25 - 0.5) ln(0.25/0.5) + (0.75 - 0.5) ln(0.75/0.5) = 0.25 ln 2 + 0.25 ln 1.5 = 0.25 ln 3
    expect(psiFromProportions([0.5, 0.5], [0.25, 0.75]).psi).toBeCloseTo(0.25 * Math.log(3), 12);
    expect(psiFromProportions([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]).psi).toBe(0);
  });

  it('by hand from samples (reference median edge 5.5)', () => {
    const r = populationStabilityIndex(range(1, 10), [1, 2, 3, 8], { bins: 2 });
    expect(Array.from(r.edges)).toEqual([5.5]);
    expect(Array.from(r.expected)).toEqual([0.5, 0.5]);
    expect(Array.from(r.actual)).toEqual([0.75, 0.25]);
    expect(r.psi).toBeCloseTo(0.25 * Math.log(3), 12);
  });

  it("by hand with 'uniform' bins: edges min + (max - min) b / B, not (max - min) b / B", () => {
    // reference 10..20, 4 bins of width 2.5 from the minimum 10: edges 12.5, 15, 17.5
    // reference counts (right-closed bins): {10, 11, 12} {13, 14, 15} {16, 17} {18, 19, 20} = 3, 3, 2, 3 of 11
    // current [11, 14, 14, 16, 19, 19, 19, 20]: 1, 2, 1, 4 of 8
    const r = populationStabilityIndex(range(10, 20), [11, 14, 14, 16, 19, 19, 19, 20], { bins: 4, strategy: 'uniform' });
    expect(Array.from(r.edges)).toEqual([12.5, 15, 17.5]);
    const e = [3 / 11, 3 / 11, 2 / 11, 3 / 11], a = [1 / 8, 2 / 8, 1 / 8, 4 / 8];
    expect(Array.from(r.expected)).toEqual(e);
    expect(Array.from(r.actual)).toEqual(a);
    const psi = (1 / 8 - 3 / 11) * Math.log((1 / 8) / (3 / 11)) + (2 / 8 - 3 / 11) * Math.log((2 / 8) / (3 / 11))
      + (1 / 8 - 2 / 11) * Math.log((1 / 8) / (2 / 11)) + (4 / 8 - 3 / 11) * Math.log((4 / 8) / (3 / 11));
    expect(Math.abs(r.psi - psi)).toBeLessThan(1e-12);
    // a negative range: reference -7..-3, 2 bins, edge at -5
    const neg = populationStabilityIndex([-7, -6, -5, -4, -3], [-6.5, -3.5, -3.5, -3.2], { bins: 2, strategy: 'uniform' });
    expect(Array.from(neg.edges)).toEqual([-5]);
    expect(Math.abs(neg.psi - ((1 / 4 - 3 / 5) * Math.log((1 / 4) / (3 / 5)) + (3 / 4 - 2 / 5) * Math.log((3 / 4) / (2 / 5))))).toBeLessThan(1e-12);
  });

  it('floors empty bins at eps', () => {
    const r = populationStabilityIndex(range(1, 10), [9, 10], { bins: 2 });
    expect(r.psi).toBeCloseTo((1e-4 - 0.5) * Math.log(1e-4 / 0.5) + 0.5 * Math.log(2), 12);
    const r2 = populationStabilityIndex(range(1, 10), [9, 10], { bins: 2, eps: 1e-2 });
    expect(r2.psi).toBeCloseTo((1e-2 - 0.5) * Math.log(1e-2 / 0.5) + 0.5 * Math.log(2), 12);
  });

  it('merges equal quantile edges of discrete data', () => {
    const r = populationStabilityIndex([0, 0, 0, 0, 0, 0, 1, 1, 1, 1], [0, 1, 1, 1], { bins: 10 });
    // quantiles 0.1..0.9 of [0 x 6, 1 x 4] (rank 9q): 0 (x5), 0.4, 1 (x3) -> distinct edges 0, 0.4, 1
    expect(Array.from(r.edges).map((e) => +e.toFixed(12))).toEqual([0, 0.4, 1]);
    // shares: reference 0.6 at 0 and 0.4 at 1; current 0.25 and 0.75; the two empty bins are floored in both and add 0
    expect(r.psi).toBeCloseTo((0.25 - 0.6) * Math.log(0.25 / 0.6) + (0.75 - 0.4) * Math.log(0.75 / 0.4), 12);
  });

  it('is small for the same distribution and large for a one-sd shift (statistical, 5,000 normals each)', () => {
    const rng = new Rng(7);
    const ref = Array.from({ length: 5000 }, () => rng.normal());
    const same = Array.from({ length: 5000 }, () => rng.normal());
    const shifted = Array.from({ length: 5000 }, () => rng.normal(1, 1));
    expect(populationStabilityIndex(ref, same).psi).toBeLessThan(0.02);
    expect(populationStabilityIndex(ref, shifted).psi).toBeGreaterThan(0.25);
  });

  it('rejects bad input', () => {
    expect(() => populationStabilityIndex([1], [1])).toThrow(/at least 2 reference/);
    expect(() => populationStabilityIndex([1, 2], [1], { bins: 1 })).toThrow(RangeError);
    expect(() => populationStabilityIndex([1, 2], [Number.NaN])).toThrow(RangeError);
    expect(() => psiFromProportions([0.5, 0.5], [0.7, 0.7])).toThrow(/sum to 1/);
    expect(() => psiFromProportions([0.5, 0.5], [1])).toThrow(RangeError);
    expect(() => populationStabilityIndex([1, 2, 3], [1], { strategy: 'kmeans' as 'uniform' })).toThrow(/strategy/);
  });
});

describe('two-sample Kolmogorov-Smirnov', () => {
  it('statistic by hand', () => {
    // F_a - F_b at 2: 0.5 - 0; at 3: 0.75 - 0.2; at 4: 1 - 0.4 = 0.6 (largest)
    const r = ksTwoSample([1, 2, 3, 4], [3, 4, 5, 6, 7]);
    expect(r.statistic).toBeCloseTo(0.6, 12);
    expect(r.location).toBe(4);
    // ties step both CDFs together: at 1: 0.25 - 0; at 2: 0.75 - 0.75; at 3: 1 - 0.75
    expect(ksTwoSample([1, 2, 2, 3], [2, 2, 2, 4]).statistic).toBeCloseTo(0.25, 12);
    expect(ksTwoSample([1, 2, 3], [3, 2, 1]).statistic).toBe(0);
    expect(ksTwoSample([1, 2, 3], [3, 2, 1]).pValue).toBe(1);
    expect(ksTwoSample([1, 2], [5, 6, 7]).statistic).toBe(1);
  });

  it('asymptotic p-value = Q(sqrt(nm/(n+m)) D) (and with Stephens\' correction)', () => {
    const r = ksTwoSample([1, 2, 3, 4], [3, 4, 5, 6, 7], { method: 'asymp' });
    expect(r.method).toBe('asymp');
    expect(r.pValue).toBeCloseTo(kolmogorovSurvival(Math.sqrt(20 / 9) * 0.6), 14);
    const s = ksTwoSample([1, 2, 3, 4], [3, 4, 5, 6, 7], { method: 'asymp', correction: 'stephens' });
    const sq = Math.sqrt(20 / 9);
    expect(s.pValue).toBeCloseTo(kolmogorovSurvival((sq + 0.12 + 0.11 / sq) * 0.6), 14);
  });

  it('Kolmogorov distribution matches the table of critical values (alpha 0.10, 0.05, 0.01; 2e-4)', () => {
    expect(Math.abs(kolmogorovSurvival(1.22385) - 0.1)).toBeLessThan(2e-4);
    expect(Math.abs(kolmogorovSurvival(1.35810) - 0.05)).toBeLessThan(2e-4);
    expect(Math.abs(kolmogorovSurvival(1.62762) - 0.01)).toBeLessThan(2e-4);
    expect(kolmogorovSurvival(0)).toBe(1);
    expect(kolmogorovSurvival(10)).toBeLessThan(1e-80);
  });

  it('the theta-function form used below lambda = 1 agrees with the alternating series (1e-12)', () => {
    const alternating = (l: number) => {
      let s = 0;
      for (let k = 1; k <= 400; k++) s += (k % 2 === 1 ? 2 : -2) * Math.exp(-2 * k * k * l * l);
      return s;
    };
    for (const l of [0.5, 0.7, 0.9, 0.999]) expect(Math.abs(kolmogorovSurvival(l) - alternating(l))).toBeLessThan(1e-12);
    expect(Math.abs(kolmogorovSurvival(1 - 1e-12) - kolmogorovSurvival(1))).toBeLessThan(1e-10);
  });

  it('exact p-value = the share of all C(n+m, n) interleavings with D >= d, counted by brute force (1e-12)', () => {
    // Under H0 each assignment of the n + m ranks to the two samples is equally likely; enumerate them all and take D
    // on the integer lattice |i m - j n| (D = that / (n m)), so the count is exact.
    const interleavings = (n: number, m: number): number[] => {
      const out: number[] = [];
      const walk = (i: number, j: number, max: number) => {
        if (i === n && j === m) { out.push(max); return; }
        if (i < n) walk(i + 1, j, Math.max(max, Math.abs((i + 1) * m - j * n)));
        if (j < m) walk(i, j + 1, Math.max(max, Math.abs(i * m - (j + 1) * n)));
      };
      walk(0, 0, 0);
      return out;
    };
    for (const [n, m] of [[1, 1], [3, 4], [4, 4], [2, 7], [5, 6], [6, 4], [5, 10], [7, 7], [3, 9]]) {
      const all = interleavings(n, m);
      const distinct = [...new Set(all)].sort((u, v) => u - v);
      for (const k of distinct) {
        const brute = all.filter((v) => v >= k).length / all.length;
        const p = ksExactPValue(n, m, k / (n * m));
        expect(p, `n = ${n}, m = ${m}, D = ${k}/${n * m}`).not.toBeNull();
        expect(Math.abs((p as number) - brute), `n = ${n}, m = ${m}, D = ${k}/${n * m}: ${p} vs ${brute}`).toBeLessThan(1e-12);
      }
    }
    // by hand: n = m = 2, D = 1 needs both of one sample first: 2 of the C(4, 2) = 6 orders
    expect(ksExactPValue(2, 2, 1)).toBeCloseTo(2 / 6, 14);
    expect(ksExactPValue(3, 4, 0)).toBe(1);
  });

  it(`agrees with scipy's ks_2samp(method='exact') to 1e-10, incl. unequal sizes and ties (${ksFixture.generator})`, () => {
    expect(ksFixture.cases.length).toBeGreaterThanOrEqual(8);
    for (const c of ksFixture.cases) {
      const r = ksTwoSample(c.a, c.b);
      expect(Math.abs(r.statistic - c.statistic), c.name).toBeLessThan(1e-12);
      expect(r.method, c.name).toBe('exact');
      expect(Math.abs(r.pValue - c.exact), `${c.name}: ${r.pValue} vs scipy ${c.exact}`).toBeLessThan(1e-10);
      expect(Math.abs(r.pValue - c.auto), c.name).toBeLessThan(1e-10); // scipy's default picks exact at these sizes too
      const e = ksTwoSample(c.a, c.b, { method: 'exact' });
      expect(e.pValue, c.name).toBe(r.pValue);
      if (c.exact < 1e-6) expect(Math.abs(r.pValue / c.exact - 1), c.name).toBeLessThan(1e-8); // small p-values keep their relative accuracy
    }
  });

  it("agrees with scipy's exact p-value on four hard-coded cases (ties, unequal and lopsided sizes, a small p) to 1e-10", () => {
    // Each expected value was produced on Debian 12's /usr/bin/python3 (scipy 1.10.1, numpy 1.24.2) by
    //   scipy.stats.ks_2samp(a, b, method='exact')
    // with a and b exactly as written here; scipy.stats.ks_2samp(a, b) (method 'auto') returned the same p-value for each.
    const cases: { name: string; a: number[]; b: number[]; d: number; p: number }[] = [
      {
        name: 'integers with ties inside and across the samples, 10 vs 12',
        a: [1, 2, 2, 3, 3, 3, 4, 5, 5, 6],
        b: [2, 3, 4, 4, 5, 6, 6, 7, 7, 8, 8, 9],
        d: 0.48333333333333334, p: 0.11127881406519177,
      },
      {
        name: 'two decimals (0.52 in both, 0.82 and 1.5 twice in b), 13 vs 17',
        a: [-0.43, -1.13, 0.67, -1.11, 2.01, 0.92, -0.36, 0.57, 1.61, 2.83, -0.92, 1.07, 0.52],
        b: [0.52, 1.89, 1.31, 1.88, 0.27, 0.8, 1.19, 0.82, 0.82, 0.03, 0.93, 0.99, 0.74, 0.79, 1.5, 0.14, 1.5],
        d: 0.38461538461538464, p: 0.16300741859646617,
      },
      {
        name: 'equal sizes 25 vs 25, shifted by 1.5 sd (small p)',
        a: [-0.15, 0.06, -0.19, 0.9, 0.76, 0.01, -0.44, 1.86, 0.54, -1.15, -0.0, -0.11, 0.72, -0.23, -0.74, 1.34, -1.99, -1.41, -0.52, -0.51, -0.13, -0.01, 1.0, -1.52, 2.98],
        b: [2.11, 0.73, 0.93, 1.02, -0.73, 1.9, 0.39, 0.96, 0.4, 0.9, 1.52, 0.21, 3.02, 0.22, 1.0, 1.47, 2.12, 1.71, 1.53, 1.99, 1.86, 0.52, 2.07, 0.83, 0.33],
        d: 0.64, p: 3.963961206425733e-05,
      },
      {
        name: 'lopsided 3 vs 40',
        a: [1.88, 1.47, 2.22],
        b: [0.26, -0.63, 0.28, -0.09, -1.66, 1.51, -0.04, -0.19, 0.81, -1.44, -0.73, 0.89, -1.96, -0.9, 1.61, 0.55, -1.03, 0.0, 0.7, -0.84, -0.03, 0.3, -0.0, 1.49, 0.07, -0.19, 0.19, -0.42, -0.85, -0.27, -0.68, 1.81, 2.12, -0.4, -2.82, -0.39, 0.65, -0.65, 0.67, 0.62],
        d: 0.875, p: 0.009075439591605217,
      },
    ];
    for (const c of cases) {
      const r = ksTwoSample(c.a, c.b);
      expect(r.method, c.name).toBe('exact');
      expect(Math.abs(r.statistic - c.d), c.name).toBeLessThan(1e-12);
      expect(Math.abs(r.pValue - c.p), `${c.name}: ${r.pValue} vs scipy ${c.p}`).toBeLessThan(1e-10);
      expect(Math.abs(r.pValue / c.p - 1), c.name).toBeLessThan(1e-9);
    }
  });

  it("'asymp' is Kolmogorov's limit law: agrees with scipy.special.kolmogorov(sqrt(ne) D) to 1e-10", () => {
    for (const c of ksFixture.cases) {
      const r = ksTwoSample(c.a, c.b, { method: 'asymp' });
      expect(r.method).toBe('asymp');
      expect(Math.abs(r.pValue - c.kolmogorovLimit), `${c.name}: ${r.pValue} vs ${c.kolmogorovLimit}`).toBeLessThan(1e-10);
    }
    // scipy's own 'asymp' is a different approximation (the one-sample law kstwo(round(ne))): not what 'asymp' computes here
    const tiny = ksFixture.cases.find((c) => c.name.startsWith('tiny'));
    expect(tiny?.scipyAsymp).toBeCloseTo(0.32, 12);
    expect(ksTwoSample(tiny!.a, tiny!.b, { method: 'asymp' }).pValue).toBeCloseTo(0.4004710362, 9);
  });

  it("'auto' switches to asymptotic above 10,000 values; 'exact' falls back to it when the lattice is too fine", () => {
    const rng = new Rng(5);
    const big = Array.from({ length: 10_001 }, () => rng.normal());
    const small = Array.from({ length: 20 }, () => rng.normal());
    expect(ksTwoSample(big, small).method).toBe('asymp');
    expect(ksTwoSample(big.slice(0, 10_000), small).method).toBe('exact');
    expect(ksTwoSample(big, small, { method: 'exact' }).method).toBe('exact');
    // lcm(50000, 49999) = 2,499,950,000 >= 2^31 - 1: scipy switches to 'asymp' here too
    expect(ksExactPValue(50_000, 49_999, 0.01)).toBeNull();
    const a = Array.from({ length: 50_000 }, () => rng.normal()), b = Array.from({ length: 49_999 }, () => rng.normal());
    const r = ksTwoSample(a, b, { method: 'exact' });
    expect(r.method).toBe('asymp');
    expect(r.pValue).toBe(ksTwoSample(a, b, { method: 'asymp' }).pValue);
  });

  it('under H0 rejects at most about alpha of the time; detects a 0.5-sd shift (statistical)', () => {
    const rng = new Rng(99);
    let rejections = 0;
    for (let r = 0; r < 400; r++) {
      const a = Array.from({ length: 150 }, () => rng.normal());
      const b = Array.from({ length: 200 }, () => rng.normal());
      if (ksTwoSample(a, b).pValue < 0.05) rejections++;
    }
    expect(rejections / 400).toBeLessThan(0.08); // exact p-value: P(p < 0.05) <= 0.05 (D is discrete); 0.08 leaves room for 400 draws
    const a = Array.from({ length: 300 }, () => rng.normal());
    const b = Array.from({ length: 300 }, () => rng.normal(0.5, 1));
    expect(ksTwoSample(a, b).pValue).toBeLessThan(1e-4);
  });

  it('rejects bad input', () => {
    expect(() => ksTwoSample([], [1])).toThrow(/non-empty/);
    expect(() => ksTwoSample([1, Number.NaN], [1])).toThrow(RangeError);
    expect(() => ksTwoSample('12' as unknown as number[], [1])).toThrow(TypeError);
    expect(() => kolmogorovSurvival(Number.NaN)).toThrow(TypeError);
    expect(() => ksTwoSample([1], [2], { method: 'bootstrap' as 'exact' })).toThrow(/method 'auto', 'exact' or 'asymp'/);
    expect(() => ksTwoSample([1], [2], { correction: 'stephens' })).toThrow(/pass method 'asymp' with it, got method 'auto'/);
    expect(() => ksTwoSample([1], [2], { metod: 'exact' } as unknown as { method: 'exact' })).toThrow(/unknown option "metod"/);
    expect(() => ksExactPValue(0, 3, 0.5)).toThrow(/n >= 1/);
    expect(() => ksExactPValue(3, 3, 1.5)).toThrow(/d <= 1/);
  });
});
