// Tests for lib/mlops/fs-handler: a real tfjs model saved and loaded bit-identically (weights hash and predictions exactly equal),
// the bytes on disk equal what tfjs hands a save handler (tf.io.withSaveHandler), atomic writes, corruption and path checks.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { fileSystemHandler, writeFileAtomic, writeJsonAtomic, type SavedModelJson } from '../../lib/mlops/fs-handler';
import { hashWeights, sha256Bytes } from '../../lib/mlops/hash';
import { Rng } from '../../lib/core/random';

const root = mkdtempSync(path.join(tmpdir(), 'fs-handler-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let model: tf.LayersModel;
let x: tf.Tensor2D;

beforeAll(async () => {
  const rng = new Rng(1);
  x = tf.tensor2d(Array.from({ length: 64 * 4 }, () => rng.normal()), [64, 4]);
  const y = tf.oneHot(tf.tensor1d(Array.from({ length: 64 }, () => rng.int(3)), 'int32'), 3);
  const m = tf.sequential({
    layers: [
      tf.layers.dense({ units: 8, activation: 'relu', inputShape: [4] }),
      tf.layers.batchNormalization(),
      tf.layers.dense({ units: 3, activation: 'softmax' }),
    ],
  });
  m.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  await m.fit(x, y, { epochs: 3, batchSize: 16, verbose: 0 });
  model = m;
});

describe('fileSystemHandler', () => {
  it('round-trips a trained model bit-identically', async () => {
    const dir = path.join(root, 'model-a');
    const result = await model.save(fileSystemHandler(dir));
    expect(result.modelArtifactsInfo.weightDataBytes).toBeGreaterThan(0);
    expect(readdirSync(dir).sort()).toEqual(['model.json', 'weights.bin']); // no temporary files left
    const loaded = await tf.loadLayersModel(fileSystemHandler(dir));
    expect(hashWeights(loaded)).toBe(hashWeights(model));
    const a = (model.predict(x) as tf.Tensor).dataSync();
    const b = (loaded.predict(x) as tf.Tensor).dataSync();
    expect(Buffer.from(b.buffer).equals(Buffer.from(a.buffer))).toBe(true);
    expect(loaded.layers.map((l) => l.getClassName())).toEqual(['Dense', 'BatchNormalization', 'Dense']);
  });

  it('writes exactly the artifacts tfjs gives a save handler, plus the weights SHA-256', async () => {
    let captured: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const dir = path.join(root, 'model-b');
    await model.save(fileSystemHandler(dir));
    const onDisk = readFileSync(path.join(dir, 'weights.bin'));
    const expected = new Uint8Array(tf.io.CompositeArrayBuffer.join(captured!.weightData!));
    expect(Buffer.from(expected).equals(onDisk)).toBe(true);
    const json = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8')) as SavedModelJson;
    expect(json.modelTopology).toEqual(captured!.modelTopology);
    expect(json.weightsManifest).toEqual([{ paths: ['weights.bin'], weights: captured!.weightSpecs }]);
    expect(json.weightsSha256).toBe(sha256Bytes(onDisk));
    expect(json.format).toBe('layers-model');
  });

  it('refuses altered weights', async () => {
    const dir = path.join(root, 'model-c');
    await model.save(fileSystemHandler(dir));
    const bytes = readFileSync(path.join(dir, 'weights.bin'));
    bytes[10] ^= 0xff;
    writeFileSync(path.join(dir, 'weights.bin'), bytes);
    await expect(tf.loadLayersModel(fileSystemHandler(dir))).rejects.toThrow(/do not match the SHA-256/);
  });

  it('reports a missing folder and a manifest path that escapes the folder', async () => {
    await expect(fileSystemHandler(path.join(root, 'nope')).load!()).rejects.toThrow(/cannot read .*model\.json/);
    const dir = path.join(root, 'model-d');
    await model.save(fileSystemHandler(dir));
    const json = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8')) as SavedModelJson;
    json.weightsManifest[0].paths = ['../../etc/passwd'];
    writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
    await expect(fileSystemHandler(dir).load!()).rejects.toThrow(/leaves/);
    expect(() => fileSystemHandler('')).toThrow(TypeError);
  });

  it('writeFileAtomic replaces content whole and leaves no temporary file', () => {
    const f = path.join(root, 'a.json');
    writeJsonAtomic(f, { a: 1 });
    writeJsonAtomic(f, { a: 2 });
    expect(JSON.parse(readFileSync(f, 'utf8'))).toEqual({ a: 2 });
    expect(readdirSync(root).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // Missing folders are created; a path through a file fails and leaves nothing behind.
    writeFileAtomic(path.join(root, 'new-dir', 'x'), 'x');
    expect(readFileSync(path.join(root, 'new-dir', 'x'), 'utf8')).toBe('x');
    expect(() => writeFileAtomic(path.join(f, 'x'), 'x')).toThrow();
    expect(existsSync(path.join(f, 'x'))).toBe(false);
  });
});
