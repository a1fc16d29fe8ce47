// Kata: the weight scale of Xavier/Glorot and He/Kaiming initialisation (reference: lib/nn/init.ts initStd).
import { Rng } from '../core/random';
import { initStd as libInitStd } from '../nn/init';
import { mistakeFrom } from './content-kit';
import { defineKata, type KataCase } from './types';

type Kind = 'xavierUniform' | 'xavierNormal' | 'heUniform' | 'heNormal';
type Args = [kind: Kind, fanIn: number, fanOut: number];

function reference(...[kind, fanIn, fanOut]: Args): number {
  return libInitStd(kind, fanIn, fanOut);
}

const isUniform = (k: Kind) => k.endsWith('Uniform');
const isHe = (k: Kind) => k.startsWith('he');

const examples: KataCase<Args>[] = [
  { name: 'xavierNormal 100 -> 100', kind: 'example', args: ['xavierNormal', 100, 100] },
  { name: 'heNormal 50 -> 10', kind: 'example', args: ['heNormal', 50, 10] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1613);
  const kinds: Kind[] = ['xavierUniform', 'xavierNormal', 'heUniform', 'heNormal'];
  const cases: KataCase<Args>[] = [
    { name: 'xavierUniform 3 -> 5', kind: 'edge', args: ['xavierUniform', 3, 5] },
    { name: 'heUniform 8 -> 2', kind: 'edge', args: ['heUniform', 8, 2] },
    { name: 'one input, one output', kind: 'edge', args: ['heNormal', 1, 1] },
    { name: 'xavier with fanIn != fanOut', kind: 'edge', args: ['xavierNormal', 784, 10] },
  ];
  for (let r = 0; r < 6; r++) cases.push({ name: `random ${kinds[r % 4]} ${r + 1}`, kind: 'random', args: [kinds[r % 4], 1 + rng.int(1000), 1 + rng.int(1000)] });
  cases.push({ name: 'a 65536-wide layer', kind: 'large', args: ['heUniform', 65536, 4096] });
  return cases;
}

export default defineKata<Args, number>({
  id: 'init-std',
  title: 'Xavier and He initialisation scales',
  section: 'neural-networks',
  difficulty: 'easy',
  statement: `Return the **standard deviation** of the initial weights of a dense layer with \`fanIn\` inputs and
\`fanOut\` outputs for each scheme:

| scheme | weights | standard deviation |
| --- | --- | --- |
| \`xavierNormal\`, \`xavierUniform\` (Glorot) | $N(0, s^2)$ or $U(-a, a)$ | $s = \\sqrt{2 / (\\text{fanIn} + \\text{fanOut})}$ |
| \`heNormal\`, \`heUniform\` (Kaiming, for ReLU) | $N(0, s^2)$ or $U(-a, a)$ | $s = \\sqrt{2 / \\text{fanIn}}$ |

A uniform $U(-a, a)$ has standard deviation $a/\\sqrt 3$, so the uniform schemes draw from $a = \\sqrt 3\\, s$
(e.g. $a = \\sqrt{6 / (\\text{fanIn} + \\text{fanOut})}$ for Glorot): return $s$, not $a$. Xavier keeps the variance
of activations and of gradients roughly constant through linear/tanh layers; He doubles it to make up for ReLU zeroing
half of its inputs.`,
  functionName: 'initStd',
  signature: "initStd(kind: 'xavierUniform' | 'xavierNormal' | 'heUniform' | 'heNormal', fanIn: number, fanOut: number): number",
  starter: `export function initStd(kind: 'xavierUniform' | 'xavierNormal' | 'heUniform' | 'heNormal', fanIn: number, fanOut: number): number {
  throw new Error('not implemented');
}
`,
  solution: `export function initStd(kind: 'xavierUniform' | 'xavierNormal' | 'heUniform' | 'heNormal', fanIn: number, fanOut: number): number {
  if (kind === 'heNormal' || kind === 'heUniform') return Math.sqrt(2 / fanIn);
  return Math.sqrt(2 / (fanIn + fanOut));
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 0, rel: 1e-12 },
  hints: ['Xavier: sqrt(2 / (fanIn + fanOut)); He: sqrt(2 / fanIn). The uniform and normal versions share the same standard deviation.'],
  mistakes: [
    mistakeFrom<Args, number>('uniform-limit', 'For the uniform schemes the question asks for the standard deviation s = a / sqrt(3), not the limit a of U(-a, a).',
      (kind, fanIn, fanOut) => (isHe(kind) ? Math.sqrt(2 / fanIn) : Math.sqrt(2 / (fanIn + fanOut))) * (isUniform(kind) ? Math.sqrt(3) : 1)),
    mistakeFrom<Args, number>('he-uses-both-fans', 'He initialisation looks at fanIn only: s = sqrt(2 / fanIn).',
      (kind, fanIn, fanOut) => Math.sqrt(2 / (fanIn + fanOut)) * (isHe(kind) ? Math.SQRT2 : 1)),
    mistakeFrom<Args, number>('he-without-2', 'He doubles the variance for ReLU: s = sqrt(2 / fanIn); sqrt(1 / fanIn) is LeCun initialisation.',
      (kind, fanIn, fanOut) => (isHe(kind) ? Math.sqrt(1 / fanIn) : Math.sqrt(2 / (fanIn + fanOut)))),
    mistakeFrom<Args, number>('xavier-fan-in-only', 'Glorot averages the two fans: s = sqrt(2 / (fanIn + fanOut)), which balances the forward and the backward pass.',
      (kind, fanIn) => (isHe(kind) ? Math.sqrt(2 / fanIn) : Math.sqrt(1 / fanIn))),
  ],
  mutants: [
    { name: 'returns the uniform limit', edits: [['return Math.sqrt(2 / (fanIn + fanOut));', "return Math.sqrt(2 / (fanIn + fanOut)) * (kind === 'xavierUniform' ? Math.sqrt(3) : 1);"]], mistake: 'uniform-limit' },
    { name: 'He without the factor 2', edits: [['return Math.sqrt(2 / fanIn);', 'return Math.sqrt(1 / fanIn);']], mistake: 'he-without-2' },
    { name: 'Xavier with fanIn only', edits: [['return Math.sqrt(2 / (fanIn + fanOut));', 'return Math.sqrt(1 / fanIn);']], mistake: 'xavier-fan-in-only' },
  ],
  links: {
    lessons: [{ lesson: '04-neural-network-essentials', cell: 'init-md' }, { lesson: '12-key-formulas', cell: 'he-init' }],
    questions: ['neural-networks-xavier-he', 'neural-networks-zero-initialisation', 'neural-networks-vanishing-exploding'],
  },
});
