// One-hot encoding of string categorical columns: one 0/1 column per category seen in fit (like scikit-learn's OneHotEncoder).

/** A table of categorical values: n rows, each with the same number d of string columns. */
export type CategoricalRows = ReadonlyArray<ReadonlyArray<string>>;

export interface OneHotEncoderOptions {
  /** A category not seen in fit: 'error' (default) throws, 'ignore' encodes it as all zeros. */
  handleUnknown: 'error' | 'ignore';
  /** 'none' (default) keeps every category; 'first' drops each column's first category (for unpenalised linear models). */
  drop: 'none' | 'first';
}

export const oneHotEncoderDefaults: Readonly<OneHotEncoderOptions> = { handleUnknown: 'error', drop: 'none' };

/** Checks that rows is an n x d table of strings (n >= 1, d >= 1) and returns d. */
export function checkCategoricalRows(rows: unknown, fn: string, expectedCols?: number): number {
  if (!Array.isArray(rows)) throw new TypeError(`${fn}: expected an array of rows of strings, got ${rows === null ? 'null' : typeof rows}`);
  if (rows.length === 0) throw new RangeError(`${fn}: expected at least 1 row, got 0`);
  const d = expectedCols ?? (Array.isArray(rows[0]) ? rows[0].length : -1);
  if (d < 1) throw new RangeError(`${fn}: expected rows with at least 1 column, got ${d < 0 ? 'a non-array row 0' : '0'}`);
  rows.forEach((r: unknown, i) => {
    if (!Array.isArray(r)) throw new TypeError(`${fn}: expected row ${i} to be an array of strings, got ${r === null ? 'null' : typeof r}`);
    if (r.length !== d) throw new RangeError(`${fn}: expected ${d} columns in every row, got ${r.length} in row ${i}`);
    r.forEach((v: unknown, j) => {
      if (typeof v !== 'string') throw new TypeError(`${fn}: expected strings, got ${v === null ? 'null' : typeof v} at row ${i}, column ${j} (map missing values to a category such as 'missing' first)`);
    });
  });
  return d;
}

/** Sorts strings by UTF-16 code units, as Python sorts str (and NumPy sorts object arrays of str): 'B' < 'a'. */
export function sortedCategories(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * One 0/1 indicator column per (input column, category). Categories are learned in fit and sorted (as
 * scikit-learn does), so the output column order does not depend on row order.
 *
 * @example
 * const enc = new OneHotEncoder().fit([['red', 'S'], ['blue', 'M'], ['red', 'M']]);
 * enc.featureNames(['colour', 'size']); // ['colour_blue', 'colour_red', 'size_M', 'size_S']
 * enc.transform([['blue', 'S']]).data;  // [1, 0, 0, 1]
 */
export class OneHotEncoder {
  readonly options: Readonly<OneHotEncoderOptions>;
  /** Per input column, its sorted categories (after fit). */
  categories: string[][] = [];
  private index: Map<string, number>[] = [];

  constructor(options: Partial<OneHotEncoderOptions> = {}) {
    if (typeof options !== 'object' || options === null) throw new TypeError(`expected an options object, got ${options === null ? 'null' : typeof options}`);
    const o = { ...oneHotEncoderDefaults, ...options };
    if (o.handleUnknown !== 'error' && o.handleUnknown !== 'ignore') throw new RangeError(`expected handleUnknown 'error' or 'ignore', got ${String(o.handleUnknown)}`);
    if (o.drop !== 'none' && o.drop !== 'first') throw new RangeError(`expected drop 'none' or 'first', got ${String(o.drop)}`);
    this.options = o;
  }

  /** Number of output columns (after fit). */
  get nOutputs(): number {
    const skip = this.options.drop === 'first' ? 1 : 0;
    return this.categories.reduce((s, c) => s + c.length - skip, 0);
  }

  /**
   * Learns each column's categories.
   * @param rows - n x d strings
   */
  fit(rows: CategoricalRows): this {
    const d = checkCategoricalRows(rows, 'OneHotEncoder.fit');
    this.categories = Array.from({ length: d }, (_, j) => sortedCategories(rows.map((r) => r[j])));
    this.index = this.categories.map((cats) => new Map(cats.map((c, k) => [c, k])));
    return this;
  }

  /**
   * @param rows - m x d strings, the same d as in fit
   * @returns m x nOutputs row-major 0/1 matrix, columns grouped by input column in category order
   * @throws RangeError for an unknown category when handleUnknown is 'error'
   */
  transform(rows: CategoricalRows): { rows: number; cols: number; data: Float64Array } {
    if (this.categories.length === 0) throw new Error('OneHotEncoder: call fit before transform');
    const d = checkCategoricalRows(rows, 'OneHotEncoder.transform', this.categories.length);
    const skip = this.options.drop === 'first' ? 1 : 0;
    const p = this.nOutputs;
    const out = new Float64Array(rows.length * p);
    rows.forEach((r, i) => {
      let offset = 0;
      for (let j = 0; j < d; j++) {
        const k = this.index[j].get(r[j]);
        if (k === undefined) {
          if (this.options.handleUnknown === 'error') throw new RangeError(`OneHotEncoder.transform: unknown category ${JSON.stringify(r[j])} in column ${j}, row ${i} (known: ${this.categories[j].length}); use handleUnknown: 'ignore'`);
        } else if (k >= skip) {
          out[i * p + offset + k - skip] = 1;
        }
        offset += this.categories[j].length - skip;
      }
    });
    return { rows: rows.length, cols: p, data: out };
  }

  /** fit then transform on the same rows. */
  fitTransform(rows: CategoricalRows): { rows: number; cols: number; data: Float64Array } {
    return this.fit(rows).transform(rows);
  }

  /** Output column names `<input>_<category>`, as scikit-learn's get_feature_names_out. */
  featureNames(inputNames?: ReadonlyArray<string>): string[] {
    const names = inputNames ?? this.categories.map((_, j) => `x${j}`);
    if (names.length !== this.categories.length) throw new RangeError(`expected ${this.categories.length} input names, got ${names.length}`);
    const skip = this.options.drop === 'first' ? 1 : 0;
    return this.categories.flatMap((cats, j) => cats.slice(skip).map((c) => `${names[j]}_${c}`));
  }
}
