// Multi-armed bandits: a seeded Gaussian/Bernoulli environment, epsilon-greedy, UCB1 and random agents, reward/regret curves.
import { rngFrom, type Rng } from '../core/random';

export interface BanditOptions {
  /** 'gaussian': reward ~ N(mean_a, std^2); 'bernoulli': reward ~ Bernoulli(mean_a), so means must lie in [0, 1]. */
  kind: 'gaussian' | 'bernoulli';
  /** Standard deviation of Gaussian rewards. */
  std: number;
  /** Seed for the reward noise; default: forked from the global seed (lib/core/random). */
  seed: number | undefined;
}

export const banditDefaults: Readonly<BanditOptions> = { kind: 'gaussian', std: 1, seed: undefined };

/** A k-armed bandit: pulling arm a pays a random reward with expected value means[a]. */
export class Bandit {
  readonly kind: 'gaussian' | 'bernoulli';
  readonly std: number;
  /** True expected reward of each arm (hidden from the agent). */
  readonly means: Float64Array;
  readonly k: number;
  /** The arm with the highest mean (the first one on ties). */
  readonly optimalArm: number;
  readonly optimalMean: number;
  private readonly rng: Rng;

  /** @param means - the expected reward of each of the k >= 1 arms */
  constructor(means: ArrayLike<number>, options: Partial<BanditOptions> = {}) {
    const o = { ...banditDefaults, ...options };
    if (!Array.isArray(means) && !ArrayBuffer.isView(means)) throw new TypeError(`expected means to be an array of numbers, got ${typeof means}`);
    if (means.length === 0) throw new RangeError('expected at least 1 arm, got 0');
    if (o.kind !== 'gaussian' && o.kind !== 'bernoulli') throw new RangeError(`expected kind 'gaussian' or 'bernoulli', got ${String(o.kind)}`);
    if (!(o.std >= 0) || !Number.isFinite(o.std)) throw new RangeError(`expected std >= 0, got std = ${o.std}`);
    this.means = new Float64Array(means.length);
    for (let a = 0; a < means.length; a++) {
      const m = means[a];
      if (typeof m !== 'number') throw new TypeError(`expected numeric means, got ${typeof m} at index ${a}`);
      if (!Number.isFinite(m)) throw new RangeError(`expected finite means, got ${m} at index ${a}`);
      if (o.kind === 'bernoulli' && (m < 0 || m > 1)) throw new RangeError(`expected Bernoulli means in [0, 1], got ${m} at index ${a}`);
      this.means[a] = m;
    }
    this.kind = o.kind;
    this.std = o.std;
    this.k = means.length;
    let best = 0;
    for (let a = 1; a < this.k; a++) if (this.means[a] > this.means[best]) best = a;
    this.optimalArm = best;
    this.optimalMean = this.means[best];
    this.rng = rngFrom(o.seed);
  }

  /** Pulls arm `arm` (0-based) and returns a random reward. */
  pull(arm: number): number {
    if (!Number.isInteger(arm) || arm < 0 || arm >= this.k) throw new RangeError(`expected an arm in 0..${this.k - 1}, got arm = ${arm}`);
    return this.kind === 'gaussian' ? this.rng.normal(this.means[arm], this.std) : this.rng.random() < this.means[arm] ? 1 : 0;
  }
}

/**
 * The incremental (running) mean: after the n-th value r, Q_n = Q_{n-1} + (r - Q_{n-1}) / n.
 * Equal to the average of all n values, without storing them.
 * @param mean - Q_{n-1}, the mean of the first n - 1 values
 * @param n - the count including the new value (n >= 1)
 */
export function incrementalMean(mean: number, n: number, value: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`expected a count n >= 1, got n = ${n}`);
  return mean + (value - mean) / n;
}

/** An agent that estimates each arm's value from its own pulls. */
export interface BanditAgent {
  readonly name: string;
  /** Pulls per arm. */
  readonly counts: Int32Array;
  /** Estimated value per arm (the sample mean of its rewards, or the initial value before any pull). */
  readonly values: Float64Array;
  /** The arm to pull at step t (1-based). */
  selectArm(t: number): number;
  /** Records the reward of pulling `arm`. */
  update(arm: number, reward: number): void;
}

