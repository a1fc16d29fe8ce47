// Kata: SMOTE's synthetic rows from given random draws (reference: lib/sampling/smote.ts minorityNeighbours + interpolation).
import { Rng } from '../core/random';
import { minorityNeighbours } from '../sampling/smote';
import { mistakeFrom, normalMatrix, round } from './content-kit';
import { defineKata, type KataCase } from './types';

type Draw = [minorityIndex: number, neighbourRank: number, u: number];
type Args = [x: number[][], y: number[], k: number, draws: Draw[]];

/** The synthetic rows, given a neighbour table (m x k row indices) of the minority rows. */
function interpolate(x: number[][], minority: number[], table: ArrayLike<number>, k: number, draws: Draw[]): number[][] {
  return draws.map(([a, j, u]) => {
    const base = x[minority[a]], nb = x[table[a * k + j]];
    return base.map((v, c) => v + u * (nb[c] - v));
  });
}

const minorityRows = (y: number[]) => y.flatMap((v, i) => (v === 1 ? [i] : []));

function reference(...[x, y, k, draws]: Args): number[][] {
  const minority = minorityRows(y);
  const table = minorityNeighbours({ rows: x.length, cols: x[0].length, data: Float64Array.from(x.flat()) }, minority, k);
  return interpolate(x, minority, table, k, draws);
}

/** A neighbour table computed with a wrong rule, for the mistake detectors. */
function tableBy(x: number[][], rows: number[], k: number, dist: (a: number[], b: number[]) => number, includeSelf = false): number[] {
  return rows.flatMap((r) => rows.filter((s) => includeSelf || s !== r).sort((p, q) => dist(x[r], x[p]) - dist(x[r], x[q]) || p - q).slice(0, k));
}
const sq = (a: number[], b: number[]) => a.reduce((s, v, c) => s + (v - b[c]) ** 2, 0);

function randomCase(rng: Rng, n: number, d: number, m: number, k: number, nDraws: number): Args {
  const x = normalMatrix(rng, n, d, 2);
  const y = Array.from({ length: n }, () => 0);
  for (const i of rng.permutation(n).slice(0, m)) y[i] = 1;
  const draws: Draw[] = Array.from({ length: nDraws }, () => [rng.int(m), rng.int(k), round(rng.random(), 3)]);
  return [x, y, k, draws];
}

