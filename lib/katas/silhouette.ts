// Kata: the silhouette of every point, s = (b - a) / max(a, b), with the singleton rule of scikit-learn.
import { rngFrom } from '../core/random';
import { silhouetteSamples } from '../unsupervised/silhouette';
import { closeTo } from './case-helpers';
import { defineKata, type KataCase } from './types';

type Args = [X: number[][], labels: number[]];

function reference(X: number[][], labels: number[]): number[] {
  return Array.from(silhouetteSamples(X, labels));
}

/** The silhouette with a different a(i) or b(i), for the mistake detectors. */
function variant(X: number[][], labels: number[], kind: 'a-over-n' | 'b-nearest-point' | 'singleton-one'): number[] {
  const d = (p: number[], q: number[]) => Math.sqrt(p.reduce((s, v, j) => s + (v - q[j]) ** 2, 0));
  const ids = Array.from(new Set(labels));
  return X.map((x, i) => {
    const own = X.filter((_, j) => labels[j] === labels[i] && j !== i);
    if (own.length === 0) return kind === 'singleton-one' ? 1 : 0;
    const a = own.reduce((s, y) => s + d(x, y), 0) / (kind === 'a-over-n' ? own.length + 1 : own.length);
    let b = Infinity;
    for (const c of ids) {
      if (c === labels[i]) continue;
      const other = X.filter((_, j) => labels[j] === c);
      const v = kind === 'b-nearest-point' ? Math.min(...other.map((y) => d(x, y))) : other.reduce((s, y) => s + d(x, y), 0) / other.length;
      b = Math.min(b, v);
    }
    return (b - a) / Math.max(a, b);
  });
}

const tol = { abs: 1e-9, rel: 1e-9 };

