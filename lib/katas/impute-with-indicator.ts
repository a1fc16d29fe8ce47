// Kata: mean or median imputation fitted on training rows, with missing-indicator columns (reference: lib/preprocessing/simple-imputer.ts SimpleImputer).
import { rngFrom } from '../core/random';
import { SimpleImputer } from '../preprocessing/simple-imputer';
import { mistakeFrom } from './content-kit';
import { defineKata, type KataCase } from './types';

type Table = (number | null)[][];
type Args = [train: Table, test: Table, strategy: 'mean' | 'median'];

const toMatrix = (t: Table) => ({ rows: t.length, cols: t[0].length, data: Float64Array.from(t.flat(), (v) => (v === null ? NaN : v)) });

function reference(...[train, test, strategy]: Args): number[][] {
  const out = new SimpleImputer({ strategy, addIndicator: true }).fit(toMatrix(train)).transform(toMatrix(test));
  return Array.from({ length: out.rows }, (_, i) => Array.from(out.data.subarray(i * out.cols, (i + 1) * out.cols)));
}

/** The rule with a chosen statistic and a chosen set of indicator columns. */
function variant(train: Table, test: Table, stat: (values: number[], column: (number | null)[]) => number, indicatorFor: (j: number) => boolean): number[][] {
  const d = train[0].length;
  const fill = Array.from({ length: d }, (_, j) => stat(train.map((r) => r[j]).filter((v): v is number => v !== null), train.map((r) => r[j])));
  const cols = Array.from({ length: d }, (_, j) => j).filter(indicatorFor);
  return test.map((r) => [...r.map((v, j) => (v === null ? fill[j] : v)), ...cols.map((j) => (r[j] === null ? 1 : 0))]);
}
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const median = (v: number[]) => { const s = [...v].sort((a, b) => a - b), h = s.length >> 1; return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2; };
const missingInTrain = (train: Table) => (j: number) => train.some((r) => r[j] === null);

const examples: KataCase<Args>[] = [
  { name: 'mean, one column with a gap', kind: 'example', args: [[[1, 10], [null, 20], [3, 30]], [[null, 5], [7, 6]], 'mean'] },
  { name: 'median, two columns with gaps', kind: 'example', args: [[[1, null, 2], [2, 4, 2], [10, 6, 2], [null, 8, 2]], [[null, null, 2]], 'median'] },
];

function randomTable(seed: number, n: number, d: number, pMissing: number, scale: number): Table {
  const rng = rngFrom(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => (rng.random() < pMissing ? null : Math.round(scale * rng.normal() * 100) / 100)));
}
/** A random table where every column keeps at least one observed value in its first row. */
function safeTable(seed: number, n: number, d: number, pMissing: number, scale: number): Table {
  const t = randomTable(seed, n, d, pMissing, scale);
  t[0] = t[0].map((v, j) => v ?? j + 0.5);
  return t;
}

function hiddenCases(): KataCase<Args>[] {
  return [
    { name: 'no missing value in training: no indicator columns', kind: 'edge', args: [[[1, 2], [3, 4]], [[null, 1]], 'mean'] },
    { name: 'test rows without gaps still get the indicator columns', kind: 'edge', args: [[[1, null], [3, 5]], [[9, 9], [8, 8]], 'median'] },
    { name: 'median of an even count', kind: 'edge', args: [[[1], [2], [10], [20], [null]], [[null]], 'median'] },
    { name: 'skewed column: mean and median differ', kind: 'edge', args: [[[1, 0], [1, 0], [1, null], [100, 0]], [[null, null]], 'mean'] },
    { name: '30 x 4, 20% missing, mean', kind: 'random', args: [safeTable(81, 30, 4, 0.2, 10), randomTable(82, 10, 4, 0.3, 10), 'mean'] },
    { name: '41 x 3, 40% missing, median', kind: 'random', args: [safeTable(83, 41, 3, 0.4, 5), randomTable(84, 12, 3, 0.3, 5), 'median'] },
    { name: '2000 x 8, 10% missing, median, large values', kind: 'large', args: [safeTable(85, 2000, 8, 0.1, 1e6), randomTable(86, 500, 8, 0.2, 1e6), 'median'] },
  ];
}

