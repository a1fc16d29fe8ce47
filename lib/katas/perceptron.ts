// Kata: Rosenblatt's perceptron in a fixed row order (reference: lib/classic/perceptron.ts Perceptron).
import { Rng } from '../core/random';
import { Perceptron } from '../classic/perceptron';
import { mistakeFrom, normalMatrix } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [X: number[][], y: number[], epochs: number];
type Result = { w: number[]; b: number };

function reference(...[X, y, epochs]: Args): Result {
  const p = new Perceptron({ epochs, shuffle: false, learningRate: 1 }).fit(X, y);
  return { w: Array.from(p.weights), b: p.intercept };
}

type Variant = { strict: boolean; zeroOne: boolean; bias: boolean };

function train(X: number[][], y: number[], epochs: number, v: Variant): Result {
  const w = new Array<number>(X[0].length).fill(0);
  let b = 0;
  for (let e = 0; e < epochs; e++) {
    let mistakes = 0;
    X.forEach((x, i) => {
      const t = v.zeroOne ? y[i] : y[i] === 1 ? 1 : -1;
      const s = b + x.reduce((a, xj, j) => a + w[j] * xj, 0);
      const sign = y[i] === 1 ? 1 : -1;
      if (v.strict ? sign * s < 0 : sign * s <= 0) {
        mistakes++;
        x.forEach((xj, j) => { w[j] += t * xj; });
        if (v.bias) b += t;
      }
    });
    if (mistakes === 0) break;
  }
  return { w, b };
}

function separable(rng: Rng, n: number, d: number, scale = 1): [number[][], number[]] {
  const wTrue = Array.from({ length: d }, () => rng.normal());
  const X = normalMatrix(rng, n, d, scale);
  const y = X.map((x) => (x.reduce((s, v, j) => s + v * wTrue[j], 0) + 0.3 * scale > 0 ? 1 : 0));
  return [X, y];
}

const examples: KataCase<Args>[] = [
  { name: 'AND-like data', kind: 'example', args: [[[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1], 20] },
  { name: 'one feature', kind: 'example', args: [[[-2], [-1], [1], [3]], [0, 0, 1, 1], 10] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1635);
  const cases: KataCase<Args>[] = [
    { name: 'XOR never converges: stop after epochs', kind: 'edge', args: [[[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0], 7] },
    { name: 'one epoch', kind: 'edge', args: [[[1, 2], [2, -1], [-1, 0.5]], [1, 0, 0], 1] },
    { name: 'already separated after the first pass', kind: 'edge', args: [[[1], [2]], [1, 1], 50] },
    { name: 'a point on the boundary counts as a mistake', kind: 'edge', args: [[[0, 0], [1, 1]], [0, 1], 10] },
  ];
  for (let r = 0; r < 4; r++) cases.push({ name: `random separable ${r + 1}`, kind: 'random', args: [...separable(rng, 10 + rng.int(30), 1 + rng.int(4)), 100] });
  const [X, y] = separable(rng, 50, 3);
  cases.push({ name: 'noisy labels, 200 epochs', kind: 'random', args: [X, y.map((v) => (rng.random() < 0.1 ? 1 - v : v)), 200] });
  cases.push({ name: 'features near 1e6', kind: 'large', args: [...separable(rng, 30, 2, 1e6), 100] });
  return cases;
}

export default defineKata<Args, Result>({
  id: 'perceptron',
  title: 'The perceptron',
  section: 'algorithms',
  difficulty: 'medium',
  statement: `Train Rosenblatt's perceptron on \`X\` ($n \\times d$) with labels \`y\` in $\\{0, 1\\}$, read as
$t_i = -1$ for 0 and $t_i = +1$ for 1. Start from $w = 0$, $b = 0$ and make passes over the rows **in the given order**
(no shuffling):

$$\\text{if } t_i\\,(w \\cdot x_i + b) \\le 0: \\qquad w \\leftarrow w + t_i\\, x_i, \\qquad b \\leftarrow b + t_i .$$

A score of exactly 0 (on the boundary) counts as a mistake: that is what gets the perceptron off $w = 0$. Stop after a
pass with no mistake, or after \`epochs\` passes. Return the final $w$ and $b$ (learning rate 1).`,
  functionName: 'perceptron',
  signature: 'perceptron(X: number[][], y: number[], epochs: number): { w: number[]; b: number }',
  starter: `export function perceptron(X: number[][], y: number[], epochs: number): { w: number[]; b: number } {
  throw new Error('not implemented');
}
`,
  solution: `export function perceptron(X: number[][], y: number[], epochs: number): { w: number[]; b: number } {
  const w = new Array<number>(X[0].length).fill(0);
  let b = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    let mistakes = 0;
    for (let i = 0; i < X.length; i++) {
      const t = y[i] === 1 ? 1 : -1;
      let score = b;
      for (let j = 0; j < w.length; j++) score += w[j] * X[i][j];
      if (t * score <= 0) {
        mistakes++;
        for (let j = 0; j < w.length; j++) w[j] += t * X[i][j];
        b += t;
      }
    }
    if (mistakes === 0) break;
  }
  return { w, b };
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-9, rel: 1e-12 },
  hints: ['Map the labels to -1/+1 first; update on t · score <= 0 (boundary included), and stop after a clean pass.'],
  mistakes: [
    mistakeFrom<Args, Result>('strict-mistake', 'Count t · score <= 0 as a mistake: with < 0 the perceptron never leaves w = 0, where every score is 0.',
      (X, y, e) => train(X, y, e, { strict: true, zeroOne: false, bias: true })),
    mistakeFrom<Args, Result>('zero-one-labels', 'Update with t = -1 or +1: with the raw 0/1 label, mistakes on class 0 add nothing.',
      (X, y, e) => train(X, y, e, { strict: false, zeroOne: true, bias: true })),
    mistakeFrom<Args, Result>('no-bias-update', 'Update the bias too: b += t on every mistake.',
      (X, y, e) => train(X, y, e, { strict: false, zeroOne: false, bias: false })),
  ],
  mutants: [
    { name: 'strict inequality', edits: [['if (t * score <= 0) {', 'if (t * score < 0) {']], mistake: 'strict-mistake' },
    { name: 'raw 0/1 labels in the update', edits: [['w[j] += t * X[i][j];', 'w[j] += y[i] * X[i][j];'], ['b += t;', 'b += y[i];']], mistake: 'zero-one-labels' },
    { name: 'bias never updated', edits: [['b += t;', '']], mistake: 'no-bias-update' },
  ],
  links: {
    lessons: [{ lesson: '11-classic-algorithms', cell: 'svm-md' }],
    questions: ['algorithms-perceptron', 'neural-networks-xor'],
  },
});
