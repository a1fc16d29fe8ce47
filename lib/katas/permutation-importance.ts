// Kata: permutation importance of a linear model under −MSE with given shuffles (reference: lib/interpret/permutation-importance.ts).
import { rngFrom } from '../core/random';
import type { Matrix } from '../core/matrix';
import { permutationImportance as libPermutationImportance } from '../interpret/permutation-importance';
import { mistakeFrom } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [x: number[][], y: number[], w: number[], perms: number[][]];

function asMatrix(x: number[][]): Matrix {
  const n = x.length, d = x[0].length;
  return { rows: n, cols: d, data: Float64Array.from(x.flat()) };
}

function negMse(y: Float64Array, p: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i] - p[i]) ** 2;
  return -s / y.length;
}

function reference(...[x, y, w, perms]: Args): number[] {
  const predict = (m: Matrix) => Float64Array.from({ length: m.rows }, (_, i) => w.reduce((s, wj, j) => s + wj * m.data[i * m.cols + j], 0));
  const r = libPermutationImportance(predict, asMatrix(x), y, negMse, { nRepeats: perms.length, permutations: (_j, rep) => perms[rep] });
  return Array.from(r.mean);
}

function inverse(p: number[]): number[] {
  const inv = new Array<number>(p.length);
  p.forEach((v, i) => (inv[v] = i));
  return inv;
}

function randomCase(seed: number, n: number, d: number, repeats: number): Args {
  const rng = rngFrom(seed);
  const x = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
  const w = Array.from({ length: d }, () => Math.round(rng.uniform(-3, 3) * 100) / 100);
  const y = x.map((row) => row.reduce((s, v, j) => s + v * w[j], 0) + 0.5 * rng.normal());
  const perms = Array.from({ length: repeats }, () => Array.from(rng.permutation(n)));
  return [x, y, w, perms];
}

const examples: KataCase<Args>[] = [
  { name: 'one shuffle, the second feature unused', kind: 'example', args: [[[1, 5], [2, 6], [3, 7], [4, 8]], [1, 2, 3, 4], [1, 0], [[1, 0, 3, 2]]] },
  { name: 'two shuffles', kind: 'example', args: [[[0, 1], [1, 0], [2, 2], [3, 1]], [1, 1, 4, 4], [1, 1], [[3, 2, 1, 0], [1, 2, 3, 0]]] },
];

function hiddenCases(): KataCase<Args>[] {
  return [
    { name: 'identity shuffle: every importance 0', kind: 'edge', args: [[[1, 2], [3, 4], [5, 7]], [1, 0, 2], [0.5, -1], [[0, 1, 2]]] },
    { name: 'a shuffle that only swaps two equal values', kind: 'edge', args: [[[2, 1], [2, 3], [5, 0]], [1, 2, 3], [1, 2], [[1, 0, 2]]] },
    { name: 'the model misses badly (baseline far from 0)', kind: 'edge', args: [[[1, 0, 2], [0, 1, 1], [2, 2, 0], [1, 3, 1]], [10, -4, 7, 0], [2, -1, 0.5], [[2, 3, 0, 1], [3, 0, 1, 2]]] },
    { name: '20 rows, 3 features, 4 shuffles', kind: 'random', args: randomCase(81, 20, 3, 4) },
    { name: '50 rows, 5 features, 3 shuffles', kind: 'random', args: randomCase(82, 50, 5, 3) },
    { name: '7 rows, 2 features, 6 shuffles', kind: 'random', args: randomCase(83, 7, 2, 6) },
    { name: '3000 rows, 6 features, 5 shuffles', kind: 'large', args: randomCase(84, 3000, 6, 5) },
  ];
}

