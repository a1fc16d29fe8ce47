// Kata: mean softmax cross-entropy over a batch of logits, and its gradient with respect to the logits.
import { rngFrom } from '../core/random';
import { softmaxCrossEntropy } from '../nn/losses';
import { closeTo, hasNonFinite, maxAbs, randomMatrix } from './case-helpers';
import { defineKata, type KataCase } from './types';

type Args = [logits: number[][], labels: number[]];
type Result = { loss: number; grad: number[][] };

function reference(logits: number[][], labels: number[]): Result {
  const K = logits[0].length;
  const r = softmaxCrossEntropy(logits, labels);
  return { loss: r.loss, grad: logits.map((_, i) => Array.from(r.grad.subarray(i * K, i * K + K))) };
}

function scaled(r: Result, lossFactor: number, gradFactor: number): Result {
  return { loss: r.loss * lossFactor, grad: r.grad.map((row) => row.map((g) => g * gradFactor)) };
}

function randomCase(rng: ReturnType<typeof rngFrom>, n: number, K: number, scale: number): Args {
  return [randomMatrix(rng, n, K, scale), Array.from({ length: n }, () => rng.int(K))];
}

export default defineKata<Args, Result>({
  id: 'cross-entropy-grad',
  title: 'Softmax cross-entropy and its gradient',
  section: 'neural-networks',
  difficulty: 'medium',
  statement: `Write \`crossEntropyGrad(logits, labels)\`: the mean softmax cross-entropy of a batch and its gradient
with respect to the logits. Row $i$ of \`logits\` holds the $K$ scores $z_i$; \`labels[i]\` is the true class $y_i \\in \\{0, \\dots, K-1\\}$.

$$L = \\frac{1}{n} \\sum_{i=1}^{n} \\Big( \\log \\sum_{k} e^{z_{ik}} - z_{i y_i} \\Big), \\qquad
\\frac{\\partial L}{\\partial z_{ik}} = \\frac{p_{ik} - [k = y_i]}{n}, \\quad p_i = \\operatorname{softmax}(z_i).$$

- Return \`{ loss, grad }\`, \`grad\` of the same shape as \`logits\` (n rows of K); do not change the arguments.
- The loss is the **mean** over rows, so the gradient carries the factor $1/n$.
- It must be stable for logits near $\\pm 1000$: use the log-sum-exp trick ($\\log\\sum_k e^{z_k} = m + \\log\\sum_k e^{z_k - m}$, $m = \\max_k z_k$).
- Tolerance: $10^{-10}$ absolute plus $10^{-8}$ relative.`,
  functionName: 'crossEntropyGrad',
  signature: 'crossEntropyGrad(logits: number[][], labels: number[]): { loss: number; grad: number[][] }',
  starter: `export function crossEntropyGrad(logits: number[][], labels: number[]): { loss: number; grad: number[][] } {
  throw new Error('not implemented');
}
`,
  solution: `export function crossEntropyGrad(logits: number[][], labels: number[]): { loss: number; grad: number[][] } {
  const n = logits.length;
  let loss = 0;
  const grad: number[][] = [];
  for (let i = 0; i < n; i++) {
    const z = logits[i];
    const m = Math.max(...z);
    let s = 0;
    for (const v of z) s += Math.exp(v - m);
    const lse = m + Math.log(s);
    loss += lse - z[labels[i]];
    grad.push(z.map((v, k) => (Math.exp(v - lse) - (k === labels[i] ? 1 : 0)) / n));
  }
  return { loss: loss / n, grad };
}
`,
  examples: [
    { name: 'one row, three classes', kind: 'example', args: [[[1, 2, 3]], [2]] },
    { name: 'two rows', kind: 'example', args: [[[0, 0], [2, -1]], [0, 1]] },
  ],
  hiddenCases() {
    const rng = rngFrom(1601);
    const cases: KataCase<Args>[] = [
      { name: 'one class only', kind: 'edge', args: [[[3], [-2]], [0, 0]] },
      { name: 'perfect confident row', kind: 'edge', args: [[[30, -30]], [0]] },
      { name: 'equal logits, four rows', kind: 'edge', args: [[[1, 1, 1], [1, 1, 1], [0, 0, 0], [5, 5, 5]], [0, 1, 2, 0]] },
      { name: 'logits near 1000', kind: 'large', args: [[[1000, 1001, 999], [-1000, -998, -1001]], [1, 0]] },
    ];
    for (let t = 0; t < 6; t++) {
      const n = 1 + rng.int(8), K = 2 + rng.int(5);
      cases.push({ name: `random ${t + 1} (${n} x ${K})`, kind: 'random', args: randomCase(rng, n, K, 2) });
    }
    cases.push({ name: 'random large logits (50 x 10)', kind: 'large', args: randomCase(rng, 50, 10, 400) });
    return cases;
  },
  reference,
  tolerance: { abs: 1e-10, rel: 1e-8 },
  hints: [
    'Per row: p = softmax(z) computed stably, loss term = logsumexp(z) - z[y]; the gradient row is (p - onehot(y)) / n.',
  ],
  mistakes: [
    {
      id: 'overflow',
      hint: 'NaN or Infinity for large logits: compute log-sum-exp as m + log(sum e^(z - m)) with m the row maximum',
      detect: ({ args: [logits], received }) => hasNonFinite(received) && maxAbs(logits) > 700,
    },
    {
      id: 'grad-not-averaged',
      hint: 'the gradient is n times too large: the loss is a mean over rows, so divide the gradient by n too',
      detect: ({ args: [logits], expected, received, tolerance }) => logits.length > 1
        && closeTo(scaled(expected, 1, logits.length).grad, (received as Result).grad, tolerance),
    },
    {
      id: 'loss-not-averaged',
      hint: 'the loss is the sum over rows: return the mean (divide by n)',
      detect: ({ args: [logits], expected, received, tolerance }) => logits.length > 1
        && closeTo(expected.loss * logits.length, (received as Result).loss, tolerance),
    },
    {
      id: 'grad-sign',
      hint: 'the gradient has the wrong sign: dL/dz = p - onehot(y) (probabilities minus the one-hot label)',
      detect: ({ expected, received, tolerance }) => closeTo(scaled(expected, 1, -1).grad, (received as Result).grad, tolerance),
    },
  ],
  mutants: [
    { name: 'gradient without 1/n', edits: [['(k === labels[i] ? 1 : 0)) / n));', '(k === labels[i] ? 1 : 0))));']], mistake: 'grad-not-averaged' },
    { name: 'summed loss', edits: [['return { loss: loss / n, grad };', 'return { loss, grad };']], mistake: 'loss-not-averaged' },
    { name: 'no max subtraction', edits: [['const m = Math.max(...z);', 'const m = 0;']], mistake: 'overflow' },
    { name: 'gradient sign flipped', edits: [['(Math.exp(v - lse) - (k === labels[i] ? 1 : 0))', '((k === labels[i] ? 1 : 0) - Math.exp(v - lse))']], mistake: 'grad-sign' },
  ],
  links: {
    lessons: [{ lesson: '04-neural-network-essentials', cell: 'losses-md' }, { lesson: '12-key-formulas', cell: 'softmax-ce-gradient' }],
    questions: ['neural-networks-softmax-ce-gradient', 'neural-networks-softmax-cross-entropy-output', 'probability-and-formulas-log-sum-exp'],
  },
});
