// Tests for lib/tfjs/transformer: the tfjs forward pass against the same network composed from the lib's float64
// pieces (multiHeadAttention, sinusoidalPositionalEncoding, a hand-written layer norm and feed-forward net; 1e-5
// relative), the causal option (no position sees the future), permutation equivariance without positions, parameter count by formula, a short training run that
// learns to reverse sequences, error paths.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { TinyTransformer } from '../../lib/tfjs/transformer';
import { multiHeadAttention } from '../../lib/attention/multi-head';
import { causalMask } from '../../lib/attention/scaled-dot-product';
import { sinusoidalPositionalEncoding } from '../../lib/attention/positional-encoding';
import { matmul, matrix, type Matrix } from '../../lib/core/matrix';
import { Rng, seed } from '../../lib/core/random';
import { trainLoop } from '../../lib/tfjs/train';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const toMatrix = (v: tf.Variable): Matrix => matrix(v.shape[0], v.shape.length > 1 ? v.shape[1]! : 1, Float64Array.from(v.dataSync()));
const vec = (v: tf.Variable) => Float64Array.from(v.dataSync());

function lnRows(x: Matrix, g: Float64Array, b: Float64Array): Matrix {
  const out = matrix(x.rows, x.cols);
  for (let i = 0; i < x.rows; i++) {
    const row = x.data.subarray(i * x.cols, (i + 1) * x.cols);
    const mean = row.reduce((s, v) => s + v, 0) / x.cols;
    const variance = row.reduce((s, v) => s + (v - mean) ** 2, 0) / x.cols;
    for (let j = 0; j < x.cols; j++) out.data[i * x.cols + j] = ((row[j] - mean) / Math.sqrt(variance + 1e-5)) * g[j] + b[j];
  }
  return out;
}

/** The same encoder for one sequence, in float64 from lib pieces. */
function reference(model: TinyTransformer, tokens: number[]): Matrix {
  const { length: L, dModel: D, heads, causal } = model.config;
  const E = toMatrix(model.embedding), pe = sinusoidalPositionalEncoding(L, D);
  let x = matrix(L, D);
  tokens.forEach((t, i) => { for (let j = 0; j < D; j++) x.data[i * D + j] = E.data[t * D + j] + pe.data[i * D + j]; });
  for (const b of model.blocks) {
    const h = lnRows(x, vec(b.ln1Gain), vec(b.ln1Bias));
    const att = multiHeadAttention(h, h, { wq: toMatrix(b.wq), wk: toMatrix(b.wk), wv: toMatrix(b.wv), wo: toMatrix(b.wo) }, { heads, mask: causal ? causalMask(L) : undefined });
    x = matrix(L, D, x.data.map((v, i) => v + att.output.data[i]));
    const h2 = lnRows(x, vec(b.ln2Gain), vec(b.ln2Bias));
    const hidden = matmul(h2, toMatrix(b.w1));
    const b1 = vec(b.b1), b2 = vec(b.b2);
    hidden.data.forEach((v, i) => { hidden.data[i] = Math.max(0, v + b1[i % b1.length]); });
    const ff = matmul(hidden, toMatrix(b.w2));
    x = matrix(L, D, x.data.map((v, i) => v + ff.data[i] + b2[i % D]));
  }
  const logits = matmul(lnRows(x, vec(model.finalGain), vec(model.finalBias)), toMatrix(model.outWeight));
  const bo = vec(model.outBias);
  logits.data.forEach((v, i) => { logits.data[i] = v + bo[i % bo.length]; });
  return logits;
}

function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0, den = 0;
  for (let i = 0; i < a.length; i++) { num = Math.max(num, Math.abs(a[i] - b[i])); den = Math.max(den, Math.abs(b[i])); }
  return num / den;
}

