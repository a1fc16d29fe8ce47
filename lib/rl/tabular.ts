// Shared types and helpers for tabular reinforcement learning: the environment interface, greedy policies, rollouts.

/** The outcome of taking an action. */
export interface Transition {
  /** The next state. */
  readonly next: number;
  readonly reward: number;
  /** True when the episode ends on entering `next` (a terminal state). */
  readonly done: boolean;
}

/**
 * A finite, deterministic environment with states 0..nStates-1 and actions 0..nActions-1.
 * `step` is a pure function of (state, action), which lets value iteration sweep it and Q-learning sample it.
 */
export interface TabularEnvironment {
  readonly nStates: number;
  readonly nActions: number;
  /** Where every episode starts. */
  readonly start: number;
  /** True for states where nothing more happens: terminal states, and states that can never be occupied (walls). */
  isTerminal(state: number): boolean;
  step(state: number, action: number): Transition;
}

/**
 * The greedy policy of a Q table: for each state the action with the highest Q (the lowest index on ties).
 * @param q - nStates x nActions row-major
 */
export function greedyPolicy(q: Float64Array, nStates: number, nActions: number): Int32Array {
  if (q.length !== nStates * nActions) throw new RangeError(`expected a Q table of nStates x nActions = ${nStates * nActions} values, got ${q.length}`);
  const policy = new Int32Array(nStates);
  for (let s = 0; s < nStates; s++) {
    let best = 0;
    for (let a = 1; a < nActions; a++) if (q[s * nActions + a] > q[s * nActions + best]) best = a;
    policy[s] = best;
  }
  return policy;
}

export interface Rollout {
  /** States visited, starting with env.start. */
  states: number[];
  /** Sum of gamma^t r_t. */
  discountedReturn: number;
  /** Sum of r_t. */
  totalReward: number;
  /** Whether a terminal state was reached within maxSteps. */
  reachedTerminal: boolean;
}

/** Follows a deterministic policy from the start state for at most maxSteps steps. */
export function rollout(env: TabularEnvironment, policy: ArrayLike<number>, gamma: number, maxSteps = 1000): Rollout {
  if (policy.length !== env.nStates) throw new RangeError(`expected a policy with ${env.nStates} entries (one per state), got ${policy.length}`);
  checkGamma(gamma);
  let s = env.start;
  const states = [s];
  let discountedReturn = 0, totalReward = 0, discount = 1;
  for (let t = 0; t < maxSteps && !env.isTerminal(s); t++) {
    const { next, reward } = env.step(s, policy[s]);
    discountedReturn += discount * reward;
    totalReward += reward;
    discount *= gamma;
    s = next;
    states.push(s);
  }
  return { states, discountedReturn, totalReward, reachedTerminal: env.isTerminal(s) };
}

/** Throws unless gamma is in [0, 1]. */
export function checkGamma(gamma: number): void {
  if (typeof gamma !== 'number') throw new TypeError(`expected gamma to be a number, got ${typeof gamma}`);
  if (!(gamma >= 0 && gamma <= 1)) throw new RangeError(`expected 0 <= gamma <= 1, got gamma = ${gamma}`);
}