function checkArms(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`expected a positive integer number of arms, got k = ${k}`);
}

/** Index of the largest value, ties broken uniformly at random (so equal estimates do not always favour arm 0). */
function argmaxRandomTie(values: ArrayLike<number>, rng: Rng): number {
  let best = -Infinity;
  let chosen = 0;
  let ties = 0;
  for (let a = 0; a < values.length; a++) {
    const v = values[a];
    if (v > best) { best = v; chosen = a; ties = 1; }
    else if (v === best && rng.int(++ties) === 0) chosen = a; // reservoir sampling over the tied arms
  }
  return chosen;
}

abstract class SampleMeanAgent implements BanditAgent {
  abstract readonly name: string;
  readonly counts: Int32Array;
  readonly values: Float64Array;
  protected constructor(k: number, initialValue: number) {
    checkArms(k);
    if (!Number.isFinite(initialValue)) throw new RangeError(`expected a finite initialValue, got ${initialValue}`);
    this.counts = new Int32Array(k);
    this.values = new Float64Array(k).fill(initialValue);
  }
  abstract selectArm(t: number): number;
  update(arm: number, reward: number): void {
    if (!Number.isInteger(arm) || arm < 0 || arm >= this.counts.length) throw new RangeError(`expected an arm in 0..${this.counts.length - 1}, got arm = ${arm}`);
    if (!Number.isFinite(reward)) throw new RangeError(`expected a finite reward, got ${reward}`);
    this.counts[arm]++;
    this.values[arm] = incrementalMean(this.values[arm], this.counts[arm], reward);
  }
}

export interface EpsilonGreedyOptions {
  /** Exploration probability, or a schedule epsilon(t) of the 1-based step (e.g. t => Math.min(1, 10 / t)). */
  epsilon: number | ((t: number) => number);
  /** Starting estimate of every arm (a high value gives "optimistic initial values" exploration). */
  initialValue: number;
  /** Seed for exploration and tie-breaking; default: forked from the global seed. */
  seed: number | undefined;
}

export const epsilonGreedyDefaults: Readonly<EpsilonGreedyOptions> = { epsilon: 0.1, initialValue: 0, seed: undefined };

/** With probability epsilon pull a uniformly random arm (explore), otherwise the arm with the best estimate (exploit). */
export class EpsilonGreedyAgent extends SampleMeanAgent {
  readonly name: string;
  private readonly epsilon: number | ((t: number) => number);
  private readonly rng: Rng;
  constructor(k: number, options: Partial<EpsilonGreedyOptions> = {}) {
    const o = { ...epsilonGreedyDefaults, ...options };
    super(k, o.initialValue);
    if (typeof o.epsilon === 'number' && !(o.epsilon >= 0 && o.epsilon <= 1)) throw new RangeError(`expected 0 <= epsilon <= 1, got epsilon = ${o.epsilon}`);
    if (typeof o.epsilon !== 'number' && typeof o.epsilon !== 'function') throw new TypeError('expected epsilon to be a number or a function of t');
    this.epsilon = o.epsilon;
    this.name = typeof o.epsilon === 'number' ? `epsilon-greedy (epsilon = ${o.epsilon})` : 'epsilon-greedy (scheduled epsilon)';
    this.rng = rngFrom(o.seed);
  }
  selectArm(t: number): number {
    const eps = typeof this.epsilon === 'number' ? this.epsilon : this.epsilon(t);
    if (!(eps >= 0 && eps <= 1)) throw new RangeError(`expected 0 <= epsilon(t) <= 1, got ${eps} at t = ${t}`);
    if (this.rng.random() < eps) return this.rng.int(this.counts.length);
    return argmaxRandomTie(this.values, this.rng);
  }
}

export interface UCB1Options {
  /** Exploration weight c in Q_a + c sqrt(ln t / N_a); sqrt(2) is Auer et al.'s UCB1 for rewards in [0, 1]. */
  c: number;
  /** Seed for tie-breaking; default: forked from the global seed. */
  seed: number | undefined;
}

