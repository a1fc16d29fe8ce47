// Tests for lib/rl/q-learning: the update by hand on a 2-state world (1e-15), a replay of logged transitions through an
// independently written update (exact), and against value iteration on the maze: the learned greedy policy's discounted
// return from the start equals V*(start) (1e-9) and max_a Q along its path equals V* (1e-6), for 3 seeds.
import { describe, expect, it } from 'vitest';
import { GridWorld } from '../../lib/rl/grid-world';
import { qLearning, qUpdate, type QLearningStep } from '../../lib/rl/q-learning';
import { valueIteration } from '../../lib/rl/value-iteration';
import { rollout } from '../../lib/rl/tabular';
import { MAZE } from './maze';

describe('qUpdate by hand on the 2-state world "SG" (alpha 0.5, gamma 0.9)', () => {
  it('Q(s,a) <- Q(s,a) + alpha [r + gamma max Q(s\', .) - Q(s,a)], with no bootstrap from a terminal state', () => {
    const world = new GridWorld(['SG']); // state 0 = S, state 1 = G; left/up/down bump (-1, stay), right enters G (+10, done)
    const q = new Float64Array(2 * 4);
    const apply = (a: number) => {
      const { next, reward, done } = world.step(0, a);
      return qUpdate(q, 4, 0, a, reward, next, done, 0.5, 0.9);
    };
    // left: target -1 + 0.9 * max(0, 0, 0, 0) = -1; TD error -1; Q(0, left) = 0 + 0.5 * -1 = -0.5
    expect(apply(3)).toBe(-1);
    expect(q[3]).toBe(-0.5);
    // right: target 10 (terminal, no bootstrap); TD error 10; Q(0, right) = 5
    expect(apply(1)).toBe(10);
    expect(q[1]).toBe(5);
    // left again: target -1 + 0.9 * 5 = 3.5; TD error 3.5 - (-0.5) = 4; Q(0, left) = -0.5 + 0.5 * 4 = 1.5
    expect(apply(3)).toBeCloseTo(4, 15);
    expect(q[3]).toBeCloseTo(1.5, 15);
    // right again: TD error 10 - 5 = 5; Q(0, right) = 7.5 (halfway to the true value 10 each time)
    expect(apply(1)).toBe(5);
    expect(q[1]).toBe(7.5);
    expect(Array.from(q.slice(4))).toEqual([0, 0, 0, 0]); // the terminal state's row is never touched
  });
});

describe('qLearning', () => {
  it('replaying the logged transitions through an independent update reproduces Q exactly', () => {
    const world = new GridWorld(['S..', '.P.', '..G']);
    const log: QLearningStep[] = [];
    const alpha = 0.3, gamma = 0.8;
    const result = qLearning(world, { episodes: 50, alpha, gamma, epsilon: 0.3, seed: 4, onStep: (s) => log.push(s) });
    const q = new Float64Array(world.nStates * 4);
    for (const { state, action, reward, next, done, tdError } of log) {
      const future = done ? 0 : Math.max(q[next * 4], q[next * 4 + 1], q[next * 4 + 2], q[next * 4 + 3]);
      const expected = reward + gamma * future - q[state * 4 + action];
      expect(tdError).toBe(expected);
      q[state * 4 + action] = q[state * 4 + action] + alpha * expected;
    }
    expect(Array.from(result.q)).toEqual(Array.from(q));
    expect(result.episodeLengths.reduce((a, b) => a + b, 0)).toBe(log.length);
  });

  for (const seed of [1, 2, 3]) {
    it(`maze, seed ${seed}: the greedy policy's return from S equals V*(S) from value iteration (1e-9), via G, avoiding pits`, () => {
      const gamma = 0.95;
      const world = new GridWorld(MAZE);
      const optimal = valueIteration(world, { gamma });
      const learned = qLearning(world, { episodes: 1000, alpha: 0.5, gamma, epsilon: 0.2, seed });
      const path = rollout(world, learned.policy, gamma);
      expect(path.reachedTerminal).toBe(true);
      expect(world.cell(path.states[path.states.length - 1])).toBe('G');
      expect(Math.abs(path.discountedReturn - optimal.values[world.start])).toBeLessThan(1e-9);
      for (const s of path.states.slice(0, -1)) {
        const maxQ = Math.max(...learned.q.slice(s * 4, s * 4 + 4));
        expect(Math.abs(maxQ - optimal.values[s])).toBeLessThan(1e-6);
      }
    });
  }

  it('learning curve: later episodes are shorter and pay more; the same seed reproduces the run', () => {
    const world = new GridWorld(MAZE);
    const run = () => qLearning(world, { episodes: 400, alpha: 0.5, gamma: 0.95, epsilon: (e) => Math.max(0.05, 1 - e / 200), seed: 9 });
    const a = run(), b = run();
    expect(Array.from(a.q)).toEqual(Array.from(b.q));
    const mean = (x: ArrayLike<number>, from: number, to: number) => Array.prototype.slice.call(x, from, to).reduce((s: number, v: number) => s + v, 0) / (to - from);
    expect(mean(a.episodeLengths, 300, 400)).toBeLessThan(mean(a.episodeLengths, 0, 50));
    expect(mean(a.episodeReturns, 300, 400)).toBeGreaterThan(mean(a.episodeReturns, 0, 50));
  });

  it('input errors: bad episodes, alpha, gamma, epsilon, maxStepsPerEpisode, initialQ', () => {
    const world = new GridWorld(['S.G']);
    expect(() => qLearning(world, { episodes: 0, seed: 1 })).toThrow(/positive integer number of episodes, got episodes = 0/);
    expect(() => qLearning(world, { alpha: 0, seed: 1 })).toThrow('expected 0 < alpha <= 1, got alpha = 0');
    expect(() => qLearning(world, { gamma: -0.1, seed: 1 })).toThrow(RangeError);
    expect(() => qLearning(world, { epsilon: 2, seed: 1 })).toThrow(RangeError);
    expect(() => qLearning(world, { epsilon: () => -1, seed: 1 })).toThrow(/epsilon\(episode\)/);
    expect(() => qLearning(world, { epsilon: 'x' as unknown as number, seed: 1 })).toThrow(TypeError);
    expect(() => qLearning(world, { maxStepsPerEpisode: 0, seed: 1 })).toThrow(RangeError);
    expect(() => qLearning(world, { initialQ: NaN, seed: 1 })).toThrow(RangeError);
  });
});
