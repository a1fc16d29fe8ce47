// Bradley-Terry reward model: P(chosen > rejected) = sigma(r_w - r_l), its loss -log sigma(r_w - r_l), and a linear reward model trained on it.
import { asMatrix, type Matrix, type MatrixLike } from '../core/matrix';

/** log(1 + e^x) without overflow. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** sigma(x) = 1 / (1 + e^-x), evaluated on the side that does not overflow. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

function vector(v: unknown, name: string): ArrayLike<number> {
  if (v === null || typeof v !== 'object' || typeof (v as ArrayLike<number>).length !== 'number') throw new TypeError(`expected ${name} to be an array of numbers`);
  const a = v as ArrayLike<number>;
  for (let i = 0; i < a.length; i++) if (typeof a[i] !== 'number' || !Number.isFinite(a[i])) throw new RangeError(`expected finite numbers in ${name}, got ${a[i]} at index ${i}`);
  return a;
}

export interface BradleyTerryResult {
  /** mean_i -log sigma(r_w,i - r_l,i) */
  loss: number;
  /** d loss / d r_w,i = -sigma(-(r_w,i - r_l,i)) / n; d loss / d r_l,i is its negative. */
  gradChosen: Float64Array;
  gradRejected: Float64Array;
  /** Fraction of pairs with r_w > r_l. */
  accuracy: number;
}

/** Bradley-Terry (1952) preference probability that the item with reward rChosen beats the one with rRejected. */
export function bradleyTerryProb(rChosen: number, rRejected: number): number {
  return sigmoid(rChosen - rRejected);
}

/** Negative log-likelihood of the observed preferences under Bradley-Terry, averaged over pairs, with its gradient. */
export function bradleyTerryLoss(rewardsChosen: ArrayLike<number>, rewardsRejected: ArrayLike<number>): BradleyTerryResult {
  const w = vector(rewardsChosen, 'rewardsChosen'), l = vector(rewardsRejected, 'rewardsRejected');
  if (w.length !== l.length) throw new RangeError(`expected as many chosen as rejected rewards, got ${w.length} and ${l.length}`);
  const n = w.length;
  if (n === 0) throw new RangeError('expected at least 1 preference pair, got 0');
  let loss = 0, right = 0;
  const gradChosen = new Float64Array(n), gradRejected = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = w[i] - l[i];
    loss += softplus(-m);
    if (m > 0) right++;
    gradChosen[i] = -sigmoid(-m) / n;
    gradRejected[i] = -gradChosen[i];
  }
  return { loss: loss / n, gradChosen, gradRejected, accuracy: right / n };
}

/** r(x) = w . x + b for each row of x. */
export function linearRewards(weights: ArrayLike<number>, bias: number, x: MatrixLike): Float64Array {
  const m = asMatrix(x, 'x');
  if (weights.length !== m.cols) throw new RangeError(`expected ${m.cols} weights, got ${weights.length}`);
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) {
    let s = bias;
    for (let j = 0; j < m.cols; j++) s += weights[j] * m.data[i * m.cols + j];
    out[i] = s;
  }
  return out;
}

export interface LinearRewardModel {
  weights: Float64Array;
  /** Loss after each epoch (the mean Bradley-Terry loss plus the L2 term). */
  losses: number[];
}

export interface RewardTrainOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty (lambda/2) ||w||^2 (default 0). */
  l2: number;
}

/**
 * Loss and gradient w.r.t. the weights of a linear reward model: only feature differences matter (a bias cancels in
 * r_w - r_l, which is why reward models are identified only up to a constant).
 */
export function linearRewardLossAndGrad(weights: ArrayLike<number>, chosen: Matrix, rejected: Matrix, l2 = 0): { loss: number; grad: Float64Array } {
  const rw = linearRewards(weights, 0, chosen), rl = linearRewards(weights, 0, rejected);
  const bt = bradleyTerryLoss(rw, rl);
  const d = chosen.cols;
  const grad = new Float64Array(d);
  for (let i = 0; i < chosen.rows; i++) for (let j = 0; j < d; j++) grad[j] += bt.gradChosen[i] * (chosen.data[i * d + j] - rejected.data[i * d + j]);
  let pen = 0;
  for (let j = 0; j < d; j++) { pen += weights[j] * weights[j]; grad[j] += l2 * weights[j]; }
  return { loss: bt.loss + 0.5 * l2 * pen, grad };
}

/** Full-batch gradient descent on the Bradley-Terry loss of a linear reward model, from w = 0 (deterministic). */
export function trainLinearRewardModel(chosenFeatures: MatrixLike, rejectedFeatures: MatrixLike, options: Partial<RewardTrainOptions> = {}): LinearRewardModel {
  const o: RewardTrainOptions = { epochs: 200, learningRate: 0.5, l2: 0, ...options };
  const c = asMatrix(chosenFeatures, 'chosenFeatures'), r = asMatrix(rejectedFeatures, 'rejectedFeatures');
  if (c.rows !== r.rows || c.cols !== r.cols) throw new RangeError(`expected chosen and rejected features of the same shape, got ${c.rows} x ${c.cols} and ${r.rows} x ${r.cols}`);
  if (!Number.isInteger(o.epochs) || o.epochs < 1) throw new RangeError(`expected epochs >= 1, got epochs = ${o.epochs}`);
  if (!(o.learningRate > 0)) throw new RangeError(`expected learningRate > 0, got learningRate = ${o.learningRate}`);
  const weights = new Float64Array(c.cols);
  const losses: number[] = [];
  for (let e = 0; e < o.epochs; e++) {
    const { grad } = linearRewardLossAndGrad(weights, c, r, o.l2);
    for (let j = 0; j < weights.length; j++) weights[j] -= o.learningRate * grad[j];
    losses.push(linearRewardLossAndGrad(weights, c, r, o.l2).loss);
  }
  return { weights, losses };
}
