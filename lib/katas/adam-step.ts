// Kata: one Adam update with bias correction, returning new parameters and updating the moment state.
import { rngFrom } from '../core/random';
import { Adam } from '../optim/adam';
import { closeTo, randomVector } from './case-helpers';
import { defineKata, type KataCase } from './types';

type State = { m: number[]; v: number[]; t: number };
type Args = [params: number[], grads: number[], state: State, lr: number, beta1: number, beta2: number, eps: number];
type Observed = { params: number[]; m: number[]; v: number[]; t: number };

/** lib's Adam, driven one step from a given state: `update` takes the step number, so any t can be replayed. */
class AdamFrom extends Adam {
  stepAt(params: Float64Array, grads: Float64Array, t: number): void {
    this.update(params, grads, t);
  }
}

function reference(params: number[], grads: number[], state: State, lr: number, beta1: number, beta2: number, eps: number): Observed {
  const adam = new AdamFrom({ learningRate: lr, beta1, beta2, epsilon: eps });
  adam.firstMoment = Float64Array.from(state.m);
  adam.secondMoment = Float64Array.from(state.v);
  const p = Float64Array.from(params);
  adam.stepAt(p, Float64Array.from(grads), state.t + 1);
  return { params: Array.from(p), m: Array.from(adam.firstMoment), v: Array.from(adam.secondMoment), t: state.t + 1 };
}

/** An alternative update for the detectors: options switch off the bias correction or move eps inside the root. */
function variant(a: Args, o: { correct: boolean; epsInside: boolean; tAfter: boolean }): number[] {
  const [params, grads, state, lr, b1, b2, eps] = a;
  const t = o.tAfter ? state.t : state.t + 1;
  return params.map((w, i) => {
    const m = b1 * state.m[i] + (1 - b1) * grads[i];
    const v = b2 * state.v[i] + (1 - b2) * grads[i] * grads[i];
    const mh = o.correct ? m / (1 - b1 ** t) : m, vh = o.correct ? v / (1 - b2 ** t) : v;
    return w - (lr * mh) / (o.epsInside ? Math.sqrt(vh + eps) : Math.sqrt(vh) + eps);
  });
}

function randomState(rng: ReturnType<typeof rngFrom>, n: number, t: number): State {
  if (t === 0) return { m: new Array<number>(n).fill(0), v: new Array<number>(n).fill(0), t: 0 };
  return { m: randomVector(rng, n, 0.1, 6), v: randomVector(rng, n, 0.1, 6).map((x) => x * x), t };
}

