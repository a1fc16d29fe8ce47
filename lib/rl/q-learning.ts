// Tabular Q-learning: Q(s,a) <- Q(s,a) + alpha [r + gamma max_a' Q(s',a') - Q(s,a)] with seeded epsilon-greedy exploration.
import { rngFrom, type Rng } from '../core/random';
import { checkGamma, greedyPolicy, type TabularEnvironment } from './tabular';

export interface QLearningStep {
  episode: number;
  /** Step within the episode, from 0. */
  t: number;
  state: number;
  action: number;
  reward: number;
  next: number;
  done: boolean;
  /** The temporal-difference error r + gamma max Q(s', .) - Q(s, a) before the update. */
  tdError: number;
}

export interface QLearningOptions {
  episodes: number;
  /** Learning rate in (0, 1]. */
  alpha: number;
  /** Discount factor in [0, 1]. */
  gamma: number;
  /** Exploration probability, or a schedule epsilon(episode) with episode from 0. */
  epsilon: number | ((episode: number) => number);
  /** An episode that has not ended after this many steps is cut off (no terminal update). */
  maxStepsPerEpisode: number;
  /** Starting value of every Q(s, a) (terminal states stay 0). */
  initialQ: number;
  /** Seed for exploration and tie-breaking; default: forked from the global seed (lib/core/random). */
  seed: number | undefined;
  /** Called after every update (for logging or plotting learning). */
  onStep: ((step: QLearningStep) => void) | undefined;
}

export const qLearningDefaults: Readonly<QLearningOptions> = {
  episodes: 500,
  alpha: 0.1,
  gamma: 0.9,
  epsilon: 0.1,
  maxStepsPerEpisode: 200,
  initialQ: 0,
  seed: undefined,
  onStep: undefined,
};

export interface QLearningResult {
  /** nStates x nActions row-major Q table. */
  q: Float64Array;
  /** Greedy policy of q (lowest action index on ties). */
  policy: Int32Array;
  /** Length episodes: undiscounted sum of rewards per episode. */
  episodeReturns: Float64Array;
  /** Length episodes: steps per episode. */
  episodeLengths: Int32Array;
}

/**
 * One Q-learning update, in place: Q(s,a) += alpha * (r + gamma * max_a' Q(s',a') - Q(s,a)), where the bracket's
 * max term is 0 when s' is terminal (done). Returns the TD error (the bracket).
 * @param q - nStates x nActions row-major, modified
 */
export function qUpdate(q: Float64Array, nActions: number, state: number, action: number, reward: number, next: number, done: boolean, alpha: number, gamma: number): number {
  let maxNext = 0;
  if (!done) {
    maxNext = -Infinity;
    for (let b = 0; b < nActions; b++) maxNext = Math.max(maxNext, q[next * nActions + b]);
  }
  const i = state * nActions + action;
  const tdError = reward + gamma * maxNext - q[i];
  q[i] += alpha * tdError;
  return tdError;
}

function epsilonGreedy(q: Float64Array, nActions: number, state: number, epsilon: number, rng: Rng): number {
  if (rng.random() < epsilon) return rng.int(nActions);
  const base = state * nActions;
  let best = -Infinity, chosen = 0, ties = 0;
  for (let a = 0; a < nActions; a++) {
    const v = q[base + a];
    if (v > best) { best = v; chosen = a; ties = 1; }
    else if (v === best && rng.int(++ties) === 0) chosen = a; // uniform among tied actions
  }
  return chosen;
}

/**
 * Off-policy TD control: the agent behaves epsilon-greedily but learns the value of the greedy policy, because the
 * target uses max_a' Q(s', a'). Every episode starts at env.start. In a finite MDP, with every (s, a) visited infinitely
 * often and suitably decaying alpha, Q converges to Q*; in a deterministic environment a constant alpha works.
 */
export function qLearning(env: TabularEnvironment, options: Partial<QLearningOptions> = {}): QLearningResult {
  const o = { ...qLearningDefaults, ...options };
  if (!Number.isInteger(o.episodes) || o.episodes < 1) throw new RangeError(`expected a positive integer number of episodes, got episodes = ${o.episodes}`);
  if (!(o.alpha > 0 && o.alpha <= 1)) throw new RangeError(`expected 0 < alpha <= 1, got alpha = ${o.alpha}`);
  checkGamma(o.gamma);
  if (typeof o.epsilon === 'number' && !(o.epsilon >= 0 && o.epsilon <= 1)) throw new RangeError(`expected 0 <= epsilon <= 1, got epsilon = ${o.epsilon}`);
  if (typeof o.epsilon !== 'number' && typeof o.epsilon !== 'function') throw new TypeError('expected epsilon to be a number or a function of the episode');
  if (!Number.isInteger(o.maxStepsPerEpisode) || o.maxStepsPerEpisode < 1) throw new RangeError(`expected maxStepsPerEpisode >= 1, got maxStepsPerEpisode = ${o.maxStepsPerEpisode}`);
  if (!Number.isFinite(o.initialQ)) throw new RangeError(`expected a finite initialQ, got ${o.initialQ}`);
  const { nStates, nActions } = env;
  if (env.isTerminal(env.start)) throw new RangeError(`expected a non-terminal start state, got state ${env.start}`);
  const rng = rngFrom(o.seed);
  const q = new Float64Array(nStates * nActions);
  for (let s = 0; s < nStates; s++) if (!env.isTerminal(s)) q.fill(o.initialQ, s * nActions, (s + 1) * nActions);
  const episodeReturns = new Float64Array(o.episodes);
  const episodeLengths = new Int32Array(o.episodes);
  for (let episode = 0; episode < o.episodes; episode++) {
    const eps = typeof o.epsilon === 'number' ? o.epsilon : o.epsilon(episode);
    if (!(eps >= 0 && eps <= 1)) throw new RangeError(`expected 0 <= epsilon(episode) <= 1, got ${eps} at episode ${episode}`);
    let s = env.start;
    let total = 0;
    let t = 0;
    for (; t < o.maxStepsPerEpisode; t++) {
      const a = epsilonGreedy(q, nActions, s, eps, rng);
      const { next, reward, done } = env.step(s, a);
      const tdError = qUpdate(q, nActions, s, a, reward, next, done, o.alpha, o.gamma);
      if (o.onStep) o.onStep({ episode, t, state: s, action: a, reward, next, done, tdError });
      total += reward;
      s = next;
      if (done) { t++; break; }
    }
    episodeReturns[episode] = total;
    episodeLengths[episode] = t;
  }
  return { q, policy: greedyPolicy(q, nStates, nActions), episodeReturns, episodeLengths };
}
