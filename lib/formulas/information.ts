// Information theory for discrete distributions: cross-entropy H(p, q) and KL divergence KL(p || q) (entropy itself is lib/classic/decision-tree's `entropy`).

/** Checks a probability vector (finite, >= 0, summing to 1 within 1e-9) and returns it as a Float64Array. */
function distribution(fn: string, name: string, v: unknown, length?: number): Float64Array {
  if (!(Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView)))) {
    throw new TypeError(`${fn}: expected ${name} to be an array or typed array of probabilities, got ${v === null ? 'null' : typeof v}`);
  }
  const a = v as ArrayLike<unknown>;
  if (a.length === 0) throw new RangeError(`${fn}: expected ${name} with at least 1 outcome, got 0`);
  if (length !== undefined && a.length !== length) throw new RangeError(`${fn}: expected ${name} with ${length} outcomes (like p), got ${a.length}`);
  const out = new Float64Array(a.length);
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x !== 'number') throw new TypeError(`${fn}: expected numeric probabilities, got ${typeof x} at ${name}[${i}]`);
    if (!(x >= 0) || !Number.isFinite(x)) throw new RangeError(`${fn}: expected probabilities >= 0, got ${x} at ${name}[${i}]`);
    out[i] = x;
    sum += x;
  }
  if (Math.abs(sum - 1) > 1e-9) throw new RangeError(`${fn}: expected ${name} to sum to 1, got ${sum}`);
  return out;
}

function checkBase(fn: string, base: number): number {
  if (typeof base !== 'number' || !(base > 1) || !Number.isFinite(base)) throw new RangeError(`${fn}: expected base > 1, got base = ${base}`);
  return Math.log(base);
}

/**
 * Cross-entropy H(p, q) = -sum_i p_i log q_i: the average code length (in nats by default; base 2 gives bits) when
 * outcomes drawn from p are coded with a code built for q. Terms with p_i = 0 count 0; q_i = 0 where p_i > 0 gives
 * Infinity. Equals the entropy H(p) plus KL(p || q), so minimising it over q minimises the KL divergence.
 * @param p - the true distribution (length K, sums to 1)
 * @param q - the model's distribution (length K, sums to 1)
 */
export function crossEntropy(p: ArrayLike<number>, q: ArrayLike<number>, base = Math.E): number {
  const fn = 'crossEntropy';
  const P = distribution(fn, 'p', p);
  const Q = distribution(fn, 'q', q, P.length);
  const ln = checkBase(fn, base);
  let h = 0;
  for (let i = 0; i < P.length; i++) if (P[i] > 0) h -= P[i] * Math.log(Q[i]);
  return h / ln;
}

/**
 * Kullback-Leibler divergence KL(p || q) = sum_i p_i log(p_i / q_i) >= 0 (Gibbs' inequality), 0 exactly when p = q.
 * Not symmetric: KL(p || q) != KL(q || p) in general. Infinity when q_i = 0 where p_i > 0.
 * @param p - length K, sums to 1
 * @param q - length K, sums to 1
 */
export function klDivergence(p: ArrayLike<number>, q: ArrayLike<number>, base = Math.E): number {
  const fn = 'klDivergence';
  const P = distribution(fn, 'p', p);
  const Q = distribution(fn, 'q', q, P.length);
  const ln = checkBase(fn, base);
  let kl = 0;
  for (let i = 0; i < P.length; i++) if (P[i] > 0) kl += P[i] * Math.log(P[i] / Q[i]);
  // Rounding can leave -1e-17 for p = q; the divergence is never negative.
  return Math.max(0, kl) / ln;
}
