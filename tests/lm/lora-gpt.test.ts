// LoRA on the tiny GPT: zero adapters reproduce the base model's logits exactly, the merged model's logits equal the
// adapter form (1e-5 absolute, float32), parameter counts, and training the adapters leaves the base weights unchanged.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { Gpt } from '../../lib/lm/gpt';
import { trainGpt } from '../../lib/lm/gpt-train';
import { LoraGpt, cloneGpt } from '../../lib/lm/lora-gpt';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const config = { vocabSize: 11, contextLength: 8, dModel: 16, heads: 2, layers: 2, seed: 3 };
const ids = () => tf.tensor2d([[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 0, 1]], [2, 6], 'int32');
const logits = (m: Gpt) => tf.tidy(() => m.forward(ids()).logits.dataSync() as Float32Array);
const maxAbs = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('LoraGpt', () => {
  it('fresh adapters (U = 0) give exactly the base logits; counts are layers x targets x 2 r d', () => {
    const base = new Gpt(config);
    const lora = new LoraGpt(base, { rank: 4, seed: 1 });
    expect(maxAbs(logits(lora.model), logits(base))).toBe(0);
    expect(lora.trainableParams()).toBe(2 * 2 * 2 * 4 * 16);
    expect(new LoraGpt(base, { rank: 1, targets: ['wq', 'wk', 'wv', 'wo'] }).trainableParams()).toBe(2 * 4 * 2 * 16);
    // a cached forward through the adapter view still matches the full pass (the override keeps the past hook)
    const full = tf.tidy(() => lora.model.forward(ids()).logits.slice([0, 5, 0], [2, 1, 11]).dataSync() as Float32Array);
    const cached = tf.tidy(() => {
      const first = lora.model.forward(ids().slice([0, 0], [2, 5]) as tf.Tensor2D);
      return lora.model.forward(ids().slice([0, 5], [2, 1]) as tf.Tensor2D, { past: first.present }).logits.dataSync() as Float32Array;
    });
    expect(maxAbs(full, cached)).toBeLessThan(1e-5);
  });

  it('merged weights give the adapter-form logits (1e-5) and an independent model; the base is unchanged', () => {
    const base = new Gpt(config);
    const before = logits(base);
    const lora = new LoraGpt(base, { rank: 2, alpha: 4, targets: ['wq', 'wv', 'wo'], seed: 2 });
    for (const ad of lora.adapters.values()) ad.up.assign(tf.randomNormal(ad.up.shape as [number, number], 0, 0.5, 'float32', 7));
    const adapted = logits(lora.model);
    expect(maxAbs(adapted, before)).toBeGreaterThan(1e-3); // the adapters do something
    const merged = lora.merge();
    expect(maxAbs(logits(merged), adapted)).toBeLessThan(1e-5);
    expect(maxAbs(logits(base), before)).toBe(0);
    expect(merged.countParams()).toBe(base.countParams());
  });

  it('trainGpt on the adapter view updates only the adapters and lowers the loss', () => {
    const base = new Gpt(config);
    const copy = cloneGpt(base);
    expect(maxAbs(logits(copy), logits(base))).toBe(0);
    const snapshot = base.variables.map((v) => v.dataSync().slice());
    const lora = new LoraGpt(base, { rank: 2, targets: ['wv', 'wo'], seed: 4 });
    const tokens = Array.from({ length: 400 }, (_, i) => (i * 3) % 11);
    const r = trainGpt(lora.model, tokens, { steps: 40, batchSize: 4, learningRate: 5e-2, warmupSteps: 0, seed: 1, logEvery: 39 });
    expect(r.losses[r.losses.length - 1]).toBeLessThan(r.losses[0]);
    base.variables.forEach((v, i) => expect(Array.from(v.dataSync())).toEqual(Array.from(snapshot[i])));
    expect([...lora.adapters.values()].some((a) => a.up.dataSync().some((x) => x !== 0))).toBe(true);
  });

  it('rejects a non-Gpt base and unknown targets', () => {
    expect(() => new LoraGpt({} as Gpt, { rank: 1 })).toThrow(TypeError);
    expect(() => new LoraGpt(new Gpt(config), { rank: 1, targets: ['w1' as 'wq'] })).toThrow(RangeError);
  });
});
