// Kata: average precision of a ranking, tied scores moving together (reference: lib/metrics/precision-recall.ts averagePrecision).
import { Rng } from '../core/random';
import { averagePrecision as libAveragePrecision } from '../metrics/precision-recall';
import { integers, mistakeFrom, round } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [yTrue: number[], scores: number[]];

function reference(...[yTrue, scores]: Args): number {
  return libAveragePrecision(yTrue, scores);
}

/** The PR points at each distinct threshold (or at each rank when ties are split). */
function prPoints(y: number[], s: number[], splitTies: boolean): { p: number[]; r: number[] } {
  const order = y.map((_, i) => i).sort((a, b) => s[b] - s[a] || a - b);
  const P = y.reduce((a, b) => a + b, 0);
  const p = [1], r = [0];
  let tp = 0;
  order.forEach((i, k) => {
    tp += y[i];
    const last = k === order.length - 1 || s[order[k + 1]] !== s[i];
    if (splitTies || last) { p.push(tp / (k + 1)); r.push(tp / P); }
  });
  return { p, r };
}

const examples: KataCase<Args>[] = [
  { name: 'four items', kind: 'example', args: [[1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1]] },
  { name: 'perfect ranking', kind: 'example', args: [[0, 1, 1, 0], [0.2, 0.9, 0.8, 0.1]] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1619);
  const cases: KataCase<Args>[] = [
    { name: 'all scores tied: AP = positive rate', kind: 'edge', args: [[1, 0, 0, 1, 0], [0.5, 0.5, 0.5, 0.5, 0.5]] },
    { name: 'a tie between a negative and a positive', kind: 'edge', args: [[0, 1, 1, 0], [0.9, 0.9, 0.4, 0.1]] },
    { name: 'worst ranking', kind: 'edge', args: [[1, 1, 0, 0, 0], [0.1, 0.2, 0.7, 0.8, 0.9]] },
    { name: 'a single positive', kind: 'edge', args: [[0, 0, 1], [3, 2, 1]] },
    { name: 'all positive', kind: 'edge', args: [[1, 1, 1], [0.3, 0.2, 0.9]] },
  ];
  for (let r = 0; r < 5; r++) {
    const n = 10 + rng.int(40);
    const y = integers(rng, n, 2);
    if (!y.includes(1)) y[0] = 1;
    // scores rounded to one decimal place, so ties are common
    cases.push({ name: `random with ties ${r + 1}`, kind: 'random', args: [y, y.map((v) => round(v * 0.3 + rng.random(), 1))] });
  }
  const y = integers(rng, 20_000, 2);
  cases.push({ name: '20000 scores near 1e9', kind: 'large', args: [y, y.map((v) => 1e9 + round(rng.normal(v, 1), 2))] });
  return cases;
}

export default defineKata<Args, number>({
  id: 'average-precision',
  title: 'Average precision',
  section: 'metrics',
  difficulty: 'medium',
  statement: `\`yTrue\` holds 0/1 labels (at least one 1), \`scores\` the model's scores (higher = more likely positive).
Sweep the threshold down over the **distinct** scores: at each threshold $s$ predict positive every item with
score $\\ge s$, giving precision $P_k$ and recall $R_k$. Average precision (scikit-learn's
\`average_precision_score\`, no interpolation) is

$$\\text{AP} = \\sum_k (R_k - R_{k-1})\\, P_k, \\qquad R_0 = 0 .$$

Items with **tied scores cross the threshold together** (they form one step, not one step each in some arbitrary
order). The baseline of a random ranking is the positive rate, not 0.5.`,
  functionName: 'averagePrecision',
  signature: 'averagePrecision(yTrue: number[], scores: number[]): number',
  starter: `export function averagePrecision(yTrue: number[], scores: number[]): number {
  throw new Error('not implemented');
}
`,
  solution: `export function averagePrecision(yTrue: number[], scores: number[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const positives = yTrue.reduce((a, b) => a + b, 0);
  let tp = 0, ap = 0, prevRecall = 0;
  for (let k = 0; k < order.length; k++) {
    tp += yTrue[order[k]];
    const endOfTies = k === order.length - 1 || scores[order[k + 1]] !== scores[order[k]];
    if (!endOfTies) continue;
    const precision = tp / (k + 1), recall = tp / positives;
    ap += (recall - prevRecall) * precision;
    prevRecall = recall;
  }
  return ap;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-12, rel: 1e-10 },
  hints: ['Sort by decreasing score, walk down the list, and only record a (precision, recall) point after the last item of each group of equal scores.'],
  mistakes: [
    mistakeFrom<Args, number>('ties-split', 'Tied scores cross the threshold together: record one precision-recall point per distinct score, not one per item.',
      (y, s) => { const { p, r } = prPoints(y, s, true); let ap = 0; for (let k = 1; k < p.length; k++) ap += (r[k] - r[k - 1]) * p[k]; return ap; }),
    mistakeFrom<Args, number>('trapezoid', 'AP uses the step sum Σ (R_k - R_{k-1}) P_k; the trapezoidal area under the PR curve is a different number: straight lines between PR points are not achievable (Davis & Goadrich, 2006), and it can come out above or below AP.',
      (y, s) => { const { p, r } = prPoints(y, s, false); let ap = 0; for (let k = 1; k < p.length; k++) ap += ((r[k] - r[k - 1]) * (p[k] + p[k - 1])) / 2; return ap; }),
    mistakeFrom<Args, number>('interpolated', 'This is the non-interpolated AP: use the precision at each threshold, not the best precision at any higher recall.',
      (y, s) => { const { p, r } = prPoints(y, s, false); let ap = 0; for (let k = 1; k < p.length; k++) ap += (r[k] - r[k - 1]) * Math.max(...p.slice(k)); return ap; }),
  ],
  mutants: [
    { name: 'ties counted one by one', edits: [['if (!endOfTies) continue;', '']], mistake: 'ties-split' },
    { name: 'trapezoidal rule', edits: [['let tp = 0, ap = 0, prevRecall = 0;', 'let tp = 0, ap = 0, prevRecall = 0, prevPrecision = 1;'], ['ap += (recall - prevRecall) * precision;', 'ap += ((recall - prevRecall) * (precision + prevPrecision)) / 2;\n    prevPrecision = precision;']], mistake: 'trapezoid' },
  ],
  links: {
    lessons: [{ lesson: '06-evaluation-metrics', cell: 'pr-md' }, { lesson: '12-key-formulas', cell: 'average-precision' }],
    questions: ['metrics-average-precision', 'metrics-roc-vs-pr'],
  },
});
