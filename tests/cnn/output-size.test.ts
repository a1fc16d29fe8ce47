// Tests for lib/cnn/output-size: hand-computed sizes, 'same' padding against tfjs output shapes, parameter counts
// against real tfjs layers (layer.countParams()), receptive fields against a brute-force tfjs gradient footprint.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  conv2dParamCount, convOutputSize, denseParamCount, receptiveField, receptiveFieldSize, resolvePadding2d,
  samePadding, separableConv2dParamCount,
} from '../../lib/cnn/output-size';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('convOutputSize', () => {
  it('hand-computed cases of (W - F + 2P)/S + 1', () => {
    expect(convOutputSize(28, 3)).toBe(26);
    expect(convOutputSize(28, 3, 1)).toBe(28);
    expect(convOutputSize(32, 5, 2, 1)).toBe(32);
    expect(convOutputSize(227, 11, 0, 4)).toBe(55); // AlexNet conv1
    expect(convOutputSize(224, 7, 3, 2)).toBe(112); // ResNet stem
    expect(convOutputSize(7, 3, 0, 2)).toBe(3);
    expect(convOutputSize(8, 3, 0, 2)).toBe(3); // (8-3)/2 + 1 = 3.5 -> floor
    expect(convOutputSize(7, 3, 0, 1, 2)).toBe(3); // dilated 3x3 covers 5
  });

  it('matches the output shapes of tf.conv2d for every stride, padding and filter size in a grid', () => {
    for (const w of [5, 8, 11]) for (const f of [1, 2, 3, 5]) for (const s of [1, 2, 3]) for (const p of [0, 1, 2]) {
      if (f > w + 2 * p) continue;
      const y = tf.conv2d(tf.zeros([1, w, w, 1]) as tf.Tensor4D, tf.zeros([f, f, 1, 1]) as tf.Tensor4D, s, p);
      expect([w, f, s, p, convOutputSize(w, f, p, s)]).toEqual([w, f, s, p, y.shape[1]]);
      y.dispose();
    }
  });

  it('throws on a window larger than the padded input and on bad values', () => {
    expect(() => convOutputSize(3, 5)).toThrow(RangeError);
    expect(() => convOutputSize(5, 3, 0, 1, 3)).toThrow(/window \(7\)/);
    expect(() => convOutputSize(0, 1)).toThrow(RangeError);
    expect(() => convOutputSize(5, 2.5)).toThrow(RangeError);
    expect(() => convOutputSize(5, 3, -1)).toThrow(RangeError);
    expect(() => convOutputSize(Number.NaN, 3)).toThrow(TypeError);
    expect(() => convOutputSize('5' as unknown as number, 3)).toThrow(TypeError);
  });
});

describe('samePadding and resolvePadding2d', () => {
  it("'same' gives ceil(W/S) outputs and the tfjs shapes, extra padding at the end", () => {
    expect(samePadding(28, 3, 1)).toEqual({ before: 1, after: 1, outputSize: 28 });
    expect(samePadding(5, 2, 1)).toEqual({ before: 0, after: 1, outputSize: 5 });
    expect(samePadding(7, 3, 2)).toEqual({ before: 1, after: 1, outputSize: 4 });
    expect(samePadding(8, 3, 2)).toEqual({ before: 0, after: 1, outputSize: 4 });
    expect(samePadding(4, 1, 3)).toEqual({ before: 0, after: 0, outputSize: 2 });
    for (const w of [4, 7, 9]) for (const f of [1, 2, 3, 4]) for (const s of [1, 2, 3]) {
      const y = tf.conv2d(tf.zeros([1, w, w, 1]) as tf.Tensor4D, tf.zeros([f, f, 1, 1]) as tf.Tensor4D, s, 'same');
      expect(samePadding(w, f, s).outputSize).toBe(y.shape[1]);
      y.dispose();
    }
  });

  it('resolves every kind of padding', () => {
    expect(resolvePadding2d(6, 4, 3, 3, 1, 1, 'valid')).toEqual({ top: 0, bottom: 0, left: 0, right: 0, outHeight: 4, outWidth: 2 });
    expect(resolvePadding2d(6, 4, 3, 3, 1, 1, 1)).toEqual({ top: 1, bottom: 1, left: 1, right: 1, outHeight: 6, outWidth: 4 });
    expect(resolvePadding2d(6, 4, 3, 2, 2, 1, 'same')).toEqual({ top: 0, bottom: 1, left: 0, right: 1, outHeight: 3, outWidth: 4 });
    expect(resolvePadding2d(6, 4, 3, 3, 1, 1, { top: 2, bottom: 0, left: 0, right: 1 })).toEqual({ top: 2, bottom: 0, left: 0, right: 1, outHeight: 6, outWidth: 3 });
    expect(() => resolvePadding2d(2, 2, 3, 3, 1, 1, 'valid')).toThrow(RangeError);
    expect(() => resolvePadding2d(6, 6, 3, 3, 1, 1, 'full' as never)).toThrow(TypeError);
    expect(() => resolvePadding2d(6, 6, 3, 3, 1, 1, { top: -1, bottom: 0, left: 0, right: 0 })).toThrow(RangeError);
  });
});

