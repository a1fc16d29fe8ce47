// Kata: the gradient of t-SNE's KL(P || Q) with respect to the map points (reference: lib/unsupervised/tsne.ts klDivergence).
import { Rng } from '../core/random';
import { calibrateAffinities, jointProbabilities, klDivergence, squaredDistances } from '../unsupervised/tsne';
import { mistakeFrom, normalMatrix, toRows } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [P: number[][], Y: number[][]];

function reference(...[P, Y]: Args): number[][] {
  const n = Y.length, dim = Y[0].length;
  const r = klDivergence(Float64Array.from(P.flat()), Float64Array.from(Y.flat()), n, dim);
  return toRows(r.grad, n, dim);
}

/** The gradient with the usual slips, for the detectors. */
function variant(P: number[][], Y: number[][], slip: 'no-kernel-factor' | 'row-normalised-q'): number[][] {
  const n = Y.length, dim = Y[0].length;
  const w = Y.map((yi) => Y.map((yj) => 1 / (1 + yi.reduce((s, v, k) => s + (v - yj[k]) ** 2, 0))));
  let Z = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) Z += w[i][j];
  return Y.map((yi, i) => {
    const rowZ = w[i].reduce((s, v, j) => (j === i ? s : s + v), 0);
    const g = new Array<number>(dim).fill(0);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const q = slip === 'row-normalised-q' ? w[i][j] / rowZ : w[i][j] / Z;
      const c = 4 * (P[i][j] - q) * (slip === 'no-kernel-factor' ? 1 : w[i][j]);
      for (let k = 0; k < dim; k++) g[k] += c * (yi[k] - Y[j][k]);
    }
    return g;
  });
}

/** A joint P from random data (perplexity-calibrated, as t-SNE builds it) and a random layout. */
function tsneCase(rng: Rng, n: number, perplexity: number, spread: number): Args {
  const X = normalMatrix(rng, n, 4);
  const P = toRows(jointProbabilities(calibrateAffinities(squaredDistances(X), { perplexity }).conditional, n), n, n);
  return [P, normalMatrix(rng, n, 2, spread)];
}

