// Kata: polynomial feature expansion in scikit-learn's column order (reference: lib/features/polynomial-features.ts).
import { Rng } from '../core/random';
import { polynomialFeatures as libPolynomialFeatures } from '../features/polynomial-features';
import { mistakeFrom, normalMatrix, toRows } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [X: number[][], degree: number];

function reference(...[X, degree]: Args): number[][] {
  const m = libPolynomialFeatures(X, degree);
  return toRows(m.data, m.rows, m.cols);
}

/** Monomials as non-decreasing index lists, by degree then lexicographically, filtered by `keep`. */
function expand(X: number[][], degree: number, keep: (combo: number[]) => boolean, bias: boolean): number[][] {
  const d = X[0].length;
  const combos: number[][] = [];
  let level: number[][] = [[]];
  for (let deg = 1; deg <= degree; deg++) {
    const nextLevel: number[][] = [];
    for (const c of level) for (let j = c.length ? c[c.length - 1] : 0; j < d; j++) nextLevel.push([...c, j]);
    combos.push(...nextLevel);
    level = nextLevel;
  }
  const cols = combos.filter(keep);
  return X.map((row) => [...(bias ? [1] : []), ...cols.map((c) => c.reduce((p, j) => p * row[j], 1))]);
}

const examples: KataCase<Args>[] = [
  { name: 'two features, degree 2', kind: 'example', args: [[[2, 3]], 2] },
  { name: 'one feature, degree 3', kind: 'example', args: [[[2], [-1]], 3] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1605);
  const cases: KataCase<Args>[] = [
    { name: 'degree 1 is the identity', kind: 'edge', args: [[[1, 2, 3], [4, 5, 6]], 1] },
    { name: 'three features, degree 2', kind: 'edge', args: [[[1, 2, 3]], 2] },
    { name: 'two features, degree 3', kind: 'edge', args: [[[2, 3], [0, -1]], 3] },
    { name: 'zeros', kind: 'edge', args: [[[0, 0, 0]], 3] },
  ];
  for (let r = 0; r < 4; r++) {
    const d = 1 + rng.int(4);
    cases.push({ name: `random ${r + 1}`, kind: 'random', args: [normalMatrix(rng, 2 + rng.int(4), d, 1.5), 1 + rng.int(3)] });
  }
  cases.push({ name: 'features near 1e3, degree 3', kind: 'large', args: [normalMatrix(rng, 3, 3, 100, 1000), 3] });
  return cases;
}

export default defineKata<Args, number[][]>({
  id: 'polynomial-features',
  title: 'Polynomial features',
  section: 'bias-variance',
  difficulty: 'medium',
  statement: `Expand each row of \`X\` ($n \\times d$) into every monomial of its features of total degree $1$ to \`degree\`
(no constant column), in scikit-learn's \`PolynomialFeatures\` order: by degree, and within a degree
lexicographically by the (non-decreasing) list of feature indices multiplied.

For $d = 2$, degree 2 the columns are $x_0,\\ x_1,\\ x_0^2,\\ x_0 x_1,\\ x_1^2$; for $d = 3$, degree 2:
$x_0, x_1, x_2, x_0^2, x_0x_1, x_0x_2, x_1^2, x_1x_2, x_2^2$. There are $\\binom{d + \\text{degree}}{\\text{degree}} - 1$ columns.
$\\text{degree} \\ge 1$, $d \\ge 1$.`,
  functionName: 'polynomialFeatures',
  signature: 'polynomialFeatures(X: number[][], degree: number): number[][]',
  starter: `export function polynomialFeatures(X: number[][], degree: number): number[][] {
  throw new Error('not implemented');
}
`,
  solution: `export function polynomialFeatures(X: number[][], degree: number): number[][] {
  const d = X[0].length;
  const combos: number[][] = [];
  let level: number[][] = [[]];
  for (let deg = 1; deg <= degree; deg++) {
    const next: number[][] = [];
    for (const combo of level) {
      const start = combo.length === 0 ? 0 : combo[combo.length - 1];
      for (let j = start; j < d; j++) next.push([...combo, j]);
    }
    combos.push(...next);
    level = next;
  }
  return X.map((row) => combos.map((combo) => combo.reduce((p, j) => p * row[j], 1)));
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-9, rel: 1e-12 },
  hints: ['Build the monomials degree by degree: each monomial of degree k + 1 extends one of degree k by an index >= its last index.'],
  mistakes: [
    mistakeFrom<Args, number[][]>('bias-column', 'No constant column here: the output starts with the degree-1 features x_0 .. x_{d-1}.',
      (X, degree) => expand(X, degree, () => true, true)),
    mistakeFrom<Args, number[][]>('interaction-only', 'Powers of a single feature count too: x_0^2 is a degree-2 monomial (indices may repeat, they only never decrease).',
      (X, degree) => expand(X, degree, (c) => new Set(c).size === c.length, false)),
    mistakeFrom<Args, number[][]>('no-interactions', 'Products of different features (x_0 x_1, ...) are monomials too, not only the powers x_j^k.',
      (X, degree) => expand(X, degree, (c) => new Set(c).size === 1, false)),
  ],
  mutants: [
    { name: 'adds a bias column', edits: [['return X.map((row) => combos.map(', 'return X.map((row) => [[] as number[], ...combos].map(']], mistake: 'bias-column' },
    { name: 'interaction-only', edits: [['const start = combo.length === 0 ? 0 : combo[combo.length - 1];', 'const start = combo.length === 0 ? 0 : combo[combo.length - 1] + 1;']], mistake: 'interaction-only' },
    { name: 'pure powers only', edits: [['for (let j = start; j < d; j++) next.push([...combo, j]);', 'for (let j = start; j < (combo.length === 0 ? d : start + 1); j++) next.push([...combo, j]);']], mistake: 'no-interactions' },
  ],
  links: {
    lessons: [{ lesson: '02-bias-variance', cell: 'u-md' }],
    questions: ['bias-variance-polynomial-degree', 'bias-variance-recognise-over-underfitting'],
  },
});
