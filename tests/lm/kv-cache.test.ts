// Tests for lib/lm/kv-cache: logits decoded one token at a time through the cache equal the uncached ones and one
// full causal forward pass (float32, 1e-5 relative); the cache's bytes equal 2 * layers * heads * d_head * tokens * 4;
// the FLOP counts by hand; errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { Gpt } from '../../lib/lm/gpt';
import { forwardFlops, generationFlops, KvCache, stepwiseLogits } from '../../lib/lm/kv-cache';
import { kvCacheBytes } from '../../lib/lm/kv-memory';
import { Rng } from '../../lib/core/random';
import { maxRelErr } from '../attention/helpers';

let model: Gpt;
beforeAll(async () => {
  await tf.setBackend('cpu');
  model = new Gpt({ vocabSize: 23, contextLength: 24, dModel: 16, heads: 4, layers: 2, seed: 3 });
  // Untrained GPT-2 weights (std 0.02) give nearly flat logits; larger embeddings make the comparison sharper.
  model.tokenEmbedding.assign(model.tokenEmbedding.mul(50));
});
afterAll(() => model.dispose());

const rng = new Rng(8);
const ids = Array.from({ length: 20 }, () => rng.int(23));

describe('KvCache', () => {
  it('cached, uncached and one full forward pass give the same logits at every position', () => {
    const cached = stepwiseLogits(model, ids, { useCache: true });
    const uncached = stepwiseLogits(model, ids, { useCache: false });
    const full = tf.tidy(() => model.forward(tf.tensor2d(ids, [1, ids.length], 'int32')).logits.dataSync() as Float32Array);
    const flat = (rows: Float32Array[]) => Float32Array.from(rows.flatMap((r) => Array.from(r)));
    expect(maxRelErr(flat(cached), flat(uncached))).toBeLessThan(1e-5);
    expect(maxRelErr(flat(cached), full)).toBeLessThan(1e-5);
    expect(Math.max(...full) - Math.min(...full)).toBeGreaterThan(1); // the logits are not flat
  });

  it('a prompt fed at once then single tokens equals feeding one by one; memory follows the formula; no tensor leaks', () => {
    const before = tf.memory().numTensors;
    const cache = new KvCache();
    cache.step(model, ids.slice(0, 8));
    expect(cache.length).toBe(8);
    let last: Float32Array = new Float32Array(0);
    for (const id of ids.slice(8, 12)) last = cache.step(model, id);
    const ref = stepwiseLogits(model, ids.slice(0, 12), { useCache: false })[11];
    expect(maxRelErr(last, ref)).toBeLessThan(1e-5);
    expect(cache.bytes).toBe(kvCacheBytes({ layers: 2, kvHeads: 4, dHead: 4 }, { tokens: 12, bytes: 4 }));
    expect(() => cache.step(model, Array.from({ length: 13 }, () => 0))).toThrow(/at most contextLength = 24/);
    expect(() => cache.step(model, 23)).toThrow(/token ids in 0..22/);
    cache.dispose();
    expect(cache.bytes).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('FLOP counts', () => {
  const shape = { layers: 2, dModel: 8, ffDim: 32, vocabSize: 10 };
  it('one forward pass by hand', () => {
    // 2 layers x (2*3*256 = 1536 projections + 2*3*2*256 = 3072 MLP + 4*3*5*8 = 480 attention) + 2*3*8*10 = 480
    expect(forwardFlops(shape, 3, 2)).toBe(2 * (1536 + 3072 + 480) + 480);
  });
  it('generation: equal for one new token, the cache wins by a growing factor', () => {
    expect(generationFlops(shape, 5, 1, true)).toBe(generationFlops(shape, 5, 1, false));
    const ratio = (n: number) => generationFlops(shape, 1, n, false) / generationFlops(shape, 1, n, true);
    expect(ratio(16)).toBeGreaterThan(5);
    expect(ratio(64)).toBeGreaterThan(ratio(16));
    expect(() => generationFlops(shape, 0, 3, true)).toThrow(RangeError);
  });
});
