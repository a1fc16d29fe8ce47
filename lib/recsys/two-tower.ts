// Two-tower retrieval in tfjs: a user tower (user id + mean of the user's history items) and an item tower (item id +
// log popularity), L2-normalised outputs, trained with the in-batch sampled softmax at a temperature.
import * as tf from '@tensorflow/tfjs';
import { rngFrom, type Rng } from '../core/random';
import { checkInt, checkReal, withDefaults } from '../data/check';
import { checkRatings, type Ratings } from './ratings';

/**
 * In-batch softmax loss: logits_ab = u_a . v_b / temperature for a batch of B positive pairs (u_a, v_a); the other
 * B - 1 items of the batch are the negatives of row a. Loss = mean_a [ -logits_aa + logsumexp_b logits_ab ].
 * With `logQ` (shape [B], log of each batch item's sampling probability) every logit of column b becomes
 * logits_ab - logQ_b: the logQ correction, which undoes the over-penalising of popular items that in-batch sampling causes.
 * @param u shape [B, d] user embeddings; @param v shape [B, d] item embeddings of the positives
 */
export function inBatchSoftmaxLoss(u: tf.Tensor2D, v: tf.Tensor2D, temperature: number, logQ?: tf.Tensor1D): tf.Scalar {
  if (!(temperature > 0)) throw new RangeError(`inBatchSoftmaxLoss: expected temperature > 0, got temperature = ${temperature}`);
  if (u.shape[0] !== v.shape[0] || u.shape[1] !== v.shape[1]) throw new RangeError(`inBatchSoftmaxLoss: expected u and v of one shape, got [${u.shape}] and [${v.shape}]`);
  return tf.tidy(() => {
    let logits = u.matMul(v, false, true).div(temperature);
    let diag = u.mul(v).sum(1).div(temperature);
    if (logQ) { logits = logits.sub(logQ.reshape([1, -1])); diag = diag.sub(logQ); }
    return tf.logSumExp(logits, 1).sub(diag).mean() as tf.Scalar;
  });
}

export interface TwoTowerOptions {
  /** id-embedding size and output size */
  embedDim: number;
  outDim: number;
  hidden: number;
  temperature: number;
  learningRate: number;
  batchSize: number;
  steps: number;
  /** subtract log(sampling probability) of each in-batch item from its logits (see inBatchSoftmaxLoss) */
  logQCorrection: boolean;
  seed?: number;
}
export const twoTowerDefaults: Readonly<TwoTowerOptions> = { embedDim: 32, outDim: 32, hidden: 64, temperature: 0.1, learningRate: 0.01, batchSize: 256, steps: 400, logQCorrection: true };

function glorot(rng: Rng, rows: number, cols: number, scale = 1): tf.Variable {
  const s = scale * Math.sqrt(6 / (rows + cols));
  return tf.variable(tf.tensor2d(Float32Array.from({ length: rows * cols }, () => rng.uniform(-s, s)), [rows, cols]));
}

/** A trained two-tower model: call `userEmbeddings()` / `itemEmbeddings()` (L2-normalised, shape [n * outDim]) and dispose(). */
export class TwoTower {
  readonly options: TwoTowerOptions;
  readonly nUsers: number;
  readonly nItems: number;
  /** mean training loss of each block of 50 steps */
  readonly lossHistory: number[] = [];
  private readonly vars: tf.Variable[];
  private readonly history: tf.Tensor2D;
  private readonly logPop: tf.Tensor2D;

