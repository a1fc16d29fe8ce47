// Tests for lib/unsupervised/agglomerative: the linkage matrix against scipy 1.10 cluster.hierarchy.linkage for single,
// complete, average and Ward (fixture from scripts/reference/cluster-sklearn.py: merge heights to 1e-9, merged ids and
// sizes identical), cutTree against fcluster(Z, k, 'maxclust') (same partition), Ward's height as the increase in the
// within-cluster sum of squares (hand-computed, 1e-12), a hand case, the dendrogram layout, and errors.
import { describe, expect, it } from 'vitest';
import { agglomerative, cutTree, dendrogramSegments, type Linkage } from '../../lib/unsupervised/agglomerative';
import { adjustedRandIndex } from '../../lib/metrics/adjusted-rand-index';
import { clusterFixture } from '../fixtures/reference/discriminant-clustering';

const methods: Linkage[] = ['single', 'complete', 'average', 'ward'];

describe('agglomerative against scipy.cluster.hierarchy.linkage (heights 1e-9, same merges)', () => {
  for (const c of clusterFixture.linkage) {
    for (const method of methods) {
      it(`${c.name}, ${method}`, () => {
        const Z = c[method] as number[][];
        const r = agglomerative(c.x, { linkage: method });
        expect(r.linkage.rows).toBe(Z.length);
        for (let t = 0; t < Z.length; t++) {
          expect(Math.abs(r.linkage.data[t * 4 + 2] - Z[t][2])).toBeLessThan(1e-9);
          expect([r.linkage.data[t * 4], r.linkage.data[t * 4 + 1], r.linkage.data[t * 4 + 3]]).toEqual([Z[t][0], Z[t][1], Z[t][3]]);
        }
        const fc = c[`${method}Fcluster`] as Record<string, number[]>;
        for (const [k, labels] of Object.entries(fc)) {
          const ours = cutTree(r.linkage, Number(k));
          expect(new Set(ours).size).toBe(Number(k));
          expect(adjustedRandIndex(ours, labels)).toBe(1); // same partition, different names
        }
      });
    }
  }
});

describe('agglomerative hand cases', () => {
  const pts = [[0], [1], [5], [7]];
  it('1-D: 0, 1, 5, 7 under each linkage (heights written out)', () => {
    const h = (m: Linkage) => Array.from(agglomerative(pts, { linkage: m }).heights);
    expect(h('single')).toEqual([1, 2, 4]); // {0,1} at 1, {5,7} at 2, then nearest pair 1-5
    expect(h('complete')).toEqual([1, 2, 7]); // farthest pair 0-7
    expect(h('average')).toEqual([1, 2, 5.5]); // (5 + 7 + 4 + 6) / 4
    // Ward: height = sqrt(2 * increase in SSE); last merge of {0,1} (mean 0.5) and {5,7} (mean 6): n_A n_B/(n_A+n_B) = 1
    const ward = h('ward');
    expect(ward[0]).toBeCloseTo(1, 12);
    expect(ward[1]).toBeCloseTo(2, 12);
    expect(ward[2]).toBeCloseTo(Math.sqrt(2 * 1 * 5.5 ** 2), 12);
    expect(Array.from(agglomerative(pts).linkage.data.subarray(0, 8))).toEqual([0, 1, 1, 2, 2, 3, 2, 2]);
  });
  it('Ward heights: h^2 / 2 = the increase of the within-cluster sum of squares (1e-9)', () => {
    const x = clusterFixture.linkage[1].x;
    const r = agglomerative(x, { linkage: 'ward' });
    const n = x.length;
    const members: number[][] = x.map((_, i) => [i]);
    const sse = (m: number[]) => {
      const mu = [0, 1].map((j) => m.reduce((s, i) => s + x[i][j], 0) / m.length);
      return m.reduce((s, i) => s + (x[i][0] - mu[0]) ** 2 + (x[i][1] - mu[1]) ** 2, 0);
    };
    for (let t = 0; t < n - 1; t++) {
      const a = members[r.linkage.data[t * 4]], b = members[r.linkage.data[t * 4 + 1]];
      const merged = [...a, ...b];
      members.push(merged);
      expect(Math.abs(r.heights[t] ** 2 / 2 - (sse(merged) - sse(a) - sse(b)))).toBeLessThan(1e-9);
    }
  });
  it('cutTree and dendrogramSegments', () => {
    const r = agglomerative([[0], [10], [1], [11], [30]], { linkage: 'single' });
    expect(Array.from(cutTree(r.linkage, 3))).toEqual([0, 1, 0, 1, 2]);
    expect(Array.from(cutTree(r.linkage, 1))).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(cutTree(r.linkage, 5))).toEqual([0, 1, 2, 3, 4]);
    const seg = dendrogramSegments(r.linkage);
    expect(Array.from(seg.leafOrder).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(seg.x.length).toBe(4 * 5);
    expect(Math.max(...seg.y.filter((v) => !Number.isNaN(v)))).toBe(19); // 11 -> 30
  });
  it('errors', () => {
    expect(() => agglomerative([[0]])).toThrow(/at least 2 samples/);
    expect(() => agglomerative([[0], [1]], { linkage: 'centroid' as Linkage })).toThrow(RangeError);
    expect(() => agglomerative([[0], [1]], { linkage: 3 as unknown as Linkage })).toThrow(TypeError);
    const r = agglomerative([[0], [1], [2]]);
    expect(() => cutTree(r.linkage, 4)).toThrow(/expected 1 <= k <= 3 samples, got k = 4/);
  });
});
