// A multilayer perceptron from scratch: forward pass, backpropagation by the chain rule, all parameters in one flat vector, mini-batch training with any lib/optim optimizer.
import { checkInt, withDefaults } from '../data/check';
import { asMatrix, type Matrix, type MatrixLike } from '../core/matrix';
import { rngFrom } from '../core/random';
import { sigmoid } from '../linear/logistic-regression';
import { asClassLabels } from '../linear/softmax-regression';
import { ACTIVATIONS, activate, multiplyByDerivative, type ActivationName } from './activations';
import { INITS, initWeights, type InitName } from './init';
import { binaryCrossEntropyWithLogits, hinge, huber, mse, softmaxCrossEntropyUnchecked, type LossResult } from './losses';
import { Adam } from '../optim/adam';
import type { Optimizer } from '../optim/optimizer';
import type { Schedule } from '../optim/schedules';

/**
 * What the network's (linear) output layer feeds:
 * - 'softmaxCrossEntropy': K logits per row, targets are class indices (the multi-class classifier);
 * - 'binaryCrossEntropy': logits z with p = sigma(z), targets in [0, 1] (one per output; computed stably from logits);
 * - 'mse' and 'huber': real-valued outputs and targets (regression);
 * - 'hinge': real scores, targets -1 or +1.
 */
export type MLPLoss = 'softmaxCrossEntropy' | 'binaryCrossEntropy' | 'mse' | 'huber' | 'hinge';

export const MLP_LOSSES: readonly MLPLoss[] = ['softmaxCrossEntropy', 'binaryCrossEntropy', 'mse', 'huber', 'hinge'];

export interface MLPOptions {
  /** Layer widths [inputs, hidden_1, ..., hidden_k, outputs]; at least 2 entries (2 entries = no hidden layer: a linear model). */
  sizes: number[];
  /** Activation of every hidden layer (the output layer is linear; the loss applies softmax/sigmoid). */
  activation: ActivationName;
  loss: MLPLoss;
  /** Weight initialiser, or 'auto': heNormal for the ReLU family and GELU, xavierNormal for sigmoid, tanh and identity. Biases start at 0. */
  init: InitName | 'auto';
  /** Leaky-ReLU slope. */
  alpha: number;
  /** Huber threshold. */
  huberDelta: number;
  /** Seed for the initial weights; default forked from the global seed. */
  seed: number | undefined;
}

export const mlpDefaults: Readonly<Omit<MLPOptions, 'sizes'>> = {
  activation: 'relu',
  loss: 'softmaxCrossEntropy',
  init: 'auto',
  alpha: 0.01,
  huberDelta: 1,
  seed: undefined,
};

export interface FitOptions {
  /** The optimizer (its state is kept across fit calls; reset() it to start over). Default: a new Adam with lr 0.01. */
  optimizer: Optimizer | undefined;
  /** Passes over the training data. */
  epochs: number;
  /** Rows per gradient step (the last batch of an epoch may be smaller); >= n means full-batch gradient descent. */
  batchSize: number;
  /** Reshuffle the rows every epoch. */
  shuffle: boolean;
  /** Seed for the shuffles; default forked from the global seed. */
  seed: number | undefined;
  /** Learning rate per 0-based optimizer step (sets optimizer.learningRate before each step). */
  schedule: Schedule | undefined;
  /** Called after every epoch with the epoch index and its mean training loss. */
  onEpoch: ((epoch: number, loss: number) => void) | undefined;
}

export const fitDefaults: Readonly<FitOptions> = {
  optimizer: undefined,
  epochs: 10,
  batchSize: 32,
  shuffle: true,
  seed: undefined,
  schedule: undefined,
  onEpoch: undefined,
};

export interface FitHistory {
  /** Mean training loss of each epoch (averaged over its mini-batches, weighted by batch size, as Keras reports it). */
  loss: Float64Array;
  /** Optimizer steps taken. */
  steps: number;
}

/** Targets as the loss expects them: class indices (softmax CE) or n x outputs values. */
export type MLPTargets = ArrayLike<number> | Matrix;

function defaultInit(activation: ActivationName): InitName {
  return activation === 'sigmoid' || activation === 'tanh' || activation === 'identity' ? 'xavierNormal' : 'heNormal';
}

