// Kata: stratified k-fold assignment without shuffling (reference: lib/model-selection/k-fold.ts stratifiedKFold).
import { Rng } from '../core/random';
import { stratifiedKFold } from '../model-selection/k-fold';
import { integers, mistakeFrom } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [labels: number[], k: number];

function reference(...[labels, k]: Args): number[] {
  const foldOf = new Array<number>(labels.length).fill(-1);
  stratifiedKFold(labels, k, { shuffle: false }).forEach((fold, f) => fold.test.forEach((i) => { foldOf[i] = f; }));
  return foldOf;
}

function deal(labels: number[], k: number, classOrder: number[], restart: boolean): number[] {
  const foldOf = new Array<number>(labels.length).fill(-1);
  let pos = 0;
  for (const c of classOrder) {
    if (restart) pos = 0;
    labels.forEach((l, i) => { if (l === c) foldOf[i] = pos++ % k; });
  }
  return foldOf;
}

const sortedClasses = (labels: number[]) => [...new Set(labels)].sort((a, b) => a - b);

const examples: KataCase<Args>[] = [
  { name: 'two classes, two folds', kind: 'example', args: [[0, 0, 0, 0, 1, 1], 2] },
  { name: 'three classes, three folds', kind: 'example', args: [[2, 0, 1, 0, 2, 1, 0, 2, 1], 3] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1621);
  const cases: KataCase<Args>[] = [
    { name: 'a class smaller than k', kind: 'edge', args: [[0, 0, 0, 0, 0, 1], 3] },
    { name: 'labels not in sorted order of appearance', kind: 'edge', args: [[5, 5, 2, 2, 5, 2, 9], 2] },
    { name: 'every class has one row', kind: 'edge', args: [[3, 1, 2, 0], 4] },
    { name: 'one class', kind: 'edge', args: [[7, 7, 7, 7, 7], 2] },
    { name: 'class sizes that do not divide by k', kind: 'edge', args: [[0, 1, 0, 1, 0, 1, 0], 3] },
  ];
  for (let r = 0; r < 5; r++) {
    const K = 2 + rng.int(4), n = 10 + rng.int(40);
    cases.push({ name: `random ${r + 1}`, kind: 'random', args: [integers(rng, n, K), 2 + rng.int(Math.min(6, n - 2))] });
  }
  cases.push({ name: '20000 rows, 10 folds', kind: 'large', args: [integers(rng, 20_000, 7), 10] });
  return cases;
}

export default defineKata<Args, number[]>({
  id: 'stratified-kfold',
  title: 'Stratified k-fold',
  section: 'metrics',
  difficulty: 'medium',
  statement: `Assign each row to one of $k$ folds so that every class is spread over the folds as evenly as possible (each
fold's class proportions then match the whole set's), **without shuffling**:

1. take the classes in **increasing** label order;
2. within a class, take its rows in increasing row index;
3. deal the rows to folds $0, 1, \\ldots, k-1, 0, 1, \\ldots$ and **keep dealing where the previous class stopped**
   (do not restart at fold 0 for each class): that keeps the fold sizes within 1 of each other.

Return \`fold[i]\`, the fold of row $i$. $2 \\le k \\le n$; a class with fewer than $k$ rows is allowed (some folds
then lack it).

Example: labels \`[0, 0, 0, 0, 1, 1]\`, $k = 2$ → \`[0, 1, 0, 1, 0, 1]\`.`,
  functionName: 'stratifiedFolds',
  signature: 'stratifiedFolds(labels: number[], k: number): number[]',
  starter: `export function stratifiedFolds(labels: number[], k: number): number[] {
  throw new Error('not implemented');
}
`,
  solution: `export function stratifiedFolds(labels: number[], k: number): number[] {
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  const fold = new Array<number>(labels.length).fill(0);
  let next = 0;
  for (const c of classes) {
    for (let i = 0; i < labels.length; i++) {
      if (labels[i] === c) fold[i] = next++ % k;
    }
  }
  return fold;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 0, rel: 0 },
  hints: ['One counter for the whole dealing: walk the classes in sorted order, and for each row of the class give it fold counter % k, then increment the counter.'],
  mistakes: [
    mistakeFrom<Args, number[]>('restart-per-class', 'Keep dealing where the previous class stopped; restarting at fold 0 for every class overfills the first folds.',
      (labels, k) => deal(labels, k, sortedClasses(labels), true)),
    mistakeFrom<Args, number[]>('appearance-order', 'Take the classes in increasing label order, not in the order they first appear.',
      (labels, k) => deal(labels, k, [...new Set(labels)], false)),
    mistakeFrom<Args, number[]>('row-order', 'Deal the rows grouped by class; dealing the rows in their original order (i mod k) is plain k-fold, not stratified.',
      (labels, k) => labels.map((_, i) => i % k)),
  ],
  mutants: [
    { name: 'restarts at fold 0 for each class', edits: [['  for (const c of classes) {\n', '  for (const c of classes) {\n    next = 0;\n']], mistake: 'restart-per-class' },
    { name: 'classes in order of appearance', edits: [['[...new Set(labels)].sort((a, b) => a - b)', '[...new Set(labels)]']], mistake: 'appearance-order' },
  ],
  links: {
    lessons: [{ lesson: '06-evaluation-metrics', cell: 'kfold-md' }],
    questions: ['metrics-stratified-cross-validation', 'algorithms-stratified-kfold-impl'],
  },
});
