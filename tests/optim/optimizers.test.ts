// Tests for lib/optim/{sgd,momentum,rmsprop,adam,adagrad}: step by step against the tf.train optimizer with the same
// hyperparameters (a shared seeded gradient sequence fed to both, and closed-loop minimisation of a quadratic; tfjs runs in
// float32, so 1e-5 relative to the largest parameter), hand-computed first steps (1e-15), and error paths.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { SGD } from '../../lib/optim/sgd';
import { Momentum } from '../../lib/optim/momentum';
import { RMSProp } from '../../lib/optim/rmsprop';
import { Adam } from '../../lib/optim/adam';
import { Adagrad } from '../../lib/optim/adagrad';
import { optimizePath, type Optimizer } from '../../lib/optim/optimizer';
import { quadratic } from '../../lib/optim/test-functions';
import { gradientSequence, relErr, tfjsApply, tfjsMinimizeQuadratic } from './reference';

await tf.setBackend('cpu');

interface Case { label: string; mine: () => Optimizer; ref: () => tf.Optimizer }
const cases: Case[] = [
  { label: 'SGD lr 0.1', mine: () => new SGD({ learningRate: 0.1 }), ref: () => tf.train.sgd(0.1) },
  { label: 'momentum lr 0.05 mu 0.9', mine: () => new Momentum({ learningRate: 0.05, momentum: 0.9 }), ref: () => tf.train.momentum(0.05, 0.9) },
  { label: 'Nesterov lr 0.05 mu 0.9', mine: () => new Momentum({ learningRate: 0.05, momentum: 0.9, nesterov: true }), ref: () => tf.train.momentum(0.05, 0.9, true) },
  { label: 'RMSProp lr 0.01 decay 0.9', mine: () => new RMSProp({ learningRate: 0.01, decay: 0.9 }), ref: () => tf.train.rmsprop(0.01, 0.9) },
  { label: 'RMSProp lr 0.01 decay 0.8 momentum 0.5 eps 1e-4', mine: () => new RMSProp({ learningRate: 0.01, decay: 0.8, momentum: 0.5, epsilon: 1e-4 }), ref: () => tf.train.rmsprop(0.01, 0.8, 0.5, 1e-4) },
  { label: 'Adam lr 0.01 (0.9, 0.999)', mine: () => new Adam({ learningRate: 0.01 }), ref: () => tf.train.adam(0.01, 0.9, 0.999) },
  { label: 'Adam lr 0.05 (0.8, 0.99) eps 1e-3', mine: () => new Adam({ learningRate: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1e-3 }), ref: () => tf.train.adam(0.05, 0.8, 0.99, 1e-3) },
  { label: 'Adagrad lr 0.1 acc0 0.1', mine: () => new Adagrad({ learningRate: 0.1 }), ref: () => tf.train.adagrad(0.1, 0.1) },
];

describe('each optimizer against its tf.train counterpart (float32 reference, 1e-5 relative)', () => {
  for (const c of cases) {
    it(`${c.label}: the same 40 gradients give the same parameters after every step`, () => {
      const { x0, grads } = gradientSequence(7, 12, 40);
      const ref = tfjsApply(c.ref(), x0, grads);
      const opt = c.mine();
      const x = x0.slice();
      let worst = 0;
      grads.forEach((g, t) => {
        opt.step(x, g);
        worst = Math.max(worst, relErr(x, ref[t]));
      });
      expect(opt.iterations).toBe(40);
      expect(worst).toBeLessThan(1e-5);
    });

    it(`${c.label}: minimising an ill-conditioned quadratic gives the same 60 iterates`, () => {
      const h = [1, 4, 10], centre = [1, -2, 0.5];
      const x0 = Float64Array.from([Math.fround(-1.5), Math.fround(2), Math.fround(1.25)]);
      const ref = tfjsMinimizeQuadratic(c.ref(), h, centre, x0, 60);
      const { path } = optimizePath(c.mine(), quadratic(h, centre), x0, { steps: 60 });
      let worst = 0;
      for (let t = 0; t < 60; t++) worst = Math.max(worst, relErr(path.data.subarray((t + 1) * 3, (t + 2) * 3), ref[t]));
      expect(worst).toBeLessThan(1e-5);
    });
  }
});

