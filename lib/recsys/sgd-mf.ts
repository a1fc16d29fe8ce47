// SGD matrix factorisation with biases (Funk SVD style): one pass over shuffled ratings per epoch, each step the
// gradient of one rating's share of the MF objective (regularisation split over a user's / item's ratings).
import { rngFrom } from '../core/random';
import { checkInt, checkReal, withDefaults } from '../data/check';
import { initMf, mfObjective, mfPredict, type MfModel } from './mf';
import { checkRatings, type Ratings } from './ratings';

export interface SgdMfOptions {
  k: number;
  lambda: number;
  epochs: number;
  /** step size at epoch 0; epoch e uses learningRate / (1 + decay * e) */
  learningRate: number;
  decay: number;
  biases: boolean;
  initStd: number;
  seed?: number;
  onEpoch?: (epoch: number, model: MfModel) => void;
}
export const sgdMfDefaults: Readonly<SgdMfOptions> = { k: 8, lambda: 10, epochs: 30, learningRate: 0.01, decay: 0.05, biases: true, initStd: 0.1 };

/**
 * Minimises the same objective as ALS (lib/recsys/mf.ts mfObjective): rating (u, i) contributes
 * (r - r_hat)^2 + lambda (|p_u|^2 + b_u^2) / n_u + lambda (|q_i|^2 + b_i^2) / n_i, which sums to the objective.
 * Step (factor 2 folded into the rate): e = r - r_hat, p_u += lr (e q_i - lambda/n_u p_u), q_i += lr (e p_u - lambda/n_i q_i).
 */
export function fitSgdMf(r: Ratings, options: Partial<SgdMfOptions> = {}): { model: MfModel; history: number[] } {
  const fn = 'fitSgdMf';
  checkRatings(fn, r);
  const o = withDefaults(fn, options, sgdMfDefaults, ['seed', 'onEpoch']);
  checkInt(fn, 'k', o.k, 1); checkReal(fn, 'lambda', o.lambda, { min: 0 }); checkInt(fn, 'epochs', o.epochs, 1);
  checkReal(fn, 'learningRate', o.learningRate, { min: 0, open: true }); checkReal(fn, 'decay', o.decay, { min: 0 });
  if (r.values.length === 0) throw new RangeError(`${fn}: expected at least 1 rating, got 0`);
  const rng = rngFrom(o.seed);
  const model = initMf(r, o.k, o.initStd, rng.nextUint32());
  const nu = new Float64Array(r.nUsers), ni = new Float64Array(r.nItems);
  for (let t = 0; t < r.values.length; t++) { nu[r.users[t]]++; ni[r.items[t]]++; }
  const { k, P, Q, bu, bi } = model;
  const order = new Uint32Array(r.values.length).map((_, t) => t);
  const history: number[] = [];
  for (let e = 0; e < o.epochs; e++) {
    const lr = o.learningRate / (1 + o.decay * e);
    rng.shuffle<number, Uint32Array>(order);
    for (let j = 0; j < order.length; j++) {
      const t = order[j], u = r.users[t], i = r.items[t];
      const err = r.values[t] - mfPredict(model, u, i);
      const lu = o.lambda / nu[u], li = o.lambda / ni[i];
      if (o.biases) { bu[u] += lr * (err - lu * bu[u]); bi[i] += lr * (err - li * bi[i]); }
      for (let f = 0; f < k; f++) {
        const p = P[u * k + f], q = Q[i * k + f];
        P[u * k + f] += lr * (err * q - lu * p);
        Q[i * k + f] += lr * (err * p - li * q);
      }
    }
    history.push(mfObjective(model, r, o.lambda));
    o.onEpoch?.(e + 1, model);
  }
  return { model, history };
}
