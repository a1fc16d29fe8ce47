// Ordinal encoding of string categorical columns: each category becomes an integer code 0..K-1 (like scikit-learn's OrdinalEncoder).
import { checkCategoricalRows, sortedCategories, type CategoricalRows } from './one-hot';

export interface OrdinalEncoderOptions {
  /**
   * Per input column, the categories in the order that gives codes 0, 1, 2, ... (a real order such as
   * ['S', 'M', 'L']); undefined (default) learns them in fit and sorts them, which is an arbitrary order.
   */
  categories: ReadonlyArray<ReadonlyArray<string>> | undefined;
  /** Code for a category unknown at transform time; undefined (default) throws. NaN is a common choice. */
  unknownValue: number | undefined;
}

export const ordinalEncoderDefaults: Readonly<OrdinalEncoderOptions> = { categories: undefined, unknownValue: undefined };

/**
 * Replaces each category by its position in the column's category list. One column in, one column out: compact,
 * and right for trees or for categories with a real order; for a linear model on unordered categories it imposes
 * a fake order and equal spacing (use one-hot).
 *
 * @example
 * new OrdinalEncoder({ categories: [['S', 'M', 'L']] }).fitTransform([['M'], ['L'], ['S']]).data; // [1, 2, 0]
 */
export class OrdinalEncoder {
  readonly options: Readonly<OrdinalEncoderOptions>;
  /** Per input column, its categories in code order (after fit). */
  categories: string[][] = [];
  private index: Map<string, number>[] = [];

  constructor(options: Partial<OrdinalEncoderOptions> = {}) {
    if (typeof options !== 'object' || options === null) throw new TypeError(`expected an options object, got ${options === null ? 'null' : typeof options}`);
    const o = { ...ordinalEncoderDefaults, ...options };
    if (o.unknownValue !== undefined && typeof o.unknownValue !== 'number') throw new TypeError(`expected a number unknownValue, got ${typeof o.unknownValue}`);
    if (o.categories !== undefined) {
      if (!Array.isArray(o.categories)) throw new TypeError('expected categories to be an array of string arrays');
      o.categories.forEach((cats, j) => {
        if (!Array.isArray(cats) || cats.some((c) => typeof c !== 'string')) throw new TypeError(`expected categories[${j}] to be an array of strings`);
        if (new Set(cats).size !== cats.length) throw new RangeError(`expected distinct categories in column ${j}, got duplicates`);
      });
    }
    this.options = o;
  }

  /**
   * Learns (or checks, when given) each column's categories.
   * @param rows - n x d strings
   * @throws RangeError when given categories miss a value present in rows
   */
  fit(rows: CategoricalRows): this {
    const d = checkCategoricalRows(rows, 'OrdinalEncoder.fit', this.options.categories?.length);
    const given = this.options.categories;
    this.categories = Array.from({ length: d }, (_, j) => {
      if (given === undefined) return sortedCategories(rows.map((r) => r[j]));
      const set = new Set(given[j]);
      rows.forEach((r, i) => {
        if (!set.has(r[j])) throw new RangeError(`OrdinalEncoder.fit: value ${JSON.stringify(r[j])} in column ${j}, row ${i} is not among the given categories`);
      });
      return [...given[j]];
    });
    this.index = this.categories.map((cats) => new Map(cats.map((c, k) => [c, k])));
    return this;
  }

  /**
   * @param rows - m x d strings
   * @returns m x d row-major codes
   * @throws RangeError for an unknown category when unknownValue is undefined
   */
  transform(rows: CategoricalRows): { rows: number; cols: number; data: Float64Array } {
    if (this.categories.length === 0) throw new Error('OrdinalEncoder: call fit before transform');
    const d = checkCategoricalRows(rows, 'OrdinalEncoder.transform', this.categories.length);
    const out = new Float64Array(rows.length * d);
    rows.forEach((r, i) => {
      for (let j = 0; j < d; j++) {
        const k = this.index[j].get(r[j]);
        if (k !== undefined) out[i * d + j] = k;
        else if (this.options.unknownValue !== undefined) out[i * d + j] = this.options.unknownValue;
        else throw new RangeError(`OrdinalEncoder.transform: unknown category ${JSON.stringify(r[j])} in column ${j}, row ${i}; set unknownValue`);
      }
    });
    return { rows: rows.length, cols: d, data: out };
  }

  /** fit then transform on the same rows. */
  fitTransform(rows: CategoricalRows): { rows: number; cols: number; data: Float64Array } {
    return this.fit(rows).transform(rows);
  }
}
