// Kata: group k-fold test blocks, scikit-learn's greedy assignment (reference: lib/model-selection/group-k-fold.ts groupKFold).
import { rngFrom } from '../core/random';
import { groupKFold } from '../model-selection/group-k-fold';
import { mistakeFrom } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [groups: number[], k: number];

function reference(...[groups, k]: Args): number[][] {
  return groupKFold(groups, k).map((fold) => Array.from(fold.test));
}

/** Test blocks from a fold per group label (rows in ascending order). */
function blocksFrom(groups: number[], k: number, foldOf: Map<number, number>): number[][] {
  const out: number[][] = Array.from({ length: k }, () => []);
  groups.forEach((g, i) => out[foldOf.get(g)!].push(i));
  return out;
}

/** The greedy rule with a chosen visiting order of the labels. */
function greedy(groups: number[], k: number, order: (labels: number[], size: Map<number, number>) => number[]): number[][] {
  const size = new Map<number, number>();
  for (const g of groups) size.set(g, (size.get(g) ?? 0) + 1);
  const labels = [...size.keys()].sort((a, b) => a - b);
  const load = new Array(k).fill(0);
  const foldOf = new Map<number, number>();
  for (const g of order(labels, size)) {
    let f = 0;
    for (let j = 1; j < k; j++) if (load[j] < load[f]) f = j;
    load[f] += size.get(g)!;
    foldOf.set(g, f);
  }
  return blocksFrom(groups, k, foldOf);
}

const examples: KataCase<Args>[] = [
  { name: '6 groups into 3 folds', kind: 'example', args: [[0, 0, 0, 1, 1, 2, 3, 3, 3, 3, 4, 5, 5], 3] },
  { name: 'equal sizes', kind: 'example', args: [[0, 0, 1, 1, 2, 2, 3, 3], 2] },
];

function randomGroups(seed: number, n: number, m: number): number[] {
  const rng = rngFrom(seed);
  return Array.from({ length: n }, () => 10 * rng.int(m));
}

function hiddenCases(): KataCase<Args>[] {
  return [
    { name: 'k = number of groups', kind: 'edge', args: [[7, 7, 3, 9, 9, 9], 3] },
    { name: 'one row per group (plain k-fold of the labels)', kind: 'edge', args: [[5, 1, 4, 2, 3], 2] },
    { name: 'unsorted labels, ties in size', kind: 'edge', args: [[3, 1, 2, 3, 1, 2, 5, 5, 4, 4, 6, 6, 7, 0], 3] },
    { name: 'one big group', kind: 'edge', args: [[1, 1, 1, 1, 1, 1, 2, 3, 4], 2] },
    { name: '60 rows, 12 groups, 4 folds', kind: 'random', args: [randomGroups(61, 60, 12), 4] },
    { name: '200 rows, 30 groups, 5 folds', kind: 'random', args: [randomGroups(62, 200, 30), 5] },
    { name: '97 rows, 9 groups, 3 folds', kind: 'random', args: [randomGroups(63, 97, 9), 3] },
    { name: '20000 rows, 800 groups, 10 folds', kind: 'large', args: [randomGroups(64, 20000, 800), 10] },
  ];
}

export default defineKata<Args, number[][]>({
  id: 'group-k-fold',
  title: 'Group k-fold split',
  section: 'data-and-features',
  difficulty: 'medium',
  statement: `Rows belong to groups (a patient, a user, a country); \`groups[i]\` is row $i$'s group label, a non-negative
integer. Split the rows into $k$ folds so that **every group lands wholly in one fold**, with fold sizes balanced by
scikit-learn's greedy rule (\`GroupKFold\`):

1. Count the rows of each group.
2. Visit the groups from the **largest to the smallest**; among groups of equal size, the one with the **larger
   label first**.
3. Put each group into the fold that currently holds the **fewest rows** (ties: the lowest fold number).

Return the $k$ test blocks: fold $f$'s rows, ascending. $2 \\le k \\le$ the number of distinct groups.

Example: groups \`[0, 0, 1, 1, 2, 2, 3, 3]\`, $k = 2$: visiting 3, 2, 1, 0 gives \`[[2, 3, 6, 7], [0, 1, 4, 5]]\`.`,
  functionName: 'groupKFoldTestIndices',
  signature: 'groupKFoldTestIndices(groups: number[], k: number): number[][]',
  starter: `export function groupKFoldTestIndices(groups: number[], k: number): number[][] {
  throw new Error('not implemented');
}
`,
  solution: `export function groupKFoldTestIndices(groups: number[], k: number): number[][] {
  const size = new Map<number, number>();
  for (const g of groups) size.set(g, (size.get(g) ?? 0) + 1);
  const order = [...size.keys()].sort((a, b) => size.get(b)! - size.get(a)! || b - a);
  const load = new Array(k).fill(0);
  const foldOf = new Map<number, number>();
  for (const g of order) {
    let f = 0;
    for (let j = 1; j < k; j++) if (load[j] < load[f]) f = j;
    load[f] += size.get(g)!;
    foldOf.set(g, f);
  }
  const folds: number[][] = Array.from({ length: k }, () => []);
  groups.forEach((g, i) => folds[foldOf.get(g)!].push(i));
  return folds;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 0, rel: 0 },
  hints: [
    'Count rows per group, sort the groups by size descending (equal sizes: larger label first), then give each group to the fold with the fewest rows so far.',
  ],
  mistakes: [
    mistakeFrom<Args, number[][]>('ties-smaller-label-first', 'Among groups of equal size, visit the larger label first (scikit-learn sorts ascending and reverses).',
      (groups, k) => greedy(groups, k, (labels, size) => [...labels].sort((a, b) => size.get(b)! - size.get(a)! || a - b))),
    mistakeFrom<Args, number[][]>('count-groups-not-rows', 'Balance the folds by rows, not by how many groups each fold holds: a fold\'s load grows by the group\'s size.',
      (groups, k) => {
        const size = new Map<number, number>();
        for (const g of groups) size.set(g, (size.get(g) ?? 0) + 1);
        const order = [...size.keys()].sort((a, b) => size.get(b)! - size.get(a)! || b - a);
        const load = new Array(k).fill(0);
        const foldOf = new Map<number, number>();
        for (const g of order) {
          let f = 0;
          for (let j = 1; j < k; j++) if (load[j] < load[f]) f = j;
          load[f] += 1;
          foldOf.set(g, f);
        }
        return blocksFrom(groups, k, foldOf);
      }),
    mistakeFrom<Args, number[][]>('label-order', 'Visit the groups from the largest to the smallest; going by label order leaves the big groups for last and unbalances the folds.',
      (groups, k) => greedy(groups, k, (labels) => labels)),
  ],
  mutants: [
    { name: 'ties by smaller label', edits: [['|| b - a);', '|| a - b);']], mistake: 'ties-smaller-label-first' },
    { name: 'load counts groups', edits: [['load[f] += size.get(g)!;', 'load[f] += 1;']], mistake: 'count-groups-not-rows' },
    { name: 'groups in label order', edits: [['.sort((a, b) => size.get(b)! - size.get(a)! || b - a)', '.sort((a, b) => a - b)']], mistake: 'label-order' },
  ],
  links: {
    lessons: [{ lesson: '18-data-leakage', cell: 'group-md' }],
    questions: ['data-and-features-group-k-fold', 'data-and-features-duplicates-split'],
  },
});
