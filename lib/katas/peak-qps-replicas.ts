// Kata: replicas needed for a model service from daily requests, peak factor and per-replica throughput (reference: lib/system-design/capacity.ts).
import { Rng } from '../core/random';
import { peakQps, qpsFromDaily, replicasNeeded } from '../system-design/capacity';
import { mistakeFrom } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [dailyRequests: number, peakFactor: number, perReplicaQps: number, targetUtilization: number];

function reference(...[daily, factor, perReplica, util]: Args): number {
  return replicasNeeded(peakQps(qpsFromDaily(daily), factor), { perReplicaQps: perReplica, targetUtilization: util });
}

const raw = (daily: number, factor: number, perReplica: number, util: number) => (daily / 86_400) * factor / (perReplica * util);

const examples: KataCase<Args>[] = [
  { name: '864 M requests a day, peak x3, 500 QPS per replica at 60%', kind: 'example', args: [864e6, 3, 500, 0.6] },
  { name: 'a small service', kind: 'example', args: [2e6, 2.5, 40, 0.7] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(2525);
  const cases: KataCase<Args>[] = [
    { name: 'no traffic still needs one replica', kind: 'edge', args: [0, 3, 100, 0.6] },
    { name: 'tiny traffic', kind: 'edge', args: [1000, 2, 100, 0.5] },
    { name: 'exactly 100 replicas (no rounding up)', kind: 'edge', args: [864e6, 3, 500, 0.6] },
    { name: 'just over a whole number', kind: 'edge', args: [864.1e6, 3, 500, 0.6] },
    { name: 'peak factor 1', kind: 'edge', args: [43.2e6, 1, 50, 0.8] },
    { name: 'fraud: 20 M payments, peak x5, 250/s at 60%', kind: 'edge', args: [20e6, 5, 250, 0.6] },
  ];
  while (cases.length < 14) {
    const args: Args = [Math.round(1e5 + rng.random() * 5e9), Math.round(10 * (1 + 5 * rng.random())) / 10, 10 + rng.int(2000), Math.round(100 * (0.3 + 0.6 * rng.random())) / 100];
    const r = raw(...args);
    if (r > 1 && Math.abs(r - Math.round(r)) > 1e-6) cases.push({ name: `random ${cases.length - 5}`, kind: 'random', args });
  }
  cases.push({ name: '100 billion requests a day', kind: 'large', args: [1e11, 4, 3000, 0.65] });
  return cases;
}

export default defineKata<Args, number>({
  id: 'peak-qps-replicas',
  title: 'Replicas for a model service at peak load',
  section: 'system-design',
  difficulty: 'easy',
  statement: `A model service receives \`dailyRequests\` requests a day (spread over 86,400 seconds); at its busiest the
rate is \`peakFactor\` times the average. One replica sustains \`perReplicaQps\` requests per second at 100% utilisation,
and replicas are planned to run at \`targetUtilization\` (in (0, 1)) at the peak. Return the number of replicas:

$$n = \\max\\Big(1,\\ \\Big\\lceil \\frac{\\text{dailyRequests} / 86400 \\cdot \\text{peakFactor}}{\\text{perReplicaQps} \\cdot \\text{targetUtilization}} \\Big\\rceil\\Big).$$

A quotient that is a whole number up to floating-point error (within a relative $10^{-12}$) is not rounded up: compute
\`q\` and return \`Math.ceil(q * (1 - 1e-12))\`. At least one replica always runs. Exact integer answer.`,
  functionName: 'peakQpsReplicas',
  signature: 'peakQpsReplicas(dailyRequests: number, peakFactor: number, perReplicaQps: number, targetUtilization: number): number',
  starter: `export function peakQpsReplicas(dailyRequests: number, peakFactor: number, perReplicaQps: number, targetUtilization: number): number {
  throw new Error('not implemented');
}
`,
  solution: `export function peakQpsReplicas(dailyRequests: number, peakFactor: number, perReplicaQps: number, targetUtilization: number): number {
  const peak = (dailyRequests / 86400) * peakFactor;
  const q = peak / (perReplicaQps * targetUtilization);
  return Math.max(1, Math.ceil(q * (1 - 1e-12)));
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 0, rel: 0 },
  hints: ['Average QPS = daily / 86400; peak = average x peak factor; each replica may carry perReplicaQps x targetUtilization; round up, at least 1.'],
  mistakes: [
    mistakeFrom<Args, number>('no-peak', 'Size for the peak, not the average: multiply the average QPS by the peak factor.',
      (d, f, c, u) => Math.max(1, Math.ceil(raw(d, 1, c, u) * (1 - 1e-12)))),
    mistakeFrom<Args, number>('floor', 'Round up: a fraction of a replica still needs a whole replica, or the last one runs above the target utilisation.',
      (d, f, c, u) => Math.max(1, Math.floor(raw(d, f, c, u)))),
    mistakeFrom<Args, number>('full-utilisation', 'Divide by perReplicaQps x targetUtilization: running replicas at 100% makes the tail latency explode.',
      (d, f, c) => Math.max(1, Math.ceil(raw(d, f, c, 1) * (1 - 1e-12)))),
    mistakeFrom<Args, number>('no-minimum', 'Even with no traffic one replica must run.', (d, f, c, u) => Math.ceil(raw(d, f, c, u) * (1 - 1e-12))),
  ],
  mutants: [
    { name: 'peak factor forgotten', edits: [['* peakFactor;', ';']], mistake: 'no-peak' },
    { name: 'floor instead of ceil', edits: [['Math.ceil(q * (1 - 1e-12))', 'Math.floor(q)']], mistake: 'floor' },
    { name: 'planned at 100% utilisation', edits: [['(perReplicaQps * targetUtilization)', 'perReplicaQps']], mistake: 'full-utilisation' },
  ],
  links: {
    lessons: [{ lesson: '25-ml-system-design', cell: 'calculators-md' }, { lesson: '12-key-formulas', cell: 'sd-replicas' }],
    questions: ['system-design-qps-estimate', 'system-design-utilisation-tail'],
  },
});
