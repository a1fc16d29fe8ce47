// Kata: XGBoost's best split on one feature from gradients and hessians (reference: lib/classic/hist-gradient-boosting.ts rootSplit).
import { rootSplit } from '../classic/hist-gradient-boosting';
import { rngFrom } from '../core/random';
import { defineKata, type KataCase } from './types';

type Args = [x: number[], g: number[], h: number[], lambda: number, gamma: number];
type Result = { threshold: number; gain: number } | null;

function reference(...[x, g, h, lambda, gamma]: Args): Result {
  const s = rootSplit(x.map((v) => [v]), g, h, { lambda, gamma, minChildWeight: 0, splitMethod: 'exact' });
  return s === null ? null : { threshold: s.threshold, gain: s.gain };
}

function randomCase(rng: ReturnType<typeof rngFrom>, n: number, distinct: number, scale: number): Args {
  const x = Array.from({ length: n }, () => rng.int(distinct) * scale);
  x[0] = 0; x[1] = scale;
  const g = x.map((v) => Math.round((Math.tanh(v / scale - distinct / 2) + rng.normal(0, 0.5)) * 1000) / 1000);
  const h = x.map(() => Math.round((0.05 + 0.2 * rng.random()) * 1000) / 1000);
  return [x, g, h, [0, 1, 5][rng.int(3)], [0, 0.01, 0.1][rng.int(3)]];
}

/** The gain of cutting at t with a given formula variant, for the mistake detectors. */
function gainAt(x: number[], g: number[], h: number[], t: number, lambda: number): number {
  let GL = 0, HL = 0, GR = 0, HR = 0;
  x.forEach((v, i) => { if (v <= t) { GL += g[i]; HL += h[i]; } else { GR += g[i]; HR += h[i]; } });
  return 0.5 * (GL * GL / (HL + lambda) + GR * GR / (HR + lambda) - (GL + GR) ** 2 / (HL + HR + lambda));
}

