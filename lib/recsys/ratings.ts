// Explicit ratings as parallel arrays (user, item, value): validation, a seeded per-user hold-out split, RMSE.
import { rngFrom } from '../core/random';
import { checkInt, checkReal, withDefaults } from '../data/check';

/** n observed ratings: `users[t]` rated `items[t]` with `values[t]`; ids in [0, nUsers) and [0, nItems). */
export interface Ratings {
  nUsers: number;
  nItems: number;
  /** shape [n], user ids */
  users: Int32Array;
  /** shape [n], item ids */
  items: Int32Array;
  /** shape [n], the ratings (or 1 for an implicit interaction) */
  values: Float64Array;
}

/**
 * Checks the shape and ids of a Ratings object (TypeError for a wrong kind, RangeError for bad ids or lengths).
 * @returns the same object
 */
export function checkRatings(fn: string, r: unknown): Ratings {
  if (typeof r !== 'object' || r === null) throw new TypeError(`${fn}: expected ratings {nUsers, nItems, users, items, values}, got ${r === null ? 'null' : typeof r}`);
  const x = r as Ratings;
  if (!(x.users instanceof Int32Array) || !(x.items instanceof Int32Array) || !(x.values instanceof Float64Array)) {
    throw new TypeError(`${fn}: expected users and items as Int32Array and values as Float64Array`);
  }
  checkInt(fn, 'nUsers', x.nUsers, 1); checkInt(fn, 'nItems', x.nItems, 1);
  const n = x.users.length;
  if (x.items.length !== n || x.values.length !== n) throw new RangeError(`${fn}: expected users, items and values of one length, got ${n}, ${x.items.length}, ${x.values.length}`);
  for (let t = 0; t < n; t++) {
    if (x.users[t] < 0 || x.users[t] >= x.nUsers) throw new RangeError(`${fn}: expected user ids < ${x.nUsers}, got users[${t}] = ${x.users[t]}`);
    if (x.items[t] < 0 || x.items[t] >= x.nItems) throw new RangeError(`${fn}: expected item ids < ${x.nItems}, got items[${t}] = ${x.items[t]}`);
    if (!Number.isFinite(x.values[t])) throw new RangeError(`${fn}: expected finite values, got values[${t}] = ${x.values[t]}`);
  }
  return x;
}

/** Builds a Ratings object from plain triples [user, item, value]. */
export function ratingsFromTriples(nUsers: number, nItems: number, triples: ReadonlyArray<readonly [number, number, number]>): Ratings {
  const r: Ratings = {
    nUsers, nItems,
    users: Int32Array.from(triples, (t) => t[0]), items: Int32Array.from(triples, (t) => t[1]), values: Float64Array.from(triples, (t) => t[2]),
  };
  return checkRatings('ratingsFromTriples', r);
}

/** The ratings at positions `idx` (a copy). */
export function subsetRatings(r: Ratings, idx: ArrayLike<number>): Ratings {
  const n = idx.length;
  const out: Ratings = { nUsers: r.nUsers, nItems: r.nItems, users: new Int32Array(n), items: new Int32Array(n), values: new Float64Array(n) };
  for (let t = 0; t < n; t++) { out.users[t] = r.users[idx[t]]; out.items[t] = r.items[idx[t]]; out.values[t] = r.values[idx[t]]; }
  return out;
}

export interface SplitOptions {
  /** share of each user's ratings held out for testing (rounded down) */
  testFraction: number;
  /** users with fewer ratings than this keep all of them in train */
  minTrain: number;
  seed?: number;
}
export const splitDefaults: Readonly<SplitOptions> = { testFraction: 0.2, minTrain: 3 };

/**
 * Per-user random hold-out: each user with at least `minTrain` + 1 ratings gives floor(testFraction n_u) of them
 * (at least 1) to the test set, so every test user is also a train user (no user cold start in the test set).
 */
export function splitByUser(r: Ratings, options: Partial<SplitOptions> = {}): { train: Ratings; test: Ratings } {
  const fn = 'splitByUser';
  checkRatings(fn, r);
  const o = withDefaults(fn, options, splitDefaults, ['seed']);
  checkReal(fn, 'testFraction', o.testFraction, { min: 0, max: 1, open: true });
  checkInt(fn, 'minTrain', o.minTrain, 1);
  const rng = rngFrom(o.seed);
  const byUser: number[][] = Array.from({ length: r.nUsers }, () => []);
  for (let t = 0; t < r.users.length; t++) byUser[r.users[t]].push(t);
  const trainIdx: number[] = [], testIdx: number[] = [];
  for (const list of byUser) {
    rng.shuffle<number, number[]>(list);
    const nTest = list.length > o.minTrain ? Math.min(list.length - o.minTrain, Math.max(1, Math.floor(o.testFraction * list.length))) : 0;
    for (let j = 0; j < list.length; j++) (j < nTest ? testIdx : trainIdx).push(list[j]);
  }
  trainIdx.sort((a, b) => a - b); testIdx.sort((a, b) => a - b);
  return { train: subsetRatings(r, trainIdx), test: subsetRatings(r, testIdx) };
}

/** Root mean squared error of `predict(user, item)` against the ratings. */
export function rmse(r: Ratings, predict: (user: number, item: number) => number): number {
  if (r.users.length === 0) throw new RangeError('rmse: expected at least 1 rating, got 0');
  let s = 0;
  for (let t = 0; t < r.users.length; t++) s += (r.values[t] - predict(r.users[t], r.items[t])) ** 2;
  return Math.sqrt(s / r.users.length);
}

/** For each user, the list of items rated (train interactions), as arrays. */
export function itemsByUser(r: Ratings): number[][] {
  const out: number[][] = Array.from({ length: r.nUsers }, () => []);
  for (let t = 0; t < r.users.length; t++) out[r.users[t]].push(r.items[t]);
  return out;
}
