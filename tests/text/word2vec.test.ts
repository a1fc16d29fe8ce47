// Tests for lib/text/word2vec: the SGNS pair loss and gradients against tfjs autodiff (1e-5 relative), and training on
// a seeded two-topic corpus: the loss falls, words of a topic become each other's nearest neighbours, same seed same vectors.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../lib/core/random';
import { Word2Vec, sgnsLoss } from '../../lib/text/word2vec';

await tf.setBackend('cpu');

describe('skip-gram negative-sampling loss', () => {
  it('loss and gradients match tf.grads of -log sigma(u_o.v) - sum log sigma(-u_k.v)', () => {
    const rng = new Rng(1);
    const vec = () => Array.from({ length: 4 }, () => rng.normal());
    const v = vec(), uo = vec(), negs = [vec(), vec(), vec()];
    const ours = sgnsLoss(v, uo, negs);
    const f = (vc: tf.Tensor, uc: tf.Tensor, un: tf.Tensor) =>
      tf.softplus(uc.mul(vc).sum().neg()).add(tf.softplus(un.matMul(vc.reshape([4, 1]))).sum()) as tf.Scalar;
    const args = [tf.tensor1d(v), tf.tensor1d(uo), tf.tensor2d(negs)];
    expect(ours.loss).toBeCloseTo(f(args[0], args[1], args[2]).dataSync()[0], 5);
    const [gv, gu, gn] = tf.grads(f)(args);
    gv.dataSync().forEach((x, i) => expect(ours.gradCenter[i]).toBeCloseTo(x, 5));
    gu.dataSync().forEach((x, i) => expect(ours.gradContext[i]).toBeCloseTo(x, 5));
    gn.dataSync().forEach((x, i) => expect(ours.gradNegatives[Math.floor(i / 4)][i % 4]).toBeCloseTo(x, 5));
    expect(() => sgnsLoss([1, 2], [1], [])).toThrow(/length 2, got 1/);
  });
});

describe('Word2Vec', () => {
  // two topics whose words never share a sentence: each word's neighbours must come from its own topic
  const topics = [['whale', 'harpoon', 'boat', 'sea', 'oar', 'spout'], ['bread', 'oven', 'flour', 'yeast', 'dough', 'bake']];
  const rng = new Rng(2);
  const tokens: string[] = [];
  for (let s = 0; s < 1500; s++) {
    const t = topics[s % 2];
    for (let w = 0; w < 8; w++) tokens.push(t[rng.int(t.length)]);
  }
  it('learns topic neighbours, loss falls, deterministic under a seed', () => {
    const opts = { dim: 16, window: 3, epochs: 4, minCount: 1, subsample: 0, seed: 3 };
    const m = new Word2Vec(opts).fit(tokens);
    expect(m.vocabularySize).toBe(12);
    expect(m.lossHistory[m.lossHistory.length - 1]).toBeLessThan(m.lossHistory[0]);
    for (const t of topics) for (const w of t) {
      const near = m.mostSimilar(w, 5).map((x) => x.word);
      expect(near.every((x) => t.includes(x))).toBe(true);
    }
    expect(m.similarity('whale', 'sea')).toBeGreaterThan(m.similarity('whale', 'bread'));
    // held-out loss: below the untrained baseline (negatives + 1) ln 2, which zeroed output vectors give exactly
    const held = m.heldOutLoss(tokens.slice(0, 800), { seed: 4 });
    expect(held.loss).toBeLessThan(6 * Math.log(2));
    const untrained = new Word2Vec(opts).fit(tokens);
    untrained.outputVectors.fill(0);
    expect(untrained.heldOutLoss(tokens.slice(0, 800), { window: 2 }).loss).toBeCloseTo(6 * Math.log(2), 10); // summation rounding over ~8000 terms
    expect(untrained.heldOutLoss(['whale', 'sea', 'unknown'], { window: 1 }).pairs).toBe(2);
    expect(() => untrained.heldOutLoss(['whale'])).toThrow(/at least 2 in-vocabulary tokens/);
    const again = new Word2Vec(opts).fit(tokens);
    expect(Array.from(again.inputVectors)).toEqual(Array.from(m.inputVectors));
  });
  it('errors', () => {
    expect(() => new Word2Vec({ dim: 0 })).toThrow(/dim >= 1, got dim = 0/);
    expect(() => new Word2Vec({ minCount: 5, seed: 1 }).fit(['a', 'b'])).toThrow(/at least 2 words/);
    const m = new Word2Vec({ minCount: 1, seed: 1, epochs: 1 }).fit(['a', 'b', 'a']);
    expect(() => m.vector('zz')).toThrow(/"zz" is not in the vocabulary/);
  });
});