/**
 * A fully connected network. Layer l (1-based in the formulas, 0-based in the API) has weights W^l of shape
 * n_l x n_{l-1} (outputs x inputs, so z = W a + b for a column vector a) and biases b^l. For a batch X (n x d, one row
 * per example) the forward pass is
 *   Z^l = A^{l-1} (W^l)^T + b^l,   A^l = f(Z^l) for hidden layers,   output = Z^L (logits);
 * the backward pass starts from delta^L = dLoss/dZ^L (p - y for softmax cross-entropy) and applies the chain rule
 *   dW^l = (delta^l)^T A^{l-1},   db^l = sum over rows of delta^l,   delta^{l-1} = (delta^l W^l) (*) f'(Z^{l-1}),
 * which is delta^{l-1} = (W^l)^T delta^l (*) f'(z^{l-1}) written for rows instead of column vectors.
 *
 * All weights and biases live in one Float64Array `params` ([W^1, b^1, W^2, b^2, ...], each W row-major) and the
 * gradient in `grads` with the same layout, so any lib/optim optimizer updates the whole model with one
 * `step(params, grads)`. Inner loops run on these typed arrays; per-batch buffers are reused.
 */
export class MLP {
  readonly sizes: readonly number[];
  readonly activation: ActivationName;
  readonly loss: MLPLoss;
  readonly alpha: number;
  readonly huberDelta: number;
  /** Number of weight layers (sizes.length - 1). */
  readonly depth: number;
  /** All weights and biases, [W^1, b^1, W^2, b^2, ...]. */
  readonly params: Float64Array;
  /** dLoss/dparams from the last backward pass, same layout as params. */
  readonly grads: Float64Array;
  private readonly wOffset: number[] = [];
  private readonly bOffset: number[] = [];
  private capacity = 0;
  private n = 0;
  private input: Float64Array = new Float64Array(0);
  private Z: Float64Array[] = [];
  private A: Float64Array[] = [];
  private D: Float64Array[] = [];

  constructor(options: Partial<MLPOptions> & { sizes: number[] }) {
    const fn = 'MLP';
    const o = withDefaults(fn, options, { ...mlpDefaults, sizes: [] as number[] });
    if (!Array.isArray(o.sizes)) throw new TypeError(`${fn}: expected sizes to be an array of layer widths, got ${typeof o.sizes}`);
    if (o.sizes.length < 2) throw new RangeError(`${fn}: expected at least 2 sizes (inputs and outputs), got ${o.sizes.length}`);
    o.sizes.forEach((s, i) => checkInt(fn, `sizes[${i}]`, s, 1));
    if (!ACTIVATIONS.includes(o.activation)) throw new RangeError(`${fn}: unknown activation "${String(o.activation)}" (known: ${ACTIVATIONS.join(', ')})`);
    if (!MLP_LOSSES.includes(o.loss)) throw new RangeError(`${fn}: unknown loss "${String(o.loss)}" (known: ${MLP_LOSSES.join(', ')})`);
    if (o.init !== 'auto' && !INITS.includes(o.init)) throw new RangeError(`${fn}: unknown init "${String(o.init)}" (known: auto, ${INITS.join(', ')})`);
    if (o.loss === 'softmaxCrossEntropy' && o.sizes[o.sizes.length - 1] < 2) throw new RangeError(`${fn}: softmaxCrossEntropy needs at least 2 outputs, got ${o.sizes[o.sizes.length - 1]}`);
    if (typeof o.alpha !== 'number' || !(o.alpha >= 0)) throw new RangeError(`${fn}: expected alpha >= 0, got alpha = ${o.alpha}`);
    if (typeof o.huberDelta !== 'number' || !(o.huberDelta > 0)) throw new RangeError(`${fn}: expected huberDelta > 0, got huberDelta = ${o.huberDelta}`);
    this.sizes = [...o.sizes];
    this.activation = o.activation;
    this.loss = o.loss;
    this.alpha = o.alpha;
    this.huberDelta = o.huberDelta;
    this.depth = this.sizes.length - 1;
    let total = 0;
    for (let l = 0; l < this.depth; l++) {
      this.wOffset.push(total);
      total += this.sizes[l + 1] * this.sizes[l];
      this.bOffset.push(total);
      total += this.sizes[l + 1];
    }
    this.params = new Float64Array(total);
    this.grads = new Float64Array(total);
    const rng = rngFrom(o.seed);
    const kind = o.init === 'auto' ? defaultInit(this.activation) : o.init;
    for (let l = 0; l < this.depth; l++) {
      const fanIn = this.sizes[l], fanOut = this.sizes[l + 1];
      initWeights(kind, fanIn, fanOut, { rng }, this.params.subarray(this.wOffset[l], this.wOffset[l] + fanIn * fanOut));
    }
  }

  /** Total number of weights and biases. */
  get numParams(): number { return this.params.length; }

