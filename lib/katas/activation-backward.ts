// Kata: backpropagate through an elementwise activation (reference: lib/nn/activations.ts multiplyByDerivative).
import { Rng } from '../core/random';
import { multiplyByDerivative } from '../nn/activations';
import { mistakeFrom, normals } from './content-kit';
import { defineKata, type KataCase } from './types';

type Kind = 'relu' | 'sigmoid' | 'tanh';
type Args = [kind: Kind, z: number[], dOut: number[]];

function reference(...[kind, z, dOut]: Args): number[] {
  return Array.from(multiplyByDerivative(kind, z, Float64Array.from(dOut)));
}

const sig = (v: number) => 1 / (1 + Math.exp(-v));

/** dOut times a chosen (possibly wrong) derivative, for the detectors. */
function times(z: number[], dOut: number[], d: (v: number) => number): number[] {
  return z.map((v, i) => dOut[i] * d(v));
}

const examples: KataCase<Args>[] = [
  { name: 'relu', kind: 'example', args: ['relu', [-1, 0.5, 2], [1, 1, 3]] },
  { name: 'sigmoid', kind: 'example', args: ['sigmoid', [0, 2, -1], [1, 1, 1]] },
  { name: 'tanh', kind: 'example', args: ['tanh', [0, 1, -0.5], [2, 1, 1]] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1609);
  const cases: KataCase<Args>[] = [
    { name: 'relu at exactly 0 has derivative 0', kind: 'edge', args: ['relu', [0, 0, 1e-300], [5, -5, 2]] },
    { name: 'zero upstream gradient', kind: 'edge', args: ['tanh', [0.3, -2], [0, 0]] },
    { name: 'sigmoid of a single value', kind: 'edge', args: ['sigmoid', [0.7], [-2]] },
  ];
  const kinds: Kind[] = ['relu', 'sigmoid', 'tanh'];
  for (let r = 0; r < 6; r++) {
    const n = 3 + rng.int(10);
    cases.push({ name: `random ${kinds[r % 3]} ${r + 1}`, kind: 'random', args: [kinds[r % 3], normals(rng, n, 2), normals(rng, n)] });
  }
  cases.push({ name: 'sigmoid of logits near +-800', kind: 'large', args: ['sigmoid', [800, -800, 30, -30], [1, 1, 1e6, 1e6]] });
  cases.push({ name: 'tanh of large inputs', kind: 'large', args: ['tanh', [500, -500, 10], [1e3, 1e3, 1e3]] });
  return cases;
}

export default defineKata<Args, number[]>({
  id: 'activation-backward',
  title: 'Backward through ReLU, sigmoid and tanh',
  section: 'neural-networks',
  difficulty: 'easy',
  statement: `A layer computed $a = f(z)$ elementwise. Given the pre-activations $z$ and the upstream gradient
$\\partial L / \\partial a$ (\`dOut\`), return $\\partial L / \\partial z = \\texttt{dOut} \\odot f'(z)$ for

- \`'relu'\`: $f(z) = \\max(0, z)$, $f'(z) = 1$ for $z > 0$ and $0$ otherwise (**including** $z = 0$, as TensorFlow and PyTorch do);
- \`'sigmoid'\`: $\\sigma(z) = 1 / (1 + e^{-z})$, $\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$;
- \`'tanh'\`: $\\tanh'(z) = 1 - \\tanh^2(z)$.

Note the derivatives are functions of $z$ expressed through the activation's value, not of $z$ directly. Large $|z|$
must give $0$ for sigmoid and tanh, not \`NaN\`. Do not change \`dOut\`.`,
  functionName: 'activationBackward',
  signature: "activationBackward(kind: 'relu' | 'sigmoid' | 'tanh', z: number[], dOut: number[]): number[]",
  starter: `export function activationBackward(kind: 'relu' | 'sigmoid' | 'tanh', z: number[], dOut: number[]): number[] {
  throw new Error('not implemented');
}
`,
  solution: `export function activationBackward(kind: 'relu' | 'sigmoid' | 'tanh', z: number[], dOut: number[]): number[] {
  return z.map((v, i) => {
    if (kind === 'relu') return v > 0 ? dOut[i] : 0;
    if (kind === 'sigmoid') {
      const s = 1 / (1 + Math.exp(-v));
      return dOut[i] * s * (1 - s);
    }
    const t = Math.tanh(v);
    return dOut[i] * (1 - t * t);
  });
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-12, rel: 1e-9 },
  hints: ['Compute the activation first (s = sigmoid(z) or t = tanh(z)), then its derivative from it, and multiply by dOut element by element.'],
  mistakes: [
    mistakeFrom<Args, number[]>('derivative-of-z', 'σ\'(z) = σ(z)(1 - σ(z)) and tanh\'(z) = 1 - tanh²(z) use the activation value; plugging z itself in (z(1 - z), 1 - z²) is the classic slip.',
      (kind, z, dOut) => times(z, dOut, kind === 'sigmoid' ? (v) => v * (1 - v) : kind === 'tanh' ? (v) => 1 - v * v : (v) => (v > 0 ? 1 : 0))),
    mistakeFrom<Args, number[]>('relu-at-zero', 'At z = 0 use derivative 0 for ReLU (the convention of TensorFlow and PyTorch).',
      (kind, z, dOut) => times(z, dOut, kind === 'relu' ? (v) => (v >= 0 ? 1 : 0) : kind === 'sigmoid' ? (v) => sig(v) * (1 - sig(v)) : (v) => 1 - Math.tanh(v) ** 2)),
    mistakeFrom<Args, number[]>('no-upstream', 'Multiply by the upstream gradient dOut: the chain rule gives dL/dz = dL/da · f\'(z).',
      (kind, z) => times(z, z.map(() => 1), kind === 'relu' ? (v) => (v > 0 ? 1 : 0) : kind === 'sigmoid' ? (v) => sig(v) * (1 - sig(v)) : (v) => 1 - Math.tanh(v) ** 2)),
  ],
  mutants: [
    { name: 'sigmoid derivative from z', edits: [['return dOut[i] * s * (1 - s);', 'return dOut[i] * v * (1 - v);']], mistake: 'derivative-of-z' },
    { name: 'relu derivative 1 at zero', edits: [['v > 0 ? dOut[i] : 0', 'v >= 0 ? dOut[i] : 0']], mistake: 'relu-at-zero' },
    { name: 'tanh forgets dOut', edits: [['return dOut[i] * (1 - t * t);', 'return 1 - t * t;']] },
  ],
  links: {
    lessons: [{ lesson: '04-neural-network-essentials', cell: 'activations-md' }, { lesson: '12-key-formulas', cell: 'sigmoid-derivative' }],
    questions: ['neural-networks-sigmoid-derivative', 'neural-networks-dead-relu', 'neural-networks-tanh-sigmoid-relation', 'neural-networks-backprop-two-layer'],
  },
});
