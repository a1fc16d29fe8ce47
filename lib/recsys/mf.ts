// The matrix-factorisation model shared by ALS and SGD: prediction mu + b_u + b_i + p_u.q_i, the regularised
// squared-error objective and its exact gradient.
import { rngFrom } from '../core/random';
import type { Ratings } from './ratings';

/** A biased MF model with k latent factors. */
export interface MfModel {
  k: number;
  nUsers: number;
  nItems: number;
  /** global mean (fixed to the train mean, not learned) */
  mu: number;
  /** shape [nUsers * k] row-major, user factors p_u */
  P: Float64Array;
  /** shape [nItems * k] row-major, item factors q_i */
  Q: Float64Array;
  /** shape [nUsers], user biases (all 0 when biases are off) */
  bu: Float64Array;
  /** shape [nItems], item biases */
  bi: Float64Array;
}

/** A model with factors ~ N(0, initStd^2) and zero biases, mu = mean of the ratings. */
export function initMf(r: Ratings, k: number, initStd: number, seed?: number): MfModel {
  const rng = rngFrom(seed);
  let mu = 0;
  for (let t = 0; t < r.values.length; t++) mu += r.values[t];
  mu = r.values.length ? mu / r.values.length : 0;
  const P = Float64Array.from({ length: r.nUsers * k }, () => rng.normal(0, initStd));
  const Q = Float64Array.from({ length: r.nItems * k }, () => rng.normal(0, initStd));
  return { k, nUsers: r.nUsers, nItems: r.nItems, mu, P, Q, bu: new Float64Array(r.nUsers), bi: new Float64Array(r.nItems) };
}

/** r_hat(u, i) = mu + b_u + b_i + p_u . q_i */
export function mfPredict(m: MfModel, u: number, i: number): number {
  let s = m.mu + m.bu[u] + m.bi[i];
  const pu = u * m.k, qi = i * m.k;
  for (let f = 0; f < m.k; f++) s += m.P[pu + f] * m.Q[qi + f];
  return s;
}

/** L = sum_{(u,i) observed} (r_ui - r_hat_ui)^2 + lambda (sum |p_u|^2 + sum |q_i|^2 + sum b_u^2 + sum b_i^2). */
export function mfObjective(m: MfModel, r: Ratings, lambda: number): number {
  let s = 0;
  for (let t = 0; t < r.values.length; t++) s += (r.values[t] - mfPredict(m, r.users[t], r.items[t])) ** 2;
  let reg = 0;
  for (const a of [m.P, m.Q, m.bu, m.bi]) for (let j = 0; j < a.length; j++) reg += a[j] * a[j];
  return s + lambda * reg;
}

/** dL/d(parameters) of mfObjective, same shapes as the model's arrays. */
export function mfGradient(m: MfModel, r: Ratings, lambda: number): { P: Float64Array; Q: Float64Array; bu: Float64Array; bi: Float64Array } {
  const g = { P: new Float64Array(m.P.length), Q: new Float64Array(m.Q.length), bu: new Float64Array(m.nUsers), bi: new Float64Array(m.nItems) };
  const { k } = m;
  for (let t = 0; t < r.values.length; t++) {
    const u = r.users[t], i = r.items[t];
    const e = r.values[t] - mfPredict(m, u, i);
    g.bu[u] -= 2 * e; g.bi[i] -= 2 * e;
    for (let f = 0; f < k; f++) { g.P[u * k + f] -= 2 * e * m.Q[i * k + f]; g.Q[i * k + f] -= 2 * e * m.P[u * k + f]; }
  }
  for (const [a, ga] of [[m.P, g.P], [m.Q, g.Q], [m.bu, g.bu], [m.bi, g.bi]] as const) for (let j = 0; j < a.length; j++) ga[j] += 2 * lambda * a[j];
  return g;
}

/** The top-n unseen items for user u by predicted score (`exclude` = items to skip, e.g. the train items). */
export function topNFromScores(scores: ArrayLike<number>, n: number, exclude: ReadonlySet<number> = new Set()): number[] {
  const ids: number[] = [];
  for (let i = 0; i < scores.length; i++) if (!exclude.has(i)) ids.push(i);
  ids.sort((a, b) => scores[b] - scores[a] || a - b);
  return ids.slice(0, n);
}