export default defineKata<Args, number[]>({
  id: 'permutation-importance',
  title: 'Permutation importance',
  section: 'data-and-features',
  difficulty: 'medium',
  statement: `A fitted linear model predicts $f(x) = \\sum_j w_j x_j$ (no intercept); its score on held-out rows \`x\`, \`y\` is
the negative mean squared error $s = -\\frac1n \\sum_i (y_i - f(x_i))^2$ (higher is better). The **permutation
importance** of feature $j$ is the drop of the score when column $j$ alone is shuffled, averaged over the given
shuffles:

$$\\mathrm{PI}_j = s(x) - \\frac1R \\sum_{r=1}^{R} s\\big(x^{(j, r)}\\big)$$

where $x^{(j, r)}$ is \`x\` with column $j$ shuffled by \`perms[r]\`: **row $i$ takes column $j$'s value from row
\`perms[r][i]\`**, every other column and \`y\` unchanged. The same \`perms\` serve every feature; do not modify the
inputs. Return $\\mathrm{PI}_j$ for every feature $j$. Compared with tolerance 1e-9 absolute plus 1e-9 relative.

Example: \`x = [[1, 5], [2, 6], [3, 7], [4, 8]]\`, \`y = [1, 2, 3, 4]\`, \`w = [1, 0]\`, \`perms = [[1, 0, 3, 2]]\`: the
baseline is 0; shuffling column 0 gives predictions 2, 1, 4, 3, score −1, so $\\mathrm{PI} = (1, 0)$.`,
  functionName: 'permutationImportance',
  signature: 'permutationImportance(x: number[][], y: number[], w: number[], perms: number[][]): number[]',
  starter: `export function permutationImportance(x: number[][], y: number[], w: number[], perms: number[][]): number[] {
  throw new Error('not implemented');
}
`,
  solution: `export function permutationImportance(x: number[][], y: number[], w: number[], perms: number[][]): number[] {
  const predict = (rows: number[][]) => rows.map((row) => row.reduce((s, v, j) => s + v * w[j], 0));
  const score = (p: number[]) => -p.reduce((s, v, i) => s + (y[i] - v) ** 2, 0) / y.length;
  const baseline = score(predict(x));
  const out: number[] = [];
  for (let j = 0; j < w.length; j++) {
    let total = 0;
    for (const perm of perms) {
      const shuffled = x.map((row, i) => { const r = row.slice(); r[j] = x[perm[i]][j]; return r; });
      total += baseline - score(predict(shuffled));
    }
    out.push(total / perms.length);
  }
  return out;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-9, rel: 1e-9 },
  hints: [
    'Score the untouched rows once. For each feature and each shuffle, copy the rows, replace column j of row i by column j of row perms[r][i], score, and average baseline − score over the shuffles.',
  ],
  mistakes: [
    mistakeFrom<Args, number[]>('whole-rows', 'Shuffle column j only: moving whole rows (while y stays put) breaks every feature at once, so all features get the same importance.',
      (x, y, w, perms) => {
        const score = (rows: number[][]) => -rows.reduce((s, row, i) => s + (y[i] - row.reduce((t, v, j) => t + v * w[j], 0)) ** 2, 0) / y.length;
        const drop = perms.reduce((s, p) => s + score(x) - score(p.map((k) => x[k])), 0) / perms.length;
        return w.map(() => drop);
      }),
    mistakeFrom<Args, number[]>('sign', 'Importance is the drop, baseline score minus shuffled score: positive when shuffling hurts. With −MSE as the score, a useful feature must come out positive.',
      (x, y, w, perms) => reference(x, y, w, perms).map((v) => -v)),
    mistakeFrom<Args, number[]>('inverse-shuffle', 'Row i takes its value from row perms[r][i]; writing row i\'s value into row perms[r][i] applies the inverse shuffle.',
      (x, y, w, perms) => reference(x, y, w, perms.map(inverse))),
  ],
  mutants: [
    { name: 'whole rows shuffled', edits: [['const r = row.slice(); r[j] = x[perm[i]][j]; return r;', 'return x[perm[i]].slice();']], mistake: 'whole-rows' },
    { name: 'score minus baseline', edits: [['total += baseline - score(predict(shuffled));', 'total += score(predict(shuffled)) - baseline;']], mistake: 'sign' },
    { name: 'inverse shuffle', edits: [['r[j] = x[perm[i]][j];', 'r[j] = x[perm.indexOf(i)][j];']], mistake: 'inverse-shuffle' },
  ],
  links: {
    lessons: [{ lesson: '22-interpretability', cell: 'perm-md' }, { lesson: '12-key-formulas', cell: 'permutation-importance' }],
    questions: ['data-and-features-permutation-importance', 'data-and-features-permutation-correlated'],
  },
});
