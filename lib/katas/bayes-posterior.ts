// Kata: Bayes' rule over a finite set of hypotheses (reference: lib/formulas/probability.ts bayesPosterior).
import { Rng } from '../core/random';
import { bayesPosterior as libBayesPosterior } from '../formulas/probability';
import { mistakeFrom, simplex, uniforms } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [prior: number[], likelihood: number[]];

function reference(...[prior, likelihood]: Args): number[] {
  return Array.from(libBayesPosterior(prior, likelihood).posterior);
}

const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);

const examples: KataCase<Args>[] = [
  { name: 'a rare disease and a positive test', kind: 'example', args: [[0.01, 0.99], [0.95, 0.05]] },
  { name: 'three hypotheses', kind: 'example', args: [[0.5, 0.3, 0.2], [0.1, 0.4, 0.4]] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1631);
  const cases: KataCase<Args>[] = [
    { name: 'flat likelihood: posterior = prior', kind: 'edge', args: [[0.2, 0.3, 0.5], [0.4, 0.4, 0.4]] },
    { name: 'a hypothesis with prior 0 stays at 0', kind: 'edge', args: [[0, 0.5, 0.5], [0.9, 0.2, 0.6]] },
    { name: 'data impossible under one hypothesis', kind: 'edge', args: [[0.5, 0.5], [0, 0.3]] },
    { name: 'a certain prior', kind: 'edge', args: [[1, 0], [0.01, 0.99]] },
  ];
  for (let r = 0; r < 5; r++) {
    const H = 2 + rng.int(8);
    cases.push({ name: `random ${r + 1}`, kind: 'random', args: [simplex(rng, H), uniforms(rng, H, 0.001, 1, 4)] });
  }
  cases.push({ name: 'likelihoods near 1e-300 (products of many observations)', kind: 'large', args: [[0.3, 0.7], [3e-300, 1e-300]] });
  return cases;
}

export default defineKata<Args, number[]>({
  id: 'bayes-posterior',
  title: "Bayes' rule",
  section: 'probability-and-formulas',
  difficulty: 'easy',
  statement: `A finite set of hypotheses $h$ with prior probabilities $P(h)$ (summing to 1) and the likelihood
$P(d \\mid h) \\ge 0$ of the observed data under each (these need **not** sum to 1). Return the posterior

$$P(h \\mid d) = \\frac{P(d \\mid h)\\, P(h)}{P(d)}, \\qquad P(d) = \\sum_{h'} P(d \\mid h')\\, P(h')$$

(the evidence, by the law of total probability). The evidence is positive in every case. Likelihoods may be as small
as $10^{-300}$ (products over many observations): the posterior must still come out right.`,
  functionName: 'bayesPosterior',
  signature: 'bayesPosterior(prior: number[], likelihood: number[]): number[]',
  starter: `export function bayesPosterior(prior: number[], likelihood: number[]): number[] {
  throw new Error('not implemented');
}
`,
  solution: `export function bayesPosterior(prior: number[], likelihood: number[]): number[] {
  const joint = prior.map((p, h) => p * likelihood[h]);
  const evidence = joint.reduce((a, b) => a + b, 0);
  return joint.map((j) => j / evidence);
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-12, rel: 1e-9 },
  hints: ['Multiply each prior by its likelihood, then divide every product by their sum (the evidence).'],
  mistakes: [
    mistakeFrom<Args, number[]>('not-normalised', 'Divide by the evidence P(d) = Σ P(d | h) P(h): the products alone do not sum to 1.',
      (p, l) => p.map((x, h) => x * l[h])),
    mistakeFrom<Args, number[]>('likelihood-only', 'Weight each likelihood by its prior: normalising the likelihoods alone ignores the base rate.',
      (_p, l) => l.map((x) => x / sum(l))),
    mistakeFrom<Args, number[]>('divide-by-likelihood-sum', 'The denominator is the evidence Σ P(d | h) P(h), not the sum of the likelihoods.',
      (p, l) => p.map((x, h) => (x * l[h]) / sum(l))),
  ],
  mutants: [
    { name: 'no normalisation', edits: [['return joint.map((j) => j / evidence);', 'return joint;']], mistake: 'not-normalised' },
    { name: 'prior ignored', edits: [['const joint = prior.map((p, h) => p * likelihood[h]);', 'const joint = likelihood.slice();']], mistake: 'likelihood-only' },
  ],
  links: {
    lessons: [{ lesson: '12-key-formulas', cell: 'bayes-rule' }],
    questions: ['probability-and-formulas-bayes-rule-base-rate', 'probability-and-formulas-naive-bayes-assumption'],
  },
});
