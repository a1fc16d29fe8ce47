// Tests for lib/recsys/simulate, ratings and baselines: the simulator is deterministic, gives 1-5 stars, a popularity
// skew (top 10% of items > 30% of ratings) and MNAR selection (observed ratings above the mean true score over all
// pairs); the per-user split keeps every test user in train; the bias baseline equals hand-computed closed forms.
import { describe, expect, it } from 'vitest';
import { simulateRatings } from '../../lib/recsys/simulate';
import { checkRatings, ratingsFromTriples, rmse, splitByUser } from '../../lib/recsys/ratings';
import { biasBaseline, globalMean, itemPopularity } from '../../lib/recsys/baselines';

describe('simulateRatings', () => {
  it('is deterministic, 1-5 stars, popularity-skewed and missing not at random', () => {
    const a = simulateRatings({ seed: 9 }), b = simulateRatings({ seed: 9 });
    expect(Array.from(a.ratings.values)).toEqual(Array.from(b.ratings.values));
    checkRatings('test', a.ratings);
    expect(a.ratings.values.every((v) => Number.isInteger(v) && v >= 1 && v <= 5)).toBe(true);
    const pop = Array.from(itemPopularity(a.ratings)).sort((x, y) => y - x);
    const top = pop.slice(0, 40).reduce((s, v) => s + v, 0), all = pop.reduce((s, v) => s + v, 0);
    expect(top / all).toBeGreaterThan(0.3);
    const meanTrue = a.trueScore.reduce((s, v) => s + v, 0) / a.trueScore.length;
    expect(globalMean(a.ratings)).toBeGreaterThan(meanTrue + 0.5);
    expect(Array.from(a.implicit.items)).toEqual(Array.from(a.ratings.items));
    expect(a.implicit.values.every((v) => v === 1)).toBe(true);
    expect(() => simulateRatings({ meanPerUser: 5000 })).toThrow(/meanPerUser <= nItems/);
    expect(() => simulateRatings({ rank: 0 })).toThrow(/rank >= 1/);
  });
});

describe('splitByUser', () => {
  it('holds out about 20% per user, disjoint, every test user also in train', () => {
    const { ratings } = simulateRatings({ seed: 1, nUsers: 100, nItems: 80 });
    const { train, test } = splitByUser(ratings, { seed: 2 });
    expect(train.values.length + test.values.length).toBe(ratings.values.length);
    const trainUsers = new Set(train.users);
    for (const u of test.users) expect(trainUsers.has(u)).toBe(true);
    expect(test.values.length / ratings.values.length).toBeGreaterThan(0.15);
    expect(test.values.length / ratings.values.length).toBeLessThan(0.25);
    const keys = new Set(Array.from(train.users, (u, t) => `${u},${train.items[t]}`));
    for (let t = 0; t < test.users.length; t++) expect(keys.has(`${test.users[t]},${test.items[t]}`)).toBe(false);
    expect(() => splitByUser(ratings, { testFraction: 1 })).toThrow(/testFraction < 1/);
  });
});

describe('baselines', () => {
  it('hand case: item-only and user+item biases', () => {
    // ratings: u0 i0 5, u0 i1 3, u1 i0 4; mu = 4
    const r = ratingsFromTriples(2, 2, [[0, 0, 5], [0, 1, 3], [1, 0, 4]]);
    expect(globalMean(r)).toBe(4);
    // item-only, lambda 1: b_i0 = (1 + 0) / (2 + 1) = 1/3, b_i1 = -1 / (1 + 1) = -1/2
    const item = biasBaseline(r, { lambda: 1, users: false });
    expect(item.bi[0]).toBeCloseTo(1 / 3, 14); expect(item.bi[1]).toBeCloseTo(-0.5, 14);
    expect(Array.from(item.bu)).toEqual([0, 0]);
    // one alternating step with users: b_u0 = ((5-4-1/3) + (3-4+1/2)) / (2 + 1) = (2/3 - 1/2) / 3 = 1/18; b_u1 = (4-4-1/3)/2 = -1/6
    const both = biasBaseline(r, { lambda: 1, iterations: 1 });
    expect(both.bu[0]).toBeCloseTo(1 / 18, 14); expect(both.bu[1]).toBeCloseTo(-1 / 6, 14);
    expect(both.predict(1, 1)).toBeCloseTo(4 - 1 / 6 - 0.5, 14);
    // RMSE by hand: predicting 4 everywhere, errors 1, -1, 0
    expect(rmse(r, () => 4)).toBeCloseTo(Math.sqrt(2 / 3), 14);
    expect(() => ratingsFromTriples(2, 2, [[2, 0, 1]])).toThrow(/user ids < 2/);
    expect(() => biasBaseline(r, { lambda: -1 })).toThrow(/lambda >= 0/);
  });
});
