// Kata: output length of a convolution or pooling window along one axis (reference: lib/cnn/output-size.ts convOutputSize).
import { Rng } from '../core/random';
import { convOutputSize as libConvOutputSize } from '../cnn/output-size';
import { mistakeFrom } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [inputSize: number, kernel: number, padding: number, stride: number, dilation: number];

function reference(...[inputSize, kernel, padding, stride, dilation]: Args): number {
  return libConvOutputSize(inputSize, kernel, padding, stride, dilation);
}

const examples: KataCase<Args>[] = [
  { name: '32 wide, 5x5 kernel', kind: 'example', args: [32, 5, 0, 1, 1] },
  { name: 'stride 2 with padding 1', kind: 'example', args: [7, 3, 1, 2, 1] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1622);
  const cases: KataCase<Args>[] = [
    { name: 'kernel as wide as the input', kind: 'edge', args: [5, 5, 0, 1, 1] },
    { name: 'stride that does not tile the input', kind: 'edge', args: [10, 3, 0, 4, 1] },
    { name: "'same'-style padding", kind: 'edge', args: [28, 3, 1, 1, 1] },
    { name: 'dilation 2', kind: 'edge', args: [10, 3, 0, 1, 2] },
    { name: '1x1 kernel, stride 2', kind: 'edge', args: [9, 1, 0, 2, 1] },
    { name: 'dilation with stride and padding', kind: 'edge', args: [64, 3, 2, 2, 3] },
  ];
  for (let r = 0; r < 6; r++) {
    const k = 1 + rng.int(7), d = 1 + rng.int(3), p = rng.int(4);
    const eff = d * (k - 1) + 1;
    cases.push({ name: `random ${r + 1}`, kind: 'random', args: [Math.max(1, eff - 2 * p) + rng.int(100), k, p, 1 + rng.int(4), d] });
  }
  cases.push({ name: 'a 100000-sample audio signal', kind: 'large', args: [100_000, 400, 0, 160, 1] });
  return cases;
}

export default defineKata<Args, number>({
  id: 'conv-output-size',
  title: 'Convolution output size',
  section: 'architectures',
  difficulty: 'easy',
  statement: `Along one axis, an input of length $W$ is padded with $P$ zeros on **each** side and scanned by a window of
$F$ taps spaced $D$ apart (dilation; $D = 1$ is an ordinary kernel) moving $S$ positions at a time. The dilated window
spans $F_{\\text{eff}} = D(F - 1) + 1$ inputs, and the output length is

$$\\left\\lfloor \\frac{W + 2P - F_{\\text{eff}}}{S} \\right\\rfloor + 1 .$$

The floor drops the last, partial window (as TensorFlow and PyTorch do). The window always fits in the padded input.`,
  functionName: 'convOutputSize',
  signature: 'convOutputSize(inputSize: number, kernel: number, padding: number, stride: number, dilation: number): number',
  starter: `export function convOutputSize(inputSize: number, kernel: number, padding: number, stride: number, dilation: number): number {
  throw new Error('not implemented');
}
`,
  solution: `export function convOutputSize(inputSize: number, kernel: number, padding: number, stride: number, dilation: number): number {
  const effective = dilation * (kernel - 1) + 1;
  return Math.floor((inputSize + 2 * padding - effective) / stride) + 1;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 0, rel: 0 },
  hints: ['Compute the dilated kernel size first, then floor((W + 2P - F_eff) / S) + 1.'],
  mistakes: [
    mistakeFrom<Args, number>('ceil', 'Use the floor: a last window that would stick out of the padded input is dropped.',
      (W, F, P, S, D) => Math.ceil((W + 2 * P - (D * (F - 1) + 1)) / S) + 1),
    mistakeFrom<Args, number>('padding-once', 'P zeros go on each side, so the padded length is W + 2P.',
      (W, F, P, S, D) => Math.floor((W + P - (D * (F - 1) + 1)) / S) + 1),
    mistakeFrom<Args, number>('no-dilation', 'A dilated kernel spans D (F - 1) + 1 inputs, not F.',
      (W, F, P, S) => Math.floor((W + 2 * P - F) / S) + 1),
    mistakeFrom<Args, number>('no-plus-one', 'Count the first window too: (W + 2P - F_eff) / S is the number of moves, and there is one more window than moves.',
      (W, F, P, S, D) => Math.floor((W + 2 * P - (D * (F - 1) + 1)) / S)),
  ],
  mutants: [
    { name: 'ceil instead of floor', edits: [['Math.floor(', 'Math.ceil(']], mistake: 'ceil' },
    { name: 'dilation ignored', edits: [['const effective = dilation * (kernel - 1) + 1;', 'const effective = kernel;']], mistake: 'no-dilation' },
    { name: 'padding on one side only', edits: [['inputSize + 2 * padding', 'inputSize + padding']], mistake: 'padding-once' },
  ],
  links: {
    lessons: [{ lesson: '07-cnn', cell: 'size-md' }, { lesson: '12-key-formulas', cell: 'conv-output-size' }],
    questions: ['architectures-conv-output-size', 'architectures-pooling'],
  },
});
