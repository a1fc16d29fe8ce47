// Kata: position-debiased click-through rate by inverse propensity scoring (reference: lib/recsys/ips.ts ipsCtr).
import { Rng } from '../core/random';
import { ipsCtr as libIpsCtr } from '../recsys/ips';
import { mistakeFrom } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [items: number[], positions: number[], clicks: number[], theta: number[], nItems: number];

function reference(...[items, positions, clicks, theta, nItems]: Args): number[] {
  return Array.from(libIpsCtr({ items: Int32Array.from(items), positions: Int32Array.from(positions), clicks: Uint8Array.from(clicks) }, nItems, theta));
}

function variant(items: number[], positions: number[], clicks: number[], theta: number[], nItems: number, o: { multiply?: boolean; normaliseByWeights?: boolean; naive?: boolean }): number[] {
  const s = new Array<number>(nItems).fill(0), m = new Array<number>(nItems).fill(0);
  items.forEach((i, t) => {
    const th = theta[positions[t]];
    const w = o.naive ? 1 : o.multiply ? th : 1 / th;
    s[i] += clicks[t] * w; m[i] += o.normaliseByWeights ? w : 1;
  });
  return s.map((v, i) => (m[i] ? v / m[i] : NaN));
}

function log(rng: Rng, nItems: number, sessions: number, slots: number): [number[], number[], number[]] {
  const items: number[] = [], positions: number[] = [], clicks: number[] = [];
  for (let s = 0; s < sessions; s++) {
    const page = Array.from(rng.permutation(nItems)).slice(0, slots);
    page.forEach((i, k) => { items.push(i); positions.push(k); clicks.push(rng.random() < (0.6 / (k + 1)) * (0.2 + 0.6 * (i % 3) / 2) ? 1 : 0); });
  }
  return [items, positions, clicks];
}

const examples: KataCase<Args>[] = [
  { name: 'item 0 at slots 1 and 2, item 1 at slot 1', kind: 'example', args: [[0, 0, 1], [0, 1, 0], [0, 1, 1], [1, 0.5], 2] },
  { name: 'an item never shown gives NaN', kind: 'example', args: [[0, 2], [1, 0], [1, 0], [1, 0.25], 3] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(2425);
  const cases: KataCase<Args>[] = [
    { name: 'no clicks at all', kind: 'edge', args: [[0, 1, 1], [0, 1, 0], [0, 0, 0], [1, 0.5], 2] },
    { name: 'all propensities 1: naive CTR', kind: 'edge', args: [[0, 0, 1, 1], [0, 1, 0, 1], [1, 0, 1, 1], [1, 1], 2] },
    { name: 'a click at a rarely examined slot', kind: 'edge', args: [[3, 3], [2, 0], [1, 0], [1, 0.5, 0.1], 4] },
  ];
  for (let t = 0; t < 4; t++) {
    const nItems = 5 + rng.int(10), slots = 2 + rng.int(4);
    const theta = Array.from({ length: slots }, (_, k) => 1 / (k + 1) ** (0.5 + rng.random()));
    cases.push({ name: `random ${t + 1}`, kind: 'random', args: [...log(rng, nItems, 20 + rng.int(50), Math.min(slots, nItems)), theta, nItems] });
  }
  const theta = Array.from({ length: 10 }, (_, k) => 1 / (k + 1));
  cases.push({ name: '20000 sessions of 10 slots, 200 items', kind: 'large', args: [...log(rng, 200, 20000, 10), theta, 200] });
  return cases;
}

export default defineKata<Args, number[]>({
  id: 'ips-ctr',
  title: 'Debiasing clicks by inverse propensity scoring',
  section: 'recommenders',
  difficulty: 'easy',
  statement: `A click log has one entry $t$ per impression: \`items[t]\` was shown at position \`positions[t]\` (0-based) and
\`clicks[t]\` is 1 if it was clicked. Under the examination hypothesis $P(\\text{click}) = \\theta_k\\,\\mathrm{rel}_i$,
with \`theta[k]\` $> 0$ the known probability that position $k$ is examined. Return, for every item $i < $ \`nItems\`,
the IPS estimate of its relevance

$$\\widehat{\\mathrm{rel}}_i = \\frac{1}{n_i} \\sum_{t:\\, \\text{items}[t] = i} \\frac{\\text{clicks}[t]}{\\theta_{\\text{positions}[t]}},$$

$n_i$ = the number of impressions of item $i$; \`NaN\` for an item never shown. (It can exceed 1 on a small log:
that is the estimator's variance.) Tolerance $10^{-12}$ absolute, $10^{-10}$ relative.`,
  functionName: 'ipsCtr',
  signature: 'ipsCtr(items: number[], positions: number[], clicks: number[], theta: number[], nItems: number): number[]',
  starter: `export function ipsCtr(items: number[], positions: number[], clicks: number[], theta: number[], nItems: number): number[] {
  throw new Error('not implemented');
}
`,
  solution: `export function ipsCtr(items: number[], positions: number[], clicks: number[], theta: number[], nItems: number): number[] {
  const sum = new Array<number>(nItems).fill(0), shown = new Array<number>(nItems).fill(0);
  for (let t = 0; t < items.length; t++) {
    sum[items[t]] += clicks[t] / theta[positions[t]];
    shown[items[t]] += 1;
  }
  return sum.map((s, i) => (shown[i] > 0 ? s / shown[i] : NaN));
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-12, rel: 1e-10 },
  hints: ['Sum click / theta[position] per item and divide by the number of times the item was shown.'],
  mistakes: [
    mistakeFrom<Args, number[]>('multiply-propensity', 'Divide each click by its propensity (up-weight clicks at rarely examined positions); multiplying makes the bias worse.',
      (a, b, c, d, e) => variant(a, b, c, d, e, { multiply: true })),
    mistakeFrom<Args, number[]>('normalise-by-weights', 'Divide by the number of impressions n_i, not by the sum of the weights 1/theta: that ratio is not an estimate of the relevance.',
      (a, b, c, d, e) => variant(a, b, c, d, e, { normaliseByWeights: true })),
    mistakeFrom<Args, number[]>('naive-ctr', 'Clicks / impressions is the naive CTR, biased toward items shown high: weight each click by 1 / theta of its position.',
      (a, b, c, d, e) => variant(a, b, c, d, e, { naive: true })),
  ],
  mutants: [
    { name: 'multiplies by the propensity', edits: [['clicks[t] / theta[positions[t]]', 'clicks[t] * theta[positions[t]]']], mistake: 'multiply-propensity' },
    { name: 'self-normalised by the weights', edits: [['shown[items[t]] += 1;', 'shown[items[t]] += 1 / theta[positions[t]];']], mistake: 'normalise-by-weights' },
  ],
  links: {
    lessons: [{ lesson: '24-recommenders', cell: 'ips-md' }, { lesson: '12-key-formulas', cell: 'rec-ips' }],
    questions: ['recommenders-position-bias-ips', 'recommenders-propensity-estimation'],
  },
});
