// Tests for lib/lm/rope: against a tfjs complex-number formulation (1e-5 relative); q.k after rotation depends only on m - n; norms kept.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { applyRope, ropeFrequencies } from '../../lib/lm/rope';
import { type Matrix } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';
import { maxRelErr, randMatrix, toTf } from '../attention/helpers';

beforeAll(async () => { await tf.setBackend('cpu'); });
const rng = new Rng(11);
const dot = (a: Matrix, i: number, b: Matrix, j: number) => { let s = 0; for (let c = 0; c < a.cols; c++) s += a.data[i * a.cols + c] * b.data[j * b.cols + c]; return s; };

describe('RoPE', () => {
  it('matches a tfjs complex-number formulation: (x_2i + i x_2i+1) * exp(i p theta_i)', () => {
    const x = randMatrix(rng, 9, 16);
    const mine = applyRope(x, { offset: 3 });
    const ref = tf.tidy(() => {
      const X = toTf(x).reshape([9, 8, 2]);
      const re = X.slice([0, 0, 0], [9, 8, 1]).squeeze([2]), im = X.slice([0, 0, 1], [9, 8, 1]).squeeze([2]);
      const ang = tf.range(3, 12).reshape([9, 1]).mul(tf.tensor1d(Float32Array.from(ropeFrequencies(16))).reshape([1, 8]));
      const c = tf.complex(re, im).mul(tf.complex(tf.cos(ang), tf.sin(ang)));
      return tf.stack([tf.real(c), tf.imag(c)], 2).reshape([9, 16]).dataSync();
    });
    expect(maxRelErr(mine.data, ref)).toBeLessThan(1e-5);
  });

  it('q.k after rotation depends only on the offset m - n, and rotation keeps norms', () => {
    const q = randMatrix(rng, 1, 32), k = randMatrix(rng, 1, 32);
    const score = (m: number, n: number) => dot(applyRope(q, { positions: [m] }), 0, applyRope(k, { positions: [n] }), 0);
    for (const [m, n] of [[5, 2], [0, 9], [100, 100]]) {
      for (const shift of [1, 17, 1000]) expect(Math.abs(score(m + shift, n + shift) - score(m, n))).toBeLessThan(1e-10);
    }
    expect(Math.abs(score(5, 2) - score(2, 5))).toBeGreaterThan(1e-3); // depends on the sign of the offset, not just |m - n|
    const r = applyRope(q, { positions: [123] });
    expect(dot(r, 0, r, 0)).toBeCloseTo(dot(q, 0, q, 0), 10);
    expect(Array.from(applyRope(q, { positions: [0] }).data)).toEqual(Array.from(q.data));
  });

  it('rejects odd widths and wrong position counts', () => {
    expect(() => applyRope(randMatrix(rng, 2, 5))).toThrow(/even dimension/);
    expect(() => applyRope(randMatrix(rng, 2, 4), { positions: [1] })).toThrow(/2 positions/);
  });
});
