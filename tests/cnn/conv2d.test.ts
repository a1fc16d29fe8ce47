// Tests for lib/cnn/conv2d: forward against tf.conv2d (float32, 1e-5 relative to the largest entry) over strides,
// paddings and dilations; backward against tf.grads (1e-5 relative) and central finite differences in float64
// (1e-7 relative, also for dilations that tfjs cannot differentiate); im2col x reshaped filter = conv2d (1e-12);
// a hand-computed case; error paths.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { conv2d, conv2dBackward, convGeometry, im2col, type Conv2dOptions } from '../../lib/cnn/conv2d';
import { tensor4, type Tensor4 } from '../../lib/cnn/tensor4';
import { matmul, matrix } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';
import { maxRelErr, randn4, toTf } from './helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type TfPad = 'valid' | 'same' | number | [[number, number], [number, number], [number, number], [number, number]];
function tfPad(p: Conv2dOptions['padding']): TfPad {
  if (typeof p === 'object') return [[0, 0], [p.top, p.bottom], [p.left, p.right], [0, 0]];
  return p;
}

const cases: { x: [number, number, number, number]; f: [number, number, number, number]; o: Partial<Conv2dOptions> }[] = [
  { x: [2, 7, 7, 3], f: [3, 3, 3, 4], o: {} },
  { x: [2, 7, 7, 3], f: [3, 3, 3, 4], o: { padding: 'same' } },
  { x: [1, 8, 9, 2], f: [3, 2, 2, 3], o: { stride: 2, padding: 'same' } },
  { x: [3, 9, 6, 1], f: [3, 3, 1, 2], o: { stride: 2, padding: 1 } },
  // tfjs 4.22 computes the output size for a numeric padding from the filter height and vertical stride on both axes,
  // so non-square filters or strides use the explicit form here (same meaning).
  { x: [3, 9, 6, 1], f: [5, 3, 1, 2], o: { stride: [2, 1], padding: { top: 1, bottom: 1, left: 1, right: 1 } } },
  { x: [1, 10, 10, 2], f: [4, 4, 2, 2], o: { stride: 3, padding: 'valid' } },
  { x: [2, 6, 7, 2], f: [3, 3, 2, 3], o: { padding: { top: 2, bottom: 0, left: 1, right: 2 }, stride: [1, 2] } },
  { x: [1, 5, 5, 4], f: [1, 1, 4, 6], o: {} },
];

