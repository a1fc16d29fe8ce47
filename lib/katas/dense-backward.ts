// Kata: the backward pass of a dense layer out = x W + b (gradients for x, W and b).
import { fromRows, matmul, matTvec, toRows, transpose } from '../core/matrix';
import { rngFrom } from '../core/random';
import { closeTo, randomMatrix } from './case-helpers';
import { defineKata, type KataCase } from './types';

type Args = [x: number[][], W: number[][], dOut: number[][]];
type Result = { dx: number[][]; dW: number[][]; db: number[] };

function reference(x: number[][], W: number[][], dOut: number[][]): Result {
  const X = fromRows(x), Wm = fromRows(W), G = fromRows(dOut);
  return {
    dx: toRows(matmul(G, transpose(Wm))),
    dW: toRows(matmul(transpose(X), G)),
    db: Array.from(matTvec(G, new Float64Array(G.rows).fill(1))),
  };
}

function randomCase(rng: ReturnType<typeof rngFrom>, n: number, din: number, dout: number, scale: number): Args {
  return [randomMatrix(rng, n, din, scale), randomMatrix(rng, din, dout, 1), randomMatrix(rng, n, dout, 1)];
}

export default defineKata<Args, Result>({
  id: 'dense-backward',
  title: 'Backward pass of a dense layer',
  section: 'neural-networks',
  difficulty: 'easy',
  statement: `A dense layer computes $\\text{out} = x W + b$ for a batch: $x$ is $n \\times d_{in}$, $W$ is $d_{in} \\times d_{out}$,
$b$ has length $d_{out}$ (added to every row). Given $\\text{dOut} = \\partial L / \\partial \\text{out}$ ($n \\times d_{out}$),
write \`denseBackward(x, W, dOut)\` returning

$$dx = \\text{dOut}\\, W^\\top \\;(n \\times d_{in}), \\qquad dW = x^\\top \\text{dOut} \\;(d_{in} \\times d_{out}), \\qquad
db_j = \\sum_{i} \\text{dOut}_{ij} \\;(\\text{length } d_{out}).$$

- \`dOut\` is already the gradient of the loss, whatever its averaging: do **not** divide by $n$.
- Return new arrays; do not change the arguments. Tolerance: $10^{-10}$ absolute plus $10^{-9}$ relative.`,
  functionName: 'denseBackward',
  signature: 'denseBackward(x: number[][], W: number[][], dOut: number[][]): { dx: number[][]; dW: number[][]; db: number[] }',
  starter: `export function denseBackward(x: number[][], W: number[][], dOut: number[][]): { dx: number[][]; dW: number[][]; db: number[] } {
  throw new Error('not implemented');
}
`,
  solution: `export function denseBackward(x: number[][], W: number[][], dOut: number[][]): { dx: number[][]; dW: number[][]; db: number[] } {
  const n = x.length, din = W.length, dout = W[0].length;
  const dx = x.map(() => new Array<number>(din).fill(0));
  const dW = W.map(() => new Array<number>(dout).fill(0));
  const db = new Array<number>(dout).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dout; j++) {
      const g = dOut[i][j];
      db[j] += g;
      for (let k = 0; k < din; k++) {
        dx[i][k] += g * W[k][j];
        dW[k][j] += x[i][k] * g;
      }
    }
  }
  return { dx, dW, db };
}
`,
  examples: [
    { name: 'one row, 2 -> 1', kind: 'example', args: [[[1, 2]], [[3], [4]], [[1]]] },
    { name: 'two rows, 2 -> 2', kind: 'example', args: [[[1, 0], [0, 1]], [[1, 2], [3, 4]], [[1, -1], [0.5, 2]]] },
  ],
  hiddenCases() {
    const rng = rngFrom(1605);
    const cases: KataCase<Args>[] = [
      { name: '1 x 1 x 1', kind: 'edge', args: [[[2]], [[-3]], [[5]]] },
      { name: 'zero upstream gradient', kind: 'edge', args: [[[1, 2, 3], [4, 5, 6]], [[1], [2], [3]], [[0], [0]]] },
      { name: 'non-square: 3 x 4 -> 2', kind: 'edge', args: randomCase(rng, 3, 4, 2, 1) },
    ];
    for (let t = 0; t < 5; t++) {
      const n = 1 + rng.int(6), din = 1 + rng.int(5), dout = 1 + rng.int(5);
      cases.push({ name: `random ${t + 1} (${n} x ${din} -> ${dout})`, kind: 'random', args: randomCase(rng, n, din, dout, 1) });
    }
    cases.push({ name: 'large activations (~1e6), 64 x 32 -> 16', kind: 'large', args: randomCase(rng, 64, 32, 16, 1e6) });
    return cases;
  },
  reference,
  tolerance: { abs: 1e-10, rel: 1e-9 },
  hints: ['dx = dOut W^T, dW = x^T dOut, db = column sums of dOut; check each shape against x, W and b.'],
  mistakes: [
    {
      id: 'db-mean',
      hint: 'db is the sum of dOut over the rows, not the mean (dOut already carries any 1/n of the loss)',
      detect: ({ expected, received, tolerance }) => closeTo(expected.db.map((v) => v / (expected.dx.length || 1)), (received as Result).db, tolerance),
    },
    {
      id: 'dW-mean',
      hint: 'dW = x^T dOut sums over the batch: do not divide by n',
      detect: ({ expected, received, tolerance }) => closeTo(expected.dW.map((r) => r.map((v) => v / expected.dx.length)), (received as Result).dW, tolerance),
    },
    {
      id: 'no-transpose',
      hint: 'dx must have the shape of x (n x d_in): multiply dOut by W transposed',
      detect: ({ args: [x], received }) => Array.isArray((received as Result).dx) && (received as Result).dx.some((r, i) => Array.isArray(r) && r.length !== x[i].length),
    },
  ],
  mutants: [
    { name: 'db averaged', edits: [['  return { dx, dW, db };', '  return { dx, dW, db: db.map((v) => v / n) };']], mistake: 'db-mean' },
    { name: 'dW averaged', edits: [['  return { dx, dW, db };', '  return { dx, dW: dW.map((r) => r.map((v) => v / n)), db };']], mistake: 'dW-mean' },
    { name: 'dx uses W[j][k] (no transpose)', edits: [['const dx = x.map(() => new Array<number>(din).fill(0));', 'const dx = x.map(() => new Array<number>(dout).fill(0));'], ['dx[i][k] += g * W[k][j];', 'if (k < dout) dx[i][k] += g * (W[j] ? W[j][k] : 0);']], mistake: 'no-transpose' },
  ],
  links: {
    lessons: [{ lesson: '04-neural-network-essentials', cell: 'forward-md' }, { lesson: '12-key-formulas', cell: 'backprop-delta' }],
    questions: ['neural-networks-backprop-two-layer', 'neural-networks-what-is-backprop'],
  },
});
