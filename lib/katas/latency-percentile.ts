// Kata: a latency percentile (p50, p95, p99) from samples with linear interpolation, numpy's default (reference: lib/mlops/load-test.ts percentile).
import { Rng } from '../core/random';
import { percentile as libPercentile } from '../stats/percentile';
import { mistakeFrom } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [latenciesMs: number[], p: number];

function reference(...[lat, p]: Args): number {
  return libPercentile(lat, p);
}

const sortedCopy = (a: number[]) => [...a].sort((x, y) => x - y);
/** Nearest-rank percentile: the ceil(p n / 100)-th smallest. */
function nearestRank(lat: number[], p: number): number {
  const s = sortedCopy(lat);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}
/** Interpolation at rank p n / 100 instead of p (n - 1) / 100. */
function rankN(lat: number[], p: number): number {
  const s = sortedCopy(lat);
  const pos = Math.min(s.length - 1, (p / 100) * s.length);
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
/** Interpolation on the unsorted samples. */
function unsorted(lat: number[], p: number): number {
  const pos = (p / 100) * (lat.length - 1);
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return lat[lo] + (lat[hi] - lat[lo]) * (pos - lo);
}

/** Latencies with a long right tail: a log-normal body and rare slow requests, rounded to 0.1 ms. */
function latencies(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => Math.round(10 * (rng.random() < 0.02 ? 200 + 800 * rng.random() : Math.exp(rng.normal(3, 0.5)))) / 10);
}

const examples: KataCase<Args>[] = [
  { name: 'p50 of five samples', kind: 'example', args: [[12, 15, 11, 30, 14], 50] },
  { name: 'p90 of ten samples', kind: 'example', args: [[20, 22, 19, 25, 21, 23, 90, 24, 18, 26], 90] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(2526);
  const cases: KataCase<Args>[] = [
    { name: 'one sample', kind: 'edge', args: [[42], 99] },
    { name: 'p0 is the minimum', kind: 'edge', args: [[5, 3, 9], 0] },
    { name: 'p100 is the maximum', kind: 'edge', args: [[5, 3, 9], 100] },
    { name: 'two samples, p75', kind: 'edge', args: [[10, 20], 75] },
    { name: 'ties', kind: 'edge', args: [[7, 7, 7, 7, 50], 95] },
    { name: 'p99 of 101 samples lands on a sample', kind: 'edge', args: [Array.from({ length: 101 }, (_, i) => 100 - i), 99] },
  ];
  for (let r = 0; r < 8; r++) cases.push({ name: `random ${r + 1}`, kind: 'random', args: [latencies(rng, 20 + rng.int(300)), [50, 90, 95, 99, 99.9][rng.int(5)]] });
  cases.push({ name: 'p99 of 200000 requests', kind: 'large', args: [latencies(rng, 200_000), 99] });
  return cases;
}

export default defineKata<Args, number>({
  id: 'latency-percentile',
  title: 'Latency percentile (p99) from samples',
  section: 'system-design',
  difficulty: 'easy',
  statement: `Given request latencies (ms, in arrival order, at least one) and $p \\in [0, 100]$, return the $p$-th
percentile with **linear interpolation** (numpy's default): sort the samples ascending into $x_0 \\le \\dots \\le x_{n-1}$,
take the fractional rank $r = \\frac{p}{100}(n-1)$ and return

$$x_{\\lfloor r\\rfloor} + (x_{\\lceil r\\rceil} - x_{\\lfloor r\\rfloor})\\,(r - \\lfloor r\\rfloor).$$

So p0 is the minimum, p100 the maximum and p50 the median. Do not modify the input array. Tolerance $10^{-9}$ absolute, $10^{-12}$ relative.`,
  functionName: 'latencyPercentile',
  signature: 'latencyPercentile(latenciesMs: number[], p: number): number',
  starter: `export function latencyPercentile(latenciesMs: number[], p: number): number {
  throw new Error('not implemented');
}
`,
  solution: `export function latencyPercentile(latenciesMs: number[], p: number): number {
  const x = [...latenciesMs].sort((a, b) => a - b);
  const r = (p / 100) * (x.length - 1);
  const lo = Math.floor(r), hi = Math.ceil(r);
  return x[lo] + (x[hi] - x[lo]) * (r - lo);
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-9, rel: 1e-12 },
  hints: ['Sort a copy numerically, compute r = p/100 (n - 1), and interpolate between the samples at floor(r) and ceil(r).'],
  mistakes: [
    mistakeFrom<Args, number>('nearest-rank', 'Interpolate between order statistics at rank p/100 (n - 1); the nearest-rank rule (the ceil(p n / 100)-th smallest) is a different definition.', nearestRank),
    mistakeFrom<Args, number>('rank-n', 'The fractional rank is p/100 x (n - 1), not p/100 x n: p100 must be the largest sample, index n - 1.', rankN),
    mistakeFrom<Args, number>('unsorted', 'Sort the latencies first (numerically, not as strings): percentiles are order statistics.', unsorted),
  ],
  mutants: [
    { name: 'rank p n instead of p (n - 1)', edits: [['(p / 100) * (x.length - 1)', 'Math.min(x.length - 1, (p / 100) * x.length)']], mistake: 'rank-n' },
    { name: 'not sorted', edits: [['[...latenciesMs].sort((a, b) => a - b)', '[...latenciesMs]']], mistake: 'unsorted' },
    { name: 'nearest rank', edits: [['return x[lo] + (x[hi] - x[lo]) * (r - lo);', 'return x[Math.max(0, Math.ceil((p / 100) * x.length) - 1)];']], mistake: 'nearest-rank' },
  ],
  links: {
    lessons: [{ lesson: '25-ml-system-design', cell: 'queueing' }, { lesson: '10-mlops' }],
    questions: ['system-design-utilisation-tail', 'system-design-replicas-from-tail'],
  },
});
