// Kata: ridge regression in closed form with an unpenalised intercept (reference: lib/linear/linear-regression.ts LinearRegression).
import { Rng } from '../core/random';
import { matrix, solve } from '../core/matrix';
import { LinearRegression } from '../linear/linear-regression';
import { mistakeFrom, normalMatrix, normals, round } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [X: number[][], y: number[], lambda: number];
type Result = { w: number[]; b: number };

function reference(...[X, y, lambda]: Args): Result {
  const model = new LinearRegression({ lambda }).fit(X, y);
  return { w: Array.from(model.weights), b: model.intercept };
}

/** Solves (A^T A + P) theta = A^T y for A = X with an optional ones column in front, P = diag(penalty). */
function normalEquation(X: number[][], y: number[], intercept: boolean, penalty: (j: number) => number): number[] {
  const A = X.map((row) => (intercept ? [1, ...row] : row.slice()));
  const p = A[0].length;
  const ata = new Float64Array(p * p), aty = new Float64Array(p);
  A.forEach((a, i) => a.forEach((v, j) => { aty[j] += v * y[i]; a.forEach((u, k) => { ata[j * p + k] += v * u; }); }));
  for (let j = 0; j < p; j++) ata[j * p + j] += penalty(j);
  return Array.from(solve(matrix(p, p, ata), aty));
}

const examples: KataCase<Args>[] = [
  { name: 'one feature, lambda = 1', kind: 'example', args: [[[0], [1], [2], [3]], [1, 3, 5, 7], 1] },
  { name: 'two features, lambda = 0.5', kind: 'example', args: [[[1, 0], [0, 1], [1, 1], [2, 1]], [2, 1, 3, 5], 0.5] },
];

function problem(rng: Rng, n: number, d: number, offset: number, scale = 1): [number[][], number[]] {
  const X = normalMatrix(rng, n, d, scale);
  const w = normals(rng, d, 2);
  const y = X.map((row) => round(offset + row.reduce((s, v, j) => s + v * w[j], 0) + rng.normal(0, 0.3 * scale), 3));
  return [X, y];
}

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1606);
  const cases: KataCase<Args>[] = [
    { name: 'lambda = 0 is least squares', kind: 'edge', args: [...problem(rng, 8, 2, 3), 0] },
    { name: 'two identical columns, lambda = 1', kind: 'edge', args: [[[1, 1], [2, 2], [3, 3], [4, 4]], [2, 4.1, 5.9, 8], 1] },
    { name: 'more features than rows, lambda = 2', kind: 'edge', args: [...problem(rng, 3, 5, -1), 2] },
    { name: 'huge lambda shrinks w to ~0, b to mean(y)', kind: 'edge', args: [...problem(rng, 6, 2, 4), 1e9] },
  ];
  for (let r = 0; r < 4; r++) cases.push({ name: `random ${r + 1}`, kind: 'random', args: [...problem(rng, 10 + rng.int(20), 1 + rng.int(4), round(rng.normal(0, 5), 2)), round(0.1 + 5 * rng.random(), 2)] });
  cases.push({ name: 'targets offset by 1e4', kind: 'large', args: [...problem(rng, 20, 3, 1e4, 10), 3] });
  return cases;
}

export default defineKata<Args, Result>({
  id: 'ridge',
  title: 'Ridge regression (closed form)',
  section: 'regularization',
  difficulty: 'medium',
  statement: `Fit $\\hat y = X w + b$ by ridge regression, minimising

$$J(w, b) = \\lVert X w + b\\mathbf 1 - y \\rVert^2 + \\lambda \\lVert w \\rVert^2 ,$$

where the intercept $b$ is **not** penalised. Solve it in closed form: with $A = [\\mathbf 1\\ X]$ and
$P = \\operatorname{diag}(0, 1, \\ldots, 1)$, $\\theta = [b; w]$ solves $(A^\\top A + \\lambda P)\\,\\theta = A^\\top y$.
(Equivalently: centre $X$ and $y$, solve $(X_c^\\top X_c + \\lambda I) w = X_c^\\top y_c$, then $b = \\bar y - \\bar x \\cdot w$.)

$\\lambda \\ge 0$; when $\\lambda = 0$ the cases have independent columns and $n > d$. Values are compared to $10^{-6}$ relative.`,
  functionName: 'ridgeFit',
  signature: 'ridgeFit(X: number[][], y: number[], lambda: number): { w: number[]; b: number }',
  starter: `export function ridgeFit(X: number[][], y: number[], lambda: number): { w: number[]; b: number } {
  throw new Error('not implemented');
}
`,
  solution: `export function ridgeFit(X: number[][], y: number[], lambda: number): { w: number[]; b: number } {
  const n = X.length, d = X[0].length, p = d + 1;
  // Normal equations of A = [1 X]: M theta = v, with lambda on the diagonal except for the intercept.
  const M = Array.from({ length: p }, () => new Array<number>(p + 1).fill(0));
  for (let i = 0; i < n; i++) {
    const a = [1, ...X[i]];
    for (let j = 0; j < p; j++) {
      for (let k = 0; k < p; k++) M[j][k] += a[j] * a[k];
      M[j][p] += a[j] * y[i];
    }
  }
  for (let j = 1; j < p; j++) M[j][j] += lambda;
  // Gaussian elimination with partial pivoting on the augmented matrix.
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(M[r][c]) > Math.abs(M[piv][c])) piv = r;
    [M[c], M[piv]] = [M[piv], M[c]];
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= p; k++) M[r][k] -= f * M[c][k];
    }
  }
  const theta = M.map((row, j) => row[p] / M[j][j]);
  return { w: theta.slice(1), b: theta[0] };
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-7, rel: 1e-6 },
  hints: ['Add lambda to the diagonal of AᵀA for the weights only (not the intercept entry), then solve the linear system; no explicit inverse is needed.'],
  mistakes: [
    mistakeFrom<Args, Result>('penalised-intercept', 'The intercept is not penalised: add lambda to the diagonal entries of the weights only, or centre X and y first.',
      (X, y, lambda) => { const t = normalEquation(X, y, true, () => lambda); return { w: t.slice(1), b: t[0] }; }),
    mistakeFrom<Args, Result>('no-intercept', 'Fit an intercept b too: without it the fit is forced through the origin.',
      (X, y, lambda) => ({ w: normalEquation(X, y, false, () => lambda), b: 0 })),
    mistakeFrom<Args, Result>('lambda-times-n', 'This objective has no 1/n in front of the squared error, so lambda goes on the diagonal as is, not multiplied by n.',
      (X, y, lambda) => { const t = normalEquation(X, y, true, (j) => (j === 0 ? 0 : lambda * X.length)); return { w: t.slice(1), b: t[0] }; }),
  ],
  mutants: [
    { name: 'intercept penalised', edits: [['for (let j = 1; j < p; j++) M[j][j] += lambda;', 'for (let j = 0; j < p; j++) M[j][j] += lambda;']], mistake: 'penalised-intercept' },
    { name: 'lambda scaled by n', edits: [['M[j][j] += lambda;', 'M[j][j] += lambda * n;']], mistake: 'lambda-times-n' },
  ],
  links: {
    lessons: [{ lesson: '03-regularization', cell: 'ridge-md' }, { lesson: '12-key-formulas', cell: 'ridge-closed-form' }],
    questions: ['regularization-ridge-closed-form', 'regularization-intercept-not-penalised', 'probability-and-formulas-normal-equation-derivation'],
  },
});
