// A model card as JSON: what the model is for, the exact data (SHA-256), seed, hyper-parameters, metrics, artifacts and library versions; validated on write and read.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeJsonAtomic } from './fs-handler';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface ModelCard {
  schemaVersion: 1;
  name: string;
  version: string;
  description: string;
  intendedUse: string;
  limitations: string[];
  data: {
    name: string;
    /** Hex SHA-256 of the data file (or of the training matrix): the exact bytes the model learned from. */
    sha256: string;
    rows: number;
    features: string[];
    target: string;
    /** How rows were split, e.g. "stratified 75/25, seed 7". */
    split: string;
  };
  training: {
    seed: number;
    /** Everything needed to rerun the training: optimiser, learning rate, epochs, batch size, architecture summary... */
    hyperparameters: Record<string, number | string | boolean>;
  };
  /** Evaluation results on held-out data (and the baseline's, for comparison). */
  metrics: Record<string, number>;
  artifacts: {
    /** SHA-256 of the weights (lib/mlops/hash hashWeights) */
    weightsSha256: string;
    /** file name -> SHA-256 of every other saved file (model.json, weights.bin, preprocessing.json) */
    files: Record<string, string>;
  };
  environment: {
    node: string;
    platform: string;
    /** The tfjs backend the model was trained on (float results can differ in the last bits across backends). */
    backend: string;
    /** package name -> installed version */
    libraries: Record<string, string>;
  };
}

/**
 * The installed version of each package, read from its package.json under the project's node_modules.
 * @throws Error naming a package that is not installed
 */
export function libraryVersions(names: string[]): Record<string, string> {
  if (!Array.isArray(names)) throw new TypeError('libraryVersions: expected an array of package names');
  const out: Record<string, string> = {};
  for (const name of names) {
    if (typeof name !== 'string' || !/^(@[a-z0-9._-]+\/)?[a-z0-9._-]+$/i.test(name)) throw new TypeError(`libraryVersions: ${JSON.stringify(name)} is not a package name`);
    const file = path.join(REPO_ROOT, 'node_modules', ...name.split('/'), 'package.json');
    let version: unknown;
    try {
      version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
    } catch {
      throw new Error(`libraryVersions: package ${name} is not installed (no ${path.relative(REPO_ROOT, file)})`);
    }
    if (typeof version !== 'string') throw new Error(`libraryVersions: ${name}'s package.json has no version`);
    out[name] = version;
  }
  return out;
}

const HEX64 = /^[0-9a-f]{64}$/;

function fail(where: string, expected: string, got: unknown, Kind: typeof TypeError | typeof RangeError = TypeError): never {
  throw new Kind(`model card: expected ${where} to be ${expected}, got ${got === undefined ? 'nothing' : JSON.stringify(got)}`);
}
function str(v: unknown, where: string): void {
  if (typeof v !== 'string' || v.trim() === '') fail(where, 'a non-empty string', v);
}
function obj(v: unknown, where: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(where, 'an object', v);
  return v as Record<string, unknown>;
}
function hex(v: unknown, where: string): void {
  if (typeof v !== 'string') fail(where, 'a hex SHA-256 string', v);
  if (!HEX64.test(v)) fail(where, 'a hex SHA-256 (64 lowercase hex digits)', v, RangeError);
}
function strings(v: unknown, where: string): void {
  if (!Array.isArray(v)) fail(where, 'an array of strings', v);
  v.forEach((s, i) => str(s, `${where}[${i}]`));
}

/**
 * Checks that a value is a complete {@link ModelCard}: every field present, hashes are SHA-256 hex, metrics are
 * finite numbers, the seed and row count are integers.
 * @throws TypeError for a missing field or a wrong type; RangeError for a malformed hash or an out-of-range number
 */
export function validateModelCard(value: unknown): ModelCard {
  const c = obj(value, 'the card');
  if (c.schemaVersion !== 1) fail('schemaVersion', '1', c.schemaVersion, RangeError);
  for (const k of ['name', 'version', 'description', 'intendedUse'] as const) str(c[k], k);
  strings(c.limitations, 'limitations');
  const data = obj(c.data, 'data');
  for (const k of ['name', 'target', 'split'] as const) str(data[k], `data.${k}`);
  hex(data.sha256, 'data.sha256');
  if (!Number.isInteger(data.rows) || (data.rows as number) < 1) fail('data.rows', 'a positive integer', data.rows, RangeError);
  strings(data.features, 'data.features');
  const training = obj(c.training, 'training');
  if (!Number.isInteger(training.seed)) fail('training.seed', 'an integer', training.seed);
  const hp = obj(training.hyperparameters, 'training.hyperparameters');
  for (const [k, v] of Object.entries(hp)) if (!['number', 'string', 'boolean'].includes(typeof v)) fail(`training.hyperparameters.${k}`, 'a number, string or boolean', v);
  const metrics = obj(c.metrics, 'metrics');
  if (Object.keys(metrics).length === 0) fail('metrics', 'at least one metric', metrics, RangeError);
  for (const [k, v] of Object.entries(metrics)) if (typeof v !== 'number' || !Number.isFinite(v)) fail(`metrics.${k}`, 'a finite number', v);
  const artifacts = obj(c.artifacts, 'artifacts');
  hex(artifacts.weightsSha256, 'artifacts.weightsSha256');
  for (const [k, v] of Object.entries(obj(artifacts.files, 'artifacts.files'))) hex(v, `artifacts.files.${k}`);
  const env = obj(c.environment, 'environment');
  for (const k of ['node', 'platform', 'backend'] as const) str(env[k], `environment.${k}`);
  for (const [k, v] of Object.entries(obj(env.libraries, 'environment.libraries'))) str(v, `environment.libraries.${k}`);
  return value as ModelCard;
}

/** Validates and writes the card as pretty JSON, atomically. */
export function writeModelCard(file: string, card: ModelCard): void {
  writeJsonAtomic(file, validateModelCard(card));
}

/** Reads and validates a card. */
export function readModelCard(file: string): ModelCard {
  return validateModelCard(JSON.parse(readFileSync(file, 'utf8')));
}

/** The card as short Markdown for people (the JSON stays the source of truth). */
export function modelCardMarkdown(card: ModelCard): string {
  const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(4));
  const rows = (r: Record<string, string | number | boolean>) => Object.entries(r).map(([k, v]) => `| ${k} | ${typeof v === 'number' ? fmt(v) : String(v)} |`).join('\n');
  return [
    `### ${card.name} ${card.version}`,
    card.description,
    `**Intended use.** ${card.intendedUse}`,
    `**Limitations.** ${card.limitations.join(' ')}`,
    `**Data.** ${card.data.name}, ${card.data.rows} rows, features ${card.data.features.join(', ')}; target ${card.data.target}; split ${card.data.split}; sha256 \`${card.data.sha256.slice(0, 16)}...\``,
    `**Training.** seed ${card.training.seed}`,
    '| hyper-parameter | value |\n| --- | --- |\n' + rows(card.training.hyperparameters),
    '| metric | value |\n| --- | --- |\n' + rows(card.metrics),
    `**Weights.** sha256 \`${card.artifacts.weightsSha256.slice(0, 16)}...\`; backend ${card.environment.backend}; ${Object.entries(card.environment.libraries).map(([k, v]) => `${k} ${v}`).join(', ')}`,
  ].join('\n\n');
}
