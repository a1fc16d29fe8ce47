// Kata: the one-sample ELBO of a VAE for one image: Bernoulli log-likelihood from logits minus the closed-form KL (reference: lib/generative/elbo.ts).
import { Rng } from '../core/random';
import { elbo } from '../generative/elbo';
import { mistakeFrom, normals, uniforms } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [x: number[], logits: number[], mu: number[], logVar: number[]];

const kl = (mu: number[], v: number[]) => 0.5 * mu.reduce((s, m, j) => s + Math.exp(v[j]) + m * m - 1 - v[j], 0);
const logLik = (x: number[], l: number[], logSig: (t: number) => number) => x.reduce((s, xk, k) => s + xk * logSig(l[k]) + (1 - xk) * logSig(-l[k]), 0);
const stableLogSig = (t: number) => (t < 0 ? t - Math.log1p(Math.exp(t)) : -Math.log1p(Math.exp(-t)));

const examples: KataCase<Args>[] = [
  { name: 'two pixels at p = 1/2, code = prior', kind: 'example', args: [[1, 0], [0, 0], [0], [0]] },
  { name: 'three pixels, 2-D code', kind: 'example', args: [[1, 0, 0.5], [2, -1, 0.3], [0.5, -0.2], [-0.5, 0.1]] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(2902);
  const cases: KataCase<Args>[] = [
    { name: 'grey pixels as soft targets', kind: 'edge', args: [[0.25, 0.75], [1, -1], [0], [0]] },
    { name: 'confident and right: logits +-30', kind: 'edge', args: [[1, 0, 1], [30, -30, 30], [1, -1], [0.5, -0.5]] },
    { name: 'logits of +-800 (exp overflows)', kind: 'large', args: [[1, 0, 0, 1], [800, -800, 5, -3], [0.2], [0]] },
    { name: 'confident and wrong: logit -800 on an inked pixel', kind: 'large', args: [[1, 0], [-800, 0], [0], [0]] },
  ];
  for (let r = 0; r < 5; r++) {
    const D = 2 + rng.int(30), d = 1 + rng.int(4);
    cases.push({ name: `random ${r + 1} (D = ${D}, d = ${d})`, kind: 'random', args: [uniforms(rng, D), normals(rng, D, 3), normals(rng, d), normals(rng, d, 0.7)] });
  }
  cases.push({ name: '784 pixels, d = 16', kind: 'large', args: [uniforms(rng, 784), normals(rng, 784, 4), normals(rng, 16), normals(rng, 16)] });
  return cases;
}

export default defineKata<Args, number>({
  id: 'vae-elbo',
  title: 'The VAE ELBO of one image',
  section: 'architectures',
  difficulty: 'medium',
  statement: `Return the one-sample **ELBO** of a VAE for one image $x$ (pixels $x_k \\in [0, 1]$), given the decoder's logits
$\\ell$ at the sampled code and the encoder's mean $\\mu$ and log-variance $v$:

$$\\text{ELBO} = \\underbrace{\\sum_k \\big[x_k \\log \\sigma(\\ell_k) + (1 - x_k) \\log(1 - \\sigma(\\ell_k))\\big]}_{\\log p(x \\mid z)} \\; - \\; \\underbrace{\\tfrac12 \\sum_j \\big(e^{v_j} + \\mu_j^2 - 1 - v_j\\big)}_{\\mathrm{KL}(q(z \\mid x)\\,\\|\\,\\mathcal N(0, I))}$$

in nats, where $\\sigma(t) = 1/(1 + e^{-t})$.

- Grey pixels are soft targets (use the formula as written for any $x_k \\in [0, 1]$).
- It must be **stable**: logits of $\\pm 800$ must give finite, correct values (for example
  $\\log \\sigma(t) = -\\operatorname{softplus}(-t)$ and $\\log(1 - \\sigma(t)) = -\\operatorname{softplus}(t)$ with a stable
  softplus; $\\log \\sigma(-800) = -800$, not $-\\infty$).
- \`x\` and \`logits\` have one length $D \\ge 1$; \`mu\` and \`logVar\` one length $d \\ge 1$.
- Tolerance: $10^{-9}$ absolute plus $10^{-9}$ relative.`,
  functionName: 'vaeElbo',
  signature: 'vaeElbo(x: number[], logits: number[], mu: number[], logVar: number[]): number',
  starter: `export function vaeElbo(x: number[], logits: number[], mu: number[], logVar: number[]): number {
  throw new Error('not implemented');
}
`,
  solution: `export function vaeElbo(x: number[], logits: number[], mu: number[], logVar: number[]): number {
  const softplus = (t: number) => (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t)));
  let reconstruction = 0;
  for (let k = 0; k < x.length; k++) reconstruction += x[k] * logits[k] - softplus(logits[k]);
  let kl = 0;
  for (let j = 0; j < mu.length; j++) kl += Math.exp(logVar[j]) + mu[j] * mu[j] - 1 - logVar[j];
  return reconstruction - 0.5 * kl;
}
`,
  examples,
  hiddenCases,
  reference: (x, logits, mu, logVar) => elbo(x, logits, mu, logVar).elbo,
  tolerance: { abs: 1e-9, rel: 1e-9 },
  hints: ['Add x_k * l_k - softplus(l_k) over the pixels (that is the Bernoulli log-likelihood), then subtract the closed-form KL 0.5 * sum(e^v + mu^2 - 1 - v).'],
  mistakes: [
    mistakeFrom<Args, number>('kl-added', 'The ELBO is reconstruction MINUS the KL: the KL is a penalty for codes far from the prior.',
      (x, l, mu, v) => logLik(x, l, stableLogSig) + kl(mu, v)),
    mistakeFrom<Args, number>('bce-sign', 'The reconstruction term is the log-likelihood, minus the binary cross-entropy: it is <= 0 for binary pixels.',
      (x, l, mu, v) => -logLik(x, l, stableLogSig) - kl(mu, v)),
    {
      id: 'unstable',
      hint: 'Math.log(1 / (1 + Math.exp(-t))) overflows for logits near -800 (exp(800) is Infinity, log(0) is -Infinity, 0 * -Infinity is NaN): use a stable softplus.',
      detect: (ctx) => typeof ctx.received === 'number' && !Number.isFinite(ctx.received) && ctx.args[1].some((t) => Math.abs(t) > 700),
    },
    mistakeFrom<Args, number>('kl-missing-half', 'The Gaussian KL has a factor 1/2 in front of its sum.',
      (x, l, mu, v) => logLik(x, l, stableLogSig) - 2 * kl(mu, v)),
  ],
  mutants: [
    { name: 'adds the KL', edits: [['return reconstruction - 0.5 * kl;', 'return reconstruction + 0.5 * kl;']], mistake: 'kl-added' },
    { name: 'cross-entropy instead of log-likelihood', edits: [['reconstruction += x[k] * logits[k] - softplus(logits[k]);', 'reconstruction += softplus(logits[k]) - x[k] * logits[k];']], mistake: 'bce-sign' },
    { name: 'naive log-sigmoid', edits: [['reconstruction += x[k] * logits[k] - softplus(logits[k]);', 'reconstruction += x[k] * Math.log(1 / (1 + Math.exp(-logits[k]))) + (1 - x[k]) * Math.log(1 - 1 / (1 + Math.exp(-logits[k])));']], mistake: 'unstable' },
    { name: 'KL without 1/2', edits: [['return reconstruction - 0.5 * kl;', 'return reconstruction - kl;']], mistake: 'kl-missing-half' },
  ],
  links: {
    lessons: [{ lesson: '29-autoencoders-and-vae', cell: 'elbo-check' }, { lesson: '12-key-formulas', cell: 'vae-elbo' }],
    questions: ['architectures-elbo-derivation'],
  },
});
