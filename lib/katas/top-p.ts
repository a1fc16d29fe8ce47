// Kata: nucleus (top-p) filtering of a next-token distribution.
import { rngFrom } from '../core/random';
import { topPFilter } from '../sampling/top-p';
import { defineKata, type KataCase } from './types';

type Args = [probs: number[], p: number];

function distribution(rng: ReturnType<typeof rngFrom>, n: number, peaked: number): number[] {
  const raw = Array.from({ length: n }, () => Math.exp(rng.normal(0, peaked)));
  const s = raw.reduce((a, b) => a + b, 0);
  return raw.map((v) => v / s);
}

function keptCount(v: unknown): number {
  return Array.isArray(v) ? v.filter((x) => typeof x === 'number' && x > 0).length : -1;
}

export default defineKata<Args, number[]>({
  id: 'top-p',
  title: 'Top-p (nucleus) filtering',
  section: 'architectures',
  difficulty: 'medium',
  statement: `Write \`topP(probs, p)\`: the nucleus-sampling filter a language model applies to its next-token
distribution. \`probs\` sums to 1 (non-negative), $0 < p \\le 1$.

1. Order the tokens by **decreasing** probability; equal probabilities go by **lower index first**.
2. Keep tokens in that order until the kept mass reaches $p$: stop at the first prefix whose mass
   $M \\ge p - 10^{-12}$ (the slack absorbs rounding: $0.7 + 0.2 = 0.8999999999999999$ reaches $0.9$).
3. Zero every other token and divide the kept ones by $M$:
   $\\; q_i = p_i / M$ if $i$ is kept, else $0$.

Return a new array of the same length (do not change \`probs\`). Tolerance: $10^{-12}$ absolute plus $10^{-9}$ relative.`,
  functionName: 'topP',
  signature: 'topP(probs: number[], p: number): number[]',
  starter: `export function topP(probs: number[], p: number): number[] {
  throw new Error('not implemented');
}
`,
  solution: `export function topP(probs: number[], p: number): number[] {
  const order = probs.map((_, i) => i).sort((a, b) => probs[b] - probs[a] || a - b);
  const out = new Array<number>(probs.length).fill(0);
  let mass = 0, count = 0;
  while (count < order.length) {
    mass += probs[order[count]];
    count++;
    if (mass >= p - 1e-12) break;
  }
  for (let t = 0; t < count; t++) out[order[t]] = probs[order[t]] / mass;
  return out;
}
`,
  examples: [
    { name: 'keep two of three', kind: 'example', args: [[0.1, 0.5, 0.4], 0.6] },
    { name: 'p reached exactly by one token', kind: 'example', args: [[0.2, 0.5, 0.3], 0.5] },
  ],
  hiddenCases() {
    const rng = rngFrom(1610);
    const cases: KataCase<Args>[] = [
      { name: 'p = 1 keeps everything', kind: 'edge', args: [[0.2, 0.3, 0.5], 1] },
      { name: 'one token', kind: 'edge', args: [[1], 0.3] },
      { name: 'ties: lower index first', kind: 'edge', args: [[0.25, 0.25, 0.25, 0.25], 0.5] },
      { name: 'rounding: 0.7 + 0.2 reaches 0.9', kind: 'edge', args: [[0.1, 0.2, 0.7], 0.9] },
      { name: 'tiny p keeps the top token', kind: 'edge', args: [[0.3, 0.3, 0.4], 1e-9] },
      { name: 'zeros in the distribution', kind: 'edge', args: [[0, 0.6, 0, 0.4], 0.95] },
    ];
    for (let t = 0; t < 6; t++) {
      const n = 2 + rng.int(15);
      cases.push({ name: `random ${t + 1} (n = ${n})`, kind: 'random', args: [distribution(rng, n, 1 + rng.int(3)), Math.round(rng.uniform(0.05, 1) * 100) / 100] });
    }
    cases.push({ name: 'large vocabulary (50,000 tokens), p = 0.9', kind: 'large', args: [distribution(rng, 50_000, 2), 0.9] });
    return cases;
  },
  reference: (probs, p) => Array.from(topPFilter(probs, p)),
  tolerance: { abs: 1e-12, rel: 1e-9 },
  hints: ['Sort indices by (probability descending, index ascending), accumulate until mass >= p - 1e-12, then divide the kept ones by that mass.'],
  mistakes: [
    {
      id: 'not-renormalised',
      hint: 'the kept probabilities must be divided by the kept mass so that they sum to 1',
      detect: ({ received }) => Array.isArray(received) && received.every((x) => typeof x === 'number')
        && Math.abs((received as number[]).reduce((a, b) => a + b, 0) - 1) > 1e-9,
    },
    {
      id: 'one-too-many',
      hint: 'stop at the first token that makes the kept mass reach p (mass >= p - 1e-12), not after it exceeds p',
      detect: ({ expected, received }) => keptCount(received) === keptCount(expected) + 1,
    },
    {
      id: 'tie-order',
      hint: 'equal probabilities are kept in index order: the lower index first',
      detect: ({ args: [probs], expected, received }) => keptCount(received) === keptCount(expected)
        && Array.isArray(received) && received.some((x, i) => (x > 0) !== (expected[i] > 0) && probs.some((q, j) => j !== i && q === probs[i])),
    },
  ],
  mutants: [
    { name: 'no renormalisation', edits: [['out[order[t]] = probs[order[t]] / mass;', 'out[order[t]] = probs[order[t]];']], mistake: 'not-renormalised' },
    { name: 'stops only after exceeding p', edits: [['if (mass >= p - 1e-12) break;', 'if (mass > p) break;']], mistake: 'one-too-many' },
    { name: 'ties by higher index', edits: [['probs[b] - probs[a] || a - b', 'probs[b] - probs[a] || b - a']], mistake: 'tie-order' },
    { name: 'no rounding slack', edits: [['if (mass >= p - 1e-12) break;', 'if (mass >= p) break;']], mistake: 'one-too-many' },
  ],
  links: {
    lessons: [{ lesson: '09-transformers', cell: 'task-md' }],
    questions: ['architectures-encoder-decoder-variants', 'probability-and-formulas-softmax-shift-invariance'],
  },
});
