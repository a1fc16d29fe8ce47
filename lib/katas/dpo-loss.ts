// Kata: the DPO loss of a batch of preference pairs from sequence log-probs, numerically stable.
import { rngFrom } from '../core/random';
import { dpoLoss as libDpoLoss } from '../lm/dpo';
import { defineKata, type CaseContext, type KataCase } from './types';

type Args = [policyChosen: number[], policyRejected: number[], refChosen: number[], refRejected: number[], beta: number];

function margins([pc, pr, rc, rr, beta]: Args, refSign = 1, b = beta): number[] {
  return pc.map((_, i) => b * ((pc[i] - refSign * rc[i]) - (pr[i] - refSign * rr[i])));
}
const softplus = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
const near = (v: unknown, e: number, ctx: CaseContext<Args, number>) => typeof v === 'number' && Math.abs(v - e) <= ctx.tolerance.abs + ctx.tolerance.rel * Math.abs(e);

export default defineKata<Args, number>({
  id: 'dpo-loss',
  title: 'DPO loss',
  section: 'language-models',
  difficulty: 'medium',
  statement: `Write \`dpoLoss(policyChosen, policyRejected, refChosen, refRejected, beta)\`: the Direct Preference
Optimization loss of a batch of $n$ preference pairs. Each array holds one **sequence log-probability** per pair
($\\log \\pi(y|x)$, the sum of the response's token log-probs) under the policy $\\pi_\\theta$ or the frozen reference $\\pi_{ref}$:

$$m_i = \\beta\\Big[\\big(\\log\\pi_\\theta(y_w) - \\log\\pi_{ref}(y_w)\\big) - \\big(\\log\\pi_\\theta(y_l) - \\log\\pi_{ref}(y_l)\\big)\\Big],\\qquad
L = \\frac{1}{n}\\sum_i -\\log\\sigma(m_i).$$

- Return the **mean** over pairs (a number). $\\beta > 0$, $n \\ge 1$, all inputs finite.
- It must be stable for margins of $\\pm 1000$: $-\\log\\sigma(m) = \\log(1 + e^{-m})$ is the softplus of $-m$;
  compute it without overflowing (for $m = -1000$ the answer is $1000$, not \`Infinity\`).
- Tolerance: $10^{-9}$ absolute plus $10^{-9}$ relative.`,
  functionName: 'dpoLoss',
  signature: 'dpoLoss(policyChosen: number[], policyRejected: number[], refChosen: number[], refRejected: number[], beta: number): number',
  starter: `export function dpoLoss(policyChosen: number[], policyRejected: number[], refChosen: number[], refRejected: number[], beta: number): number {
  throw new Error('not implemented');
}
`,
  solution: `export function dpoLoss(policyChosen: number[], policyRejected: number[], refChosen: number[], refRejected: number[], beta: number): number {
  const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
  let total = 0;
  for (let i = 0; i < policyChosen.length; i++) {
    const m = beta * ((policyChosen[i] - refChosen[i]) - (policyRejected[i] - refRejected[i]));
    total += softplus(-m);
  }
  return total / policyChosen.length;
}
`,
  examples: [
    { name: 'policy = reference: log 2', kind: 'example', args: [[-10, -12], [-11, -9], [-10, -12], [-11, -9], 0.1] },
    { name: 'one pair, margin 1.5', kind: 'example', args: [[-8], [-11], [-10], [-10], 0.5] },
  ],
  hiddenCases() {
    const rng = rngFrom(1612);
    const lp = (n: number) => Array.from({ length: n }, () => -30 + rng.normal(0, 5));
    const cases: KataCase<Args>[] = [
      { name: 'wrong order: negative margin', kind: 'edge', args: [[-12], [-8], [-10], [-10], 1] },
      { name: 'reference differs, policy equal', kind: 'edge', args: [[-10, -10], [-10, -10], [-9, -12], [-12, -9], 0.2] },
      { name: 'beta = 1', kind: 'edge', args: [[-1, -2, -3], [-3, -2, -1], [-2, -2, -2], [-2, -2, -2], 1] },
    ];
    for (let t = 0; t < 5; t++) {
      const n = 1 + rng.int(8);
      cases.push({ name: `random ${t + 1} (n = ${n})`, kind: 'random', args: [lp(n), lp(n), lp(n), lp(n), [0.05, 0.1, 0.5, 1][rng.int(4)]] });
    }
    cases.push({ name: 'margins of +-1000 (stability)', kind: 'large', args: [[-10, -2010], [-2010, -10], [-1010, -1010], [-1010, -1010], 1] });
    return cases;
  },
  reference: (pc, pr, rc, rr, beta) => libDpoLoss({ policyChosen: pc, policyRejected: pr, refChosen: rc, refRejected: rr }, beta).loss,
  tolerance: { abs: 1e-9, rel: 1e-9 },
  hints: ['Margin m = beta * ((pc - rc) - (pr - rr)); loss = mean of softplus(-m), with softplus(z) = max(z, 0) + log1p(exp(-|z|)).'],
  mistakes: [
    { id: 'not-stable', hint: '-log(sigmoid(m)) overflows for large |m|: use softplus(-m) = max(-m, 0) + log1p(exp(-|m|))', detect: ({ received }) => typeof received !== 'number' || !Number.isFinite(received) },
    { id: 'ref-sign', hint: 'the implicit reward is log pi - log pi_ref: subtract the reference log-probs, do not add them', detect: (ctx) => near(ctx.received, margins(ctx.args, -1).reduce((s, m) => s + softplus(-m), 0) / ctx.args[0].length, ctx) },
    { id: 'no-beta', hint: 'multiply the difference of log-ratios by beta before the sigmoid', detect: (ctx) => near(ctx.received, margins(ctx.args, 1, 1).reduce((s, m) => s + softplus(-m), 0) / ctx.args[0].length, ctx) },
    { id: 'sum-not-mean', hint: 'average over the pairs (divide by n)', detect: (ctx) => near(ctx.received, ctx.expected * ctx.args[0].length, ctx) },
  ],
  mutants: [
    { name: 'naive -log(sigmoid)', edits: [['total += softplus(-m);', 'total += -Math.log(1 / (1 + Math.exp(-m)));']], mistake: 'not-stable' },
    { name: 'reference added', edits: [['(policyChosen[i] - refChosen[i]) - (policyRejected[i] - refRejected[i])', '(policyChosen[i] + refChosen[i]) - (policyRejected[i] + refRejected[i])']], mistake: 'ref-sign' },
    { name: 'beta forgotten', edits: [['const m = beta * (', 'const m = (']], mistake: 'no-beta' },
    { name: 'sum over pairs', edits: [['return total / policyChosen.length;', 'return total;']], mistake: 'sum-not-mean' },
  ],
  links: {
    lessons: [{ lesson: '16-adapting-and-aligning', cell: 'dpo-md' }],
    questions: ['language-models-dpo-derivation', 'language-models-implicit-reward-margin'],
  },
});