export default defineKata<Args, Observed>({
  id: 'adam-step',
  title: 'One Adam step',
  section: 'optimization',
  difficulty: 'medium',
  statement: `Write \`adamStep(params, grads, state, lr, beta1, beta2, eps)\`: one step of Adam. \`state\` holds the raw
moment estimates \`m\`, \`v\` (same length as \`params\`) and the step count \`t\` (0 before the first step).

$$t \\leftarrow t + 1, \\quad m \\leftarrow \\beta_1 m + (1 - \\beta_1) g, \\quad v \\leftarrow \\beta_2 v + (1 - \\beta_2) g^2,$$
$$\\hat m = \\frac{m}{1 - \\beta_1^{t}}, \\quad \\hat v = \\frac{v}{1 - \\beta_2^{t}}, \\quad
\\theta \\leftarrow \\theta - \\text{lr}\\, \\frac{\\hat m}{\\sqrt{\\hat v} + \\epsilon}.$$

- Increment \`t\` **first**, so the first step uses $t = 1$.
- **Return** the new parameters as a new array; do **not** change \`params\` (or \`grads\`).
- **Update \`state\`**: \`state.t\` incremented, \`state.m\` and \`state.v\` the new **raw** (uncorrected) moments, either
  changed in place or replaced by new arrays.
- $\\epsilon$ is added **outside** the square root. Tolerance: $10^{-12}$ absolute plus $10^{-9}$ relative.`,
  functionName: 'adamStep',
  signature: 'adamStep(params: number[], grads: number[], state: { m: number[]; v: number[]; t: number }, lr: number, beta1: number, beta2: number, eps: number): number[]',
  starter: `export function adamStep(params: number[], grads: number[], state: { m: number[]; v: number[]; t: number }, lr: number, beta1: number, beta2: number, eps: number): number[] {
  throw new Error('not implemented');
}
`,
  solution: `export function adamStep(params: number[], grads: number[], state: { m: number[]; v: number[]; t: number }, lr: number, beta1: number, beta2: number, eps: number): number[] {
  state.t += 1;
  const t = state.t;
  const out = params.slice();
  for (let i = 0; i < params.length; i++) {
    state.m[i] = beta1 * state.m[i] + (1 - beta1) * grads[i];
    state.v[i] = beta2 * state.v[i] + (1 - beta2) * grads[i] * grads[i];
    const mHat = state.m[i] / (1 - Math.pow(beta1, t));
    const vHat = state.v[i] / (1 - Math.pow(beta2, t));
    out[i] = params[i] - (lr * mHat) / (Math.sqrt(vHat) + eps);
  }
  return out;
}
`,
  examples: [
    { name: 'first step from zeros', kind: 'example', args: [[1, -2], [0.5, -0.1], { m: [0, 0], v: [0, 0], t: 0 }, 0.1, 0.9, 0.999, 1e-8] },
    { name: 'step 4 with moments', kind: 'example', args: [[0.3], [2], { m: [0.1], v: [0.01], t: 3 }, 0.01, 0.9, 0.999, 1e-8] },
  ],
  hiddenCases() {
    const rng = rngFrom(1611);
    const cases: KataCase<Args>[] = [
      { name: 'zero gradient on step 1', kind: 'edge', args: [[1, 2, 3], [0, 0, 0], { m: [0, 0, 0], v: [0, 0, 0], t: 0 }, 0.1, 0.9, 0.999, 1e-8] },
      { name: 'large eps (eps outside the root)', kind: 'edge', args: [[1], [0.01], { m: [0], v: [0], t: 0 }, 1, 0.9, 0.999, 0.5] },
      { name: 'late step (t = 1000)', kind: 'edge', args: [[0.5, -0.5], [0.2, 0.3], { m: [0.01, -0.02], v: [0.001, 0.002], t: 999 }, 0.001, 0.9, 0.999, 1e-8] },
      { name: 'beta1 = 0 (RMSProp-like)', kind: 'edge', args: [[1, 1], [1, -3], { m: [0, 0], v: [0.5, 0.5], t: 2 }, 0.1, 0, 0.99, 1e-7] },
    ];
    for (let t = 0; t < 5; t++) {
      const n = 1 + rng.int(10), step = t % 2 === 0 ? 0 : 1 + rng.int(50);
      cases.push({ name: `random ${t + 1} (n = ${n}, t = ${step})`, kind: 'random', args: [randomVector(rng, n, 1, 6), randomVector(rng, n, 1, 6), randomState(rng, n, step), 0.001 * (1 + rng.int(100)), 0.9, 0.999, 1e-8] });
    }
    const n = 1000;
    cases.push({ name: 'large gradients (~1e4), 1000 parameters', kind: 'large', args: [randomVector(rng, n, 10, 6), randomVector(rng, n, 1e4, 3), randomState(rng, n, 7), 0.01, 0.9, 0.999, 1e-8] });
    return cases;
  },
  reference,
  observe: (returned, after) => {
    const state = after[2] as State;
    return { params: returned, m: state.m, v: state.v, t: state.t } as unknown as Observed;
  },
  referenceAsCall: (args, expected) => ({
    returned: expected.params,
    argsAfter: [args[0], args[1], { m: expected.m, v: expected.v, t: expected.t }, args[3], args[4], args[5], args[6]],
  }),
  mutableArgs: [2],
  tolerance: { abs: 1e-12, rel: 1e-9 },
  hints: ['t += 1 first; update the raw m and v; divide by (1 - beta^t) only for the step; theta - lr * mHat / (sqrt(vHat) + eps).'],
  mistakes: [
    {
      id: 'no-bias-correction',
      hint: 'divide m by (1 - beta1^t) and v by (1 - beta2^t) before the step (bias correction); without it the first steps are too large, not too small: with the default betas the first is (1 - beta1) / sqrt(1 - beta2) = 3.16 times lr per coordinate',
      detect: ({ args, received, tolerance }) => closeTo(variant(args, { correct: false, epsInside: false, tAfter: false }), (received as Observed).params, tolerance),
    },
    {
      id: 'eps-inside',
      hint: 'eps goes outside the square root: sqrt(vHat) + eps',
      detect: ({ args, received, tolerance }) => closeTo(variant(args, { correct: true, epsInside: true, tAfter: false }), (received as Observed).params, tolerance),
    },
    {
      id: 't-order',
      hint: 'increment t before the bias correction, so the first step uses t = 1 (1 - beta^0 = 0 divides by zero)',
      detect: ({ args, received, tolerance }) => {
        const r = received as Observed;
        return r.params.some((x) => !Number.isFinite(x)) || (args[2].t > 0 && closeTo(variant(args, { correct: true, epsInside: false, tAfter: true }), r.params, tolerance));
      },
    },
    {
      id: 'corrected-state',
      hint: 'store the raw moments m and v in state, not the bias-corrected mHat and vHat',
      detect: ({ expected, received, tolerance }) => {
        const r = received as Observed;
        return closeTo(expected.params, r.params, tolerance) && !closeTo(expected.m, r.m, tolerance);
      },
    },
  ],
  mutants: [
    { name: 'no bias correction', edits: [['const mHat = state.m[i] / (1 - Math.pow(beta1, t));', 'const mHat = state.m[i];'], ['const vHat = state.v[i] / (1 - Math.pow(beta2, t));', 'const vHat = state.v[i];']], mistake: 'no-bias-correction' },
    { name: 'eps inside the root', edits: [['(Math.sqrt(vHat) + eps)', 'Math.sqrt(vHat + eps)']], mistake: 'eps-inside' },
    { name: 't incremented after the step', edits: [['  state.t += 1;\n  const t = state.t;\n', '  const t = state.t;\n  state.t += 1;\n']], mistake: 't-order' },
    { name: 'updates params in place', edits: [['out[i] = params[i] - (lr * mHat) / (Math.sqrt(vHat) + eps);', 'params[i] -= (lr * mHat) / (Math.sqrt(vHat) + eps); out[i] = params[i];']] },
    { name: 'stores corrected moments', edits: [['    out[i] = params[i]', '    state.m[i] = mHat;\n    out[i] = params[i]']], mistake: 'corrected-state' },
  ],
  links: {
    lessons: [{ lesson: '05-optimizers', cell: 'adaptive-md' }, { lesson: '12-key-formulas', cell: 'adam' }],
    questions: ['optimization-adam-bias-correction', 'optimization-adam-vs-sgd', 'optimization-rmsprop'],
  },
});
