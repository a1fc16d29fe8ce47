// Kata: multi-class F1 with macro, micro and weighted averaging (reference: lib/metrics/classification.ts f1Score).
import { Rng } from '../core/random';
import { f1Score as libF1Score } from '../metrics/classification';
import { integers, mistakeFrom } from './content-kit';
import { defineKata, type KataCase } from './types';

type Average = 'macro' | 'micro' | 'weighted';
type Args = [yTrue: number[], yPred: number[], average: Average];

function reference(...[yTrue, yPred, average]: Args): number {
  return libF1Score(yTrue, yPred, { average });
}

/** Per-class tp, fp, fn and support over the classes of `labels`. */
function counts(yTrue: number[], yPred: number[], labels: number[]) {
  return labels.map((c) => {
    let tp = 0, fp = 0, fn = 0;
    yTrue.forEach((t, i) => { const p = yPred[i]; if (t === c && p === c) tp++; else if (p === c) fp++; else if (t === c) fn++; });
    return { tp, fp, fn, support: tp + fn, predicted: tp + fp };
  });
}
const f1 = (tp: number, fp: number, fn: number) => (2 * tp + fp + fn === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const sorted = (v: number[]) => [...new Set(v)].sort((a, b) => a - b);
const union = (t: number[], p: number[]) => sorted([...t, ...p]);

function averaged(t: number[], p: number[], average: Average, labels: number[], weightBy: 'support' | 'predicted'): number {
  const c = counts(t, p, labels);
  if (average === 'micro') return f1(c.reduce((s, x) => s + x.tp, 0), c.reduce((s, x) => s + x.fp, 0), c.reduce((s, x) => s + x.fn, 0));
  const scores = c.map((x) => f1(x.tp, x.fp, x.fn));
  if (average === 'macro') return scores.reduce((a, b) => a + b, 0) / scores.length;
  const w = c.map((x) => x[weightBy]);
  return scores.reduce((s, v, i) => s + v * w[i], 0) / w.reduce((a, b) => a + b, 0);
}

const examples: KataCase<Args>[] = [
  { name: 'macro, three classes', kind: 'example', args: [[0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2], 'macro'] },
  { name: 'micro, three classes', kind: 'example', args: [[0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2], 'micro'] },
  { name: 'weighted, three classes', kind: 'example', args: [[0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2], 'weighted'] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1618);
  const cases: KataCase<Args>[] = [
    { name: 'perfect predictions', kind: 'edge', args: [[0, 1, 2, 1], [0, 1, 2, 1], 'macro'] },
    { name: 'a class that is never predicted (its F1 is 0)', kind: 'edge', args: [[0, 1, 1, 2], [0, 1, 1, 1], 'macro'] },
    { name: 'a predicted class absent from yTrue counts in macro', kind: 'edge', args: [[0, 0, 1, 1], [0, 2, 1, 1], 'macro'] },
    { name: 'a predicted class absent from yTrue, weighted', kind: 'edge', args: [[0, 0, 1, 1, 1], [0, 2, 1, 0, 1], 'weighted'] },
    { name: 'labels that are not 0..K-1', kind: 'edge', args: [[3, 7, 7, 9], [3, 7, 9, 9], 'macro'] },
    { name: 'imbalanced, micro', kind: 'edge', args: [[0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 1, 1], 'micro'] },
  ];
  const avgs: Average[] = ['macro', 'micro', 'weighted'];
  for (let r = 0; r < 6; r++) {
    const K = 2 + rng.int(4), n = 8 + rng.int(40);
    const t = integers(rng, n, K);
    const p = t.map((v) => (rng.random() < 0.6 ? v : rng.int(K)));
    cases.push({ name: `random ${avgs[r % 3]} ${r + 1}`, kind: 'random', args: [t, p, avgs[r % 3]] });
  }
  const t = integers(rng, 20_000, 8);
  cases.push({ name: '20000 samples, macro', kind: 'large', args: [t, t.map((v) => (rng.random() < 0.7 ? v : rng.int(8))), 'macro'] });
  return cases;
}

export default defineKata<Args, number>({
  id: 'f1-average',
  title: 'F1 score: macro, micro, weighted',
  section: 'metrics',
  difficulty: 'medium',
  statement: `Multi-class F1 from integer labels. The classes are the **sorted union of the labels in \`yTrue\` and
\`yPred\`**. For each class $c$ (one-vs-rest) count $TP_c, FP_c, FN_c$ and

$$F1_c = \\frac{2\\,TP_c}{2\\,TP_c + FP_c + FN_c} \\quad (= \\frac{2PR}{P + R};\\ 0 \\text{ when the denominator is } 0).$$

- \`'macro'\`: the plain mean of $F1_c$ over the classes (rare classes count as much as frequent ones);
- \`'weighted'\`: the mean of $F1_c$ weighted by the support $TP_c + FN_c$ (the number of **actual** samples of $c$);
- \`'micro'\`: $F1$ of the summed counts $\\sum TP, \\sum FP, \\sum FN$ (for single-label data this equals accuracy).

Macro F1 is **not** the harmonic mean of macro precision and macro recall.`,
  functionName: 'f1Score',
  signature: "f1Score(yTrue: number[], yPred: number[], average: 'macro' | 'micro' | 'weighted'): number",
  starter: `export function f1Score(yTrue: number[], yPred: number[], average: 'macro' | 'micro' | 'weighted'): number {
  throw new Error('not implemented');
}
`,
  solution: `export function f1Score(yTrue: number[], yPred: number[], average: 'macro' | 'micro' | 'weighted'): number {
  const labels = [...new Set([...yTrue, ...yPred])].sort((a, b) => a - b);
  const f1 = (tp: number, fp: number, fn: number) => (2 * tp + fp + fn === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
  let sumTp = 0, sumFp = 0, sumFn = 0, macro = 0, weighted = 0;
  for (const c of labels) {
    let tp = 0, fp = 0, fn = 0;
    for (let i = 0; i < yTrue.length; i++) {
      if (yPred[i] === c && yTrue[i] === c) tp++;
      else if (yPred[i] === c) fp++;
      else if (yTrue[i] === c) fn++;
    }
    sumTp += tp; sumFp += fp; sumFn += fn;
    macro += f1(tp, fp, fn) / labels.length;
    weighted += (f1(tp, fp, fn) * (tp + fn)) / yTrue.length;
  }
  if (average === 'micro') return f1(sumTp, sumFp, sumFn);
  return average === 'macro' ? macro : weighted;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-12, rel: 1e-12 },
  hints: ['Count TP, FP and FN per class first; every average is a different way of combining those counts or the per-class F1s.'],
  mistakes: [
    mistakeFrom<Args, number>('f1-of-macro-pr', 'Macro F1 averages the per-class F1 scores; the harmonic mean of macro precision and macro recall is a different number.',
      (t, p, average) => {
        if (average !== 'macro') return NaN;
        const c = counts(t, p, union(t, p));
        const P = c.reduce((s, x) => s + ratio(x.tp, x.tp + x.fp), 0) / c.length, R = c.reduce((s, x) => s + ratio(x.tp, x.tp + x.fn), 0) / c.length;
        return P + R === 0 ? 0 : (2 * P * R) / (P + R);
      }),
    mistakeFrom<Args, number>('classes-from-true-only', 'The classes are the union of the labels in yTrue and yPred: a class that is only ever predicted is a class with F1 = 0.',
      (t, p, average) => averaged(t, p, average, sorted(t), 'support')),
    mistakeFrom<Args, number>('weights-by-predictions', 'Weighted F1 weights each class by its support, the number of actual samples (TP + FN), not by how often it is predicted.',
      (t, p, average) => (average === 'weighted' ? averaged(t, p, average, union(t, p), 'predicted') : NaN)),
    mistakeFrom<Args, number>('micro-as-macro', 'Micro averaging sums TP, FP and FN over the classes first and computes one F1 (it equals accuracy here).',
      (t, p, average) => (average === 'micro' ? averaged(t, p, 'macro', union(t, p), 'support') : NaN)),
  ],
  mutants: [
    { name: 'classes from yTrue only', edits: [['[...new Set([...yTrue, ...yPred])]', '[...new Set(yTrue)]']], mistake: 'classes-from-true-only' },
    { name: 'weighted by predicted counts', edits: [['weighted += (f1(tp, fp, fn) * (tp + fn)) / yTrue.length;', 'weighted += (f1(tp, fp, fn) * (tp + fp)) / yTrue.length;']], mistake: 'weights-by-predictions' },
    { name: 'micro computed as macro', edits: [["if (average === 'micro') return f1(sumTp, sumFp, sumFn);", "if (average === 'micro') return macro;"]], mistake: 'micro-as-macro' },
  ],
  links: {
    lessons: [{ lesson: '06-evaluation-metrics', cell: 'multiclass-md' }, { lesson: '12-key-formulas', cell: 'f1' }],
    questions: ['metrics-macro-micro-averaging', 'metrics-f1-harmonic-mean', 'metrics-precision-recall-by-hand'],
  },
});
