// Tests for lib/cnn/pool: max and average pooling against tf.maxPool / tf.avgPool (float32, 1e-5 relative) over
// sizes, strides and paddings; backward passes against tf.grad (1e-5 relative); hand-computed cases incl. ties.
// tfjs 4.22's AvgPoolGrad divides by the full window size even where its forward pass averaged fewer (padded) pixels,
// so it is not the gradient of its own forward there: padded average-pooling gradients are checked against central
// finite differences of the forward pass instead (1e-8 relative; the map is linear).
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { avgPool2d, avgPool2dBackward, maxPool2d, maxPool2dBackward, type Pool2dOptions } from '../../lib/cnn/pool';
import { tensor4, type Tensor4 } from '../../lib/cnn/tensor4';
import { Rng } from '../../lib/core/random';
import { maxRelErr, randn4, toTf } from './helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const cases: { x: [number, number, number, number]; o: Partial<Pool2dOptions>; tf: [number | [number, number], number | [number, number], 'valid' | 'same' | number] }[] = [
  { x: [2, 6, 6, 3], o: { size: 2 }, tf: [2, 2, 'valid'] },
  { x: [1, 7, 7, 2], o: { size: 2 }, tf: [2, 2, 'valid'] },
  { x: [1, 7, 7, 2], o: { size: 2, padding: 'same' }, tf: [2, 2, 'same'] },
  { x: [2, 7, 8, 1], o: { size: 3, stride: 2 }, tf: [3, 2, 'valid'] },
  { x: [2, 7, 8, 2], o: { size: 3, stride: 2, padding: 'same' }, tf: [3, 2, 'same'] },
  { x: [1, 9, 9, 2], o: { size: [3, 2], stride: [1, 2], padding: 'same' }, tf: [[3, 2], [1, 2], 'same'] },
  { x: [1, 8, 8, 2], o: { size: 3, stride: 1, padding: 1 }, tf: [3, 1, 1] },
];

describe('maxPool2d', () => {
  it('hand-computed 4x4 -> 2x2 with argmax', () => {
    const x = tensor4([1, 4, 4, 1], [1, 3, 2, 1, 4, 2, 0, 5, 1, 1, 7, 8, 2, 9, 6, 1]);
    const { output, argmax } = maxPool2d(x);
    expect(Array.from(output.data)).toEqual([4, 5, 9, 8]);
    expect(Array.from(argmax)).toEqual([4, 7, 13, 11]);
  });

  it('ties: the first maximum in the window (row-major) gets the whole gradient', () => {
    const x = tensor4([1, 2, 2, 1], [2, 2, 2, 2]);
    const { output, argmax } = maxPool2d(x);
    expect(Array.from(output.data)).toEqual([2]);
    expect(Array.from(maxPool2dBackward(tensor4([1, 1, 1, 1], [5]), argmax, x.shape).data)).toEqual([5, 0, 0, 0]);
  });

  it('matches tf.maxPool and its gradient (float32, 1e-5 relative)', () => {
    const rng = new Rng(11);
    for (const c of cases) {
      const x = randn4(rng, c.x);
      const { output, argmax } = maxPool2d(x, c.o);
      const ref = tf.maxPool(toTf(x), c.tf[0], c.tf[1], c.tf[2]);
      expect(output.shape).toEqual(ref.shape);
      expect(maxRelErr(output.data, ref.dataSync())).toBeLessThan(1e-5);
      const dy = randn4(rng, output.shape as [number, number, number, number]);
      const dyT = toTf(dy);
      const g = tf.grad((a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, c.tf[0], c.tf[1], c.tf[2]).mul(dyT).sum())(toTf(x));
      expect(maxRelErr(maxPool2dBackward(dy, argmax, x.shape).data, g.dataSync())).toBeLessThan(1e-5);
    }
  });
});

describe('avgPool2d', () => {
  it('hand-computed, and same padding averages only the real pixels', () => {
    const x = tensor4([1, 3, 3, 1], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(avgPool2d(x).data)).toEqual([3]);
    expect(Array.from(avgPool2d(x, { padding: 'same' }).data)).toEqual([3, 4.5, 7.5, 9]);
  });

  it('matches tf.avgPool and its gradient (float32, 1e-5 relative)', () => {
    const rng = new Rng(12);
    for (const c of cases) {
      const x = randn4(rng, c.x);
      const y = avgPool2d(x, c.o);
      const ref = tf.avgPool(toTf(x), c.tf[0], c.tf[1], c.tf[2]);
      expect(y.shape).toEqual(ref.shape);
      expect(maxRelErr(y.data, ref.dataSync())).toBeLessThan(1e-5);
      const dy = randn4(rng, y.shape as [number, number, number, number]);
      const dyT = toTf(dy);
      const mine = avgPool2dBackward(dy, x.shape, c.o).data;
      const padded = c.o.padding !== undefined && c.o.padding !== 'valid';
      if (!padded) {
        const g = tf.grad((a: tf.Tensor) => tf.avgPool(a as tf.Tensor4D, c.tf[0], c.tf[1], c.tf[2]).mul(dyT).sum())(toTf(x));
        expect(maxRelErr(mine, g.dataSync())).toBeLessThan(1e-5);
      } else {
        const loss = (t: Tensor4) => avgPool2d(t, c.o).data.reduce((s, v, i) => s + v * dy.data[i], 0);
        const numeric = Array.from(x.data, (_, i) => {
          const p = tensor4(x.shape, x.data), m = tensor4(x.shape, x.data);
          p.data[i] += 1e-3; m.data[i] -= 1e-3;
          return (loss(p) - loss(m)) / 2e-3;
        });
        expect(maxRelErr(mine, numeric)).toBeLessThan(1e-8);
      }
    }
  });
});

describe('errors', () => {
  const x = tensor4([1, 4, 4, 1]);
  it('rejects windows larger than the input, windows in the padding, bad options and mismatched gradients', () => {
    expect(() => maxPool2d(x, { size: 5 })).toThrow(RangeError);
    expect(() => maxPool2d(x, { size: 2, padding: 3 })).toThrow(/entirely in the padding/);
    expect(() => avgPool2d(x, { size: 2, padding: 3 })).toThrow(/entirely in the padding/);
    expect(() => maxPool2d(x, { size: 0 })).toThrow(RangeError);
    expect(() => maxPool2d(x, { window: 2 } as never)).toThrow(/unknown option/);
    expect(() => maxPool2d({} as Tensor4)).toThrow(TypeError);
    expect(() => maxPool2dBackward(tensor4([1, 2, 2, 1]), new Int32Array(3), x.shape)).toThrow(RangeError);
    expect(() => maxPool2dBackward(tensor4([1, 2, 2, 1]), [0, 1, 2, 3] as never, x.shape)).toThrow(TypeError);
    expect(() => avgPool2dBackward(tensor4([1, 3, 3, 1]), x.shape)).toThrow(/dy of shape/);
  });
});
