// Recommender baselines: the global mean, regularised user + item biases (fitted by alternating closed-form steps),
// and item popularity for top-k.
import { checkInt, checkReal, withDefaults } from '../data/check';
import { checkRatings, type Ratings } from './ratings';

/** Mean of all training ratings: predicts the same number for every pair. */
export function globalMean(r: Ratings): number {
  checkRatings('globalMean', r);
  if (r.values.length === 0) throw new RangeError('globalMean: expected at least 1 rating, got 0');
  let s = 0;
  for (let t = 0; t < r.values.length; t++) s += r.values[t];
  return s / r.values.length;
}

export interface BiasOptions { lambda: number; iterations: number; users: boolean }
export const biasDefaults: Readonly<BiasOptions> = { lambda: 5, iterations: 10, users: true };

export interface BiasModel { mu: number; bu: Float64Array; bi: Float64Array; predict: (u: number, i: number) => number }

/**
 * r_hat = mu + b_u + b_i minimising sum (r - mu - b_u - b_i)^2 + lambda (sum b_u^2 + sum b_i^2) by alternating exact
 * steps b_i = sum_u (r - mu - b_u) / (n_i + lambda), b_u = sum_i (r - mu - b_i) / (n_u + lambda).
 * `users: false` gives the item-only baseline (one step, b_u = 0).
 */
export function biasBaseline(r: Ratings, options: Partial<BiasOptions> = {}): BiasModel {
  const fn = 'biasBaseline';
  const o = withDefaults(fn, options, biasDefaults);
  checkReal(fn, 'lambda', o.lambda, { min: 0 }); checkInt(fn, 'iterations', o.iterations, 1);
  const mu = globalMean(r);
  const bu = new Float64Array(r.nUsers), bi = new Float64Array(r.nItems);
  const iters = o.users ? o.iterations : 1;
  for (let it = 0; it < iters; it++) {
    const si = new Float64Array(r.nItems), ni = new Float64Array(r.nItems);
    for (let t = 0; t < r.values.length; t++) { si[r.items[t]] += r.values[t] - mu - bu[r.users[t]]; ni[r.items[t]]++; }
    for (let i = 0; i < r.nItems; i++) bi[i] = si[i] / (ni[i] + o.lambda);
    if (!o.users) break;
    const su = new Float64Array(r.nUsers), nu = new Float64Array(r.nUsers);
    for (let t = 0; t < r.values.length; t++) { su[r.users[t]] += r.values[t] - mu - bi[r.items[t]]; nu[r.users[t]]++; }
    for (let u = 0; u < r.nUsers; u++) bu[u] = su[u] / (nu[u] + o.lambda);
  }
  return { mu, bu, bi, predict: (u, i) => mu + bu[u] + bi[i] };
}

/** Number of training interactions of each item (shape [nItems]): the popularity ranker's score. */
export function itemPopularity(r: Ratings): Float64Array {
  checkRatings('itemPopularity', r);
  const c = new Float64Array(r.nItems);
  for (let t = 0; t < r.items.length; t++) c[r.items[t]]++;
  return c;
}
