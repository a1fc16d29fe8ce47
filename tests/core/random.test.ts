import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { globalRandom, Rng, rngFrom, seed, unseed } from '../../lib/core/random';

afterEach(() => unseed());

describe('Rng', () => {
  it('gives the same stream for the same seed and different streams for different seeds', () => {
    const a = new Rng(7), b = new Rng(7), c = new Rng(8);
    const sa = Array.from({ length: 5 }, () => a.random());
    expect(Array.from({ length: 5 }, () => b.random())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.random())).not.toEqual(sa);
  });

  it('is uniform on [0, 1): mean 0.5 and variance 1/12 within 4 standard errors over 100k draws', () => {
    const r = new Rng(1);
    const n = 100_000;
    let sum = 0, sq = 0;
    for (let i = 0; i < n; i++) { const u = r.random(); expect(u >= 0 && u < 1).toBe(true); sum += u; sq += u * u; }
    const mean = sum / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it('draws normals with mean 0 and std 1 (tolerance 0.02 over 100k draws)', () => {
    const r = new Rng(2);
    const n = 100_000;
    let sum = 0, sq = 0;
    for (let i = 0; i < n; i++) { const z = r.normal(); sum += z; sq += z * z; }
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(Math.abs(Math.sqrt(sq / n) - 1)).toBeLessThan(0.02);
  });

  it('shuffles into a permutation and picks weighted indices in proportion', () => {
    const r = new Rng(3);
    const p = Array.from(r.permutation(50)).sort((x, y) => x - y);
    expect(p).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[r.weightedIndex([1, 2, 0])]++;
    expect(counts[2]).toBe(0);
    expect(counts[1] / counts[0]).toBeGreaterThan(1.9);
    expect(counts[1] / counts[0]).toBeLessThan(2.1);
  });

  it('rejects bad arguments with TypeError / RangeError', () => {
    expect(() => new Rng(Number.NaN)).toThrow(TypeError);
    expect(() => new Rng(1).int(0)).toThrow(RangeError);
    expect(() => new Rng(1).weightedIndex([0, 0])).toThrow(RangeError);
  });
});

describe('seed', () => {
  it('makes Math.random and tfjs random ops reproducible', async () => {
    await tf.setBackend('cpu');
    seed(42);
    const js1 = [Math.random(), Math.random()];
    const tf1 = Array.from(tf.randomNormal([4]).dataSync());
    const layer1 = tf.layers.dense({ units: 3, inputShape: [2] });
    const model1 = tf.sequential({ layers: [layer1] });
    const w1 = Array.from(model1.getWeights()[0].dataSync());
    seed(42);
    expect([Math.random(), Math.random()]).toEqual(js1);
    expect(Array.from(tf.randomNormal([4]).dataSync())).toEqual(tf1);
    const model2 = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2] })] });
    expect(Array.from(model2.getWeights()[0].dataSync())).toEqual(w1);
    seed(43);
    expect(Array.from(tf.randomNormal([4]).dataSync())).not.toEqual(tf1);
  });

  it('requires a seed before global randomness is used', () => {
    expect(() => globalRandom()).toThrow(/call seed/);
    expect(() => rngFrom(undefined)).toThrow(/call seed/);
    expect(rngFrom(5).random()).toBe(new Rng(5).random());
  });
});
