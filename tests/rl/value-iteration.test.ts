// Tests for lib/rl/value-iteration: a hand-computed corridor (1e-12), the maze against breadth-first shortest paths
// (V*(s) = -(1 - gamma^(d-1)) / (1 - gamma) + 10 gamma^(d-1), 1e-9), and the Bellman optimality residual (1e-10).
import { describe, expect, it } from 'vitest';
import { GridWorld } from '../../lib/rl/grid-world';
import { valueIteration } from '../../lib/rl/value-iteration';
import { greedyPolicy, rollout } from '../../lib/rl/tabular';
import { bfsDistanceToGoal, MAZE } from './maze';

describe('valueIteration', () => {
  it("hand-computed corridor 'S..G' (step -1, goal +10, gamma 0.9): V = 6.2, 8, 10", () => {
    const world = new GridWorld(['S..G']);
    const { values, policy, converged } = valueIteration(world, { gamma: 0.9 });
    // V(2) = 10 (one step into the goal); V(1) = -1 + 0.9 * 10 = 8; V(0) = -1 + 0.9 * 8 = 6.2
    expect(values[2]).toBeCloseTo(10, 12);
    expect(values[1]).toBeCloseTo(8, 12);
    expect(values[0]).toBeCloseTo(6.2, 12);
    expect(values[3]).toBe(0);
    expect(Array.from(policy.slice(0, 3))).toEqual([1, 1, 1]); // always right
    expect(converged).toBe(true);
  });

  it('maze: V* equals the shortest-path closed form from breadth-first search for every state that reaches G (1e-9)', () => {
    const gamma = 0.95;
    const world = new GridWorld(MAZE);
    const { values } = valueIteration(world, { gamma });
    const dist = bfsDistanceToGoal(MAZE);
    let checked = 0;
    for (let s = 0; s < world.nStates; s++) {
      if (world.isTerminal(s) || dist[s] < 0) continue;
      const d = dist[s];
      const closedForm = -(1 - gamma ** (d - 1)) / (1 - gamma) + 10 * gamma ** (d - 1);
      expect(Math.abs(values[s] - closedForm)).toBeLessThan(1e-9);
      checked++;
    }
    expect(checked).toBe(30); // all 30 free cells (45 - 12 walls - 2 pits - 1 goal)
  });

  it('satisfies the Bellman optimality equation (residual < 1e-10) and its greedy policy reaches G in 12 steps', () => {
    const gamma = 0.95;
    const world = new GridWorld(MAZE);
    const { values, q, policy } = valueIteration(world, { gamma });
    for (let s = 0; s < world.nStates; s++) {
      if (world.isTerminal(s)) continue;
      let best = -Infinity;
      for (let a = 0; a < 4; a++) {
        const { next, reward, done } = world.step(s, a);
        const target = reward + (done ? 0 : gamma * values[next]);
        expect(Math.abs(q[s * 4 + a] - target)).toBeLessThan(1e-10);
        best = Math.max(best, target);
      }
      expect(Math.abs(values[s] - best)).toBeLessThan(1e-10);
    }
    expect(Array.from(greedyPolicy(q, world.nStates, 4))).toEqual(Array.from(policy));
    const path = rollout(world, policy, gamma);
    expect(path.reachedTerminal).toBe(true);
    expect(world.cell(path.states[path.states.length - 1])).toBe('G');
    expect(path.states.length - 1).toBe(12);
    expect(path.discountedReturn).toBeCloseTo(values[world.start], 12);
  });

  it('input errors: gamma outside [0, 1], bad tolerance or maxIterations', () => {
    const world = new GridWorld(['S.G']);
    expect(() => valueIteration(world, { gamma: 1.5 })).toThrow('expected 0 <= gamma <= 1, got gamma = 1.5');
    expect(() => valueIteration(world, { gamma: '0.9' as unknown as number })).toThrow(TypeError);
    expect(() => valueIteration(world, { tolerance: -1 })).toThrow(RangeError);
    expect(() => valueIteration(world, { maxIterations: 0 })).toThrow(RangeError);
  });
});