export const ucb1Defaults: Readonly<UCB1Options> = { c: Math.SQRT2, seed: undefined };

/**
 * UCB1 (Auer, Cesa-Bianchi & Fischer 2002): pull each arm once, then the arm maximising Q_a + c sqrt(ln t / N_a).
 * The bonus is large for rarely tried arms, so exploration is directed and fades as counts grow ("optimism in the
 * face of uncertainty"); its expected regret grows like log t.
 */
export class UCB1Agent extends SampleMeanAgent {
  readonly name: string;
  private readonly c: number;
  private readonly rng: Rng;
  private readonly scores: Float64Array;
  constructor(k: number, options: Partial<UCB1Options> = {}) {
    const o = { ...ucb1Defaults, ...options };
    super(k, 0);
    if (!(o.c >= 0) || !Number.isFinite(o.c)) throw new RangeError(`expected c >= 0, got c = ${o.c}`);
    this.c = o.c;
    this.name = `UCB1 (c = ${Number(o.c.toFixed(3))})`;
    this.rng = rngFrom(o.seed);
    this.scores = new Float64Array(k);
  }
  selectArm(): number {
    const k = this.counts.length;
    let total = 0;
    for (let a = 0; a < k; a++) {
      if (this.counts[a] === 0) return a; // initialisation: every arm once, in order
      total += this.counts[a];
    }
    const logT = Math.log(total);
    for (let a = 0; a < k; a++) this.scores[a] = this.values[a] + this.c * Math.sqrt(logT / this.counts[a]);
    return argmaxRandomTie(this.scores, this.rng);
  }
}

/** Pulls a uniformly random arm every step: the baseline whose regret grows linearly. */
export class RandomAgent extends SampleMeanAgent {
  readonly name = 'random';
  private readonly rng: Rng;
  constructor(k: number, options: { seed?: number } = {}) {
    super(k, 0);
    this.rng = rngFrom(options.seed);
  }
  selectArm(): number {
    return this.rng.int(this.counts.length);
  }
}

export interface BanditRun {
  agent: string;
  /** Length steps: the arm pulled at each step. */
  actions: Int32Array;
  /** Length steps: the reward received at each step. */
  rewards: Float64Array;
  /** Length steps: running total of rewards. */
  cumulativeReward: Float64Array;
  /** Length steps: cumulative (pseudo-)regret sum_{s <= t} (mu* - mu_{a_s}), from the true means. */
  regret: Float64Array;
  /** Length steps: 1 where the optimal arm was pulled, else 0. */
  optimal: Uint8Array;
}

/**
 * Lets `agent` play `bandit` for `steps` rounds: select, pull, update.
 * @returns per-step actions and rewards and the cumulative reward and regret curves
 */
export function runBandit(bandit: Bandit, agent: BanditAgent, steps: number): BanditRun {
  if (!(bandit instanceof Bandit)) throw new TypeError('expected bandit to be a Bandit');
  if (agent.counts.length !== bandit.k) throw new RangeError(`expected an agent for ${bandit.k} arms, got one for ${agent.counts.length}`);
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`expected a positive integer number of steps, got steps = ${steps}`);
  const actions = new Int32Array(steps);
  const rewards = new Float64Array(steps);
  const cumulativeReward = new Float64Array(steps);
  const regret = new Float64Array(steps);
  const optimal = new Uint8Array(steps);
  let total = 0, lost = 0;
  for (let t = 0; t < steps; t++) {
    const arm = agent.selectArm(t + 1);
    const r = bandit.pull(arm);
    agent.update(arm, r);
    actions[t] = arm;
    rewards[t] = r;
    total += r;
    lost += bandit.optimalMean - bandit.means[arm];
    cumulativeReward[t] = total;
    regret[t] = lost;
    optimal[t] = bandit.means[arm] === bandit.optimalMean ? 1 : 0;
  }
  return { agent: agent.name, actions, rewards, cumulativeReward, regret, optimal };
}
