// Kata: scaled dot-product attention softmax(Q K^T / sqrt(d_k)) V, optionally causal.
import { causalMask, scaledDotProductAttention } from '../attention/scaled-dot-product';
import { toRows } from '../core/matrix';
import { rngFrom } from '../core/random';
import { closeTo, hasNonFinite, maxAbs, randomMatrix } from './case-helpers';
import { defineKata, type KataCase } from './types';

type Args = [Q: number[][], K: number[][], V: number[][], causal: boolean];

function reference(Q: number[][], K: number[][], V: number[][], causal: boolean, scale?: number): number[][] {
  return toRows(scaledDotProductAttention(Q, K, V, { mask: causal ? causalMask(Q.length) : undefined, scale }).output);
}

function randomCase(rng: ReturnType<typeof rngFrom>, n: number, m: number, dk: number, dv: number, causal: boolean, scale = 1): Args {
  return [randomMatrix(rng, n, dk, scale), randomMatrix(rng, causal ? n : m, dk, scale), randomMatrix(rng, causal ? n : m, dv, 1), causal];
}

export default defineKata<Args, number[][]>({
  id: 'attention',
  title: 'Scaled dot-product attention (with a causal mask)',
  section: 'architectures',
  difficulty: 'medium',
  statement: `Write \`attention(Q, K, V, causal)\`: $Q$ is $n \\times d_k$ (queries), $K$ is $m \\times d_k$ (keys),
$V$ is $m \\times d_v$ (values). Return the $n \\times d_v$ matrix

$$\\operatorname{Attention}(Q, K, V) = \\operatorname{softmax}\\!\\Big( \\frac{Q K^\\top}{\\sqrt{d_k}} \\Big) V,$$

the softmax taken over each row (over the keys).

- With \`causal = true\`, $Q$ and $K$ have the same number of rows and query $i$ sees only keys $0..i$: the scores of
  keys $j > i$ are excluded (weight exactly 0).
- Queries and keys can be large (entries near 100): compute the softmax stably (subtract the row maximum).
- Do not change the arguments. Tolerance: $10^{-10}$ absolute plus $10^{-9}$ relative.`,
  functionName: 'attention',
  signature: 'attention(Q: number[][], K: number[][], V: number[][], causal: boolean): number[][]',
  starter: `export function attention(Q: number[][], K: number[][], V: number[][], causal: boolean): number[][] {
  throw new Error('not implemented');
}
`,
  solution: `export function attention(Q: number[][], K: number[][], V: number[][], causal: boolean): number[][] {
  const dk = Q[0].length, dv = V[0].length;
  return Q.map((q, i) => {
    const last = causal ? i : K.length - 1;
    const scores: number[] = [];
    for (let j = 0; j <= last; j++) {
      let s = 0;
      for (let c = 0; c < dk; c++) s += q[c] * K[j][c];
      scores.push(s / Math.sqrt(dk));
    }
    const m = Math.max(...scores);
    const w = scores.map((s) => Math.exp(s - m));
    const total = w.reduce((a, b) => a + b, 0);
    const out = new Array<number>(dv).fill(0);
    for (let j = 0; j <= last; j++) for (let c = 0; c < dv; c++) out[c] += (w[j] / total) * V[j][c];
    return out;
  });
}
`,
  examples: [
    { name: 'one query, two keys', kind: 'example', args: [[[1, 0]], [[1, 0], [0, 1]], [[1, 2], [3, 4]], false] },
    { name: 'causal, three positions', kind: 'example', args: [[[1], [0], [1]], [[1], [2], [-1]], [[1], [2], [3]], true] },
  ],
  hiddenCases() {
    const rng = rngFrom(1607);
    const cases: KataCase<Args>[] = [
      { name: 'one query, one key', kind: 'edge', args: [[[3, 4]], [[1, 1]], [[7, -2, 5]], false] },
      { name: 'causal, one position', kind: 'edge', args: [[[2]], [[5]], [[9]], true] },
      { name: 'equal scores: plain average', kind: 'edge', args: [[[0, 0]], [[1, 2], [3, 4], [5, 6]], [[1], [2], [6]], false] },
      { name: 'more keys than queries', kind: 'edge', args: randomCase(rng, 2, 5, 3, 2, false) },
    ];
    for (let t = 0; t < 6; t++) {
      const causal = t % 2 === 0;
      const n = 1 + rng.int(6), m = 1 + rng.int(6), dk = 1 + rng.int(8), dv = 1 + rng.int(4);
      cases.push({ name: `random ${t + 1} (n ${n}, ${causal ? 'causal' : `m ${m}`}, d_k ${dk})`, kind: 'random', args: randomCase(rng, n, m, dk, dv, causal) });
    }
    cases.push({ name: 'large scores (entries ~100), causal, n = 32', kind: 'large', args: randomCase(rng, 32, 32, 16, 8, true, 100) });
    cases.push({ name: 'large scores (entries ~100), n = 8, m = 40', kind: 'large', args: randomCase(rng, 8, 40, 4, 4, false, 100) });
    return cases;
  },
  reference: (Q, K, V, causal) => reference(Q, K, V, causal),
  tolerance: { abs: 1e-10, rel: 1e-9 },
  hints: ['For each query: scores_j = q.k_j / sqrt(d_k) over the visible keys, weights = softmax(scores), output = sum_j weights_j v_j.'],
  mistakes: [
    {
      id: 'no-scale',
      hint: 'divide the scores by sqrt(d_k) before the softmax',
      detect: ({ args: [Q, K, V, causal], received, tolerance }) => Q[0].length > 1 && closeTo(reference(Q, K, V, causal, 1), received, tolerance),
    },
    {
      id: 'mask-ignored',
      hint: 'with causal = true, query i must not see keys j > i (leave them out of the softmax)',
      detect: ({ args: [Q, K, V, causal], received, tolerance }) => causal && Q.length > 1 && closeTo(reference(Q, K, V, false), received, tolerance),
    },
    {
      id: 'overflow',
      hint: 'NaN for large scores: subtract each row\'s maximum score before exponentiating',
      detect: ({ args: [Q, K], received }) => hasNonFinite(received) && maxAbs(Q) * maxAbs(K) > 100,
    },
  ],
  mutants: [
    { name: 'no 1/sqrt(d_k)', edits: [['scores.push(s / Math.sqrt(dk));', 'scores.push(s);']], mistake: 'no-scale' },
    { name: 'causal mask ignored', edits: [['const last = causal ? i : K.length - 1;', 'const last = K.length - 1;']], mistake: 'mask-ignored' },
    { name: 'no max subtraction', edits: [['const m = Math.max(...scores);', 'const m = 0;']], mistake: 'overflow' },
    { name: 'mask off by one (query sees key i + 1)', edits: [['const last = causal ? i : K.length - 1;', 'const last = causal ? Math.min(i + 1, K.length - 1) : K.length - 1;']] },
  ],
  links: {
    lessons: [{ lesson: '09-transformers', cell: 'sdpa-md' }, { lesson: '09-transformers', cell: 'mask-md' }],
    questions: ['architectures-attention-formula', 'architectures-why-sqrt-dk', 'architectures-causal-mask', 'algorithms-multi-head-attention-impl'],
  },
});
