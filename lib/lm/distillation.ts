// Knowledge distillation loss (Hinton et al. 2015): T^2 times the KL divergence from the teacher's to the student's temperature-softened distributions.
import { asMatrix, matrix, type Matrix, type MatrixLike } from '../core/matrix';

export interface DistillationOptions {
  /** Softmax temperature T > 0 (default 2); higher T exposes the teacher's "dark knowledge" in small probabilities. */
  temperature: number;
}

export interface DistillationResult {
  /** T^2 * mean over rows of KL(p_teacher^T || p_student^T). */
  loss: number;
  /** d loss / d student logits (n x k): T (p_student^T - p_teacher^T) / n. */
  grad: Matrix;
  /** Softened distributions (n x k). */
  teacherProbs: Matrix;
  studentProbs: Matrix;
}

/** Row-wise softmax(z / T), max-subtracted so large logits do not overflow. */
export function softmaxWithTemperature(logits: MatrixLike, temperature: number): Matrix {
  if (typeof temperature !== 'number' || !(temperature > 0) || !Number.isFinite(temperature)) throw new RangeError(`expected temperature > 0, got temperature = ${temperature}`);
  const z = asMatrix(logits, 'logits');
  const out = matrix(z.rows, z.cols);
  for (let i = 0; i < z.rows; i++) {
    let mx = -Infinity;
    for (let j = 0; j < z.cols; j++) mx = Math.max(mx, z.data[i * z.cols + j] / temperature);
    let s = 0;
    for (let j = 0; j < z.cols; j++) s += out.data[i * z.cols + j] = Math.exp(z.data[i * z.cols + j] / temperature - mx);
    for (let j = 0; j < z.cols; j++) out.data[i * z.cols + j] /= s;
  }
  return out;
}

/**
 * Soft-target distillation loss. Why T^2: the gradient of the softened KL carries a factor 1/T, and the soft
 * probabilities' differences shrink like 1/T, so without T^2 the soft term's gradients would fade as T grows and
 * its weight against a hard-label loss would depend on T.
 * @param studentLogits - n x k
 * @param teacherLogits - n x k
 */
export function distillationLoss(studentLogits: MatrixLike, teacherLogits: MatrixLike, options: Partial<DistillationOptions> = {}): DistillationResult {
  const T = options.temperature ?? 2;
  const s = asMatrix(studentLogits, 'studentLogits');
  const t = asMatrix(teacherLogits, 'teacherLogits');
  if (s.rows !== t.rows || s.cols !== t.cols) throw new RangeError(`expected student and teacher logits of the same shape, got ${s.rows} x ${s.cols} and ${t.rows} x ${t.cols}`);
  if (s.rows === 0 || s.cols < 2) throw new RangeError(`expected at least 1 row and 2 classes, got ${s.rows} x ${s.cols}`);
  const ps = softmaxWithTemperature(s, T);
  const pt = softmaxWithTemperature(t, T);
  const n = s.rows, k = s.cols;
  let kl = 0;
  const grad = matrix(n, k);
  for (let i = 0; i < n; i++) {
    // log p_s computed from logits (log-softmax) rather than log of a probability that may underflow to 0
    let mx = -Infinity;
    for (let j = 0; j < k; j++) mx = Math.max(mx, s.data[i * k + j] / T);
    let lse = 0;
    for (let j = 0; j < k; j++) lse += Math.exp(s.data[i * k + j] / T - mx);
    const logZ = mx + Math.log(lse);
    for (let j = 0; j < k; j++) {
      const p = pt.data[i * k + j];
      if (p > 0) kl += p * (Math.log(p) - (s.data[i * k + j] / T - logZ));
      grad.data[i * k + j] = (T * (ps.data[i * k + j] - p)) / n;
    }
  }
  return { loss: (T * T * kl) / n, grad, teacherProbs: pt, studentProbs: ps };
}
