// Kata: walk-forward (time-series) fold boundaries with a gap and an optional sliding window (reference: lib/model-selection/time-series-split.ts).
import { timeSeriesSplit } from '../model-selection/time-series-split';
import { mistakeFrom } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [n: number, nSplits: number, gap: number, maxTrainSize: number];

function reference(...[n, nSplits, gap, maxTrainSize]: Args): number[][] {
  return timeSeriesSplit(n, nSplits, { gap, maxTrainSize: maxTrainSize > 0 ? maxTrainSize : undefined })
    .map((f) => [f.train[0], f.train[f.train.length - 1] + 1, f.test[0], f.test[f.test.length - 1] + 1]);
}

/** The splits with a changed rule. */
function variant(n: number, nSplits: number, gap: number, maxTrainSize: number, rule: { size?: number; firstStart?: (m: number) => number; noGap?: boolean; windowBeforeGap?: boolean }): number[][] {
  const m = rule.size ?? Math.floor(n / (nSplits + 1));
  const out: number[][] = [];
  for (let s = 0; s < nSplits; s++) {
    const t = rule.firstStart ? rule.firstStart(m) + s * m : n - (nSplits - s) * m;
    const end = rule.noGap ? t : t - gap;
    let start = 0;
    if (maxTrainSize > 0) start = Math.max(0, (rule.windowBeforeGap ? t : end) - maxTrainSize);
    out.push([start, end, t, t + m]);
  }
  return out;
}

const examples: KataCase<Args>[] = [
  { name: '13 rows, 3 splits', kind: 'example', args: [13, 3, 0, 0] },
  { name: '13 rows, 3 splits, gap 2', kind: 'example', args: [13, 3, 2, 0] },
];

function hiddenCases(): KataCase<Args>[] {
  return [
    { name: 'n divisible by nSplits + 1', kind: 'edge', args: [12, 3, 0, 0] },
    { name: 'sliding window of 4', kind: 'edge', args: [13, 3, 0, 4] },
    { name: 'gap and window', kind: 'edge', args: [13, 2, 1, 5] },
    { name: 'window larger than the data', kind: 'edge', args: [20, 4, 1, 100] },
    { name: 'smallest: 3 rows, 2 splits', kind: 'edge', args: [3, 2, 0, 0] },
    { name: 'four years of days, weekly gap', kind: 'random', args: [1461, 5, 7, 0] },
    { name: '100 rows, 7 splits, gap 3, window 30', kind: 'random', args: [100, 7, 3, 30] },
    { name: '57 rows, 4 splits, gap 5', kind: 'random', args: [57, 4, 5, 0] },
    { name: 'a million rows, 12 splits', kind: 'large', args: [1_000_000, 12, 24, 200_000] },
  ];
}

export default defineKata<Args, number[][]>({
  id: 'walk-forward-split',
  title: 'Walk-forward validation splits',
  section: 'data-and-features',
  difficulty: 'easy',
  statement: `Rows $0..n-1$ are in time order. Build \`nSplits\` walk-forward folds as scikit-learn's \`TimeSeriesSplit\`:
every test block has $m = \\lfloor n / (\\text{nSplits} + 1) \\rfloor$ rows and the blocks are the **last**
$\\text{nSplits} \\cdot m$ rows, consecutive: block $s = 0, 1, \\dots$ starts at
$t_s = n - (\\text{nSplits} - s)\\,m$. Fold $s$ trains on the rows **before** $t_s - \\text{gap}$ (the \`gap\` rows just
before the test block are left out); if \`maxTrainSize\` $> 0$, only the last \`maxTrainSize\` of those (a sliding
window; 0 means no limit).

Return one \`[trainStart, trainEnd, testStart, testEnd]\` per fold (half-open ranges), oldest fold first. The inputs
always leave at least one training row per fold.

Example: $n = 13$, 3 splits, gap 0: $m = 3$, \`[[0, 4, 4, 7], [0, 7, 7, 10], [0, 10, 10, 13]]\`.`,
  functionName: 'walkForwardSplits',
  signature: 'walkForwardSplits(n: number, nSplits: number, gap: number, maxTrainSize: number): number[][]',
  starter: `export function walkForwardSplits(n: number, nSplits: number, gap: number, maxTrainSize: number): number[][] {
  throw new Error('not implemented');
}
`,
  solution: `export function walkForwardSplits(n: number, nSplits: number, gap: number, maxTrainSize: number): number[][] {
  const m = Math.floor(n / (nSplits + 1));
  const folds: number[][] = [];
  for (let s = 0; s < nSplits; s++) {
    const testStart = n - (nSplits - s) * m;
    const trainEnd = testStart - gap;
    const trainStart = maxTrainSize > 0 ? Math.max(0, trainEnd - maxTrainSize) : 0;
    folds.push([trainStart, trainEnd, testStart, testStart + m]);
  }
  return folds;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 0, rel: 0 },
  hints: ['Work backwards from the end: the last block is [n - m, n), each earlier one m rows before; training stops gap rows before its block.'],
  mistakes: [
    mistakeFrom<Args, number[][]>('blocks-from-start', 'The test blocks are the last nSplits * m rows: count back from n, so any remainder rows go to the first training set, not to the end.',
      (n, s, gap, w) => variant(n, s, gap, w, { firstStart: (m) => m })),
    mistakeFrom<Args, number[][]>('gap-ignored', 'Training must stop gap rows before the test block starts.',
      (n, s, gap, w) => variant(n, s, gap, w, { noGap: true })),
    mistakeFrom<Args, number[][]>('window-before-gap', 'The sliding window is the last maxTrainSize rows of what remains after removing the gap: it ends at testStart - gap.',
      (n, s, gap, w) => variant(n, s, gap, w, { windowBeforeGap: true })),
  ],
  mutants: [
    { name: 'blocks from the start', edits: [['const testStart = n - (nSplits - s) * m;', 'const testStart = m + s * m;']], mistake: 'blocks-from-start' },
    { name: 'gap ignored', edits: [['const trainEnd = testStart - gap;', 'const trainEnd = testStart;']], mistake: 'gap-ignored' },
    { name: 'window measured from the test start', edits: [['Math.max(0, trainEnd - maxTrainSize)', 'Math.max(0, testStart - maxTrainSize)']], mistake: 'window-before-gap' },
  ],
  links: {
    lessons: [{ lesson: '18-data-leakage', cell: 'time-md' }, { lesson: '12-key-formulas', cell: 'walk-forward-folds' }],
    questions: ['data-and-features-walk-forward'],
  },
});
