// Value iteration: repeated Bellman optimality backups V(s) <- max_a [r + gamma V(s')] until the values stop changing.
import { checkGamma, greedyPolicy, type TabularEnvironment } from './tabular';

export interface ValueIterationOptions {
  /** Discount factor in [0, 1]; 1 is fine for episodic tasks where every policy worth following ends. */
  gamma: number;
  /** Stop when no value changed by more than this in a sweep. */
  tolerance: number;
  maxIterations: number;
}

export const valueIterationDefaults: Readonly<ValueIterationOptions> = { gamma: 0.9, tolerance: 1e-12, maxIterations: 10_000 };

export interface ValueIterationResult {
  /** Length nStates: V*(s) (0 for terminal states). */
  values: Float64Array;
  /** nStates x nActions row-major: Q*(s, a) = r + gamma V*(s') (0 for terminal states). */
  q: Float64Array;
  /** Length nStates: an optimal action per state (the lowest index among optimal ones). */
  policy: Int32Array;
  /** Sweeps run. */
  iterations: number;
  converged: boolean;
}

/**
 * Solves the Bellman optimality equation V*(s) = max_a [ r(s, a) + gamma (1 - done) V*(s') ] for a deterministic
 * tabular environment by in-place (Gauss-Seidel) sweeps; terminal states have value 0.
 */
export function valueIteration(env: TabularEnvironment, options: Partial<ValueIterationOptions> = {}): ValueIterationResult {
  const o = { ...valueIterationDefaults, ...options };
  checkGamma(o.gamma);
  if (!(o.tolerance >= 0)) throw new RangeError(`expected tolerance >= 0, got tolerance = ${o.tolerance}`);
  if (!Number.isInteger(o.maxIterations) || o.maxIterations < 1) throw new RangeError(`expected maxIterations >= 1, got maxIterations = ${o.maxIterations}`);
  const { nStates, nActions } = env;
  const V = new Float64Array(nStates);
  const q = new Float64Array(nStates * nActions);
  let iterations = 0;
  let converged = false;
  while (iterations < o.maxIterations) {
    iterations++;
    let delta = 0;
    for (let s = 0; s < nStates; s++) {
      if (env.isTerminal(s)) continue;
      let best = -Infinity;
      for (let a = 0; a < nActions; a++) {
        const { next, reward, done } = env.step(s, a);
        const value = reward + (done ? 0 : o.gamma * V[next]);
        q[s * nActions + a] = value;
        if (value > best) best = value;
      }
      delta = Math.max(delta, Math.abs(best - V[s]));
      V[s] = best;
    }
    if (!Number.isFinite(delta)) throw new RangeError('value iteration diverged: expected gamma < 1 or an environment where every state can reach a terminal state');
    if (delta <= o.tolerance) { converged = true; break; }
  }
  // Q from the final values (the sweep's Q used values from mid-sweep)
  for (let s = 0; s < nStates; s++) {
    if (env.isTerminal(s)) continue;
    for (let a = 0; a < nActions; a++) {
      const { next, reward, done } = env.step(s, a);
      q[s * nActions + a] = reward + (done ? 0 : o.gamma * V[next]);
    }
  }
  return { values: V, q, policy: greedyPolicy(q, nStates, nActions), iterations, converged };
}
