// Kata: a numerically stable softmax of one vector of logits.
import { rngFrom } from '../core/random';
import { softmax as softmaxRows } from '../linear/softmax-regression';
import { defineKata, type CaseContext, type KataCase } from './types';

type Args = [z: number[]];

function hasNaN(v: unknown): boolean {
  return Array.isArray(v) && v.some((x) => typeof x === 'number' && Number.isNaN(x));
}

export default defineKata<Args, number[]>({
  id: 'softmax',
  title: 'Softmax, stable for large logits',
  section: 'probability-and-formulas',
  difficulty: 'easy',
  statement: `Write \`softmax(z)\`: turn a vector of logits into probabilities,

$$\\operatorname{softmax}(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}} = \\frac{e^{z_i - m}}{\\sum_j e^{z_j - m}},\\quad m = \\max_j z_j .$$

- Return a new array of the same length; do not change \`z\`.
- It must be stable: logits near $1000$ (or $-1000$) must give the right probabilities, not \`NaN\` or \`0/0\`.
  Subtracting the maximum makes every exponent $\\le 0$ and leaves the result unchanged.
- \`z\` has at least one element, all finite. Tolerance: $10^{-12}$ absolute plus $10^{-9}$ relative.`,
  functionName: 'softmax',
  signature: 'softmax(z: number[]): number[]',
  starter: `export function softmax(z: number[]): number[] {
  throw new Error('not implemented');
}
`,
  solution: `export function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  let s = 0;
  for (const v of e) s += v;
  return e.map((v) => v / s);
}
`,
  examples: [
    { name: 'three logits', kind: 'example', args: [[1, 2, 3]] },
    { name: 'equal logits', kind: 'example', args: [[0, 0]] },
  ],
  hiddenCases() {
    const rng = rngFrom(16);
    const cases: KataCase<Args>[] = [
      { name: 'one logit', kind: 'edge', args: [[5]] },
      { name: 'negative logits', kind: 'edge', args: [[-1, -2, -3, -4]] },
      { name: 'logits near 1000', kind: 'large', args: [[1000, 1001, 1002]] },
      { name: 'logits near -1000', kind: 'large', args: [[-1000, -1000.5, -999]] },
      { name: 'one huge logit', kind: 'large', args: [[800, 0, -800]] },
    ];
    for (let t = 0; t < 6; t++) {
      const n = 1 + rng.int(12);
      cases.push({ name: `random ${t + 1} (n = ${n})`, kind: 'random', args: [Array.from({ length: n }, () => rng.normal(0, 3))] });
    }
    cases.push({ name: 'random large (n = 200)', kind: 'large', args: [Array.from({ length: 200 }, () => rng.uniform(-900, 900))] });
    return cases;
  },
  reference: (z) => Array.from(softmaxRows([z]).data),
  tolerance: { abs: 1e-12, rel: 1e-9 },
  hints: [
    'Compute e^(z_i - max z) for each i, sum them, and divide each by the sum.',
  ],
  mistakes: [
    {
      id: 'overflow',
      hint: 'your softmax overflows for logits near 1000 (e^1000 is Infinity, and Infinity/Infinity is NaN): subtract the maximum logit first',
      detect: ({ args: [z], received }: CaseContext<Args, number[]>) => hasNaN(received) && z.some((v) => Math.abs(v) > 700),
    },
    {
      id: 'not-normalised',
      hint: 'your values do not sum to 1: divide every exponential by their sum',
      detect: ({ received }) => Array.isArray(received) && received.every((x) => typeof x === 'number' && Number.isFinite(x))
        && Math.abs((received as number[]).reduce((a, b) => a + b, 0) - 1) > 1e-6,
    },
  ],
  mutants: [
    { name: 'no max subtraction', edits: [['const m = Math.max(...z);', 'const m = 0;']], mistake: 'overflow' },
    { name: 'forgets to normalise', edits: [['return e.map((v) => v / s);', 'return e;']], mistake: 'not-normalised' },
    { name: 'writes into z', edits: [['const e = z.map((v) => Math.exp(v - m));', 'const e = z; for (let i = 0; i < z.length; i++) z[i] = Math.exp(z[i] - m);']] },
  ],
  links: {
    lessons: [{ lesson: '12-key-formulas', cell: 'softmax-logsumexp' }, { lesson: '13-interview-questions', cell: 'q-softmax-shift' }],
    questions: ['probability-and-formulas-softmax-shift-invariance', 'probability-and-formulas-log-sum-exp'],
  },
});
