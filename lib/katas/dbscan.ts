// Kata: DBSCAN labels with the standard core/border/noise rule, noise -1, cluster ids in order of discovery.
import { rngFrom } from '../core/random';
import { dbscan as libDbscan } from '../unsupervised/dbscan';
import { defineKata, type KataCase } from './types';

type Args = [X: number[][], eps: number, minSamples: number];

function reference(X: number[][], eps: number, minSamples: number): number[] {
  return Array.from(libDbscan(X, { eps, minSamples }).labels);
}

const same = (a: unknown, b: number[]) => Array.isArray(a) && a.length === b.length && a.every((v, i) => v === b[i]);

export default defineKata<Args, number[]>({
  id: 'dbscan',
  title: 'DBSCAN cluster labels',
  section: 'algorithms',
  difficulty: 'medium',
  statement: `Write \`dbscan(X, eps, minSamples)\`: the DBSCAN label of every row of \`X\` ($n \\times d$, Euclidean distance).

- The neighbourhood of point $i$ is every point $j$ with $\\lVert x_i - x_j \\rVert \\le \\varepsilon$ (**less than or
  equal**), **$i$ itself included**.
- Point $i$ is a **core** point when its neighbourhood holds at least \`minSamples\` points.
- Visit the points in index order. An unlabelled core point starts a **new cluster** (ids $0, 1, 2, \\ldots$ in order of
  discovery) that grows through the neighbourhoods of its core points: every unlabelled neighbour of a core point of
  the cluster joins it, and only core points extend it further.
- A **border** point (not core, within $\\varepsilon$ of a core point) joins the first cluster that reaches it.
- Every other point is **noise**: label $-1$.

Return the $n$ labels as a new array (exact integers); do not change \`X\`.`,
  functionName: 'dbscan',
  signature: 'dbscan(X: number[][], eps: number, minSamples: number): number[]',
  starter: `export function dbscan(X: number[][], eps: number, minSamples: number): number[] {
  throw new Error('not implemented');
}
`,
  solution: `export function dbscan(X: number[][], eps: number, minSamples: number): number[] {
  const n = X.length;
  const dist = (a: number[], b: number[]) => Math.sqrt(a.reduce((s, v, j) => s + (v - b[j]) ** 2, 0));
  const neighbours = X.map((x) => X.map((_, j) => j).filter((j) => dist(x, X[j]) <= eps));
  const core = neighbours.map((nb) => nb.length >= minSamples);
  const labels = new Array<number>(n).fill(-1);
  let cluster = 0;
  for (let i = 0; i < n; i++) {
    if (!core[i] || labels[i] !== -1) continue;
    labels[i] = cluster;
    const stack = [i];
    while (stack.length > 0) {
      const p = stack.pop() as number;
      for (const q of neighbours[p]) {
        if (labels[q] !== -1) continue;
        labels[q] = cluster;
        if (core[q]) stack.push(q);
      }
    }
    cluster++;
  }
  return labels;
}
`,
  examples: [
    { name: 'a line of 5 points and an outlier (eps 1, minSamples 3)', kind: 'example', args: [[[0], [1], [2], [3], [4], [10]], 1, 3] },
    { name: 'two groups in 2-D', kind: 'example', args: [[[0, 0], [0, 1], [1, 0], [5, 5], [5, 6], [6, 5], [9, 0]], 1.5, 3] },
  ],
  hiddenCases() {
    const rng = rngFrom(2707);
    const cases: KataCase<Args>[] = [
      { name: 'neighbours at exactly eps count (integer grid)', kind: 'edge', args: [[[0, 0], [1, 0], [2, 0], [3, 0], [10, 0], [10, 1], [11, 0], [20, 20], [5, 0]], 1, 3] },
      { name: 'border points at the ends of a chain', kind: 'edge', args: [[[0], [1], [2], [3], [4]], 1, 3] },
      { name: 'a border point shared by two clusters goes to the first', kind: 'edge', args: [[[0], [1], [2], [4], [5], [6], [3]], 1, 3] },
      { name: 'cluster ids in order of discovery (not of position)', kind: 'edge', args: [[[9], [10], [11], [0], [1], [2], [5]], 1, 3] },
      { name: 'minSamples = 1: no noise, clusters are connected components', kind: 'edge', args: [[[0], [0.5], [5], [5.4], [20]], 0.5, 1] },
      { name: 'everything noise', kind: 'edge', args: [[[0, 0], [3, 0], [0, 3]], 1, 2] },
      { name: 'duplicate points', kind: 'edge', args: [[[1, 1], [1, 1], [1, 1], [4, 4]], 0.1, 3] },
    ];
    for (let t = 0; t < 5; t++) {
      const X: number[][] = [];
      const centres = Array.from({ length: 2 + rng.int(2) }, () => [rng.uniform(-5, 5), rng.uniform(-5, 5)]);
      for (const c of centres) for (let i = 0; i < 12 + rng.int(10); i++) X.push(c.map((v) => Math.round((v + rng.normal(0, 0.6)) * 100) / 100));
      for (let i = 0; i < 6; i++) X.push([Math.round(rng.uniform(-8, 8) * 100) / 100, Math.round(rng.uniform(-8, 8) * 100) / 100]);
      const order = rng.permutation(X.length);
      cases.push({ name: `random blobs with noise ${t + 1} (n = ${X.length})`, kind: 'random', args: [Array.from(order, (i) => X[i]), 0.537 + 0.1 * t, 3 + (t % 3)] });
    }
    const big: number[][] = [];
    for (let i = 0; i < 150; i++) big.push([Math.round(rng.normal(0, 2e5)), Math.round(rng.normal(0, 2e5)), Math.round(rng.normal(i < 75 ? 0 : 2e6, 2e5))]);
    cases.push({ name: 'large coordinates (n = 150, d = 3)', kind: 'large', args: [big, 1.37e5, 4] });
    return cases;
  },
  reference,
  tolerance: { abs: 0, rel: 0 },
  hints: [
    'Compute every neighbourhood first (distance <= eps, the point itself included), mark the core points, then grow clusters from unlabelled core points in index order with a stack or queue.',
  ],
  mistakes: [
    {
      id: 'border-as-noise',
      hint: 'border points (not core, but within eps of a core point) belong to that cluster, not to the noise: label every unlabelled neighbour of a core point, and only stop the expansion at non-core points',
      detect: ({ args: [X, eps, minSamples], expected, received }) => {
        if (!Array.isArray(received)) return false;
        const exp = expected as number[];
        const core = X.map((x) => X.filter((y) => Math.hypot(...x.map((v, j) => v - y[j])) <= eps).length >= minSamples);
        return exp.every((e, i) => (core[i] || e === -1 ? received[i] === e : received[i] === -1)) && exp.some((e, i) => !core[i] && e !== -1);
      },
    },
    {
      id: 'self-not-counted',
      hint: 'the point itself counts towards minSamples: a point is core when its eps-neighbourhood, itself included, has at least minSamples points',
      detect: ({ args: [X, eps, minSamples], expected, received }) => !same(expected, reference(X, eps, minSamples + 1)) && same(received, reference(X, eps, minSamples + 1)),
    },
    {
      id: 'strict-eps',
      hint: 'a neighbour at distance exactly eps counts: compare with <= eps, not < eps',
      detect: ({ args: [X, eps, minSamples], expected, received }) => !same(expected, reference(X, eps * (1 - 1e-9), minSamples)) && same(received, reference(X, eps * (1 - 1e-9), minSamples)),
    },
  ],
  mutants: [
    { name: 'border points left as noise', edits: [['        labels[q] = cluster;\n        if (core[q]) stack.push(q);', '        if (!core[q]) continue;\n        labels[q] = cluster;\n        stack.push(q);']], mistake: 'border-as-noise' },
    { name: 'the point itself not counted', edits: [['nb.length >= minSamples', 'nb.length - 1 >= minSamples']], mistake: 'self-not-counted' },
    { name: '< eps instead of <= eps', edits: [['dist(x, X[j]) <= eps', 'dist(x, X[j]) < eps']], mistake: 'strict-eps' },
  ],
  links: {
    lessons: [{ lesson: '27-discriminant-analysis-and-clustering', cell: 'cluster-md' }, { lesson: '27-discriminant-analysis-and-clustering', cell: 'eps' }],
    questions: ['algorithms-dbscan-core-border-noise', 'algorithms-dbscan-choose-eps'],
  },
});
