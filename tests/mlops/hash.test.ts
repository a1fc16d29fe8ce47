// Tests for lib/mlops/hash: SHA-256 against the FIPS 180-2 test vector, dtype/shape sensitivity, files, model weights.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { hashFile, hashTensor, hashTypedArray, hashWeights, sha256Bytes } from '../../lib/mlops/hash';

const dir = mkdtempSync(path.join(tmpdir(), 'hash-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hashes', () => {
  it('sha256 of "abc" is the FIPS 180-2 test vector', () => {
    expect(sha256Bytes(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Bytes(new TextEncoder().encode('abc').buffer as ArrayBuffer)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('typed arrays: same values same hash; dtype, a view offset and one bit matter', () => {
    const a = Float32Array.from([1, 2, 3]);
    expect(hashTypedArray(a)).toBe(hashTypedArray(Float32Array.from([1, 2, 3])));
    expect(hashTypedArray(a)).not.toBe(hashTypedArray(Float64Array.from([1, 2, 3])));
    expect(hashTypedArray(Float32Array.from([0, 1, 2, 3]).subarray(1))).toBe(hashTypedArray(a));
    const b = Float32Array.from([1, 2, 3]);
    new Uint8Array(b.buffer)[0] ^= 1;
    expect(hashTypedArray(b)).not.toBe(hashTypedArray(a));
    expect(() => hashTypedArray([1, 2] as unknown as Float32Array)).toThrow(TypeError);
  });
  it('tensors: shape and dtype are part of the identity', () => {
    const t1 = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const t2 = tf.tensor2d([1, 2, 3, 4], [4, 1]);
    expect(hashTensor(t1)).not.toBe(hashTensor(t2));
    expect(hashTensor(t1)).toBe(hashTensor(tf.tensor2d([[1, 2], [3, 4]])));
    expect(() => hashTensor({} as tf.Tensor)).toThrow(TypeError);
    tf.dispose([t1, t2]);
  });
  it('files', () => {
    const f = path.join(dir, 'x.bin');
    writeFileSync(f, 'abc');
    expect(hashFile(f)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('weights: equal after setWeights, different after a change, independent of variable names', () => {
    const make = () => tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2], kernelInitializer: 'glorotUniform' })] });
    const m1 = make(), m2 = make();
    expect(hashWeights(m1)).not.toBe(hashWeights(m2)); // different random init
    m2.setWeights(m1.getWeights());
    expect(m2.weights[0].name).not.toBe(m1.weights[0].name);
    expect(hashWeights(m2)).toBe(hashWeights(m1));
    m2.setWeights([tf.zeros([2, 3]), tf.zeros([3])]);
    expect(hashWeights(m2)).not.toBe(hashWeights(m1));
    expect(() => hashWeights({} as tf.LayersModel)).toThrow(TypeError);
  });
});
