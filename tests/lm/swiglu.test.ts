// Tests for lib/lm/swiglu: against tfjs ops (1e-5 relative); silu values; parameter count.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { swiglu, swigluParamCount, silu } from '../../lib/lm/swiglu';
import { Rng } from '../../lib/core/random';
import { maxRelErr, randMatrix, toTf } from '../attention/helpers';

beforeAll(async () => { await tf.setBackend('cpu'); });
const rng = new Rng(11);

describe('SwiGLU', () => {
  it('matches tfjs ops (x W1 * sigmoid(x W1) * x W3) W2; silu(0) = 0; parameter count', () => {
    const x = randMatrix(rng, 5, 8), w1 = randMatrix(rng, 8, 12), w3 = randMatrix(rng, 8, 12), w2 = randMatrix(rng, 12, 8);
    const ref = tf.tidy(() => { const a = toTf(x).matMul(toTf(w1)); return a.mul(tf.sigmoid(a)).mul(toTf(x).matMul(toTf(w3))).matMul(toTf(w2)).dataSync(); });
    expect(maxRelErr(swiglu(x, { w1, w3, w2 }).data, ref)).toBeLessThan(1e-5);
    expect(silu(0)).toBe(0);
    expect(silu(10)).toBeCloseTo(10 / (1 + Math.exp(-10)), 14);
    expect(swigluParamCount(4096, 11008)).toBe(3 * 4096 * 11008);
    expect(() => swiglu(x, { w1, w3, w2: w1 })).toThrow(RangeError);
  });
});
