// Kata: the lasso by cyclic coordinate descent with soft thresholding (reference: lib/linear/lasso.ts Lasso).
import { Rng } from '../core/random';
import { Lasso } from '../linear/lasso';
import { mistakeFrom, normalMatrix, round } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [X: number[][], y: number[], lambda: number];
type Result = { w: number[]; b: number };

function reference(...[X, y, lambda]: Args): Result {
  const model = new Lasso({ lambda, tol: 1e-12, maxIter: 100_000 }).fit(X, y);
  return { w: Array.from(model.weights), b: model.intercept };
}

type Variant = { update: (rho: number, sq: number, lambda: number) => number; center: boolean };

/** Coordinate descent with a chosen update, for the mistake detectors. */
function descend(X: number[][], y: number[], lambda: number, v: Variant): Result {
  const n = X.length, d = X[0].length;
  const xm = Array.from({ length: d }, (_, j) => (v.center ? X.reduce((s, r) => s + r[j], 0) / n : 0));
  const ym = v.center ? y.reduce((s, t) => s + t, 0) / n : 0;
  const Xc = X.map((r) => r.map((x, j) => x - xm[j]));
  const yc = y.map((t) => t - ym);
  const w = new Array<number>(d).fill(0);
  for (let sweep = 0; sweep < 20_000; sweep++) {
    let change = 0;
    for (let j = 0; j < d; j++) {
      let rho = 0, sq = 0;
      for (let i = 0; i < n; i++) {
        let pred = 0;
        for (let k = 0; k < d; k++) if (k !== j) pred += Xc[i][k] * w[k];
        rho += Xc[i][j] * (yc[i] - pred);
        sq += Xc[i][j] ** 2;
      }
      const next = sq === 0 ? 0 : v.update(rho, sq, lambda);
      change = Math.max(change, Math.abs(next - w[j]));
      w[j] = next;
    }
    if (change < 1e-13) break;
  }
  return { w, b: ym - xm.reduce((s, m, j) => s + m * w[j], 0) };
}

const soft = (z: number, t: number) => (z > t ? z - t : z < -t ? z + t : 0);

const examples: KataCase<Args>[] = [
  { name: 'one feature, lambda = 2', kind: 'example', args: [[[0], [1], [2], [3]], [1, 3, 5, 7], 2] },
  { name: 'two features, one zeroed', kind: 'example', args: [[[1, 0.5], [2, -0.5], [3, 0.5], [4, -0.5]], [2.1, 3.9, 6.1, 7.9], 1] },
];

function problem(rng: Rng, n: number, d: number, active: number, offset: number, scale = 1): [number[][], number[]] {
  const X = normalMatrix(rng, n, d, scale);
  const w = Array.from({ length: d }, (_, j) => (j < active ? round(rng.normal(0, 3), 2) : 0));
  const y = X.map((row) => round(offset + row.reduce((s, v, j) => s + v * w[j], 0) + rng.normal(0, 0.5 * scale), 3));
  return [X, y];
}

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1607);
  const [X0, y0] = problem(rng, 12, 3, 2, 1);
  const cases: KataCase<Args>[] = [
    { name: 'lambda = 0 is least squares', kind: 'edge', args: [X0, y0, 0] },
    { name: 'lambda above lambda_max: every weight is 0, b = mean(y)', kind: 'edge', args: [X0, y0, 1e4] },
    { name: 'a constant column gets weight 0', kind: 'edge', args: [[[1, 5], [2, 5], [3, 5], [4, 5]], [1, 2, 2, 4], 0.5] },
    { name: 'negative weights', kind: 'edge', args: [[[1], [2], [3], [4], [5]], [10, 8, 6, 4, 2], 3] },
  ];
  for (let r = 0; r < 4; r++) {
    const d = 2 + rng.int(5);
    cases.push({ name: `random sparse ${r + 1}`, kind: 'random', args: [...problem(rng, 15 + rng.int(20), d, 1 + rng.int(d), round(rng.normal(0, 3), 2)), round(1 + 10 * rng.random(), 2)] });
  }
  cases.push({ name: 'features and targets near 1e3', kind: 'large', args: [...problem(rng, 30, 4, 2, 5e3, 100), 5e4] });
  return cases;
}

