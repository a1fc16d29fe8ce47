// Kata: the GAN discriminator loss and the non-saturating generator loss from discriminator logits, numerically stable.
import { rngFrom } from '../core/random';
import { discriminatorLoss, generatorLoss } from '../generative/gan';
import { defineKata, type CaseContext, type KataCase } from './types';

type Args = [realLogits: number[], fakeLogits: number[]];
type Out = { discriminator: number; generator: number };

const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
const mean = (a: number[], f: (x: number) => number) => a.reduce((s, x) => s + f(x), 0) / a.length;
const close = (v: unknown, e: number, ctx: CaseContext<Args, Out>) => typeof v === 'number' && Math.abs(v - e) <= ctx.tolerance.abs + ctx.tolerance.rel * Math.abs(e);
const generatorOf = (v: unknown): unknown => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>).generator : undefined);
const discriminatorOf = (v: unknown): unknown => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>).discriminator : undefined);

export default defineKata<Args, Out>({
  id: 'gan-loss',
  title: 'GAN losses from logits',
  section: 'architectures',
  difficulty: 'medium',
  statement: `Write \`ganLosses(realLogits, fakeLogits)\`: the two losses of a GAN step from the discriminator's **logits**
$\\ell$ ($D = \\sigma(\\ell)$ is the probability "real") on a batch of real points and a batch of generated ones:

$$L_D = \\frac{1}{n_r}\\sum_i -\\log\\sigma(\\ell^{real}_i) + \\frac{1}{n_f}\\sum_j -\\log\\big(1 - \\sigma(\\ell^{fake}_j)\\big),\\qquad
L_G = \\frac{1}{n_f}\\sum_j -\\log\\sigma(\\ell^{fake}_j).$$

$L_G$ is the **non-saturating** generator loss (maximise $\\log D(G(z))$), not the min-max game's own term
$\\log(1 - D(G(z)))$, whose gradient vanishes when $D$ rejects the fakes.

- Return \`{ discriminator: L_D, generator: L_G }\`. Both arrays are non-empty and finite; they may differ in length.
- It must be stable for logits of $\\pm 1000$: use $-\\log\\sigma(\\ell) = \\mathrm{softplus}(-\\ell)$ and
  $-\\log(1 - \\sigma(\\ell)) = \\mathrm{softplus}(\\ell)$ with $\\mathrm{softplus}(x) = \\max(x, 0) + \\log(1 + e^{-|x|})$
  (for $\\ell^{real} = -1000$ the loss is $1000$, not \`Infinity\`).
- Tolerance: $10^{-9}$ absolute plus $10^{-9}$ relative.`,
  functionName: 'ganLosses',
  signature: 'ganLosses(realLogits: number[], fakeLogits: number[]): { discriminator: number; generator: number }',
  starter: `export function ganLosses(realLogits: number[], fakeLogits: number[]): { discriminator: number; generator: number } {
  throw new Error('not implemented');
}
`,
  solution: `export function ganLosses(realLogits: number[], fakeLogits: number[]): { discriminator: number; generator: number } {
  const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  let real = 0, fake = 0, gen = 0;
  for (const l of realLogits) real += softplus(-l);
  for (const l of fakeLogits) {
    fake += softplus(l);
    gen += softplus(-l);
  }
  return { discriminator: real / realLogits.length + fake / fakeLogits.length, generator: gen / fakeLogits.length };
}
`,
  examples: [
    { name: 'all logits 0: D = 1/2 everywhere', kind: 'example', args: [[0, 0], [0]] },
    { name: 'D fooled by nothing', kind: 'example', args: [[3, 2], [-2, -4, -1]] },
  ],
  hiddenCases() {
    const rng = rngFrom(3013);
    const cases: KataCase<Args>[] = [
      { name: 'D rejects the fakes confidently', kind: 'edge', args: [[5, 6], [-6, -7]] },
      { name: 'D fooled: fakes scored as real', kind: 'edge', args: [[-1], [4, 5, 3]] },
      { name: 'one logit each', kind: 'edge', args: [[0.3], [-0.2]] },
    ];
    for (let k = 0; k < 5; k++) {
      const nr = 1 + rng.int(8), nf = 1 + rng.int(8);
      cases.push({ name: `random ${k + 1} (${nr} real, ${nf} fake)`, kind: 'random', args: [Array.from({ length: nr }, () => rng.normal(1, 2)), Array.from({ length: nf }, () => rng.normal(-1, 2))] });
    }
    cases.push({ name: 'logits of +-1000 (stability)', kind: 'large', args: [[-1000, 1000], [1000, -1000, 800]] });
    return cases;
  },
  reference: (real, fake) => ({ discriminator: discriminatorLoss(real, fake).loss, generator: generatorLoss(fake, 'non-saturating').loss }),
  tolerance: { abs: 1e-9, rel: 1e-9 },
  hints: ['L_D = mean softplus(-real) + mean softplus(fake); L_G = mean softplus(-fake), with softplus(x) = max(x, 0) + log1p(exp(-|x|)).'],
  mistakes: [
    { id: 'not-stable', hint: 'log(sigmoid(l)) and log(1 - sigmoid(l)) overflow or give log(0) for large |l|: write them with softplus', detect: ({ received }) => [discriminatorOf(received), generatorOf(received)].some((v) => typeof v !== 'number' || !Number.isFinite(v)) },
    { id: 'saturating', hint: 'the generator loss here is the non-saturating -log D(G(z)) = softplus(-l), not log(1 - D(G(z))) = -softplus(l), whose gradient vanishes when D rejects the fakes', detect: (ctx) => close(generatorOf(ctx.received), -mean(ctx.args[1], softplus), ctx) },
    { id: 'fake-label', hint: 'for the fakes the discriminator is trained towards 0: its term is -log(1 - sigma(l)) = softplus(l)', detect: (ctx) => close(discriminatorOf(ctx.received), mean(ctx.args[0], (l) => softplus(-l)) + mean(ctx.args[1], (l) => softplus(-l)), ctx) },
  ],
  mutants: [
    { name: 'saturating generator loss', edits: [['gen += softplus(-l);', 'gen -= softplus(l);']], mistake: 'saturating' },
    { name: 'naive log of sigmoid', edits: [['for (const l of realLogits) real += softplus(-l);', 'for (const l of realLogits) real += -Math.log(1 / (1 + Math.exp(-l)));'], ['fake += softplus(l);', 'fake += -Math.log(1 - 1 / (1 + Math.exp(-l)));']], mistake: 'not-stable' },
    { name: 'fakes labelled real', edits: [['fake += softplus(l);', 'fake += softplus(-l);']], mistake: 'fake-label' },
  ],
  links: {
    lessons: [{ lesson: '30-gans-and-diffusion', cell: 'gan-md' }, { lesson: '12-key-formulas', cell: 'gd-gan-objective' }],
    questions: ['architectures-gan-non-saturating-loss'],
  },
});
