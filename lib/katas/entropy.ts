// Kata: Shannon entropy in bits of a node's class counts (reference: lib/classic/decision-tree.ts entropy).
import { Rng } from '../core/random';
import { entropy as libEntropy } from '../classic/decision-tree';
import { integers, mistakeFrom } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [counts: number[]];

function reference(...[counts]: Args): number {
  return libEntropy(counts, 2);
}

const total = (v: number[]) => v.reduce((a, b) => a + b, 0);

const examples: KataCase<Args>[] = [
  { name: 'a fair coin', kind: 'example', args: [[5, 5]] },
  { name: 'three classes', kind: 'example', args: [[1, 2, 1]] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1629);
  const cases: KataCase<Args>[] = [
    { name: 'a pure node: 0', kind: 'edge', args: [[0, 7, 0]] },
    { name: 'a class with count 0', kind: 'edge', args: [[3, 0, 1]] },
    { name: 'eight equal classes: 3 bits', kind: 'edge', args: [[2, 2, 2, 2, 2, 2, 2, 2]] },
    { name: 'one class', kind: 'edge', args: [[4]] },
    { name: 'fractional weights', kind: 'edge', args: [[0.25, 0.5, 0.25]] },
  ];
  for (let r = 0; r < 5; r++) cases.push({ name: `random ${r + 1}`, kind: 'random', args: [integers(rng, 2 + rng.int(8), 20)] });
  cases.push({ name: 'counts near 1e12', kind: 'large', args: [[1e12, 3e12, 2.5e12, 1]] });
  return cases;
}

export default defineKata<Args, number>({
  id: 'entropy',
  title: 'Entropy of a class distribution',
  section: 'probability-and-formulas',
  difficulty: 'easy',
  statement: `Given the class counts of a node (non-negative, with a positive total), return the Shannon entropy of the
class distribution **in bits**:

$$H = -\\sum_k p_k \\log_2 p_k, \\qquad p_k = \\frac{n_k}{\\sum_j n_j}, \\qquad 0 \\log 0 = 0 .$$

It is 0 for a pure node and $\\log_2 K$ for $K$ equally frequent classes. A class with count 0 contributes nothing
(its term is the limit $0$, not \`NaN\`). Counts may be fractional (sample weights).`,
  functionName: 'entropy',
  signature: 'entropy(counts: number[]): number',
  starter: `export function entropy(counts: number[]): number {
  throw new Error('not implemented');
}
`,
  solution: `export function entropy(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  let h = 0;
  for (const n of counts) {
    if (n === 0) continue;
    const p = n / total;
    h -= p * Math.log2(p);
  }
  return h;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-12, rel: 1e-9 },
  hints: ['Turn the counts into proportions, skip zero counts, and sum -p log2 p.'],
  mistakes: [
    mistakeFrom<Args, number>('natural-log', 'The entropy here is in bits: use log2 (or divide ln by ln 2).',
      (c) => -c.filter((n) => n > 0).reduce((s, n) => s + (n / total(c)) * Math.log(n / total(c)), 0)),
    {
      id: 'zero-count-nan',
      hint: '0 · log 0 is NaN in floating point: skip classes with count 0 (their term is 0).',
      detect: (ctx) => typeof ctx.received === 'number' && Number.isNaN(ctx.received) && ctx.args[0].includes(0),
    },
    mistakeFrom<Args, number>('counts-not-normalised', 'Divide the counts by their total first: entropy is a function of the proportions p_k.',
      (c) => -c.filter((n) => n > 0).reduce((s, n) => s + n * Math.log2(n), 0)),
  ],
  mutants: [
    { name: 'natural logarithm', edits: [['h -= p * Math.log2(p);', 'h -= p * Math.log(p);']], mistake: 'natural-log' },
    { name: 'zero counts not skipped', edits: [['if (n === 0) continue;', '']], mistake: 'zero-count-nan' },
  ],
  links: {
    lessons: [{ lesson: '12-key-formulas', cell: 'entropy' }],
    questions: ['probability-and-formulas-entropy', 'probability-and-formulas-gini-vs-entropy'],
  },
});
