// Tests for lib/tfjs/matmul: values equal tf.matMul (1e-6 relative) and gradients equal tf.matMul's autodiff (1e-5
// relative) for 2-D and batched 4-D operands, on the cpu and wasm backends; bad shapes are rejected.
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { matMulFast, swapLastAxes } from '../../lib/tfjs/matmul';

function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0, den = 0;
  for (let i = 0; i < a.length; i++) { num = Math.max(num, Math.abs(a[i] - b[i])); den = Math.max(den, Math.abs(b[i])); }
  return num / den;
}

const cases: { name: string; a: number[]; b: number[] }[] = [
  { name: '2-D 37 x 19 times 19 x 23', a: [37, 19], b: [19, 23] },
  { name: 'batched [3, 2, 17, 8] x [3, 2, 8, 17]', a: [3, 2, 17, 8], b: [3, 2, 8, 17] },
];

describe.each(['cpu', 'wasm'])('matMulFast on %s', (backend) => {
  it('sets the backend', async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });
  for (const c of cases) {
    it(`${c.name}: value and both gradients equal tf.matMul's`, () => {
      const a = tf.randomNormal(c.a, 0, 1, 'float32', 1), b = tf.randomNormal(c.b, 0, 1, 'float32', 2);
      const weight = tf.randomNormal([...c.a.slice(0, -1), c.b.at(-1)!], 0, 1, 'float32', 3); // a non-uniform upstream gradient
      const loss = (f: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor) => (x: tf.Tensor, y: tf.Tensor) => f(x, y).mul(weight).sum();
      const [ga, gb] = tf.grads(loss(matMulFast))([a, b]);
      const [ra, rb] = tf.grads(loss((x, y) => tf.matMul(x, y)))([a, b]);
      expect(maxRelErr(matMulFast(a, b).dataSync(), tf.matMul(a, b).dataSync())).toBeLessThan(1e-6);
      expect(maxRelErr(ga.dataSync(), ra.dataSync())).toBeLessThan(1e-5);
      expect(maxRelErr(gb.dataSync(), rb.dataSync())).toBeLessThan(1e-5);
      expect(ga.shape).toEqual(c.a);
      expect(gb.shape).toEqual(c.b);
    });
  }
  it('swapLastAxes transposes the last two axes', () => {
    const x = tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [2, 2, 3]);
    expect(Array.from(swapLastAxes(x).dataSync())).toEqual([1, 4, 2, 5, 3, 6, 7, 10, 8, 11, 9, 12]);
    expect(() => swapLastAxes(tf.tensor1d([1, 2]))).toThrow(RangeError);
  });
  it('rejects mismatched shapes with the shapes in the message', () => {
    expect(() => matMulFast(tf.zeros([2, 3]), tf.zeros([4, 5]))).toThrow(/\[2, 3\] x \[4, 5\]/);
    expect(() => matMulFast(tf.zeros([2, 3]), tf.zeros([1, 3, 5]))).toThrow(RangeError);
  });
});

afterAll(async () => {
  await tf.setBackend('cpu');
});
