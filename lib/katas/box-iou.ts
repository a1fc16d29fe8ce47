// Kata: intersection over union of two axis-aligned boxes (reference: lib/metrics/iou.ts boxIoU).
import { Rng } from '../core/random';
import { boxIoU as libBoxIoU } from '../metrics/iou';
import { mistakeFrom, round } from './content-kit';
import { defineKata, type KataCase } from './types';

type Box = [number, number, number, number];
type Args = [a: Box, b: Box];

function reference(...[a, b]: Args): number {
  return libBoxIoU(a, b);
}

function iouWith(a: Box, b: Box, clamp: boolean, plusOne: number, subtractInter: boolean): number {
  let w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]) + plusOne;
  let h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]) + plusOne;
  if (clamp) { w = Math.max(0, w); h = Math.max(0, h); }
  const inter = w * h;
  const area = (x: Box) => (x[2] - x[0] + plusOne) * (x[3] - x[1] + plusOne);
  return inter / (area(a) + area(b) - (subtractInter ? inter : 0));
}

const examples: KataCase<Args>[] = [
  { name: 'half-overlapping squares', kind: 'example', args: [[0, 0, 2, 2], [1, 0, 3, 2]] },
  { name: 'disjoint boxes', kind: 'example', args: [[0, 0, 1, 1], [2, 2, 3, 3]] },
];

function randomBox(rng: Rng, scale: number, offset = 0): Box {
  const x = round(offset + rng.random() * scale, 2), y = round(offset + rng.random() * scale, 2);
  return [x, y, round(x + rng.random() * scale, 2), round(y + rng.random() * scale, 2)];
}

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1620);
  const cases: KataCase<Args>[] = [
    { name: 'identical boxes', kind: 'edge', args: [[1, 2, 4, 6], [1, 2, 4, 6]] },
    { name: 'one box inside the other', kind: 'edge', args: [[0, 0, 10, 10], [2, 2, 4, 4]] },
    { name: 'boxes touching along an edge', kind: 'edge', args: [[0, 0, 1, 1], [1, 0, 2, 1]] },
    { name: 'disjoint on both axes (negative width and height)', kind: 'edge', args: [[0, 0, 1, 1], [3, 4, 5, 6]] },
    { name: 'overlap in x only', kind: 'edge', args: [[0, 0, 2, 1], [1, 5, 3, 6]] },
    { name: 'a zero-area box', kind: 'edge', args: [[1, 1, 1, 3], [0, 0, 2, 2]] },
    { name: 'fractional coordinates', kind: 'edge', args: [[0.1, 0.2, 0.5, 0.9], [0.3, 0.1, 0.8, 0.6]] },
  ];
  for (let r = 0; r < 6; r++) cases.push({ name: `random ${r + 1}`, kind: 'random', args: [randomBox(rng, 10), randomBox(rng, 10)] });
  cases.push({ name: 'pixel coordinates near 1e6', kind: 'large', args: [randomBox(rng, 1000, 1e6), randomBox(rng, 1000, 1e6)] });
  return cases;
}

export default defineKata<Args, number>({
  id: 'box-iou',
  title: 'Box IoU',
  section: 'metrics',
  difficulty: 'easy',
  statement: `Boxes are \`[x1, y1, x2, y2]\` with $x_1 \\le x_2$, $y_1 \\le y_2$, in continuous coordinates (a box's area is
$(x_2 - x_1)(y_2 - y_1)$, no "+1 pixel"). Return the intersection over union (Jaccard index)

$$\\text{IoU}(A, B) = \\frac{|A \\cap B|}{|A \\cup B|} = \\frac{|A \\cap B|}{|A| + |B| - |A \\cap B|} \\in [0, 1].$$

The overlap's width and height are each clamped at 0 (boxes that do not overlap, or only touch, have IoU 0). At most
one of the two boxes has zero area, so the union is never 0. Object detectors count a detection as correct when its
IoU with a ground-truth box is at least a cut-off such as 0.5.`,
  functionName: 'boxIoU',
  signature: 'boxIoU(a: [number, number, number, number], b: [number, number, number, number]): number',
  starter: `export function boxIoU(a: [number, number, number, number], b: [number, number, number, number]): number {
  throw new Error('not implemented');
}
`,
  solution: `export function boxIoU(a: [number, number, number, number], b: [number, number, number, number]): number {
  const w = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const h = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const inter = w * h;
  const union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
  return inter / union;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-12, rel: 1e-9 },
  hints: ['Overlap width = max(0, min(right edges) - max(left edges)), the same for the height; union = area A + area B - overlap.'],
  mistakes: [
    mistakeFrom<Args, number>('no-clamp', 'Clamp the overlap\'s width and height at 0 separately: two negative extents multiply to a positive "intersection" for boxes apart on both axes.',
      (a, b) => iouWith(a, b, false, 0, true)),
    mistakeFrom<Args, number>('union-double-counts', 'The union is |A| + |B| - |A ∩ B|: the overlap is counted in both areas.',
      (a, b) => iouWith(a, b, true, 0, false)),
    mistakeFrom<Args, number>('plus-one-pixel', 'These are continuous coordinates: width = x2 - x1, without the "+ 1" of integer pixel boxes.',
      (a, b) => iouWith(a, b, true, 1, true)),
  ],
  mutants: [
    { name: 'no clamp at zero', edits: [['const w = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));', 'const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);'], ['const h = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));', 'const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);']], mistake: 'no-clamp' },
    { name: 'union without subtracting the overlap', edits: [[' - inter;', ';']], mistake: 'union-double-counts' },
  ],
  links: {
    lessons: [{ lesson: '06-evaluation-metrics', cell: 'iou-md' }, { lesson: '12-key-formulas', cell: 'iou' }],
    questions: ['metrics-iou'],
  },
});
