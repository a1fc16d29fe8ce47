// Kata: out-of-fold smoothed target encoding with given folds (reference: lib/features/target-encoder.ts fitTargetEncoding).
import { rngFrom } from '../core/random';
import { fitTargetEncoding } from '../features/target-encoder';
import { mistakeFrom } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [categories: string[], y: number[], foldOf: number[], smooth: number];

function reference(...[categories, y, foldOf, smooth]: Args): number[] {
  const k = Math.max(...foldOf) + 1;
  const out = new Array<number>(categories.length).fill(0);
  for (let f = 0; f < k; f++) {
    const train = foldOf.flatMap((g, i) => (g === f ? [] : [i]));
    const fit = fitTargetEncoding(categories, y, smooth, train);
    foldOf.forEach((g, i) => { if (g === f) out[i] = fit.encoding.get(categories[i]) ?? fit.prior; });
  }
  return out;
}

/** Target encoding with a chosen rule for which rows feed the statistics and the prior. */
function variant(categories: string[], y: number[], foldOf: number[], smooth: number, o: { useOwnFold?: boolean; globalPrior?: boolean; unseen?: 'prior' | 'zero' }): number[] {
  const all = y.reduce((a, b) => a + b, 0) / y.length;
  return categories.map((c, i) => {
    let s = 0, n = 0, total = 0, rows = 0;
    for (let r = 0; r < y.length; r++) {
      if (!o.useOwnFold && foldOf[r] === foldOf[i]) continue;
      total += y[r]; rows++;
      if (categories[r] === c) { s += y[r]; n++; }
    }
    const prior = o.globalPrior ? all : total / rows;
    if (n === 0) return o.unseen === 'zero' ? 0 : prior;
    return (s + smooth * prior) / (n + smooth);
  });
}

const examples: KataCase<Args>[] = [
  { name: '2 folds, smooth 0', kind: 'example', args: [['a', 'a', 'b', 'b', 'a', 'b'], [1, 3, 10, 20, 5, 30], [0, 1, 0, 1, 0, 1], 0] },
  { name: '3 folds, smooth 2, a category absent from the other folds', kind: 'example', args: [['x', 'y', 'x', 'z', 'y', 'x'], [2, 4, 6, 8, 10, 12], [0, 0, 1, 1, 2, 2], 2] },
];

function randomCase(seed: number, n: number, nCats: number, k: number, smooth: number): Args {
  const rng = rngFrom(seed);
  const categories = Array.from({ length: n }, () => `c${rng.int(nCats)}`);
  const y = Array.from({ length: n }, () => Math.round(100 * rng.normal()) / 10);
  const order = Array.from(rng.permutation(n));
  const foldOf = new Array<number>(n);
  order.forEach((row, t) => (foldOf[row] = t % k));
  return [categories, y, foldOf, smooth];
}

function hiddenCases(): KataCase<Args>[] {
  return [
    { name: 'every category seen once (encodings are the other folds\' prior)', kind: 'edge', args: [['p', 'q', 'r', 's'], [1, 2, 3, 4], [0, 1, 0, 1], 5] },
    { name: 'one category everywhere, smooth 0', kind: 'edge', args: [['a', 'a', 'a', 'a', 'a'], [1, 2, 3, 4, 10], [0, 1, 2, 0, 1], 0] },
    { name: 'binary target, 2 folds, smooth 1', kind: 'edge', args: [['u', 'v', 'u', 'v', 'u', 'v', 'u', 'u'], [1, 0, 1, 0, 0, 1, 1, 1], [0, 0, 0, 0, 1, 1, 1, 1], 1] },
    { name: 'uneven folds', kind: 'edge', args: [['a', 'b', 'a', 'b', 'a'], [3, 1, 4, 1, 5], [0, 0, 0, 0, 1], 0.5] },
    { name: '60 rows, 8 categories, 5 folds, smooth 3', kind: 'random', args: randomCase(71, 60, 8, 5, 3) },
    { name: '200 rows, 40 categories, 4 folds, smooth 10', kind: 'random', args: randomCase(72, 200, 40, 4, 10) },
    { name: '97 rows, 3 categories, 3 folds, smooth 0', kind: 'random', args: randomCase(73, 97, 3, 3, 0) },
    { name: '5000 rows, 500 categories, 5 folds, smooth 20', kind: 'large', args: randomCase(74, 5000, 500, 5, 20) },
  ];
}

