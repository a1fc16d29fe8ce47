// Target encoding of one categorical column: each category becomes the smoothed mean target of its training rows, with out-of-fold fitting against the leak.
import { kFold, type Fold } from '../model-selection/k-fold';

export interface TargetEncoderOptions {
  /**
   * Smoothing strength m >= 0: a category with n rows and target sum S is encoded as (S + m * prior) / (n + m),
   * prior = mean of all training targets (scikit-learn's TargetEncoder(smooth=m), an m-estimate). Larger m pulls rare
   * categories harder to the prior; 0 is the raw category mean. Default 10.
   */
  smooth: number;
  /** Folds used by fitTransform's out-of-fold encodings (>= 2). Default 5, as scikit-learn's cv=5. */
  folds: number;
  /** Seed of the shuffled fold assignment in fitTransform; without one it forks from the global `seed(...)`. */
  seed: number | undefined;
}

export const targetEncoderDefaults: Readonly<TargetEncoderOptions> = { smooth: 10, folds: 5, seed: undefined };

/** Per-category statistics of a fit: encoding, row count and target sum. */
export interface TargetEncoding {
  prior: number;
  encoding: Map<string, number>;
  count: Map<string, number>;
}

function checkInputs(fn: string, categories: unknown, y?: unknown): void {
  if (!Array.isArray(categories)) throw new TypeError(`${fn}: expected an array of category strings, got ${categories === null ? 'null' : typeof categories}`);
  if (categories.length === 0) throw new RangeError(`${fn}: expected at least 1 row, got 0`);
  categories.forEach((c: unknown, i) => {
    if (typeof c !== 'string') throw new TypeError(`${fn}: expected a string category at row ${i}, got ${c === null ? 'null' : typeof c} (map missing values to a category such as 'missing' first)`);
  });
  if (y === undefined) return;
  if (!(Array.isArray(y) || ArrayBuffer.isView(y))) throw new TypeError(`${fn}: expected y to be an array of numbers`);
  const ys = y as ArrayLike<unknown>;
  if (ys.length !== categories.length) throw new RangeError(`${fn}: expected y of length ${categories.length} (one target per row), got ${ys.length}`);
  for (let i = 0; i < ys.length; i++) {
    const v = ys[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`${fn}: expected finite numeric targets, got ${String(v)} at row ${i}`);
  }
}

/**
 * The smoothed category means of one fit, (S_c + m * prior) / (n_c + m), on the given rows only.
 * @param categories - n category strings
 * @param y - n numeric targets (0/1 for a binary label: the encoding is then a smoothed rate)
 * @param rows - which rows to use (default all)
 */
export function fitTargetEncoding(categories: ReadonlyArray<string>, y: ArrayLike<number>, smooth: number, rows?: ArrayLike<number>): TargetEncoding {
  const idx = rows ?? Int32Array.from({ length: categories.length }, (_, i) => i);
  if (idx.length === 0) throw new RangeError('fitTargetEncoding: expected at least 1 training row, got 0');
  let total = 0;
  const sum = new Map<string, number>(), count = new Map<string, number>();
  for (let t = 0; t < idx.length; t++) {
    const i = idx[t], c = categories[i];
    total += y[i];
    sum.set(c, (sum.get(c) ?? 0) + y[i]);
    count.set(c, (count.get(c) ?? 0) + 1);
  }
  const prior = total / idx.length;
  const encoding = new Map<string, number>();
  for (const [c, s] of sum) {
    const n = count.get(c) as number;
    encoding.set(c, (s + smooth * prior) / (n + smooth));
  }
  return { prior, encoding, count };
}

/**
 * Target encoder for one categorical column. `fit` + `transform` on the same rows is the **naive** encoding: each
 * row's own target is inside its category's mean (for a category seen once, the encoding *is* the target), so a
 * model trained on it learns to trust the column far more than it deserves. `fitTransform` gives the training rows
 * **out-of-fold** encodings instead (each row encoded by a fit on the other folds, as scikit-learn's
 * TargetEncoder.fit_transform does), and keeps the fit on all rows for `transform` of new data.
 *
 * @example
 * const te = new TargetEncoder({ smooth: 10, seed: 1 });
 * const zTrain = te.fitTransform(trainCats, yTrain); // out-of-fold: use this to train the model
 * const zTest = te.transform(testCats);              // full-training-fit encoding; unseen categories get the prior
 */
export class TargetEncoder {
  readonly options: Readonly<TargetEncoderOptions>;
  /** Mean training target, the encoding of unseen categories (after fit). */
  prior = NaN;
  /** Category -> encoding from the fit on all training rows. */
  encoding = new Map<string, number>();
  /** The folds fitTransform used (empty until then). */
  foldsUsed: Fold[] = [];

  constructor(options: Partial<TargetEncoderOptions> = {}) {
    if (typeof options !== 'object' || options === null) throw new TypeError(`expected an options object, got ${options === null ? 'null' : typeof options}`);
    const o = { ...targetEncoderDefaults, ...options };
    if (typeof o.smooth !== 'number' || !Number.isFinite(o.smooth) || o.smooth < 0) throw new RangeError(`expected smooth >= 0, got smooth = ${String(o.smooth)}`);
    if (!Number.isInteger(o.folds) || o.folds < 2) throw new RangeError(`expected an integer folds >= 2, got folds = ${String(o.folds)}`);
    this.options = o;
  }

  /** Fits the encoding on all given rows (the naive encoding if you then transform the same rows). */
  fit(categories: ReadonlyArray<string>, y: ArrayLike<number>): this {
    checkInputs('TargetEncoder.fit', categories, y);
    const f = fitTargetEncoding(categories, y, this.options.smooth);
    this.prior = f.prior;
    this.encoding = f.encoding;
    return this;
  }

  /** Encodes categories with the fit on all training rows; unseen ones get the prior. */
  transform(categories: ReadonlyArray<string>): Float64Array {
    if (Number.isNaN(this.prior)) throw new Error('TargetEncoder: call fit or fitTransform before transform');
    checkInputs('TargetEncoder.transform', categories);
    return Float64Array.from(categories, (c) => this.encoding.get(c) ?? this.prior);
  }

  /**
   * Out-of-fold encodings of the training rows: row i is encoded by a fit on the folds that do not contain i
   * (its category's prior-smoothed mean there, or that fit's prior if the category is absent). Also fits on all
   * rows, for later `transform` calls.
   * @throws RangeError when there are fewer rows than folds
   */
  fitTransform(categories: ReadonlyArray<string>, y: ArrayLike<number>): Float64Array {
    checkInputs('TargetEncoder.fitTransform', categories, y);
    const n = categories.length, k = this.options.folds;
    if (n < k) throw new RangeError(`TargetEncoder.fitTransform: expected at least folds = ${k} rows, got ${n}`);
    this.fit(categories, y);
    this.foldsUsed = kFold(n, k, { seed: this.options.seed });
    const out = new Float64Array(n);
    for (const fold of this.foldsUsed) {
      const f = fitTargetEncoding(categories, y, this.options.smooth, fold.train);
      for (const i of fold.test) out[i] = f.encoding.get(categories[i]) ?? f.prior;
    }
    return out;
  }
}
