// Seeded tfjs training helpers: an epoch loop for classifiers (augmentation, learning-rate decay, history) and a custom-step loop.
import * as tf from '@tensorflow/tfjs';
import { globalRandom } from '../core/random';

export interface FitClassifierOptions {
  /** Passes over the training data. */
  epochs: number;
  /** Examples per gradient step. */
  batchSize: number;
  /** Shuffle the examples every epoch (with Math.random, which seed() controls). */
  shuffle: boolean;
  /** Returns the inputs for an epoch (e.g. freshly augmented copies of x, same order as the labels); default: x itself. */
  augment: ((epoch: number) => tf.Tensor) | undefined;
  /** After every epoch the optimizer's learning rate is multiplied by this (1 = constant). */
  learningRateDecay: number;
  /** Held-out inputs and labels whose accuracy is recorded after every epoch. */
  validation: { x: tf.Tensor; labels: ArrayLike<number> } | undefined;
  /** Called after every epoch with its record. */
  onEpochEnd: ((epoch: number, record: EpochRecord) => void) | undefined;
}

export const fitClassifierDefaults: Readonly<FitClassifierOptions> = {
  epochs: 5,
  batchSize: 64,
  shuffle: true,
  augment: undefined,
  learningRateDecay: 1,
  validation: undefined,
  onEpochEnd: undefined,
};

/** One epoch of training. */
export interface EpochRecord {
  /** Mean training loss over the epoch's batches. */
  loss: number;
  /** Training accuracy over the epoch (while the weights were changing), when the model was compiled with metrics: ['accuracy']. */
  accuracy: number | undefined;
  /** Accuracy on the validation set after the epoch. */
  valAccuracy: number | undefined;
  /** The learning rate used during the epoch. */
  learningRate: number;
}

/** What {@link fitClassifier} returns: one entry per epoch, plus totals. */
export interface FitHistory {
  loss: number[];
  accuracy: (number | undefined)[];
  valAccuracy: (number | undefined)[];
  learningRate: number[];
  /** Gradient steps taken. */
  steps: number;
  /** Wall time of training in milliseconds (varies run to run: report it, never assert it). */
  milliseconds: number;
}

/** The optimizer's learning rate (tfjs optimizers keep it in a `learningRate` field). */
export function getLearningRate(optimizer: tf.Optimizer): number {
  const lr = (optimizer as unknown as { learningRate?: unknown }).learningRate;
  if (typeof lr !== 'number') throw new TypeError(`expected an optimizer with a numeric learningRate (sgd, momentum, adam, rmsprop, ...), got ${optimizer.getClassName()}`);
  return lr;
}

/** Sets the optimizer's learning rate for the following steps (tfjs reads the field at every step). */
export function setLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  getLearningRate(optimizer);
  if (!(learningRate > 0) || !Number.isFinite(learningRate)) throw new RangeError(`expected a positive learning rate, got ${learningRate}`);
  (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
}

/**
 * Predicted class (argmax of the model's output) for every row of x, in batches.
 * @param x - inputs with the examples on the first axis
 */
export function predictClasses(model: tf.LayersModel, x: tf.Tensor, batchSize = 256): Int32Array {
  const n = x.shape[0];
  const out = new Int32Array(n);
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const classes = tf.tidy(() => {
      const batch = x.slice(start, size);
      return (model.predict(batch) as tf.Tensor).argMax(-1).dataSync();
    });
    out.set(classes, start);
  }
  return out;
}

/** Fraction of the rows of x whose predicted class equals the label. */
export function evaluateAccuracy(model: tf.LayersModel, x: tf.Tensor, labels: ArrayLike<number>): number {
  if (labels.length !== x.shape[0]) throw new RangeError(`expected ${x.shape[0]} labels (one per example), got ${labels.length}`);
  if (labels.length === 0) throw new RangeError('expected at least 1 example, got 0');
  const predicted = predictClasses(model, x);
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) correct++;
  return correct / labels.length;
}

/**
 * Trains a compiled classifier epoch by epoch with `model.fit`, so that each epoch can use freshly augmented inputs,
 * a decayed learning rate, and a validation accuracy. Needs `seed(n)` first: the shuffle and the initial weights
 * come from Math.random, and the same seed gives the same weights bit for bit on the same backend.
 * @param x - training inputs, examples on the first axis
 * @param y - training targets for the model's loss (e.g. one-hot rows for categoricalCrossentropy)
 */
