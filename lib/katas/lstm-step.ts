// Kata: one LSTM cell step with gates stacked i, f, g, o (reference: lib/rnn/lstm-cell.ts lstmForward).
import { Rng } from '../core/random';
import { matrix } from '../core/matrix';
import { lstmForward } from '../rnn/lstm-cell';
import { mistakeFrom, normalMatrix, normals } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [x: number[], hPrev: number[], cPrev: number[], W: number[][], U: number[][], b: number[]];
type Result = { h: number[]; c: number[] };

function reference(...[x, hPrev, cPrev, W, U, b]: Args): Result {
  const H = hPrev.length;
  const f = lstmForward(
    { kernel: matrix(W.length, 4 * H, Float64Array.from(W.flat())), recurrentKernel: matrix(H, 4 * H, Float64Array.from(U.flat())), bias: Float64Array.from(b) },
    [x], { h0: hPrev, c0: cPrev, recurrentActivation: 'sigmoid' });
  return { h: Array.from(f.hs.data), c: Array.from(f.cs.data) };
}

const sig = (z: number) => 1 / (1 + Math.exp(-z));

type Variant = { order: [number, number, number, number]; tanhOfC: boolean; inputGate: boolean };

/** The step with gate blocks taken in a given order and optional slips, for the detectors. */
function step(x: number[], hPrev: number[], cPrev: number[], W: number[][], U: number[][], b: number[], v: Variant): Result {
  const H = hPrev.length;
  const z = b.map((bj, j) => bj + x.reduce((s, xk, k) => s + xk * W[k][j], 0) + hPrev.reduce((s, hk, k) => s + hk * U[k][j], 0));
  const [oi, of, og, oo] = v.order.map((g) => g * H);
  const c = cPrev.map((cp, j) => sig(z[of + j]) * cp + (v.inputGate ? sig(z[oi + j]) : 1) * Math.tanh(z[og + j]));
  const h = c.map((cj, j) => sig(z[oo + j]) * (v.tanhOfC ? Math.tanh(cj) : cj));
  return { h, c };
}
const ok: Variant = { order: [0, 1, 2, 3], tanhOfC: true, inputGate: true };

function randomCase(rng: Rng, d: number, H: number, scale = 1): Args {
  return [normals(rng, d, scale), normals(rng, H, 0.5), normals(rng, H), normalMatrix(rng, d, 4 * H, 0.5), normalMatrix(rng, H, 4 * H, 0.5), normals(rng, 4 * H, 0.3)];
}

const examples: KataCase<Args>[] = [
  { name: 'one input, one unit', kind: 'example', args: [[1], [0.5], [0.2], [[0.1, 0.2, 0.3, 0.4]], [[0.5, -0.5, 0.25, 0.1]], [0, 1, 0, 0]] },
  { name: 'two inputs, one unit, zero state', kind: 'example', args: [[1, -1], [0], [0], [[1, 0, 2, 0.5], [0, 1, -1, 0.5]], [[0, 0, 0, 0]], [0, 0, 0, 0]] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1624);
  const cases: KataCase<Args>[] = [
    { name: 'large forget bias keeps the cell', kind: 'edge', args: [[0.3], [0.1, -0.2], [2, -3], normalMatrix(rng, 1, 8, 0.3), normalMatrix(rng, 2, 8, 0.3), [0, 0, 20, 20, 0, 0, 0, 0]] },
    { name: 'all weights zero', kind: 'edge', args: [[1, 2], [0.5], [1], [[0, 0, 0, 0], [0, 0, 0, 0]], [[0, 0, 0, 0]], [0, 0, 0, 0]] },
    { name: 'gates with distinct weights per block', kind: 'edge', args: [[1], [0], [0.5], [[1, -1, 2, -2]], [[0, 0, 0, 0]], [0.5, 0.25, -0.5, 1]] },
  ];
  for (let r = 0; r < 5; r++) cases.push({ name: `random ${r + 1}`, kind: 'random', args: randomCase(rng, 1 + rng.int(4), 1 + rng.int(4)) });
  cases.push({ name: 'inputs near 1e3 (saturated gates)', kind: 'large', args: randomCase(rng, 3, 2, 1e3) });
  return cases;
}

