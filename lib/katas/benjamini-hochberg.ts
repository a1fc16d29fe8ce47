// Kata: the Benjamini-Hochberg step-up procedure (reference: lib/stats/multiple-testing.ts benjaminiHochberg).
import { benjaminiHochberg } from '../stats/multiple-testing';
import { rngFrom } from '../core/random';
import { normalSf } from '../stats/normal';
import { defineKata, type KataCase } from './types';

type Args = [p: number[], alpha: number];
type Result = boolean[];

function reference(...[p, alpha]: Args): Result {
  return benjaminiHochberg(p, { alpha }).reject;
}

/** What the step-down mistake returns: stop at the first sorted p-value above its threshold. */
function stepDown(p: number[], alpha: number): Result {
  const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b] || a - b);
  const out = p.map(() => false);
  for (let r = 0; r < order.length; r++) { if (p[order[r]] > ((r + 1) * alpha) / p.length) break; out[order[r]] = true; }
  return out;
}

const same = (a: unknown, b: Result) => Array.isArray(a) && a.length === b.length && a.every((v, i) => v === b[i]);

export default defineKata<Args, Result>({
  id: 'benjamini-hochberg',
  title: 'Benjamini-Hochberg: which hypotheses to reject at a false discovery rate',
  section: 'experimentation',
  difficulty: 'medium',
  statement: `Write \`bhReject(p, alpha)\`: the Benjamini-Hochberg procedure at false discovery rate \`alpha\` (0 < alpha < 1)
for the p-values \`p\` (at least one, each in [0, 1], in any order, ties allowed).

- Sort the p-values ascending, $p_{(1)} \\le \\dots \\le p_{(m)}$.
- Find the **largest** rank $k$ with $p_{(k)} \\le k\\,\\alpha / m$ (step-up: a rank that fails does not stop the
  search; later ranks may still pass). If none passes, $k = 0$.
- Reject the hypotheses with the $k$ smallest p-values.

Return an array of booleans in the **original order** of \`p\`: \`true\` where the hypothesis is rejected. With ties at the
cut, every p-value $\\le p_{(k)}$ is rejected. Do not change the arguments.`,
  functionName: 'bhReject',
  signature: 'bhReject(p: number[], alpha: number): boolean[]',
  starter: `export function bhReject(p: number[], alpha: number): boolean[] {
  throw new Error('not implemented');
}
`,
  solution: `export function bhReject(p: number[], alpha: number): boolean[] {
  const m = p.length;
  const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b]);
  let k = 0;
  for (let r = 0; r < m; r++) if (p[order[r]] <= ((r + 1) * alpha) / m) k = r + 1;
  const reject = p.map(() => false);
  for (let r = 0; r < k; r++) reject[order[r]] = true;
  return reject;
}
`,
  examples: [
    { name: "the lesson's 10 p-values at α = 0.05", kind: 'example', args: [[0.01, 0.04, 0.03, 0.005, 0.2, 0.5, 0.021, 0.8, 0.001, 0.06], 0.05] },
    { name: 'step-up: rank 2 fails, rank 3 passes', kind: 'example', args: [[0.035, 0.9, 0.01, 0.03], 0.05] },
  ],
  hiddenCases() {
    const rng = rngFrom(2323);
    const cases: KataCase<Args>[] = [
      { name: 'one p-value below α', kind: 'edge', args: [[0.04], 0.05] },
      { name: 'one p-value above α', kind: 'edge', args: [[0.06], 0.05] },
      { name: 'nothing significant', kind: 'edge', args: [[0.3, 0.9, 0.5, 0.07], 0.05] },
      { name: 'everything significant', kind: 'edge', args: [[0.001, 0.002, 0.003], 0.05] },
      { name: 'all equal to α: all rejected', kind: 'edge', args: [[0.1, 0.1, 0.1, 0.1], 0.1] },
      { name: 'ties at the cut', kind: 'edge', args: [[0.02, 0.5, 0.02, 0.02, 0.9], 0.05] },
      { name: 'a zero and a one', kind: 'edge', args: [[1, 0, 0.6], 0.05] },
      { name: 'step-up twice', kind: 'edge', args: [[0.009, 0.019, 0.021, 0.04, 0.045, 0.7], 0.05] },
    ];
    for (let t = 0; t < 6; t++) {
      const m = 5 + rng.int(40), m1 = rng.int(m);
      const p = Array.from({ length: m }, (_, i) => 2 * normalSf(Math.abs(rng.normal(i < m1 ? 2.5 : 0))));
      rng.shuffle(p);
      cases.push({ name: `random ${t + 1} (m = ${m})`, kind: 'random', args: [p, [0.05, 0.1, 0.2][rng.int(3)]] });
    }
    const big = Array.from({ length: 2000 }, (_, i) => 2 * normalSf(Math.abs(rng.normal(i < 300 ? 3 : 0))));
    rng.shuffle(big);
    cases.push({ name: 'large: 2,000 tests, 300 real effects', kind: 'large', args: [big, 0.05] });
    return cases;
  },
  reference,
  tolerance: { abs: 0, rel: 0 },
  hints: ['Sort the indices by p-value, scan every rank r = 1..m and remember the LAST rank whose p-value is at most r·α/m; then mark the indices of the first k sorted p-values.'],
  mistakes: [
    {
      id: 'step-down',
      hint: 'do not stop at the first rank that fails: BH is step-up, it rejects up to the LARGEST rank k with p_(k) <= k·α/m',
      detect: ({ args: [p, alpha], received }) => same(received, stepDown(p, alpha)),
    },
    {
      id: 'bonferroni',
      hint: 'that is Bonferroni (p <= α/m for every test); BH compares the k-th smallest p-value with k·α/m',
      detect: ({ args: [p, alpha], received }) => same(received, p.map((v) => v <= alpha / p.length)),
    },
    {
      id: 'sorted-order',
      hint: 'return the decisions in the original order of p, not in sorted order',
      detect: ({ args: [p, alpha], received }) => {
        const ref = reference(p, alpha);
        const sortedRef = p.map((_, i) => i).sort((a, b) => p[a] - p[b]).map((i) => ref[i]);
        return same(received, sortedRef);
      },
    },
  ],
  mutants: [
    { name: 'step-down instead of step-up', edits: [['if (p[order[r]] <= ((r + 1) * alpha) / m) k = r + 1;', 'if (p[order[r]] <= ((r + 1) * alpha) / m) k = r + 1; else break;']], mistake: 'step-down' },
    { name: 'Bonferroni threshold', edits: [['((r + 1) * alpha) / m) k = r + 1;', '(alpha / m)) k = r + 1;']], mistake: 'bonferroni' },
    { name: 'decisions in sorted order', edits: [['for (let r = 0; r < k; r++) reject[order[r]] = true;', 'for (let r = 0; r < k; r++) reject[r] = true;']], mistake: 'sorted-order' },
  ],
  links: {
    lessons: [{ lesson: '23-experimentation', cell: 'multiple-md' }, { lesson: '12-key-formulas', cell: 'benjamini-hochberg-procedure' }],
    questions: ['experimentation-bh-procedure', 'experimentation-bonferroni-vs-bh'],
  },
});
