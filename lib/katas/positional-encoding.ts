// Kata: the sinusoidal positional encoding of the Transformer (reference: lib/attention/positional-encoding.ts).
import { sinusoidalPositionalEncoding } from '../attention/positional-encoding';
import { mistakeFrom, toRows } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [length: number, dModel: number];

function reference(...[length, dModel]: Args): number[][] {
  const pe = sinusoidalPositionalEncoding(length, dModel);
  return toRows(pe.data, pe.rows, pe.cols);
}

function table(length: number, dModel: number, value: (p: number, c: number) => number): number[][] {
  return Array.from({ length }, (_, p) => Array.from({ length: dModel }, (_, c) => value(p, c)));
}
const freq = (i: number, d: number) => Math.pow(10000, (-2 * i) / d);

const examples: KataCase<Args>[] = [
  { name: '3 positions, d_model = 4', kind: 'example', args: [3, 4] },
  { name: '2 positions, d_model = 2', kind: 'example', args: [2, 2] },
];

function hiddenCases(): KataCase<Args>[] {
  return [
    { name: 'one position: sin 0 = 0, cos 0 = 1', kind: 'edge', args: [1, 6] },
    { name: 'odd d_model ends with a sine column', kind: 'edge', args: [4, 5] },
    { name: 'd_model = 1', kind: 'edge', args: [3, 1] },
    { name: '10 positions, d_model = 8', kind: 'random', args: [10, 8] },
    { name: '7 positions, d_model = 16', kind: 'random', args: [7, 16] },
    { name: '50 positions, d_model = 6', kind: 'random', args: [50, 6] },
    { name: '512 positions, d_model = 64', kind: 'large', args: [512, 64] },
  ];
}

export default defineKata<Args, number[][]>({
  id: 'positional-encoding',
  title: 'Sinusoidal positional encoding',
  section: 'architectures',
  difficulty: 'easy',
  statement: `Return the \`length\` $\\times$ \`dModel\` matrix of sinusoidal positional encodings ("Attention Is All You
Need"): for position $p$ and dimension pair $i$,

$$PE(p, 2i) = \\sin\\!\\Big(\\frac{p}{10000^{2i/d_{\\text{model}}}}\\Big), \\qquad PE(p, 2i+1) = \\cos\\!\\Big(\\frac{p}{10000^{2i/d_{\\text{model}}}}\\Big).$$

Sines and cosines **interleave** (even columns sine, odd columns cosine), and both columns of a pair share the
frequency of the pair index $i = \\lfloor c/2 \\rfloor$. Positions start at 0. An odd $d_{\\text{model}}$ ends with a
lone sine column. Tolerance $10^{-12}$ absolute plus $10^{-9}$ relative.`,
  functionName: 'positionalEncoding',
  signature: 'positionalEncoding(length: number, dModel: number): number[][]',
  starter: `export function positionalEncoding(length: number, dModel: number): number[][] {
  throw new Error('not implemented');
}
`,
  solution: `export function positionalEncoding(length: number, dModel: number): number[][] {
  const pe: number[][] = [];
  for (let p = 0; p < length; p++) {
    const row: number[] = [];
    for (let c = 0; c < dModel; c++) {
      const i = Math.floor(c / 2);
      const angle = p / Math.pow(10000, (2 * i) / dModel);
      row.push(c % 2 === 0 ? Math.sin(angle) : Math.cos(angle));
    }
    pe.push(row);
  }
  return pe;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-12, rel: 1e-9 },
  hints: ['Column c belongs to pair i = floor(c / 2); its angle is p / 10000^(2i / d_model); even columns take the sine, odd ones the cosine.'],
  mistakes: [
    mistakeFrom<Args, number[][]>('column-exponent', 'Both columns of a pair share one frequency: the exponent is 2i / d_model with i = floor(c / 2), not c / d_model.',
      (L, d) => table(L, d, (p, c) => (c % 2 === 0 ? Math.sin : Math.cos)(p * Math.pow(10000, -c / d)))),
    mistakeFrom<Args, number[][]>('concatenated', 'Sines and cosines interleave (sin, cos, sin, cos, ...); putting all sines first and all cosines after is a different (also used) layout.',
      (L, d) => table(L, d, (p, c) => { const half = Math.ceil(d / 2); return c < half ? Math.sin(p * freq(c, d)) : Math.cos(p * freq(c - half, d)); })),
    mistakeFrom<Args, number[][]>('cos-first', 'Even columns (0, 2, ...) take the sine and odd columns the cosine.',
      (L, d) => table(L, d, (p, c) => (c % 2 === 0 ? Math.cos : Math.sin)(p * freq(Math.floor(c / 2), d)))),
  ],
  mutants: [
    { name: 'exponent c / d_model', edits: [['const angle = p / Math.pow(10000, (2 * i) / dModel);', 'const angle = p / Math.pow(10000, c / dModel);']], mistake: 'column-exponent' },
    { name: 'cosine on even columns', edits: [['c % 2 === 0 ? Math.sin(angle) : Math.cos(angle)', 'c % 2 === 0 ? Math.cos(angle) : Math.sin(angle)']], mistake: 'cos-first' },
  ],
  links: {
    lessons: [{ lesson: '09-transformers', cell: 'pe-md' }],
    questions: ['architectures-positional-encoding', 'architectures-why-self-attention'],
  },
});