const examples: KataCase<Args>[] = [
  { name: '1-D, k = 1', kind: 'example', args: [[[0], [1], [3], [0.5], [10]], [1, 1, 1, 0, 1], 1, [[0, 0, 0.5], [2, 0, 0.25], [3, 0, 0.1]]] },
  { name: '2-D, k = 2', kind: 'example', args: [[[0, 0], [1, 0], [0, 2], [5, 5], [2, 2]], [1, 1, 1, 0, 1], 2, [[0, 1, 0.5], [3, 0, 0.5]]] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(2002);
  return [
    { name: 'distance tie: the lower row index is nearer', kind: 'edge', args: [[[0], [2], [-1], [1]], [1, 0, 1, 1], 1, [[0, 0, 1 / 2], [1, 0, 0.5], [2, 0, 0.5]]] },
    { name: 'u = 0 returns the base row', kind: 'edge', args: [[[1, 2], [3, 4], [5, 7]], [1, 1, 1], 2, [[1, 1, 0], [2, 0, 0]]] },
    { name: 'a majority row is closer than any minority neighbour', kind: 'edge', args: [[[0, 0], [0.1, 0], [4, 0], [-3, 0]], [1, 0, 1, 1], 1, [[0, 0, 0.5], [1, 0, 0.5], [2, 0, 0.5]]] },
    { name: 'Manhattan and Euclidean disagree', kind: 'edge', args: [[[0, 0], [3, 0], [2, 2], [9, 9]], [1, 1, 1, 0], 1, [[0, 0, 1 / 4], [1, 0, 0.5]]] },
    { name: 'no draws', kind: 'edge', args: [[[0], [1], [2]], [1, 1, 0], 1, []] },
    { name: '12 rows, 5 minority, 3-D', kind: 'random', args: randomCase(rng, 12, 3, 5, 2, 6) },
    { name: '30 rows, 8 minority, 4-D', kind: 'random', args: randomCase(rng, 30, 4, 8, 3, 10) },
    { name: '20 rows, 6 minority, 2-D, k = 5', kind: 'random', args: randomCase(rng, 20, 2, 6, 5, 8) },
    { name: '600 rows, 60 minority, 8-D, 500 draws', kind: 'large', args: randomCase(rng, 600, 8, 60, 5, 500) },
  ];
}

export default defineKata<Args, number[][]>({
  id: 'smote-sample',
  title: 'SMOTE synthetic rows',
  section: 'data-and-features',
  difficulty: 'medium',
  statement: `SMOTE makes new minority rows between existing ones. Rows \`x[i]\` have labels \`y[i]\` in $\\{0, 1\\}$; class 1 is
the minority. List the **minority rows in ascending row order**: $m_0 < m_1 < \\dots$ For each minority row, find its
$k$ **nearest minority neighbours**: the other minority rows (never itself, never a class-0 row) sorted by
**squared Euclidean distance**, ties broken by the **lower row index first**.

Each draw \`[a, j, u]\` makes one synthetic row: base $b = x[m_a]$, neighbour $n$ = the $(j + 1)$-th nearest
minority neighbour of $m_a$ ($j$ is 0-based), and

$$x_{\\text{new}} = b + u\\,(n - b),\\qquad 0 \\le u < 1,$$

a point on the segment from the base to the neighbour. Return the synthetic rows in the order of \`draws\` (an empty
array for no draws). $1 \\le k \\le$ (minority rows $- 1$). Tolerance $10^{-12}$ absolute, $10^{-9}$ relative.

Example: \`x = [[0], [1], [3], [0.5], [10]]\`, \`y = [1, 1, 1, 0, 1]\`, $k = 1$: the minority rows are 0, 1, 2, 4 and their
nearest minority neighbours are rows 1, 0, 1, 2 (row 3 is class 0). Draw \`[2, 0, 0.25]\` starts at row 2 ($x = 3$) and
moves a quarter of the way to row 1: $3 + 0.25\\,(1 - 3) = 2.5$.`,
  functionName: 'smoteSample',
  signature: 'smoteSample(x: number[][], y: number[], k: number, draws: [number, number, number][]): number[][]',
  starter: `export function smoteSample(x: number[][], y: number[], k: number, draws: [number, number, number][]): number[][] {
  throw new Error('not implemented');
}
`,
  solution: `export function smoteSample(x: number[][], y: number[], k: number, draws: [number, number, number][]): number[][] {
  const minority: number[] = [];
  for (let i = 0; i < y.length; i++) if (y[i] === 1) minority.push(i);
  const dist = (a: number[], b: number[]) => a.reduce((s, v, c) => s + (v - b[c]) ** 2, 0);
  const neighbours = minority.map((r) =>
    minority.filter((s) => s !== r).sort((p, q) => dist(x[r], x[p]) - dist(x[r], x[q]) || p - q).slice(0, k));
  return draws.map(([a, j, u]) => {
    const base = x[minority[a]], nb = x[neighbours[a][j]];
    return base.map((v, c) => v + u * (nb[c] - v));
  });
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-12, rel: 1e-9 },
  hints: ['Build each minority row\'s neighbour list from the other minority rows only, sorted by squared distance (ties: lower row index), then move u of the way from the base to the chosen neighbour.'],
  mistakes: [
    mistakeFrom<Args, number[][]>('neighbours-from-all-rows', 'Search neighbours among the minority rows only: a class-0 row may be closer, but SMOTE never interpolates towards it.',
      (x, y, k, draws) => {
        const minority = minorityRows(y), all = x.map((_, i) => i);
        const table = minority.flatMap((r) => all.filter((s) => s !== r).sort((p, q) => sq(x[r], x[p]) - sq(x[r], x[q]) || p - q).slice(0, k));
        return interpolate(x, minority, table, k, draws);
      }),
    mistakeFrom<Args, number[][]>('self-as-neighbour', 'A row is not its own neighbour (its distance 0 would always win): exclude it before sorting.',
      (x, y, k, draws) => { const minority = minorityRows(y); return interpolate(x, minority, tableBy(x, minority, k, sq, true), k, draws); }),
    mistakeFrom<Args, number[][]>('wrong-direction', 'Start at the base and move towards the neighbour: base + u (neighbour - base), not neighbour + u (base - neighbour).',
      (x, y, k, draws) => reference(x, y, k, draws.map(([a, j, u]) => [a, j, 1 - u] as Draw))),
    mistakeFrom<Args, number[][]>('manhattan', 'Rank neighbours by (squared) Euclidean distance, not by the sum of absolute differences.',
      (x, y, k, draws) => { const minority = minorityRows(y); return interpolate(x, minority, tableBy(x, minority, k, (a, b) => a.reduce((s, v, c) => s + Math.abs(v - b[c]), 0)), k, draws); }),
  ],
  mutants: [
    { name: 'neighbours among all rows', edits: [['const neighbours = minority.map((r) =>\n    minority.filter(', 'const neighbours = minority.map((r) =>\n    x.map((_, i) => i).filter(']], mistake: 'neighbours-from-all-rows' },
    { name: 'itself included', edits: [['minority.filter((s) => s !== r)', 'minority.filter(() => true)']], mistake: 'self-as-neighbour' },
    { name: 'interpolates from the neighbour', edits: [['return base.map((v, c) => v + u * (nb[c] - v));', 'return nb.map((v, c) => v + u * (base[c] - v));']], mistake: 'wrong-direction' },
  ],
  links: {
    lessons: [{ lesson: '19-imbalanced-labels', cell: 'resample-md' }],
    questions: ['data-and-features-smote'],
  },
});
