// Tests for lib/lm/samplers: hand-computed distributions (temperature, top-k, top-p, greedy), softmax against tfjs,
// sampled frequencies against the target distribution (seeded, 5 sigma), determinism and error paths.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { entropyNats, greedy, makeSampler, samplingDistribution, softmaxWithTemperature, topKFilter } from '../../lib/lm/samplers';

beforeAll(async () => { await tf.setBackend('cpu'); });

describe('samplers', () => {
  it('greedy picks the argmax, ties to the lower index', () => {
    expect(greedy([0.1, 2, -1, 2])).toBe(1);
    expect(greedy([5])).toBe(0);
  });

  it('temperature softmax: hand case and tfjs softmax(z / T)', () => {
    // logits ln 1, ln 2, ln 3 at T = 1 give 1/6, 2/6, 3/6; at T = 1/2 the probabilities square: 1/14, 4/14, 9/14.
    const z = [Math.log(1), Math.log(2), Math.log(3)];
    const p1 = softmaxWithTemperature(z, 1), p2 = softmaxWithTemperature(z, 0.5);
    [1 / 6, 2 / 6, 3 / 6].forEach((v, i) => expect(p1[i]).toBeCloseTo(v, 14));
    [1 / 14, 4 / 14, 9 / 14].forEach((v, i) => expect(p2[i]).toBeCloseTo(v, 14));
    const logits = [3.2, -1, 0.5, 2.9, 7, -4];
    for (const T of [0.3, 1, 2.5]) {
      const ref = tf.tidy(() => tf.softmax(tf.tensor1d(logits).div(T)).dataSync());
      softmaxWithTemperature(logits, T).forEach((v, i) => expect(v).toBeCloseTo(ref[i], 6));
    }
    expect(Array.from(softmaxWithTemperature([1000, 1000]))).toEqual([0.5, 0.5]);
  });

  it('entropy rises with temperature: 0 at T -> 0, log V at T -> infinity', () => {
    const logits = [2, 1, 0.5, -1];
    const hs = [0.01, 0.5, 1, 2, 100].map((T) => entropyNats(softmaxWithTemperature(logits, T)));
    for (let i = 1; i < hs.length; i++) expect(hs[i]).toBeGreaterThan(hs[i - 1]);
    expect(hs[0]).toBeLessThan(1e-10);
    expect(hs[4]).toBeCloseTo(Math.log(4), 3);
  });

  it('top-k keeps the k most probable and renormalises (hand case, ties)', () => {
    expect(Array.from(topKFilter([0.1, 0.4, 0.2, 0.3], 2))).toEqual([0, 0.4 / 0.7, 0, 0.3 / 0.7]);
    expect(Array.from(topKFilter([0.25, 0.25, 0.25, 0.25], 2))).toEqual([0.5, 0.5, 0, 0]);
    expect(Array.from(topKFilter([0.5, 0.5], 10))).toEqual([0.5, 0.5]);
  });

  it('samplingDistribution composes temperature, top-k, top-p; temperature 0 is one-hot', () => {
    const z = [Math.log(1), Math.log(2), Math.log(3), Math.log(4)]; // p = 0.1, 0.2, 0.3, 0.4
    const pk = samplingDistribution(z, { topK: 3 });
    [0, 2 / 9, 3 / 9, 4 / 9].forEach((v, i) => expect(pk[i]).toBeCloseTo(v, 14));
    const pp = samplingDistribution(z, { topP: 0.7 }); // 0.4 + 0.3 reaches 0.7
    [0, 0, 3 / 7, 4 / 7].forEach((v, i) => expect(pp[i]).toBeCloseTo(v, 14));
    const both = samplingDistribution(z, { topK: 3, topP: 0.5 }); // after top-k: 4/9, 3/9, 2/9; 4/9 < 0.5 so two kept
    [0, 0, 3 / 7, 4 / 7].forEach((v, i) => expect(both[i]).toBeCloseTo(v, 14));
    expect(Array.from(samplingDistribution(z, { temperature: 0 }))).toEqual([0, 0, 0, 1]);
  });

  it('a seeded sampler draws with the target frequencies, repeats itself, and never draws a filtered token', () => {
    const z = [Math.log(1), Math.log(2), Math.log(3), Math.log(4)];
    const draw = (seed: number) => { const s = makeSampler({ seed, topP: 0.9 }); return Array.from({ length: 20000 }, () => s(z)); };
    const a = draw(7);
    expect(draw(7)).toEqual(a);
    const counts = [0, 0, 0, 0];
    a.forEach((t) => counts[t]++);
    expect(counts[0]).toBe(0);
    [0, 2 / 9, 3 / 9, 4 / 9].forEach((p, i) => expect(Math.abs(counts[i] / 20000 - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / 20000) + 1e-12));
    expect(makeSampler({ temperature: 0 })(z)).toBe(3);
  });

  it('rejects bad input', () => {
    expect(() => softmaxWithTemperature([1, 2], 0)).toThrow(RangeError);
    expect(() => topKFilter([0.5, 0.5], 0)).toThrow(/k >= 1/);
    expect(() => greedy([])).toThrow(RangeError);
    expect(() => greedy('ab' as unknown as number[])).toThrow(TypeError);
    expect(() => makeSampler({ temperature: -1 })).toThrow(RangeError);
  });
});
