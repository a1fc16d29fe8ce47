// Kata: the population stability index between two binned distributions (reference: lib/mlops/drift.ts psiFromProportions).
import { Rng } from '../core/random';
import { psiFromProportions } from '../mlops/drift';
import { mistakeFrom, simplex } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [expected: number[], actual: number[]];

function reference(...[expected, actual]: Args): number {
  return psiFromProportions(expected, actual, { eps: 1e-4 }).psi;
}

const floor = (v: number[]) => v.map((x) => Math.max(x, 1e-4));
const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);

const examples: KataCase<Args>[] = [
  { name: 'a small shift', kind: 'example', args: [[0.25, 0.25, 0.25, 0.25], [0.2, 0.25, 0.25, 0.3]] },
  { name: 'a large shift', kind: 'example', args: [[0.5, 0.3, 0.2], [0.2, 0.3, 0.5]] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1626);
  const cases: KataCase<Args>[] = [
    { name: 'identical distributions: 0', kind: 'edge', args: [[0.1, 0.6, 0.3], [0.1, 0.6, 0.3]] },
    { name: 'an empty bin in the current data', kind: 'edge', args: [[0.2, 0.3, 0.5], [0, 0.4, 0.6]] },
    { name: 'an empty bin in the reference', kind: 'edge', args: [[0, 0.5, 0.5], [0.1, 0.45, 0.45]] },
    { name: 'one bin', kind: 'edge', args: [[1], [1]] },
    { name: 'shares below the floor', kind: 'edge', args: [[0.99995, 0.00005], [0.99999, 0.00001]] },
  ];
  for (let r = 0; r < 5; r++) {
    const B = 2 + rng.int(10);
    cases.push({ name: `random ${r + 1}`, kind: 'random', args: [simplex(rng, B), simplex(rng, B)] });
  }
  cases.push({ name: '1000 bins with a few empty ones', kind: 'large', args: [simplex(rng, 1000), simplex(rng, 1000).map((v, i) => (i % 97 === 0 ? 0 : v))].map((v) => { const s = sum(v); return v.map((x) => x / s); }) as Args });
  return cases;
}

export default defineKata<Args, number>({
  id: 'psi',
  title: 'Population stability index',
  section: 'mlops',
  difficulty: 'easy',
  statement: `Monitoring drift: \`expected\` holds the share of the training (reference) data in each bin, \`actual\` the
share of the production data in the same bins (each sums to 1). The population stability index is

$$\\text{PSI} = \\sum_b (a_b - e_b) \\ln \\frac{a_b}{e_b},$$

the symmetrised KL divergence $KL(a \\,\\|\\, e) + KL(e \\,\\|\\, a)$, so every term is $\\ge 0$. An empty bin would
make it infinite: first **floor every share at** $\\varepsilon = 10^{-4}$ (replace $a_b$ by $\\max(a_b, \\varepsilon)$ and
the same for $e_b$; do not renormalise). Rule of thumb: below 0.1 stable, 0.1 to 0.25 a moderate shift, above 0.25 a
major one.`,
  functionName: 'psi',
  signature: 'psi(expected: number[], actual: number[]): number',
  starter: `export function psi(expected: number[], actual: number[]): number {
  throw new Error('not implemented');
}
`,
  solution: `export function psi(expected: number[], actual: number[]): number {
  const eps = 1e-4;
  let total = 0;
  for (let b = 0; b < expected.length; b++) {
    const e = Math.max(expected[b], eps), a = Math.max(actual[b], eps);
    total += (a - e) * Math.log(a / e);
  }
  return total;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-12, rel: 1e-9 },
  hints: ['Floor both shares of a bin at 1e-4, then add (a - e) ln(a / e) over the bins.'],
  mistakes: [
    mistakeFrom<Args, number>('one-sided-kl', 'PSI is symmetric: Σ (a - e) ln(a / e); Σ a ln(a / e) is only KL(a || e).',
      (e, a) => { const E = floor(e), A = floor(a); return sum(A.map((x, b) => x * Math.log(x / E[b]))); }),
    {
      id: 'no-floor',
      hint: 'An empty bin makes ln(a / e) infinite: floor every share at eps = 1e-4 before taking logs.',
      detect: (ctx) => typeof ctx.received === 'number' && !Number.isFinite(ctx.received) && [...ctx.args[0], ...ctx.args[1]].some((x) => x === 0),
    },
    mistakeFrom<Args, number>('log10', 'Use the natural logarithm (Math.log), not log10: the 0.1 / 0.25 rules of thumb assume ln.',
      (e, a) => { const E = floor(e), A = floor(a); return sum(A.map((x, b) => (x - E[b]) * Math.log10(x / E[b]))); }),
  ],
  mutants: [
    { name: 'one-sided KL', edits: [['total += (a - e) * Math.log(a / e);', 'total += a * Math.log(a / e);']], mistake: 'one-sided-kl' },
    { name: 'no floor at eps', edits: [['const e = Math.max(expected[b], eps), a = Math.max(actual[b], eps);', 'const e = expected[b], a = actual[b];']], mistake: 'no-floor' },
  ],
  links: {
    lessons: [{ lesson: '10-mlops', cell: 'drift-md' }, { lesson: '12-key-formulas', cell: 'psi' }],
    questions: ['mlops-detect-drift', 'mlops-why-models-degrade', 'mlops-what-to-monitor'],
  },
});
