// Tests for lib/lm/gqa: kvHeads = heads equals lib/attention multi-head attention; GQA/MQA against tfjs ops with repeated KV heads (1e-5 relative).
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { groupedQueryAttention } from '../../lib/lm/gqa';
import { multiHeadAttention } from '../../lib/attention/multi-head';
import { causalMask } from '../../lib/attention/scaled-dot-product';
import { type Matrix } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';
import { maxRelErr, randMatrix, toTf } from '../attention/helpers';

beforeAll(async () => { await tf.setBackend('cpu'); });
const rng = new Rng(11);

describe('grouped-query attention', () => {
  const d = 16, n = 6;
  const x = randMatrix(rng, n, d);
  it('with kvHeads = heads it equals lib/attention multi-head attention (same weights)', () => {
    const p = { wq: randMatrix(rng, d, d), wk: randMatrix(rng, d, d), wv: randMatrix(rng, d, d), wo: randMatrix(rng, d, d) };
    const mine = groupedQueryAttention(x, p, { heads: 4, kvHeads: 4, mask: causalMask(n) });
    const mha = multiHeadAttention(x, x, p, { heads: 4, mask: causalMask(n) });
    expect(maxRelErr(mine.output.data, mha.output.data)).toBeLessThan(1e-12);
  });

  it('with 4 query heads over 2 and 1 KV heads matches tfjs ops with repeated KV heads', () => {
    for (const g of [2, 1]) {
      const dh = 4, h = 4;
      const p = { wq: randMatrix(rng, d, h * dh), wk: randMatrix(rng, d, g * dh), wv: randMatrix(rng, d, g * dh), wo: randMatrix(rng, h * dh, d) };
      const mine = groupedQueryAttention(x, p, { heads: h, kvHeads: g, mask: causalMask(n) });
      expect(mine.keys.cols).toBe(g * dh);
      const ref = tf.tidy(() => {
        const X = toTf(x);
        const Q = X.matMul(toTf(p.wq)).reshape([n, h, dh]).transpose([1, 0, 2]);
        const rep = (w: Matrix) => X.matMul(toTf(w)).reshape([n, g, 1, dh]).tile([1, 1, h / g, 1]).reshape([n, h, dh]).transpose([1, 0, 2]);
        const s = tf.matMul(Q, rep(p.wk), false, true).div(Math.sqrt(dh)).add(toTf(causalMask(n)).sub(1).mul(1e9));
        return tf.matMul(tf.softmax(s), rep(p.wv)).transpose([1, 0, 2]).reshape([n, h * dh]).matMul(toTf(p.wo)).dataSync();
      });
      expect(maxRelErr(mine.output.data, ref)).toBeLessThan(1e-5);
    }
  });

  it('rejects kvHeads that do not divide heads', () => {
    const p = { wq: randMatrix(rng, d, d), wk: randMatrix(rng, d, 12), wv: randMatrix(rng, d, 12), wo: randMatrix(rng, d, d) };
    expect(() => groupedQueryAttention(x, p, { heads: 4, kvHeads: 3 })).toThrow(/kvHeads to divide heads = 4/);
  });
});
