// Kata: ROC AUC from labels and scores, tied scores counting one half.
import { rngFrom } from '../core/random';
import { rocAuc } from '../metrics/roc';
import { defineKata, type KataCase } from './types';

type Args = [yTrue: number[], scores: number[]];

/** Pairs (positive, negative) with equal scores, over P N: the share the one-half rule decides. */
function tiedShare(y: number[], s: number[]): number {
  let ties = 0, pos = 0, neg = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1) pos++; else neg++;
    if (y[i] !== 1) continue;
    for (let j = 0; j < y.length; j++) if (y[j] === 0 && s[i] === s[j]) ties++;
  }
  return ties / (pos * neg);
}

function labelsWithBoth(rng: ReturnType<typeof rngFrom>, n: number, rate: number): number[] {
  const y = Array.from({ length: n }, () => (rng.random() < rate ? 1 : 0));
  y[0] = 1; y[n - 1] = 0;
  return y;
}

export default defineKata<Args, number>({
  id: 'roc-auc',
  title: 'ROC AUC from scores',
  section: 'metrics',
  difficulty: 'medium',
  statement: `Write \`rocAuc(yTrue, scores)\`: the area under the ROC curve of a binary classifier. \`yTrue[i]\` is 0 or 1
(both classes present); \`scores[i]\` is higher for "more positive".

AUC is the probability that a random positive scores above a random negative, **tied scores counting one half**:

$$\\text{AUC} = \\frac{1}{P\\,N} \\sum_{i: y_i = 1} \\sum_{j: y_j = 0} \\Big( [s_i > s_j] + \\tfrac12 [s_i = s_j] \\Big).$$

This equals the trapezoidal area under the ROC curve when thresholds move over distinct scores. Any correct method is
accepted (pairs, ranks, or sorting); inputs have up to 3,000 rows. Do not change the arguments. Tolerance $10^{-12}$.`,
  functionName: 'rocAuc',
  signature: 'rocAuc(yTrue: number[], scores: number[]): number',
  starter: `export function rocAuc(yTrue: number[], scores: number[]): number {
  throw new Error('not implemented');
}
`,
  solution: `export function rocAuc(yTrue: number[], scores: number[]): number {
  let wins = 0, pos = 0, neg = 0;
  for (let i = 0; i < yTrue.length; i++) {
    if (yTrue[i] !== 1) continue;
    pos++;
    for (let j = 0; j < yTrue.length; j++) {
      if (yTrue[j] !== 0) continue;
      if (scores[i] > scores[j]) wins += 1;
      else if (scores[i] === scores[j]) wins += 0.5;
    }
  }
  for (const y of yTrue) if (y === 0) neg++;
  return wins / (pos * neg);
}
`,
  examples: [
    { name: 'four rows', kind: 'example', args: [[0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]] },
    { name: 'a tie', kind: 'example', args: [[0, 1, 0, 1], [0.2, 0.5, 0.5, 0.9]] },
  ],
  hiddenCases() {
    const rng = rngFrom(1603);
    const cases: KataCase<Args>[] = [
      { name: 'perfect ranking', kind: 'edge', args: [[0, 0, 1, 1, 1], [1, 2, 3, 4, 5]] },
      { name: 'reversed ranking', kind: 'edge', args: [[1, 1, 0, 0], [1, 2, 3, 4]] },
      { name: 'all scores equal', kind: 'edge', args: [[0, 1, 1, 0, 1], [7, 7, 7, 7, 7]] },
      { name: 'one positive', kind: 'edge', args: [[0, 0, 0, 1, 0], [0.3, 0.9, 0.1, 0.5, 0.5]] },
      { name: 'unsorted, negative scores', kind: 'edge', args: [[1, 0, 1, 0, 0, 1], [-2, -5, 3, -2, 0, -7]] },
    ];
    for (let t = 0; t < 5; t++) {
      const n = 10 + rng.int(60);
      const y = labelsWithBoth(rng, n, 0.4);
      // one decimal: many ties
      const s = y.map((v) => Math.round((rng.normal(v, 1)) * 10) / 10);
      cases.push({ name: `random with ties ${t + 1} (n = ${n})`, kind: 'random', args: [y, s] });
    }
    const y = labelsWithBoth(rng, 3000, 0.1);
    cases.push({ name: 'large: 3000 rows, scores near 1e9', kind: 'large', args: [y, y.map((v) => 1e9 + Math.round(rng.normal(v * 2, 3)) * 1000)] });
    return cases;
  },
  reference: (y, s) => rocAuc(y, s),
  tolerance: { abs: 1e-12, rel: 0 },
  hints: ['Count, over all (positive, negative) pairs, 1 when the positive scores higher and 1/2 on a tie; divide by P N.'],
  mistakes: [
    {
      id: 'ties',
      hint: 'AUC: tied scores count one half (you counted a tied pair as 0 or as 1)',
      detect: ({ args: [y, s], expected, received }) => {
        const t = tiedShare(y, s);
        return typeof received === 'number' && t > 0 && (Math.abs(received - (expected - t / 2)) < 1e-9 || Math.abs(received - (expected + t / 2)) < 1e-9);
      },
    },
    {
      id: 'reversed',
      hint: 'your AUC is 1 - AUC: a positive should win when its score is higher than the negative\'s',
      detect: ({ expected, received }) => typeof received === 'number' && Math.abs(received - (1 - expected)) < 1e-9,
    },
  ],
  mutants: [
    { name: 'ties ignored', edits: [['wins += 0.5', 'wins += 0']], mistake: 'ties' },
    { name: 'ties counted as wins', edits: [['if (scores[i] > scores[j]) wins += 1;', 'if (scores[i] >= scores[j]) wins += 1;']], mistake: 'ties' },
    { name: 'comparison reversed', edits: [['if (scores[i] > scores[j]) wins += 1;', 'if (scores[i] < scores[j]) wins += 1;']], mistake: 'reversed' },
  ],
  links: {
    lessons: [{ lesson: '06-evaluation-metrics', cell: 'roc-md' }, { lesson: '13-interview-questions', cell: 'q-auc-rank' }],
    questions: ['metrics-auc-meaning', 'algorithms-roc-auc-from-scratch', 'metrics-auc-monotone-invariance'],
  },
});
