// The RLHF objective's pieces from token log-probs: reward minus beta times the KL to a reference policy, per-token shaped rewards, and its closed-form optimum.

function vec(v: unknown, name: string): ArrayLike<number> {
  if (v === null || typeof v !== 'object' || typeof (v as ArrayLike<number>).length !== 'number') throw new TypeError(`expected ${name} to be an array of numbers`);
  const a = v as ArrayLike<number>;
  for (let i = 0; i < a.length; i++) if (typeof a[i] !== 'number' || Number.isNaN(a[i])) throw new RangeError(`expected numbers in ${name}, got ${a[i]} at index ${i}`);
  return a;
}

function checkBeta(beta: number): void {
  if (typeof beta !== 'number' || !(beta >= 0) || !Number.isFinite(beta)) throw new RangeError(`expected beta >= 0, got beta = ${beta}`);
}

/** log pi(y|x) of a whole response: the sum of its tokens' log-probs (the chain rule). */
export function sequenceLogProb(tokenLogProbs: ArrayLike<number>): number {
  const a = vec(tokenLogProbs, 'tokenLogProbs');
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

/**
 * Single-sample KL estimate sum_t [log pi(y_t|.) - log pi_ref(y_t|.)] for a response y sampled from pi: its
 * expectation over y ~ pi is KL(pi || pi_ref) exactly, but one sample can be negative.
 */
export function sampledKl(policyLogProbs: ArrayLike<number>, refLogProbs: ArrayLike<number>): number {
  const p = vec(policyLogProbs, 'policyLogProbs'), r = vec(refLogProbs, 'refLogProbs');
  if (p.length !== r.length) throw new RangeError(`expected one reference log-prob per token, got ${p.length} and ${r.length}`);
  let s = 0;
  for (let i = 0; i < p.length; i++) s += p[i] - r[i];
  return s;
}

export interface RlhfObjective {
  reward: number;
  kl: number;
  /** reward - beta * kl: what PPO maximises for this sample. */
  objective: number;
}

/** r(x, y) - beta * [log pi(y|x) - log pi_ref(y|x)] for one sampled response. */
export function rlhfObjective(reward: number, policyLogProbs: ArrayLike<number>, refLogProbs: ArrayLike<number>, beta: number): RlhfObjective {
  checkBeta(beta);
  if (typeof reward !== 'number' || !Number.isFinite(reward)) throw new RangeError(`expected a finite reward, got ${reward}`);
  const kl = sampledKl(policyLogProbs, refLogProbs);
  return { reward, kl, objective: reward - beta * kl };
}

/**
 * Per-token rewards as InstructGPT-style PPO uses them: -beta (log pi - log pi_ref) at every token, plus the
 * reward model's score on the last token. Their sum equals rlhfObjective(...).objective.
 */
export function shapedTokenRewards(reward: number, policyLogProbs: ArrayLike<number>, refLogProbs: ArrayLike<number>, beta: number): Float64Array {
  checkBeta(beta);
  const p = vec(policyLogProbs, 'policyLogProbs'), r = vec(refLogProbs, 'refLogProbs');
  if (p.length !== r.length) throw new RangeError(`expected one reference log-prob per token, got ${p.length} and ${r.length}`);
  if (p.length === 0) throw new RangeError('expected at least 1 token, got 0');
  const out = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) out[i] = -beta * (p[i] - r[i]);
  out[p.length - 1] += reward;
  return out;
}

/** KL(p || q) = sum_i p_i log(p_i / q_i) for two categorical distributions (0 log 0 = 0; Infinity where q_i = 0 < p_i). */
export function categoricalKl(p: ArrayLike<number>, q: ArrayLike<number>): number {
  const a = vec(p, 'p'), b = vec(q, 'q');
  if (a.length !== b.length) throw new RangeError(`expected distributions of the same length, got ${a.length} and ${b.length}`);
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === 0) continue;
    if (b[i] === 0) return Infinity;
    s += a[i] * Math.log(a[i] / b[i]);
  }
  return s;
}

/** E_{y~pi}[r(y)] - beta KL(pi || pi_ref) over a finite set of responses. */
export function expectedObjective(policy: ArrayLike<number>, ref: ArrayLike<number>, rewards: ArrayLike<number>, beta: number): number {
  checkBeta(beta);
  const p = vec(policy, 'policy'), r = vec(rewards, 'rewards');
  if (r.length !== p.length) throw new RangeError(`expected one reward per response, got ${r.length} for ${p.length}`);
  let e = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) e += p[i] * r[i];
  return e - beta * categoricalKl(p, ref);
}

/**
 * The maximiser of E_pi[r] - beta KL(pi || pi_ref): pi*(y) = pi_ref(y) exp(r(y)/beta) / Z. DPO starts here:
 * solved for r, r(y) = beta log(pi*(y)/pi_ref(y)) + beta log Z, and Z cancels in a difference of two responses.
 */
export function optimalPolicy(ref: ArrayLike<number>, rewards: ArrayLike<number>, beta: number): Float64Array {
  if (!(beta > 0)) throw new RangeError(`expected beta > 0, got beta = ${beta}`);
  const q = vec(ref, 'ref'), r = vec(rewards, 'rewards');
  if (q.length !== r.length) throw new RangeError(`expected one reward per response, got ${r.length} for ${q.length}`);
  let mx = -Infinity;
  for (let i = 0; i < q.length; i++) if (q[i] > 0) mx = Math.max(mx, r[i] / beta);
  const out = new Float64Array(q.length);
  let z = 0;
  for (let i = 0; i < q.length; i++) z += out[i] = q[i] > 0 ? q[i] * Math.exp(r[i] / beta - mx) : 0;
  for (let i = 0; i < q.length; i++) out[i] /= z;
  return out;
}
