// Kata: the receptive field of a stack of convolution/pooling layers (reference: lib/cnn/output-size.ts receptiveFieldSize).
import { Rng } from '../core/random';
import { receptiveFieldSize } from '../cnn/output-size';
import { mistakeFrom } from './content-kit';
import { defineKata, type KataCase } from './types';

type Layer = { kernel: number; stride: number; dilation: number };
type Args = [layers: Layer[]];

function reference(...[layers]: Args): number {
  return receptiveFieldSize(layers);
}

function rf(layers: Layer[], term: (l: Layer, jumpBefore: number, jumpAfter: number) => number): number {
  let r = 1, jump = 1;
  for (const l of layers) {
    const after = jump * l.stride;
    r += term(l, jump, after);
    jump = after;
  }
  return r;
}

const examples: KataCase<Args>[] = [
  { name: 'two 3x3 convolutions', kind: 'example', args: [[{ kernel: 3, stride: 1, dilation: 1 }, { kernel: 3, stride: 1, dilation: 1 }]] },
  { name: 'conv, pool, conv', kind: 'example', args: [[{ kernel: 3, stride: 1, dilation: 1 }, { kernel: 2, stride: 2, dilation: 1 }, { kernel: 3, stride: 1, dilation: 1 }]] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1625);
  const L = (kernel: number, stride = 1, dilation = 1): Layer => ({ kernel, stride, dilation });
  const cases: KataCase<Args>[] = [
    { name: 'no layers: one pixel', kind: 'edge', args: [[]] },
    { name: 'one 7x7 stride-2 layer', kind: 'edge', args: [[L(7, 2)]] },
    { name: 'stride of the last layer does not matter', kind: 'edge', args: [[L(3), L(3, 4)]] },
    { name: 'dilated stack (WaveNet-style)', kind: 'edge', args: [[L(2, 1, 1), L(2, 1, 2), L(2, 1, 4), L(2, 1, 8)]] },
    { name: '1x1 convolutions add nothing', kind: 'edge', args: [[L(3), L(1), L(1, 2), L(3)]] },
  ];
  for (let r = 0; r < 5; r++) {
    const n = 1 + rng.int(6);
    cases.push({ name: `random stack ${r + 1}`, kind: 'random', args: [Array.from({ length: n }, () => L(1 + rng.int(7), 1 + rng.int(3), 1 + rng.int(3)))] });
  }
  cases.push({ name: 'a 30-layer network with repeated striding', kind: 'large', args: [Array.from({ length: 30 }, (_, i) => L(3, i % 5 === 4 ? 2 : 1, 1))] });
  return cases;
}

export default defineKata<Args, number>({
  id: 'receptive-field',
  title: 'Receptive field of a CNN',
  section: 'architectures',
  difficulty: 'medium',
  statement: `Along one axis, how many input pixels can one unit of the last layer of a stack see? Each layer (convolution
or pooling alike) has a window of \`kernel\` $k_l$ taps, a \`stride\` $s_l$ and a \`dilation\` $d_l$. With
$r_0 = 1$ and the **jump** $j_0 = 1$ (the distance, in input pixels, between neighbouring units of a layer):

$$r_l = r_{l-1} + (k_l - 1)\\, d_l\\, j_{l-1}, \\qquad j_l = j_{l-1}\\, s_l ,$$

so $r = 1 + \\sum_l (k_l - 1)\\, d_l \\prod_{m < l} s_m$: a layer's window is stretched by the strides of the layers
**before** it, not by its own stride. Padding does not change the size. Return $r_L$ (1 for an empty stack).`,
  functionName: 'receptiveField',
  signature: 'receptiveField(layers: { kernel: number; stride: number; dilation: number }[]): number',
  starter: `export function receptiveField(layers: { kernel: number; stride: number; dilation: number }[]): number {
  throw new Error('not implemented');
}
`,
  solution: `export function receptiveField(layers: { kernel: number; stride: number; dilation: number }[]): number {
  let r = 1, jump = 1;
  for (const layer of layers) {
    r += (layer.kernel - 1) * layer.dilation * jump;
    jump *= layer.stride;
  }
  return r;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 0, rel: 0 },
  hints: ['Walk the layers in order, keeping r and the jump: add (k - 1) · d · jump, then multiply the jump by this layer\'s stride.'],
  mistakes: [
    mistakeFrom<Args, number>('strides-ignored', 'Strides compound: each layer\'s window is multiplied by the product of the strides before it (the jump).',
      (layers) => rf(layers, (l) => (l.kernel - 1) * l.dilation)),
    mistakeFrom<Args, number>('own-stride', 'A layer\'s window is stretched by the strides of the earlier layers only: update the jump after adding the layer\'s term.',
      (layers) => rf(layers, (l, _before, after) => (l.kernel - 1) * l.dilation * after)),
    mistakeFrom<Args, number>('dilation-ignored', 'A dilated window of k taps spans (k - 1) d + 1 inputs: multiply (k - 1) by the dilation.',
      (layers) => rf(layers, (l, before) => (l.kernel - 1) * before)),
  ],
  mutants: [
    { name: 'jump updated before the term', edits: [['    r += (layer.kernel - 1) * layer.dilation * jump;\n    jump *= layer.stride;', '    jump *= layer.stride;\n    r += (layer.kernel - 1) * layer.dilation * jump;']], mistake: 'own-stride' },
    { name: 'strides ignored', edits: [['jump *= layer.stride;', 'jump *= 1;']], mistake: 'strides-ignored' },
    { name: 'dilation ignored', edits: [['(layer.kernel - 1) * layer.dilation * jump', '(layer.kernel - 1) * jump']], mistake: 'dilation-ignored' },
  ],
  links: {
    lessons: [{ lesson: '07-cnn', cell: 'rf-md' }, { lesson: '12-key-formulas', cell: 'receptive-field' }],
    questions: ['architectures-receptive-field', 'architectures-small-kernels'],
  },
});
