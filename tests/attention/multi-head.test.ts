// Tests for lib/attention/multi-head: against the same computation with tfjs ops (reshape/transpose into heads,
// batched matMul, softmax; float32, 1e-5 relative) with and without biases and masks; one head = plain attention on
// the projections; self-attention without positions is permutation-equivariant (1e-12); error paths.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initMultiHeadParams, multiHeadAttention, type MultiHeadParams } from '../../lib/attention/multi-head';
import { causalMask, scaledDotProductAttention } from '../../lib/attention/scaled-dot-product';
import { matmul, matrix, type Matrix } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';
import { maxRelErr, randMatrix, toTf } from './helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const rng = new Rng(41);
const dModel = 12, n = 6, m = 5;

/** Multi-head attention with tfjs ops in the usual batched layout: [heads, tokens, d_k]. */
function tfMultiHead(xq: Matrix, xkv: Matrix, p: MultiHeadParams, heads: number, mask?: Matrix): Float32Array {
  return tf.tidy(() => {
    const dk = dModel / heads;
    const proj = (x: Matrix, w: Matrix, b?: Float64Array) => {
      let y = toTf(x).matMul(toTf(w));
      if (b) y = y.add(tf.tensor1d(Float32Array.from(b)));
      return y.reshape([x.rows, heads, dk]).transpose([1, 0, 2]);
    };
    const Q = proj(xq, p.wq, p.bq), K = proj(xkv, p.wk, p.bk), V = proj(xkv, p.wv, p.bv);
    let s = tf.matMul(Q, K, false, true).div(Math.sqrt(dk));
    if (mask) s = s.add(toTf(mask).sub(1).mul(1e9));
    const heads3 = tf.matMul(tf.softmax(s), V); // [heads, n, dk]
    let out = heads3.transpose([1, 0, 2]).reshape([xq.rows, dModel]).matMul(toTf(p.wo));
    if (p.bo) out = out.add(tf.tensor1d(Float32Array.from(p.bo)));
    return out.dataSync() as Float32Array;
  });
}

describe('multiHeadAttention', () => {
  it('matches tfjs ops for 1, 2, 3, 4 and 12 heads, cross-attention, with biases (1e-5 relative)', () => {
    const xq = randMatrix(rng, n, dModel), xkv = randMatrix(rng, m, dModel);
    const p = initMultiHeadParams(dModel, { bias: true, seed: 2 });
    for (const b of [p.bq!, p.bk!, p.bv!, p.bo!]) for (let i = 0; i < dModel; i++) b[i] = rng.normal(0, 0.1);
    for (const heads of [1, 2, 3, 4, 12]) {
      const mine = multiHeadAttention(xq, xkv, p, { heads });
      expect(maxRelErr(mine.output.data, tfMultiHead(xq, xkv, p, heads))).toBeLessThan(1e-5);
      expect(mine.weights).toHaveLength(heads);
    }
  });

  it('matches tfjs ops for causal self-attention', () => {
    const x = randMatrix(rng, n, dModel);
    const p = initMultiHeadParams(dModel, { seed: 3 });
    const mine = multiHeadAttention(x, x, p, { heads: 4, mask: causalMask(n) });
    expect(maxRelErr(mine.output.data, tfMultiHead(x, x, p, 4, causalMask(n)))).toBeLessThan(1e-5);
    for (const w of mine.weights) expect(w.data[1]).toBe(0); // query 0 cannot see key 1
  });

  it('one head is plain attention on the projections followed by W_o', () => {
    const x = randMatrix(rng, n, dModel);
    const p = initMultiHeadParams(dModel, { seed: 4 });
    const single = scaledDotProductAttention(matmul(x, p.wq), matmul(x, p.wk), matmul(x, p.wv));
    expect(maxRelErr(multiHeadAttention(x, x, p, { heads: 1 }).output.data, matmul(single.output, p.wo).data)).toBeLessThan(1e-12);
  });

  it('self-attention without positions is permutation-equivariant', () => {
    const x = randMatrix(rng, n, dModel);
    const p = initMultiHeadParams(dModel, { seed: 5 });
    const perm = [3, 0, 5, 1, 4, 2];
    const xp = matrix(n, dModel);
    perm.forEach((src, i) => xp.data.set(x.data.subarray(src * dModel, (src + 1) * dModel), i * dModel));
    const a = multiHeadAttention(x, x, p, { heads: 3 }).output, b = multiHeadAttention(xp, xp, p, { heads: 3 }).output;
    const aPermuted = Float64Array.from(perm.flatMap((src) => Array.from(a.data.subarray(src * dModel, (src + 1) * dModel))));
    expect(maxRelErr(b.data, aPermuted)).toBeLessThan(1e-12);
  });

  it('rejects heads that do not divide d_model, mismatched widths and bad projections', () => {
    const x = randMatrix(rng, n, dModel);
    const p = initMultiHeadParams(dModel, { seed: 6 });
    expect(() => multiHeadAttention(x, x, p, { heads: 5 })).toThrow(/divisible/);
    expect(() => multiHeadAttention(x, x, p, { heads: 0 })).toThrow(RangeError);
    expect(() => multiHeadAttention(x, randMatrix(rng, m, dModel + 1), p, { heads: 2 })).toThrow(/same width/);
    expect(() => multiHeadAttention(x, x, { ...p, wq: randMatrix(rng, dModel + 1, dModel) }, { heads: 2 })).toThrow(/rows/);
    expect(() => multiHeadAttention(x, x, { ...p, bq: new Float64Array(3) }, { heads: 2 })).toThrow(/bias/);
    expect(() => initMultiHeadParams(0)).toThrow(RangeError);
  });
});
