// Kata: the z statistic of a two-proportion A/B test with the pooled standard error (reference: lib/stats/ab-test.ts twoProportionZTest).
import { Rng } from '../core/random';
import { twoProportionZTest } from '../stats/ab-test';
import { mistakeFrom } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [successesA: number, trialsA: number, successesB: number, trialsB: number];

function reference(...[successesA, trialsA, successesB, trialsB]: Args): number {
  return twoProportionZTest({ successesA, trialsA, successesB, trialsB }).z;
}

const examples: KataCase<Args>[] = [
  { name: '10% vs 12% on 1000 users each', kind: 'example', args: [100, 1000, 120, 1000] },
  { name: 'B worse than A', kind: 'example', args: [50, 400, 30, 400] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1628);
  const cases: KataCase<Args>[] = [
    { name: 'no difference: z = 0', kind: 'edge', args: [30, 300, 10, 100] },
    { name: 'unequal arm sizes', kind: 'edge', args: [40, 1000, 30, 300] },
    { name: 'one arm with no successes', kind: 'edge', args: [0, 50, 5, 50] },
    { name: 'tiny arms', kind: 'edge', args: [1, 2, 2, 3] },
  ];
  for (let r = 0; r < 5; r++) {
    const nA = 50 + rng.int(5000), nB = 50 + rng.int(5000);
    const p = 0.02 + 0.5 * rng.random();
    cases.push({ name: `random ${r + 1}`, kind: 'random', args: [Math.round(nA * p), nA, Math.round(nB * (p + 0.05 * rng.normal())), nB].map((v) => Math.max(0, v)) as Args });
  }
  cases.push({ name: '10 million users per arm', kind: 'large', args: [1_000_000, 10_000_000, 1_003_000, 10_000_000] });
  cases.push({ name: 'rare conversions on 50 million users', kind: 'large', args: [500, 50_000_000, 560, 40_000_000] });
  return cases;
}

export default defineKata<Args, number>({
  id: 'ab-z-test',
  title: 'A/B test: two-proportion z statistic',
  section: 'mlops',
  difficulty: 'medium',
  statement: `Users were randomised to a control A and a treatment B; arm A converted \`successesA\` of \`trialsA\` users,
arm B \`successesB\` of \`trialsB\`. Return the z statistic of the two-proportion test of $H_0: p_A = p_B$:

$$\\hat p_A = \\frac{x_A}{n_A},\\quad \\hat p_B = \\frac{x_B}{n_B},\\quad \\hat p = \\frac{x_A + x_B}{n_A + n_B},\\qquad
z = \\frac{\\hat p_B - \\hat p_A}{\\sqrt{\\hat p (1 - \\hat p)\\,\\big(\\frac{1}{n_A} + \\frac{1}{n_B}\\big)}} .$$

- Under $H_0$ both arms share one rate, so the standard error uses the **pooled** rate $\\hat p$ (pooled counts, not
  the average of the two rates).
- $z > 0$ when B converts better. ($z^2$ is Pearson's chi-square of the 2 × 2 table; $|z| > 1.96$ is significant at 5%.)
- The cases never have both arms all successes or all failures.`,
  functionName: 'abZ',
  signature: 'abZ(successesA: number, trialsA: number, successesB: number, trialsB: number): number',
  starter: `export function abZ(successesA: number, trialsA: number, successesB: number, trialsB: number): number {
  throw new Error('not implemented');
}
`,
  solution: `export function abZ(successesA: number, trialsA: number, successesB: number, trialsB: number): number {
  const pA = successesA / trialsA, pB = successesB / trialsB;
  const pooled = (successesA + successesB) / (trialsA + trialsB);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / trialsA + 1 / trialsB));
  return (pB - pA) / se;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-9, rel: 1e-9 },
  hints: ['Pool the counts for the standard error: p = (xA + xB) / (nA + nB), se = sqrt(p (1 - p) (1/nA + 1/nB)); z = (pB - pA) / se.'],
  mistakes: [
    mistakeFrom<Args, number>('unpooled-se', 'The test statistic uses the pooled standard error (under H0 both arms share one rate); the unpooled one belongs to the confidence interval.',
      (xA, nA, xB, nB) => { const a = xA / nA, b = xB / nB; return (b - a) / Math.sqrt((a * (1 - a)) / nA + (b * (1 - b)) / nB); }),
    mistakeFrom<Args, number>('average-of-rates', 'Pool the counts, p = (xA + xB) / (nA + nB); the plain average of the two rates is wrong when the arms differ in size.',
      (xA, nA, xB, nB) => { const a = xA / nA, b = xB / nB, p = (a + b) / 2; return (b - a) / Math.sqrt(p * (1 - p) * (1 / nA + 1 / nB)); }),
    mistakeFrom<Args, number>('sign', 'z is positive when B (the treatment) converts better: use pB - pA in the numerator.',
      (xA, nA, xB, nB) => { const a = xA / nA, b = xB / nB, p = (xA + xB) / (nA + nB); return (a - b) / Math.sqrt(p * (1 - p) * (1 / nA + 1 / nB)); }),
  ],
  mutants: [
    { name: 'unpooled standard error', edits: [['const se = Math.sqrt(pooled * (1 - pooled) * (1 / trialsA + 1 / trialsB));', 'const se = Math.sqrt((pA * (1 - pA)) / trialsA + (pB * (1 - pB)) / trialsB);']], mistake: 'unpooled-se' },
    { name: 'pooled rate as the mean of the rates', edits: [['const pooled = (successesA + successesB) / (trialsA + trialsB);', 'const pooled = (pA + pB) / 2;']], mistake: 'average-of-rates' },
    { name: 'A minus B', edits: [['return (pB - pA) / se;', 'return (pA - pB) / se;']], mistake: 'sign' },
  ],
  links: {
    lessons: [{ lesson: '10-mlops', cell: 'ab-md' }, { lesson: '12-key-formulas', cell: 'two-proportion-z-test' }],
    questions: ['metrics-ab-test', 'mlops-shadow-canary-ab'],
  },
});
