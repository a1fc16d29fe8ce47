// Kata: one ALS half-step, a user's factors from fixed item factors by the ridge normal equations (reference: lib/recsys/als.ts ridgeNormalEquations).
import { Rng } from '../core/random';
import { ridgeNormalEquations } from '../recsys/als';
import { mistakeFrom, normalMatrix, round } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [itemFactors: number[][], rated: [item: number, rating: number][], lambda: number];

function reference(...[Q, rated, lambda]: Args): number[] {
  const k = Q[0].length;
  if (rated.length === 0) return new Array<number>(k).fill(0);
  return Array.from(ridgeNormalEquations(rated.flatMap(([i]) => Q[i]), rated.map(([, r]) => r), k, lambda));
}

/** Solves (sum_i w_i q_i q_i^T + reg I) p = sum_i w_i r_i q_i over the given rows (for the mistakes). */
function solveWith(Q: number[][], rows: [number, number][], reg: number): number[] {
  const k = Q[0].length;
  const A = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  for (const [i, r] of rows) for (let a = 0; a < k; a++) { A[a][k] += r * Q[i][a]; for (let b = 0; b < k; b++) A[a][b] += Q[i][a] * Q[i][b]; }
  for (let a = 0; a < k; a++) A[a][a] += reg;
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    [A[c], A[piv]] = [A[piv], A[c]];
    for (let r = 0; r < k; r++) if (r !== c) { const f = A[r][c] / A[c][c]; for (let j = c; j <= k; j++) A[r][j] -= f * A[c][j]; }
  }
  return A.map((row, a) => row[k] / A[a][a]);
}

