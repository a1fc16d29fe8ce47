// Kata: the closed-form KL divergence of a VAE encoder's diagonal Gaussian to N(0, I), from mu and the log-variance (reference: lib/generative/gaussian-kl.ts).
import { Rng } from '../core/random';
import { gaussianKl } from '../generative/gaussian-kl';
import { mistakeFrom, normals } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [mu: number[], logVar: number[]];

const sum = (mu: number[], term: (m: number, v: number) => number) => mu.reduce((s, m, j) => s + term(m, j), 0);

const examples: KataCase<Args>[] = [
  { name: 'mean 1, unit variance: 0.5', kind: 'example', args: [[1], [0]] },
  { name: 'two dimensions', kind: 'example', args: [[0.5, -1], [0, Math.log(0.25)]] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(2901);
  const cases: KataCase<Args>[] = [
    { name: 'q is the prior: 0', kind: 'edge', args: [[0, 0, 0], [0, 0, 0]] },
    { name: 'zero mean, variance 2', kind: 'edge', args: [[0], [Math.log(2)]] },
    { name: 'negative log-variance (sigma^2 < 1)', kind: 'edge', args: [[0, 0], [-1, -3]] },
    { name: 'one dimension far from the prior', kind: 'edge', args: [[3], [1.5]] },
  ];
  for (let r = 0; r < 5; r++) {
    const d = 1 + rng.int(16);
    cases.push({ name: `random ${r + 1} (d = ${d})`, kind: 'random', args: [normals(rng, d), normals(rng, d, 0.8)] });
  }
  cases.push({ name: 'd = 512, log-variances down to -8', kind: 'large', args: [normals(rng, 512, 2), normals(rng, 512, 3)] });
  return cases;
}

export default defineKata<Args, number>({
  id: 'vae-kl',
  title: "The VAE's KL term",
  section: 'architectures',
  difficulty: 'easy',
  statement: `A VAE encoder outputs, for one input, a mean vector $\\mu$ and a **log-variance** vector $v$ ($\\sigma_j^2 = e^{v_j}$).
Return the KL divergence of $q = \\mathcal N(\\mu, \\operatorname{diag} \\sigma^2)$ from the prior $\\mathcal N(0, I)$ in nats,
in closed form:

$$\\mathrm{KL}(q \\,\\|\\, \\mathcal N(0, I)) = \\frac12 \\sum_{j=1}^d \\left(\\sigma_j^2 + \\mu_j^2 - 1 - \\log \\sigma_j^2\\right) = \\frac12 \\sum_j \\left(e^{v_j} + \\mu_j^2 - 1 - v_j\\right).$$

- \`mu\` and \`logVar\` have the same length $d \\ge 1$, all finite; \`logVar\` may be negative ($\\sigma^2 < 1$).
- The result is $\\ge 0$, and $0$ exactly when $\\mu = 0$ and $v = 0$.
- Tolerance: $10^{-9}$ absolute plus $10^{-9}$ relative.`,
  functionName: 'vaeKl',
  signature: 'vaeKl(mu: number[], logVar: number[]): number',
  starter: `export function vaeKl(mu: number[], logVar: number[]): number {
  throw new Error('not implemented');
}
`,
  solution: `export function vaeKl(mu: number[], logVar: number[]): number {
  let s = 0;
  for (let j = 0; j < mu.length; j++) {
    const variance = Math.exp(logVar[j]);
    s += variance + mu[j] * mu[j] - 1 - logVar[j];
  }
  return 0.5 * s;
}
`,
  examples,
  hiddenCases,
  reference: (mu, logVar) => gaussianKl(mu, logVar),
  tolerance: { abs: 1e-9, rel: 1e-9 },
  hints: ['Sum e^v + mu^2 - 1 - v over the dimensions and halve it: the encoder gives the log of the variance, so the variance is e^v and log sigma^2 is v itself.'],
  mistakes: [
    mistakeFrom<Args, number>('sigma-not-logvar', 'logVar is the log of the variance, not the standard deviation (or the variance): sigma^2 = e^v and log sigma^2 = v.',
      (mu, v) => 0.5 * sum(mu, (m, j) => v[j] * v[j] + m * m - 1 - Math.log(v[j] * v[j]))),
    mistakeFrom<Args, number>('std-as-variance', 'e^(v/2) is the standard deviation; the formula needs the variance sigma^2 = e^v.',
      (mu, v) => 0.5 * sum(mu, (m, j) => Math.exp(v[j] / 2) + m * m - 1 - v[j])),
    mistakeFrom<Args, number>('missing-half', 'The KL of Gaussians has a factor 1/2 in front of the sum.',
      (mu, v) => sum(mu, (m, j) => Math.exp(v[j]) + m * m - 1 - v[j])),
    mistakeFrom<Args, number>('plus-one', 'The constant term is -1 per dimension (so the KL is 0 at the prior), not +1.',
      (mu, v) => 0.5 * sum(mu, (m, j) => Math.exp(v[j]) + m * m + 1 - v[j])),
  ],
  mutants: [
    { name: 'treats logVar as sigma', edits: [['const variance = Math.exp(logVar[j]);', 'const variance = logVar[j] * logVar[j];'], ['- 1 - logVar[j];', '- 1 - Math.log(variance);']], mistake: 'sigma-not-logvar' },
    { name: 'uses the standard deviation', edits: [['const variance = Math.exp(logVar[j]);', 'const variance = Math.exp(logVar[j] / 2);']], mistake: 'std-as-variance' },
    { name: 'missing 1/2', edits: [['return 0.5 * s;', 'return s;']], mistake: 'missing-half' },
    { name: 'sign of the 1 term', edits: [['mu[j] * mu[j] - 1 - logVar[j]', 'mu[j] * mu[j] + 1 - logVar[j]']], mistake: 'plus-one' },
  ],
  links: {
    lessons: [{ lesson: '29-autoencoders-and-vae', cell: 'kl-check' }, { lesson: '12-key-formulas', cell: 'vae-gaussian-kl' }],
    questions: ['architectures-vae-gaussian-kl'],
  },
});
