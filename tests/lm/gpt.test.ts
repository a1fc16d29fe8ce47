// Tests for lib/lm/gpt (and gpt-train, scaling): attention against lib/attention's float64 multi-head attention with a
// causal mask (1e-5 relative), causality (logits at t unchanged when later tokens change), past keys/values equal to
// the full forward (1e-5), the parameter count closed form against countParams, generation with and without the
// cache, deterministic training that learns a pattern, sliding-window evaluation against a brute-force definition.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { Gpt, argmaxSampler, gelu, type GptBlock } from '../../lib/lm/gpt';
import { evaluateGpt, learningRateAt, trainGpt } from '../../lib/lm/gpt-train';
import { computeOptimalSplit, computeOptimalTokens, gptParamCount, trainingFlops } from '../../lib/lm/scaling';
import { multiHeadAttention } from '../../lib/attention/multi-head';
import { causalMask } from '../../lib/attention/scaled-dot-product';
import { matrix, type Matrix } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const toMatrix = (v: tf.Variable): Matrix => matrix(v.shape[0], v.shape[1]!, Float64Array.from(v.dataSync()));
const vec = (v: tf.Variable) => Float64Array.from(v.dataSync());

function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0, den = 0;
  for (let i = 0; i < a.length; i++) { num = Math.max(num, Math.abs(a[i] - b[i])); den = Math.max(den, Math.abs(b[i])); }
  return num / den;
}

/** Gives every bias and LayerNorm non-trivial values so the checks exercise them. */
function perturb(model: Gpt, seed: number): void {
  const rng = new Rng(seed);
  for (const [name, v] of model.namedVariables()) {
    if (v.rank === 1) v.assign(tf.tensor1d(Float32Array.from({ length: v.size }, () => (name.includes('Gain') ? 1 : 0) + rng.normal(0, 0.3))));
  }
}

const ids = (rows: number[][]) => tf.tensor2d(rows, [rows.length, rows[0].length], 'int32');

describe('Gpt attention', () => {
  it('equals lib/attention multiHeadAttention with a causal mask, biases included (float64 reference, 1e-5 relative)', () => {
    const model = new Gpt({ vocabSize: 11, contextLength: 7, dModel: 12, heads: 3, layers: 1, seed: 3 });
    perturb(model, 1);
    const rng = new Rng(5);
    const x = Array.from({ length: 7 * 12 }, () => rng.normal(0, 1));
    const b: GptBlock = model.blocks[0];
    const got = tf.tidy(() => {
      const r = model.attention(b, tf.tensor3d(x, [1, 7, 12]));
      return { out: r.output.dataSync(), w: r.weights.dataSync() };
    });
    const ref = multiHeadAttention(matrix(7, 12, Float64Array.from(x)), matrix(7, 12, Float64Array.from(x)), {
      wq: toMatrix(b.wq), wk: toMatrix(b.wk), wv: toMatrix(b.wv), wo: toMatrix(b.wo), bq: vec(b.bq), bk: vec(b.bk), bv: vec(b.bv), bo: vec(b.bo),
    }, { heads: 3, mask: causalMask(7) });
    expect(maxRelErr(got.out, ref.output.data)).toBeLessThan(1e-5);
    // Weights per head: [heads, 7, 7], zero above the diagonal.
    ref.weights.forEach((w, h) => expect(maxRelErr(got.w.subarray(h * 49, (h + 1) * 49), w.data)).toBeLessThan(1e-5));
    for (let i = 0; i < 7; i++) for (let j = i + 1; j < 7; j++) expect(got.w[i * 7 + j]).toBe(0);
    model.dispose();
  });
});

