// Kata: inverted dropout forward and backward from given uniform draws (reference: lib/nn/dropout.ts dropoutForward / dropoutBackward).
import { Rng } from '../core/random';
import { dropoutBackward, dropoutForward } from '../nn/dropout';
import { mistakeFrom, normals, round, uniforms } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [x: number[], u: number[], rate: number, dOut: number[]];
type Result = { output: number[]; mask: number[]; dx: number[] };

function reference(...[x, u, rate, dOut]: Args): Result {
  // The lib draws one uniform per entry from its generator, in order: replay the given draws through it.
  let next = 0;
  // Only random() is called by dropoutMask; the cast stands in for a full generator.
  const replay = { random: () => u[next++] } as unknown as Rng;
  const { output, mask } = dropoutForward(x, rate, { rng: replay });
  return { output: Array.from(output), mask: Array.from(mask), dx: Array.from(dropoutBackward(dOut, mask)) };
}

function withMask(x: number[], dOut: number[], mask: number[]): Result {
  return { output: x.map((v, i) => v * mask[i]), mask, dx: dOut.map((g, i) => g * mask[i]) };
}

const examples: KataCase<Args>[] = [
  { name: 'half of four units dropped', kind: 'example', args: [[1, 2, 3, 4], [0.9, 0.1, 0.5, 0.3], 0.5, [1, 1, 1, 1]] },
  { name: 'rate 0.2', kind: 'example', args: [[0.5, -1, 2], [0.25, 0.15, 0.8], 0.2, [0.1, 0.2, -0.3]] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1608);
  const cases: KataCase<Args>[] = [
    { name: 'rate 0 keeps everything', kind: 'edge', args: [[1, -2, 3], [0, 0.5, 0.99], 0, [1, 2, 3]] },
    { name: 'draw equal to the rate is kept', kind: 'edge', args: [[2, 2], [0.3, 0.29], 0.3, [1, 1]] },
    { name: 'draw 0 is dropped', kind: 'edge', args: [[5], [0], 0.1, [1]] },
    { name: 'rate 0.9', kind: 'edge', args: [[1, 1, 1, 1], [0.95, 0.1, 0.91, 0.89], 0.9, [1, -1, 2, -2]] },
  ];
  for (let r = 0; r < 4; r++) {
    const n = 5 + rng.int(20);
    cases.push({ name: `random ${r + 1}`, kind: 'random', args: [normals(rng, n, 2), uniforms(rng, n, 0, 1, 4), round(0.05 + 0.8 * rng.random(), 2), normals(rng, n)] });
  }
  cases.push({ name: 'activations near 1e6', kind: 'large', args: [normals(rng, 10, 1e5, 1e6), uniforms(rng, 10, 0, 1, 4), 0.25, normals(rng, 10, 1e6)] });
  return cases;
}

export default defineKata<Args, Result>({
  id: 'dropout',
  title: 'Inverted dropout, forward and backward',
  section: 'regularization',
  difficulty: 'easy',
  statement: `Inverted dropout at training time with drop probability $p$ = \`rate\` ($0 \\le p < 1$). Randomness is given:
\`u[i]\` is a uniform draw in $[0, 1)$ for unit $i$, and the unit is **kept when** $u_i \\ge p$ (dropped when $u_i < p$).

$$m_i = \\begin{cases} \\dfrac{1}{1 - p} & u_i \\ge p \\\\[4pt] 0 & u_i < p \\end{cases} \\qquad
\\text{output}_i = x_i\\, m_i, \\qquad \\frac{\\partial L}{\\partial x_i} = \\frac{\\partial L}{\\partial \\text{output}_i}\\, m_i$$

Scaling the kept units by $1/(1-p)$ keeps $E[\\text{output}] = x$, so nothing changes at test time. Return the output,
the mask $m$ and the input gradient \`dx\` for the upstream gradient \`dOut\`.`,
  functionName: 'dropout',
  signature: 'dropout(x: number[], u: number[], rate: number, dOut: number[]): { output: number[]; mask: number[]; dx: number[] }',
  starter: `export function dropout(x: number[], u: number[], rate: number, dOut: number[]): { output: number[]; mask: number[]; dx: number[] } {
  throw new Error('not implemented');
}
`,
  solution: `export function dropout(x: number[], u: number[], rate: number, dOut: number[]): { output: number[]; mask: number[]; dx: number[] } {
  const mask = u.map((draw) => (draw >= rate ? 1 / (1 - rate) : 0));
  return {
    output: x.map((v, i) => v * mask[i]),
    mask,
    dx: dOut.map((g, i) => g * mask[i]),
  };
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-12, rel: 1e-12 },
  hints: ['Build the mask first (0 or 1/(1 - rate) per unit); both the forward output and the backward gradient multiply by it.'],
  mistakes: [
    mistakeFrom<Args, Result>('no-rescale', 'Inverted dropout scales the kept units by 1/(1 - rate) at training time; without it the expected activation shrinks to (1 - rate) x.',
      (x, u, rate, dOut) => withMask(x, dOut, u.map((d) => (d >= rate ? 1 : 0)))),
    mistakeFrom<Args, Result>('scale-by-keep', 'Divide by the keep probability 1 - rate (multiply by 1/(1 - rate)); multiplying by (1 - rate) shrinks the activations twice.',
      (x, u, rate, dOut) => withMask(x, dOut, u.map((d) => (d >= rate ? 1 - rate : 0)))),
    mistakeFrom<Args, Result>('keep-below-rate', 'rate is the probability of dropping: keep unit i when u_i >= rate, so that it survives with probability 1 - rate.',
      (x, u, rate, dOut) => withMask(x, dOut, u.map((d) => (d < rate ? 1 / (1 - rate) : 0)))),
  ],
  mutants: [
    { name: 'no 1/(1 - p) scaling', edits: [['(draw >= rate ? 1 / (1 - rate) : 0)', '(draw >= rate ? 1 : 0)']], mistake: 'no-rescale' },
    { name: 'keeps units below the rate', edits: [['draw >= rate', 'draw < rate']], mistake: 'keep-below-rate' },
    { name: 'backward ignores the mask', edits: [['dx: dOut.map((g, i) => g * mask[i]),', 'dx: dOut.slice(),']] },
  ],
  links: {
    lessons: [{ lesson: '03-regularization', cell: 'dropout-md' }, { lesson: '12-key-formulas', cell: 'inverted-dropout' }],
    questions: ['regularization-dropout-scaling', 'algorithms-dropout-forward-backward', 'regularization-dropout-why'],
  },
});
