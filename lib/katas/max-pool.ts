// Kata: 2-D max pooling of one channel with a square window (reference: lib/cnn/pool.ts maxPool2d).
import { Rng } from '../core/random';
import { maxPool2d as libMaxPool2d } from '../cnn/pool';
import { tensor4 } from '../cnn/tensor4';
import { mistakeFrom, normalMatrix, toRows } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [input: number[][], size: number, stride: number];

function reference(...[input, size, stride]: Args): number[][] {
  const H = input.length, W = input[0].length;
  const { output } = libMaxPool2d(tensor4([1, H, W, 1], input.flat()), { size, stride });
  return toRows(output.data, output.shape[1], output.shape[2]);
}

function pool(input: number[][], size: number, stride: number, reduce: (w: number[]) => number, outSize: (n: number) => number): number[][] {
  const H = outSize(input.length), W = outSize(input[0].length);
  return Array.from({ length: H }, (_, i) => Array.from({ length: W }, (_, j) => {
    const w: number[] = [];
    for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) {
      const v = input[i * stride + a]?.[j * stride + b];
      if (v !== undefined) w.push(v);
    }
    return reduce(w);
  }));
}
const floorSize = (size: number, stride: number) => (n: number) => Math.floor((n - size) / stride) + 1;

const examples: KataCase<Args>[] = [
  { name: '4x4, 2x2 windows, stride 2', kind: 'example', args: [[[1, 3, 2, 1], [4, 2, 0, 1], [5, 1, 7, 8], [0, 2, 3, 4]], 2, 2] },
  { name: 'overlapping 2x2 windows, stride 1', kind: 'example', args: [[[1, 2, 3], [4, 5, 6], [7, 8, 9]], 2, 1] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1623);
  const cases: KataCase<Args>[] = [
    { name: 'all values negative', kind: 'edge', args: [[[-5, -3, -8, -1], [-2, -7, -4, -6]], 2, 2] },
    { name: 'size that does not tile: 5x5, 2x2, stride 2', kind: 'edge', args: [normalMatrix(rng, 5, 5), 2, 2] },
    { name: 'window as large as the input', kind: 'edge', args: [[[1, 9], [3, 4]], 2, 2] },
    { name: 'non-square input, 3x3 stride 2', kind: 'edge', args: [normalMatrix(rng, 5, 7), 3, 2] },
    { name: 'size 1 is the identity', kind: 'edge', args: [[[1, 2], [3, 4]], 1, 1] },
  ];
  for (let r = 0; r < 5; r++) {
    const size = 1 + rng.int(3), stride = 1 + rng.int(3);
    cases.push({ name: `random ${r + 1}`, kind: 'random', args: [normalMatrix(rng, size + rng.int(8), size + rng.int(8), 2, -1), size, stride] });
  }
  cases.push({ name: '64x64 image of values near 1e9', kind: 'large', args: [normalMatrix(rng, 64, 64, 1e3, 1e9), 2, 2] });
  return cases;
}

export default defineKata<Args, number[][]>({
  id: 'max-pool',
  title: 'Max pooling',
  section: 'architectures',
  difficulty: 'easy',
  statement: `Max-pool one channel \`input\` ($H \\times W$) with a \`size\` $\\times$ \`size\` window moved \`stride\` positions
at a time, without padding ('valid'):

$$y_{ij} = \\max_{0 \\le a, b < \\text{size}} x_{\\,i\\cdot\\text{stride} + a,\\ j \\cdot \\text{stride} + b}, \\qquad
H_{\\text{out}} = \\left\\lfloor \\frac{H - \\text{size}}{\\text{stride}} \\right\\rfloor + 1$$

(and the same for the width). A last, partial window that would stick out of the input is dropped. Values may all be
negative. The window always fits (size $\\le H, W$).`,
  functionName: 'maxPool2d',
  signature: 'maxPool2d(input: number[][], size: number, stride: number): number[][]',
  starter: `export function maxPool2d(input: number[][], size: number, stride: number): number[][] {
  throw new Error('not implemented');
}
`,
  solution: `export function maxPool2d(input: number[][], size: number, stride: number): number[][] {
  const outH = Math.floor((input.length - size) / stride) + 1;
  const outW = Math.floor((input[0].length - size) / stride) + 1;
  const out: number[][] = [];
  for (let i = 0; i < outH; i++) {
    const row: number[] = [];
    for (let j = 0; j < outW; j++) {
      let best = -Infinity;
      for (let a = 0; a < size; a++) {
        for (let b = 0; b < size; b++) best = Math.max(best, input[i * stride + a][j * stride + b]);
      }
      row.push(best);
    }
    out.push(row);
  }
  return out;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 0, rel: 0 },
  hints: ['Output size floor((H - size) / stride) + 1 per axis; for each output cell take the max over its window, starting from -Infinity.'],
  mistakes: [
    mistakeFrom<Args, number[][]>('max-starts-at-zero', 'Start the running max at -Infinity (or the first value in the window): starting at 0 turns every all-negative window into 0.',
      (x, size, stride) => pool(x, size, stride, (w) => Math.max(0, ...w), floorSize(size, stride))),
    mistakeFrom<Args, number[][]>('average', 'This is max pooling: take the largest value of each window, not the mean.',
      (x, size, stride) => pool(x, size, stride, (w) => w.reduce((a, b) => a + b, 0) / w.length, floorSize(size, stride))),
    mistakeFrom<Args, number[][]>('partial-windows', 'Drop the last partial window: the output size uses the floor, floor((H - size) / stride) + 1.',
      (x, size, stride) => pool(x, size, stride, (w) => Math.max(...w), (n) => Math.ceil((n - size) / stride) + 1)),
  ],
  mutants: [
    { name: 'running max starts at 0', edits: [['let best = -Infinity;', 'let best = 0;']], mistake: 'max-starts-at-zero' },
    { name: 'stride ignored (steps of 1)', edits: [['input[i * stride + a][j * stride + b]', 'input[i + a][j + b]']] },
    { name: 'keeps partial windows', edits: [['const outH = Math.floor((input.length - size) / stride) + 1;', 'const outH = Math.ceil((input.length - size) / stride) + 1;'], ['const outW = Math.floor((input[0].length - size) / stride) + 1;', 'const outW = Math.ceil((input[0].length - size) / stride) + 1;'], ['best = Math.max(best, input[i * stride + a][j * stride + b]);', 'best = Math.max(best, input[i * stride + a]?.[j * stride + b] ?? -Infinity);']], mistake: 'partial-windows' },
  ],
  links: {
    lessons: [{ lesson: '07-cnn', cell: 'pool-md' }],
    questions: ['architectures-pooling', 'architectures-translation-invariance', 'algorithms-conv2d-maxpool'],
  },
});