export default defineKata<Args, number[]>({
  id: 'oof-target-encoding',
  title: 'Out-of-fold target encoding',
  section: 'data-and-features',
  difficulty: 'medium',
  statement: `Target encoding replaces a category by a smoothed mean of the target. Encoding a training row with
statistics that include its own label leaks the label into the feature, so encode **out of fold**: row $i$, in fold
\`foldOf[i]\`, is encoded using only the rows of the **other** folds ("out" = every row $r$ with
\`foldOf[r] !== foldOf[i]\`):

$$\\mathrm{TE}_i = \\frac{S_c + m\\,p}{n_c + m}$$

where $c$ = \`categories[i]\`, $n_c$ and $S_c$ are the number of out rows of category $c$ and the sum of their
targets, $p$ is the mean target of **all out rows** (the prior of that fit, not of the whole data), and $m$ =
\`smooth\` $\\ge 0$. When no out row has category $c$, $\\mathrm{TE}_i = p$.

Folds are numbered $0 \\ldots k-1$, every fold is non-empty and $k \\ge 2$. Return one encoding per row, in row
order. Tolerance $10^{-9}$ (relative) and $10^{-12}$ (absolute).

Example: categories \`[a, a, b, b, a, b]\`, y \`[1, 3, 10, 20, 5, 30]\`, folds \`[0, 1, 0, 1, 0, 1]\`, $m = 0$:
row 0 (fold 0) sees rows 1, 3, 5: category a has only row 1, so $\\mathrm{TE}_0 = 3$.`,
  functionName: 'oofTargetEncode',
  signature: 'oofTargetEncode(categories: string[], y: number[], foldOf: number[], smooth: number): number[]',
  starter: `export function oofTargetEncode(categories: string[], y: number[], foldOf: number[], smooth: number): number[] {
  throw new Error('not implemented');
}
`,
  solution: `export function oofTargetEncode(categories: string[], y: number[], foldOf: number[], smooth: number): number[] {
  const k = Math.max(...foldOf) + 1;
  const out = new Array<number>(y.length).fill(0);
  for (let f = 0; f < k; f++) {
    const sum = new Map<string, number>(), count = new Map<string, number>();
    let total = 0, rows = 0;
    for (let r = 0; r < y.length; r++) {
      if (foldOf[r] === f) continue;
      total += y[r];
      rows++;
      sum.set(categories[r], (sum.get(categories[r]) ?? 0) + y[r]);
      count.set(categories[r], (count.get(categories[r]) ?? 0) + 1);
    }
    const prior = total / rows;
    for (let i = 0; i < y.length; i++) {
      if (foldOf[i] !== f) continue;
      const n = count.get(categories[i]);
      out[i] = n === undefined ? prior : (sum.get(categories[i])! + smooth * prior) / (n + smooth);
    }
  }
  return out;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-12, rel: 1e-9 },
  hints: [
    'For each fold f: accumulate the sum and count of y per category, and the overall mean p, over the rows NOT in f; then encode the rows in f with (S + m p) / (n + m), or p for a category with no such row.',
  ],
  mistakes: [
    mistakeFrom<Args, number[]>('own-fold-included', "The statistics for row i must exclude every row of i's own fold, including row i itself: otherwise its label leaks into its feature (the naive encoding).",
      (c, y, f, m) => variant(c, y, f, m, { useOwnFold: true })),
    mistakeFrom<Args, number[]>('global-prior', 'The prior p is the mean target of the out-of-fold rows of that fit, not of all rows (the whole-data mean also contains the own fold\'s labels).',
      (c, y, f, m) => variant(c, y, f, m, { globalPrior: true })),
    mistakeFrom<Args, number[]>('unseen-zero', 'A category with no row in the other folds is encoded by the prior p, not 0.',
      (c, y, f, m) => variant(c, y, f, m, { unseen: 'zero' })),
  ],
  mutants: [
    { name: 'own fold kept', edits: [['      if (foldOf[r] === f) continue;\n', '']], mistake: 'own-fold-included' },
    { name: 'prior over all rows', edits: [['const prior = total / rows;', 'const prior = y.reduce((a, b) => a + b, 0) / y.length;']], mistake: 'global-prior' },
    { name: 'unseen category gets 0', edits: [['n === undefined ? prior :', 'n === undefined ? 0 :']], mistake: 'unseen-zero' },
  ],
  links: {
    lessons: [{ lesson: '20-features', cell: 'target-md' }, { lesson: '12-key-formulas', cell: 'target-encoding-smoothing' }],
    questions: ['data-and-features-target-encoding-leak', 'data-and-features-high-cardinality'],
  },
});
