// Kata: the top principal components and their variances (reference: lib/unsupervised/pca.ts PCA).
import { Rng } from '../core/random';
import { matrix, symmetricEigen } from '../core/matrix';
import { PCA } from '../unsupervised/pca';
import { mistakeFrom, round, toRows } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [X: number[][], k: number];
type Result = { components: number[][]; explainedVariance: number[] };

function reference(...[X, k]: Args): Result {
  const p = new PCA({ nComponents: k }).fit(X);
  return { components: toRows(p.components.data, p.components.rows, p.components.cols), explainedVariance: Array.from(p.explainedVariance) };
}

type Variant = { center: boolean; ddof: 0 | 1; fixSign: boolean };

/** PCA through the lib's eigensolver with chosen slips, for the detectors. */
function variant(X: number[][], k: number, v: Variant): Result {
  const n = X.length, d = X[0].length;
  const mean = Array.from({ length: d }, (_, j) => (v.center ? X.reduce((s, r) => s + r[j], 0) / n : 0));
  const C = new Float64Array(d * d);
  for (const r of X) for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) C[a * d + b] += ((r[a] - mean[a]) * (r[b] - mean[b])) / (n - v.ddof);
  const { values, vectors } = symmetricEigen(matrix(d, d, C));
  const components = Array.from({ length: k }, (_, c) => {
    const col = Array.from({ length: d }, (_, j) => vectors.data[j * d + c]);
    const big = col.reduce((m, x, j) => (Math.abs(x) > Math.abs(col[m]) ? j : m), 0);
    return v.fixSign && col[big] < 0 ? col.map((x) => -x) : !v.fixSign && col[big] > 0 ? col.map((x) => -x) : col;
  });
  return { components, explainedVariance: Array.from(values).slice(0, k) };
}

/** n points with variances along rotated axes of the given scales (well-separated eigenvalues). */
function cloud(rng: Rng, n: number, scales: number[], offset: number): number[][] {
  const d = scales.length;
  const angle = rng.random() * Math.PI;
  return Array.from({ length: n }, () => {
    const z = scales.map((s) => rng.normal(0, s));
    // rotate the first two coordinates so the axes are not the coordinate axes
    const [a, b] = [z[0] * Math.cos(angle) - z[1] * Math.sin(angle), z[0] * Math.sin(angle) + z[1] * Math.cos(angle)];
    return Array.from({ length: d }, (_, j) => round(offset + (j === 0 ? a : j === 1 ? b : z[j]), 4));
  });
}

const examples: KataCase<Args>[] = [
  { name: 'points along a line', kind: 'example', args: [[[1, 2], [2, 4.1], [3, 5.9], [4, 8]], 1] },
  { name: 'two components of a 2-D cloud', kind: 'example', args: [[[2, 0], [0, 1], [-2, 0], [0, -1]], 2] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1636);
  const cases: KataCase<Args>[] = [
    { name: 'data not centred (mean far from 0)', kind: 'edge', args: [cloud(rng, 30, [3, 1], 50), 2] },
    { name: 'the largest entry of the component is negative before the sign fix', kind: 'edge', args: [[[1, -2], [-1, 2], [2, -4.2], [-2, 4.1], [0.5, -0.9]], 1] },
    { name: 'two points', kind: 'edge', args: [[[0, 0, 1], [2, 1, 1]], 1] },
  ];
  for (let r = 0; r < 4; r++) {
    const d = 2 + rng.int(3);
    const scales = Array.from({ length: d }, (_, j) => 4 / (j + 1) ** 1.5);
    cases.push({ name: `random ${r + 1}`, kind: 'random', args: [cloud(rng, 20 + rng.int(40), scales, round(rng.normal(0, 2), 2)), 1 + rng.int(d)] });
  }
  cases.push({ name: 'features near 1e6 with spread 1e3', kind: 'large', args: [cloud(rng, 60, [3e3, 1e3, 2e2], 1e6), 2] });
  return cases;
}