  private checkLayer(l: number): void {
    if (!Number.isInteger(l) || l < 0 || l >= this.depth) throw new RangeError(`expected a layer index in 0..${this.depth - 1}, got ${l}`);
  }

  /** W of layer l (0-based): sizes[l+1] x sizes[l], a view into `params` (writing to it changes the model). */
  weight(l: number): Matrix {
    this.checkLayer(l);
    const rows = this.sizes[l + 1], cols = this.sizes[l];
    return { rows, cols, data: this.params.subarray(this.wOffset[l], this.wOffset[l] + rows * cols) };
  }

  /** b of layer l: length sizes[l+1], a view into `params`. */
  bias(l: number): Float64Array {
    this.checkLayer(l);
    return this.params.subarray(this.bOffset[l], this.bOffset[l] + this.sizes[l + 1]);
  }

  /** dLoss/dW of layer l from the last backward pass (a view into `grads`). */
  weightGrad(l: number): Matrix {
    this.checkLayer(l);
    const rows = this.sizes[l + 1], cols = this.sizes[l];
    return { rows, cols, data: this.grads.subarray(this.wOffset[l], this.wOffset[l] + rows * cols) };
  }

  /** dLoss/db of layer l from the last backward pass (a view into `grads`). */
  biasGrad(l: number): Float64Array {
    this.checkLayer(l);
    return this.grads.subarray(this.bOffset[l], this.bOffset[l] + this.sizes[l + 1]);
  }

  /** ||dLoss/dW^l||_2 (Frobenius) for every layer, from the last backward pass: where vanishing gradients show. */
  layerGradientNorms(): Float64Array {
    const out = new Float64Array(this.depth);
    for (let l = 0; l < this.depth; l++) {
      const g = this.weightGrad(l).data;
      let s = 0;
      for (let i = 0; i < g.length; i++) s += g[i] * g[i];
      out[l] = Math.sqrt(s);
    }
    return out;
  }

  /** Pre-activations Z of layer l from the last forward pass (n x sizes[l+1], a view valid until the next forward). */
  preActivations(l: number): Matrix {
    this.checkLayer(l);
    const cols = this.sizes[l + 1];
    return { rows: this.n, cols, data: this.Z[l].subarray(0, this.n * cols) };
  }

  /** Activations A = f(Z) of hidden layer l (for the output layer: the logits), a view valid until the next forward. */
  activations(l: number): Matrix {
    this.checkLayer(l);
    const cols = this.sizes[l + 1];
    const src = l === this.depth - 1 ? this.Z[l] : this.A[l];
    return { rows: this.n, cols, data: src.subarray(0, this.n * cols) };
  }

  private ensureCapacity(n: number): void {
    if (n <= this.capacity) return;
    this.Z = []; this.A = []; this.D = [];
    for (let l = 0; l < this.depth; l++) {
      const w = this.sizes[l + 1];
      this.Z.push(new Float64Array(n * w));
      this.A.push(l < this.depth - 1 ? new Float64Array(n * w) : new Float64Array(0));
      this.D.push(new Float64Array(n * w));
    }
    this.capacity = n;
  }

  /**
   * The forward pass on a batch.
   * @param x - n x sizes[0]
   * @returns n x outputs logits: a view into the model's buffers, valid until the next forward (copy it to keep it)
   */
  forward(x: MatrixLike): Matrix {
    const X = asMatrix(x, 'x');
    if (X.cols !== this.sizes[0]) throw new RangeError(`expected x with ${this.sizes[0]} columns (one per input), got ${X.cols}`);
    if (X.rows === 0) throw new RangeError('expected at least 1 row in x, got 0');
    this.forwardRaw(X.data, X.rows);
    return this.activations(this.depth - 1);
  }

  private forwardRaw(x: Float64Array, n: number): void {
    this.ensureCapacity(n);
    this.n = n;
    this.input = x;
    const P = this.params;
    let a = x;
    for (let l = 0; l < this.depth; l++) {
      const nin = this.sizes[l], nout = this.sizes[l + 1];
      const wo = this.wOffset[l], bo = this.bOffset[l];
      const z = this.Z[l];
      for (let i = 0; i < n; i++) {
        const ai = i * nin, zi = i * nout;
        for (let o = 0; o < nout; o++) {
          const wr = wo + o * nin;
          let s = P[bo + o];
          for (let j = 0; j < nin; j++) s += a[ai + j] * P[wr + j];
          z[zi + o] = s;
        }
      }
      if (l < this.depth - 1) {
        const out = this.A[l];
        activate(this.activation, z.subarray(0, n * nout), out.subarray(0, n * nout), { alpha: this.alpha });
        a = out;
      }
    }
  }

