// Kata: the KL divergence between two discrete distributions (reference: lib/formulas/information.ts klDivergence).
import { Rng } from '../core/random';
import { klDivergence as libKlDivergence } from '../formulas/information';
import { mistakeFrom, simplex } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [p: number[], q: number[]];

function reference(...[p, q]: Args): number {
  return libKlDivergence(p, q);
}

const kl = (p: number[], q: number[], log: (x: number) => number) => p.reduce((s, pi, i) => (pi > 0 ? s + pi * log(pi / q[i]) : s), 0);

const examples: KataCase<Args>[] = [
  { name: 'two coins', kind: 'example', args: [[0.5, 0.5], [0.9, 0.1]] },
  { name: 'three outcomes', kind: 'example', args: [[0.2, 0.5, 0.3], [0.1, 0.6, 0.3]] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1630);
  const cases: KataCase<Args>[] = [
    { name: 'equal distributions: 0', kind: 'edge', args: [[0.1, 0.2, 0.7], [0.1, 0.2, 0.7]] },
    { name: 'p has a zero where q does not', kind: 'edge', args: [[0, 0.5, 0.5], [0.2, 0.4, 0.4]] },
    { name: 'q has a zero where p does not: Infinity', kind: 'edge', args: [[0.5, 0.5], [1, 0]] },
    { name: 'asymmetry: KL(q || p) differs', kind: 'edge', args: [[0.9, 0.1], [0.5, 0.5]] },
  ];
  for (let r = 0; r < 5; r++) {
    const K = 2 + rng.int(8);
    cases.push({ name: `random ${r + 1}`, kind: 'random', args: [simplex(rng, K), simplex(rng, K)] });
  }
  const p = simplex(rng, 5000);
  cases.push({ name: '5000 outcomes with tiny probabilities', kind: 'large', args: [p, p.map((_, i) => p[(i + 1) % p.length])] });
  return cases;
}

export default defineKata<Args, number>({
  id: 'kl-divergence',
  title: 'KL divergence',
  section: 'probability-and-formulas',
  difficulty: 'easy',
  statement: `Return the Kullback-Leibler divergence of $q$ from $p$ (two probability vectors of the same length), in
**nats**:

$$KL(p \\,\\|\\, q) = \\sum_i p_i \\ln \\frac{p_i}{q_i} \\;\\ge 0 .$$

- Terms with $p_i = 0$ count 0 (even where $q_i = 0$).
- If $q_i = 0$ where $p_i > 0$ the divergence is \`Infinity\` ($q$ says impossible what $p$ says happens).
- It is not symmetric: $KL(p\\|q) \\ne KL(q\\|p)$ in general; here $p$ is the first argument.

Cross-entropy is $H(p, q) = H(p) + KL(p \\| q)$, so minimising it over $q$ minimises the KL divergence.`,
  functionName: 'klDivergence',
  signature: 'klDivergence(p: number[], q: number[]): number',
  starter: `export function klDivergence(p: number[], q: number[]): number {
  throw new Error('not implemented');
}
`,
  solution: `export function klDivergence(p: number[], q: number[]): number {
  let kl = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === 0) continue;
    kl += p[i] * Math.log(p[i] / q[i]);
  }
  return Math.max(0, kl);
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-12, rel: 1e-9 },
  hints: ['Sum p_i ln(p_i / q_i) over the outcomes with p_i > 0; a q_i of 0 there makes the term (and the result) Infinity.'],
  mistakes: [
    mistakeFrom<Args, number>('reversed', 'KL(p || q) weights the log-ratio by p: Σ p_i ln(p_i / q_i). You computed KL(q || p).',
      (p, q) => kl(q, p, Math.log)),
    {
      id: 'zero-p-nan',
      hint: 'Skip the outcomes with p_i = 0: their term is 0, but 0 · ln(0 / q) evaluates to NaN (0 · -Infinity).',
      detect: (ctx) => typeof ctx.received === 'number' && Number.isNaN(ctx.received) && ctx.args[0].includes(0),
    },
    mistakeFrom<Args, number>('log2', 'The answer is in nats: use the natural logarithm, not log2 (bits).',
      (p, q) => kl(p, q, Math.log2)),
  ],
  mutants: [
    { name: 'arguments swapped', edits: [['kl += p[i] * Math.log(p[i] / q[i]);', 'kl += q[i] * Math.log(q[i] / p[i]);'], ['if (p[i] === 0) continue;', 'if (q[i] === 0) continue;']], mistake: 'reversed' },
    { name: 'zero p not skipped', edits: [['if (p[i] === 0) continue;', '']], mistake: 'zero-p-nan' },
  ],
  links: {
    lessons: [{ lesson: '12-key-formulas', cell: 'kl-divergence' }, { lesson: '12-key-formulas', cell: 'cross-entropy-decomposition' }],
    questions: ['probability-and-formulas-kl-divergence', 'probability-and-formulas-cross-entropy-entropy-kl'],
  },
});
