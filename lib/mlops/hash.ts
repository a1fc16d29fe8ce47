// SHA-256 fingerprints of bytes, typed arrays, tfjs tensors, a model's weights and files: the identity of data and models.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type * as tf from '@tensorflow/tfjs';

type Typed = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array | Uint8ClampedArray;

function isTyped(x: unknown): x is Typed {
  return ArrayBuffer.isView(x) && !(x instanceof DataView) && !(x instanceof BigInt64Array) && !(x instanceof BigUint64Array);
}

/** The bytes of a typed array's view, in the machine's (little-endian on every platform Node supports) order. */
function bytesOf(a: Typed): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** Hex SHA-256 of raw bytes. */
export function sha256Bytes(bytes: Uint8Array | ArrayBuffer): string {
  return createHash('sha256').update(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes).digest('hex');
}

/**
 * Hex SHA-256 of a typed array's values together with its element type, so a Float32Array and a Float64Array
 * holding the same numbers hash differently (they are different data on disk).
 */
export function hashTypedArray(a: Typed): string {
  if (!isTyped(a)) throw new TypeError(`hashTypedArray: expected a typed array such as Float32Array, got ${a === null ? 'null' : typeof a}`);
  return createHash('sha256').update(`${a.constructor.name}:${a.length}:`).update(bytesOf(a)).digest('hex');
}

/** Hex SHA-256 of a tensor's dtype, shape and values (reads the values synchronously). */
export function hashTensor(t: tf.Tensor): string {
  if (t === null || typeof t !== 'object' || typeof (t as Partial<tf.Tensor>).dataSync !== 'function') {
    throw new TypeError('hashTensor: expected a tfjs Tensor');
  }
  const values = t.dataSync();
  if (!isTyped(values)) throw new TypeError(`hashTensor: string tensors are not supported, got dtype ${t.dtype}`);
  return createHash('sha256').update(`${t.dtype}[${t.shape.join(',')}]:`).update(bytesOf(values)).digest('hex');
}

/**
 * Hex SHA-256 over every weight of a model, in order, each with its dtype, shape and values: two models with
 * the same architecture and this hash equal are bit-identical. Variable names are left out on purpose: tfjs
 * makes them unique per process (dense_Dense1, dense_Dense2, ...), so the same model built twice gets new names.
 */
export function hashWeights(model: { weights: { read(): tf.Tensor }[] } | tf.LayersModel): string {
  const weights = (model as { weights?: unknown }).weights;
  if (!Array.isArray(weights)) throw new TypeError('hashWeights: expected a tfjs model with a weights array');
  const h = createHash('sha256');
  (weights as { read(): tf.Tensor }[]).forEach((w, i) => h.update(`${i}:${hashTensor(w.read())}\n`));
  return h.digest('hex');
}

/** Hex SHA-256 of a file's bytes. */
export function hashFile(path: string): string {
  if (typeof path !== 'string') throw new TypeError(`hashFile: expected a path string, got ${typeof path}`);
  return sha256Bytes(readFileSync(path));
}