describe('Gpt forward', () => {
  it('is causal: the logits at position t do not change when any later token changes', () => {
    const model = new Gpt({ vocabSize: 9, contextLength: 8, dModel: 16, heads: 4, layers: 2, seed: 4 });
    perturb(model, 2);
    const a = [1, 2, 3, 4, 5, 6, 7, 8], b = [1, 2, 3, 4, 0, 0, 2, 1];
    const [la, lb] = tf.tidy(() => [model.forward(ids([a])).logits.dataSync(), model.forward(ids([b])).logits.dataSync()]);
    expect(Array.from(lb.subarray(0, 4 * 9))).toEqual(Array.from(la.subarray(0, 4 * 9))); // positions 0..3 identical
    expect(maxRelErr(lb.subarray(4 * 9), la.subarray(4 * 9))).toBeGreaterThan(1e-3); // and the changed ones do differ
    // Rows of a batch are independent: [a; b] together gives the same logits as each alone.
    const both = tf.tidy(() => model.forward(ids([a, b])).logits.dataSync());
    expect(maxRelErr(both.subarray(0, 72), la)).toBeLessThan(1e-6);
    expect(maxRelErr(both.subarray(72), lb)).toBeLessThan(1e-6);
    model.dispose();
  });

  it('with past keys/values gives the full forward\'s logits for the new positions (1e-5), in one step or several', () => {
    const model = new Gpt({ vocabSize: 10, contextLength: 9, dModel: 16, heads: 2, layers: 3, tieEmbeddings: false, seed: 6 });
    perturb(model, 3);
    const seq = [3, 1, 4, 1, 5, 9, 2, 6, 5];
    const full = tf.tidy(() => model.forward(ids([seq])).logits.dataSync());
    const pieces = tf.tidy(() => {
      const first = model.forward(ids([seq.slice(0, 5)]));
      const second = model.forward(ids([seq.slice(5, 7)]), { past: first.present });
      const third = model.forward(ids([seq.slice(7)]), { past: second.present });
      expect(third.present[0].k.shape).toEqual([1, 2, 9, 8]);
      return [first.logits.dataSync(), second.logits.dataSync(), third.logits.dataSync()];
    });
    const joined = new Float32Array([...pieces[0], ...pieces[1], ...pieces[2]]);
    expect(maxRelErr(joined, full)).toBeLessThan(1e-5);
    model.dispose();
  });

  it('returns attention weights whose rows sum to 1 over the visible positions', () => {
    const model = new Gpt({ vocabSize: 5, contextLength: 4, dModel: 8, heads: 2, layers: 2, seed: 8 });
    const w = tf.tidy(() => model.forward(ids([[0, 1, 2, 3]]), { attention: true }).attention.map((a) => a.arraySync()));
    expect(w).toHaveLength(2);
    for (const head of w[1][0]) head.forEach((row, i) => expect(row.slice(0, i + 1).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6));
    model.dispose();
  });

  it('GELU is the tanh approximation: gelu(0) = 0, gelu(1) = 0.841192, gelu(-1) = -0.158808', () => {
    const g = tf.tidy(() => gelu(tf.tensor1d([0, 1, -1, 3])).dataSync());
    expect(g[0]).toBe(0);
    expect(g[1]).toBeCloseTo(0.5 * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * 1.044715)), 6);
    expect(g[1]).toBeCloseTo(0.841192, 5);
    expect(g[2]).toBeCloseTo(-0.158808, 5);
  });
});

describe('parameter count', () => {
  it('the closed form from the shape equals countParams (tied and untied, several shapes)', () => {
    const shapes = [
      { vocabSize: 11, contextLength: 7, dModel: 12, heads: 3, layers: 1 },
      { vocabSize: 300, contextLength: 64, dModel: 64, heads: 4, layers: 2 },
      { vocabSize: 50, contextLength: 16, dModel: 32, heads: 2, layers: 3, ffDim: 48, tieEmbeddings: false },
    ];
    for (const s of shapes) {
      const model = new Gpt({ ...s, seed: 1 });
      const c = gptParamCount(s);
      expect(c.total).toBe(model.countParams());
      expect(c.nonEmbedding).toBe(c.blocks + c.head);
      model.dispose();
    }
    // By hand for d = 64, f = 256, L = 2, V = 300, T = 64, tied: blocks 2 (4*64^2 + 4*64 + 2*64*256 + 256 + 64 + 4*64).
    const c = gptParamCount(shapes[1]);
    expect(c.perBlock).toBe(16384 + 256 + 32768 + 256 + 64 + 256);
    expect(c.total).toBe(300 * 64 + 64 * 64 + 2 * 49984 + 128);
  });

  it('12 L d^2 is the non-embedding count of a large GPT to within 0.1 % (GPT-3 175B shape: 174.6 B)', () => {
    const gpt3 = gptParamCount({ vocabSize: 50257, contextLength: 2048, dModel: 12288, layers: 96, tieEmbeddings: true });
    expect(Math.abs(gpt3.blocks - 12 * 96 * 12288 ** 2) / gpt3.blocks).toBeLessThan(1e-3);
    expect(gpt3.total / 1e9).toBeCloseTo(174.6, 1);
  });

  it('6ND, 20 tokens per parameter, and the compute-optimal split N = sqrt(C / 120)', () => {
    expect(trainingFlops(1e6, 2e7)).toBe(1.2e14);
    expect(computeOptimalTokens(7e10)).toBe(1.4e12);
    // Chinchilla: 70 B parameters, 1.4 T tokens, C = 6 N D = 5.88e23.
    const s = computeOptimalSplit(6 * 7e10 * 1.4e12);
    expect(s.params / 7e10).toBeCloseTo(1, 10);
    expect(s.tokens / 1.4e12).toBeCloseTo(1, 10);
    expect(() => trainingFlops(0, 1)).toThrow(RangeError);
  });
});

describe('generate', () => {
  it('greedy with and without the key/value cache gives the same ids, also past the context window', () => {
    const model = new Gpt({ vocabSize: 13, contextLength: 6, dModel: 16, heads: 2, layers: 2, seed: 9 });
    perturb(model, 4);
    const before = tf.memory().numTensors;
    const plain = model.generate([1, 2], { maxNewTokens: 12 });
    const cached = model.generate([1, 2], { maxNewTokens: 12, useCache: true });
    expect(cached).toEqual(plain);
    expect(plain).toHaveLength(12);
    expect(tf.memory().numTensors).toBe(before); // nothing leaks
    // The sampler sees the logits of the last position: argmax of nextLogits.
    expect(plain[0]).toBe(argmaxSampler(model.nextLogits([1, 2]), 0));
    const steps: number[] = [];
    model.generate([0], { maxNewTokens: 3, sampler: (l, step) => { steps.push(step); return l.length - 1; } });
    expect(steps).toEqual([0, 1, 2]);
    expect(() => model.generate([0], { maxNewTokens: 1, sampler: () => 13 })).toThrow(/sampler returned 13/);
    model.dispose();
  });
});