describe('conv2d forward', () => {
  it('hand-computed 3x3 input, 2x2 filter, valid, stride 1, bias 1', () => {
    const x = tensor4([1, 3, 3, 1], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const w = tensor4([2, 2, 1, 1], [1, 0, 0, -1]);
    // each output = top-left - bottom-right of its window = -4, plus the bias 1
    expect(Array.from(conv2d(x, w, [1]).data)).toEqual([-3, -3, -3, -3]);
    const same = conv2d(x, w, undefined, { padding: 'same' }); // padding at bottom/right only
    expect(same.shape).toEqual([1, 3, 3, 1]);
    expect(Array.from(same.data)).toEqual([-4, -4, 3, -4, -4, 6, 7, 8, 9]);
  });

  it('matches tf.conv2d (float32, 1e-5 relative) over strides and paddings, with bias', () => {
    const rng = new Rng(1);
    for (const c of cases) {
      const x = randn4(rng, c.x), w = randn4(rng, c.f);
      const bias = Float64Array.from({ length: c.f[3] }, () => rng.normal());
      const mine = conv2d(x, w, bias, c.o);
      const ref = tf.tidy(() => tf.conv2d(toTf(x), toTf(w), (c.o.stride ?? 1) as [number, number], tfPad(c.o.padding ?? 'valid') as 'valid').add(tf.tensor1d(Float32Array.from(bias))));
      expect(mine.shape).toEqual(ref.shape);
      expect(maxRelErr(mine.data, ref.dataSync())).toBeLessThan(1e-5);
      ref.dispose();
    }
  });

  it('matches tf.conv2d with dilation (stride 1)', () => {
    const rng = new Rng(2);
    for (const [d, pad] of [[2, 'valid'], [2, 'same'], [3, 'valid']] as const) {
      const x = randn4(rng, [2, 11, 10, 2]), w = randn4(rng, [3, 3, 2, 3]);
      const mine = conv2d(x, w, undefined, { dilation: d, padding: pad });
      const ref = tf.conv2d(toTf(x), toTf(w), 1, pad, 'NHWC', d);
      expect(mine.shape).toEqual(ref.shape);
      expect(maxRelErr(mine.data, ref.dataSync())).toBeLessThan(1e-5);
    }
  });

  it('im2col times the reshaped filter is the convolution (1e-12)', () => {
    const rng = new Rng(3);
    for (const c of cases) {
      const x = randn4(rng, c.x), w = randn4(rng, c.f);
      const cols = im2col(x, c.f[0], c.f[1], c.o);
      const product = matmul(cols, matrix(c.f[0] * c.f[1] * c.f[2], c.f[3], w.data));
      expect(maxRelErr(product.data, conv2d(x, w, undefined, c.o).data)).toBeLessThan(1e-12);
    }
  });
});

describe('conv2dBackward', () => {
  it('matches tf.grads of sum(conv2d(x, w) * dy) (float32, 1e-5 relative)', () => {
    const rng = new Rng(4);
    for (const c of cases) {
      const x = randn4(rng, c.x), w = randn4(rng, c.f);
      const y = conv2d(x, w, undefined, c.o);
      const dy = randn4(rng, y.shape as [number, number, number, number]);
      const mine = conv2dBackward(x, w, dy, c.o);
      const dyT = toTf(dy);
      const [gx, gw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, (c.o.stride ?? 1) as [number, number], tfPad(c.o.padding ?? 'valid') as 'valid').mul(dyT).sum())([toTf(x), toTf(w)]);
      expect(maxRelErr(mine.dx.data, gx.dataSync())).toBeLessThan(1e-5);
      expect(maxRelErr(mine.dFilter.data, gw.dataSync())).toBeLessThan(1e-5);
      const dbRef = new Float64Array(c.f[3]);
      dy.data.forEach((v, i) => { dbRef[i % c.f[3]] += v; });
      expect(maxRelErr(mine.dBias, dbRef)).toBeLessThan(1e-12);
    }
  });

  it('matches central finite differences in float64, including dilation (1e-7 relative)', () => {
    const rng = new Rng(5);
    for (const o of [{ stride: 2, padding: 'same' }, { dilation: 2, padding: 1 }] as Partial<Conv2dOptions>[]) {
      const x = randn4(rng, [2, 6, 5, 2]), w = randn4(rng, [3, 2, 2, 2]);
      const bias = [0.3, -0.2];
      const y = conv2d(x, w, bias, o);
      const dy = randn4(rng, y.shape as [number, number, number, number]);
      const loss = (xx: Tensor4, ww: Tensor4, bb: number[]) => conv2d(xx, ww, bb, o).data.reduce((s, v, i) => s + v * dy.data[i], 0);
      const g = conv2dBackward(x, w, dy, o);
      const h = 1e-6;
      const numeric = (t: Tensor4, which: 'x' | 'w') => Array.from(t.data, (_, i) => {
        const p = tensor4(t.shape, t.data), m = tensor4(t.shape, t.data);
        p.data[i] += h; m.data[i] -= h;
        return which === 'x' ? (loss(p, w, bias) - loss(m, w, bias)) / (2 * h) : (loss(x, p, bias) - loss(x, m, bias)) / (2 * h);
      });
      expect(maxRelErr(g.dx.data, numeric(x, 'x'))).toBeLessThan(1e-7);
      expect(maxRelErr(g.dFilter.data, numeric(w, 'w'))).toBeLessThan(1e-7);
      const nb = [0, 1].map((k) => {
        const p = [...bias], m = [...bias];
        p[k] += h; m[k] -= h;
        return (loss(x, w, p) - loss(x, w, m)) / (2 * h);
      });
      expect(maxRelErr(g.dBias, nb)).toBeLessThan(1e-7);
    }
  });
});

describe('errors', () => {
  const x = tensor4([1, 4, 4, 2]), w = tensor4([3, 3, 2, 1]);
  it('rejects mismatched channels, bad dy, bad bias, NaN, wrong kinds and unknown options', () => {
    expect(() => conv2d(x, tensor4([3, 3, 3, 1]))).toThrow(/inChannels/);
    expect(() => conv2d(x, w, [1, 2])).toThrow(RangeError);
    expect(() => conv2dBackward(x, w, tensor4([1, 3, 3, 1]))).toThrow(/dy of shape 1 x 2 x 2 x 1/);
    expect(() => conv2d(x, tensor4([5, 5, 2, 1]))).toThrow(RangeError);
    const bad = tensor4([1, 4, 4, 2]);
    bad.data[3] = Number.POSITIVE_INFINITY;
    expect(() => conv2d(bad, w)).toThrow(/finite/);
    expect(() => tensor4([1, 2, 2, 1], [1, 2, Number.NaN, 4])).toThrow(/NaN/);
    expect(() => tensor4([1, 2, 2, 1], [1, 2, 3])).toThrow(RangeError);
    expect(() => tensor4([1, 0, 2, 1])).toThrow(RangeError);
    expect(() => conv2d({ shape: [1, 4, 4, 2], data: [0] } as unknown as Tensor4, w)).toThrow(TypeError);
    expect(() => conv2d(x, w, undefined, { strides: 2 } as never)).toThrow(/unknown option "strides"/);
    expect(() => conv2d(x, w, undefined, { stride: 0 })).toThrow(RangeError);
    expect(() => conv2d(x, w, undefined, { stride: [1, 2, 3] as never })).toThrow(TypeError);
    expect(() => convGeometry([1, 4, 4, 2], [3, 3, 2, 1], { padding: 'full' as never })).toThrow(TypeError);
  });
});