export default defineKata<Args, Result>({
  id: 'pca',
  title: 'Principal component analysis',
  section: 'algorithms',
  difficulty: 'hard',
  statement: `Return the first $k$ principal components of the rows of \`X\` ($n \\times d$, $n \\ge 2$) and the variance
along each:

1. centre every column (subtract its mean);
2. form the covariance matrix $C = X_c^\\top X_c / (n - 1)$;
3. its eigenvectors, sorted by decreasing eigenvalue, are the components (unit length); the eigenvalues are the
   explained variances.

Eigenvectors are defined only up to sign: flip each component so that **its largest-magnitude entry is positive**.
Any eigen-solver works (power iteration with deflation is enough: the graded cases have well-separated eigenvalues).
Tolerance $10^{-6}$ absolute plus $10^{-6}$ relative.`,
  functionName: 'pca',
  signature: 'pca(X: number[][], k: number): { components: number[][]; explainedVariance: number[] }',
  starter: `export function pca(X: number[][], k: number): { components: number[][]; explainedVariance: number[] } {
  throw new Error('not implemented');
}
`,
  solution: `export function pca(X: number[][], k: number): { components: number[][]; explainedVariance: number[] } {
  const n = X.length, d = X[0].length;
  const mean = new Array<number>(d).fill(0);
  for (const row of X) for (let j = 0; j < d; j++) mean[j] += row[j] / n;
  const C = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (const row of X) {
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) C[a][b] += ((row[a] - mean[a]) * (row[b] - mean[b])) / (n - 1);
  }
  const components: number[][] = [], explainedVariance: number[] = [];
  for (let c = 0; c < k; c++) {
    // power iteration on the deflated covariance
    let v = Array.from({ length: d }, (_, j) => 1 + j / d);
    let lambda = 0;
    for (let it = 0; it < 20000; it++) {
      const w = C.map((row) => row.reduce((s, x, j) => s + x * v[j], 0));
      const norm = Math.sqrt(w.reduce((s, x) => s + x * x, 0));
      if (norm === 0) break;
      const next = w.map((x) => x / norm);
      const change = next.reduce((s, x, j) => s + Math.abs(x - v[j]), 0);
      v = next;
      lambda = norm;
      if (change < 1e-14) break;
    }
    const big = v.reduce((m, x, j) => (Math.abs(x) > Math.abs(v[m]) ? j : m), 0);
    if (v[big] < 0) v = v.map((x) => -x);
    components.push(v);
    explainedVariance.push(lambda);
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) C[a][b] -= lambda * v[a] * v[b];
  }
  return { components, explainedVariance };
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-6, rel: 1e-6 },
  hints: ['Covariance of the centred data divided by n - 1; then the eigenvector of the largest eigenvalue (power iteration), remove it (C -= λ v vᵀ) and repeat; fix each sign at the end.'],
  mistakes: [
    mistakeFrom<Args, Result>('not-centred', 'Centre the columns first: without it the first "component" points at the mean of the data.',
      (X, k) => variant(X, k, { center: false, ddof: 1, fixSign: true })),
    mistakeFrom<Args, Result>('divide-by-n', 'The covariance here divides by n - 1 (the sample covariance), which scales every explained variance by n / (n - 1).',
      (X, k) => variant(X, k, { center: true, ddof: 0, fixSign: true })),
    mistakeFrom<Args, Result>('sign-not-fixed', 'Flip each component so that its largest-magnitude entry is positive (eigenvectors are only defined up to sign).',
      (X, k) => variant(X, k, { center: true, ddof: 1, fixSign: false })),
  ],
  mutants: [
    { name: 'no centring', edits: [['for (const row of X) for (let j = 0; j < d; j++) mean[j] += row[j] / n;', '']], mistake: 'not-centred' },
    { name: 'covariance divided by n', edits: [['/ (n - 1);', '/ n;']], mistake: 'divide-by-n' },
    { name: 'sign not fixed', edits: [['if (v[big] < 0) v = v.map((x) => -x);', 'if (v[big] > 0) v = v.map((x) => -x);']], mistake: 'sign-not-fixed' },
  ],
  links: {
    lessons: [{ lesson: '11-classic-algorithms', cell: 'pca-md' }, { lesson: '12-key-formulas', cell: 'pca-explained-variance' }],
    questions: ['algorithms-pca-from-scratch', 'paradigms-dimensionality-reduction'],
  },
});
