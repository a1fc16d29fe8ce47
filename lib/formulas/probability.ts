// Bayes' rule over a finite set of hypotheses: the posterior P(h | data) from a prior P(h) and likelihoods P(data | h).

/**
 * Bayes' rule, P(h | d) = P(d | h) P(h) / P(d) with the evidence P(d) = sum_h P(d | h) P(h) (the law of total
 * probability). Computed in log space so tiny likelihoods (products over many observations) do not underflow.
 * @param prior - length H prior probabilities P(h) (>= 0, summing to 1)
 * @param likelihood - length H values P(d | h) >= 0 (need not sum to 1)
 * @returns the posterior (length H) and the evidence P(d)
 * @throws RangeError when the evidence is 0 (the data are impossible under every hypothesis)
 */
export function bayesPosterior(prior: ArrayLike<number>, likelihood: ArrayLike<number>): { posterior: Float64Array; evidence: number } {
  const fn = 'bayesPosterior';
  for (const [name, v] of [['prior', prior], ['likelihood', likelihood]] as const) {
    if (!(Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView)))) throw new TypeError(`${fn}: expected ${name} to be an array or typed array of numbers`);
  }
  const H = prior.length;
  if (H === 0) throw new RangeError(`${fn}: expected at least 1 hypothesis, got 0`);
  if (likelihood.length !== H) throw new RangeError(`${fn}: expected ${H} likelihoods (one per prior entry), got ${likelihood.length}`);
  let total = 0;
  for (let h = 0; h < H; h++) {
    const a = prior[h], b = likelihood[h];
    if (typeof a !== 'number' || typeof b !== 'number') throw new TypeError(`${fn}: expected numbers, got ${typeof a}/${typeof b} at index ${h}`);
    if (!(a >= 0) || !Number.isFinite(a)) throw new RangeError(`${fn}: expected prior probabilities >= 0, got ${a} at index ${h}`);
    if (!(b >= 0) || !Number.isFinite(b)) throw new RangeError(`${fn}: expected likelihoods >= 0, got ${b} at index ${h}`);
    total += a;
  }
  if (Math.abs(total - 1) > 1e-9) throw new RangeError(`${fn}: expected the prior to sum to 1, got ${total}`);
  const logJoint = new Float64Array(H);
  let max = -Infinity;
  for (let h = 0; h < H; h++) {
    logJoint[h] = Math.log(prior[h]) + Math.log(likelihood[h]);
    if (logJoint[h] > max) max = logJoint[h];
  }
  if (max === -Infinity) throw new RangeError(`${fn}: the evidence P(d) is 0: the data have zero likelihood under every hypothesis with prior > 0`);
  let sum = 0;
  const posterior = new Float64Array(H);
  for (let h = 0; h < H; h++) sum += posterior[h] = Math.exp(logJoint[h] - max);
  for (let h = 0; h < H; h++) posterior[h] /= sum;
  return { posterior, evidence: Math.exp(max) * sum };
}
