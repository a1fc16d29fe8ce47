// Tests for lib/lm/rmsnorm: against tfjs ops (1e-5 relative); unit RMS; the mean is kept, unlike LayerNorm.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { rmsNorm } from '../../lib/lm/rmsnorm';
import { type Matrix } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';
import { maxRelErr, randMatrix, toTf } from '../attention/helpers';

beforeAll(async () => { await tf.setBackend('cpu'); });
const rng = new Rng(11);
const dot = (a: Matrix, i: number, b: Matrix, j: number) => { let s = 0; for (let c = 0; c < a.cols; c++) s += a.data[i * a.cols + c] * b.data[j * b.cols + c]; return s; };

describe('RMSNorm', () => {
  it('matches tfjs ops x * rsqrt(mean(x^2) + eps) * g and has unit RMS with g = 1', () => {
    const x = randMatrix(rng, 6, 10, 3);
    const g = Float64Array.from({ length: 10 }, () => rng.normal());
    const ref = tf.tidy(() => { const X = toTf(x); return X.mul(tf.rsqrt(X.square().mean(1, true).add(1e-6))).mul(tf.tensor1d(Float32Array.from(g))).dataSync(); });
    expect(maxRelErr(rmsNorm(x, g).data, ref)).toBeLessThan(1e-5);
    const y = rmsNorm(x, undefined, 0);
    for (let i = 0; i < 6; i++) expect(dot(y, i, y, i) / 10).toBeCloseTo(1, 12);
    // unlike LayerNorm, the mean is kept: a constant row stays constant (sign included)
    expect(Array.from(rmsNorm([[-2, -2, -2]], undefined, 0).data)).toEqual([-1, -1, -1]);
    expect(() => rmsNorm(x, [1, 2])).toThrow(/gain of length 10/);
  });
});
