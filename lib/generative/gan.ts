// GAN losses from discriminator logits: the discriminator's cross-entropy and the generator's saturating (min-max) and non-saturating losses, in float64 with gradients and in tfjs for training.
import * as tf from '@tensorflow/tfjs';

/** log(1 + e^z) without overflow: max(z, 0) + log1p(e^{-|z|}). */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}
/** sigma(z) = 1 / (1 + e^{-z}), stable for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

function checkLogits(fn: string, name: string, a: ArrayLike<number>): void {
  if (a === null || typeof a !== 'object' || typeof a.length !== 'number') throw new TypeError(`${fn}: expected ${name} to be an array of numbers`);
  if (a.length === 0) throw new RangeError(`${fn}: expected at least 1 logit in ${name}, got 0`);
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) throw new RangeError(`${fn}: expected finite logits, got ${name}[${i}] = ${a[i]}`);
}

/**
 * The discriminator's loss, binary cross-entropy with real = 1 and fake = 0, on logits l (D = sigma(l)):
 * L_D = mean_i -log sigma(l_real,i) + mean_j -log(1 - sigma(l_fake,j)) = mean softplus(-l_real) + mean softplus(l_fake).
 * @returns the loss and its gradients w.r.t. each logit (gradReal[i] = -(1 - D_i)/n_real, gradFake[j] = D_j/n_fake)
 */
export function discriminatorLoss(realLogits: ArrayLike<number>, fakeLogits: ArrayLike<number>): { loss: number; gradReal: Float64Array; gradFake: Float64Array } {
  checkLogits('discriminatorLoss', 'realLogits', realLogits);
  checkLogits('discriminatorLoss', 'fakeLogits', fakeLogits);
  const nr = realLogits.length, nf = fakeLogits.length;
  let loss = 0;
  const gradReal = new Float64Array(nr), gradFake = new Float64Array(nf);
  for (let i = 0; i < nr; i++) { loss += softplus(-realLogits[i]) / nr; gradReal[i] = -sigmoid(-realLogits[i]) / nr; }
  for (let j = 0; j < nf; j++) { loss += softplus(fakeLogits[j]) / nf; gradFake[j] = sigmoid(fakeLogits[j]) / nf; }
  return { loss, gradReal, gradFake };
}

export type GeneratorLossKind = 'non-saturating' | 'saturating';

/**
 * The generator's loss on the logits of its samples.
 * - 'saturating' (the min-max game's own term, minimised by G): mean log(1 - D) = -mean softplus(l); its gradient
 *   -D/n vanishes when D confidently rejects the fakes (D -> 0), exactly early in training.
 * - 'non-saturating' (Goodfellow et al. 2014's practical choice): mean -log D = mean softplus(-l); gradient -(1 - D)/n,
 *   largest when D rejects the fakes. Same fixed point, much stronger early signal.
 */
export function generatorLoss(fakeLogits: ArrayLike<number>, kind: GeneratorLossKind = 'non-saturating'): { loss: number; grad: Float64Array } {
  checkLogits('generatorLoss', 'fakeLogits', fakeLogits);
  if (kind !== 'non-saturating' && kind !== 'saturating') throw new RangeError(`generatorLoss: expected kind 'non-saturating' or 'saturating', got ${JSON.stringify(kind)}`);
  const n = fakeLogits.length;
  let loss = 0;
  const grad = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const l = fakeLogits[j];
    if (kind === 'non-saturating') { loss += softplus(-l) / n; grad[j] = -sigmoid(-l) / n; }
    else { loss -= softplus(l) / n; grad[j] = -sigmoid(l) / n; }
  }
  return { loss, grad };
}

/** tfjs version of {@link discriminatorLoss} on [n] or [n, 1] logit tensors, for training (softplus is stable in tfjs). */
export function discriminatorLossTf(realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.softplus(realLogits.neg()).mean().add(tf.softplus(fakeLogits).mean()) as tf.Scalar);
}

/** tfjs version of {@link generatorLoss}. */
export function generatorLossTf(fakeLogits: tf.Tensor, kind: GeneratorLossKind = 'non-saturating'): tf.Scalar {
  if (kind !== 'non-saturating' && kind !== 'saturating') throw new RangeError(`generatorLossTf: expected kind 'non-saturating' or 'saturating', got ${JSON.stringify(kind)}`);
  return tf.tidy(() => (kind === 'non-saturating' ? tf.softplus(fakeLogits.neg()).mean() : tf.softplus(fakeLogits).mean().neg()) as tf.Scalar);
}
