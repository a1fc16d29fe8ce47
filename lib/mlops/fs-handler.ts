// A tfjs IOHandler that saves and loads a model as model.json + weights.bin with node:fs (no tfjs-node needed), writing atomically.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { writeFileAtomic } from '../core/atomic-write';
import { sha256Bytes } from './hash';

// Re-exported so model code finds the atomic writer next to the handler that relies on it.
export { writeFileAtomic, writeJsonAtomic } from '../core/atomic-write';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';


/** What model.json holds: the tfjs layers-model format plus the SHA-256 of the weight bytes. */
export interface SavedModelJson {
  modelTopology: {};
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  trainingConfig?: tf.io.TrainingConfig;
  signature?: {};
  userDefinedMetadata?: { [key: string]: {} };
  weightsManifest: tf.io.WeightsManifestConfig;
  /** Hex SHA-256 of the concatenated weight files, checked on load. */
  weightsSha256: string;
}

/**
 * An IOHandler for `model.save(handler)` and `tf.loadLayersModel(handler)` backed by a folder:
 * - save writes `weights.bin` (all weights, little-endian, in the order of the manifest) and then `model.json`
 *   (topology, weight manifest, training config, user metadata and the weights' SHA-256), each atomically, so a
 *   crash never leaves a model.json that points at missing weights;
 * - load reads them back, verifies the SHA-256, and hands tfjs the same artifacts.
 * The files are the format tfjs-node's `file://` handler and `tf.loadLayersModel('http://.../model.json')` use,
 * so a browser can load the folder when it is served over HTTP.
 * @param dir - folder for the model (created on save)
 */
export function fileSystemHandler(dir: string): tf.io.IOHandler {
  if (typeof dir !== 'string' || dir === '') throw new TypeError('fileSystemHandler: expected a folder path');
  const modelPath = path.join(dir, MODEL_JSON);
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer) throw new TypeError('fileSystemHandler: binary (graph-model) topologies are not supported; save a LayersModel');
      if (artifacts.modelTopology === undefined) throw new TypeError('fileSystemHandler: the artifacts have no modelTopology');
      mkdirSync(dir, { recursive: true });
      const weights = new Uint8Array(artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData));
      writeFileAtomic(path.join(dir, WEIGHTS_BIN), weights);
      const json: SavedModelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
        ...(artifacts.signature ? { signature: artifacts.signature } : {}),
        ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
        weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs ?? [] }],
        weightsSha256: sha256Bytes(weights),
      };
      writeFileAtomic(modelPath, JSON.stringify(json));
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          modelTopologyBytes: Buffer.byteLength(JSON.stringify(artifacts.modelTopology), 'utf8'),
          weightSpecsBytes: Buffer.byteLength(JSON.stringify(artifacts.weightSpecs ?? []), 'utf8'),
          weightDataBytes: weights.byteLength,
        },
      };
    },

    async load(): Promise<tf.io.ModelArtifacts> {
      let json: SavedModelJson;
      try {
        json = JSON.parse(readFileSync(modelPath, 'utf8')) as SavedModelJson;
      } catch (err) {
        throw new Error(`fileSystemHandler: cannot read ${modelPath}: ${(err as Error).message}`);
      }
      if (typeof json !== 'object' || json === null || json.modelTopology === undefined || !Array.isArray(json.weightsManifest)) {
        throw new Error(`fileSystemHandler: ${modelPath} is not a tfjs layers model (needs modelTopology and weightsManifest)`);
      }
      const parts: Uint8Array[] = [];
      const specs: tf.io.WeightsManifestEntry[] = [];
      for (const group of json.weightsManifest) {
        for (const p of group.paths) {
          if (path.isAbsolute(p) || p.split(/[\\/]/).includes('..')) throw new Error(`fileSystemHandler: weight path ${JSON.stringify(p)} leaves ${dir}`);
          parts.push(readFileSync(path.join(dir, p)));
        }
        specs.push(...group.weights);
      }
      const weights = new Uint8Array(parts.reduce((s, b) => s + b.length, 0));
      let offset = 0;
      for (const b of parts) { weights.set(b, offset); offset += b.length; }
      if (json.weightsSha256 !== undefined && sha256Bytes(weights) !== json.weightsSha256) {
        throw new Error(`fileSystemHandler: the weights in ${dir} do not match the SHA-256 recorded in ${MODEL_JSON} (altered or truncated file)`);
      }
      return tf.io.getModelArtifactsForJSON(json as tf.io.ModelJSON, async () => [specs, weights.buffer]);
    },
  };
}
