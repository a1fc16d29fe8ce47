// Kata: the DDPM forward sample x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps from the betas of a noise schedule.
import { rngFrom } from '../core/random';
import { scheduleFromBetas } from '../generative/noise-schedule';
import { forwardSample } from '../generative/diffusion';
import { defineKata, type CaseContext, type KataCase } from './types';

type Args = [x0: number[], eps: number[], betas: number[], t: number];

/** The sample a variant produces: abar from a product over steps [from, to) or a given value, noise coefficient by `noise`. */
function variant([x0, eps]: Args, abar: number, noise: (ab: number) => number): number[] {
  const a = Math.sqrt(abar), b = noise(abar);
  return x0.map((v, i) => a * v + b * eps[i]);
}
const prod = (betas: number[], count: number) => { let p = 1; for (let s = 0; s < count && s < betas.length; s++) p *= 1 - betas[s]; return p; };
const near = (v: unknown, e: number[], ctx: CaseContext<Args, number[]>) => Array.isArray(v) && v.length === e.length && e.every((x, i) => typeof v[i] === 'number' && Math.abs(v[i] - x) <= ctx.tolerance.abs + ctx.tolerance.rel * Math.abs(x));

export default defineKata<Args, number[]>({
  id: 'diffusion-forward',
  title: 'Diffusion forward sample',
  section: 'architectures',
  difficulty: 'easy',
  statement: `Write \`diffusionForward(x0, eps, betas, t)\`: the noisy point $x_t$ of a denoising diffusion model (DDPM), drawn in
**closed form** from the clean point $x_0$ and one standard normal noise vector $\\epsilon$ (given, same length as $x_0$):

$$\\alpha_s = 1 - \\beta_s,\\qquad \\bar\\alpha_t = \\prod_{s=1}^{t} \\alpha_s,\\qquad x_t = \\sqrt{\\bar\\alpha_t}\\, x_0 + \\sqrt{1 - \\bar\\alpha_t}\\,\\epsilon .$$

- \`betas\` holds $\\beta_1, \\dots, \\beta_T$ (\`betas[0]\` is $\\beta_1$), each in $(0, 1)$; $t$ is an integer, $1 \\le t \\le T$, so
  $\\bar\\alpha_t$ multiplies exactly the first $t$ alphas.
- Return a new array of the same length as \`x0\` (do not modify the inputs).
- Tolerance: $10^{-12}$ absolute plus $10^{-12}$ relative.`,
  functionName: 'diffusionForward',
  signature: 'diffusionForward(x0: number[], eps: number[], betas: number[], t: number): number[]',
  starter: `export function diffusionForward(x0: number[], eps: number[], betas: number[], t: number): number[] {
  throw new Error('not implemented');
}
`,
  solution: `export function diffusionForward(x0: number[], eps: number[], betas: number[], t: number): number[] {
  let alphaBar = 1;
  for (let s = 0; s < t; s++) alphaBar *= 1 - betas[s];
  const signal = Math.sqrt(alphaBar);
  const noise = Math.sqrt(1 - alphaBar);
  return x0.map((v, i) => signal * v + noise * eps[i]);
}
`,
  examples: [
    { name: 't = 1: one step', kind: 'example', args: [[1, -2], [0.5, 1], [0.19, 0.36], 1] },
    { name: 't = 2: two alphas multiplied', kind: 'example', args: [[2], [1], [0.1, 0.2, 0.3], 2] },
  ],
  hiddenCases() {
    const rng = rngFrom(3012);
    const cases: KataCase<Args>[] = [
      { name: 't = T (last step)', kind: 'edge', args: [[1, 2, 3], [0, 1, -1], [0.1, 0.2, 0.3], 3] },
      { name: 'zero noise vector', kind: 'edge', args: [[4, -4], [0, 0], [0.5, 0.5, 0.5, 0.5], 2] },
      { name: 'tiny betas, t = 1', kind: 'edge', args: [[1], [1], [1e-4, 2e-4], 1] },
    ];
    for (let k = 0; k < 5; k++) {
      const T = 5 + rng.int(40), d = 1 + rng.int(4);
      const betas = Array.from({ length: T }, (_, s) => 1e-3 + (0.2 - 1e-3) * (s / (T - 1)));
      cases.push({ name: `random ${k + 1} (T = ${T}, d = ${d})`, kind: 'random', args: [Array.from({ length: d }, () => rng.normal(0, 2)), Array.from({ length: d }, () => rng.normal()), betas, 1 + rng.int(T)] });
    }
    cases.push({ name: 'large x0 (1e6), long schedule', kind: 'large', args: [[1e6, -3e5], [1, -1], Array.from({ length: 1000 }, (_, s) => 1e-4 + (0.02 - 1e-4) * (s / 999)), 500] });
    return cases;
  },
  reference: (x0, eps, betas, t) => Array.from(forwardSample(x0, eps, [t - 1], scheduleFromBetas(betas), x0.length)),
  tolerance: { abs: 1e-12, rel: 1e-12 },
  hints: ['abar_t is the product of (1 - beta_s) for s = 1..t (array indices 0..t-1); then x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) eps.'],
  mistakes: [
    { id: 'beta-not-abar', hint: 'the closed form needs the cumulative product abar_t = prod (1 - beta_s), not the single step alpha_t = 1 - beta_t', detect: (ctx) => near(ctx.received, variant(ctx.args, 1 - ctx.args[2][ctx.args[3] - 1], (ab) => Math.sqrt(1 - ab)), ctx) },
    { id: 'no-sqrt-noise', hint: 'the noise coefficient is the standard deviation sqrt(1 - abar_t), not the variance 1 - abar_t', detect: (ctx) => near(ctx.received, variant(ctx.args, prod(ctx.args[2], ctx.args[3]), (ab) => 1 - ab), ctx) },
    { id: 'off-by-one', hint: 'betas[0] is beta_1: abar_t multiplies exactly t factors, indices 0..t-1', detect: (ctx) => near(ctx.received, variant(ctx.args, prod(ctx.args[2], ctx.args[3] - 1), (ab) => Math.sqrt(1 - ab)), ctx) || near(ctx.received, variant(ctx.args, prod(ctx.args[2], ctx.args[3] + 1), (ab) => Math.sqrt(1 - ab)), ctx) },
  ],
  mutants: [
    { name: 'single-step alpha instead of alpha-bar', edits: [['for (let s = 0; s < t; s++) alphaBar *= 1 - betas[s];', 'alphaBar = 1 - betas[t - 1];']], mistake: 'beta-not-abar' },
    { name: 'variance as the noise coefficient', edits: [['const noise = Math.sqrt(1 - alphaBar);', 'const noise = 1 - alphaBar;']], mistake: 'no-sqrt-noise' },
    { name: 'one factor short', edits: [['for (let s = 0; s < t; s++)', 'for (let s = 1; s < t; s++)']], mistake: 'off-by-one' },
  ],
  links: {
    lessons: [{ lesson: '30-gans-and-diffusion', cell: 'forward-md' }, { lesson: '12-key-formulas', cell: 'gd-diffusion-forward' }],
    questions: ['architectures-diffusion-forward-closed-form'],
  },
});
