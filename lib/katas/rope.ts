// Kata: rotary position embedding (RoPE) of query/key rows (reference: lib/lm/rope.ts).
import { rngFrom } from '../core/random';
import { applyRope } from '../lm/rope';
import { mistakeFrom, toRows } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [x: number[][], offset: number];

function reference(...[x, offset]: Args): number[][] {
  const r = applyRope(x, { offset });
  return toRows(r.data, r.rows, r.cols);
}

/** Rotates with a given pairing and angle rule, for the mistake detectors. */
function rotate(x: number[][], offset: number, pair: (i: number, d: number) => [number, number], angle: (p: number, i: number, d: number) => number): number[][] {
  return x.map((row, r) => {
    const d = row.length, out = row.slice();
    for (let i = 0; i < d / 2; i++) {
      const [a, b] = pair(i, d), t = angle(offset + r, i, d);
      out[a] = row[a] * Math.cos(t) - row[b] * Math.sin(t);
      out[b] = row[a] * Math.sin(t) + row[b] * Math.cos(t);
    }
    return out;
  });
}
const interleaved = (i: number): [number, number] => [2 * i, 2 * i + 1];
const theta = (p: number, i: number, d: number) => p * Math.pow(10000, (-2 * i) / d);

function rows(rng: ReturnType<typeof rngFrom>, n: number, d: number, scale = 1): number[][] {
  return Array.from({ length: n }, () => Array.from({ length: d }, () => scale * rng.normal()));
}

export default defineKata<Args, number[][]>({
  id: 'rope',
  title: 'Rotary position embedding (RoPE)',
  section: 'language-models',
  difficulty: 'medium',
  statement: `Write \`rope(x, offset)\`: rotate the query (or key) rows \`x\` ($n \\times d$, $d$ even) the way Llama's
attention does before the dot products. Row $r$ sits at position $p = \\text{offset} + r$. Each pair of **adjacent**
dimensions $(x_{2i}, x_{2i+1})$, $i = 0, \\dots, d/2 - 1$, is rotated by the angle $p\\,\\theta_i$ with
$\\theta_i = 10000^{-2i/d}$:

$$x'_{2i} = x_{2i} \\cos(p\\theta_i) - x_{2i+1} \\sin(p\\theta_i), \\qquad x'_{2i+1} = x_{2i} \\sin(p\\theta_i) + x_{2i+1} \\cos(p\\theta_i).$$

Return a new $n \\times d$ array (do not change \`x\`). Why it matters: $\\langle \\text{rope}(q, m), \\text{rope}(k, n)\\rangle$
then depends on the positions only through $n - m$. Tolerance $10^{-12}$ absolute plus $10^{-9}$ relative.`,
  functionName: 'rope',
  signature: 'rope(x: number[][], offset: number): number[][]',
  starter: `export function rope(x: number[][], offset: number): number[][] {
  throw new Error('not implemented');
}
`,
  solution: `export function rope(x: number[][], offset: number): number[][] {
  return x.map((row, r) => {
    const d = row.length;
    const out = row.slice();
    const p = offset + r;
    for (let i = 0; i < d / 2; i++) {
      const angle = p * Math.pow(10000, (-2 * i) / d);
      const c = Math.cos(angle), s = Math.sin(angle);
      out[2 * i] = row[2 * i] * c - row[2 * i + 1] * s;
      out[2 * i + 1] = row[2 * i] * s + row[2 * i + 1] * c;
    }
    return out;
  });
}
`,
  examples: [
    { name: 'position 1, d = 2: a rotation by 1 radian', kind: 'example', args: [[[1, 0]], 1] },
    { name: 'two rows, d = 4, offset 0', kind: 'example', args: [[[1, 2, 3, 4], [1, 2, 3, 4]], 0] },
  ],
  hiddenCases() {
    const rng = rngFrom(1515);
    const cases: KataCase<Args>[] = [
      { name: 'position 0 leaves the row unchanged', kind: 'edge', args: [[[0.5, -1, 2, 3]], 0] },
      { name: 'offset shifts every row (KV-cache decoding)', kind: 'edge', args: [[[1, 0, 1, 0], [0, 1, 0, 1]], 7] },
      { name: 'zeros stay zeros', kind: 'edge', args: [[[0, 0, 0, 0, 0, 0]], 3] },
    ];
    for (let t = 0; t < 5; t++) {
      const n = 1 + rng.int(6), d = 2 * (1 + rng.int(8));
      cases.push({ name: `random ${t + 1} (${n} x ${d})`, kind: 'random', args: [rows(rng, n, d), rng.int(50)] });
    }
    cases.push({ name: 'long context: 64 rows of width 64 at offset 4000', kind: 'large', args: [rows(rng, 64, 64, 10), 4000] });
    return cases;
  },
  reference,
  tolerance: { abs: 1e-12, rel: 1e-9 },
  hints: ['Row r is at position p = offset + r; pair i = (2i, 2i+1) turns by p * 10000^(-2i/d): a 2-d rotation, cos and sin of the same angle.'],
  mistakes: [
    mistakeFrom<Args, number[][]>('half-split', 'Pair adjacent dimensions (2i, 2i+1); pairing i with i + d/2 is the Hugging Face Llama layout, a permutation of this one.',
      (x, o) => rotate(x, o, (i, d) => [i, i + d / 2], theta)),
    mistakeFrom<Args, number[][]>('frequency', 'The frequency of pair i is 10000^(-2i/d): the exponent uses 2i (the pair\'s first dimension), divided by d.',
      (x, o) => rotate(x, o, interleaved, (p, i, d) => p * Math.pow(10000, -i / d))),
    mistakeFrom<Args, number[][]>('clockwise', 'Rotate counter-clockwise: x\'_2i = x_2i cos - x_2i+1 sin and x\'_2i+1 = x_2i sin + x_2i+1 cos.',
      (x, o) => rotate(x, o, interleaved, (p, i, d) => -theta(p, i, d))),
    mistakeFrom<Args, number[][]>('no-offset', 'Row r is at position offset + r: the offset is where the new tokens start after the cached ones.',
      (x) => rotate(x, 0, interleaved, theta)),
  ],
  mutants: [
    { name: 'exponent i / d', edits: [['Math.pow(10000, (-2 * i) / d)', 'Math.pow(10000, -i / d)']], mistake: 'frequency' },
    { name: 'clockwise rotation', edits: [['row[2 * i] * c - row[2 * i + 1] * s', 'row[2 * i] * c + row[2 * i + 1] * s'], ['row[2 * i] * s + row[2 * i + 1] * c', '-row[2 * i] * s + row[2 * i + 1] * c']], mistake: 'clockwise' },
    { name: 'offset ignored', edits: [['const p = offset + r;', 'const p = r;']], mistake: 'no-offset' },
  ],
  links: {
    lessons: [{ lesson: '15-decoding-and-inference', cell: 'rope-md' }],
    questions: ['language-models-rope'],
  },
});
