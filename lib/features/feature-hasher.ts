// The hashing trick: features mapped to a fixed number of columns by MurmurHash3 with an alternating sign (like scikit-learn's FeatureHasher), and its collision rate.
import { murmurhash3 } from './murmurhash3';

export interface FeatureHasherOptions {
  /** Number of output columns m (>= 1). Default 2^20, as scikit-learn. */
  nFeatures: number;
  /** Multiply each value by the sign of its hash so collisions cancel in expectation. Default true, as scikit-learn. */
  alternateSign: boolean;
}

export const featureHasherDefaults: Readonly<FeatureHasherOptions> = { nFeatures: 2 ** 20, alternateSign: true };

/** One row for the hasher: a list of string tokens (each with value 1), or a record name -> number or string value. */
export type HashRow = ReadonlyArray<string> | Readonly<Record<string, number | string>>;

/**
 * Column and sign of a feature name: h = murmurhash3(name, 0) as int32, column |h| mod m (h = -2^31 maps to
 * (2^31 - 1 - (m - 1)) mod m, as scikit-learn does), sign +1 for h >= 0 and -1 otherwise.
 */
export function hashedColumn(name: string, nFeatures: number): { column: number; sign: number } {
  const h = murmurhash3(name, 0, true);
  const column = h === -2147483648 ? (2147483647 - (nFeatures - 1)) % nFeatures : Math.abs(h) % nFeatures;
  return { column, sign: h >= 0 ? 1 : -1 };
}

/**
 * Probability that a given one of n distinct features shares its column with at least one of the other n - 1,
 * when hashing is uniform over m columns: 1 - (1 - 1/m)^(n - 1).
 */
export function hashCollisionProbability(n: number, m: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`expected n >= 1 features, got n = ${n}`);
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`expected m >= 1 columns, got m = ${m}`);
  return 1 - (1 - 1 / m) ** (n - 1);
}

/** Expected number of occupied columns after hashing n distinct features into m: m (1 - (1 - 1/m)^n). */
export function expectedOccupiedColumns(n: number, m: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`expected n >= 0 features, got n = ${n}`);
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`expected m >= 1 columns, got m = ${m}`);
  return m * (1 - (1 - 1 / m) ** n);
}

/**
 * Stateless: nothing is fitted, new categories need no refit and no vocabulary is stored, at the price of
 * collisions (two features adding into one column). Tokens of an array row have value 1 (repeats add up); a record
 * entry name: number hashes `name` with that value, name: string hashes `name=value` with value 1 (as
 * scikit-learn's input_type 'dict').
 *
 * @example
 * new FeatureHasher({ nFeatures: 16 }).transform([['make=ford', 'origin=USA']]); // 1 x 16, two entries of ±1
 */
export class FeatureHasher {
  readonly options: Readonly<FeatureHasherOptions>;

  constructor(options: Partial<FeatureHasherOptions> = {}) {
    if (typeof options !== 'object' || options === null) throw new TypeError(`expected an options object, got ${options === null ? 'null' : typeof options}`);
    const o = { ...featureHasherDefaults, ...options };
    if (!Number.isInteger(o.nFeatures) || o.nFeatures < 1 || o.nFeatures > 2 ** 31 - 1) throw new RangeError(`expected 1 <= nFeatures <= 2^31 - 1, got nFeatures = ${String(o.nFeatures)}`);
    if (typeof o.alternateSign !== 'boolean') throw new TypeError('expected a boolean alternateSign');
    this.options = o;
  }

  /**
   * @param rows - n rows (token lists or records)
   * @returns n x nFeatures row-major dense matrix (keep nFeatures modest: it is dense)
   */
  transform(rows: ReadonlyArray<HashRow>): { rows: number; cols: number; data: Float64Array } {
    if (!Array.isArray(rows)) throw new TypeError(`FeatureHasher.transform: expected an array of rows, got ${rows === null ? 'null' : typeof rows}`);
    const m = this.options.nFeatures, n = rows.length;
    if (n * m > 2 ** 27) throw new RangeError(`FeatureHasher.transform: expected rows x nFeatures <= 2^27 for a dense output, got ${n} x ${m}`);
    const out = new Float64Array(n * m);
    rows.forEach((row, i) => {
      const add = (name: string, value: number) => {
        const { column, sign } = hashedColumn(name, m);
        out[i * m + column] += this.options.alternateSign ? sign * value : value;
      };
      if (Array.isArray(row)) {
        row.forEach((t: unknown, j) => {
          if (typeof t !== 'string') throw new TypeError(`FeatureHasher.transform: expected string tokens, got ${t === null ? 'null' : typeof t} at row ${i}, position ${j}`);
          add(t, 1);
        });
      } else if (typeof row === 'object' && row !== null) {
        for (const [name, v] of Object.entries(row)) {
          if (typeof v === 'string') add(`${name}=${v}`, 1);
          else if (typeof v === 'number' && Number.isFinite(v)) add(name, v);
          else throw new TypeError(`FeatureHasher.transform: expected a finite number or a string for ${JSON.stringify(name)} at row ${i}, got ${String(v)}`);
        }
      } else {
        throw new TypeError(`FeatureHasher.transform: expected row ${i} to be a token array or a record, got ${row === null ? 'null' : typeof row}`);
      }
    });
    return { rows: n, cols: m, data: out };
  }
}