describe('hand-computed steps (double precision, 1e-15)', () => {
  it('SGD: x - lr g', () => {
    const x = Float64Array.from([1, -2]);
    new SGD({ learningRate: 0.5 }).step(x, Float64Array.from([2, 4]));
    expect(Array.from(x)).toEqual([0, -4]);
  });

  it('momentum: v1 = g1, v2 = mu g1 + g2; Nesterov adds mu v to the step', () => {
    const m = new Momentum({ learningRate: 0.1, momentum: 0.5 });
    const x = Float64Array.from([0]);
    m.step(x, Float64Array.from([1])); // v = 1, x = -0.1
    m.step(x, Float64Array.from([2])); // v = 2.5, x = -0.35
    expect(x[0]).toBeCloseTo(-0.35, 15);
    const n = new Momentum({ learningRate: 0.1, momentum: 0.5, nesterov: true });
    const y = Float64Array.from([0]);
    n.step(y, Float64Array.from([1])); // v = 1, step = 0.1 (1 + 0.5) -> -0.15
    n.step(y, Float64Array.from([2])); // v = 2.5, step = 0.1 (2 + 1.25) -> -0.475
    expect(y[0]).toBeCloseTo(-0.475, 15);
  });

  it('RMSProp: first step is lr g / sqrt((1 - rho) g^2 + eps)', () => {
    const r = new RMSProp({ learningRate: 0.01, decay: 0.9, epsilon: 0 });
    const x = Float64Array.from([0, 0]);
    r.step(x, Float64Array.from([3, -0.001]));
    // sqrt(0.1) scaling: the step is lr / sqrt(0.1) in magnitude whatever the size of g
    expect(x[0]).toBeCloseTo(-0.01 / Math.sqrt(0.1), 15);
    expect(x[1]).toBeCloseTo(0.01 / Math.sqrt(0.1), 15);
  });

  it('Adam: bias correction makes the first step lr * g / (|g| + eps), about lr in size', () => {
    const a = new Adam({ learningRate: 0.1, epsilon: 0 });
    const x = Float64Array.from([1, 1]);
    a.step(x, Float64Array.from([1e-3, -50]));
    expect(x[0]).toBeCloseTo(0.9, 15);
    expect(x[1]).toBeCloseTo(1.1, 15);
    // without the correction the step would be lr * (1 - b1) g / sqrt((1 - b2) g^2) = 0.1 * 0.1 / sqrt(0.001) = 0.316 = 3.16 lr
    expect(a.firstMoment[1]).toBeCloseTo(-5, 12);
    expect(a.secondMoment[1]).toBeCloseTo(2.5, 12);
  });

  it('Adagrad: the accumulator starts at initialAccumulatorValue and only grows', () => {
    const a = new Adagrad({ learningRate: 1, initialAccumulatorValue: 0, epsilon: 0 });
    const x = Float64Array.from([0]);
    a.step(x, Float64Array.from([3])); // G = 9, step 1
    a.step(x, Float64Array.from([4])); // G = 25, step 4/5
    expect(x[0]).toBeCloseTo(-1.8, 15);
  });

  it('reset() forgets the state: the same run twice gives the same result', () => {
    const a = new Adam({ learningRate: 0.1 });
    const run = () => {
      const x = Float64Array.from([1, 2]);
      for (let t = 0; t < 5; t++) a.step(x, Float64Array.from([x[0], 3 * x[1]]));
      return Array.from(x);
    };
    const first = run();
    a.reset();
    expect(a.iterations).toBe(0);
    expect(run()).toEqual(first);
  });

  it('learningRate can be changed between steps (schedules)', () => {
    const s = new SGD({ learningRate: 1 });
    const x = Float64Array.from([0]);
    s.step(x, Float64Array.from([1]));
    s.learningRate = 0.25;
    s.step(x, Float64Array.from([1]));
    expect(x[0]).toBe(-1.25);
  });
});

describe('error paths', () => {
  const makers: [string, () => Optimizer][] = [
    ['SGD', () => new SGD()], ['Momentum', () => new Momentum()], ['RMSProp', () => new RMSProp()], ['Adam', () => new Adam()], ['Adagrad', () => new Adagrad()],
  ];
  for (const [name, make] of makers) {
    it(`${name}: wrong kinds, lengths, NaN`, () => {
      const o = make();
      expect(() => o.step([1, 2] as unknown as Float64Array, new Float64Array(2))).toThrow(TypeError);
      expect(() => o.step(new Float64Array(2), new Float32Array(2) as unknown as Float64Array)).toThrow(TypeError);
      expect(() => o.step(new Float64Array(0), new Float64Array(0))).toThrow(/at least 1 parameter/);
      expect(() => o.step(new Float64Array(2), new Float64Array(3))).toThrow(/expected grads of length 2/);
      expect(() => o.step(new Float64Array(2), Float64Array.from([1, NaN]))).toThrow(/finite gradients, got NaN at index 1/);
      o.step(new Float64Array(2), new Float64Array(2));
      expect(() => o.step(new Float64Array(3), new Float64Array(3))).toThrow(/expected 2 parameters/);
      expect(() => { o.learningRate = -1; }).toThrow(RangeError);
      expect(() => { o.learningRate = NaN; }).toThrow(TypeError);
    });
  }

  it('bad options', () => {
    expect(() => new SGD({ learningRate: -0.1 })).toThrow(/learningRate >= 0/);
    expect(() => new SGD({ lr: 0.1 } as never)).toThrow(/unknown option "lr"/);
    expect(() => new Momentum({ momentum: 1 })).toThrow(/momentum < 1/);
    expect(() => new Momentum({ nesterov: 'yes' as never })).toThrow(TypeError);
    expect(() => new RMSProp({ decay: 1 })).toThrow(/decay < 1/);
    expect(() => new RMSProp({ epsilon: -1 })).toThrow(/epsilon >= 0/);
    expect(() => new Adam({ beta1: 1 })).toThrow(/beta1 < 1/);
    expect(() => new Adam({ beta2: -0.1 })).toThrow(/beta2 >= 0/);
    expect(() => new Adagrad({ initialAccumulatorValue: -1 })).toThrow(RangeError);
  });
});