export default defineKata<Args, Result>({
  id: 'xgb-split-gain',
  title: 'XGBoost split gain: the best cut from gradients and hessians',
  section: 'data-and-features',
  difficulty: 'medium',
  statement: `Write \`bestSplit(x, g, h, lambda, gamma)\`: the split XGBoost's exact greedy method makes on one numeric
feature \`x\` (no missing values, any order, repeats allowed), given each row's gradient \`g[i]\` and hessian
\`h[i] > 0\` of the loss at the current scores, the L2 penalty \`lambda\` $\\ge 0$ and the split cost \`gamma\` $\\ge 0$.

- **Candidates**: halfway between adjacent distinct sorted values, $t = (a + b)/2$. A row goes left when $x \\le t$.
- **Gain** of a candidate, with $G_L, H_L$ the sums of $g$ and $h$ over the left rows (likewise $R$):

$$\\text{gain}(t) = \\frac12\\left[\\frac{G_L^2}{H_L+\\lambda} + \\frac{G_R^2}{H_R+\\lambda} - \\frac{(G_L+G_R)^2}{H_L+H_R+\\lambda}\\right] - \\gamma .$$

- Return \`{ threshold, gain }\` for the candidate with the **largest** gain, or \`null\` when no candidate has a gain
  above $10^{-9}$ (the leaf is not split). Gains within $10^{-9}$ of each other count as tied, and the **lowest
  threshold** wins a tie. Do not change the arguments. Tolerance $10^{-9}$ (relative or absolute).`,
  functionName: 'bestSplit',
  signature: 'bestSplit(x: number[], g: number[], h: number[], lambda: number, gamma: number): { threshold: number; gain: number } | null',
  starter: `export function bestSplit(x: number[], g: number[], h: number[], lambda: number, gamma: number): { threshold: number; gain: number } | null {
  throw new Error('not implemented');
}
`,
  solution: `export function bestSplit(x: number[], g: number[], h: number[], lambda: number, gamma: number): { threshold: number; gain: number } | null {
  const values = [...new Set(x)].sort((a, b) => a - b);
  let G = 0, H = 0;
  for (let i = 0; i < x.length; i++) { G += g[i]; H += h[i]; }
  const score = (gs: number, hs: number) => (gs * gs) / (hs + lambda);
  let best: { threshold: number; gain: number } | null = null;
  for (let v = 0; v + 1 < values.length; v++) {
    const t = (values[v] + values[v + 1]) / 2;
    let GL = 0, HL = 0;
    for (let i = 0; i < x.length; i++) if (x[i] <= t) { GL += g[i]; HL += h[i]; }
    const gain = 0.5 * (score(GL, HL) + score(G - GL, H - HL) - score(G, H)) - gamma;
    if (gain > (best === null ? 0 : best.gain) + 1e-9) best = { threshold: t, gain };
  }
  return best;
}
`,
  examples: [
    { name: "the lesson's hand case: g = 5, 5, -5, -5, λ = 1", kind: 'example', args: [[1, 2, 3, 4], [5, 5, -5, -5], [1, 1, 1, 1], 1, 0] },
    { name: 'unsorted with repeats, γ = 0.1', kind: 'example', args: [[3, 1, 2, 3, 1], [-0.4, 0.3, 0.1, -0.5, 0.2], [0.24, 0.21, 0.25, 0.25, 0.16], 1, 0.1] },
  ],
  hiddenCases() {
    const rng = rngFrom(2121);
    const cases: KataCase<Args>[] = [
      { name: 'two values', kind: 'edge', args: [[5, 7], [1, -1], [0.25, 0.25], 0, 0] },
      { name: 'γ larger than every gain: null', kind: 'edge', args: [[1, 2, 3, 4], [5, 5, -5, -5], [1, 1, 1, 1], 1, 40] },
      { name: 'all gradients zero: null', kind: 'edge', args: [[1, 2, 3], [0, 0, 0], [0.2, 0.2, 0.2], 1, 0] },
      { name: 'symmetric tie: lowest threshold wins', kind: 'edge', args: [[1, 2, 3, 4, 5, 6], [1, -1, 1, 1, -1, 1], [1, 1, 1, 1, 1, 1], 0, 0] },
      { name: 'λ = 0 with squared-loss hessians', kind: 'edge', args: [[0, 1, 2, 3, 4], [2, 1, -0.5, -1, -1.5], [1, 1, 1, 1, 1], 0, 0] },
      { name: 'large λ shrinks the gain', kind: 'edge', args: [[1, 2, 3, 4], [5, 5, -5, -5], [1, 1, 1, 1], 100, 0] },
      { name: 'negative values', kind: 'edge', args: [[-3, -1, -2, 0], [0.6, -0.4, 0.5, -0.7], [0.24, 0.24, 0.25, 0.21], 1, 0.01] },
    ];
    for (let t = 0; t < 5; t++) {
      const n = 6 + rng.int(30);
      cases.push({ name: `random ${t + 1} (n = ${n})`, kind: 'random', args: randomCase(rng, n, 3 + rng.int(8), 1) });
    }
    cases.push({ name: 'large: 400 rows, values ~1e8', kind: 'large', args: randomCase(rng, 400, 60, 1e8 + 0.5) });
    return cases;
  },
  reference,
  tolerance: { abs: 1e-9, rel: 1e-9 },
  hints: ['Sum g and h over all rows once; for each midpoint sum them over the left rows, get the right side by subtraction, and keep the first candidate whose gain beats the best (starting from 0) by more than 1e-9.'],
  mistakes: [
    {
      id: 'split-anyway',
      hint: 'when no gain is above 1e-9 the leaf is not split: return null',
      detect: ({ expected, received }) => expected === null && received !== null,
    },
    {
      id: 'no-half',
      hint: 'the gain is half the bracket: ½[G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)], then minus γ',
      detect: ({ args: [, , , , gamma], expected, received }) => {
        const r = received as Result;
        return expected !== null && r !== null && Math.abs(r.gain - (2 * (expected.gain + gamma) - gamma)) < 1e-6 * (1 + Math.abs(r.gain));
      },
    },
    {
      id: 'no-gamma',
      hint: 'subtract γ, the price of one more leaf, from every candidate\'s gain',
      detect: ({ args: [, , , , gamma], expected, received }) => {
        const r = received as Result;
        return gamma > 0 && r !== null && (expected === null ? Math.abs(r.gain) <= gamma + 1e-9 : Math.abs(r.gain - (expected.gain + gamma)) < 1e-9 * (1 + Math.abs(r.gain)));
      },
    },
    {
      id: 'midpoint',
      hint: 'the threshold is halfway between two adjacent distinct values, not one of the values themselves',
      detect: ({ args: [x], received }) => received !== null && x.includes((received as { threshold: number }).threshold),
    },
    {
      id: 'lambda',
      hint: 'add λ to every hessian sum, the parent\'s H_L + H_R + λ included',
      detect: ({ args: [x, g, h, lambda, gamma], received }) => {
        const r = received as Result;
        return lambda > 0 && r !== null && Math.abs(r.gain - (gainAt(x, g, h, r.threshold, 0) - gamma)) < 1e-9 * (1 + Math.abs(r.gain));
      },
    },
  ],
  mutants: [
    { name: 'gain without the ½', edits: [['const gain = 0.5 * (score(GL, HL) + score(G - GL, H - HL) - score(G, H)) - gamma;', 'const gain = (score(GL, HL) + score(G - GL, H - HL) - score(G, H)) - gamma;']], mistake: 'no-half' },
    { name: 'γ forgotten', edits: [['- score(G, H)) - gamma;', '- score(G, H));']], mistake: 'no-gamma' },
    { name: 'threshold at the lower value', edits: [['const t = (values[v] + values[v + 1]) / 2;', 'const t = values[v];']], mistake: 'midpoint' },
    { name: 'λ left out', edits: [['(gs * gs) / (hs + lambda)', '(gs * gs) / hs']], mistake: 'lambda' },
  ],
  links: {
    lessons: [{ lesson: '21-gradient-boosting', cell: 'newton-md' }, { lesson: '12-key-formulas', cell: 'xgboost-split-gain' }],
    questions: ['algorithms-xgboost-split-gain', 'algorithms-xgboost-leaf-weight'],
  },
});
