// Kata: the RBF (Gaussian) kernel matrix K_ij = exp(-gamma ||a_i - b_j||^2) between two sets of points.
import { kernelMatrix, rbfKernel } from '../classic/kernels';
import { rngFrom } from '../core/random';
import { randomMatrix } from './case-helpers';
import { defineKata, type CaseContext, type KataCase } from './types';

type Args = [a: number[][], b: number[][], gamma: number];

/** K with each entry f(squared distance), for the mistake detectors. */
function mapped(a: number[][], b: number[][], f: (d2: number) => number): number[][] {
  return a.map((u) => b.map((v) => f(u.reduce((s, x, k) => s + (x - v[k]) ** 2, 0))));
}

function near(received: unknown, want: number[][]): boolean {
  if (!Array.isArray(received) || received.length !== want.length) return false;
  return want.every((row, i) => Array.isArray(received[i]) && (received[i] as unknown[]).length === row.length
    && row.every((w, j) => { const r = (received[i] as unknown[])[j]; return typeof r === 'number' && Math.abs(r - w) <= 1e-9 + 1e-9 * Math.abs(w); }));
}

export default defineKata<Args, number[][]>({
  id: 'rbf-kernel-matrix',
  title: 'The RBF kernel (Gram) matrix',
  section: 'algorithms',
  difficulty: 'easy',
  statement: `Write \`rbfKernelMatrix(a, b, gamma)\`: the RBF (Gaussian) kernel between every row of \`a\` ($n \\times d$)
and every row of \`b\` ($m \\times d$),

$$K_{ij} = \\exp\\big(-\\gamma\\, \\|a_i - b_j\\|^2\\big), \\qquad \\|a_i - b_j\\|^2 = \\sum_k (a_{ik} - b_{jk})^2 .$$

- Return an $n \\times m$ array of arrays (\`K[i][j]\`); do not change the arguments.
- The distance is **squared** (no square root), the sign is **minus** (every entry is in $(0, 1]$, 1 for identical
  points), and \`gamma\` multiplies it as given: it is **not** a width $\\sigma$ (the two are related by
  $\\gamma = 1/(2\\sigma^2)$, as in scikit-learn's \`SVC(gamma=...)\`).
- $n, m \\ge 1$, $d \\ge 1$, \`gamma\` $> 0$, all values finite. Tolerance: $10^{-12}$ absolute plus $10^{-9}$ relative.`,
  functionName: 'rbfKernelMatrix',
  signature: 'rbfKernelMatrix(a: number[][], b: number[][], gamma: number): number[][]',
  starter: `export function rbfKernelMatrix(a: number[][], b: number[][], gamma: number): number[][] {
  throw new Error('not implemented');
}
`,
  solution: `export function rbfKernelMatrix(a: number[][], b: number[][], gamma: number): number[][] {
  return a.map((u) => b.map((v) => {
    let d2 = 0;
    for (let k = 0; k < u.length; k++) d2 += (u[k] - v[k]) ** 2;
    return Math.exp(-gamma * d2);
  }));
}
`,
  examples: [
    { name: 'two points against themselves, gamma 0.5', kind: 'example', args: [[[0, 0], [1, 1]], [[0, 0], [1, 1]], 0.5] },
    { name: 'one point against three, gamma 2', kind: 'example', args: [[[1, 2]], [[1, 2], [2, 2], [1, 0]], 2] },
  ],
  hiddenCases() {
    const rng = rngFrom(2626);
    const cases: KataCase<Args>[] = [
      { name: 'one dimension', kind: 'edge', args: [[[0], [3]], [[1], [-1], [3]], 0.1] },
      { name: 'identical points give 1', kind: 'edge', args: [[[2, -1, 4]], [[2, -1, 4], [2, -1, 4]], 7] },
      { name: 'distance 2 with gamma 1/8 (sigma = 2)', kind: 'edge', args: [[[0, 0]], [[2, 0], [0, -2]], 0.125] },
    ];
    for (let t = 0; t < 5; t++) {
      const n = 1 + rng.int(6), m = 1 + rng.int(6), d = 1 + rng.int(5);
      cases.push({ name: `random ${t + 1} (${n} x ${m}, d = ${d})`, kind: 'random', args: [randomMatrix(rng, n, d), randomMatrix(rng, m, d), [0.1, 0.5, 1, 2][rng.int(4)]] });
    }
    cases.push({ name: 'large coordinates with a tiny gamma (60 x 40, d = 8)', kind: 'large', args: [randomMatrix(rng, 60, 8, 100), randomMatrix(rng, 40, 8, 100), 1e-4] });
    return cases;
  },
  reference: (a, b, gamma) => {
    const K = kernelMatrix((u, v) => rbfKernel(u, v, gamma), a, b);
    return Array.from({ length: K.rows }, (_, i) => Array.from(K.data.subarray(i * K.cols, (i + 1) * K.cols)));
  },
  tolerance: { abs: 1e-12, rel: 1e-9 },
  hints: ['For each pair (i, j) sum the squared coordinate differences, then take exp(-gamma * that sum).'],
  mistakes: [
    {
      id: 'plus-sign',
      hint: 'the exponent is minus gamma times the squared distance: your entries grow with distance (above 1), they must decay',
      detect: ({ received }: CaseContext<Args, number[][]>) => Array.isArray(received) && received.some((row) => Array.isArray(row) && row.some((v) => typeof v === 'number' && v > 1 + 1e-12)),
    },
    {
      id: 'sqrt-distance',
      hint: 'use the squared distance ||a - b||^2, not the distance ||a - b|| (exp(-gamma ||a - b||) is the Laplacian-like exponential kernel)',
      detect: ({ args: [a, b, gamma], received }) => near(received, mapped(a, b, (d2) => Math.exp(-gamma * Math.sqrt(d2)))),
    },
    {
      id: 'gamma-as-sigma',
      hint: 'gamma multiplies the squared distance: exp(-gamma d^2). Treating it as a width, exp(-d^2 / (2 gamma)) or exp(-gamma d^2 / 2), mixes up gamma and 1/(2 sigma^2)',
      detect: ({ args: [a, b, gamma], received }) => near(received, mapped(a, b, (d2) => Math.exp(-d2 / (2 * gamma)))) || near(received, mapped(a, b, (d2) => Math.exp(-gamma * d2 / 2))),
    },
  ],
  mutants: [
    { name: 'minus sign dropped', edits: [['return Math.exp(-gamma * d2);', 'return Math.exp(gamma * d2);']], mistake: 'plus-sign' },
    { name: 'distance instead of squared distance', edits: [['return Math.exp(-gamma * d2);', 'return Math.exp(-gamma * Math.sqrt(d2));']], mistake: 'sqrt-distance' },
    { name: 'gamma used as sigma', edits: [['return Math.exp(-gamma * d2);', 'return Math.exp(-d2 / (2 * gamma));']], mistake: 'gamma-as-sigma' },
    { name: 'gamma halved (1/(2 sigma^2) applied twice)', edits: [['return Math.exp(-gamma * d2);', 'return Math.exp(-gamma * d2 / 2);']], mistake: 'gamma-as-sigma' },
  ],
  links: {
    lessons: [{ lesson: '26-svm-and-kernels', cell: 'dual-md' }, { lesson: '12-key-formulas', cell: 'rbf-kernel' }],
    questions: ['algorithms-svm-kernel-trick', 'algorithms-svm-c-and-gamma'],
  },
});
