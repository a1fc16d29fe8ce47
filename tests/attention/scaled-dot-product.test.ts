// Tests for lib/attention/scaled-dot-product: against the same computation written with tfjs ops (float32, 1e-5
// relative), with and without causal/padding masks; hand-computed cases (uniform weights, one-hot selection, causal
// first row); masked keys have no influence; mask helpers; error paths.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { causalMask, combineMasks, paddingMask, scaledDotProductAttention } from '../../lib/attention/scaled-dot-product';
import { matrix } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';
import { maxRelErr, randMatrix, tfAttention, toTf } from './helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const rng = new Rng(31);
const n = 5, m = 7, dk = 8, dv = 6;
const q = randMatrix(rng, n, dk), k = randMatrix(rng, m, dk), v = randMatrix(rng, m, dv);

describe('scaledDotProductAttention', () => {
  it('matches tfjs ops softmax(QK^T/sqrt(d_k))V (1e-5 relative)', () => {
    const mine = scaledDotProductAttention(q, k, v);
    const ref = tfAttention(toTf(q), toTf(k), toTf(v));
    expect(maxRelErr(mine.output.data, ref.out.dataSync())).toBeLessThan(1e-5);
    expect(maxRelErr(mine.weights.data, ref.weights.dataSync())).toBeLessThan(1e-5);
    for (let i = 0; i < n; i++) expect(mine.weights.data.subarray(i * m, (i + 1) * m).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });

  it('matches tfjs with a padding mask and with a custom scale', () => {
    const mask = paddingMask(n, 4, m);
    const mine = scaledDotProductAttention(q, k, v, { mask, scale: 0.3 });
    const ref = tfAttention(toTf(q), toTf(k), toTf(v), mask, 0.3);
    expect(maxRelErr(mine.output.data, ref.out.dataSync())).toBeLessThan(1e-5);
    for (let i = 0; i < n; i++) for (let j = 4; j < m; j++) expect(mine.weights.data[i * m + j]).toBe(0);
  });

  it('self-attention with a causal mask matches tfjs; row 0 returns v_0 exactly; the future has no influence', () => {
    const x = randMatrix(rng, 6, dk), vals = randMatrix(rng, 6, dv);
    const mask = causalMask(6);
    const mine = scaledDotProductAttention(x, x, vals, { mask });
    const ref = tfAttention(toTf(x), toTf(x), toTf(vals), mask);
    expect(maxRelErr(mine.output.data, ref.out.dataSync())).toBeLessThan(1e-5);
    expect(Array.from(mine.output.data.subarray(0, dv))).toEqual(Array.from(vals.data.subarray(0, dv)));
    const changed = matrix(6, dv, vals.data.slice());
    changed.data.fill(99, 5 * dv); // change the last value row
    const again = scaledDotProductAttention(x, x, changed, { mask });
    expect(Array.from(again.output.data.subarray(0, 5 * dv))).toEqual(Array.from(mine.output.data.subarray(0, 5 * dv)));
  });

  it('hand-computed: equal scores average the values; a dominant score selects one value', () => {
    const vals = [[1, 0], [0, 2], [3, 3]];
    const flat = scaledDotProductAttention([[0, 0]], [[1, 2], [3, 4], [5, 6]], vals);
    expect(flat.output.data[0]).toBeCloseTo(4 / 3, 14);
    expect(flat.output.data[1]).toBeCloseTo(5 / 3, 14);
    const sharp = scaledDotProductAttention([[100, 0]], [[1, 0], [0, 1], [-1, 0]], vals);
    expect(sharp.weights.data[0]).toBeCloseTo(1, 12);
    expect(sharp.output.data[0]).toBeCloseTo(1, 10);
    expect(sharp.scores.data[0]).toBeCloseTo(100 / Math.sqrt(2), 12);
  });

  it('rejects mismatched shapes, bad masks and fully masked rows', () => {
    expect(() => scaledDotProductAttention(q, randMatrix(rng, m, dk + 1), v)).toThrow(/same width/);
    expect(() => scaledDotProductAttention(q, k, randMatrix(rng, m + 1, dv))).toThrow(/one value row per key/);
    expect(() => scaledDotProductAttention(q, k, v, { mask: causalMask(n) })).toThrow(/mask/);
    const half = matrix(n, m, new Float64Array(n * m).fill(0.5));
    expect(() => scaledDotProductAttention(q, k, v, { mask: half })).toThrow(/0\/1 mask/);
    const blocked = paddingMask(n, 1, m);
    blocked.data[2 * m] = 0;
    expect(() => scaledDotProductAttention(q, k, v, { mask: blocked })).toThrow(/query 2 fully masked/);
    expect(() => scaledDotProductAttention(q, k, v, { scale: Number.NaN })).toThrow(RangeError);
    expect(() => scaledDotProductAttention([[Number.NaN]], [[1]], [[1]])).toThrow(/finite/);
  });
});

describe('mask helpers', () => {
  it('causal, padding and their combination', () => {
    expect(Array.from(causalMask(3).data)).toEqual([1, 0, 0, 1, 1, 0, 1, 1, 1]);
    expect(Array.from(paddingMask(2, 2, 3).data)).toEqual([1, 1, 0, 1, 1, 0]);
    expect(Array.from(combineMasks(causalMask(3), paddingMask(3, 2, 3)).data)).toEqual([1, 0, 0, 1, 1, 0, 1, 1, 0]);
    expect(() => causalMask(0)).toThrow(RangeError);
    expect(() => paddingMask(2, 4, 3)).toThrow(RangeError);
    expect(() => combineMasks(causalMask(2), causalMask(3))).toThrow(RangeError);
    expect(() => combineMasks()).toThrow(RangeError);
  });
});
