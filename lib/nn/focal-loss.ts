// Binary focal loss on logits (Lin et al. 2017): cross-entropy scaled by (1 - p_t)^gamma so easy examples weigh little.
import { sigmoid, softplus } from '../linear/logistic-regression';
import type { LossResult } from './losses';

export interface FocalLossOptions {
  /** Focusing parameter gamma >= 0; 0 gives (alpha-weighted) cross-entropy. Default 2. */
  gamma: number;
  /** Weight of the positive class in [0, 1] (negatives get 1 - alpha); null for no class weighting. Default null. */
  alpha: number | null;
}

export const focalLossDefaults: Readonly<FocalLossOptions> = { gamma: 2, alpha: null };

/**
 * Mean binary focal loss on logits z with targets y in {0, 1}:
 *   p_t = sigma(z) if y = 1 else 1 - sigma(z),   FL = -alpha_t (1 - p_t)^gamma log p_t,
 *   dFL/dz = alpha_t s (1 - p_t)^gamma (gamma p_t log p_t + p_t - 1),  s = 2y - 1,
 * averaged over the N entries (the gradient is divided by N too). log p_t is computed as -softplus(-s z), so it never
 * takes log(0); alpha_t = alpha for positives, 1 - alpha for negatives, 1 when alpha is null.
 * @param grad - optional output buffer for dLoss/dz (length N)
 */
export function binaryFocalLoss(logits: ArrayLike<number>, targets: ArrayLike<number>, options: Partial<FocalLossOptions> = {}, grad?: Float64Array): LossResult {
  const fn = 'binaryFocalLoss';
  const { gamma, alpha } = { ...focalLossDefaults, ...options };
  if (typeof gamma !== 'number' || !(gamma >= 0) || !Number.isFinite(gamma)) throw new RangeError(`${fn}: expected gamma >= 0, got gamma = ${gamma}`);
  if (alpha !== null && (typeof alpha !== 'number' || !(alpha >= 0 && alpha <= 1))) throw new RangeError(`${fn}: expected 0 <= alpha <= 1 or null, got alpha = ${alpha}`);
  for (const [name, v] of [['logits', logits], ['targets', targets]] as const) {
    if (!Array.isArray(v) && !(ArrayBuffer.isView(v) && !(v instanceof DataView))) {
      throw new TypeError(`${fn}: expected ${name} to be an array or typed array of numbers, got ${v === null ? 'null' : typeof v}`);
    }
  }
  const N = logits.length;
  if (N === 0) throw new RangeError(`${fn}: expected at least 1 logit, got 0`);
  if (targets.length !== N) throw new RangeError(`${fn}: expected ${N} targets (one per logit), got ${targets.length}`);
  let g: Float64Array;
  if (grad === undefined) g = new Float64Array(N);
  else if (!(grad instanceof Float64Array)) throw new TypeError(`${fn}: expected grad to be a Float64Array`);
  else if (grad.length !== N) throw new RangeError(`${fn}: expected grad of length ${N}, got ${grad.length}`);
  else g = grad;
  let total = 0;
  for (let i = 0; i < N; i++) {
    const z = logits[i], y = targets[i];
    if (typeof z !== 'number' || !Number.isFinite(z)) throw new RangeError(`${fn}: expected finite logits, got ${z} at index ${i}`);
    if (y !== 0 && y !== 1) throw new RangeError(`${fn}: expected targets 0 or 1, got ${y} at index ${i}`);
    const s = 2 * y - 1;
    const pt = sigmoid(s * z);
    const logPt = -softplus(-s * z);
    const at = alpha === null ? 1 : y === 1 ? alpha : 1 - alpha;
    const mod = gamma === 0 ? 1 : Math.pow(1 - pt, gamma);
    total += -at * mod * logPt;
    g[i] = (at * s * mod * (gamma * pt * logPt + pt - 1)) / N;
  }
  return { loss: total / N, grad: g };
}
