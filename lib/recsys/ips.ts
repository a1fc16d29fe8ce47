// Position bias and inverse propensity scoring: simulated click logs under a known examination curve, the naive
// click-through rate (biased toward items shown high) and the IPS estimate sum(click / propensity) / impressions (unbiased).
import { rngFrom } from '../core/random';
import { checkInt, checkReal, checkVector, withDefaults } from '../data/check';

export interface ClickLog {
  /** shape [n], item shown */
  items: Int32Array;
  /** shape [n], position shown at, 0-based */
  positions: Int32Array;
  /** shape [n], 1 = clicked */
  clicks: Uint8Array;
}

export interface ClickSimOptions {
  /** number of result pages (sessions) to log */
  sessions: number;
  /** items per page */
  slots: number;
  /** examination probability per position: theta_k = (k + 1)^-eta (the position-bias curve) */
  eta: number;
  /** how strongly the logging ranker favours items with a high `logScore`: a page is sorted by logScore + N(0, noise^2) */
  noise: number;
  seed?: number;
}
export const clickSimDefaults: Readonly<ClickSimOptions> = { sessions: 20000, slots: 10, eta: 1, noise: 1 };

/** theta_k = (k + 1)^-eta for positions k = 0..slots-1. */
export function examinationCurve(slots: number, eta: number): Float64Array {
  checkInt('examinationCurve', 'slots', slots, 1); checkReal('examinationCurve', 'eta', eta, { min: 0 });
  return Float64Array.from({ length: slots }, (_, k) => (k + 1) ** -eta);
}

/**
 * Examination hypothesis: P(click | item i at position k) = theta_k * relevance_i. Each session shows `slots` items
 * drawn uniformly without replacement, ordered by logScore_i + noise: items with a high logScore sit near the top.
 * @param relevance shape [nItems], P(click | examined), in [0, 1]
 * @param logScore shape [nItems], what the logging ranker believes
 */
export function simulateClickLog(relevance: ArrayLike<number>, logScore: ArrayLike<number>, options: Partial<ClickSimOptions> = {}): ClickLog {
  const fn = 'simulateClickLog';
  const rel = checkVector(fn, 'relevance', relevance), score = checkVector(fn, 'logScore', logScore, rel.length);
  for (let i = 0; i < rel.length; i++) if (rel[i] < 0 || rel[i] > 1) throw new RangeError(`${fn}: expected relevance in [0, 1], got relevance[${i}] = ${rel[i]}`);
  const o = withDefaults(fn, options, clickSimDefaults, ['seed']);
  checkInt(fn, 'sessions', o.sessions, 1); checkInt(fn, 'slots', o.slots, 1); checkReal(fn, 'noise', o.noise, { min: 0 });
  if (o.slots > rel.length) throw new RangeError(`${fn}: expected slots <= ${rel.length} items, got slots = ${o.slots}`);
  const theta = examinationCurve(o.slots, o.eta);
  const rng = rngFrom(o.seed);
  const n = o.sessions * o.slots;
  const log: ClickLog = { items: new Int32Array(n), positions: new Int32Array(n), clicks: new Uint8Array(n) };
  let t = 0;
  for (let s = 0; s < o.sessions; s++) {
    const page = Array.from(rng.permutation(rel.length).subarray(0, o.slots));
    const noisy = page.map((i) => score[i] + rng.normal(0, o.noise));
    const order = page.map((_, j) => j).sort((a, b) => noisy[b] - noisy[a]);
    for (let k = 0; k < o.slots; k++) {
      const i = page[order[k]];
      log.items[t] = i; log.positions[t] = k;
      log.clicks[t] = rng.random() < theta[k] * rel[i] ? 1 : 0;
      t++;
    }
  }
  return log;
}

/** Per-item naive CTR = clicks / impressions (NaN for items never shown). Shape [nItems]. */
export function naiveCtr(log: ClickLog, nItems: number): Float64Array {
  const c = new Float64Array(nItems), m = new Float64Array(nItems);
  for (let t = 0; t < log.items.length; t++) { c[log.items[t]] += log.clicks[t]; m[log.items[t]]++; }
  return c.map((v, i) => (m[i] ? v / m[i] : NaN));
}

/**
 * Per-item IPS estimate of P(click | examined) = (1 / impressions_i) sum_t click_t / theta_{position_t}: each click
 * is up-weighted by how unlikely its position was to be examined. Unbiased when theta is the true examination curve.
 * @param theta shape [slots], propensities > 0
 */
export function ipsCtr(log: ClickLog, nItems: number, theta: ArrayLike<number>): Float64Array {
  const th = checkVector('ipsCtr', 'theta', theta);
  for (let k = 0; k < th.length; k++) if (!(th[k] > 0)) throw new RangeError(`ipsCtr: expected propensities > 0, got theta[${k}] = ${th[k]}`);
  const s = new Float64Array(nItems), m = new Float64Array(nItems);
  for (let t = 0; t < log.items.length; t++) {
    const k = log.positions[t];
    if (k >= th.length) throw new RangeError(`ipsCtr: expected positions < ${th.length}, got positions[${t}] = ${k}`);
    s[log.items[t]] += log.clicks[t] / th[k]; m[log.items[t]]++;
  }
  return s.map((v, i) => (m[i] ? v / m[i] : NaN));
}