export async function fitClassifier(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, options: Partial<FitClassifierOptions> = {}): Promise<FitHistory> {
  globalRandom(); // throws when seed() was not called
  const known = Object.keys(fitClassifierDefaults);
  for (const k of Object.keys(options)) if (!known.includes(k)) throw new TypeError(`fitClassifier: unknown option "${k}" (known: ${known.join(', ')})`);
  const o: FitClassifierOptions = { ...fitClassifierDefaults, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  if (!Number.isInteger(o.epochs) || o.epochs < 1) throw new RangeError(`fitClassifier: expected epochs >= 1, got epochs = ${o.epochs}`);
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1) throw new RangeError(`fitClassifier: expected batchSize >= 1, got batchSize = ${o.batchSize}`);
  if (!(o.learningRateDecay > 0)) throw new RangeError(`fitClassifier: expected learningRateDecay > 0, got ${o.learningRateDecay}`);
  if (x.shape[0] !== y.shape[0]) throw new RangeError(`fitClassifier: expected as many targets as inputs (${x.shape[0]}), got ${y.shape[0]}`);
  if (!model.optimizer) throw new TypeError('fitClassifier: compile the model first (model.compile({optimizer, loss, metrics}))');
  const history: FitHistory = { loss: [], accuracy: [], valAccuracy: [], learningRate: [], steps: 0, milliseconds: 0 };
  const started = performance.now();
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const learningRate = getLearningRate(model.optimizer);
    const inputs = o.augment ? o.augment(epoch) : x;
    if (inputs.shape[0] !== x.shape[0]) throw new RangeError(`fitClassifier: augment(${epoch}) returned ${inputs.shape[0]} examples, expected ${x.shape[0]}`);
    const h = await model.fit(inputs, y, { epochs: 1, batchSize: o.batchSize, shuffle: o.shuffle, verbose: 0 });
    if (inputs !== x) inputs.dispose();
    history.steps += Math.ceil(x.shape[0] / o.batchSize);
    const acc = (h.history.acc ?? h.history.accuracy)?.[0];
    const record: EpochRecord = {
      loss: Number(h.history.loss[0]),
      accuracy: acc === undefined ? undefined : Number(acc),
      valAccuracy: o.validation ? evaluateAccuracy(model, o.validation.x, o.validation.labels) : undefined,
      learningRate,
    };
    history.loss.push(record.loss);
    history.accuracy.push(record.accuracy);
    history.valAccuracy.push(record.valAccuracy);
    history.learningRate.push(learningRate);
    o.onEpochEnd?.(epoch, record);
    if (o.learningRateDecay !== 1) setLearningRate(model.optimizer, learningRate * o.learningRateDecay);
  }
  history.milliseconds = performance.now() - started;
  return history;
}

export interface TrainLoopOptions {
  /** Gradient steps. */
  steps: number;
  /** The loss of one step's batch, built from tf ops on the trainable variables (called inside optimizer.minimize). */
  loss: (step: number) => tf.Scalar;
  optimizer: tf.Optimizer;
  /** Variables to update; default: every trainable variable the loss touches. */
  varList: tf.Variable[] | undefined;
  /** Record the loss every this many steps (reading it back costs a sync). */
  logEvery: number;
  /** Called with each recorded loss. */
  onLog: ((step: number, loss: number) => void) | undefined;
}

/**
 * A custom training loop for models written with tf ops and variables (no tf.layers): `steps` calls of
 * optimizer.minimize(loss(step)), with tensors of each step freed. Needs `seed(n)` first if the batches are drawn
 * with Math.random.
 * @returns the recorded losses and the steps they were recorded at, plus the wall time in milliseconds
 */
export function trainLoop(options: Partial<TrainLoopOptions> & Pick<TrainLoopOptions, 'steps' | 'loss' | 'optimizer'>): { steps: number[]; losses: number[]; milliseconds: number } {
  const o: TrainLoopOptions = { varList: undefined, logEvery: 50, onLog: undefined, ...options };
  if (!Number.isInteger(o.steps) || o.steps < 1) throw new RangeError(`trainLoop: expected steps >= 1, got steps = ${o.steps}`);
  if (!Number.isInteger(o.logEvery) || o.logEvery < 1) throw new RangeError(`trainLoop: expected logEvery >= 1, got logEvery = ${o.logEvery}`);
  if (typeof o.loss !== 'function') throw new TypeError('trainLoop: expected loss to be a function returning a scalar tensor');
  const steps: number[] = [], losses: number[] = [];
  const started = performance.now();
  for (let step = 0; step < o.steps; step++) {
    const record = step % o.logEvery === 0 || step === o.steps - 1;
    const lossTensor = o.optimizer.minimize(() => o.loss(step), record, o.varList);
    if (record && lossTensor) {
      const value = lossTensor.dataSync()[0];
      lossTensor.dispose();
      steps.push(step);
      losses.push(value);
      o.onLog?.(step, value);
    }
  }
  return { steps, losses, milliseconds: performance.now() - started };
}
