// SYNTHETIC ratings: a seeded latent-factor simulator of explicit 1-5 star ratings with popularity skew and
// missing-not-at-random observation (users mostly rate what they like), plus the implied implicit interactions.
import { rngFrom } from '../core/random';
import { checkInt, checkReal, withDefaults } from '../data/check';
import type { Ratings } from './ratings';

export interface SimulateOptions {
  nUsers: number;
  nItems: number;
  /** latent dimension of the true taste vectors */
  rank: number;
  /** mean number of ratings per user (activity is geometric-like around it, at least minPerUser) */
  meanPerUser: number;
  minPerUser: number;
  /** Zipf exponent of item popularity: P(item seen) ~ (popularity rank + 1)^-popularityExponent */
  popularityExponent: number;
  /** missing-not-at-random strength: P(rated | seen) ~ exp(mnar * (true score - 3)) */
  mnar: number;
  /** std of the taste term u.v (before rounding) and of the rating noise */
  tasteStd: number;
  noiseStd: number;
  seed?: number;
}

export const simulateDefaults: Readonly<SimulateOptions> = {
  nUsers: 600, nItems: 400, rank: 4, meanPerUser: 30, minPerUser: 8,
  popularityExponent: 0.8, mnar: 1.5, tasteStd: 1.2, noiseStd: 0.4,
};

export interface SimulatedRatings {
  /** the observed 1-5 star ratings (MNAR sample) */
  ratings: Ratings;
  /** shape [nUsers * nItems] row-major: the noiseless expected score mu + b_u + b_i + u.v (unclipped) for every pair */
  trueScore: Float64Array;
  /** the same observed pairs as implicit feedback (value 1 = interacted): what BPR and the two-tower model train on */
  implicit: Ratings;
  /** shape [nItems]: the popularity weight of each item (Zipf, items in random order) */
  popularity: Float64Array;
  options: SimulateOptions;
}

/**
 * Simulates users x items: true score s_ui = 2.6 + b_u + b_i + (tasteStd / sqrt(rank)) u.v with u, v ~ N(0, I);
 * a user rates n_u items drawn without replacement with weight popularity_i * exp(mnar (s_ui - 3)); the star is
 * round(s_ui + N(0, noiseStd^2)) clipped to 1..5. Deterministic for a given seed.
 */
export function simulateRatings(options: Partial<SimulateOptions> = {}): SimulatedRatings {
  const fn = 'simulateRatings';
  const o = withDefaults(fn, options, simulateDefaults, ['seed']);
  checkInt(fn, 'nUsers', o.nUsers, 1); checkInt(fn, 'nItems', o.nItems, 2); checkInt(fn, 'rank', o.rank, 1);
  checkInt(fn, 'minPerUser', o.minPerUser, 1);
  checkReal(fn, 'meanPerUser', o.meanPerUser, { min: o.minPerUser });
  if (o.meanPerUser > o.nItems) throw new RangeError(`${fn}: expected meanPerUser <= nItems = ${o.nItems}, got meanPerUser = ${o.meanPerUser}`);
  checkReal(fn, 'popularityExponent', o.popularityExponent, { min: 0 });
  checkReal(fn, 'mnar', o.mnar, { min: 0 });
  checkReal(fn, 'tasteStd', o.tasteStd, { min: 0 }); checkReal(fn, 'noiseStd', o.noiseStd, { min: 0 });
  const rng = rngFrom(o.seed);
  const { nUsers, nItems, rank } = o;
  const U = new Float64Array(nUsers * rank), V = new Float64Array(nItems * rank);
  for (let j = 0; j < U.length; j++) U[j] = rng.normal();
  for (let j = 0; j < V.length; j++) V[j] = rng.normal();
  const bu = Float64Array.from({ length: nUsers }, () => rng.normal(0, 0.35));
  const order = rng.permutation(nItems);
  const popularity = new Float64Array(nItems);
  const bi = new Float64Array(nItems);
  for (let r = 0; r < nItems; r++) popularity[order[r]] = (r + 1) ** -o.popularityExponent;
  // popular items are a little better on average (quality drives popularity), plus item noise
  for (let i = 0; i < nItems; i++) bi[i] = 0.25 * Math.log(popularity[i] * nItems ** o.popularityExponent) / Math.max(1, Math.log(nItems)) + rng.normal(0, 0.3);
  const scale = o.tasteStd / Math.sqrt(rank);
  const trueScore = new Float64Array(nUsers * nItems);
  for (let u = 0; u < nUsers; u++) for (let i = 0; i < nItems; i++) {
    let d = 0;
    for (let f = 0; f < rank; f++) d += U[u * rank + f] * V[i * rank + f];
    trueScore[u * nItems + i] = 2.6 + bu[u] + bi[i] + scale * d;
  }
  const users: number[] = [], items: number[] = [], values: number[] = [];
  const w = new Float64Array(nItems);
  for (let u = 0; u < nUsers; u++) {
    // activity: minPerUser + exponential with the remaining mean, capped at half the catalogue
    const extra = -(o.meanPerUser - o.minPerUser) * Math.log(1 - rng.random());
    const n = Math.min(Math.floor(nItems / 2), o.minPerUser + Math.floor(extra));
    for (let i = 0; i < nItems; i++) w[i] = popularity[i] * Math.exp(o.mnar * (trueScore[u * nItems + i] - 3));
    const picked: number[] = [];
    for (let j = 0; j < n; j++) {
      const i = rng.weightedIndex(w);
      w[i] = 0;
      picked.push(i);
    }
    picked.sort((a, b) => a - b);
    for (const i of picked) {
      users.push(u); items.push(i);
      values.push(Math.min(5, Math.max(1, Math.round(trueScore[u * nItems + i] + rng.normal(0, o.noiseStd)))));
    }
  }
  const ratings: Ratings = { nUsers, nItems, users: Int32Array.from(users), items: Int32Array.from(items), values: Float64Array.from(values) };
  const implicit: Ratings = { nUsers, nItems, users: ratings.users.slice(), items: ratings.items.slice(), values: new Float64Array(users.length).fill(1) };
  return { ratings, implicit, trueScore, popularity, options: o };
}
