// Kata: the two-sample Kolmogorov-Smirnov statistic, robust to ties (reference: lib/mlops/drift.ts ksTwoSample).
import { Rng } from '../core/random';
import { ksTwoSample } from '../mlops/drift';
import { mistakeFrom, normals, round } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [a: number[], b: number[]];

function reference(...[a, b]: Args): number {
  return ksTwoSample(a, b).statistic;
}

const cdf = (sorted: number[], x: number) => sorted.filter((v) => v <= x).length / sorted.length;
const asc = (v: number[]) => [...v].sort((p, q) => p - q);

/** The largest CDF gap over a chosen set of evaluation points, for the detectors. */
function gapAt(a: number[], b: number[], points: number[]): number {
  if (a.length + b.length > 2000) return NaN; // quadratic: only worth it on the small cases
  const A = asc(a), B = asc(b);
  return Math.max(...points.map((x) => Math.abs(cdf(A, x) - cdf(B, x))));
}

/** The merge walk that steps one element at a time (ties create fake gaps). */
function stepwise(a: number[], b: number[]): number {
  const A = asc(a), B = asc(b);
  let i = 0, j = 0, d = 0;
  while (i < A.length && j < B.length) {
    if (A[i] <= B[j]) i++;
    else j++;
    d = Math.max(d, Math.abs(i / A.length - j / B.length));
  }
  return d;
}

const examples: KataCase<Args>[] = [
  { name: 'shifted samples', kind: 'example', args: [[1, 2, 3, 4], [3, 4, 5, 6, 7]] },
  { name: 'same values', kind: 'example', args: [[1, 2, 3], [3, 2, 1]] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1627);
  const cases: KataCase<Args>[] = [
    { name: 'ties across the samples', kind: 'edge', args: [[1, 1, 2, 2], [1, 2, 2, 2]] },
    { name: 'identical samples with repeats: 0', kind: 'edge', args: [[5, 5, 5, 7], [7, 5, 5, 5]] },
    { name: 'disjoint samples: 1', kind: 'edge', args: [[1, 2], [10, 11, 12]] },
    { name: 'the gap is at a point of the second sample', kind: 'edge', args: [[0, 10], [1, 2, 3, 4]] },
    { name: 'one value each', kind: 'edge', args: [[3], [3]] },
  ];
  for (let r = 0; r < 5; r++) {
    const n = 5 + rng.int(40), m = 5 + rng.int(40);
    // one decimal place: plenty of ties
    cases.push({ name: `random with ties ${r + 1}`, kind: 'random', args: [normals(rng, n, 1, 0, 1), normals(rng, m, 1, round(0.5 * rng.random(), 2), 1)] });
  }
  cases.push({ name: '20000 values near 1e12', kind: 'large', args: [normals(rng, 20_000, 1e3, 1e12, 0), normals(rng, 15_000, 1e3, 1e12 + 30, 0)] });
  return cases;
}

export default defineKata<Args, number>({
  id: 'ks-statistic',
  title: 'Kolmogorov-Smirnov statistic',
  section: 'mlops',
  difficulty: 'medium',
  statement: `The two-sample Kolmogorov-Smirnov test compares a feature's training sample \`a\` with its production sample
\`b\`. Its statistic is the largest gap between the two empirical CDFs,

$$D = \\sup_x \\big|F_a(x) - F_b(x)\\big|, \\qquad F_a(x) = \\frac{\\#\\{\\, i : a_i \\le x \\,\\}}{n} .$$

The supremum is reached at one of the sample values (of **either** sample). With **ties** (equal values, within or
across the samples) both CDFs jump past every copy of a value at once: compare them only after stepping over all copies,
or tied samples show a gap that does not exist. Return $D \\in [0, 1]$. The samples are non-empty and need not be sorted.`,
  functionName: 'ksStatistic',
  signature: 'ksStatistic(a: number[], b: number[]): number',
  starter: `export function ksStatistic(a: number[], b: number[]): number {
  throw new Error('not implemented');
}
`,
  solution: `export function ksStatistic(a: number[], b: number[]): number {
  const x = [...a].sort((p, q) => p - q), y = [...b].sort((p, q) => p - q);
  let i = 0, j = 0, d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] === v) i++;
    while (j < y.length && y[j] === v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-12, rel: 0 },
  hints: ['Sort both samples and merge them; at each distinct value step both indices past all its copies, then compare i / n with j / m.'],
  mistakes: [
    mistakeFrom<Args, number>('ties-create-gaps', 'Step both CDFs past every copy of a value before comparing them: taking one element at a time makes ties look like a gap.',
      (a, b) => stepwise(a, b)),
    mistakeFrom<Args, number>('points-of-a-only', 'Evaluate the CDFs at the values of both samples: the largest gap can sit at a value of b.',
      (a, b) => gapAt(a, b, a)),
  ],
  mutants: [
    { name: 'one element at a time', edits: [['    const v = Math.min(x[i], y[j]);\n    while (i < x.length && x[i] === v) i++;\n    while (j < y.length && y[j] === v) j++;', '    if (x[i] <= y[j]) i++;\n    else j++;']], mistake: 'ties-create-gaps' },
    { name: 'unsorted samples', edits: [['const x = [...a].sort((p, q) => p - q), y = [...b].sort((p, q) => p - q);', 'const x = [...a], y = [...b];']] },
  ],
  links: {
    lessons: [{ lesson: '10-mlops', cell: 'drift-md' }],
    questions: ['mlops-detect-drift', 'mlops-what-to-monitor'],
  },
});
