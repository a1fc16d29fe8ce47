// Kata: single-channel 2-D convolution (cross-correlation) with stride and zero padding.
import { conv2d as convNhwc } from '../cnn/conv2d';
import { tensor4 } from '../cnn/tensor4';
import { rngFrom } from '../core/random';
import { closeTo, randomMatrix } from './case-helpers';
import { defineKata, type KataCase } from './types';

type Args = [input: number[][], kernel: number[][], stride: number, padding: number];

function reference(input: number[][], kernel: number[][], stride: number, padding: number): number[][] {
  const H = input.length, W = input[0].length, kh = kernel.length, kw = kernel[0].length;
  const y = convNhwc(tensor4([1, H, W, 1], input.flat()), tensor4([kh, kw, 1, 1], kernel.flat()), undefined, { stride, padding });
  const [, Ho, Wo] = y.shape;
  return Array.from({ length: Ho }, (_, i) => Array.from(y.data.subarray(i * Wo, i * Wo + Wo)));
}

const flip = (k: number[][]) => k.slice().reverse().map((r) => r.slice().reverse());

export default defineKata<Args, number[][]>({
  id: 'conv2d',
  title: '2-D convolution with stride and padding',
  section: 'architectures',
  difficulty: 'medium',
  statement: `Write \`conv2d(input, kernel, stride, padding)\` for one channel, as deep-learning libraries define it
(**cross-correlation**: the kernel is not flipped). \`input\` is $H \\times W$, \`kernel\` is $k_h \\times k_w$,
\`stride\` $S \\ge 1$, \`padding\` $P \\ge 0$ zeros added on every side:

$$\\text{out}[i][j] = \\sum_{a=0}^{k_h - 1} \\sum_{b=0}^{k_w - 1} \\text{in}_P[iS + a][jS + b]\\; \\text{kernel}[a][b],
\\qquad H_{out} = \\Big\\lfloor \\frac{H + 2P - k_h}{S} \\Big\\rfloor + 1$$

(and likewise $W_{out}$), where $\\text{in}_P$ is the input with $P$ rows/columns of zeros around it. Windows that
would run past the padded input are dropped (the floor). The kernel always fits: $k_h \\le H + 2P$, $k_w \\le W + 2P$.
Do not change the arguments. Tolerance: $10^{-10}$ absolute plus $10^{-10}$ relative.`,
  functionName: 'conv2d',
  signature: 'conv2d(input: number[][], kernel: number[][], stride: number, padding: number): number[][]',
  starter: `export function conv2d(input: number[][], kernel: number[][], stride: number, padding: number): number[][] {
  throw new Error('not implemented');
}
`,
  solution: `export function conv2d(input: number[][], kernel: number[][], stride: number, padding: number): number[][] {
  const H = input.length, W = input[0].length, kh = kernel.length, kw = kernel[0].length;
  const Ho = Math.floor((H + 2 * padding - kh) / stride) + 1;
  const Wo = Math.floor((W + 2 * padding - kw) / stride) + 1;
  const out: number[][] = [];
  for (let i = 0; i < Ho; i++) {
    const row: number[] = [];
    for (let j = 0; j < Wo; j++) {
      let s = 0;
      for (let a = 0; a < kh; a++) {
        for (let b = 0; b < kw; b++) {
          const r = i * stride + a - padding, c = j * stride + b - padding;
          if (r >= 0 && r < H && c >= 0 && c < W) s += input[r][c] * kernel[a][b];
        }
      }
      row.push(s);
    }
    out.push(row);
  }
  return out;
}
`,
  examples: [
    { name: '3x3 input, 2x2 kernel', kind: 'example', args: [[[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[1, 0], [0, -1]], 1, 0] },
    { name: 'padding 1', kind: 'example', args: [[[1, 2], [3, 4]], [[1, 1], [1, 1]], 1, 1] },
  ],
  hiddenCases() {
    const rng = rngFrom(1606);
    const cases: KataCase<Args>[] = [
      { name: '1x1 kernel', kind: 'edge', args: [[[1, 2], [3, 4]], [[2]], 1, 0] },
      { name: 'kernel as large as the input', kind: 'edge', args: [[[1, 2], [3, 4]], [[1, 2], [3, 4]], 1, 0] },
      { name: 'stride 2 drops the last column (floor)', kind: 'edge', args: [randomMatrix(rng, 4, 5, 1), [[1, -1], [2, 0]], 2, 0] },
      { name: 'asymmetric kernel: no flipping', kind: 'edge', args: [[[0, 1, 2], [3, 4, 5], [6, 7, 8]], [[1, 2, 3]], 1, 0] },
      { name: 'stride 3, padding 2', kind: 'edge', args: [randomMatrix(rng, 5, 4, 1), randomMatrix(rng, 3, 2, 1), 3, 2] },
    ];
    for (let t = 0; t < 5; t++) {
      const H = 2 + rng.int(7), W = 2 + rng.int(7), P = rng.int(3);
      const kh = 1 + rng.int(Math.min(4, H + 2 * P)), kw = 1 + rng.int(Math.min(4, W + 2 * P));
      cases.push({ name: `random ${t + 1} (${H}x${W}, k ${kh}x${kw}, S ${1 + (t % 3)}, P ${P})`, kind: 'random', args: [randomMatrix(rng, H, W, 1), randomMatrix(rng, kh, kw, 1), 1 + (t % 3), P] });
    }
    cases.push({ name: 'large: 64x64 image of ~255 values, 5x5 kernel', kind: 'large', args: [randomMatrix(rng, 64, 64, 255, 0), randomMatrix(rng, 5, 5, 1), 1, 2] });
    return cases;
  },
  reference,
  tolerance: { abs: 1e-10, rel: 1e-10 },
  hints: ['Output size floor((H + 2P - k) / S) + 1; out[i][j] sums input[i*S + a - P][j*S + b - P] * kernel[a][b] over the kernel, reading 0 outside the input.'],
  mistakes: [
    {
      id: 'flipped',
      hint: 'you flipped the kernel (true convolution): deep-learning "convolution" is cross-correlation, kernel[a][b] multiplies in[iS + a][jS + b]',
      detect: ({ args: [input, kernel, stride, padding], received, tolerance }) => closeTo(reference(input, flip(kernel), stride, padding), received, tolerance),
    },
    {
      id: 'size',
      hint: 'wrong output size: H_out = floor((H + 2P - k_h) / S) + 1 (and the same for the width)',
      detect: ({ expected, received }) => Array.isArray(received) && (received.length !== expected.length
        || (Array.isArray(received[0]) && (received[0] as unknown[]).length !== expected[0].length)),
    },
    {
      id: 'padding',
      hint: 'padding P adds P zeros on every side: index the input at i*S + a - P and read 0 outside it',
      detect: ({ args: [input, kernel, stride, padding], received, tolerance }) => padding > 0 && Array.isArray(received)
        && closeTo(reference(input, kernel, stride, 0), (received as number[][]).slice(0, reference(input, kernel, stride, 0).length).map((r) => r.slice(0, reference(input, kernel, stride, 0)[0]?.length ?? 0)), tolerance),
    },
  ],
  mutants: [
    { name: 'flipped kernel', edits: [['s += input[r][c] * kernel[a][b];', 's += input[r][c] * kernel[kh - 1 - a][kw - 1 - b];']], mistake: 'flipped' },
    { name: 'output size off by one', edits: [['const Ho = Math.floor((H + 2 * padding - kh) / stride) + 1;', 'const Ho = Math.floor((H + 2 * padding - kh) / stride);']], mistake: 'size' },
    { name: 'ceil instead of floor', edits: [['const Wo = Math.floor((W + 2 * padding - kw) / stride) + 1;', 'const Wo = Math.ceil((W + 2 * padding - kw) / stride) + 1;']], mistake: 'size' },
    { name: 'stride ignored inside the window', edits: [['const r = i * stride + a - padding, c = j * stride + b - padding;', 'const r = i + a - padding, c = j + b - padding;']] },
  ],
  links: {
    lessons: [{ lesson: '07-cnn', cell: 'conv-md' }, { lesson: '07-cnn', cell: 'size-md' }],
    questions: ['architectures-conv-output-size', 'algorithms-conv2d-maxpool'],
  },
});
