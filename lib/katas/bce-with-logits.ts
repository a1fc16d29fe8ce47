// Kata: binary cross-entropy on logits and its gradient, stable for large logits (reference: lib/nn/losses.ts binaryCrossEntropyWithLogits).
import { Rng } from '../core/random';
import { binaryCrossEntropyWithLogits } from '../nn/losses';
import { integers, mistakeFrom, normals } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [logits: number[], targets: number[]];
type Result = { loss: number; grad: number[] };

function reference(...[logits, targets]: Args): Result {
  const r = binaryCrossEntropyWithLogits(logits, targets);
  return { loss: r.loss, grad: Array.from(r.grad) };
}

const sig = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
const softplus = (z: number) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

const examples: KataCase<Args>[] = [
  { name: 'three logits', kind: 'example', args: [[0, 2, -1], [1, 1, 0]] },
  { name: 'one confident mistake', kind: 'example', args: [[3, -3], [0, 1]] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1612);
  const cases: KataCase<Args>[] = [
    { name: 'logit 0: loss ln 2', kind: 'edge', args: [[0], [1]] },
    { name: 'soft targets', kind: 'edge', args: [[1, -2, 0.5], [0.3, 0.9, 0.5]] },
    { name: 'all targets 0', kind: 'edge', args: [[-1, 1, 2], [0, 0, 0]] },
  ];
  for (let r = 0; r < 5; r++) {
    const n = 2 + rng.int(15);
    cases.push({ name: `random ${r + 1}`, kind: 'random', args: [normals(rng, n, 3), integers(rng, n, 2)] });
  }
  cases.push({ name: 'logits of +-800 (naive log(sigmoid) gives Infinity)', kind: 'large', args: [[800, -800, 800, -800], [1, 0, 0, 1]] });
  cases.push({ name: 'logits near 40 (1 - sigmoid rounds to 0)', kind: 'large', args: [[40, 45, -38], [0, 1, 1]] });
  return cases;
}

export default defineKata<Args, Result>({
  id: 'bce-with-logits',
  title: 'Binary cross-entropy on logits',
  section: 'neural-networks',
  difficulty: 'medium',
  statement: `For logits $z_i$ and targets $y_i \\in [0, 1]$ (usually 0 or 1), with $p_i = \\sigma(z_i)$, return the mean
binary cross-entropy and its gradient with respect to the logits:

$$L = \\frac1N \\sum_i -\\big[y_i \\log p_i + (1 - y_i) \\log(1 - p_i)\\big] = \\frac1N \\sum_i \\big[\\log(1 + e^{z_i}) - y_i z_i\\big],
\\qquad \\frac{\\partial L}{\\partial z_i} = \\frac{\\sigma(z_i) - y_i}{N}.$$

It must be exact for logits as large as $\\pm 800$, where $\\sigma(z)$ rounds to exactly 0 or 1 and $\\log$ of it is
$-\\infty$: compute $\\log(1 + e^{z})$ (softplus) stably as $\\max(z, 0) + \\log(1 + e^{-|z|})$ (\`Math.log1p\`), never
\`Math.log(sigmoid(z))\`. Tolerance $10^{-12}$ absolute plus $10^{-9}$ relative.`,
  functionName: 'bceWithLogits',
  signature: 'bceWithLogits(logits: number[], targets: number[]): { loss: number; grad: number[] }',
  starter: `export function bceWithLogits(logits: number[], targets: number[]): { loss: number; grad: number[] } {
  throw new Error('not implemented');
}
`,
  solution: `export function bceWithLogits(logits: number[], targets: number[]): { loss: number; grad: number[] } {
  const N = logits.length;
  let loss = 0;
  const grad = logits.map((z, i) => {
    const softplus = Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    loss += softplus - targets[i] * z;
    const p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    return (p - targets[i]) / N;
  });
  return { loss: loss / N, grad };
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-12, rel: 1e-9 },
  hints: ['Use loss_i = softplus(z_i) - y_i z_i with softplus(z) = max(z, 0) + log1p(exp(-|z|)); the gradient is (sigmoid(z) - y) / N.'],
  mistakes: [
    {
      id: 'naive-log',
      hint: 'log(sigmoid(z)) overflows for large |z| (sigmoid rounds to 0 or 1, log gives -Infinity): use loss = softplus(z) - y z with a stable softplus.',
      detect: (ctx) => {
        const r = ctx.received as Partial<Result> | null;
        return r !== null && typeof r === 'object' && typeof r.loss === 'number' && !Number.isFinite(r.loss) && ctx.args[0].some((z) => Math.abs(z) > 36);
      },
    },
    mistakeFrom<Args, Result>('sum-not-mean', 'The loss and the gradient are means over the N logits: divide both by N.',
      (z, y) => ({ loss: z.reduce((s, v, i) => s + softplus(v) - y[i] * v, 0), grad: z.map((v, i) => sig(v) - y[i]) })),
    mistakeFrom<Args, Result>('gradient-sign', 'The gradient of the loss is (sigmoid(z) - y) / N; (y - sigmoid(z)) / N is the ascent direction.',
      (z, y) => ({ loss: mean(z.map((v, i) => softplus(v) - y[i] * v)), grad: z.map((v, i) => (y[i] - sig(v)) / z.length) })),
  ],
  mutants: [
    { name: 'naive log of sigmoid', edits: [['loss += softplus - targets[i] * z;', 'loss += -(targets[i] * Math.log(1 / (1 + Math.exp(-z))) + (1 - targets[i]) * Math.log(1 - 1 / (1 + Math.exp(-z))));']], mistake: 'naive-log' },
    { name: 'gradient not divided by N', edits: [['return (p - targets[i]) / N;', 'return p - targets[i];']] },
    { name: 'gradient sign flipped', edits: [['return (p - targets[i]) / N;', 'return (targets[i] - p) / N;']], mistake: 'gradient-sign' },
  ],
  links: {
    lessons: [{ lesson: '12-key-formulas', cell: 'binary-cross-entropy' }, { lesson: '04-neural-network-essentials', cell: 'losses-md' }],
    questions: ['algorithms-stable-sigmoid-log-loss', 'neural-networks-softmax-cross-entropy-output', 'neural-networks-sigmoid-derivative'],
  },
});
