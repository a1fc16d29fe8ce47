// Tests for lib/rl/bandit: hand-computed incremental means and UCB1 scores (1e-12), reward distributions (4 standard
// errors), and seeded regret statistics averaged over 20 runs of a 10-armed testbed (margins stated in each test name).
import { describe, expect, it } from 'vitest';
import { Bandit, EpsilonGreedyAgent, incrementalMean, RandomAgent, runBandit, UCB1Agent, type BanditAgent } from '../../lib/rl/bandit';
import { Rng } from '../../lib/core/random';

describe('incrementalMean and agent updates (hand-computed)', () => {
  it('rewards 1, 0, 2 give running means 1, 0.5, 1', () => {
    let q = 0;
    q = incrementalMean(q, 1, 1);
    expect(q).toBe(1);
    q = incrementalMean(q, 2, 0);
    expect(q).toBe(0.5);
    q = incrementalMean(q, 3, 2);
    expect(q).toBe(1);
    expect(() => incrementalMean(0, 0, 1)).toThrow(RangeError);
  });

  it("an agent's values equal the sample mean of each arm's rewards (1e-12)", () => {
    const rng = new Rng(1);
    const agent = new EpsilonGreedyAgent(3, { seed: 1 });
    const sums = [0, 0, 0], counts = [0, 0, 0];
    for (let i = 0; i < 500; i++) {
      const arm = rng.int(3);
      const r = rng.normal(arm, 2);
      agent.update(arm, r);
      sums[arm] += r;
      counts[arm]++;
    }
    for (let a = 0; a < 3; a++) {
      expect(agent.counts[a]).toBe(counts[a]);
      expect(Math.abs(agent.values[a] - sums[a] / counts[a])).toBeLessThan(1e-12);
    }
  });

  it('UCB1 by hand: tries every arm once, then Q + sqrt(2 ln t / N) can prefer the less-tried, lower-valued arm', () => {
    const agent = new UCB1Agent(2, { seed: 1 });
    expect(agent.selectArm()).toBe(0);
    agent.update(0, 0.5);
    expect(agent.selectArm()).toBe(1);
    agent.update(1, 0.2);
    for (let i = 0; i < 9; i++) agent.update(0, 0.5); // N = [10, 1], Q = [0.5, 0.2], t = 11
    // scores: 0.5 + sqrt(2 ln 11 / 10) = 1.1925..., 0.2 + sqrt(2 ln 11 / 1) = 2.3899... -> arm 1
    expect(0.5 + Math.sqrt((2 * Math.log(11)) / 10)).toBeCloseTo(1.19251, 4);
    expect(agent.selectArm()).toBe(1);
    // with c = 0 UCB1 is greedy -> arm 0
    const greedy = new UCB1Agent(2, { c: 0, seed: 1 });
    greedy.update(0, 0.5);
    greedy.update(1, 0.2);
    for (let i = 0; i < 9; i++) greedy.update(0, 0.5);
    expect(greedy.selectArm()).toBe(0);
  });

  it('epsilon = 0 always exploits (ties broken at random); epsilon = 1 pulls every arm about equally', () => {
    const exploit = new EpsilonGreedyAgent(4, { epsilon: 0, seed: 2 });
    exploit.update(2, 5);
    for (let t = 1; t <= 50; t++) expect(exploit.selectArm(t)).toBe(2);
    const tie = new EpsilonGreedyAgent(4, { epsilon: 0, seed: 3 });
    const seen = new Set<number>();
    for (let t = 1; t <= 100; t++) seen.add(tie.selectArm(t));
    expect(seen.size).toBe(4);
    const explore = new EpsilonGreedyAgent(4, { epsilon: 1, seed: 4 });
    const freq = [0, 0, 0, 0];
    for (let t = 1; t <= 4000; t++) freq[explore.selectArm(t)]++;
    for (const f of freq) expect(Math.abs(f - 1000)).toBeLessThan(4 * Math.sqrt(4000 * 0.25 * 0.75)); // 4 standard errors
  });
});

describe('Bandit environment', () => {
  it('Gaussian rewards average to the arm mean (within 4 standard errors over 10,000 pulls)', () => {
    const b = new Bandit([0.5, -1, 2], { std: 1.5, seed: 5 });
    let s = 0;
    for (let i = 0; i < 10000; i++) s += b.pull(2);
    expect(Math.abs(s / 10000 - 2)).toBeLessThan((4 * 1.5) / 100);
    expect(b.optimalArm).toBe(2);
    expect(b.optimalMean).toBe(2);
  });

  it('Bernoulli rewards are 0/1 with frequency p (within 4 standard errors)', () => {
    const b = new Bandit([0.3, 0.7], { kind: 'bernoulli', seed: 6 });
    let s = 0;
    for (let i = 0; i < 10000; i++) {
      const r = b.pull(0);
      expect(r === 0 || r === 1).toBe(true);
      s += r;
    }
    expect(Math.abs(s / 10000 - 0.3)).toBeLessThan(4 * Math.sqrt((0.3 * 0.7) / 10000));
  });

  it('a seed makes a whole run reproducible; cumulative curves are consistent', () => {
    const run = () => runBandit(new Bandit([0, 1, 0.5], { seed: 7 }), new EpsilonGreedyAgent(3, { seed: 8 }), 300);
    const a = run(), b = run();
    expect(Array.from(a.rewards)).toEqual(Array.from(b.rewards));
    let total = 0, regret = 0;
    for (let t = 0; t < 300; t++) {
      total += a.rewards[t];
      regret += 1 - [0, 1, 0.5][a.actions[t]];
      expect(a.cumulativeReward[t]).toBeCloseTo(total, 12);
      expect(a.regret[t]).toBeCloseTo(regret, 12);
      expect(a.optimal[t]).toBe(a.actions[t] === 1 ? 1 : 0);
    }
  });
});

