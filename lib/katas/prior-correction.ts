// Kata: correct probabilities learned on rebalanced data to the deployment prior (reference: lib/sampling/prior-correction.ts priorCorrection).
import { Rng } from '../core/random';
import { priorCorrection } from '../sampling/prior-correction';
import { mistakeFrom, uniforms } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [probs: number[], trainPrior: number, targetPrior: number];

function reference(...[probs, trainPrior, targetPrior]: Args): number[] {
  return Array.from(priorCorrection(probs, { trainPrior: trainPrior, targetPrior: targetPrior }));
}

const examples: KataCase<Args>[] = [
  { name: 'trained 50/50, used at 10%', kind: 'example', args: [[0.5, 0.9, 0.1], 0.5, 0.1] },
  { name: 'trained at 20%, used at 5%', kind: 'example', args: [[0.8, 0.3], 0.2, 0.05] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1917);
  const cases: KataCase<Args>[] = [
    { name: 'equal priors: unchanged', kind: 'edge', args: [[0.1, 0.5, 0.77], 0.3, 0.3] },
    { name: 'p = 0 and p = 1 stay put', kind: 'edge', args: [[0, 1, 0.5], 0.5, 0.02] },
    { name: 'towards a larger prior', kind: 'edge', args: [[0.2, 0.6], 0.05, 0.5] },
    { name: 'tiny target prior', kind: 'edge', args: [[0.999, 0.5, 0.01], 0.5, 0.001] },
  ];
  for (let r = 0; r < 5; r++) {
    cases.push({ name: `random ${r + 1}`, kind: 'random', args: [uniforms(rng, 3 + rng.int(6), 0.001, 0.999), 0.05 + 0.9 * rng.random(), 0.01 + 0.98 * rng.random()] });
  }
  cases.push({ name: '5000 probabilities, 50/50 to 1%', kind: 'large', args: [uniforms(rng, 5000, 0, 1, 6), 0.5, 0.01] });
  return cases;
}

export default defineKata<Args, number[]>({
  id: 'prior-correction',
  title: 'Prior correction after resampling',
  section: 'data-and-features',
  difficulty: 'easy',
  statement: `A classifier was trained on rebalanced data in which a fraction \`trainPrior\` $= \\pi_{1s}$ of the rows were
positive (0.5 after balancing); it returns \`probs\`, its $P_s(y = 1 \\mid x)$ for some rows. In deployment the
positives are a fraction \`targetPrior\` $= \\pi_1$. Resampling by class leaves $p(x \\mid y)$ unchanged, so Bayes' rule
gives the deployment probabilities

$$p' = \\frac{p\\, r_1}{p\\, r_1 + (1 - p)\\, r_0},\\qquad r_1 = \\frac{\\pi_1}{\\pi_{1s}},\\quad r_0 = \\frac{1 - \\pi_1}{1 - \\pi_{1s}}.$$

Return $p'$ for every entry of \`probs\` (a new array, same order). Both priors are in $(0, 1)$; probabilities are in
$[0, 1]$, and $p = 0$ and $p = 1$ must come back as 0 and 1. Tolerance $10^{-12}$ absolute, $10^{-9}$ relative.`,
  functionName: 'priorCorrection',
  signature: 'priorCorrection(probs: number[], trainPrior: number, targetPrior: number): number[]',
  starter: `export function priorCorrection(probs: number[], trainPrior: number, targetPrior: number): number[] {
  throw new Error('not implemented');
}
`,
  solution: `export function priorCorrection(probs: number[], trainPrior: number, targetPrior: number): number[] {
  const r1 = targetPrior / trainPrior;
  const r0 = (1 - targetPrior) / (1 - trainPrior);
  return probs.map((p) => (p * r1) / (p * r1 + (1 - p) * r0));
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-12, rel: 1e-9 },
  hints: ['Multiply the positive-class term by π1 / π1s and the negative-class term by (1 − π1) / (1 − π1s), then renormalise so the two add to 1.'],
  mistakes: [
    mistakeFrom<Args, number[]>('ratio-inverted', 'The ratio goes from the training prior to the deployment prior: r1 = π1 / π1s (deployment over training), not π1s / π1.',
      (probs, s, t) => probs.map((p) => (p * (s / t)) / (p * (s / t) + (1 - p) * ((1 - s) / (1 - t))))),
    mistakeFrom<Args, number[]>('negatives-not-reweighted', 'Reweight the negative class too: the (1 − p) term needs r0 = (1 − π1) / (1 − π1s).',
      (probs, s, t) => probs.map((p) => (p * (t / s)) / (p * (t / s) + (1 - p)))),
    mistakeFrom<Args, number[]>('not-renormalised', 'p · π1 / π1s alone is not a probability: divide by p r1 + (1 − p) r0 so it stays in [0, 1].',
      (probs, s, t) => probs.map((p) => (p * t) / s)),
  ],
  mutants: [
    { name: 'ratio inverted', edits: [['const r1 = targetPrior / trainPrior;', 'const r1 = trainPrior / targetPrior;'], ['const r0 = (1 - targetPrior) / (1 - trainPrior);', 'const r0 = (1 - trainPrior) / (1 - targetPrior);']], mistake: 'ratio-inverted' },
    { name: 'negatives not reweighted', edits: [['(1 - p) * r0', '(1 - p)']], mistake: 'negatives-not-reweighted' },
    { name: 'no renormalisation', edits: [['(p * r1) / (p * r1 + (1 - p) * r0)', 'p * r1']], mistake: 'not-renormalised' },
  ],
  links: {
    lessons: [{ lesson: '19-imbalanced-labels', cell: 'prior-md' }, { lesson: '12-key-formulas', cell: 'prior-correction' }],
    questions: ['data-and-features-prior-correction'],
  },
});