export default defineKata<Args, number[]>({
  id: 'silhouette',
  title: 'Silhouette of every point',
  section: 'algorithms',
  difficulty: 'medium',
  statement: `Write \`silhouette(X, labels)\`: the silhouette $s(i)$ of every row of \`X\` ($n \\times d$, Euclidean distance)
for the clustering \`labels\` (integers; at least 2 and at most $n - 1$ distinct values; every value is a cluster).

$$a(i) = \\frac{1}{|C_i| - 1} \\sum_{j \\in C_i,\\ j \\ne i} d(i, j), \\qquad
b(i) = \\min_{C \\ne C_i} \\frac{1}{|C|} \\sum_{j \\in C} d(i, j), \\qquad
s(i) = \\frac{b(i) - a(i)}{\\max\\big(a(i), b(i)\\big)},$$

where $C_i$ is the cluster of point $i$: $a$ is the mean distance to the **other** points of its own cluster, $b$ the
smallest **mean** distance to the points of another cluster. A point alone in its cluster gets $s(i) = 0$.
Return the $n$ values (tolerance $10^{-9}$ absolute and relative).`,
  functionName: 'silhouette',
  signature: 'silhouette(X: number[][], labels: number[]): number[]',
  starter: `export function silhouette(X: number[][], labels: number[]): number[] {
  throw new Error('not implemented');
}
`,
  solution: `export function silhouette(X: number[][], labels: number[]): number[] {
  const dist = (p: number[], q: number[]) => Math.sqrt(p.reduce((s, v, j) => s + (v - q[j]) ** 2, 0));
  const ids = Array.from(new Set(labels));
  return X.map((x, i) => {
    const sums = new Map<number, number>(), sizes = new Map<number, number>();
    X.forEach((y, j) => {
      sizes.set(labels[j], (sizes.get(labels[j]) ?? 0) + 1);
      if (j !== i) sums.set(labels[j], (sums.get(labels[j]) ?? 0) + dist(x, y));
    });
    const ownSize = sizes.get(labels[i]) as number;
    if (ownSize === 1) return 0;
    const a = (sums.get(labels[i]) ?? 0) / (ownSize - 1);
    let b = Infinity;
    for (const c of ids) if (c !== labels[i]) b = Math.min(b, (sums.get(c) ?? 0) / (sizes.get(c) as number));
    return (b - a) / Math.max(a, b);
  });
}
`,
  examples: [
    { name: '{0, 2} and {10} on a line', kind: 'example', args: [[[0], [2], [10]], [0, 0, 1]] },
    { name: 'two pairs in 2-D', kind: 'example', args: [[[0, 0], [0, 1], [4, 0], [4, 1]], [0, 0, 1, 1]] },
  ],
  hiddenCases() {
    const rng = rngFrom(2708);
    const cases: KataCase<Args>[] = [
      { name: 'a badly placed point has a negative silhouette', kind: 'edge', args: [[[0], [2], [10]], [5, 9, 5]] },
      { name: 'a singleton cluster scores 0', kind: 'edge', args: [[[0, 0], [1, 0], [0, 1], [8, 8], [3, 3]], [0, 0, 0, 1, 2]] },
      { name: 'labels that are not 0..k-1 (-1, 7, 3)', kind: 'edge', args: [[[0], [1], [5], [6], [20], [21]], [-1, -1, 7, 7, 3, 3]] },
      { name: 'three clusters, the nearest other cluster by mean distance', kind: 'edge', args: [[[0], [1], [3], [30], [4.5], [5]], [0, 0, 1, 1, 2, 2]] },
    ];
    for (let t = 0; t < 5; t++) {
      const k = 2 + rng.int(3);
      const X: number[][] = [], labels: number[] = [];
      for (let c = 0; c < k; c++) {
        const centre = [rng.uniform(-4, 4), rng.uniform(-4, 4), rng.uniform(-4, 4)];
        for (let i = 0; i < 4 + rng.int(8); i++) { X.push(centre.map((v) => Math.round((v + rng.normal(0, 1)) * 1000) / 1000)); labels.push(c); }
      }
      for (let i = 0; i < 3; i++) labels[rng.int(labels.length)] = rng.int(k); // a few points in the wrong cluster
      cases.push({ name: `random ${t + 1} (n = ${X.length}, k = ${k})`, kind: 'random', args: [X, labels] });
    }
    const big: number[][] = [], bigLabels: number[] = [];
    for (let i = 0; i < 60; i++) { big.push([rng.normal(i % 2 ? 5e6 : 0, 1e6), rng.normal(0, 1e6)]); bigLabels.push(i % 2); }
    cases.push({ name: 'large coordinates (n = 60)', kind: 'large', args: [big, bigLabels] });
    return cases;
  },
  reference,
  tolerance: tol,
  hints: ['For each point: mean distance to its own cluster without itself (a), smallest mean distance to another cluster (b), then (b - a) / max(a, b); 0 for a singleton.'],
  mistakes: [
    {
      id: 'a-over-n',
      hint: 'a(i) averages over the OTHER points of the cluster: divide by |C_i| - 1, not |C_i|',
      detect: ({ args: [X, labels], received }) => closeTo(variant(X, labels, 'a-over-n'), received, tol),
    },
    {
      id: 'b-nearest-point',
      hint: 'b(i) is the smallest MEAN distance to another cluster, not the distance to the nearest point of another cluster',
      detect: ({ args: [X, labels], received }) => closeTo(variant(X, labels, 'b-nearest-point'), received, tol),
    },
    {
      id: 'singleton',
      hint: 'a point alone in its cluster has no a(i): its silhouette is defined as 0',
      detect: ({ args: [X, labels], expected, received }) => Array.isArray(received) && (expected as number[]).some((e, i) => e === 0 && labels.filter((l) => l === labels[i]).length === 1 && received[i] !== 0),
    },
  ],
  mutants: [
    { name: 'a divided by |C|', edits: [['/ (ownSize - 1)', '/ ownSize']], mistake: 'a-over-n' },
    {
      name: 'b from the nearest point',
      edits: [
        ['const sums = new Map<number, number>(), sizes = new Map<number, number>();', 'const sums = new Map<number, number>(), sizes = new Map<number, number>(), nearest = new Map<number, number>();'],
        ['if (j !== i) sums.set(labels[j], (sums.get(labels[j]) ?? 0) + dist(x, y));', 'if (j !== i) sums.set(labels[j], (sums.get(labels[j]) ?? 0) + dist(x, y));\n      nearest.set(labels[j], Math.min(nearest.get(labels[j]) ?? Infinity, dist(x, y)));'],
        ['b = Math.min(b, (sums.get(c) ?? 0) / (sizes.get(c) as number));', 'b = Math.min(b, nearest.get(c) as number);'],
      ],
      mistake: 'b-nearest-point',
    },
    { name: 'singleton gets NaN', edits: [['    if (ownSize === 1) return 0;\n', '']], mistake: 'singleton' },
  ],
  links: {
    lessons: [{ lesson: '27-discriminant-analysis-and-clustering', cell: 'cluster-md' }, { lesson: '27-discriminant-analysis-and-clustering', cell: 'silhouette-moons' }],
    questions: ['algorithms-silhouette-pitfalls'],
  },
});
