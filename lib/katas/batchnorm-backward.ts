// Kata: the backward pass of training-mode batch normalisation (reference: lib/nn/batch-norm.ts batchNormBackward).
import { Rng } from '../core/random';
import { batchNormBackward, batchNormForward } from '../nn/batch-norm';
import { mistakeFrom, normalMatrix, normals, toRows } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [x: number[][], gamma: number[], dOut: number[][], eps: number];
type Result = { dx: number[][]; dGamma: number[]; dBeta: number[] };

function reference(...[x, gamma, dOut, eps]: Args): Result {
  const { cache } = batchNormForward(x, gamma, gamma.map(() => 0), eps);
  const g = batchNormBackward(dOut, cache);
  return { dx: toRows(g.dx.data, g.dx.rows, g.dx.cols), dGamma: Array.from(g.dGamma), dBeta: Array.from(g.dBeta) };
}

type Variant = 'constant-stats' | 'no-variance-path' | 'dgamma-without-xhat';

function variant(x: number[][], gamma: number[], dOut: number[][], eps: number, v: Variant): Result {
  const n = x.length, d = x[0].length;
  const dx = x.map((r) => r.slice());
  const dGamma: number[] = [], dBeta: number[] = [];
  for (let j = 0; j < d; j++) {
    const col = x.map((r) => r[j]);
    const mu = col.reduce((a, b) => a + b, 0) / n;
    const inv = 1 / Math.sqrt(col.reduce((a, b) => a + (b - mu) ** 2, 0) / n + eps);
    const xh = col.map((c) => (c - mu) * inv);
    const g = dOut.map((r) => r[j]);
    const sumG = g.reduce((a, b) => a + b, 0);
    const sumGX = g.reduce((a, b, i) => a + b * xh[i], 0);
    dBeta.push(sumG);
    dGamma.push(v === 'dgamma-without-xhat' ? sumG : sumGX);
    for (let i = 0; i < n; i++) {
      dx[i][j] = v === 'constant-stats' ? gamma[j] * inv * g[i]
        : v === 'no-variance-path' ? gamma[j] * inv * (g[i] - sumG / n)
        : ((gamma[j] * inv) / n) * (n * g[i] - sumG - xh[i] * sumGX);
    }
  }
  return { dx, dGamma, dBeta };
}

const examples: KataCase<Args>[] = [
  { name: 'one feature, three rows', kind: 'example', args: [[[1], [2], [4]], [1], [[1], [0], [-1]], 1e-5] },
  { name: 'two features', kind: 'example', args: [[[1, 0], [3, 1], [5, 5]], [2, 0.5], [[0.1, 1], [0.2, -1], [0.3, 0.5]], 1e-5] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1611);
  const cases: KataCase<Args>[] = [
    { name: 'constant upstream gradient: dx = 0', kind: 'edge', args: [[[1, 2], [3, 5], [4, 4]], [1.5, 2], [[1, 1], [1, 1], [1, 1]], 1e-5] },
    { name: 'upstream gradient proportional to x-hat', kind: 'edge', args: [[[-1], [0], [1]], [1], [[-1], [0], [1]], 1e-5] },
    { name: 'two rows', kind: 'edge', args: [[[0, 5], [2, 1]], [1, -1], [[0.5, 2], [1.5, -3]], 1e-3] },
  ];
  for (let r = 0; r < 4; r++) {
    const n = 2 + rng.int(10), d = 1 + rng.int(4);
    cases.push({ name: `random ${r + 1}`, kind: 'random', args: [normalMatrix(rng, n, d, 2), normals(rng, d, 1, 1), normalMatrix(rng, n, d), 1e-5] });
  }
  cases.push({ name: 'inputs near 1e6, gradients near 1e3', kind: 'large', args: [normalMatrix(rng, 6, 2, 1e3, 1e6), [1, 3], normalMatrix(rng, 6, 2, 1e3), 1e-5] });
  return cases;
}