export default defineKata<Args, number[][]>({
  id: 'impute-with-indicator',
  title: 'Imputation with missing indicators',
  section: 'data-and-features',
  difficulty: 'easy',
  statement: `Fill missing values (\`null\`) the way a pipeline must: **learn on the training rows, apply to the test rows**.

1. For every column $j$, compute the fill value from the **non-missing training values** of column $j$: their
   mean (\`strategy = 'mean'\`) or their median (\`'median'\`; for an even count, the mean of the two middle values).
2. For every column that has **at least one missing value in the training rows**, add an indicator column.
3. Return one row per test row: the $d$ values with each \`null\` replaced by its column's fill value, followed by
   the indicator columns in column order (1 when that test value was \`null\`, else 0). A column complete in
   training gets no indicator, even if a test value is missing there.

Every training column has at least one observed value; rows are non-empty and of equal length. Tolerance
$10^{-9}$ (relative), $10^{-12}$ (absolute). This is scikit-learn's \`SimpleImputer(strategy, add_indicator=True)\`.

Example: train \`[[1, 10], [null, 20], [3, 30]]\`, test \`[[null, 5], [7, 6]]\`, mean: column 0 fills 2 and gets an
indicator, column 1 none: \`[[2, 5, 1], [7, 6, 0]]\`.`,
  functionName: 'imputeWithIndicator',
  signature: "imputeWithIndicator(train: (number | null)[][], test: (number | null)[][], strategy: 'mean' | 'median'): number[][]",
  starter: `export function imputeWithIndicator(train: (number | null)[][], test: (number | null)[][], strategy: 'mean' | 'median'): number[][] {
  throw new Error('not implemented');
}
`,
  solution: `export function imputeWithIndicator(train: (number | null)[][], test: (number | null)[][], strategy: 'mean' | 'median'): number[][] {
  const d = train[0].length;
  const fill: number[] = [];
  const withIndicator: number[] = [];
  for (let j = 0; j < d; j++) {
    const seen = train.map((r) => r[j]).filter((v): v is number => v !== null);
    if (seen.length < train.length) withIndicator.push(j);
    if (strategy === 'mean') {
      fill.push(seen.reduce((a, b) => a + b, 0) / seen.length);
    } else {
      const s = [...seen].sort((a, b) => a - b), h = Math.floor(s.length / 2);
      fill.push(s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2);
    }
  }
  return test.map((r) => [...r.map((v, j) => (v === null ? fill[j] : v)), ...withIndicator.map((j) => (r[j] === null ? 1 : 0))]);
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-12, rel: 1e-9 },
  hints: [
    'Per column: collect the non-null training values, take their mean or median, and note whether any training value was null. Then map each test row to its filled values followed by one 0/1 per noted column.',
  ],
  mistakes: [
    mistakeFrom<Args, number[][]>('null-as-zero', 'Missing values are not zeros: average only the observed training values (divide by their count, not by the number of rows).',
      (train, test, strategy) => variant(train, test, (v, col) => (strategy === 'mean' ? v.reduce((a, b) => a + b, 0) / col.length : median(col.map((x) => x ?? 0))), missingInTrain(train))),
    mistakeFrom<Args, number[][]>('indicator-every-column', 'Add indicator columns only for columns with a missing value in the training rows (a fitted choice, like the fill values), not for every column.',
      (train, test, strategy) => variant(train, test, strategy === 'mean' ? mean : median, () => true)),
    mistakeFrom<Args, number[][]>('median-upper-middle', 'The median of an even number of values is the mean of the two middle ones, not the upper middle one.',
      (train, test) => variant(train, test, (v) => [...v].sort((a, b) => a - b)[v.length >> 1], missingInTrain(train))),
  ],
  mutants: [
    { name: 'mean over all rows', edits: [['/ seen.length);', '/ train.length);']], mistake: 'null-as-zero' },
    { name: 'indicator for every column', edits: [['if (seen.length < train.length) withIndicator.push(j);', 'withIndicator.push(j);']], mistake: 'indicator-every-column' },
    { name: 'upper middle as median', edits: [['s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2', 's[h]']], mistake: 'median-upper-middle' },
  ],
  links: {
    lessons: [{ lesson: '20-features', cell: 'missing-md' }],
    questions: ['data-and-features-missing-indicator'],
  },
});