describe('regret on a seeded 10-armed Gaussian testbed (means ~ N(0, 1), reward std 1), mean of 20 runs, T = 4000', () => {
  const T = 4000, R = 20;
  function meanRegret(make: (k: number, seed: number) => BanditAgent): { half: number; full: number; meanGap: number } {
    let half = 0, full = 0, meanGap = 0;
    for (let r = 0; r < R; r++) {
      const rng = new Rng(1000 + r);
      const means = Array.from({ length: 10 }, () => rng.normal());
      const bandit = new Bandit(means, { seed: r });
      const run = runBandit(bandit, make(10, 500 + r), T);
      half += run.regret[T / 2 - 1] / R;
      full += run.regret[T - 1] / R;
      meanGap += means.reduce((s, m) => s + bandit.optimalMean - m, 0) / 10 / R;
    }
    return { half, full, meanGap };
  }
  const random = meanRegret((k, s) => new RandomAgent(k, { seed: s }));
  const eps = meanRegret((k, s) => new EpsilonGreedyAgent(k, { epsilon: 0.1, seed: s }));
  const decaying = meanRegret((k, s) => new EpsilonGreedyAgent(k, { epsilon: (t) => Math.min(1, 50 / t), seed: s }));
  const ucb = meanRegret((k, s) => new UCB1Agent(k, { seed: s }));

  it('random policy: regret is linear, slope = mean gap (second half / first half within 1 +- 0.1; slope within 10%)', () => {
    const ratio = (random.full - random.half) / random.half;
    expect(ratio).toBeGreaterThan(0.9);
    expect(ratio).toBeLessThan(1.1);
    expect(Math.abs(random.full / T / random.meanGap - 1)).toBeLessThan(0.1);
  });

  it('epsilon-greedy (0.1): final regret < 0.2 x random; regret grows slower in the second half (< 0.9 x first half)', () => {
    expect(eps.full).toBeLessThan(0.2 * random.full);
    expect((eps.full - eps.half) / eps.half).toBeLessThan(0.9);
  });

  it('epsilon-greedy (0.1): the late slope is about epsilon x mean gap (< 1.3x), i.e. a constant epsilon keeps paying for exploration', () => {
    const lateSlope = (eps.full - eps.half) / (T / 2);
    expect(lateSlope).toBeLessThan(1.3 * 0.1 * eps.meanGap);
  });

  it('decaying epsilon min(1, 50/t) and UCB1 are clearly sub-linear: second-half regret < 0.5 x first-half (linear = 1)', () => {
    expect((decaying.full - decaying.half) / decaying.half).toBeLessThan(0.5);
    expect((ucb.full - ucb.half) / ucb.half).toBeLessThan(0.5);
    expect(ucb.full).toBeLessThan(0.1 * random.full);
  });
});

describe('bandit input errors', () => {
  it('TypeError for the wrong kind, RangeError for bad sizes and values', () => {
    expect(() => new Bandit('abc' as unknown as number[])).toThrow(TypeError);
    expect(() => new Bandit([], { seed: 1 })).toThrow(/expected at least 1 arm, got 0/);
    expect(() => new Bandit([0, NaN], { seed: 1 })).toThrow(RangeError);
    expect(() => new Bandit([0.5, 1.2], { kind: 'bernoulli', seed: 1 })).toThrow(/expected Bernoulli means in \[0, 1\], got 1.2 at index 1/);
    expect(() => new Bandit([0], { std: -1, seed: 1 })).toThrow(RangeError);
    const b = new Bandit([0, 1], { seed: 1 });
    expect(() => b.pull(2)).toThrow('expected an arm in 0..1, got arm = 2');
    expect(() => new EpsilonGreedyAgent(0, { seed: 1 })).toThrow(RangeError);
    expect(() => new EpsilonGreedyAgent(2, { epsilon: 1.5, seed: 1 })).toThrow(/expected 0 <= epsilon <= 1, got epsilon = 1.5/);
    expect(() => new EpsilonGreedyAgent(2, { epsilon: () => 2, seed: 1 }).selectArm(1)).toThrow(RangeError);
    expect(() => new UCB1Agent(2, { c: -1, seed: 1 })).toThrow(RangeError);
    expect(() => new EpsilonGreedyAgent(2, { seed: 1 }).update(0, NaN)).toThrow(RangeError);
    expect(() => runBandit(b, new RandomAgent(3, { seed: 1 }), 10)).toThrow(/expected an agent for 2 arms, got one for 3/);
    expect(() => runBandit(b, new RandomAgent(2, { seed: 1 }), 0)).toThrow(RangeError);
    expect(() => runBandit({} as Bandit, new RandomAgent(2, { seed: 1 }), 10)).toThrow(TypeError);
  });
});
