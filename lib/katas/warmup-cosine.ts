// Kata: the learning rate of linear warmup followed by cosine decay at a given step (reference: lib/optim/schedules.ts).
import { Rng } from '../core/random';
import { cosineDecay, linearWarmup } from '../optim/schedules';
import { mistakeFrom, round } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [step: number, base: number, warmupSteps: number, decaySteps: number, final: number];

function reference(...[step, base, warmupSteps, decaySteps, final]: Args): number {
  return linearWarmup(cosineDecay({ initial: base, totalSteps: decaySteps, final }), warmupSteps)(step);
}

const cosine = (t: number, base: number, T: number, final: number) => final + ((base - final) * (1 + Math.cos((Math.PI * t) / T))) / 2;

const examples: KataCase<Args>[] = [
  { name: 'first warmup step', kind: 'example', args: [0, 0.1, 10, 100, 0] },
  { name: 'end of warmup', kind: 'example', args: [10, 0.1, 10, 100, 0] },
  { name: 'half-way through the decay', kind: 'example', args: [60, 0.1, 10, 100, 0.001] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1616);
  const cases: KataCase<Args>[] = [
    { name: 'last warmup step reaches the base rate', kind: 'edge', args: [9, 0.1, 10, 100, 0] },
    { name: 'no warmup', kind: 'edge', args: [25, 0.2, 0, 100, 0] },
    { name: 'exactly at the end of the decay', kind: 'edge', args: [110, 0.1, 10, 100, 0.01] },
    { name: 'long after the end: stays at final', kind: 'edge', args: [500, 0.1, 10, 100, 0.01] },
    { name: 'one warmup step', kind: 'edge', args: [0, 0.3, 1, 10, 0] },
  ];
  for (let r = 0; r < 6; r++) {
    const W = rng.int(20), T = 1 + rng.int(200);
    cases.push({ name: `random ${r + 1}`, kind: 'random', args: [rng.int(W + T + 20), round(0.001 + rng.random(), 4), W, T, r % 2 === 0 ? 0 : 1e-4] });
  }
  cases.push({ name: 'step 10^6 of a long run', kind: 'large', args: [1_000_000, 3e-4, 2000, 2_000_000, 1e-6] });
  return cases;
}

export default defineKata<Args, number>({
  id: 'warmup-cosine',
  title: 'Warmup then cosine learning-rate schedule',
  section: 'optimization',
  difficulty: 'medium',
  statement: `Return the learning rate at the 0-based \`step\` $t$ ($t = 0$ is the first update) of a schedule that warms up
linearly for $W$ = \`warmupSteps\` steps and then decays along a cosine for $T$ = \`decaySteps\` steps:

$$\\text{lr}_t = \\begin{cases}
\\text{base} \\cdot \\dfrac{t + 1}{W} & t < W \\quad\\text{(the first step is small but not zero; step } W-1 \\text{ reaches base)}\\\\[6pt]
\\text{final} + (\\text{base} - \\text{final}) \\cdot \\dfrac{1 + \\cos(\\pi \\min(t - W, T) / T)}{2} & t \\ge W
\\end{cases}$$

The cosine starts its own clock when warmup ends ($t - W$), and after $T$ decay steps the rate stays at \`final\`.
$W \\ge 0$ (no warmup when $W = 0$), $T \\ge 1$, $0 \\le \\text{final} \\le \\text{base}$.`,
  functionName: 'warmupCosine',
  signature: 'warmupCosine(step: number, base: number, warmupSteps: number, decaySteps: number, final: number): number',
  starter: `export function warmupCosine(step: number, base: number, warmupSteps: number, decaySteps: number, final: number): number {
  throw new Error('not implemented');
}
`,
  solution: `export function warmupCosine(step: number, base: number, warmupSteps: number, decaySteps: number, final: number): number {
  if (step < warmupSteps) return (base * (step + 1)) / warmupSteps;
  const t = Math.min(step - warmupSteps, decaySteps);
  return final + ((base - final) * (1 + Math.cos((Math.PI * t) / decaySteps))) / 2;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-15, rel: 1e-10 },
  hints: ['Two branches: t < W gives base (t + 1) / W; otherwise the cosine of the steps since warmup ended, clamped at T.'],
  mistakes: [
    mistakeFrom<Args, number>('warmup-from-zero', 'Warmup uses (t + 1) / W so that the first step is not a wasted zero-rate step and step W - 1 reaches the base rate.',
      (t, base, W, T, final) => (t < W ? (base * t) / W : cosine(Math.min(t - W, T), base, T, final))),
    mistakeFrom<Args, number>('no-clock-offset', 'The cosine starts its own clock when warmup ends: use t - W, not t.',
      (t, base, W, T, final) => (t < W ? (base * (t + 1)) / W : cosine(Math.min(t, T), base, T, final))),
    mistakeFrom<Args, number>('no-clamp', 'After T decay steps the rate stays at final: clamp the cosine\'s step at T, or it climbs back up.',
      (t, base, W, T, final) => (t < W ? (base * (t + 1)) / W : cosine(t - W, base, T, final))),
  ],
  mutants: [
    { name: 'warmup starts at zero', edits: [['(base * (step + 1)) / warmupSteps', '(base * step) / warmupSteps']], mistake: 'warmup-from-zero' },
    { name: 'cosine clock not offset', edits: [['Math.min(step - warmupSteps, decaySteps)', 'Math.min(step, decaySteps)']], mistake: 'no-clock-offset' },
    { name: 'no clamp at the end', edits: [['Math.min(step - warmupSteps, decaySteps)', 'step - warmupSteps']], mistake: 'no-clamp' },
  ],
  links: {
    lessons: [{ lesson: '05-optimizers', cell: 'schedules-md' }, { lesson: '12-key-formulas', cell: 'lr-schedules' }],
    questions: ['optimization-warmup', 'optimization-lr-schedules'],
  },
});