const examples: KataCase<Args>[] = [
  { name: 'two points, all of P on the pair', kind: 'example', args: [[[0, 0.5], [0.5, 0]], [[0, 0], [1, 0]]] },
  { name: 'three points on a line', kind: 'example', args: [[[0, 0.3, 0.2], [0.3, 0, 0], [0.2, 0, 0]], [[0, 0], [1, 0], [3, 0]]] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(2829);
  const cases: KataCase<Args>[] = [
    { name: 'uniform P on the corners of a unit square', kind: 'edge', args: [[[0, 1 / 12, 1 / 12, 1 / 12], [1 / 12, 0, 1 / 12, 1 / 12], [1 / 12, 1 / 12, 0, 1 / 12], [1 / 12, 1 / 12, 1 / 12, 0]], [[0, 0], [1, 0], [0, 1], [1, 1]]] },
    { name: 'two points on top of each other', kind: 'edge', args: [[[0, 0.25, 0.25], [0.25, 0, 0], [0.25, 0, 0]], [[1, 1], [1, 1], [-2, 0.5]]] },
    { name: 'three map dimensions', kind: 'edge', args: [[[0, 0.2, 0.1, 0.2], [0.2, 0, 0, 0], [0.1, 0, 0, 0], [0.2, 0, 0, 0]], [[0, 0, 0], [1, 0, 2], [0, -1, 1], [2, 2, 2]]] },
  ];
  for (let t = 0; t < 5; t++) {
    const n = 5 + rng.int(20);
    cases.push({ name: `random ${t + 1} (n = ${n})`, kind: 'random', args: tsneCase(rng, n, Math.min(n - 2, 2 + rng.int(8)), 2) });
  }
  cases.push({ name: 'a map spread over hundreds of units', kind: 'large', args: tsneCase(rng, 15, 5, 300) });
  cases.push({ name: '50 points', kind: 'large', args: tsneCase(rng, 50, 15, 5) });
  return cases;
}

export default defineKata<Args, number[][]>({
  id: 'tsne-gradient',
  title: "The gradient of t-SNE's cost",
  section: 'algorithms',
  difficulty: 'medium',
  statement: `Write \`tsneGradient(P, Y)\`: the gradient of t-SNE's cost $C = \\mathrm{KL}(P \\Vert Q)$ with respect to every map
point $y_i$ (row $i$ of the $n \\times m$ matrix \`Y\`), where \`P\` is the $n \\times n$ symmetric matrix of joint
affinities ($p_{ii} = 0$) and $Q$ the Student-t similarities of the map, **normalised over all pairs**:

$$q_{ij} = \\frac{(1 + \\lVert y_i - y_j\\rVert^2)^{-1}}{\\sum_{k \\ne l}(1 + \\lVert y_k - y_l\\rVert^2)^{-1}}, \\qquad
\\frac{\\partial C}{\\partial y_i} = 4\\sum_{j \\ne i}(p_{ij} - q_{ij})\\,(y_i - y_j)\\,(1 + \\lVert y_i - y_j\\rVert^2)^{-1}.$$

- Return an $n \\times m$ array (same shape as \`Y\`); do not change the arguments.
- Points may coincide; $n \\ge 2$. Tolerance $10^{-9}$ absolute plus $10^{-7}$ relative.`,
  functionName: 'tsneGradient',
  signature: 'tsneGradient(P: number[][], Y: number[][]): number[][]',
  starter: `export function tsneGradient(P: number[][], Y: number[][]): number[][] {
  throw new Error('not implemented');
}
`,
  solution: `export function tsneGradient(P: number[][], Y: number[][]): number[][] {
  const n = Y.length, m = Y[0].length;
  const w = Y.map((yi) => Y.map((yj) => 1 / (1 + yi.reduce((s, v, k) => s + (v - yj[k]) ** 2, 0))));
  let Z = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) Z += w[i][j];
  return Y.map((yi, i) => {
    const g = new Array<number>(m).fill(0);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const c = 4 * (P[i][j] - w[i][j] / Z) * w[i][j];
      for (let k = 0; k < m; k++) g[k] += c * (yi[k] - Y[j][k]);
    }
    return g;
  });
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-9, rel: 1e-7 },
  hints: ['Compute every kernel w_ij = 1 / (1 + |y_i - y_j|^2) first, their sum Z over i != j, then sum 4 (p_ij - w_ij / Z) w_ij (y_i - y_j) over j.'],
  mistakes: [
    {
      id: 'factor',
      hint: 'The constant is 4 (2 from the symmetric P and Q, 2 from differentiating the squared distance).',
      detect: ({ expected, received }) => Array.isArray(received) && received.length === expected.length
        && [0.25, 0.5, 2].some((f) => expected.every((row, i) => Array.isArray(received[i]) && row.every((v, k) => Math.abs((received[i] as number[])[k] - v * f) <= 1e-9 + 1e-7 * Math.abs(v * f)))),
    },
    {
      id: 'sign',
      hint: 'Attraction when p_ij > q_ij: the term is (p_ij - q_ij)(y_i - y_j), and gradient descent then moves y_i towards y_j.',
      detect: ({ expected, received }) => Array.isArray(received) && received.length === expected.length
        && expected.every((row, i) => Array.isArray(received[i]) && row.every((v, k) => Math.abs((received[i] as number[])[k] + v) <= 1e-9 + 1e-7 * Math.abs(v))),
    },
    mistakeFrom<Args, number[][]>('no-kernel-factor', 'Each pair\'s term keeps a factor (1 + |y_i - y_j|^2)^-1 besides the one inside q_ij: it comes from differentiating log of the Student-t kernel.',
      (P, Y) => variant(P, Y, 'no-kernel-factor')),
    mistakeFrom<Args, number[][]>('row-normalised-q', 'Q is normalised over all pairs (sum over k != l), not per row as the conditional p_{j|i} are.',
      (P, Y) => variant(P, Y, 'row-normalised-q')),
  ],
  mutants: [
    { name: 'factor 2 instead of 4', edits: [['const c = 4 * (P[i][j]', 'const c = 2 * (P[i][j]']], mistake: 'factor' },
    { name: 'q - p instead of p - q', edits: [['(P[i][j] - w[i][j] / Z)', '(w[i][j] / Z - P[i][j])']], mistake: 'sign' },
    { name: 'kernel factor dropped', edits: [['const c = 4 * (P[i][j] - w[i][j] / Z) * w[i][j];', 'const c = 4 * (P[i][j] - w[i][j] / Z);']], mistake: 'no-kernel-factor' },
    {
      name: 'Q normalised per row',
      edits: [['const g = new Array<number>(m).fill(0);', 'const g = new Array<number>(m).fill(0);\n    const Z = w[i].reduce((s, v, j) => (j === i ? s : s + v), 0);']],
      mistake: 'row-normalised-q',
    },
  ],
  links: {
    lessons: [{ lesson: '28-tsne', cell: 'gradient-check' }, { lesson: '12-key-formulas', cell: 'tsne-gradient' }],
    questions: ['algorithms-tsne-student-t'],
  },
});
