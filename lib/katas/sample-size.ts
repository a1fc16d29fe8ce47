// Kata: users per arm for a two-proportion A/B test (reference: lib/stats/ab-test.ts sampleSizePerArm).
import { sampleSizePerArm } from '../stats/ab-test';
import { normalCdf, normalSf } from '../stats/normal';
import { rngFrom } from '../core/random';
import { defineKata, type KataCase } from './types';

type Args = [pA: number, pB: number, zAlpha: number, zPower: number];

/** lib's sampleSizePerArm takes alpha and power; z_{1-alpha/2} and z_power map back to them through the normal CDF. */
function reference(...[pA, pB, zAlpha, zPower]: Args): number {
  return sampleSizePerArm(pA, pB, { alpha: 2 * normalSf(zAlpha), power: normalCdf(zPower) });
}

const exact = ([pA, pB, zA, zB]: Args, variance: number, z2: number) => (z2 * variance) / (pB - pA) ** 2;
const z2Of = ([, , zA, zB]: Args) => (zA + zB) ** 2;
const varOf = ([pA, pB]: Args) => pA * (1 - pA) + pB * (1 - pB);

export default defineKata<Args, number>({
  id: 'sample-size',
  title: 'Sample size per arm for a conversion-rate A/B test',
  section: 'experimentation',
  difficulty: 'easy',
  statement: `Write \`sampleSize(pA, pB, zAlpha, zPower)\`: the users needed **in each arm** to detect a change of a conversion
rate from \`pA\` to \`pB\` (both in (0, 1), \`pA !== pB\`, \`pB\` may be below \`pA\`) with a two-sided test, given the normal
quantiles \`zAlpha\` $= z_{1-\\alpha/2}$ (1.959964 for $\\alpha = 0.05$) and \`zPower\` $= z_{1-\\beta}$ (0.841621 for 80% power):

$$n = \\frac{(z_{1-\\alpha/2} + z_{1-\\beta})^2\\,\\big(p_A(1-p_A) + p_B(1-p_B)\\big)}{(p_B - p_A)^2},$$

**rounded up** to a whole user. Return an integer; it must equal the expected one exactly.`,
  functionName: 'sampleSize',
  signature: 'sampleSize(pA: number, pB: number, zAlpha: number, zPower: number): number',
  starter: `export function sampleSize(pA: number, pB: number, zAlpha: number, zPower: number): number {
  throw new Error('not implemented');
}
`,
  solution: `export function sampleSize(pA: number, pB: number, zAlpha: number, zPower: number): number {
  const z = zAlpha + zPower;
  return Math.ceil((z * z * (pA * (1 - pA) + pB * (1 - pB))) / (pB - pA) ** 2);
}
`,
  examples: [
    { name: "the lesson's 10% → 12%, α = 0.05, power 0.8", kind: 'example', args: [0.1, 0.12, 1.959963984540054, 0.8416212335729143] },
    { name: '10% → 11%: half the effect', kind: 'example', args: [0.1, 0.11, 1.959963984540054, 0.8416212335729143] },
  ],
  hiddenCases() {
    const rng = rngFrom(2324);
    const cases: KataCase<Args>[] = [
      { name: 'a drop: 30% → 25%', kind: 'edge', args: [0.3, 0.25, 1.959963984540054, 0.8416212335729143] },
      { name: 'power 0.9, α = 0.01', kind: 'edge', args: [0.5, 0.55, 2.5758293035489004, 1.2815515655446004] },
      { name: 'a huge effect: 10% → 60%', kind: 'edge', args: [0.1, 0.6, 1.959963984540054, 0.8416212335729143] },
      { name: 'power 0.5 (zPower = 0)', kind: 'edge', args: [0.2, 0.22, 1.959963984540054, 0] },
    ];
    for (let t = 0; t < 6; t++) {
      const pA = 0.02 + 0.6 * rng.random(), pB = pA * (1 + (rng.random() < 0.5 ? -1 : 1) * (0.03 + 0.3 * rng.random()));
      cases.push({ name: `random ${t + 1}`, kind: 'random', args: [Math.round(pA * 1e4) / 1e4, Math.round(pB * 1e4) / 1e4, [1.959963984540054, 1.6448536269514722, 2.5758293035489004][rng.int(3)], [0.8416212335729143, 1.2815515655446004, 0.5244005127080407][rng.int(3)]] });
    }
    cases.push({ name: 'large: a 0.1% base rate, 2% relative lift', kind: 'large', args: [0.001, 0.00102, 1.959963984540054, 0.8416212335729143] });
    return cases;
  },
  reference,
  tolerance: { abs: 0, rel: 0 },
  hints: ['Add the two z values, square the sum, multiply by the sum of the two Bernoulli variances p(1 − p), divide by the squared difference, and round UP with Math.ceil.'],
  mistakes: [
    {
      id: 'rounding',
      hint: 'round up (Math.ceil): rounding down or to nearest leaves the test below the power you asked for',
      detect: ({ args, received }) => typeof received === 'number' && received !== Math.ceil(exact(args, varOf(args), z2Of(args))) && Math.abs(received - exact(args, varOf(args), z2Of(args))) < 1,
    },
    {
      id: 'square-of-sum',
      hint: 'square the SUM of the quantiles, (z_{1−α/2} + z_{1−β})², not the sum of their squares',
      detect: ({ args, received }) => received === Math.ceil(exact(args, varOf(args), args[2] ** 2 + args[3] ** 2)),
    },
    {
      id: 'one-variance',
      hint: 'the variance term has both arms: p_A(1 − p_A) + p_B(1 − p_B)',
      detect: ({ args, received }) => received === Math.ceil(exact(args, args[0] * (1 - args[0]), z2Of(args))),
    },
  ],
  mutants: [
    { name: 'rounded to nearest', edits: [['return Math.ceil(', 'return Math.round(']], mistake: 'rounding' },
    { name: 'sum of squares', edits: [['const z = zAlpha + zPower;', 'const z = Math.sqrt(zAlpha * zAlpha + zPower * zPower);']], mistake: 'square-of-sum' },
    { name: 'one arm\'s variance', edits: [['(pA * (1 - pA) + pB * (1 - pB))', '(pA * (1 - pA))']], mistake: 'one-variance' },
  ],
  links: {
    lessons: [{ lesson: '23-experimentation', cell: 'power-md' }, { lesson: '12-key-formulas', cell: 'ab-sample-size' }],
    questions: ['experimentation-sample-size', 'experimentation-effect-halving'],
  },
});