export default defineKata<Args, Result>({
  id: 'batchnorm-backward',
  title: 'Batch normalisation, backward',
  section: 'neural-networks',
  difficulty: 'hard',
  statement: `Forward (training mode, per column $j$ of the $n \\times d$ batch $x$): $\\mu = \\frac1n \\sum_i x_i$,
$\\sigma^2 = \\frac1n \\sum_i (x_i - \\mu)^2$, $\\hat x_i = (x_i - \\mu)/\\sqrt{\\sigma^2 + \\varepsilon}$,
$y_i = \\gamma \\hat x_i + \\beta$. Given \`dOut\` $= \\partial L/\\partial y$, return

$$\\frac{\\partial L}{\\partial \\beta} = \\sum_i \\frac{\\partial L}{\\partial y_i}, \\qquad
\\frac{\\partial L}{\\partial \\gamma} = \\sum_i \\frac{\\partial L}{\\partial y_i}\\, \\hat x_i, \\qquad
\\frac{\\partial L}{\\partial x_i} = \\frac{\\gamma}{n\\sqrt{\\sigma^2 + \\varepsilon}} \\Big( n \\frac{\\partial L}{\\partial y_i}
- \\sum_k \\frac{\\partial L}{\\partial y_k} - \\hat x_i \\sum_k \\frac{\\partial L}{\\partial y_k} \\hat x_k \\Big)$$

(derive it if you can: $\\mu$ and $\\sigma^2$ depend on every row, which is where the two sums come from). $\\beta$ does
not affect any gradient, so it is not an argument. Tolerance $10^{-9}$ absolute plus $10^{-7}$ relative.`,
  functionName: 'batchNormBackward',
  signature: 'batchNormBackward(x: number[][], gamma: number[], dOut: number[][], eps: number): { dx: number[][]; dGamma: number[]; dBeta: number[] }',
  starter: `export function batchNormBackward(x: number[][], gamma: number[], dOut: number[][], eps: number): { dx: number[][]; dGamma: number[]; dBeta: number[] } {
  throw new Error('not implemented');
}
`,
  solution: `export function batchNormBackward(x: number[][], gamma: number[], dOut: number[][], eps: number): { dx: number[][]; dGamma: number[]; dBeta: number[] } {
  const n = x.length, d = x[0].length;
  const dx = x.map((row) => row.slice());
  const dGamma = new Array<number>(d).fill(0);
  const dBeta = new Array<number>(d).fill(0);
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[i][j] / n;
    let variance = 0;
    for (let i = 0; i < n; i++) variance += (x[i][j] - mean) ** 2 / n;
    const invStd = 1 / Math.sqrt(variance + eps);
    const xHat = x.map((row) => (row[j] - mean) * invStd);
    for (let i = 0; i < n; i++) {
      dBeta[j] += dOut[i][j];
      dGamma[j] += dOut[i][j] * xHat[i];
    }
    for (let i = 0; i < n; i++) {
      dx[i][j] = (gamma[j] * invStd / n) * (n * dOut[i][j] - dBeta[j] - xHat[i] * dGamma[j]);
    }
  }
  return { dx, dGamma, dBeta };
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-9, rel: 1e-7 },
  hints: ['Recompute mean, variance and x-hat per column; dBeta and dGamma are column sums, and dx needs both sums (the mean path and the variance path).'],
  mistakes: [
    mistakeFrom<Args, Result>('constant-stats', 'The batch mean and variance depend on every row: dx needs the two subtracted sums, not just dOut · γ / sqrt(σ² + ε).',
      (x, g, dO, e) => variant(x, g, dO, e, 'constant-stats')),
    mistakeFrom<Args, Result>('no-variance-path', 'You kept the mean path (subtracting the mean of dOut) but not the variance path: subtract x-hat_i · Σ dOut_k x-hat_k / n too.',
      (x, g, dO, e) => variant(x, g, dO, e, 'no-variance-path')),
    mistakeFrom<Args, Result>('dgamma-without-xhat', 'dγ = Σ dOut_i · x-hat_i (γ multiplies x-hat); Σ dOut_i alone is dβ.',
      (x, g, dO, e) => variant(x, g, dO, e, 'dgamma-without-xhat')),
  ],
  mutants: [
    { name: 'treats mean and variance as constants', edits: [['(gamma[j] * invStd / n) * (n * dOut[i][j] - dBeta[j] - xHat[i] * dGamma[j])', 'gamma[j] * invStd * dOut[i][j]']], mistake: 'constant-stats' },
    { name: 'drops the variance path', edits: [[' - xHat[i] * dGamma[j])', ')']], mistake: 'no-variance-path' },
    { name: 'dGamma without x-hat', edits: [['dGamma[j] += dOut[i][j] * xHat[i];', 'dGamma[j] += dOut[i][j];']] },
  ],
  links: {
    lessons: [{ lesson: '03-regularization', cell: 'bn-md' }, { lesson: '12-key-formulas', cell: 'batch-norm' }],
    questions: ['algorithms-batch-norm-backward', 'neural-networks-batch-norm-forward'],
  },
});