const examples: KataCase<Args>[] = [
  { name: 'k = 1: p = sum(q r) / (sum q^2 + lambda)', kind: 'example', args: [[[1], [2], [0.5]], [[0, 3], [1, 4]], 1] },
  { name: 'k = 2, three rated items of four', kind: 'example', args: [[[1, 0], [0, 1], [1, 1], [2, -1]], [[0, 5], [2, 4], [3, 1]], 0.5] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(2424);
  const stars = () => 1 + rng.int(5);
  const cases: KataCase<Args>[] = [
    { name: 'no ratings: p = 0', kind: 'edge', args: [[[1, 2], [3, 4]], [], 1] },
    { name: 'fewer ratings than factors (lambda makes it solvable)', kind: 'edge', args: [normalMatrix(rng, 5, 3), [[1, 4]], 0.3] },
    { name: 'huge lambda shrinks p to ~0', kind: 'edge', args: [normalMatrix(rng, 6, 2), [[0, 5], [3, 2], [5, 4]], 1e9] },
    { name: 'item ids not in order', kind: 'edge', args: [normalMatrix(rng, 6, 2), [[5, 1], [0, 5], [3, 3]], 0.7] },
  ];
  for (let t = 0; t < 5; t++) {
    const nItems = 8 + rng.int(30), k = 1 + rng.int(5);
    const ids = Array.from(rng.permutation(nItems)).slice(0, 2 + rng.int(nItems - 2));
    cases.push({ name: `random ${t + 1}`, kind: 'random', args: [normalMatrix(rng, nItems, k, 0.5), ids.map((i) => [i, stars()] as [number, number]), round(0.05 + 3 * rng.random(), 2)] });
  }
  const ids = Array.from(rng.permutation(2000)).slice(0, 800);
  cases.push({ name: '2000 items, 800 rated, k = 16', kind: 'large', args: [normalMatrix(rng, 2000, 16, 0.3), ids.map((i) => [i, stars()] as [number, number]), 10] });
  return cases;
}

export default defineKata<Args, number[]>({
  id: 'als-half-step',
  title: 'One ALS half-step: a user\'s factors by ridge regression',
  section: 'recommenders',
  difficulty: 'medium',
  statement: `In alternating least squares for matrix factorisation, the item factors $q_i$ (rows of \`itemFactors\`, each of
length $k$) are held fixed and one user's factor vector $p_u$ is re-solved exactly. \`rated\` lists the user's
\`[item, rating]\` pairs ($\\Omega_u$); only those items enter. Minimise

$$\\sum_{(i, r) \\in \\Omega_u} (r - p_u^\\top q_i)^2 + \\lambda \\lVert p_u \\rVert^2
\\quad\\Rightarrow\\quad p_u = \\Big(\\sum_{i \\in \\Omega_u} q_i q_i^\\top + \\lambda I_k\\Big)^{-1} \\sum_{i \\in \\Omega_u} r_{ui}\\, q_i .$$

$\\lambda > 0$ is used as given (not scaled by the number of ratings). With no ratings return $k$ zeros.
Values are compared to $10^{-8}$ absolute, $10^{-6}$ relative.`,
  functionName: 'alsHalfStep',
  signature: 'alsHalfStep(itemFactors: number[][], rated: [number, number][], lambda: number): number[]',
  starter: `export function alsHalfStep(itemFactors: number[][], rated: [number, number][], lambda: number): number[] {
  throw new Error('not implemented');
}
`,
  solution: `export function alsHalfStep(itemFactors: number[][], rated: [number, number][], lambda: number): number[] {
  const k = itemFactors[0].length;
  // augmented normal equations [Q^T Q + lambda I | Q^T r] over the rated items only
  const A = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  for (const [i, r] of rated) {
    const q = itemFactors[i];
    for (let a = 0; a < k; a++) {
      A[a][k] += r * q[a];
      for (let b = 0; b < k; b++) A[a][b] += q[a] * q[b];
    }
  }
  for (let a = 0; a < k; a++) A[a][a] += lambda;
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    [A[c], A[piv]] = [A[piv], A[c]];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let j = c; j <= k; j++) A[r][j] -= f * A[c][j];
    }
  }
  return A.map((row, a) => row[k] / A[a][a]);
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-8, rel: 1e-6 },
  hints: ['Build the k x k matrix sum q_i q_i^T over the rated items, add lambda to its diagonal, and solve it against sum r_i q_i.'],
  mistakes: [
    mistakeFrom<Args, number[]>('lambda-times-count', 'Use lambda as given; scaling it by the number of ratings (ALS-WR) is a different objective.',
      (Q, rated, lambda) => (rated.length ? solveWith(Q, rated, lambda * rated.length) : new Array<number>(Q[0].length).fill(0))),
    mistakeFrom<Args, number[]>('unrated-as-zero', 'Only the rated items enter: an unrated item is missing, not a rating of 0.',
      (Q, rated, lambda) => { const m = new Map(rated); return solveWith(Q, Q.map((_, i) => [i, m.get(i) ?? 0] as [number, number]), lambda); }),
    mistakeFrom<Args, number[]>('no-ridge', 'Add lambda to the diagonal: the penalty lambda |p_u|^2 contributes lambda I to the normal equations.',
      (Q, rated) => solveWith(Q, rated, 0)),
  ],
  mutants: [
    { name: 'lambda scaled by the number of ratings', edits: [['A[a][a] += lambda;', 'A[a][a] += lambda * rated.length;']], mistake: 'lambda-times-count' },
    { name: 'unrated items counted as 0', edits: [['for (const [i, r] of rated) {\n    const q = itemFactors[i];', 'const byItem = new Map(rated);\n  for (let i = 0; i < itemFactors.length; i++) {\n    const r = byItem.get(i) ?? 0, q = itemFactors[i];']], mistake: 'unrated-as-zero' },
  ],
  links: {
    lessons: [{ lesson: '24-recommenders', cell: 'mf-md' }, { lesson: '12-key-formulas', cell: 'rec-als-update' }],
    questions: ['recommenders-als-update', 'recommenders-mf-objective'],
  },
});
