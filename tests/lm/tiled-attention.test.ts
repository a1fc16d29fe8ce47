// Tests for lib/lm/tiled-attention: equal to lib/attention's standard attention to 1e-6 (1e-12 in float64) for many
// block shapes, with and without the causal mask; the largest working buffer is asserted far below n x n; causal
// tiles above the diagonal are skipped; online log-sum-exp against the two-pass one; errors.
import { describe, expect, it } from 'vitest';
import { onlineLogSumExp, tiledAttention } from '../../lib/lm/tiled-attention';
import { causalMask, scaledDotProductAttention } from '../../lib/attention/scaled-dot-product';
import { Rng } from '../../lib/core/random';
import { maxRelErr, randMatrix } from '../attention/helpers';

const rng = new Rng(9);

describe('tiledAttention', () => {
  it('equals standard attention for many block sizes, causal or not, while its buffers stay O(block)', () => {
    const n = 70, dk = 8, dv = 6;
    const q = randMatrix(rng, n, dk, 2), k = randMatrix(rng, n, dk, 2), v = randMatrix(rng, n, dv);
    for (const causal of [false, true]) {
      const ref = scaledDotProductAttention(q, k, v, { mask: causal ? causalMask(n) : undefined });
      for (const [bq, bk] of [[1, 1], [7, 5], [16, 16], [70, 3], [100, 100]]) {
        const r = tiledAttention(q, k, v, { blockQ: bq, blockK: bk, causal });
        expect(maxRelErr(r.output.data, ref.output.data)).toBeLessThan(1e-12);
        expect(r.largestBuffer).toBe(bq * Math.max(bk, dv));
      }
    }
    const r16 = tiledAttention(q, k, v, { blockQ: 16, blockK: 16 });
    expect(r16.largestBuffer).toBeLessThan(n * n / 10); // 256 numbers against 4,900 for the score matrix
  });

  it('causal: tiles wholly in the future are skipped; non-square n x m works', () => {
    const n = 64;
    const q = randMatrix(rng, n, 4), v = randMatrix(rng, n, 4);
    const r = tiledAttention(q, q, v, { blockQ: 16, blockK: 16, causal: true });
    expect(r.tilesComputed).toBe(10); // 4 + 3 + 2 + 1 of the 16 tiles
    expect(r.tilesSkipped).toBe(6);
    const k2 = randMatrix(rng, 33, 4), v2 = randMatrix(rng, 33, 5);
    expect(maxRelErr(tiledAttention(q, k2, v2, { blockK: 8 }).output.data, scaledDotProductAttention(q, k2, v2).output.data)).toBeLessThan(1e-12);
  });

  it('stays finite where a naive exp would overflow (scores of 1000s)', () => {
    const q = randMatrix(rng, 5, 4, 100), k = randMatrix(rng, 9, 4, 100), v = randMatrix(rng, 9, 3);
    const r = tiledAttention(q, k, v, { blockK: 2 });
    expect(r.output.data.every(Number.isFinite)).toBe(true);
    expect(maxRelErr(r.output.data, scaledDotProductAttention(q, k, v).output.data)).toBeLessThan(1e-9);
  });

  it('onlineLogSumExp equals max + log sum exp(x - max)', () => {
    const xs = Array.from({ length: 50 }, () => rng.normal(0, 30));
    const m = Math.max(...xs);
    expect(onlineLogSumExp(xs)).toBeCloseTo(m + Math.log(xs.reduce((s, x) => s + Math.exp(x - m), 0)), 10);
    expect(onlineLogSumExp([0, 0])).toBeCloseTo(Math.log(2), 14);
  });

  it('rejects mismatched shapes and bad blocks', () => {
    const q = randMatrix(rng, 4, 3);
    expect(() => tiledAttention(q, randMatrix(rng, 4, 2), q)).toThrow(/same width d_k/);
    expect(() => tiledAttention(q, q, q, { blockQ: 0 })).toThrow(/block sizes >= 1/);
    expect(() => tiledAttention(q, randMatrix(rng, 5, 3), randMatrix(rng, 5, 3), { causal: true })).toThrow(/as many queries as keys/);
  });
});
