// Kata: Lloyd's k-means from given centroids, with the tie, empty-cluster and stopping rules settled.
import { toRows } from '../core/matrix';
import { rngFrom } from '../core/random';
import { kmeans as lloyd, nearestCentroid } from '../unsupervised/kmeans';
import { hasNonFinite } from './case-helpers';
import { defineKata, type KataCase } from './types';

type Args = [X: number[][], init: number[][], maxIter: number];
type Result = { centroids: number[][]; labels: number[] };

function reference(X: number[][], init: number[][], maxIter: number): Result {
  // tolerance 0: lib stops when no centroid moves, which is exactly when the labels stop changing
  const r = lloyd(X, init.length, { initialization: init, maxIterations: maxIter, tolerance: 0 });
  return { centroids: toRows(r.centroids), labels: Array.from(r.assignments) };
}

function blobs(rng: ReturnType<typeof rngFrom>, perBlob: number, centres: number[][], spread: number): number[][] {
  const X: number[][] = [];
  for (let i = 0; i < perBlob; i++) for (const c of centres) X.push(c.map((v) => Math.round((v + rng.normal(0, spread)) * 1000) / 1000));
  return X;
}

function pick(rng: ReturnType<typeof rngFrom>, X: number[][], k: number): number[][] {
  const idx = rng.permutation(X.length);
  return Array.from({ length: k }, (_, c) => X[idx[c]].slice());
}