export default defineKata<Args, Result>({
  id: 'lstm-step',
  title: 'One LSTM step',
  section: 'architectures',
  difficulty: 'medium',
  statement: `One step of an LSTM cell with input size $d$ and $H$ units, in the Keras/tfjs layout (row vectors). The
weights stack the four gates along the columns **in the order input $i$, forget $f$, candidate $g$, output $o$**:
\`W\` is $d \\times 4H$, \`U\` is $H \\times 4H$, \`b\` has $4H$ entries, and column block $k$ ($k = 0..3$) holds
columns $kH .. (k+1)H - 1$.

$$z = x W + h_{t-1} U + b = [z_i, z_f, z_g, z_o]$$
$$i = \\sigma(z_i),\\quad f = \\sigma(z_f),\\quad g = \\tanh(z_g),\\quad o = \\sigma(z_o)$$
$$c_t = f \\odot c_{t-1} + i \\odot g, \\qquad h_t = o \\odot \\tanh(c_t)$$

Return $h_t$ and $c_t$ (length $H$ each). $\\sigma$ is the logistic sigmoid. Tolerance $10^{-12}$ absolute plus
$10^{-9}$ relative.`,
  functionName: 'lstmStep',
  signature: 'lstmStep(x: number[], hPrev: number[], cPrev: number[], W: number[][], U: number[][], b: number[]): { h: number[]; c: number[] }',
  starter: `export function lstmStep(x: number[], hPrev: number[], cPrev: number[], W: number[][], U: number[][], b: number[]): { h: number[]; c: number[] } {
  throw new Error('not implemented');
}
`,
  solution: `export function lstmStep(x: number[], hPrev: number[], cPrev: number[], W: number[][], U: number[][], b: number[]): { h: number[]; c: number[] } {
  const H = hPrev.length;
  const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
  const z = b.map((bias, j) => {
    let s = bias;
    for (let k = 0; k < x.length; k++) s += x[k] * W[k][j];
    for (let k = 0; k < H; k++) s += hPrev[k] * U[k][j];
    return s;
  });
  const h: number[] = [], c: number[] = [];
  for (let j = 0; j < H; j++) {
    const i = sigmoid(z[j]), f = sigmoid(z[H + j]), g = Math.tanh(z[2 * H + j]), o = sigmoid(z[3 * H + j]);
    c.push(f * cPrev[j] + i * g);
    h.push(o * Math.tanh(c[j]));
  }
  return { h, c };
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-12, rel: 1e-9 },
  hints: ['Compute all 4H pre-activations in one pass, then slice them into the i, f, g, o blocks of H columns each.'],
  mistakes: [
    mistakeFrom<Args, Result>('h-without-tanh', 'The hidden state squashes the cell: h = o ⊙ tanh(c), not o ⊙ c.',
      (...a) => step(...a, { ...ok, tanhOfC: false })),
    mistakeFrom<Args, Result>('no-input-gate', 'The input gate scales the candidate: c = f ⊙ c_prev + i ⊙ g.',
      (...a) => step(...a, { ...ok, inputGate: false })),
    mistakeFrom<Args, Result>('gate-order-ifog', 'The blocks are i, f, g, o (Keras/tfjs and PyTorch); you read them as i, f, o, g.',
      (...a) => step(...a, { ...ok, order: [0, 1, 3, 2] })),
    mistakeFrom<Args, Result>('gate-order-fiog', 'The blocks are i, f, g, o: the input gate comes first, then the forget gate.',
      (...a) => step(...a, { ...ok, order: [1, 0, 2, 3] })),
  ],
  mutants: [
    { name: 'h = o * c', edits: [['h.push(o * Math.tanh(c[j]));', 'h.push(o * c[j]);']], mistake: 'h-without-tanh' },
    { name: 'gate blocks read as i, f, o, g', edits: [['g = Math.tanh(z[2 * H + j]), o = sigmoid(z[3 * H + j]);', 'g = Math.tanh(z[3 * H + j]), o = sigmoid(z[2 * H + j]);']], mistake: 'gate-order-ifog' },
    { name: 'no input gate', edits: [['c.push(f * cPrev[j] + i * g);', 'c.push(f * cPrev[j] + g);']], mistake: 'no-input-gate' },
  ],
  links: {
    lessons: [{ lesson: '08-rnn', cell: 'lstm-md' }, { lesson: '12-key-formulas', cell: 'lstm-gates' }],
    questions: ['algorithms-lstm-cell-step', 'architectures-lstm-gates', 'architectures-gru-vs-lstm'],
  },
});