describe('parameter counts against tfjs layers (countParams)', () => {
  it('conv2d: (F_h F_w C_in + 1) C_out, with and without bias', () => {
    for (const [f, cin, cout, bias] of [[3, 1, 8, true], [3, 8, 16, true], [5, 3, 32, false], [1, 64, 16, true]] as const) {
      const layer = tf.layers.conv2d({ filters: cout, kernelSize: f, useBias: bias });
      layer.apply(tf.input({ shape: [12, 12, cin] }));
      expect(conv2dParamCount(f, f, cin, cout, bias)).toBe(layer.countParams());
    }
    expect(conv2dParamCount(3, 3, 3, 64)).toBe(1792); // VGG conv1_1 by hand
  });

  it('dense and separable conv2d', () => {
    const dense = tf.layers.dense({ units: 10 });
    dense.apply(tf.input({ shape: [400] }));
    expect(denseParamCount(400, 10)).toBe(dense.countParams());
    expect(denseParamCount(400, 10, false)).toBe(4000);
    for (const [cin, cout, m] of [[8, 16, 1], [3, 32, 2]]) {
      const sep = tf.layers.separableConv2d({ filters: cout, kernelSize: 3, depthMultiplier: m });
      sep.apply(tf.input({ shape: [10, 10, cin] }));
      expect(separableConv2dParamCount(3, 3, cin, cout, m)).toBe(sep.countParams());
    }
  });

  it('rejects bad sizes', () => {
    expect(() => conv2dParamCount(0, 3, 1, 1)).toThrow(RangeError);
    expect(() => denseParamCount(3, 1.5)).toThrow(RangeError);
  });
});

/** A k x k filter of ones with dilation d written out densely (tfjs has no gradient for dilated conv2d). */
function dilatedOnes(k: number, d: number): tf.Tensor4D {
  const size = d * (k - 1) + 1;
  const w = new Float32Array(size * size);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) w[a * d * size + b * d] = 1;
  return tf.tensor4d(w, [size, size, 1, 1]);
}

/** Brute force: the input columns on which the centre output unit of a 1-channel tfjs stack depends (non-zero gradient). */
function footprint(layers: { kernel: number; stride?: number; dilation?: number; pool?: boolean }[], size: number): number {
  const centreUnit = (x: tf.Tensor): tf.Scalar => {
    let h = x as tf.Tensor4D;
    for (const l of layers) {
      h = l.pool
        ? tf.avgPool(h, l.kernel, l.stride ?? 1, 'valid')
        : tf.conv2d(h, dilatedOnes(l.kernel, l.dilation ?? 1), l.stride ?? 1, 'valid');
    }
    const mid = Math.floor(h.shape[1] / 2);
    return h.slice([0, mid, mid, 0], [1, 1, 1, 1]).sum() as tf.Scalar;
  };
  const g = tf.grad(centreUnit)(tf.ones([1, size, size, 1])).dataSync();
  let lo = size, hi = -1;
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) if (g[r * size + c] !== 0) { lo = Math.min(lo, c); hi = Math.max(hi, c); }
  return hi - lo + 1;
}

describe('receptiveField', () => {
  it('hand-computed: two 3x3 convs see 5x5, three see 7x7; a stride-2 pool in between doubles later growth', () => {
    expect(receptiveFieldSize([{ kernel: 3 }, { kernel: 3 }])).toBe(5);
    expect(receptiveFieldSize([{ kernel: 3 }, { kernel: 3 }, { kernel: 3 }])).toBe(7);
    expect(receptiveField([{ kernel: 3 }, { kernel: 2, stride: 2 }, { kernel: 3 }, { kernel: 2, stride: 2 }]).map((s) => [s.size, s.jump]))
      .toEqual([[3, 1], [4, 2], [8, 2], [10, 4]]);
    expect(receptiveFieldSize([])).toBe(1);
    expect(receptiveFieldSize([{ kernel: 3, dilation: 2 }])).toBe(5);
  });

  it('the recurrence and the closed form agree with the gradient footprint of real tfjs stacks', () => {
    const stacks = [
      [{ kernel: 3 }, { kernel: 3 }],
      [{ kernel: 3 }, { kernel: 2, stride: 2, pool: true }, { kernel: 3 }, { kernel: 2, stride: 2, pool: true }],
      [{ kernel: 5, stride: 2 }, { kernel: 3 }, { kernel: 3, stride: 2 }],
      [{ kernel: 3, dilation: 2 }, { kernel: 3, dilation: 4 }],
      [{ kernel: 7, stride: 2 }, { kernel: 3, stride: 2, pool: true }, { kernel: 3 }],
    ];
    for (const stack of stacks) {
      const steps = receptiveField(stack);
      const last = steps[steps.length - 1];
      const brute = footprint(stack, 41);
      expect(last.size).toBe(brute);
      expect(receptiveFieldSize(stack)).toBe(brute);
      expect(last.size).toBeLessThanOrEqual(41);
    }
  });

  it('start: with padding the first window is centred at c = sum ((k-1)/2 - p) j', () => {
    expect(receptiveField([{ kernel: 3, padding: 1 }]).at(-1)!.start).toBe(0);
    expect(receptiveField([{ kernel: 3 }, { kernel: 2, stride: 2 }]).map((s) => s.start)).toEqual([1, 1.5]);
  });

  it('rejects bad layers', () => {
    expect(() => receptiveField([{ kernel: 0 }])).toThrow(RangeError);
    expect(() => receptiveField([{ kernel: 3, stride: 1.5 }])).toThrow(RangeError);
    expect(() => receptiveField('abc' as never)).toThrow(TypeError);
    expect(() => receptiveField([null as never])).toThrow(TypeError);
  });
});
