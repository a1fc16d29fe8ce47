import { describe, expect, it } from 'vitest';
import { exactShapley, interventionalValue } from '../../lib/interpret/shapley';
import { Rng } from '../../lib/core/random';
import type { Matrix } from '../../lib/core/matrix';

/** Independent reference: the average marginal contribution over all d! orderings of the players. */
function shapleyByPermutations(v: (mask: number) => number, d: number): Float64Array {
  const phi = new Float64Array(d);
  let count = 0;
  const order: number[] = [];
  const used = new Array<boolean>(d).fill(false);
  const walk = () => {
    if (order.length === d) {
      let mask = 0;
      for (const i of order) { phi[i] += v(mask | (1 << i)) - v(mask); mask |= 1 << i; }
      count++;
      return;
    }
    for (let i = 0; i < d; i++) if (!used[i]) { used[i] = true; order.push(i); walk(); order.pop(); used[i] = false; }
  };
  walk();
  return phi.map((p) => p / count);
}

describe('exactShapley', () => {
  it('gives the closed form of v(S) = (sum of a_i over S)^2 with two players: phi_1 = a^2 + ab', () => {
    const a = [2, 5];
    const v = (mask: number) => ((mask & 1 ? a[0] : 0) + (mask & 2 ? a[1] : 0)) ** 2;
    const { phi, base, full } = exactShapley(v, 2);
    expect(phi[0]).toBeCloseTo(4 + 10, 12);
    expect(phi[1]).toBeCloseTo(25 + 10, 12);
    expect(base).toBe(0);
    expect(full).toBe(49);
  });

  it('splits a 3-player majority game equally (1/3 each)', () => {
    const v = (mask: number) => ((mask & 1) + ((mask >> 1) & 1) + ((mask >> 2) & 1) >= 2 ? 1 : 0);
    const { phi } = exactShapley(v, 3);
    for (const p of phi) expect(p).toBeCloseTo(1 / 3, 14);
  });

  it('matches the average over all d! orderings on a random game (d = 6), to 1e-12, and is efficient', () => {
    const rng = new Rng(3);
    const table = Float64Array.from({ length: 64 }, () => rng.normal());
    const v = (mask: number) => table[mask];
    const { phi, base, full } = exactShapley(v, 6);
    const ref = shapleyByPermutations(v, 6);
    for (let i = 0; i < 6; i++) expect(Math.abs(phi[i] - ref[i])).toBeLessThan(1e-12);
    expect(Math.abs(phi.reduce((s, p) => s + p, 0) - (full - base))).toBeLessThan(1e-12);
  });

  it('gives a dummy player 0 and symmetric players equal values', () => {
    // players 0 and 1 are interchangeable, player 2 never changes the value
    const v = (mask: number) => { const a = mask & 1, b = (mask >> 1) & 1, c = (mask >> 3) & 1; return 3 * a * b + a + b + 2 * c; };
    const { phi } = exactShapley(v, 4);
    expect(phi[2]).toBe(0);
    expect(Math.abs(phi[0] - phi[1])).toBeLessThan(1e-15);
    expect(phi[3]).toBeCloseTo(2, 14);
    expect(phi[0]).toBeCloseTo(1 + 1.5, 14);
  });

  it('rejects bad input', () => {
    expect(() => exactShapley(() => 0, 0)).toThrow(RangeError);
    expect(() => exactShapley(() => 0, 21)).toThrow(/d <= 20/);
    expect(() => exactShapley(() => NaN, 2)).toThrow(RangeError);
    expect(() => exactShapley(1 as unknown as (m: number) => number, 2)).toThrow(TypeError);
  });
});

describe('interventionalValue', () => {
  const rng = new Rng(11);
  const d = 4, b = 30;
  const bg: Matrix = { rows: b, cols: d, data: Float64Array.from({ length: b * d }, () => rng.normal()) };
  const w = [1.5, -2, 0, 0.7];

  it('gives a linear model the closed form phi_j = w_j (x_j - mean of background_j), to 1e-12', () => {
    const predict = (m: Matrix) => Float64Array.from({ length: m.rows }, (_, i) => 0.3 + w.reduce((s, wj, j) => s + wj * m.data[i * d + j], 0));
    const x = [0.5, 1, -2, 3];
    const { phi, base, full } = exactShapley(interventionalValue(predict, x, bg), d);
    for (let j = 0; j < d; j++) {
      let mean = 0;
      for (let r = 0; r < b; r++) mean += bg.data[r * d + j] / b;
      expect(Math.abs(phi[j] - w[j] * (x[j] - mean))).toBeLessThan(1e-12);
    }
    expect(full).toBeCloseTo(predict({ rows: 1, cols: d, data: Float64Array.from(x) })[0], 12);
    let meanPred = 0;
    const p = predict(bg);
    for (let r = 0; r < b; r++) meanPred += p[r] / b;
    expect(base).toBeCloseTo(meanPred, 12);
  });

  it('splits an interaction x0 * x1 against a one-row background at 0 equally', () => {
    const predict = (m: Matrix) => Float64Array.from({ length: m.rows }, (_, i) => m.data[i * 2] * m.data[i * 2 + 1]);
    const { phi } = exactShapley(interventionalValue(predict, [2, 3], [[0, 0]]), 2);
    expect(phi[0]).toBeCloseTo(3, 14);
    expect(phi[1]).toBeCloseTo(3, 14);
  });

  it('rejects a row of the wrong length and an empty background', () => {
    const predict = (m: Matrix) => new Float64Array(m.rows);
    expect(() => interventionalValue(predict, [1, 2], bg)).toThrow(/expected x of length 4/);
    expect(() => interventionalValue(predict, [], { rows: 0, cols: 0, data: new Float64Array(0) })).toThrow(RangeError);
  });
});
