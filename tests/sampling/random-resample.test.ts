// Tests for lib/sampling/random-resample: class counts after over- and under-sampling (hand-computed), every original
// row kept by oversampling and no row twice by undersampling, copies drawn uniformly (chi-square over 20,000 copies,
// below the 0.999 quantile), determinism under a seed, and errors.
import { describe, expect, it } from 'vitest';
import { randomOversample, randomUndersample } from '../../lib/sampling/random-resample';

// 10 rows: 3 ones (rows 1, 4, 8) and 7 zeros
const y = Int32Array.from([0, 1, 0, 0, 1, 0, 0, 0, 1, 0]);
const count = (rows: Int32Array, label: number) => Array.from(rows).filter((r) => y[r] === label).length;

describe('randomOversample', () => {
  it('adds minority copies until the classes match: 7 + 7 rows, every original row present', () => {
    const rows = randomOversample(y, { seed: 1 });
    expect(rows.length).toBe(14);
    expect([count(rows, 0), count(rows, 1)]).toEqual([7, 7]);
    for (let i = 0; i < 10; i++) expect(rows.includes(i)).toBe(true);
    expect(Array.from(rows)).toEqual(Array.from(rows).sort((a, b) => a - b));
  });

  it('ratio 0.5 gives round(0.5 * 7) = 4 minority rows; ratio at or below the current share adds nothing', () => {
    expect(count(randomOversample(y, { seed: 2, ratio: 0.5 }), 1)).toBe(4);
    expect(randomOversample(y, { seed: 2, ratio: 0.3 }).length).toBe(10);
  });

  it('copies are drawn uniformly from the minority rows (chi-square, 2 df, 20,000 copies)', () => {
    const big = Int32Array.from({ length: 10003 }, (_, i) => (i < 3 ? 1 : 0));
    const rows = randomOversample(big, { seed: 3 });
    const copies = [0, 0, 0];
    for (const r of rows) if (r < 3) copies[r]++;
    const added = copies.map((c) => c - 1);
    expect(added.reduce((s, v) => s + v, 0)).toBe(9997);
    const e = 9997 / 3;
    const chi2 = added.reduce((s, v) => s + (v - e) ** 2 / e, 0);
    expect(chi2).toBeLessThan(13.82); // 0.999 quantile of chi-square with 2 df
  });

  it('is deterministic under a seed and differs between seeds', () => {
    expect(Array.from(randomOversample(y, { seed: 5 }))).toEqual(Array.from(randomOversample(y, { seed: 5 })));
    const many = new Set(Array.from({ length: 20 }, (_, s) => randomOversample(y, { seed: s }).join(',')));
    expect(many.size).toBeGreaterThan(1);
  });
});

describe('randomUndersample', () => {
  it('keeps every minority row and as many distinct majority rows: 3 + 3', () => {
    const rows = randomUndersample(y, { seed: 1 });
    expect([count(rows, 0), count(rows, 1)]).toEqual([3, 3]);
    expect(new Set(rows).size).toBe(rows.length);
    for (const r of [1, 4, 8]) expect(rows.includes(r)).toBe(true);
  });

  it('ratio 0.5 keeps round(3 / 0.5) = 6 majority rows; the minority is found when it is class 0', () => {
    expect(count(randomUndersample(y, { seed: 2, ratio: 0.5 }), 0)).toBe(6);
    const flipped = Int32Array.from(y, (v) => 1 - v);
    const rows = randomUndersample(flipped, { seed: 2 });
    expect(rows.length).toBe(6);
    expect(Array.from(rows).filter((r) => flipped[r] === 0).length).toBe(3);
  });

  it('each majority row is kept with probability 3/7 (2,100 seeded runs, within 4 sd)', () => {
    const kept = new Array<number>(10).fill(0);
    const runs = 2100;
    for (let s = 0; s < runs; s++) for (const r of randomUndersample(y, { seed: s })) kept[r]++;
    const p = 3 / 7, sd = Math.sqrt(runs * p * (1 - p));
    for (let i = 0; i < 10; i++) {
      if (y[i] === 1) expect(kept[i]).toBe(runs);
      else expect(Math.abs(kept[i] - runs * p)).toBeLessThan(4 * sd);
    }
  });
});

describe('errors', () => {
  it('rejects non-binary labels, one class, a bad ratio and a non-array', () => {
    expect(() => randomOversample([0, 2, 1])).toThrow(/got 2 at index 1/);
    expect(() => randomUndersample([1, 1, 1])).toThrow(/both classes/);
    expect(() => randomOversample(y, { ratio: 1.5 })).toThrow(/0 < ratio <= 1/);
    expect(() => randomUndersample(y, { ratio: 0 })).toThrow(RangeError);
    expect(() => randomOversample('01' as unknown as number[])).toThrow(TypeError);
  });
});
