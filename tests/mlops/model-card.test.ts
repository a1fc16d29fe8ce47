// Tests for lib/mlops/model-card: a complete card validates and round-trips through a file; each kind of defect is reported;
// library versions equal the installed package.json versions.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { libraryVersions, modelCardMarkdown, readModelCard, validateModelCard, writeModelCard, type ModelCard } from '../../lib/mlops/model-card';

const dir = mkdtempSync(path.join(tmpdir(), 'model-card-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const H = 'a'.repeat(64);

function card(): ModelCard {
  return {
    schemaVersion: 1, name: 'penguin-species', version: '1.0.0', description: 'MLP', intendedUse: 'teaching', limitations: ['three islands only'],
    data: { name: 'penguins', sha256: H, rows: 342, features: ['a', 'b'], target: 'species', split: 'stratified 75/25, seed 7' },
    training: { seed: 7, hyperparameters: { epochs: 10, optimizer: 'adam', shuffle: true } },
    metrics: { testAccuracy: 0.98 },
    artifacts: { weightsSha256: H, files: { 'model.json': H } },
    environment: { node: 'v20', platform: 'linux-x64', backend: 'wasm', libraries: { '@tensorflow/tfjs': '4.22.0' } },
  };
}

describe('model card', () => {
  it('validates and round-trips', () => {
    const f = path.join(dir, 'card.json');
    writeModelCard(f, card());
    expect(readModelCard(f)).toEqual(card());
    expect(readFileSync(f, 'utf8').endsWith('}\n')).toBe(true);
    expect(modelCardMarkdown(card())).toContain('| testAccuracy | 0.9800 |');
  });

  it('reports defects with their path', () => {
    const broken = (f: (c: ModelCard) => void) => { const c = card(); f(c); return () => validateModelCard(c); };
    expect(broken((c) => { (c as { name?: string }).name = undefined; })).toThrow(/expected name to be a non-empty string, got nothing/);
    expect(broken((c) => { c.data.sha256 = 'abc'; })).toThrow(RangeError);
    expect(broken((c) => { c.data.rows = 0; })).toThrow(/data.rows/);
    expect(broken((c) => { c.metrics = {}; })).toThrow(/at least one metric/);
    expect(broken((c) => { c.metrics.loss = Number.NaN; })).toThrow(/metrics.loss/);
    expect(broken((c) => { c.training.seed = 1.5; })).toThrow(/training.seed/);
    expect(broken((c) => { (c.training.hyperparameters as Record<string, unknown>).layers = [1]; })).toThrow(/hyperparameters.layers/);
    expect(broken((c) => { c.artifacts.files['w.bin'] = 'nothex'; })).toThrow(/artifacts.files.w.bin/);
    expect(broken((c) => { (c as { schemaVersion: number }).schemaVersion = 2; })).toThrow(RangeError);
    expect(() => validateModelCard(null)).toThrow(TypeError);
  });

  it('reads installed library versions', () => {
    const v = libraryVersions(['@tensorflow/tfjs', 'vitest']);
    const pkg = (name: string) => (JSON.parse(readFileSync(path.join('node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    expect(v).toEqual({ '@tensorflow/tfjs': pkg('@tensorflow/tfjs'), vitest: pkg('vitest') });
    expect(() => libraryVersions(['no-such-package-xyz'])).toThrow(/not installed/);
    expect(() => libraryVersions(['../etc'])).toThrow(TypeError);
  });
});