export default defineKata<Args, Result>({
  id: 'lasso',
  title: 'Lasso by coordinate descent',
  section: 'regularization',
  difficulty: 'hard',
  statement: `Fit the lasso $\\hat y = X w + b$, minimising

$$J(w, b) = \\tfrac12 \\lVert y - X w - b\\mathbf 1 \\rVert^2 + \\lambda \\lVert w \\rVert_1 \\qquad (b \\text{ not penalised}),$$

by cyclic coordinate descent. Centre the columns of $X$ and $y$ (this handles $b$), then sweep $j = 0, \\ldots, d-1$ with
the exact minimiser along coordinate $j$:

$$\\rho_j = x_j \\cdot \\big(y - X w + x_j w_j\\big), \\qquad w_j \\leftarrow \\frac{S(\\rho_j, \\lambda)}{x_j \\cdot x_j},
\\qquad S(z, t) = \\operatorname{sign}(z) \\max(|z| - t, 0),$$

until a whole sweep moves no weight by more than about $10^{-12}$; finally $b = \\bar y - \\bar x \\cdot w$.
A column that is constant (zero after centring) keeps $w_j = 0$. The cases have a unique minimiser; weights are
compared to $10^{-6}$ relative.`,
  functionName: 'lassoFit',
  signature: 'lassoFit(X: number[][], y: number[], lambda: number): { w: number[]; b: number }',
  starter: `export function lassoFit(X: number[][], y: number[], lambda: number): { w: number[]; b: number } {
  throw new Error('not implemented');
}
`,
  solution: `export function lassoFit(X: number[][], y: number[], lambda: number): { w: number[]; b: number } {
  const n = X.length, d = X[0].length;
  const xMean = new Array<number>(d).fill(0);
  let yMean = 0;
  for (let i = 0; i < n; i++) {
    yMean += y[i] / n;
    for (let j = 0; j < d; j++) xMean[j] += X[i][j] / n;
  }
  const Xc = X.map((row) => row.map((v, j) => v - xMean[j]));
  const r = y.map((v) => v - yMean); // residual y - X w, with w = 0
  const sq = xMean.map((_, j) => Xc.reduce((s, row) => s + row[j] * row[j], 0));
  const w = new Array<number>(d).fill(0);
  for (let sweep = 0; sweep < 100000; sweep++) {
    let maxChange = 0;
    for (let j = 0; j < d; j++) {
      if (sq[j] === 0) continue;
      let rho = 0;
      for (let i = 0; i < n; i++) rho += Xc[i][j] * (r[i] + Xc[i][j] * w[j]);
      const shrunk = rho > lambda ? rho - lambda : rho < -lambda ? rho + lambda : 0;
      const next = shrunk / sq[j];
      const delta = next - w[j];
      for (let i = 0; i < n; i++) r[i] -= Xc[i][j] * delta;
      w[j] = next;
      maxChange = Math.max(maxChange, Math.abs(delta));
    }
    if (maxChange <= 1e-13) break;
  }
  let b = yMean;
  for (let j = 0; j < d; j++) b -= xMean[j] * w[j];
  return { w, b };
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-7, rel: 1e-6 },
  hints: [
    'Keep the residual r = y - X w up to date; rho_j is x_j · (r + x_j w_j), the correlation of x_j with the residual that ignores w_j, and the new w_j is soft-threshold(rho_j, lambda) / (x_j · x_j).',
  ],
  mistakes: [
    mistakeFrom<Args, Result>('half-threshold', 'With the 1/2 in front of the squared error the threshold is lambda itself, not lambda / 2.',
      (X, y, lambda) => descend(X, y, lambda, { update: (rho, sq, l) => soft(rho, l / 2) / sq, center: true })),
    mistakeFrom<Args, Result>('ridge-shrink', 'The L1 penalty soft-thresholds rho (setting small weights exactly to 0); dividing by (x_j · x_j + lambda) is the ridge update.',
      (X, y, lambda) => descend(X, y, lambda, { update: (rho, sq, l) => rho / (sq + l), center: true })),
    mistakeFrom<Args, Result>('no-centring', 'Centre X and y (then b = mean(y) - mean(x) · w); without centring the fit has no intercept.',
      (X, y, lambda) => descend(X, y, lambda, { update: (rho, sq, l) => soft(rho, l) / sq, center: false })),
  ],
  mutants: [
    { name: 'threshold lambda / 2', edits: [['const shrunk = rho > lambda ? rho - lambda : rho < -lambda ? rho + lambda : 0;', 'const shrunk = rho > lambda / 2 ? rho - lambda / 2 : rho < -lambda / 2 ? rho + lambda / 2 : 0;']], mistake: 'half-threshold' },
    { name: 'ridge-style shrinkage', edits: [['const next = shrunk / sq[j];', 'const next = rho / (sq[j] + lambda);']], mistake: 'ridge-shrink' },
    { name: 'partial residual without + x_j w_j', edits: [['rho += Xc[i][j] * (r[i] + Xc[i][j] * w[j]);', 'rho += Xc[i][j] * r[i];']] },
  ],
  links: {
    lessons: [{ lesson: '03-regularization', cell: 'geometry-md' }, { lesson: '12-key-formulas', cell: 'l1-lasso' }],
    questions: ['regularization-l1-sparsity', 'optimization-coordinate-descent', 'regularization-lambda-limits'],
  },
});
