// Tests for lib/nn/init: sample standard deviations against the closed forms (within 2% on 60,000 draws: the sampling error
// of a std is about 1/sqrt(2N) = 0.3%), uniform bounds, against tfjs's glorotUniform/heUniform initialisers (same limit,
// empirical std within 2%; tfjs's *Normal variants use an uncorrected truncated normal, so only the closed form is used
// there), seeding, and error paths.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { heNormal, heUniform, initStd, initWeights, INITS, xavierNormal, xavierUniform, type InitName } from '../../lib/nn/init';
import { Rng, seed, unseed } from '../../lib/core/random';

await tf.setBackend('cpu');

function stats(w: ArrayLike<number>): { mean: number; std: number; maxAbs: number } {
  let s = 0, s2 = 0, m = 0;
  for (let i = 0; i < w.length; i++) { s += w[i]; s2 += w[i] * w[i]; m = Math.max(m, Math.abs(w[i])); }
  const mean = s / w.length;
  return { mean, std: Math.sqrt(s2 / w.length - mean * mean), maxAbs: m };
}

const fanIn = 200, fanOut = 300;

describe('initialisers: closed-form standard deviations', () => {
  const expected: Record<InitName, number> = {
    xavierUniform: Math.sqrt(2 / 500), xavierNormal: Math.sqrt(2 / 500), heUniform: Math.sqrt(2 / 200), heNormal: Math.sqrt(2 / 200), normal: 0.01, zeros: 0,
  };
  for (const kind of INITS) {
    it(`${kind}: std = ${expected[kind].toFixed(4)} (2%), mean ~ 0`, () => {
      expect(initStd(kind, fanIn, fanOut)).toBeCloseTo(expected[kind], 15);
      const w = initWeights(kind, fanIn, fanOut, { seed: 1 });
      expect(w.length).toBe(fanIn * fanOut);
      const s = stats(w);
      if (kind === 'zeros') { expect(s.maxAbs).toBe(0); return; }
      expect(Math.abs(s.std / expected[kind] - 1)).toBeLessThan(0.02);
      expect(Math.abs(s.mean)).toBeLessThan(0.02 * expected[kind]);
      if (kind.endsWith('Uniform')) {
        expect(s.maxAbs).toBeLessThanOrEqual(expected[kind] * Math.sqrt(3));
        expect(s.maxAbs).toBeGreaterThan(0.999 * expected[kind] * Math.sqrt(3));
      }
    });
  }

  it('gain scales the std (e.g. 5/3 for tanh); std sets the plain normal', () => {
    expect(initStd('xavierNormal', 10, 10, { gain: 5 / 3 })).toBeCloseTo((5 / 3) * Math.sqrt(0.1), 15);
    expect(stats(initWeights('normal', 100, 100, { std: 0.5, seed: 3 })).std).toBeCloseTo(0.5, 1);
  });
});

describe('against tfjs initialisers (uniform variants: same limit sqrt(6/fan), std within 2%)', () => {
  const pairs: [string, (a: number, b: number) => Float64Array, { apply(shape: number[]): tf.Tensor }, number][] = [
    ['glorotUniform', (a, b) => xavierUniform(a, b, { seed: 2 }), tf.initializers.glorotUniform({ seed: 2 }), Math.sqrt(6 / (fanIn + fanOut))],
    ['heUniform', (a, b) => heUniform(a, b, { seed: 2 }), tf.initializers.heUniform({ seed: 2 }), Math.sqrt(6 / fanIn)],
  ];
  for (const [name, mine, ref, limit] of pairs) {
    it(name, () => {
      const t = ref.apply([fanIn, fanOut]);
      const r = stats(t.dataSync());
      const m = stats(mine(fanIn, fanOut));
      expect(r.maxAbs).toBeLessThanOrEqual(limit * (1 + 1e-6));
      expect(m.maxAbs).toBeLessThanOrEqual(limit);
      expect(Math.abs(m.std / r.std - 1)).toBeLessThan(0.02);
      t.dispose();
    });
  }
});

describe('seeding and buffers', () => {
  it('same seed same weights; different seeds differ; an Rng option draws from that stream; out buffers are filled', () => {
    expect(heNormal(5, 4, { seed: 9 })).toEqual(heNormal(5, 4, { seed: 9 }));
    expect(heNormal(5, 4, { seed: 9 })).not.toEqual(heNormal(5, 4, { seed: 10 }));
    const a = new Rng(4), b = new Rng(4);
    expect(xavierNormal(3, 3, { rng: a })).toEqual(xavierNormal(3, 3, { rng: b }));
    const buf = new Float64Array(20);
    expect(initWeights('heUniform', 4, 5, { seed: 1 }, buf)).toBe(buf);
    expect(buf).toEqual(heUniform(4, 5, { seed: 1 }));
    seed(11);
    const first = xavierUniform(2, 2);
    seed(11);
    expect(xavierUniform(2, 2)).toEqual(first);
    unseed();
  });

  it('error paths', () => {
    expect(() => initWeights('lecun' as InitName, 2, 2, { seed: 1 })).toThrow(/unknown initialiser "lecun"/);
    expect(() => initWeights(1 as unknown as InitName, 2, 2)).toThrow(TypeError);
    expect(() => initWeights('heNormal', 0, 2, { seed: 1 })).toThrow(/fanIn >= 1/);
    expect(() => initWeights('heNormal', 2, 1.5, { seed: 1 })).toThrow(/integer fanOut/);
    expect(() => initWeights('heNormal', 2, 2, { gain: -1, seed: 1 })).toThrow(/gain >= 0/);
    expect(() => initWeights('heNormal', 2, 2, { seed: 1 }, new Float64Array(3))).toThrow(/length fanIn x fanOut = 4/);
    expect(() => initWeights('heNormal', 2, 2, { seed: 1, mode: 'fanIn' } as never)).toThrow(/unknown option "mode"/);
    expect(() => initWeights('heNormal', 2, 2)).toThrow(/no seed set/);
  });
});
