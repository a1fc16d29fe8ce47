// The alignment losses as tfjs ops for training tfjs models: sequence log-probs, DPO, Bradley-Terry and distillation (each tested equal to its from-scratch version).
import * as tf from '@tensorflow/tfjs';

/**
 * Sum over positions of log softmax(logits)[target], masked: log pi(y | x) of each sequence in a batch.
 * @param logits - [batch, time, vocab]
 * @param targets - [batch, time] int32 token ids
 * @param mask - [batch, time] 1 for response tokens that count, 0 for prompt and padding
 * @returns [batch]
 */
export function sequenceLogProbsTf(logits: tf.Tensor3D, targets: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor1D {
  if (logits.rank !== 3 || targets.rank !== 2 || mask.rank !== 2) throw new RangeError(`expected logits [B, T, V], targets [B, T], mask [B, T], got ranks ${logits.rank}, ${targets.rank}, ${mask.rank}`);
  const [b, t, v] = logits.shape;
  if (targets.shape[0] !== b || targets.shape[1] !== t || mask.shape[0] !== b || mask.shape[1] !== t) throw new RangeError(`expected targets and mask of shape [${b}, ${t}], got [${targets.shape}] and [${mask.shape}]`);
  return tf.tidy(() => {
    const logp = tf.logSoftmax(logits);
    const picked = logp.mul(tf.oneHot(targets.toInt().reshape([b * t]), v).reshape([b, t, v])).sum(2);
    return picked.mul(mask).sum(1) as tf.Tensor1D;
  });
}

/** mean -log sigma(beta [(pc - rc) - (pr - rr)]); inputs [n] sequence log-probs, the reference ones treated as constants. */
export function dpoLossTf(policyChosen: tf.Tensor1D, policyRejected: tf.Tensor1D, refChosen: tf.Tensor1D, refRejected: tf.Tensor1D, beta: number): tf.Scalar {
  if (!(beta > 0)) throw new RangeError(`expected beta > 0, got beta = ${beta}`);
  return tf.tidy(() => {
    const margin = policyChosen.sub(refChosen).sub(policyRejected.sub(refRejected)).mul(beta);
    return tf.softplus(margin.neg()).mean() as tf.Scalar;
  });
}

/** mean -log sigma(r_w - r_l) = mean softplus(r_l - r_w). */
export function bradleyTerryLossTf(rewardsChosen: tf.Tensor1D, rewardsRejected: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.softplus(rewardsRejected.sub(rewardsChosen)).mean() as tf.Scalar);
}

/** T^2 mean_rows KL(softmax(teacher/T) || softmax(student/T)); student and teacher logits [n, k]. */
export function distillationLossTf(studentLogits: tf.Tensor2D, teacherLogits: tf.Tensor2D, temperature: number): tf.Scalar {
  if (!(temperature > 0)) throw new RangeError(`expected temperature > 0, got temperature = ${temperature}`);
  return tf.tidy(() => {
    const logPt = tf.logSoftmax(teacherLogits.div(temperature));
    const logPs = tf.logSoftmax(studentLogits.div(temperature));
    return tf.exp(logPt).mul(logPt.sub(logPs)).sum(1).mean().mul(temperature * temperature) as tf.Scalar;
  });
}
