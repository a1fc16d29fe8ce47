// Kata: the InfoNCE contrastive loss with in-batch negatives and a temperature (reference: lib/lm/info-nce.ts infoNCE).
import { Rng } from '../core/random';
import { infoNCE as libInfoNCE } from '../lm/info-nce';
import { mistakeFrom, normalMatrix } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [queries: number[][], keys: number[][], temperature: number];

function reference(...[queries, keys, temperature]: Args): number {
  return libInfoNCE(queries, keys, { temperature }).loss;
}

/** Variants of the loss for the mistakes (naive exp: overflows for small temperatures). */
function variant(q: number[][], k: number[][], tau: number, o: { noNormalize?: boolean; noTau?: boolean; excludePositive?: boolean; naive?: boolean }): number {
  const unit = (m: number[][]) => (o.noNormalize ? m : m.map((r) => { const s = Math.hypot(...r); return r.map((x) => x / s); }));
  const Q = unit(q), K = unit(k), t = o.noTau ? 1 : tau;
  let loss = 0;
  for (let i = 0; i < Q.length; i++) {
    const logits = K.map((kr) => kr.reduce((s, x, j) => s + x * Q[i][j], 0) / t);
    const others = o.excludePositive ? logits.filter((_, j) => j !== i) : logits;
    const m = o.naive ? 0 : Math.max(...others);
    const lse = m + Math.log(others.reduce((s, z) => s + Math.exp(z - m), 0));
    loss += (lse - logits[i]) / Q.length;
  }
  return loss;
}

const examples: KataCase<Args>[] = [
  { name: 'orthonormal identical pairs, tau = 0.5', kind: 'example', args: [[[1, 0], [0, 1]], [[1, 0], [0, 1]], 0.5] },
  { name: 'three noisy pairs', kind: 'example', args: [[[1, 2, 0], [0, 1, 1], [2, 0, 1]], [[1, 1.8, 0.2], [0.1, 1, 0.9], [2, 0.3, 1]], 0.1] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1718);
  const cases: KataCase<Args>[] = [
    { name: 'all keys equal: loss = log n', kind: 'edge', args: [[[1, 0], [0, 1], [1, 1]], [[2, 2], [2, 2], [2, 2]], 0.1] },
    { name: 'unnormalised rows (lengths differ)', kind: 'edge', args: [[[10, 0], [0, 0.1]], [[3, 0], [0, 7]], 1] },
    { name: 'tau = 0.001: stable log-sum-exp needed', kind: 'edge', args: [[[1, 0], [0.6, 0.8]], [[0.8, 0.6], [0, 1]], 0.001] },
  ];
  for (let r = 0; r < 5; r++) {
    const n = 2 + rng.int(10), d = 2 + rng.int(8);
    const q = normalMatrix(rng, n, d);
    const k = q.map((row) => row.map((x) => Math.round((x + 0.5 * rng.normal()) * 1000) / 1000));
    cases.push({ name: `random ${r + 1}`, kind: 'random', args: [q, k, [0.05, 0.1, 0.5, 1][rng.int(4)]] });
  }
  const q = normalMatrix(rng, 200, 32, 1000);
  cases.push({ name: '200 pairs, entries near 1e3, tau = 0.01', kind: 'large', args: [q, q.map((row) => row.map((x) => x + rng.normal(0, 100))), 0.01] });
  return cases;
}

export default defineKata<Args, number>({
  id: 'info-nce',
  title: 'InfoNCE loss with in-batch negatives',
  section: 'retrieval',
  difficulty: 'medium',
  statement: `\`queries\` and \`keys\` are $n \\times d$ ($n \\ge 2$, no all-zero row); key $i$ is the positive of query
$i$ and the other keys of the batch are its negatives. **Normalise every row to unit length**, then return

$$\\mathcal L = -\\frac1n \\sum_{i=1}^{n} \\log \\frac{\\exp(q_i^\\top k_i / \\tau)}{\\sum_{j=1}^{n} \\exp(q_i^\\top k_j / \\tau)}$$

(the denominator includes the positive). Temperatures go down to $10^{-3}$, so the logits reach $10^3$: compute the
log-sum-exp stably. Tolerance $10^{-9}$ absolute, $10^{-9}$ relative.`,
  functionName: 'infoNce',
  signature: 'infoNce(queries: number[][], keys: number[][], temperature: number): number',
  starter: `export function infoNce(queries: number[][], keys: number[][], temperature: number): number {
  throw new Error('not implemented');
}
`,
  solution: `export function infoNce(queries: number[][], keys: number[][], temperature: number): number {
  const unit = (m: number[][]) => m.map((r) => { const s = Math.sqrt(r.reduce((a, x) => a + x * x, 0)); return r.map((x) => x / s); });
  const q = unit(queries), k = unit(keys), n = q.length;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const logits = k.map((kr) => kr.reduce((s, x, j) => s + x * q[i][j], 0) / temperature);
    const m = Math.max(...logits);
    const lse = m + Math.log(logits.reduce((s, z) => s + Math.exp(z - m), 0));
    loss += (lse - logits[i]) / n;
  }
  return loss;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-9, rel: 1e-9 },
  hints: ['Row i is a softmax cross-entropy over the n similarities q_i . k_j / tau with label i; average over rows.'],
  mistakes: [
    mistakeFrom<Args, number>('no-normalize', 'Normalise the rows first: the similarities are cosines, so a long vector must not win by its length.', (q, k, t) => variant(q, k, t, { noNormalize: true })),
    mistakeFrom<Args, number>('no-temperature', 'Divide every similarity by the temperature before the softmax.', (q, k, t) => variant(q, k, t, { noTau: true })),
    mistakeFrom<Args, number>('exclude-positive', 'The denominator sums over all n keys, the positive included (otherwise the loss can go negative).', (q, k, t) => variant(q, k, t, { excludePositive: true })),
    mistakeFrom<Args, number>('unstable', 'exp(1000) overflows to Infinity: subtract the row maximum before exponentiating (log-sum-exp).', (q, k, t) => variant(q, k, t, { naive: true })),
  ],
  mutants: [
    { name: 'no normalisation', edits: [['const q = unit(queries), k = unit(keys)', 'const q = queries, k = keys']], mistake: 'no-normalize' },
    { name: 'naive exponentials', edits: [['const m = Math.max(...logits);', 'const m = 0;']], mistake: 'unstable' },
    { name: 'positive left out of the denominator', edits: [['logits.reduce((s, z) => s + Math.exp(z - m), 0)', 'logits.reduce((s, z, j) => (j === i ? s : s + Math.exp(z - m)), 0)']], mistake: 'exclude-positive' },
  ],
  links: {
    lessons: [{ lesson: '17-embeddings-and-retrieval', cell: 'infonce-md' }, { lesson: '12-key-formulas', cell: 'info-nce' }],
    questions: ['retrieval-info-nce-loss', 'retrieval-temperature'],
  },
});
