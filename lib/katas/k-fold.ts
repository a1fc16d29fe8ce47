// Kata: k-fold cross-validation test blocks without shuffling (reference: lib/model-selection/k-fold.ts kFold).
import { kFold } from '../model-selection/k-fold';
import { mistakeFrom } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [n: number, k: number];

function reference(...[n, k]: Args): number[][] {
  return kFold(n, k, { shuffle: false }).map((fold) => Array.from(fold.test));
}

/** Contiguous blocks of the given sizes. */
function blocks(sizes: number[]): number[][] {
  let start = 0;
  return sizes.map((size) => {
    const block = Array.from({ length: size }, (_, i) => start + i);
    start += size;
    return block;
  });
}

const examples: KataCase<Args>[] = [
  { name: '10 rows, 3 folds', kind: 'example', args: [10, 3] },
  { name: '6 rows, 2 folds', kind: 'example', args: [6, 2] },
];

function hiddenCases(): KataCase<Args>[] {
  return [
    { name: 'k = n (leave-one-out)', kind: 'edge', args: [5, 5] },
    { name: 'n = k + 1', kind: 'edge', args: [4, 3] },
    { name: 'two rows, two folds', kind: 'edge', args: [2, 2] },
    { name: 'n mod k = k - 1', kind: 'edge', args: [11, 4] },
    { name: '23 rows, 5 folds', kind: 'random', args: [23, 5] },
    { name: '100 rows, 7 folds', kind: 'random', args: [100, 7] },
    { name: '47 rows, 10 folds', kind: 'random', args: [47, 10] },
    { name: '10007 rows, 6 folds', kind: 'large', args: [10007, 6] },
  ];
}

export default defineKata<Args, number[][]>({
  id: 'k-fold',
  title: 'k-fold split',
  section: 'bias-variance',
  difficulty: 'easy',
  statement: `Split the rows $0..n-1$ into $k$ folds for cross-validation, **without shuffling**: fold $f$'s test part is one
contiguous block, the blocks follow each other in order and together cover every row exactly once. Their sizes are
$\\lfloor n/k \\rfloor$ or $\\lfloor n/k \\rfloor + 1$: the **first** $n \\bmod k$ folds get the extra row (as
scikit-learn's \`KFold\`). $2 \\le k \\le n$.

Return the $k$ test blocks, each as its ascending row indices (the training part of fold $f$ is everything else).

Example: $n = 10, k = 3$ gives \`[[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]]\`.`,
  functionName: 'kFoldTestIndices',
  signature: 'kFoldTestIndices(n: number, k: number): number[][]',
  starter: `export function kFoldTestIndices(n: number, k: number): number[][] {
  throw new Error('not implemented');
}
`,
  solution: `export function kFoldTestIndices(n: number, k: number): number[][] {
  const folds: number[][] = [];
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    const fold: number[] = [];
    for (let i = start; i < start + size; i++) fold.push(i);
    folds.push(fold);
    start += size;
  }
  return folds;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 0, rel: 0 },
  hints: ['Fold f has floor(n / k) rows plus one more when f < n mod k; each block starts where the previous one ended.'],
  mistakes: [
    mistakeFrom<Args, number[][]>('remainder-last', 'Spread the n mod k leftover rows one each over the first folds; piling them into the last fold makes it up to k - 1 rows bigger.',
      (n, k) => blocks(Array.from({ length: k }, (_, f) => Math.floor(n / k) + (f === k - 1 ? n % k : 0)))),
    mistakeFrom<Args, number[][]>('ceil-size', 'Blocks of ceil(n / k) rows leave the last folds short (or empty): sizes must differ by at most 1.',
      (n, k) => {
        const size = Math.ceil(n / k);
        return blocks(Array.from({ length: k }, (_, f) => Math.max(0, Math.min(size, n - f * size))));
      }),
    mistakeFrom<Args, number[][]>('extra-at-end', 'The extra rows go to the first n mod k folds (scikit-learn\'s KFold), not the last ones.',
      (n, k) => blocks(Array.from({ length: k }, (_, f) => Math.floor(n / k) + (f >= k - (n % k) ? 1 : 0)))),
  ],
  mutants: [
    { name: 'remainder in the last fold', edits: [['(f < n % k ? 1 : 0)', '(f === k - 1 ? n % k : 0)']], mistake: 'remainder-last' },
    { name: 'ceil-sized blocks', edits: [['const size = Math.floor(n / k) + (f < n % k ? 1 : 0);', 'const size = Math.max(0, Math.min(Math.ceil(n / k), n - start));']], mistake: 'ceil-size' },
    { name: 'extra rows at the end', edits: [['(f < n % k ? 1 : 0)', '(f >= k - (n % k) ? 1 : 0)']], mistake: 'extra-at-end' },
  ],
  links: {
    lessons: [{ lesson: '02-bias-variance', cell: 'cv-md' }, { lesson: '06-evaluation-metrics', cell: 'kfold-md' }],
    questions: ['bias-variance-cross-validation', 'metrics-stratified-cross-validation'],
  },
});
