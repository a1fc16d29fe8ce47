// Kata: training-mode batch normalisation of a batch of rows (reference: lib/nn/batch-norm.ts batchNormForward).
import { Rng } from '../core/random';
import { batchNormForward } from '../nn/batch-norm';
import { mistakeFrom, normalMatrix, normals, toRows } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [x: number[][], gamma: number[], beta: number[], eps: number];

function reference(...[x, gamma, beta, eps]: Args): number[][] {
  const { output } = batchNormForward(x, gamma, beta, eps);
  return toRows(output.data, output.rows, output.cols);
}

type Variant = { ddof: 0 | 1; epsOutside: boolean; onePass: boolean; perRow: boolean };

function variant(x: number[][], gamma: number[], beta: number[], eps: number, v: Variant): number[][] {
  const n = x.length, d = x[0].length;
  if (v.perRow) {
    return x.map((row) => {
      const mu = row.reduce((a, b) => a + b, 0) / d;
      const va = row.reduce((a, b) => a + (b - mu) ** 2, 0) / d;
      return row.map((val, j) => (gamma[j] * (val - mu)) / Math.sqrt(va + eps) + beta[j]);
    });
  }
  const out = x.map((row) => row.slice());
  for (let j = 0; j < d; j++) {
    const col = x.map((r) => r[j]);
    const mu = col.reduce((a, b) => a + b, 0) / n;
    const va = v.onePass ? col.reduce((a, b) => a + b * b, 0) / n - mu * mu : col.reduce((a, b) => a + (b - mu) ** 2, 0) / (n - v.ddof);
    const den = v.epsOutside ? Math.sqrt(va) + eps : Math.sqrt(va + eps);
    for (let i = 0; i < n; i++) out[i][j] = (gamma[j] * (x[i][j] - mu)) / den + beta[j];
  }
  return out;
}

const base: Variant = { ddof: 0, epsOutside: false, onePass: false, perRow: false };

const examples: KataCase<Args>[] = [
  { name: 'two features, four rows', kind: 'example', args: [[[1, 10], [2, 20], [3, 30], [4, 40]], [1, 1], [0, 0], 1e-5] },
  { name: 'scale and shift', kind: 'example', args: [[[0, 1], [2, 3]], [2, 0.5], [1, -1], 1e-5] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1610);
  const cases: KataCase<Args>[] = [
    { name: 'batch of one row: output = beta', kind: 'edge', args: [[[3, -7, 2]], [1, 2, 3], [0.5, 0, -1], 1e-5] },
    { name: 'constant column', kind: 'edge', args: [[[5, 1], [5, 2], [5, 4]], [1, 1], [0, 0], 1e-3] },
    { name: 'eps large compared with the variance', kind: 'edge', args: [[[0.01], [0.02], [0.03]], [1], [0], 1e-3] },
    { name: 'rows differ only in one column', kind: 'edge', args: [[[1, 2, 3], [1, 2, 5]], [1, 1, 1], [0, 0, 0], 1e-5] },
  ];
  for (let r = 0; r < 4; r++) {
    const n = 2 + rng.int(10), d = 1 + rng.int(5);
    cases.push({ name: `random ${r + 1}`, kind: 'random', args: [normalMatrix(rng, n, d, 3, 1), normals(rng, d, 1, 1), normals(rng, d), 1e-5] });
  }
  cases.push({ name: 'activations near 1e8 with unit spread', kind: 'large', args: [normalMatrix(rng, 8, 3, 1, 1e8, 2), [1, 2, 3], [0, 0, 0], 1e-5] });
  return cases;
}

