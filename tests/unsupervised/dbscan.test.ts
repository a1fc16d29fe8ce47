// Tests for lib/unsupervised/dbscan: labels (cluster ids, noise -1) and core points identical to scikit-learn 1.2
// DBSCAN (fixture from scripts/reference/cluster-sklearn.py; exact equality, including a grid with neighbours at
// exactly eps), hand cases for the core/border/noise rule, the k-distance, and errors.
import { describe, expect, it } from 'vitest';
import { dbscan, kDistances } from '../../lib/unsupervised/dbscan';
import { clusterFixture } from '../fixtures/reference/discriminant-clustering';

describe('dbscan against scikit-learn 1.2 DBSCAN (identical labels and core samples)', () => {
  for (const c of clusterFixture.dbscan) {
    it(c.name, () => {
      const r = dbscan(c.x, { eps: c.eps, minSamples: c.minSamples });
      expect(Array.from(r.labels)).toEqual(c.labels);
      const core = Array.from(r.isCore).flatMap((v, i) => (v ? [i] : []));
      expect(core).toEqual(c.core);
      expect(r.nClusters).toBe(Math.max(...c.labels) + 1);
      expect(r.nNoise).toBe(c.labels.filter((v) => v === -1).length);
    });
  }
});

describe('dbscan rule (hand cases)', () => {
  // points on a line: 0, 1, 2 are core (3 neighbours within eps = 1 counting themselves: 1 has 0,1,2; 0 has 0,1 only)
  const line = [[0], [1], [2], [3], [4], [10]];
  it('core needs minSamples points within eps, itself included; border joins; far point is noise', () => {
    const r = dbscan(line, { eps: 1, minSamples: 3 });
    // core: 1 (0,1,2), 2 (1,2,3), 3 (2,3,4); 0 and 4 are border points; 10 is noise
    expect(Array.from(r.isCore)).toEqual([0, 1, 1, 1, 0, 0]);
    expect(Array.from(r.labels)).toEqual([0, 0, 0, 0, 0, -1]);
  });
  it('distance exactly eps counts (<= eps, not < eps)', () => {
    expect(Array.from(dbscan([[0], [1], [2]], { eps: 1, minSamples: 3 }).labels)).toEqual([0, 0, 0]);
    expect(Array.from(dbscan([[0], [1], [2]], { eps: 0.999, minSamples: 2 }).labels)).toEqual([-1, -1, -1]);
  });
  it('cluster ids in order of discovery; a border point between two clusters goes to the first', () => {
    // clusters {0, 1, 2} (core 1) and {5, 6, 7} (core 6): the one holding the lowest-index core point is 0
    const r = dbscan([[0], [1], [2], [9], [9.5], [5], [6], [7]], { eps: 1, minSamples: 3 });
    expect(Array.from(r.labels)).toEqual([0, 0, 0, -1, -1, 1, 1, 1]);
    const s = dbscan([[0], [1], [2], [3], [4], [5], [6]], { eps: 1, minSamples: 3 });
    expect(Array.from(s.isCore)).toEqual([0, 1, 1, 1, 1, 1, 0]);
    const t = dbscan([[1], [2], [0], [3], [5], [6], [7], [4.1]], { eps: 1, minSamples: 3 });
    // x = 1 and x = 2 are core (cluster 0), x = 3 is its border point; 4.1 is 0.9 from the core point 5 and 1.1 from 3,
    // so it joins cluster 1 (5, 6, 7), although it comes last in index order
    expect(Array.from(t.labels)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
  });
  it('minSamples = 1: every point is core, clusters are the connected components of the eps-graph', () => {
    const r = dbscan([[0], [0.5], [5], [5.4], [20]], { eps: 0.5, minSamples: 1 });
    expect(Array.from(r.labels)).toEqual([0, 0, 1, 1, 2]);
    expect(r.nNoise).toBe(0);
  });
  it('kDistances(k = minSamples) <= eps exactly for the core points', () => {
    const c = clusterFixture.dbscan[0];
    const kd = kDistances(c.x, c.minSamples);
    const r = dbscan(c.x, { eps: c.eps, minSamples: c.minSamples });
    for (let i = 0; i < kd.length; i++) expect(kd[i] <= c.eps ? 1 : 0).toBe(r.isCore[i]);
    expect(Array.from(kDistances([[0], [3], [4]], 2))).toEqual([3, 1, 1]);
  });
  it('errors', () => {
    expect(() => dbscan([[0]], { eps: 0 })).toThrow(/eps > 0/);
    expect(() => dbscan([[0]], { minSamples: 0 })).toThrow(/minSamples/);
    expect(() => dbscan([], {})).toThrow(RangeError);
    expect(() => dbscan([[0]], { eps: '1' as unknown as number })).toThrow(TypeError);
    expect(() => kDistances([[0], [1]], 3)).toThrow(/expected 1 <= k <= 2 samples, got k = 3/);
  });
});
