// Kata: one step of SGD with heavy-ball or Nesterov momentum (reference: lib/optim/momentum.ts Momentum, tfjs convention).
import { Rng } from '../core/random';
import { Momentum } from '../optim/momentum';
import { mistakeFrom, normals, round } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [params: number[], grads: number[], velocity: number[], lr: number, mu: number, nesterov: boolean];
type Result = { params: number[]; velocity: number[] };

function reference(...[params, grads, velocity, lr, mu, nesterov]: Args): Result {
  const opt = new Momentum({ learningRate: lr, momentum: mu, nesterov });
  const p = Float64Array.from(params);
  opt.step(p, new Float64Array(p.length)); // sizes the state; a zero gradient from zero velocity moves nothing
  opt.velocity = Float64Array.from(velocity);
  opt.step(p, Float64Array.from(grads));
  return { params: Array.from(p), velocity: Array.from(opt.velocity) };
}

function stepWith(params: number[], grads: number[], velocity: number[], rule: (p: number, g: number, v: number) => [number, number]): Result {
  const out = params.map((p, i) => rule(p, grads[i], velocity[i]));
  return { params: out.map((o) => o[0]), velocity: out.map((o) => o[1]) };
}

const examples: KataCase<Args>[] = [
  { name: 'first step from zero velocity', kind: 'example', args: [[1, -2], [0.5, -1], [0, 0], 0.1, 0.9, false] },
  { name: 'with velocity', kind: 'example', args: [[1, -2], [0.5, -1], [1, 2], 0.1, 0.9, false] },
  { name: 'Nesterov', kind: 'example', args: [[1, -2], [0.5, -1], [1, 2], 0.1, 0.9, true] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1614);
  const cases: KataCase<Args>[] = [
    { name: 'mu = 0 is plain SGD', kind: 'edge', args: [[3, 4], [1, -1], [5, 5], 0.5, 0, false] },
    { name: 'zero gradient coasts on the velocity', kind: 'edge', args: [[0, 0], [0, 0], [1, -1], 0.1, 0.5, false] },
    { name: 'Nesterov with zero velocity', kind: 'edge', args: [[1], [2], [0], 0.1, 0.9, true] },
  ];
  for (let r = 0; r < 6; r++) {
    const n = 1 + rng.int(6);
    cases.push({ name: `random ${r + 1}`, kind: 'random', args: [normals(rng, n), normals(rng, n), normals(rng, n), round(0.001 + 0.2 * rng.random(), 4), round(0.5 + 0.49 * rng.random(), 2), r % 2 === 1] });
  }
  cases.push({ name: 'gradients near 1e6', kind: 'large', args: [normals(rng, 4, 1e3), normals(rng, 4, 1e6), normals(rng, 4, 1e6), 1e-4, 0.9, true] });
  return cases;
}

export default defineKata<Args, Result>({
  id: 'momentum-step',
  title: 'Momentum and Nesterov step',
  section: 'optimization',
  difficulty: 'easy',
  statement: `One update of gradient descent with momentum $\\mu$, in the convention of TensorFlow/tfjs
(\`tf.train.momentum\`): the velocity accumulates **raw gradients** and the learning rate multiplies it at the update,

$$v \\leftarrow \\mu v + g, \\qquad \\theta \\leftarrow \\theta - \\text{lr}\\, v .$$

With \`nesterov\` the step looks ahead along the new velocity: $v \\leftarrow \\mu v + g$,
$\\theta \\leftarrow \\theta - \\text{lr}\\,(g + \\mu v)$.

Return the new parameters and the new velocity (new arrays; do not change the arguments). Note: the other common
convention ($v \\leftarrow \\mu v - \\text{lr}\\, g$, $\\theta \\leftarrow \\theta + v$) gives the same trajectory
only from $v = 0$ with a constant learning rate; here $v$ is given, so use the convention above.`,
  functionName: 'momentumStep',
  signature: 'momentumStep(params: number[], grads: number[], velocity: number[], lr: number, mu: number, nesterov: boolean): { params: number[]; velocity: number[] }',
  starter: `export function momentumStep(params: number[], grads: number[], velocity: number[], lr: number, mu: number, nesterov: boolean): { params: number[]; velocity: number[] } {
  throw new Error('not implemented');
}
`,
  solution: `export function momentumStep(params: number[], grads: number[], velocity: number[], lr: number, mu: number, nesterov: boolean): { params: number[]; velocity: number[] } {
  const v = velocity.map((vi, i) => mu * vi + grads[i]);
  const p = params.map((theta, i) => (nesterov ? theta - lr * (grads[i] + mu * v[i]) : theta - lr * v[i]));
  return { params: p, velocity: v };
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-12, rel: 1e-10 },
  hints: ['Update the velocity first (v = mu v + g), then the parameters with the new velocity.'],
  mistakes: [
    mistakeFrom<Args, Result>('other-convention', 'Here v accumulates raw gradients (v = mu v + g) and lr multiplies at the update; v = mu v - lr g, theta += v is the other convention.',
      (p, g, v, lr, mu) => stepWith(p, g, v, (t, gi, vi) => { const nv = mu * vi - lr * gi; return [t + nv, nv]; })),
    mistakeFrom<Args, Result>('dampening', 'No (1 - mu) factor on the gradient here: v = mu v + g.',
      (p, g, v, lr, mu) => stepWith(p, g, v, (t, gi, vi) => { const nv = mu * vi + (1 - mu) * gi; return [t - lr * nv, nv]; })),
    mistakeFrom<Args, Result>('nesterov-ignored', 'With nesterov the step is lr (g + mu v_new), a look-ahead along the new velocity, not lr v_new.',
      (p, g, v, lr, mu) => stepWith(p, g, v, (t, gi, vi) => { const nv = mu * vi + gi; return [t - lr * nv, nv]; })),
    mistakeFrom<Args, Result>('old-velocity', 'Step with the updated velocity v = mu v + g, not the velocity from before this step.',
      (p, g, v, lr, mu, nesterov) => stepWith(p, g, v, (t, gi, vi) => { const nv = mu * vi + gi; return [nesterov ? t - lr * (gi + mu * vi) : t - lr * vi, nv]; })),
  ],
  mutants: [
    { name: 'the other sign convention', edits: [['mu * vi + grads[i]', 'mu * vi - lr * grads[i]'], ['theta - lr * v[i]))', 'theta + v[i]))']], mistake: 'other-convention' },
    { name: 'Nesterov treated as plain momentum', edits: [['(nesterov ? theta - lr * (grads[i] + mu * v[i]) : theta - lr * v[i])', 'theta - lr * v[i]']], mistake: 'nesterov-ignored' },
    { name: 'steps with the old velocity', edits: [['theta - lr * v[i]))', 'theta - lr * velocity[i]))']], mistake: 'old-velocity' },
  ],
  links: {
    lessons: [{ lesson: '05-optimizers', cell: 'momentum-md' }, { lesson: '12-key-formulas', cell: 'momentum' }],
    questions: ['optimization-momentum', 'optimization-nesterov'],
  },
});
