// Kata: one SMO step: the clipped update of a pair of SVM dual multipliers (alpha_i, alpha_j) with the [L, H] bounds.
import { smoPairUpdate } from '../classic/smo';
import { rngFrom } from '../core/random';
import { defineKata, type CaseContext, type KataCase } from './types';

type Args = [alphaI: number, alphaJ: number, yI: number, yJ: number, errI: number, errJ: number, kII: number, kJJ: number, kIJ: number, C: number];
type Result = [number, number];

const tol = 1e-9;
const isPair = (r: unknown): r is [number, number] => Array.isArray(r) && r.length === 2 && r.every((v) => typeof v === 'number');

/** The unclipped new alpha_j. */
function raw(...[, aj, , yJ, eI, eJ, kII, kJJ, kIJ]: Args): number {
  let eta = kII + kJJ - 2 * kIJ;
  if (eta <= 0) eta = 1e-12;
  return aj + (yJ * (eI - eJ)) / eta;
}

export default defineKata<Args, Result>({
  id: 'smo-pair-update',
  title: 'SMO: the clipped update of two SVM multipliers',
  section: 'algorithms',
  difficulty: 'medium',
  statement: `Write \`smoPairUpdate(alphaI, alphaJ, yI, yJ, errI, errJ, kII, kJJ, kIJ, C)\`: one step of SMO on the SVM dual
$\\max_\\alpha \\sum_i\\alpha_i - \\frac12\\sum_{ij}\\alpha_i\\alpha_jy_iy_jK_{ij}$ subject to $0 \\le \\alpha_i \\le C$ and
$\\sum_i \\alpha_iy_i = 0$. Only $\\alpha_i$ and $\\alpha_j$ change, keeping $y_i\\alpha_i + y_j\\alpha_j$ fixed, so the new
$\\alpha_j$ must stay in the segment $[L, H]$ where that line crosses the box $[0, C]^2$:

$$y_i \\ne y_j:\\ L = \\max(0, \\alpha_j - \\alpha_i),\\ H = \\min(C, C + \\alpha_j - \\alpha_i); \\qquad y_i = y_j:\\ L = \\max(0, \\alpha_i + \\alpha_j - C),\\ H = \\min(C, \\alpha_i + \\alpha_j).$$

$$\\eta = K_{ii} + K_{jj} - 2K_{ij}, \\quad \\alpha_j' = \\mathrm{clip}\\Big(\\alpha_j + \\frac{y_j(E_i - E_j)}{\\eta},\\ L,\\ H\\Big), \\quad \\alpha_i' = \\alpha_i + y_iy_j(\\alpha_j - \\alpha_j').$$

- Labels \`yI\`, \`yJ\` are $-1$ or $+1$; \`errI\`, \`errJ\` are the errors $E_k = f(x_k) - y_k$; $0 \\le \\alpha \\le C$ on input.
- If $\\eta \\le 0$ (duplicate points), use $\\eta = 10^{-12}$: the step then runs to a bound (or is 0 when $E_i = E_j$).
- Return \`[alphaI', alphaJ']\`. Tolerance: $10^{-9}$ absolute plus $10^{-9}$ relative.`,
  functionName: 'smoPairUpdate',
  signature: 'smoPairUpdate(alphaI: number, alphaJ: number, yI: number, yJ: number, errI: number, errJ: number, kII: number, kJJ: number, kIJ: number, C: number): [number, number]',
  starter: `export function smoPairUpdate(alphaI: number, alphaJ: number, yI: number, yJ: number, errI: number, errJ: number, kII: number, kJJ: number, kIJ: number, C: number): [number, number] {
  throw new Error('not implemented');
}
`,
  solution: `export function smoPairUpdate(alphaI: number, alphaJ: number, yI: number, yJ: number, errI: number, errJ: number, kII: number, kJJ: number, kIJ: number, C: number): [number, number] {
  let L: number, H: number;
  if (yI !== yJ) {
    L = Math.max(0, alphaJ - alphaI);
    H = Math.min(C, C + alphaJ - alphaI);
  } else {
    L = Math.max(0, alphaI + alphaJ - C);
    H = Math.min(C, alphaI + alphaJ);
  }
  let eta = kII + kJJ - 2 * kIJ;
  if (eta <= 0) eta = 1e-12;
  let aj = alphaJ + (yJ * (errI - errJ)) / eta;
  if (aj > H) aj = H;
  if (aj < L) aj = L;
  const ai = alphaI + yI * yJ * (alphaJ - aj);
  return [ai, aj];
}
`,
  examples: [
    { name: 'opposite labels, clipped at L = 0.3', kind: 'example', args: [0.2, 0.5, 1, -1, 0.5, -1, 1, 1, 0, 1] },
    { name: 'same labels, inside the box', kind: 'example', args: [0.2, 0.5, 1, 1, 0.1, -0.1, 1, 1, 0, 1] },
  ],
  hiddenCases() {
    const rng = rngFrom(2627);
    const cases: KataCase<Args>[] = [
      { name: 'same labels, clipped at L = 0', kind: 'edge', args: [0.2, 0.5, 1, 1, -1, 0.2, 1, 1, 0, 1] },
      { name: 'opposite labels, clipped at H = C + alpha_j - alpha_i', kind: 'edge', args: [0.9, 0.5, 1, -1, -1, -0.2, 1, 1, 0, 1] },
      { name: 'opposite labels, both start at 0 (the first step)', kind: 'edge', args: [0, 0, -1, 1, 1, -1, 1, 1, 0.2, 10] },
      { name: 'same labels, clipped at H = alpha_i + alpha_j', kind: 'edge', args: [0.3, 0.1, -1, -1, 2, -2, 1, 1, 0.5, 1] },
      { name: 'duplicate points (eta = 0): the step runs to a bound', kind: 'edge', args: [0.4, 0.1, 1, -1, -0.3, 0.3, 1, 1, 1, 1] },
      { name: 'eta = 0 and equal errors: no step', kind: 'edge', args: [0.4, 0.1, 1, 1, 0.2, 0.2, 1, 1, 1, 1] },
    ];
    for (let t = 0; t < 8; t++) {
      const C = [0.5, 1, 10][rng.int(3)];
      const kII = 1, kJJ = 1, kIJ = Math.round(rng.uniform(-0.5, 0.9) * 1000) / 1000;
      const r = (): number => Math.round(rng.uniform(0, C) * 1000) / 1000;
      const y = (): number => (rng.int(2) ? 1 : -1);
      cases.push({ name: `random ${t + 1} (C = ${C})`, kind: 'random', args: [r(), r(), y(), y(), Math.round(rng.normal(0, 1.5) * 1000) / 1000, Math.round(rng.normal(0, 1.5) * 1000) / 1000, kII, kJJ, kIJ, C] });
    }
    cases.push({ name: 'large C = 1e6 with polynomial-kernel sized entries', kind: 'large', args: [2.5e5, 7.5e5, 1, -1, 300, -200, 4e4, 9e4, 5e4, 1e6] });
    return cases;
  },
  reference: (...args) => smoPairUpdate(...args),
  tolerance: { abs: tol, rel: tol },
  hints: ['Compute L and H from the labels first, then the unclipped alpha_j, clip it into [L, H], and move alpha_i by y_i y_j times the opposite of alpha_j\'s change.'],
  mistakes: [
    {
      id: 'no-clip',
      hint: 'clip the new alpha_j into [L, H]: the box 0 <= alpha <= C and the line y_i alpha_i + y_j alpha_j = const must both hold',
      detect: ({ args, received }: CaseContext<Args, Result>) => isPair(received) && Math.abs(received[1] - raw(...args)) <= tol * (1 + Math.abs(received[1])),
    },
    {
      id: 'bounds-opposite-labels',
      hint: 'when y_i != y_j the difference alpha_j - alpha_i is fixed, so L = max(0, alpha_j - alpha_i) and H = min(C, C + alpha_j - alpha_i); the sum bounds are for y_i = y_j',
      detect: ({ args, received }) => {
        const [ai, aj, yI, yJ, , , , , , C] = args;
        if (yI === yJ || !isPair(received)) return false;
        const want = Math.min(Math.min(C, ai + aj), Math.max(Math.max(0, ai + aj - C), raw(...args)));
        return Math.abs(received[1] - want) <= tol * (1 + Math.abs(want));
      },
    },
    {
      id: 'alpha-i-direction',
      hint: 'alpha_i moves by y_i y_j (alpha_j - alpha_j\'): for opposite labels both multipliers move the same way',
      detect: ({ args: [ai, aj, yI, yJ], expected, received }) => yI !== yJ && isPair(received) && Math.abs(received[1] - expected[1]) <= tol * (1 + Math.abs(expected[1]))
        && Math.abs(received[0] - (ai + (aj - expected[1]))) <= tol * (1 + Math.abs(received[0])),
    },
  ],
  mutants: [
    { name: 'no clipping', edits: [['  if (aj > H) aj = H;\n  if (aj < L) aj = L;\n', '']], mistake: 'no-clip' },
    { name: 'same-label bounds for every pair', edits: [['if (yI !== yJ) {', 'if (yI !== yJ && false) {']], mistake: 'bounds-opposite-labels' },
    { name: 'alpha_i moves without y_i y_j', edits: [['const ai = alphaI + yI * yJ * (alphaJ - aj);', 'const ai = alphaI + (alphaJ - aj);']], mistake: 'alpha-i-direction' },
  ],
  links: {
    lessons: [{ lesson: '26-svm-and-kernels', cell: 'smo-md' }, { lesson: '12-key-formulas', cell: 'svm-smo-update' }],
    questions: ['algorithms-svm-smo-two-multipliers', 'algorithms-svm-kkt-conditions'],
  },
});