describe('TinyTransformer', () => {
  it('forward pass equals the lib float64 composition (2 blocks, 4 heads; 1e-5 relative)', () => {
    const model = new TinyTransformer({ vocabSize: 7, length: 5, dModel: 16, heads: 4, ffDim: 24, layers: 2, seed: 3 });
    // give the layer norms and biases non-trivial values so they are exercised
    const rng = new Rng(9);
    for (const b of model.blocks) for (const v of [b.b1, b.b2, b.ln1Gain, b.ln1Bias, b.ln2Gain, b.ln2Bias]) v.assign(tf.tensor1d(Float32Array.from({ length: v.size }, () => 1 + rng.normal(0, 0.3))));
    const seqs = [[0, 3, 6, 2, 2], [5, 1, 1, 4, 0]];
    const logits = tf.tidy(() => model.logits(seqs.flat(), 2).dataSync());
    seqs.forEach((s, i) => expect(maxRelErr(logits.subarray(i * 35, (i + 1) * 35), reference(model, s).data)).toBeLessThan(1e-5));
    const w = model.attentionWeights(seqs.flat(), 2);
    expect(w).toHaveLength(2);
    expect(w[0]).toHaveLength(2 * 4 * 5 * 5);
    const p = model.predict(seqs.flat(), 2);
    expect(p).toHaveLength(10);
    model.dispose();
  });

  it('causal: matches the lib composition with a causal mask, and no position depends on later tokens', () => {
    const model = new TinyTransformer({ vocabSize: 6, length: 6, dModel: 8, heads: 2, ffDim: 8, causal: true, seed: 4 });
    const a = [1, 2, 3, 4, 5, 0], b = [1, 2, 3, 0, 0, 5];
    const la = tf.tidy(() => model.logits(a, 1).dataSync()), lb = tf.tidy(() => model.logits(b, 1).dataSync());
    expect(maxRelErr(la, reference(model, a).data)).toBeLessThan(1e-5);
    expect(Array.from(lb.subarray(0, 3 * 6))).toEqual(Array.from(la.subarray(0, 3 * 6))); // positions 0..2 agree
    model.dispose();
  });

  it('without positional encoding the encoder is permutation-equivariant: permuted tokens give permuted logits', () => {
    const model = new TinyTransformer({ vocabSize: 6, length: 5, dModel: 8, heads: 2, ffDim: 8, positionalEncoding: false, seed: 6 });
    const a = [4, 1, 3, 0, 5], perm = [2, 0, 4, 1, 3];
    const la = tf.tidy(() => model.logits(a, 1).dataSync()), lb = tf.tidy(() => model.logits(perm.map((i) => a[i]), 1).dataSync());
    const permuted = Float32Array.from(perm.flatMap((i) => Array.from(la.subarray(i * 6, (i + 1) * 6))));
    expect(maxRelErr(lb, permuted)).toBeLessThan(1e-5);
    model.dispose();
  });

  it('counts V d + layers (4 d^2 + 2 d f + f + d + 4 d) + 2 d + d V + V parameters', () => {
    const [V, d, f, layers] = [10, 32, 64, 2];
    const model = new TinyTransformer({ vocabSize: V, dModel: d, ffDim: f, layers, seed: 1 });
    expect(model.countParams()).toBe(V * d + layers * (4 * d * d + 2 * d * f + f + d + 4 * d) + 2 * d + d * V + V);
    model.dispose();
  });

  it('learns to reverse length-4 sequences in a few hundred steps', () => {
    seed(2);
    const model = new TinyTransformer({ vocabSize: 5, length: 4, dModel: 16, heads: 2, ffDim: 32, seed: 5 });
    const rng = new Rng(3);
    const batch = (n: number) => {
      const x: number[] = [], y: number[] = [];
      for (let i = 0; i < n; i++) { const s = Array.from({ length: 4 }, () => rng.int(5)); x.push(...s); y.push(...[...s].reverse()); }
      return { x, y };
    };
    const r = trainLoop({ steps: 300, optimizer: tf.train.adam(0.01), logEvery: 100, loss: () => { const b = batch(32); return model.loss(b.x, b.y, 32); } });
    expect(r.losses.at(-1)!).toBeLessThan(0.1 * r.losses[0]);
    const test = batch(200);
    const pred = model.predict(test.x, 200);
    let ok = 0;
    for (let i = 0; i < 200; i++) if ([0, 1, 2, 3].every((t) => pred[i * 4 + t] === test.y[i * 4 + t])) ok++;
    expect(ok / 200).toBeGreaterThan(0.9);
    model.dispose();
  });

  it('rejects bad configurations and tokens', () => {
    expect(() => new TinyTransformer({ dModel: 10, heads: 4, seed: 1 })).toThrow(/divisible/);
    expect(() => new TinyTransformer({ layers: 0, seed: 1 })).toThrow(RangeError);
    expect(() => new TinyTransformer({ depth: 2 } as never)).toThrow(/unknown option/);
    const model = new TinyTransformer({ vocabSize: 3, length: 2, dModel: 4, heads: 1, seed: 1 });
    expect(() => model.predict([0, 3], 1)).toThrow(/token ids/);
    expect(() => model.predict([0, 1, 2], 1)).toThrow(/n x length/);
    expect(() => tf.tidy(() => model.loss([0, 1], [0, 5], 1))).toThrow(/token ids/);
    model.dispose();
  });
});
