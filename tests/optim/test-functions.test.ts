// Tests for lib/optim/test-functions and optimizePath: gradients against central finite differences (1e-7 relative) and
// tfjs autodiff (float32, 1e-5 relative); known minima; gradient descent on a quadratic against its closed form
// x_t = c + (1 - lr h)^t (x0 - c) (1e-12); error paths.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { beale, evaluateGrid, quadratic, rosenbrock } from '../../lib/optim/test-functions';
import { optimizePath } from '../../lib/optim/optimizer';
import { SGD } from '../../lib/optim/sgd';
import { Adam } from '../../lib/optim/adam';
import type { Objective } from '../../lib/optim/optimizer';
import { relErr } from './reference';

await tf.setBackend('cpu');

function fdGrad(f: Objective, x: Float64Array, h = 1e-6): Float64Array {
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const xp = x.slice(), xm = x.slice();
    xp[i] += h; xm[i] -= h;
    g[i] = (f.value(xp) - f.value(xm)) / (2 * h);
  }
  return g;
}

const points = [[-1.2, 1], [0.5, -0.3], [2, 3.5]].map((p) => Float64Array.from(p.map(Math.fround)));

describe('test functions', () => {
  const tfForms: [string, Objective, (x: tf.Tensor1D) => tf.Scalar][] = [
    ['rosenbrock', rosenbrock(), (v) => {
      const x = v.gather(0), y = v.gather(1);
      return tf.add(tf.square(tf.sub(1, x)), tf.mul(100, tf.square(tf.sub(y, tf.square(x))))) as tf.Scalar;
    }],
    ['beale', beale(), (v) => {
      const x = v.gather(0), y = v.gather(1);
      const t = (c: number, k: number) => tf.square(tf.add(tf.sub(c, x), tf.mul(x, tf.pow(y, k))));
      return tf.addN([t(1.5, 1), t(2.25, 2), t(2.625, 3)]) as tf.Scalar;
    }],
    ['quadratic h = (1, 20)', quadratic([1, 20], [0.5, -1]), (v) =>
      tf.mul(0.5, tf.sum(tf.mul(tf.tensor1d([1, 20]), tf.square(tf.sub(v, tf.tensor1d([0.5, -1])))))) as tf.Scalar],
  ];
  for (const [name, f, tfF] of tfForms) {
    it(`${name}: gradient matches finite differences (1e-7) and tf.grad (1e-5)`, () => {
      for (const p of points) {
        const g = f.gradient(p, new Float64Array(2));
        expect(relErr(g, fdGrad(f, p))).toBeLessThan(1e-7);
        const gt = tf.grad((v: tf.Tensor) => tfF(v as tf.Tensor1D))(tf.tensor1d(Array.from(p)));
        const ref = Float64Array.from(gt.dataSync());
        gt.dispose();
        expect(relErr(g, ref)).toBeLessThan(1e-5);
        const val = tfF(tf.tensor1d(Array.from(p))).dataSync()[0];
        expect(Math.abs(f.value(p) - val) / Math.abs(val)).toBeLessThan(1e-5);
      }
    });
  }

  it('known minima have value 0 and gradient 0', () => {
    expect(rosenbrock().value(Float64Array.from([1, 1]))).toBe(0);
    expect(rosenbrock({ a: 2, b: 10 }).value(Float64Array.from([2, 4]))).toBe(0);
    expect(beale().value(Float64Array.from([3, 0.5]))).toBe(0);
    expect(Array.from(beale().gradient(Float64Array.from([3, 0.5]), new Float64Array(2)), Math.abs)).toEqual([0, 0]);
  });

  it('evaluateGrid: rows are y, columns x; log10 offset', () => {
    const z = evaluateGrid(quadratic([2, 2]), [0, 1, 2], [0, 1]);
    expect(z).toEqual([[0, 1, 4], [1, 2, 5]]);
    expect(evaluateGrid(quadratic([2, 2]), [1], [0], { log10Offset: 9 })[0][0]).toBeCloseTo(1, 15);
    expect(() => evaluateGrid(quadratic([1, 1, 1]), [0], [0])).toThrow(/2-D objective/);
  });

  it('bad inputs', () => {
    expect(() => quadratic([])).toThrow(RangeError);
    expect(() => quadratic([1, 0])).toThrow(/curvatures > 0/);
    expect(() => quadratic([1, 2], [0])).toThrow(RangeError);
    expect(() => quadratic('ab' as never)).toThrow(TypeError);
    expect(() => rosenbrock({ c: 1 } as never)).toThrow(/unknown option/);
  });
});

describe('optimizePath', () => {
  it('gradient descent on a quadratic follows x_t = c + (1 - lr h)^t (x0 - c) (1e-12)', () => {
    const h = [1, 10], c = [2, -1], lr = 0.15;
    const { path, values } = optimizePath(new SGD({ learningRate: lr }), quadratic(h, c), [0, 0], { steps: 30 });
    expect(path.rows).toBe(31);
    for (let t = 0; t <= 30; t++) {
      for (let i = 0; i < 2; i++) expect(path.data[t * 2 + i]).toBeCloseTo(c[i] + Math.pow(1 - lr * h[i], t) * (0 - c[i]), 12);
    }
    expect(values[0]).toBe(0.5 * (1 * 4 + 10 * 1));
  });

  it('a schedule sets the learning rate before each step; divergence stops the run', () => {
    const lrs: number[] = [];
    const opt = new SGD({ learningRate: 1 });
    optimizePath(opt, quadratic([1]), [1], { steps: 3, schedule: (t) => { lrs.push(t); return 0.1 * (t + 1); } });
    expect(lrs).toEqual([0, 1, 2]);
    expect(opt.learningRate).toBeCloseTo(0.3, 15);
    const blown = optimizePath(new SGD({ learningRate: 3 }), quadratic([1]), [1], { steps: 100, divergeAbove: 1e6 });
    expect(blown.path.rows).toBeLessThan(100);
    expect(blown.values[blown.values.length - 1]).toBeGreaterThan(1e6);
  });

  it('Adam reaches the Rosenbrock minimum region; bad inputs throw', () => {
    const { path } = optimizePath(new Adam({ learningRate: 0.02 }), rosenbrock(), [-1.5, 2], { steps: 3000 });
    const last = path.data.subarray((path.rows - 1) * 2);
    expect(Math.abs(last[0] - 1)).toBeLessThan(0.05);
    expect(() => optimizePath(new SGD(), quadratic([1, 1]), [0], { steps: 2 })).toThrow(RangeError);
    expect(() => optimizePath(new SGD(), quadratic([1]), [NaN])).toThrow(RangeError);
    expect(() => optimizePath(new SGD(), quadratic([1]), [0], { steps: -1 })).toThrow(RangeError);
  });
});
