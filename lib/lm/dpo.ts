// Direct Preference Optimization loss (Rafailov et al. 2023) from sequence log-probs of policy and reference, with its gradient and implicit rewards.
import { sigmoid, softplus } from './reward-model';

export interface DpoBatch {
  /** log pi_theta(y_w | x) for each pair (sum of token log-probs of the chosen response). */
  policyChosen: ArrayLike<number>;
  policyRejected: ArrayLike<number>;
  /** The same under the frozen reference policy. */
  refChosen: ArrayLike<number>;
  refRejected: ArrayLike<number>;
}

export interface DpoResult {
  /** mean_i -log sigma(margin_i) */
  loss: number;
  /** d loss / d policyChosen_i = -beta sigma(-margin_i) / n; for policyRejected the sign flips. */
  gradChosen: Float64Array;
  gradRejected: Float64Array;
  /** Implicit rewards beta (log pi - log pi_ref) of each response. */
  chosenRewards: Float64Array;
  rejectedRewards: Float64Array;
  /** chosenRewards - rejectedRewards. */
  margins: Float64Array;
  meanMargin: number;
  /** Fraction of pairs whose implicit reward prefers the chosen response. */
  accuracy: number;
}

/**
 * L_DPO = -mean log sigma( beta [ (log pi(y_w) - log pi_ref(y_w)) - (log pi(y_l) - log pi_ref(y_l)) ] ).
 * It is the Bradley-Terry loss with the reward replaced by the policy's implicit reward beta log(pi / pi_ref), so the
 * policy is its own reward model and no sampling or PPO is needed. The gradient weights each pair by
 * sigma(-margin): pairs the implicit reward already orders correctly contribute little.
 */
export function dpoLoss(batch: DpoBatch, beta: number): DpoResult {
  if (batch === null || typeof batch !== 'object') throw new TypeError('expected a batch { policyChosen, policyRejected, refChosen, refRejected }');
  if (typeof beta !== 'number' || !(beta > 0) || !Number.isFinite(beta)) throw new RangeError(`expected beta > 0, got beta = ${beta}`);
  const names = ['policyChosen', 'policyRejected', 'refChosen', 'refRejected'] as const;
  for (const k of names) {
    const v = batch[k];
    if (v === null || typeof v !== 'object' || typeof v.length !== 'number') throw new TypeError(`expected batch.${k} to be an array of numbers`);
  }
  const n = batch.policyChosen.length;
  if (n === 0) throw new RangeError('expected at least 1 preference pair, got 0');
  for (const k of names) {
    if (batch[k].length !== n) throw new RangeError(`expected ${n} values in batch.${k} (one per pair), got ${batch[k].length}`);
    for (let i = 0; i < n; i++) if (!Number.isFinite(batch[k][i])) throw new RangeError(`expected finite log-probs in batch.${k}, got ${batch[k][i]} at index ${i}`);
  }
  const chosenRewards = new Float64Array(n), rejectedRewards = new Float64Array(n), margins = new Float64Array(n);
  const gradChosen = new Float64Array(n), gradRejected = new Float64Array(n);
  let loss = 0, right = 0, sumMargin = 0;
  for (let i = 0; i < n; i++) {
    chosenRewards[i] = beta * (batch.policyChosen[i] - batch.refChosen[i]);
    rejectedRewards[i] = beta * (batch.policyRejected[i] - batch.refRejected[i]);
    const m = margins[i] = chosenRewards[i] - rejectedRewards[i];
    loss += softplus(-m);
    sumMargin += m;
    if (m > 0) right++;
    gradChosen[i] = (-beta * sigmoid(-m)) / n;
    gradRejected[i] = -gradChosen[i];
  }
  return { loss: loss / n, gradChosen, gradRejected, chosenRewards, rejectedRewards, margins, meanMargin: sumMargin / n, accuracy: right / n };
}
