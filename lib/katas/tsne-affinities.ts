// Kata: t-SNE's conditional affinities p_{j|i} for one point, its bandwidth found by binary search to a perplexity (reference: lib/unsupervised/tsne.ts calibrateAffinities).
import { Rng } from '../core/random';
import { calibrateAffinities, squaredDistances } from '../unsupervised/tsne';
import { mistakeFrom, normalMatrix } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [x: number[][], i: number, perplexity: number];

/** Row i of the calibrated conditional affinities for the given (n x n, row-major) distances and perplexity. */
function rowFor(distances: Float64Array, n: number, i: number, perplexity: number): number[] {
  const a = calibrateAffinities(distances, { perplexity });
  return Array.from(a.conditional.subarray(i * n, (i + 1) * n));
}

function reference(...[x, i, perplexity]: Args): number[] {
  return rowFor(squaredDistances(x), x.length, i, perplexity);
}

const examples: KataCase<Args>[] = [
  { name: 'three points on a line, perplexity 1.5', kind: 'example', args: [[[0], [1], [2]], 0, 1.5] },
  { name: 'five points in the plane, perplexity 2', kind: 'example', args: [[[0, 0], [1, 0], [0, 1], [3, 3], [-2, 0.5]], 0, 2] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(2828);
  const cases: KataCase<Args>[] = [
    { name: 'the point is not the first row', kind: 'edge', args: [[[5, 1], [0, 0], [1, 1], [2, 0], [0, 2]], 2, 2.5] },
    { name: 'a duplicate of the point (distance 0)', kind: 'edge', args: [[[1, 1], [1, 1], [2, 2], [0, 3], [4, 0]], 0, 2] },
    { name: 'perplexity close to n - 1 (nearly uniform)', kind: 'edge', args: [[[0], [1], [3], [6], [10]], 1, 3.9] },
    { name: 'perplexity close to 1 (almost all mass on the nearest)', kind: 'edge', args: [[[0, 0], [1, 0], [0, 2], [3, 0], [0, 4]], 0, 1.05] },
  ];
  for (let t = 0; t < 6; t++) {
    const n = 6 + rng.int(25), d = 2 + rng.int(4);
    const perplexity = Math.round(100 * (1.5 + rng.random() * (Math.min(n - 2, 20) - 1.5))) / 100;
    cases.push({ name: `random ${t + 1} (n = ${n}, d = ${d}, perplexity ${perplexity})`, kind: 'random', args: [normalMatrix(rng, n, d, 2), rng.int(n), perplexity] });
  }
  // squared distances near 1e6: exp(-beta d^2) underflows to 0 for every neighbour unless the smallest distance is subtracted
  cases.push({ name: 'coordinates of order 1e3 (squared distances near 1e6)', kind: 'large', args: [normalMatrix(rng, 12, 3, 1000), 4, 5] });
  cases.push({ name: '60 points, perplexity 30', kind: 'large', args: [normalMatrix(rng, 60, 5), 17, 30] });
  return cases;
}

export default defineKata<Args, number[]>({
  id: 'tsne-affinities',
  title: "t-SNE affinities: one point's neighbour probabilities at a given perplexity",
  section: 'algorithms',
  difficulty: 'medium',
  statement: `Write \`tsneAffinities(x, i, perplexity)\`: the conditional probabilities $p_{j|i}$ that point $i$ (row \`i\` of
the $n \\times d$ matrix \`x\`) picks point $j$ as its neighbour, as in t-SNE:

$$p_{j|i} = \\frac{\\exp(-\\beta\\,\\lVert x_i - x_j\\rVert^2)}{\\sum_{k \\ne i} \\exp(-\\beta\\,\\lVert x_i - x_k\\rVert^2)}, \\qquad p_{i|i} = 0,$$

with **squared** Euclidean distances, and the precision $\\beta > 0$ chosen so that the row's perplexity equals
\`perplexity\`:

$$2^{H} = \\text{perplexity}, \\qquad H = -\\sum_{j} p_{j|i} \\log_2 p_{j|i} \\ \\text{(bits; } 0 \\log 0 = 0\\text{)}.$$

- $H$ falls as $\\beta$ grows, so find $\\beta$ by **binary search**: start at $\\beta = 1$, double it while $H$ is too
  large and halve it while $H$ is too small until the target is bracketed, then bisect. Search until $H$ is within
  $10^{-10}$ of $\\log_2(\\text{perplexity})$ (200 steps are plenty).
- Return an array of length $n$ (with $0$ at position \`i\`), summing to 1.
- Coordinates may be of order $10^3$: $e^{-\\beta d^2}$ then underflows for every neighbour unless you first subtract the
  smallest squared distance to another point (it cancels in the ratio).
- $n \\ge 3$, $1 < \\text{perplexity} < n - 1$. Tolerance $10^{-6}$ absolute plus $10^{-5}$ relative.`,
  functionName: 'tsneAffinities',
  signature: 'tsneAffinities(x: number[][], i: number, perplexity: number): number[]',
  starter: `export function tsneAffinities(x: number[][], i: number, perplexity: number): number[] {
  throw new Error('not implemented');
}
`,
  solution: `export function tsneAffinities(x: number[][], i: number, perplexity: number): number[] {
  const n = x.length;
  const d2 = x.map((row) => row.reduce((s, v, k) => s + (v - x[i][k]) ** 2, 0));
  let dmin = Infinity;
  for (let j = 0; j < n; j++) if (j !== i && d2[j] < dmin) dmin = d2[j];
  const target = Math.log2(perplexity);
  let beta = 1, lo = 0, hi = Infinity;
  let p: number[] = [];
  for (let it = 0; it < 200; it++) {
    const e = d2.map((d, j) => (j === i ? 0 : Math.exp(-beta * (d - dmin))));
    const s = e.reduce((a, b) => a + b, 0);
    p = e.map((v) => v / s);
    let H = 0;
    for (const v of p) if (v > 0) H -= v * Math.log2(v);
    if (Math.abs(H - target) < 1e-10) break;
    if (H > target) {
      lo = beta;
      beta = hi === Infinity ? beta * 2 : (beta + hi) / 2;
    } else {
      hi = beta;
      beta = (beta + lo) / 2;
    }
  }
  return p;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-6, rel: 1e-5 },
  hints: [
    'For a trial beta compute e_j = exp(-beta (d_j^2 - min d^2)) for j != i, normalise, take H in bits, and move beta up when H is above log2(perplexity), down when below.',
  ],
  mistakes: [
    {
      id: 'includes-self',
      hint: 'p_{i|i} must be 0: leave the point itself out of the sum (its distance 0 would otherwise take the largest share).',
      detect: ({ args: [, i], received }) => Array.isArray(received) && typeof received[i] === 'number' && received[i] > 1e-6,
    },
    mistakeFrom<Args, number[]>('not-squared', 'Use squared Euclidean distances ||x_i - x_j||^2 in the Gaussian, not the distances themselves.',
      (x, i, perplexity) => rowFor(squaredDistances(x).map(Math.sqrt), x.length, i, perplexity)),
    mistakeFrom<Args, number[]>('log-base', 'Perplexity is 2^H with H in bits (log2), or equivalently e^H with H in nats: do not mix a natural-log entropy with log2(perplexity), or the reverse.',
      // H in nats driven to log2(perplexity): the row's true perplexity e^H is then e^(log2 perplexity)
      (x, i, perplexity) => rowFor(squaredDistances(x), x.length, i, Math.exp(Math.log2(perplexity)))),
  ],
  mutants: [
    { name: 'the point counted as its own neighbour', edits: [['(j === i ? 0 : Math.exp(-beta * (d - dmin)))', 'Math.exp(-beta * (d - dmin))']], mistake: 'includes-self' },
    { name: 'distances instead of squared distances', edits: [['row.reduce((s, v, k) => s + (v - x[i][k]) ** 2, 0)', 'Math.sqrt(row.reduce((s, v, k) => s + (v - x[i][k]) ** 2, 0))']], mistake: 'not-squared' },
    { name: 'entropy in nats against log2(perplexity)', edits: [['if (v > 0) H -= v * Math.log2(v);', 'if (v > 0) H -= v * Math.log(v);']], mistake: 'log-base' },
  ],
  links: {
    lessons: [{ lesson: '28-tsne', cell: 'affinities' }, { lesson: '12-key-formulas', cell: 'tsne-affinities' }],
    questions: ['algorithms-tsne-perplexity', 'algorithms-tsne-objective'],
  },
});