export default defineKata<Args, Result>({
  id: 'kmeans',
  title: "k-means (Lloyd's algorithm)",
  section: 'paradigms',
  difficulty: 'medium',
  statement: `Write \`kmeans(X, init, maxIter)\`: Lloyd's algorithm from the given centroids. \`X\` is $n \\times d$, \`init\`
is $k \\times d$ (the starting centroids), \`maxIter\` $\\ge 1$.

Repeat: **assign** every point to its nearest centroid (squared Euclidean distance $\\lVert x_i - \\mu_c \\rVert^2$), then
**update** every centroid to the mean of its points, $\\mu_c = \\frac{1}{|C_c|} \\sum_{i \\in C_c} x_i$.

- At most \`maxIter\` centroid updates; stop early when an assignment gives the same labels as the one before.
- A distance tie goes to the **lower** centroid index.
- An **empty cluster keeps its centroid** (no NaN, no re-seeding).
- The returned \`labels\` are the assignments of the points to the **returned** centroids.
- Return new arrays; do not change \`X\` or \`init\`. Centroids: tolerance $10^{-9}$ absolute and relative; labels exact.`,
  functionName: 'kmeans',
  signature: 'kmeans(X: number[][], init: number[][], maxIter: number): { centroids: number[][]; labels: number[] }',
  starter: `export function kmeans(X: number[][], init: number[][], maxIter: number): { centroids: number[][]; labels: number[] } {
  throw new Error('not implemented');
}
`,
  solution: `export function kmeans(X: number[][], init: number[][], maxIter: number): { centroids: number[][]; labels: number[] } {
  const k = init.length, d = X[0].length;
  let centroids = init.map((c) => c.slice());
  const assign = (C: number[][]) => X.map((x) => {
    let best = 0, bestD = Infinity;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (x[j] - C[c][j]) ** 2;
      if (s < bestD) { bestD = s; best = c; }
    }
    return best;
  });
  let labels = assign(centroids);
  for (let it = 0; it < maxIter; it++) {
    const sums = centroids.map(() => new Array<number>(d).fill(0));
    const counts = new Array<number>(k).fill(0);
    X.forEach((x, i) => { counts[labels[i]]++; for (let j = 0; j < d; j++) sums[labels[i]][j] += x[j]; });
    centroids = centroids.map((c, ci) => counts[ci] > 0 ? sums[ci].map((s) => s / counts[ci]) : c);
    const next = assign(centroids);
    const changed = next.some((l, i) => l !== labels[i]);
    labels = next;
    if (!changed) break;
  }
  return { centroids, labels };
}
`,
  examples: [
    { name: 'two clusters on a line', kind: 'example', args: [[[0], [1], [10], [11]], [[0], [1]], 10] },
    { name: 'two clusters in 2-D', kind: 'example', args: [[[0, 0], [0, 1], [5, 5], [6, 5]], [[0, 0], [6, 5]], 10] },
  ],
  hiddenCases() {
    const rng = rngFrom(1602);
    const cases: KataCase<Args>[] = [
      { name: 'one update only (maxIter = 1)', kind: 'edge', args: [[[0], [1], [2], [9], [10], [11]], [[0], [1]], 1] },
      { name: 'distance tie goes to the lower index', kind: 'edge', args: [[[0], [1], [2]], [[0], [2]], 5] },
      { name: 'two equal centroids: ties go to index 0', kind: 'edge', args: [[[0], [2], [1]], [[1], [1]], 3] },
      { name: 'empty cluster keeps its centroid', kind: 'edge', args: [[[0, 0], [1, 0], [0, 1]], [[0, 0], [100, 100]], 5] },
      { name: 'k = 1', kind: 'edge', args: [[[1, 2], [3, 4], [5, 0]], [[0, 0]], 3] },
      { name: 'duplicate points', kind: 'edge', args: [[[1, 1], [1, 1], [1, 1], [4, 4]], [[1, 1], [4, 4]], 10] },
    ];
    for (let t = 0; t < 5; t++) {
      const k = 2 + rng.int(3);
      const centres = Array.from({ length: k }, () => [rng.uniform(-10, 10), rng.uniform(-10, 10)]);
      const X = blobs(rng, 6 + rng.int(6), centres, 2.5);
      cases.push({ name: `random ${t + 1} (n = ${X.length}, k = ${k})`, kind: 'random', args: [X, pick(rng, X, k), 1 + rng.int(4) + (t % 2) * 50] });
    }
    const big = blobs(rng, 40, [[1e6, 2e6, 0], [1.2e6, 2e6, 5e5], [0, 0, 0], [3e6, 1e6, 1e6]], 3e5);
    cases.push({ name: 'large coordinates (n = 160, d = 3)', kind: 'large', args: [big, pick(rng, big, 4), 100] });
    return cases;
  },
  reference,
  tolerance: { abs: 1e-9, rel: 1e-9 },
  hints: [
    'Loop: update the centroids from the current labels, reassign, and stop when the new labels equal the old ones (or after maxIter updates).',
  ],
  mistakes: [
    {
      id: 'stale-labels',
      hint: 'your labels are not the nearest centroids of the centroids you return: reassign the points after the last update',
      detect: ({ args: [X], received }) => {
        const r = received as Result;
        if (hasNonFinite(r.centroids)) return false;
        const fresh = Array.from(nearestCentroid(X, r.centroids).assignments);
        return fresh.some((l, i) => l !== r.labels[i]);
      },
    },
    {
      id: 'empty-cluster',
      hint: 'an empty cluster must keep its previous centroid (the mean of no points is 0/0 = NaN)',
      detect: ({ received }) => hasNonFinite((received as Result).centroids),
    },
    {
      id: 'tie',
      hint: 'a point at the same distance from two centroids goes to the lower centroid index (compare with <, not <=)',
      detect: ({ args: [X], received }) => {
        const r = received as Result;
        const dist = (x: number[], c: number[]) => x.reduce((s, v, j) => s + (v - c[j]) ** 2, 0);
        return X.some((x, i) => {
          const l = r.labels[i];
          const dl = dist(x, r.centroids[l]);
          return r.centroids.slice(0, l).some((c) => dist(x, c) === dl);
        });
      },
    },
  ],
  mutants: [
    { name: 'labels not updated after the last step', edits: [['    labels = next;\n', '']], mistake: 'stale-labels' },
    { name: 'empty cluster becomes NaN', edits: [['counts[ci] > 0 ? sums[ci].map((s) => s / counts[ci]) : c', 'sums[ci].map((s) => s / counts[ci])']], mistake: 'empty-cluster' },
    { name: 'tie to the higher index', edits: [['if (s < bestD)', 'if (s <= bestD)']], mistake: 'tie' },
    { name: 'one update too many', edits: [['it < maxIter', 'it <= maxIter']] },
  ],
  links: {
    lessons: [{ lesson: '11-classic-algorithms', cell: 'kmeans-md' }, { lesson: '01-learning-paradigms', cell: 'unsupervised-intro' }],
    questions: ['paradigms-kmeans-fails', 'paradigms-choose-k-kmeans', 'algorithms-kmeans-plus-plus'],
  },
});