  private checkTargets(targets: MLPTargets, n: number): Float64Array | Int32Array {
    const K = this.sizes[this.depth];
    if (this.loss === 'softmaxCrossEntropy') return asClassLabels(targets, n, K).labels;
    const data = typeof targets === 'object' && targets !== null && 'data' in targets && (targets as Matrix).data instanceof Float64Array ? (targets as Matrix).data : targets;
    if (!Array.isArray(data) && !(ArrayBuffer.isView(data) && !(data instanceof DataView))) throw new TypeError('expected targets to be an array, typed array or Matrix of numbers');
    const arr = data as ArrayLike<number>;
    if (arr.length !== n * K) throw new RangeError(`expected ${n * K} targets (${n} rows x ${K} outputs), got ${arr.length}`);
    return arr instanceof Float64Array ? arr : Float64Array.from(arr);
  }

  /** The loss of the last forward pass, with dLoss/dlogits written into the output layer's delta buffer. */
  private outputLoss(y: Float64Array | Int32Array, n: number): LossResult {
    const L = this.depth - 1, K = this.sizes[this.depth];
    const z = this.Z[L].subarray(0, n * K), g = this.D[L].subarray(0, n * K);
    switch (this.loss) {
      case 'softmaxCrossEntropy': return softmaxCrossEntropyUnchecked(z, y, n, K, g);
      case 'binaryCrossEntropy': return binaryCrossEntropyWithLogits(z, y, g);
      case 'mse': return mse(z, y, g);
      case 'huber': return huber(z, y, this.huberDelta, g);
      case 'hinge': return hinge(z, y, g);
    }
  }

  /**
   * Backpropagation after a forward pass: the loss of that batch against `targets`, with every gradient written into
   * `grads` (overwritten, not accumulated).
   * @param targets - class indices (length n) for softmax cross-entropy; otherwise n x outputs values
   * @returns the mean loss of the batch
   */
  backward(targets: MLPTargets): number {
    if (this.n === 0) throw new RangeError('backward: call forward(x) first');
    return this.backwardRaw(this.checkTargets(targets, this.n), this.n);
  }

  private backwardRaw(y: Float64Array | Int32Array, n: number): number {
    const { loss } = this.outputLoss(y, n);
    const P = this.params, G = this.grads;
    for (let l = this.depth - 1; l >= 0; l--) {
      const nin = this.sizes[l], nout = this.sizes[l + 1];
      const wo = this.wOffset[l], bo = this.bOffset[l];
      const d = this.D[l];
      const a = l === 0 ? this.input : this.A[l - 1];
      G.fill(0, wo, bo + nout);
      // dW = delta^T A_prev (nout x nin), db = column sums of delta
      for (let i = 0; i < n; i++) {
        const ai = i * nin, di = i * nout;
        for (let o = 0; o < nout; o++) {
          const dv = d[di + o];
          if (dv === 0) continue;
          G[bo + o] += dv;
          const gr = wo + o * nin;
          for (let j = 0; j < nin; j++) G[gr + j] += dv * a[ai + j];
        }
      }
      if (l === 0) break;
      // delta_prev = (delta W) (*) f'(Z_prev)   (n x nin)
      const dp = this.D[l - 1];
      dp.fill(0, 0, n * nin);
      for (let i = 0; i < n; i++) {
        const pi = i * nin, di = i * nout;
        for (let o = 0; o < nout; o++) {
          const dv = d[di + o];
          if (dv === 0) continue;
          const wr = wo + o * nin;
          for (let j = 0; j < nin; j++) dp[pi + j] += dv * P[wr + j];
        }
      }
      multiplyByDerivative(this.activation, this.Z[l - 1].subarray(0, n * nin), dp.subarray(0, n * nin), { alpha: this.alpha });
    }
    return loss;
  }

  /** forward + backward: the mean loss on (x, targets), with the gradient left in `grads`. */
  lossAndGradient(x: MatrixLike, targets: MLPTargets): number {
    this.forward(x);
    return this.backward(targets);
  }

  /** The mean loss on (x, targets) without touching `grads` (for validation curves and gradient checking). */
  evaluate(x: MatrixLike, targets: MLPTargets): number {
    this.forward(x);
    const y = this.checkTargets(targets, this.n);
    return this.outputLoss(y, this.n).loss;
  }

