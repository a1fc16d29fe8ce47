// Bayesian personalised ranking (Rendle et al. 2009) for implicit feedback: SGD on -ln sigmoid(x_ui - x_uj) over
// (user, interacted item i, sampled item j) triples, x_ui = p_u . q_i + b_i; uniform or popularity negatives.
import { rngFrom } from '../core/random';
import { checkInt, checkReal, withDefaults } from '../data/check';
import { checkRatings, type Ratings } from './ratings';

export interface BprModel {
  k: number;
  /** shape [nUsers * k] */
  P: Float64Array;
  /** shape [nItems * k] */
  Q: Float64Array;
  /** shape [nItems], item bias */
  b: Float64Array;
}

/** x_ui = p_u . q_i + b_i */
export function bprScore(m: BprModel, u: number, i: number): number {
  let s = m.b[i];
  for (let f = 0; f < m.k; f++) s += m.P[u * m.k + f] * m.Q[i * m.k + f];
  return s;
}

/**
 * Loss of one triple: -ln sigma(x_ui - x_uj) + (lambda / 2) (|p_u|^2 + |q_i|^2 + |q_j|^2 + b_i^2 + b_j^2), and its
 * gradient with respect to p_u, q_i, q_j, b_i, b_j (k-vectors and numbers). With s = sigma(-(x_ui - x_uj)):
 * d/dp_u = -s (q_i - q_j) + lambda p_u, d/dq_i = -s p_u + lambda q_i, d/dq_j = s p_u + lambda q_j, d/db_i = -s + lambda b_i.
 */
export function bprTripleLossGrad(pu: ArrayLike<number>, qi: ArrayLike<number>, qj: ArrayLike<number>, bi: number, bj: number, lambda: number):
  { loss: number; dpu: Float64Array; dqi: Float64Array; dqj: Float64Array; dbi: number; dbj: number } {
  const k = pu.length;
  if (qi.length !== k || qj.length !== k) throw new RangeError(`bprTripleLossGrad: expected factor vectors of one length ${k}, got ${qi.length} and ${qj.length}`);
  let x = bi - bj, reg = bi * bi + bj * bj;
  for (let f = 0; f < k; f++) { x += pu[f] * (qi[f] - qj[f]); reg += pu[f] * pu[f] + qi[f] * qi[f] + qj[f] * qj[f]; }
  // -ln sigma(x) = softplus(-x), computed stably
  const loss = (x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x))) + (lambda / 2) * reg;
  const s = 1 / (1 + Math.exp(x));
  const dpu = new Float64Array(k), dqi = new Float64Array(k), dqj = new Float64Array(k);
  for (let f = 0; f < k; f++) {
    dpu[f] = -s * (qi[f] - qj[f]) + lambda * pu[f];
    dqi[f] = -s * pu[f] + lambda * qi[f];
    dqj[f] = s * pu[f] + lambda * qj[f];
  }
  return { loss, dpu, dqi, dqj, dbi: -s + lambda * bi, dbj: s + lambda * bj };
}

export interface BprOptions {
  k: number;
  lambda: number;
  learningRate: number;
  epochs: number;
  /** 'uniform': j uniform over items the user has not interacted with; 'popularity': proportional to count^alpha */
  negatives: 'uniform' | 'popularity';
  popularityAlpha: number;
  initStd: number;
  seed?: number;
}
export const bprDefaults: Readonly<BprOptions> = { k: 16, lambda: 0.01, learningRate: 0.05, epochs: 20, negatives: 'uniform', popularityAlpha: 0.75, initStd: 0.1 };

/** Fits BPR on the interactions (values ignored); an epoch draws as many triples as there are interactions. */
export function fitBpr(r: Ratings, options: Partial<BprOptions> = {}): { model: BprModel; history: number[] } {
  const fn = 'fitBpr';
  checkRatings(fn, r);
  const o = withDefaults(fn, options, bprDefaults, ['seed']);
  checkInt(fn, 'k', o.k, 1); checkInt(fn, 'epochs', o.epochs, 1);
  checkReal(fn, 'lambda', o.lambda, { min: 0 }); checkReal(fn, 'learningRate', o.learningRate, { min: 0, open: true });
  if (o.negatives !== 'uniform' && o.negatives !== 'popularity') throw new TypeError(`${fn}: expected negatives 'uniform' or 'popularity', got ${String(o.negatives)}`);
  const n = r.users.length;
  if (n === 0) throw new RangeError(`${fn}: expected at least 1 interaction, got 0`);
  const rng = rngFrom(o.seed);
  const { k } = o;
  const model: BprModel = {
    k, P: Float64Array.from({ length: r.nUsers * k }, () => rng.normal(0, o.initStd)),
    Q: Float64Array.from({ length: r.nItems * k }, () => rng.normal(0, o.initStd)), b: new Float64Array(r.nItems),
  };
  const seen: Set<number>[] = Array.from({ length: r.nUsers }, () => new Set());
  const count = new Float64Array(r.nItems);
  for (let t = 0; t < n; t++) { seen[r.users[t]].add(r.items[t]); count[r.items[t]]++; }
  // cumulative weights for popularity sampling (binary search)
  const cum = new Float64Array(r.nItems);
  let acc = 0;
  for (let i = 0; i < r.nItems; i++) { acc += o.negatives === 'uniform' ? 1 : (count[i] + 1) ** o.popularityAlpha; cum[i] = acc; }
  const drawItem = () => {
    const x = rng.random() * acc;
    let lo = 0, hi = r.nItems - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cum[mid] > x) hi = mid; else lo = mid + 1; }
    return lo;
  };
  const history: number[] = [];
  const pu = new Float64Array(k), qi = new Float64Array(k), qj = new Float64Array(k);
  for (let e = 0; e < o.epochs; e++) {
    let total = 0;
    for (let s = 0; s < n; s++) {
      const t = rng.int(n), u = r.users[t], i = r.items[t];
      if (seen[u].size >= r.nItems) continue;
      let j = drawItem();
      while (seen[u].has(j)) j = drawItem();
      for (let f = 0; f < k; f++) { pu[f] = model.P[u * k + f]; qi[f] = model.Q[i * k + f]; qj[f] = model.Q[j * k + f]; }
      const g = bprTripleLossGrad(pu, qi, qj, model.b[i], model.b[j], o.lambda);
      total += g.loss;
      for (let f = 0; f < k; f++) {
        model.P[u * k + f] -= o.learningRate * g.dpu[f];
        model.Q[i * k + f] -= o.learningRate * g.dqi[f];
        model.Q[j * k + f] -= o.learningRate * g.dqj[f];
      }
      model.b[i] -= o.learningRate * g.dbi; model.b[j] -= o.learningRate * g.dbj;
    }
    history.push(total / n);
  }
  return { model, history };
}