  /** Builds and trains on the interactions (values ignored; each interaction is one positive pair). */
  constructor(r: Ratings, options: Partial<TwoTowerOptions> = {}) {
    const fn = 'TwoTower';
    checkRatings(fn, r);
    const o = withDefaults(fn, options, twoTowerDefaults, ['seed']);
    for (const key of ['embedDim', 'outDim', 'hidden', 'steps'] as const) checkInt(fn, key, o[key], 1);
    checkInt(fn, 'batchSize', o.batchSize, 2);
    checkReal(fn, 'temperature', o.temperature, { min: 0, open: true }); checkReal(fn, 'learningRate', o.learningRate, { min: 0, open: true });
    const n = r.users.length;
    if (n < 2) throw new RangeError(`${fn}: expected at least 2 interactions, got ${n}`);
    this.options = o; this.nUsers = r.nUsers; this.nItems = r.nItems;
    const rng = rngFrom(o.seed);
    const { embedDim: e, hidden: h, outDim: d } = o;
    // row-normalised user x item history matrix and item log-popularity (standardised)
    const H = new Float32Array(r.nUsers * r.nItems), cnt = new Float64Array(r.nUsers), pop = new Float64Array(r.nItems);
    for (let t = 0; t < n; t++) { cnt[r.users[t]]++; pop[r.items[t]]++; }
    for (let t = 0; t < n; t++) H[r.users[t] * r.nItems + r.items[t]] = 1 / cnt[r.users[t]];
    this.history = tf.tensor2d(H, [r.nUsers, r.nItems]);
    const lp = Array.from(pop, (c) => Math.log1p(c));
    const m = lp.reduce((s, v) => s + v, 0) / lp.length, sd = Math.sqrt(lp.reduce((s, v) => s + (v - m) ** 2, 0) / lp.length) || 1;
    this.logPop = tf.tensor2d(lp.map((v) => (v - m) / sd), [r.nItems, 1]);
    const userEmb = glorot(rng, r.nUsers, e, 0.5), itemEmb = glorot(rng, r.nItems, e, 0.5);
    const uW1 = glorot(rng, 2 * e, h), uW2 = glorot(rng, h, d), iW1 = glorot(rng, e + 1, h), iW2 = glorot(rng, h, d);
    const uB1 = tf.variable(tf.zeros([h])), iB1 = tf.variable(tf.zeros([h]));
    this.vars = [userEmb, itemEmb, uW1, uB1, uW2, iW1, iB1, iW2];
    const opt = tf.train.adam(o.learningRate);
    const bu = new Int32Array(o.batchSize), bi = new Int32Array(o.batchSize), lq = new Float32Array(o.batchSize);
    let block = 0;
    for (let step = 0; step < o.steps; step++) {
      for (let b = 0; b < o.batchSize; b++) { const t = rng.int(n); bu[b] = r.users[t]; bi[b] = r.items[t]; lq[b] = Math.log(pop[bi[b]] / n); }
      const cost = opt.minimize(() => {
        const uIdx = tf.tensor1d(bu, 'int32'), iIdx = tf.tensor1d(bi, 'int32');
        return inBatchSoftmaxLoss(this.userTower(uIdx), this.itemTower(iIdx), o.temperature, o.logQCorrection ? tf.tensor1d(lq) : undefined);
      }, true) as tf.Scalar;
      block += cost.dataSync()[0];
      cost.dispose();
      if ((step + 1) % 50 === 0 || step === o.steps - 1) { this.lossHistory.push(block / ((step % 50) + 1)); block = 0; }
    }
    opt.dispose();
  }

  private userTower(idx: tf.Tensor1D): tf.Tensor2D {
    const [userEmb, itemEmb, uW1, uB1, uW2] = this.vars;
    // one-hot matmul instead of gather: tfjs-backend-wasm has no gradient kernel for gather (UnsortedSegmentSum)
    const oh = tf.oneHot(idx, this.nUsers).toFloat() as tf.Tensor2D;
    const hist = oh.matMul(this.history).matMul(itemEmb as tf.Tensor2D);
    const x = tf.concat([oh.matMul(userEmb as tf.Tensor2D), hist], 1) as tf.Tensor2D;
    const out = tf.relu(x.matMul(uW1 as tf.Tensor2D).add(uB1)).matMul(uW2 as tf.Tensor2D) as tf.Tensor2D;
    return tf.div(out, tf.norm(out, 'euclidean', 1, true).add(1e-6)) as tf.Tensor2D;
  }

  private itemTower(idx: tf.Tensor1D): tf.Tensor2D {
    const [, itemEmb, , , , iW1, iB1, iW2] = this.vars;
    const oh = tf.oneHot(idx, this.nItems).toFloat() as tf.Tensor2D;
    const x = tf.concat([oh.matMul(itemEmb as tf.Tensor2D), oh.matMul(this.logPop)], 1) as tf.Tensor2D;
    const out = tf.relu(x.matMul(iW1 as tf.Tensor2D).add(iB1)).matMul(iW2 as tf.Tensor2D) as tf.Tensor2D;
    return tf.div(out, tf.norm(out, 'euclidean', 1, true).add(1e-6)) as tf.Tensor2D;
  }

  /** shape [nUsers * outDim], row-major, unit rows */
  userEmbeddings(): Float32Array {
    return tf.tidy(() => this.userTower(tf.range(0, this.nUsers, 1, 'int32') as tf.Tensor1D).dataSync() as Float32Array);
  }

  /** shape [nItems * outDim], row-major, unit rows */
  itemEmbeddings(): Float32Array {
    return tf.tidy(() => this.itemTower(tf.range(0, this.nItems, 1, 'int32') as tf.Tensor1D).dataSync() as Float32Array);
  }

  dispose(): void {
    for (const v of this.vars) v.dispose();
    this.history.dispose(); this.logPop.dispose();
  }
}
