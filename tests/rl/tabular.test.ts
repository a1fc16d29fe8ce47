// Tests for lib/rl/tabular: greedy policy extraction and rollouts, checked by hand.
import { describe, expect, it } from 'vitest';
import { greedyPolicy, rollout } from '../../lib/rl/tabular';
import { GridWorld } from '../../lib/rl/grid-world';

describe('greedyPolicy and rollout', () => {
  it('greedyPolicy takes the argmax per state, the lowest index on ties', () => {
    const q = Float64Array.from([1, 3, 2, 0, 5, 5, 0, 0, 0]);
    expect(Array.from(greedyPolicy(q, 3, 3))).toEqual([1, 1, 0]);
    expect(() => greedyPolicy(q, 2, 3)).toThrow(RangeError);
  });

  it("rollout sums rewards with discounting: 'S.G' going right pays -1 then +10 -> -1 + 0.5 * 10 = 4 at gamma 0.5", () => {
    const world = new GridWorld(['S.G']);
    const r = rollout(world, [1, 1, 0], 0.5);
    expect(r.states).toEqual([0, 1, 2]);
    expect(r.totalReward).toBe(9);
    expect(r.discountedReturn).toBe(4);
    expect(r.reachedTerminal).toBe(true);
    const stuck = rollout(world, [3, 3, 0], 0.5, 5); // walks into the edge forever
    expect(stuck.reachedTerminal).toBe(false);
    expect(stuck.states.length).toBe(6);
    expect(() => rollout(world, [1], 0.5)).toThrow(RangeError);
    expect(() => rollout(world, [1, 1, 1], 2)).toThrow(RangeError);
  });
});