export default defineKata<Args, number[][]>({
  id: 'batchnorm-forward',
  title: 'Batch normalisation, forward',
  section: 'neural-networks',
  difficulty: 'medium',
  statement: `Batch normalisation in training mode normalises each **column** (feature) $j$ of the batch $x$ ($n \\times d$)
with the batch's own statistics, then scales and shifts it:

$$\\mu_j = \\frac1n \\sum_i x_{ij}, \\qquad \\sigma_j^2 = \\frac1n \\sum_i (x_{ij} - \\mu_j)^2, \\qquad
y_{ij} = \\gamma_j\\, \\frac{x_{ij} - \\mu_j}{\\sqrt{\\sigma_j^2 + \\varepsilon}} + \\beta_j .$$

- The variance is the biased one (divide by $n$), and $\\varepsilon$ goes **inside** the square root.
- $n \\ge 1$ (a batch of one row gives $y = \\beta$). Activations may sit near $10^8$ with a spread of 1: compute the
  variance from the deviations $x - \\mu$, not as $E[x^2] - \\mu^2$, which cancels catastrophically there.
- Tolerance $10^{-9}$ absolute plus $10^{-7}$ relative.`,
  functionName: 'batchNormForward',
  signature: 'batchNormForward(x: number[][], gamma: number[], beta: number[], eps: number): number[][]',
  starter: `export function batchNormForward(x: number[][], gamma: number[], beta: number[], eps: number): number[][] {
  throw new Error('not implemented');
}
`,
  solution: `export function batchNormForward(x: number[][], gamma: number[], beta: number[], eps: number): number[][] {
  const n = x.length, d = x[0].length;
  const out = x.map((row) => row.slice());
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[i][j];
    mean /= n;
    let variance = 0;
    for (let i = 0; i < n; i++) variance += (x[i][j] - mean) ** 2;
    variance /= n;
    const scale = gamma[j] / Math.sqrt(variance + eps);
    for (let i = 0; i < n; i++) out[i][j] = (x[i][j] - mean) * scale + beta[j];
  }
  return out;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-9, rel: 1e-7 },
  hints: ['Work column by column: mean, then the mean squared deviation from it, then (x - mean) / sqrt(var + eps) * gamma + beta.'],
  mistakes: [
    mistakeFrom<Args, number[][]>('unbiased-variance', 'Batch norm uses the biased batch variance (divide by n), not the sample variance (n - 1).',
      (x, g, b, e) => variant(x, g, b, e, { ...base, ddof: 1 })),
    mistakeFrom<Args, number[][]>('eps-outside', 'eps goes inside the square root: sqrt(var + eps), not sqrt(var) + eps.',
      (x, g, b, e) => variant(x, g, b, e, { ...base, epsOutside: true })),
    mistakeFrom<Args, number[][]>('one-pass-variance', 'E[x²] - E[x]² loses every significant digit when the values are large and close together: compute the variance from x - mean.',
      (x, g, b, e) => variant(x, g, b, e, { ...base, onePass: true })),
    mistakeFrom<Args, number[][]>('per-row', 'Batch norm normalises each feature (column) over the batch; normalising each row over its features is layer norm.',
      (x, g, b, e) => variant(x, g, b, e, { ...base, perRow: true })),
  ],
  mutants: [
    { name: 'divides the variance by n - 1', edits: [['variance /= n;', 'variance /= n - 1;']], mistake: 'unbiased-variance' },
    { name: 'eps outside the root', edits: [['Math.sqrt(variance + eps)', '(Math.sqrt(variance) + eps)']], mistake: 'eps-outside' },
    { name: 'one-pass variance', edits: [['for (let i = 0; i < n; i++) variance += (x[i][j] - mean) ** 2;\n    variance /= n;', 'for (let i = 0; i < n; i++) variance += x[i][j] ** 2;\n    variance = variance / n - mean * mean;']], mistake: 'one-pass-variance' },
  ],
  links: {
    lessons: [{ lesson: '12-key-formulas', cell: 'batch-norm' }, { lesson: '03-regularization', cell: 'bn-md' }],
    questions: ['neural-networks-batch-norm-forward', 'neural-networks-batch-norm-vs-layer-norm', 'regularization-batchnorm-regularizer'],
  },
});
