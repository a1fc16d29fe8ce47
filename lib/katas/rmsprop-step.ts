// Kata: one RMSProp step with tfjs's conventions (reference: lib/optim/rmsprop.ts RMSProp).
import { Rng } from '../core/random';
import { RMSProp } from '../optim/rmsprop';
import { mistakeFrom, normals, round, uniforms } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [params: number[], grads: number[], meanSquare: number[], lr: number, decay: number, eps: number];
type Result = { params: number[]; meanSquare: number[] };

function reference(...[params, grads, meanSquare, lr, decay, eps]: Args): Result {
  const opt = new RMSProp({ learningRate: lr, decay, epsilon: eps, momentum: 0 });
  const p = Float64Array.from(params);
  opt.step(p, new Float64Array(p.length)); // sizes the state; a zero gradient from s = 0 moves nothing
  opt.meanSquare = Float64Array.from(meanSquare);
  opt.step(p, Float64Array.from(grads));
  return { params: Array.from(p), meanSquare: Array.from(opt.meanSquare) };
}

function stepWith(params: number[], grads: number[], s: number[], lr: number, newS: (s: number, g: number) => number, step: (g: number, s: number) => number): Result {
  const ms = s.map((si, i) => newS(si, grads[i]));
  return { params: params.map((p, i) => p - lr * step(grads[i], ms[i])), meanSquare: ms };
}

const examples: KataCase<Args>[] = [
  { name: 'first step from s = 0', kind: 'example', args: [[1, 1], [0.5, -2], [0, 0], 0.01, 0.9, 1e-7] },
  { name: 'with a running mean square', kind: 'example', args: [[1, 1], [0.5, -2], [0.2, 4], 0.01, 0.9, 1e-7] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1615);
  const cases: KataCase<Args>[] = [
    { name: 'tiny gradients: eps dominates', kind: 'edge', args: [[0.5, -0.5], [1e-4, -3e-4], [0, 1e-8], 0.1, 0.9, 1e-6] },
    { name: 'decay 0: s = g^2', kind: 'edge', args: [[1, 2], [3, -4], [100, 100], 0.1, 0, 1e-7] },
    { name: 'zero gradient', kind: 'edge', args: [[1], [0], [2], 0.1, 0.9, 1e-7] },
    { name: 'large eps', kind: 'edge', args: [[0, 0], [0.01, 1], [0.0001, 1], 0.1, 0.99, 0.01] },
  ];
  for (let r = 0; r < 5; r++) {
    const n = 1 + rng.int(6);
    cases.push({ name: `random ${r + 1}`, kind: 'random', args: [normals(rng, n), normals(rng, n), uniforms(rng, n, 0, 2, 4), round(0.0005 + 0.05 * rng.random(), 5), round(0.8 + 0.19 * rng.random(), 3), 1e-7] });
  }
  cases.push({ name: 'gradients near 1e8', kind: 'large', args: [normals(rng, 3), normals(rng, 3, 1e8), [1e16, 4e16, 9e16], 0.001, 0.9, 1e-7] });
  return cases;
}

export default defineKata<Args, Result>({
  id: 'rmsprop-step',
  title: 'RMSProp step',
  section: 'optimization',
  difficulty: 'medium',
  statement: `One RMSProp update as tfjs defines it (\`tf.train.rmsprop\`, no momentum, not centred). With decay $\\rho$
and the running mean of squared gradients $s$ (given, one entry per parameter):

$$s \\leftarrow \\rho\\, s + (1 - \\rho)\\, g^2, \\qquad \\theta \\leftarrow \\theta - \\text{lr}\\, \\frac{g}{\\sqrt{s + \\varepsilon}} .$$

Note $\\varepsilon$ is **inside** the square root here (Keras and PyTorch put it outside, $\\sqrt s + \\varepsilon$; the
difference shows when $s$ is tiny). There is no bias correction. Return the new parameters and the new $s$ (new
arrays; do not change the arguments). Tolerance $10^{-12}$ absolute plus $10^{-9}$ relative.`,
  functionName: 'rmspropStep',
  signature: 'rmspropStep(params: number[], grads: number[], meanSquare: number[], lr: number, decay: number, eps: number): { params: number[]; meanSquare: number[] }',
  starter: `export function rmspropStep(params: number[], grads: number[], meanSquare: number[], lr: number, decay: number, eps: number): { params: number[]; meanSquare: number[] } {
  throw new Error('not implemented');
}
`,
  solution: `export function rmspropStep(params: number[], grads: number[], meanSquare: number[], lr: number, decay: number, eps: number): { params: number[]; meanSquare: number[] } {
  const s = meanSquare.map((si, i) => decay * si + (1 - decay) * grads[i] * grads[i]);
  const p = params.map((theta, i) => theta - (lr * grads[i]) / Math.sqrt(s[i] + eps));
  return { params: p, meanSquare: s };
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-12, rel: 1e-9 },
  hints: ['Update s first with the new gradient, then divide the step by sqrt(s + eps) of the updated s.'],
  mistakes: [
    mistakeFrom<Args, Result>('eps-outside', 'In this (tfjs) convention eps sits inside the square root: g / sqrt(s + eps), not g / (sqrt(s) + eps).',
      (p, g, s, lr, rho, eps) => stepWith(p, g, s, lr, (si, gi) => rho * si + (1 - rho) * gi * gi, (gi, si) => gi / (Math.sqrt(si) + eps))),
    mistakeFrom<Args, Result>('decay-swapped', 'The old average keeps weight rho (the decay, e.g. 0.9) and the new g² gets 1 - rho, not the other way round.',
      (p, g, s, lr, rho, eps) => stepWith(p, g, s, lr, (si, gi) => (1 - rho) * si + rho * gi * gi, (gi, si) => gi / Math.sqrt(si + eps))),
    mistakeFrom<Args, Result>('no-sqrt', 'Divide by the root mean square sqrt(s + eps), not by the mean square itself.',
      (p, g, s, lr, rho, eps) => stepWith(p, g, s, lr, (si, gi) => rho * si + (1 - rho) * gi * gi, (gi, si) => gi / (si + eps))),
    mistakeFrom<Args, Result>('old-mean-square', 'Update s with the current gradient before using it in the step.',
      (p, g, s, lr, rho, eps) => ({ params: p.map((t, i) => t - (lr * g[i]) / Math.sqrt(s[i] + eps)), meanSquare: s.map((si, i) => rho * si + (1 - rho) * g[i] * g[i]) })),
  ],
  mutants: [
    { name: 'eps outside the root', edits: [['Math.sqrt(s[i] + eps)', '(Math.sqrt(s[i]) + eps)']], mistake: 'eps-outside' },
    { name: 'decay weights swapped', edits: [['decay * si + (1 - decay) * grads[i] * grads[i]', '(1 - decay) * si + decay * grads[i] * grads[i]']], mistake: 'decay-swapped' },
    { name: 'divides by s without the root', edits: [['Math.sqrt(s[i] + eps)', '(s[i] + eps)']], mistake: 'no-sqrt' },
  ],
  links: {
    lessons: [{ lesson: '05-optimizers', cell: 'adaptive-md' }, { lesson: '12-key-formulas', cell: 'rmsprop' }],
    questions: ['optimization-rmsprop', 'optimization-adagrad'],
  },
});
