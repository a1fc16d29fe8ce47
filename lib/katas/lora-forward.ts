// Kata: the forward pass of a LoRA-adapted dense layer, y = W x + (alpha / r) B (A x).
import { matrix } from '../core/matrix';
import { rngFrom } from '../core/random';
import { loraForward as libLoraForward } from '../lm/lora';
import { defineKata, type CaseContext, type KataCase } from './types';

type Args = [w: number[][], a: number[][], b: number[][], alpha: number, x: number[]];

const flat = (m: number[][]) => Float64Array.from(m.flat());
function randM(rng: ReturnType<typeof rngFrom>, r: number, c: number, std = 1): number[][] {
  return Array.from({ length: r }, () => Array.from({ length: c }, () => rng.normal(0, std)));
}

/** What the learner's function would return under a given mistake, computed from the case. */
function variant(args: Args, scale: (alpha: number, r: number) => number, base: boolean): number[] {
  const [w, a, b, alpha, x] = args;
  const r = a.length;
  const h = a.map((row) => row.reduce((s, v, j) => s + v * x[j], 0));
  return w.map((row, i) => (base ? row.reduce((s, v, j) => s + v * x[j], 0) : 0) + scale(alpha, r) * b[i].reduce((s, v, k) => s + v * h[k], 0));
}
function close(received: unknown, expected: number[], ctx: CaseContext<Args, number[]>): boolean {
  return Array.isArray(received) && received.length === expected.length
    && received.every((v, i) => typeof v === 'number' && Math.abs(v - expected[i]) <= ctx.tolerance.abs + ctx.tolerance.rel * Math.abs(expected[i]));
}

export default defineKata<Args, number[]>({
  id: 'lora-forward',
  title: 'LoRA forward pass',
  section: 'language-models',
  difficulty: 'easy',
  statement: `Write \`loraForward(w, a, b, alpha, x)\`: the output of a dense layer whose frozen weight $W$
($d_{out} \\times d_{in}$, \`w[i][j]\`) carries a LoRA adapter of rank $r$: $A$ is $r \\times d_{in}$, $B$ is
$d_{out} \\times r$, and

$$y = W x + \\frac{\\alpha}{r} B (A x).$$

- \`x\` has $d_{in}$ entries; return an array of $d_{out}$ numbers. $r$ is the number of rows of \`a\`.
- Compute $A x$ first (an $r$-vector): that is why the adapter is cheap, $r(d_{in} + d_{out})$ multiply-adds.
- The scale is $\\alpha / r$, not $\\alpha$. Do not change the inputs. Tolerance: $10^{-9}$ absolute plus $10^{-9}$ relative.`,
  functionName: 'loraForward',
  signature: 'loraForward(w: number[][], a: number[][], b: number[][], alpha: number, x: number[]): number[]',
  starter: `export function loraForward(w: number[][], a: number[][], b: number[][], alpha: number, x: number[]): number[] {
  throw new Error('not implemented');
}
`,
  solution: `export function loraForward(w: number[][], a: number[][], b: number[][], alpha: number, x: number[]): number[] {
  const r = a.length;
  const s = alpha / r;
  const h = a.map((row) => row.reduce((acc, v, j) => acc + v * x[j], 0));
  return w.map((row, i) => {
    let y = row.reduce((acc, v, j) => acc + v * x[j], 0);
    for (let k = 0; k < r; k++) y += s * b[i][k] * h[k];
    return y;
  });
}
`,
  examples: [
    { name: 'identity weight, rank 1', kind: 'example', args: [[[1, 0], [0, 1]], [[1, 1]], [[2], [0]], 1, [3, 4]] },
    { name: 'B = 0: the frozen layer', kind: 'example', args: [[[1, 2, 3]], [[1, 0, 0], [0, 1, 0]], [[0, 0]], 16, [1, 1, 1]] },
  ],
  hiddenCases() {
    const rng = rngFrom(1611);
    const cases: KataCase<Args>[] = [
      { name: 'alpha = 2r: scale 2', kind: 'edge', args: [[[0, 0], [0, 0]], [[1, 0], [0, 1]], [[1, 0], [0, 1]], 4, [1, -1]] },
      { name: 'rank 1, d_out 1', kind: 'edge', args: [[[0.5]], [[2]], [[3]], 1, [1]] },
      { name: 'x = 0', kind: 'edge', args: [[[1, 2], [3, 4]], [[1, 1]], [[1], [1]], 8, [0, 0]] },
    ];
    for (let t = 0; t < 5; t++) {
      const dIn = 2 + rng.int(6), dOut = 2 + rng.int(6), r = 1 + rng.int(Math.min(dIn, dOut));
      cases.push({ name: `random ${t + 1} (${dOut} x ${dIn}, r = ${r})`, kind: 'random', args: [randM(rng, dOut, dIn), randM(rng, r, dIn), randM(rng, dOut, r), [1, r, 2 * r, 16][rng.int(4)], Array.from({ length: dIn }, () => rng.normal())] });
    }
    cases.push({ name: 'a 64 x 128 layer, r = 8, alpha = 16', kind: 'large', args: [randM(rng, 64, 128, 0.1), randM(rng, 8, 128, 0.1), randM(rng, 64, 8, 0.1), 16, Array.from({ length: 128 }, () => rng.normal())] });
    return cases;
  },
  reference: (w, a, b, alpha, x) => Array.from(libLoraForward(matrix(w.length, w[0].length, flat(w)), { a: matrix(a.length, a[0].length, flat(a)), b: matrix(b.length, b[0].length, flat(b)), alpha, rank: a.length }, matrix(1, x.length, Float64Array.from(x))).data),
  tolerance: { abs: 1e-9, rel: 1e-9 },
  hints: ['Compute h = A x (r numbers), then y_i = (W x)_i + (alpha / r) * sum_k B[i][k] h[k].'],
  mistakes: [
    { id: 'no-scale', hint: 'the adapter term is multiplied by alpha / r', detect: (ctx) => close(ctx.received, variant(ctx.args, () => 1, true), ctx) },
    { id: 'scale-alpha', hint: 'the scale is alpha / r (divide by the rank, the number of rows of a), not alpha', detect: (ctx) => close(ctx.received, variant(ctx.args, (al) => al, true), ctx) },
    { id: 'missing-base', hint: 'keep the frozen path: y = W x + the adapter term, not the adapter term alone', detect: (ctx) => close(ctx.received, variant(ctx.args, (al, r) => al / r, false), ctx) },
  ],
  mutants: [
    { name: 'no alpha / r', edits: [['y += s * b[i][k] * h[k];', 'y += b[i][k] * h[k];']], mistake: 'no-scale' },
    { name: 'scale alpha', edits: [['const s = alpha / r;', 'const s = alpha;']], mistake: 'scale-alpha' },
    { name: 'adapter only', edits: [['let y = row.reduce((acc, v, j) => acc + v * x[j], 0);', 'let y = 0;']], mistake: 'missing-base' },
  ],
  links: {
    lessons: [{ lesson: '16-adapting-and-aligning', cell: 'lora-md' }],
    questions: ['language-models-lora-low-rank', 'language-models-lora-init-b-zero'],
  },
});