describe('trainGpt and evaluateGpt', () => {
  it('learns a periodic stream (loss falls below a tenth), deterministically for the same seeds', () => {
    const stream = Array.from({ length: 2000 }, (_, i) => [0, 3, 1, 4, 1, 5, 2, 6][i % 8]);
    const run = () => {
      const model = new Gpt({ vocabSize: 7, contextLength: 12, dModel: 16, heads: 2, layers: 1, seed: 2 });
      const r = trainGpt(model, stream, { steps: 120, batchSize: 8, learningRate: 1e-2, seed: 3, logEvery: 20 });
      const evalNll = evaluateGpt(model, stream.slice(0, 100)).nll;
      model.dispose();
      return { ...r, evalNll };
    };
    const a = run(), b = run();
    expect(a.losses.at(-1)!).toBeLessThan(0.1 * a.losses[0]);
    expect(a.losses).toEqual(b.losses);
    expect(a.evalNll).toBe(b.evalNll);
    expect(a.tokensSeen).toBe(120 * 8 * 12);
    expect(a.steps).toEqual([0, 20, 40, 60, 80, 100, 119]);
  }, 120_000); // two training runs on the pure-JS cpu backend: slow on a loaded machine

  it('the learning rate warms up linearly, peaks, and decays by a half cosine to the minimum', () => {
    const o = { steps: 101, learningRate: 1, warmupSteps: 10, minLearningRate: 0.1 };
    expect(learningRateAt(0, o)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(9, o)).toBe(1);
    expect(learningRateAt(10, o)).toBe(1);
    expect(learningRateAt(55, o)).toBeCloseTo(0.55, 12);
    expect(learningRateAt(100, o)).toBeCloseTo(0.1, 12);
  });

  it('evaluateGpt scores every target once, each from the ids of its window (brute force with nextLogits, 1e-5)', () => {
    const model = new Gpt({ vocabSize: 6, contextLength: 8, dModel: 8, heads: 2, layers: 1, seed: 12 });
    perturb(model, 5);
    const rng = new Rng(7);
    const tokens = Array.from({ length: 30 }, () => rng.int(6));
    for (const stride of [8, 4, 3, 1]) {
      // Target pos is scored by the first window start k * stride (k >= 0) with start + 8 >= pos: context tokens[start..pos-1].
      let total = 0;
      for (let pos = 1; pos < tokens.length; pos++) {
        const start = Math.max(0, Math.ceil((pos - 8) / stride)) * stride;
        const logits = model.nextLogits(tokens.slice(start, pos));
        const m = Math.max(...logits);
        const lse = m + Math.log(logits.reduce((s, v) => s + Math.exp(v - m), 0));
        total += lse - logits[tokens[pos]];
      }
      const r = evaluateGpt(model, tokens, { stride, batchSize: 3 });
      expect(r.count).toBe(29);
      expect(Math.abs(r.nll - total / 29) / (total / 29)).toBeLessThan(1e-5);
    }
    model.dispose();
  });
});

describe('errors', () => {
  it('rejects bad configurations, ids and lengths with messages that name the problem', () => {
    expect(() => new Gpt({ vocabSize: 5, dModel: 10, heads: 4 })).toThrow(/divisible/);
    expect(() => new Gpt({ vocabSize: 0 })).toThrow(/vocabSize >= 1/);
    expect(() => new Gpt({ vocabSize: 5, depth: 2 } as never)).toThrow(/unknown option "depth"/);
    expect(() => new Gpt({ vocabSize: 5, tieEmbeddings: 'yes' } as never)).toThrow(TypeError);
    const model = new Gpt({ vocabSize: 5, contextLength: 4, dModel: 4, heads: 1, layers: 1, seed: 1 });
    expect(() => tf.tidy(() => model.forward(ids([[0, 1, 2, 3, 4]])))).toThrow(/past \+ n <= contextLength = 4/);
    expect(() => tf.tidy(() => model.forward(tf.tensor2d([[0, 1]], [1, 2], 'float32') as tf.Tensor2D))).toThrow(/int32/);
    expect(() => tf.tidy(() => model.loss([0, 1], [0, 5], 1))).toThrow(/targets ids in 0..4, got 5/);
    expect(() => model.nextLogits([7])).toThrow(/ids in 0..4/);
    expect(() => model.generate([], { maxNewTokens: 1 })).toThrow(/at least 1 token/);
    expect(() => trainGpt(model, [0, 1, 2], { steps: 1 })).toThrow(/at least contextLength \+ 1 = 5 tokens/);
    expect(() => evaluateGpt(model, [0, 1, 2], { stride: 5 })).toThrow(/stride/);
    model.dispose();
  });
});
