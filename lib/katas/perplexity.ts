// Kata: perplexity from the probabilities a language model gave the actual next tokens (reference: lib/metrics/probabilistic.ts perplexity).
import { Rng } from '../core/random';
import { perplexity as libPerplexity } from '../metrics/probabilistic';
import { mistakeFrom, uniforms } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [probs: number[]];

function reference(...[probs]: Args): number {
  // Each token as a two-class row [p, 1 - p] with label 0: categorical log-loss is then -mean ln p.
  return libPerplexity(probs.map(() => 0), probs.map((p) => [p, 1 - p]));
}

const meanLn = (p: number[]) => p.reduce((s, v) => s + Math.log(v), 0) / p.length;

const examples: KataCase<Args>[] = [
  { name: 'four tokens, by hand: 2^1.75', kind: 'example', args: [[0.5, 0.25, 0.125, 0.5]] },
  { name: 'a uniform model over 10 tokens', kind: 'example', args: [[0.1, 0.1, 0.1]] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1411);
  const cases: KataCase<Args>[] = [
    { name: 'one token', kind: 'edge', args: [[0.2]] },
    { name: 'a perfect model: 1', kind: 'edge', args: [[1, 1, 1, 1]] },
    { name: 'one very unlikely token dominates', kind: 'edge', args: [[0.9, 0.9, 0.9, 1e-6]] },
  ];
  for (let r = 0; r < 5; r++) cases.push({ name: `random ${r + 1}`, kind: 'random', args: [uniforms(rng, 3 + rng.int(30), 0.01, 1)] });
  cases.push({ name: '10,000 tokens near 1/50,000', kind: 'large', args: [Array.from({ length: 10000 }, (_, i) => 1 / (50000 + (i % 7)))] });
  return cases;
}

export default defineKata<Args, number>({
  id: 'perplexity',
  title: 'Perplexity of a language model',
  section: 'language-models',
  difficulty: 'easy',
  statement: `A language model read a held-out text of $N$ tokens and gave the token that actually came next at each step
the probability $p_t = P(x_t \\mid x_{<t})$. Given the array of the $N$ probabilities (each in $(0, 1]$), return the
**perplexity**

$$\\mathrm{PPL} = \\exp\\Big(-\\frac{1}{N}\\sum_{t=1}^{N} \\ln p_t\\Big) = 2^{H}, \\qquad H = -\\frac1N \\sum_t \\log_2 p_t \\ \\text{(bits per token)}.$$

A model that always gives $1/V$ has perplexity $V$; a perfect model has perplexity 1. Work in log space: the product
of 10,000 small probabilities underflows to 0. Compared with relative tolerance $10^{-9}$.`,
  functionName: 'perplexity',
  signature: 'perplexity(probs: number[]): number',
  starter: `export function perplexity(probs: number[]): number {
  throw new Error('not implemented');
}
`,
  solution: `export function perplexity(probs: number[]): number {
  let nll = 0;
  for (const p of probs) nll -= Math.log(p);
  return Math.exp(nll / probs.length);
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-12, rel: 1e-9 },
  hints: ['Average the negative log-probabilities (the cross-entropy in nats), then exponentiate.'],
  mistakes: [
    mistakeFrom<Args, number>('no-mean', 'Divide the summed negative log-likelihood by N before exponentiating: perplexity is per token.',
      (p) => Math.exp(-meanLn(p) * p.length)),
    mistakeFrom<Args, number>('mixed-bases', 'Bits go with base 2 and nats with base e: exp of a mean in bits (or 2^ of a mean in nats) mixes them.',
      (p) => Math.exp(-meanLn(p) / Math.LN2)),
    mistakeFrom<Args, number>('entropy-not-perplexity', 'Return the exponentiated cross-entropy, not the cross-entropy itself.',
      (p) => -meanLn(p)),
    {
      id: 'product-underflow',
      hint: 'Multiplying thousands of probabilities underflows to 0: sum logarithms instead.',
      detect: (ctx) => typeof ctx.received === 'number' && !Number.isFinite(ctx.received) && ctx.args[0].length > 100,
    },
  ],
  mutants: [
    { name: 'no mean', edits: [['Math.exp(nll / probs.length)', 'Math.exp(nll)']], mistake: 'no-mean' },
    { name: 'nats exponentiated as bits', edits: [['Math.exp(nll / probs.length)', 'Math.exp(nll / probs.length / Math.LN2)']], mistake: 'mixed-bases' },
    { name: 'returns the cross-entropy', edits: [['Math.exp(nll / probs.length)', 'nll / probs.length']], mistake: 'entropy-not-perplexity' },
  ],
  links: {
    lessons: [{ lesson: '14-language-modelling', cell: 'ngram-md' }, { lesson: '12-key-formulas', cell: 'lm-perplexity' }],
    questions: ['language-models-perplexity-definition'],
  },
});