  /**
   * Outputs as the loss interprets them (a copy): softmax probabilities (n x K) for softmax cross-entropy, sigmoid
   * probabilities for binary cross-entropy, raw outputs for mse/huber/hinge.
   */
  predict(x: MatrixLike): Matrix {
    const z = this.forward(x);
    const out = z.data.slice();
    const K = z.cols;
    if (this.loss === 'softmaxCrossEntropy') {
      for (let i = 0; i < z.rows; i++) {
        const base = i * K;
        let m = -Infinity;
        for (let k = 0; k < K; k++) if (out[base + k] > m) m = out[base + k];
        let s = 0;
        for (let k = 0; k < K; k++) s += (out[base + k] = Math.exp(out[base + k] - m));
        for (let k = 0; k < K; k++) out[base + k] /= s;
      }
    } else if (this.loss === 'binaryCrossEntropy') {
      for (let i = 0; i < out.length; i++) out[i] = sigmoid(out[i]);
    }
    return { rows: z.rows, cols: K, data: out };
  }

  /**
   * Predicted classes: the argmax of the outputs (several outputs), or output > 0 for a single logit/score
   * (binary cross-entropy: p > 0.5; hinge: the sign, returned as 0/1). Not defined for a single regression output.
   */
  predictClass(x: MatrixLike): Int32Array {
    const z = this.forward(x);
    const K = z.cols, n = z.rows;
    const out = new Int32Array(n);
    if (K === 1) {
      if (this.loss === 'mse' || this.loss === 'huber') throw new RangeError('predictClass: a single regression output has no classes');
      for (let i = 0; i < n; i++) out[i] = z.data[i] > 0 ? 1 : 0;
      return out;
    }
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let k = 1; k < K; k++) if (z.data[i * K + k] > z.data[i * K + best]) best = k;
      out[i] = best;
    }
    return out;
  }

  /**
   * Mini-batch training: each epoch shuffles the rows (seeded), then for every batch runs forward, backward and one
   * optimizer step on `params`.
   * @param x - n x sizes[0]
   * @param targets - class indices (softmax cross-entropy) or n x outputs values
   */
  fit(x: MatrixLike, targets: MLPTargets, options: Partial<FitOptions> = {}): FitHistory {
    const fn = 'MLP.fit';
    const o = withDefaults(fn, options, fitDefaults);
    const X = asMatrix(x, 'x');
    const d = this.sizes[0], K = this.sizes[this.depth];
    if (X.cols !== d) throw new RangeError(`${fn}: expected x with ${d} columns (one per input), got ${X.cols}`);
    const n = X.rows;
    if (n === 0) throw new RangeError(`${fn}: expected at least 1 row in x, got 0`);
    const y = this.checkTargets(targets, n);
    const epochs = checkInt(fn, 'epochs', o.epochs, 0);
    const batchSize = Math.min(checkInt(fn, 'batchSize', o.batchSize, 1), n);
    const optimizer = o.optimizer ?? new Adam({ learningRate: 0.01 });
    if (typeof optimizer.step !== 'function') throw new TypeError(`${fn}: expected optimizer to implement step(params, grads)`);
    const rng = o.shuffle ? rngFrom(o.seed) : null;
    const yWidth = this.loss === 'softmaxCrossEntropy' ? 1 : K;
    const bx = new Float64Array(batchSize * d);
    const by = y instanceof Int32Array ? new Int32Array(batchSize * yWidth) : new Float64Array(batchSize * yWidth);
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const history = new Float64Array(epochs);
    let steps = 0;
    for (let e = 0; e < epochs; e++) {
      if (rng) rng.shuffle<number, Uint32Array>(order);
      let total = 0;
      for (let start = 0; start < n; start += batchSize) {
        const m = Math.min(batchSize, n - start);
        for (let r = 0; r < m; r++) {
          const src = order[start + r];
          bx.set(X.data.subarray(src * d, src * d + d), r * d);
          for (let k = 0; k < yWidth; k++) by[r * yWidth + k] = y[src * yWidth + k];
        }
        this.forwardRaw(bx, m);
        const loss = this.backwardRaw(m === batchSize ? by : by.subarray(0, m * yWidth), m);
        if (o.schedule) optimizer.learningRate = o.schedule(steps);
        optimizer.step(this.params, this.grads);
        steps++;
        total += loss * m;
      }
      history[e] = total / n;
      if (!Number.isFinite(history[e])) throw new RangeError(`${fn}: the training loss became ${history[e]} in epoch ${e} (learning rate too large?)`);
      o.onEpoch?.(e, history[e]);
    }
    this.n = 0; // the cached batch belongs to a buffer reused by the next fit; force a new forward before backward
    return { loss: history, steps };
  }
}
