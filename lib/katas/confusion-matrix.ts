// Kata: the confusion matrix of integer class labels, rows actual and columns predicted (reference: lib/metrics/confusion-matrix.ts).
import { Rng } from '../core/random';
import { confusionMatrix as libConfusionMatrix, confusionRows } from '../metrics/confusion-matrix';
import { integers, mistakeFrom } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [yTrue: number[], yPred: number[], nClasses: number];

function reference(...[yTrue, yPred, nClasses]: Args): number[][] {
  return confusionRows(libConfusionMatrix(yTrue, yPred, { labels: Array.from({ length: nClasses }, (_, i) => i) }));
}

function count(yTrue: number[], yPred: number[], K: number, swap: boolean): number[][] {
  const m = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  yTrue.forEach((t, i) => { if (swap) m[yPred[i]][t]++; else m[t][yPred[i]]++; });
  return m;
}

const examples: KataCase<Args>[] = [
  { name: 'binary', kind: 'example', args: [[1, 0, 1, 1, 0], [1, 1, 0, 1, 0], 2] },
  { name: 'three classes', kind: 'example', args: [[0, 1, 2, 2, 1], [0, 2, 2, 1, 1], 3] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1617);
  const cases: KataCase<Args>[] = [
    { name: 'a class that never occurs', kind: 'edge', args: [[0, 0, 2], [0, 2, 2], 4] },
    { name: 'one sample', kind: 'edge', args: [[1], [0], 2] },
    { name: 'everything predicted as class 0', kind: 'edge', args: [[0, 1, 2, 1], [0, 0, 0, 0], 3] },
    { name: 'a predicted class missing from yTrue', kind: 'edge', args: [[0, 0, 1], [2, 0, 1], 3] },
  ];
  for (let r = 0; r < 4; r++) {
    const K = 2 + rng.int(5), n = 5 + rng.int(40);
    cases.push({ name: `random ${r + 1}`, kind: 'random', args: [integers(rng, n, K), integers(rng, n, K), K] });
  }
  cases.push({ name: '20000 samples, 10 classes', kind: 'large', args: [integers(rng, 20_000, 10), integers(rng, 20_000, 10), 10] });
  return cases;
}

export default defineKata<Args, number[][]>({
  id: 'confusion-matrix',
  title: 'Confusion matrix',
  section: 'metrics',
  difficulty: 'easy',
  statement: `Count how often each actual class was predicted as each class. Labels are integers in $0..K-1$ with
$K$ = \`nClasses\`; the result is $K \\times K$ with

$$C_{ij} = \\#\\{\\, n : \\texttt{yTrue}[n] = i,\\ \\texttt{yPred}[n] = j \\,\\}$$

(**rows are the actual class, columns the predicted class**, as in scikit-learn). Every class gets its row and column,
even one that never occurs in either array. The diagonal holds the correct predictions, row sums are the class
supports, column sums the number of predictions of each class.`,
  functionName: 'confusionMatrix',
  signature: 'confusionMatrix(yTrue: number[], yPred: number[], nClasses: number): number[][]',
  starter: `export function confusionMatrix(yTrue: number[], yPred: number[], nClasses: number): number[][] {
  throw new Error('not implemented');
}
`,
  solution: `export function confusionMatrix(yTrue: number[], yPred: number[], nClasses: number): number[][] {
  const C = Array.from({ length: nClasses }, () => new Array<number>(nClasses).fill(0));
  for (let n = 0; n < yTrue.length; n++) C[yTrue[n]][yPred[n]]++;
  return C;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 0, rel: 0 },
  hints: ['Start from a K x K matrix of zeros and add 1 at [actual][predicted] for each sample.'],
  mistakes: [
    mistakeFrom<Args, number[][]>('transposed', 'Rows are the actual class and columns the predicted one: C[yTrue][yPred], not C[yPred][yTrue].',
      (t, p, K) => count(t, p, K, true)),
    {
      id: 'classes-from-data',
      hint: 'Use nClasses for the size: a class that never appears still gets its (all-zero) row and column.',
      detect: (ctx) => Array.isArray(ctx.received) && ctx.received.length === Math.max(...ctx.args[0], ...ctx.args[1]) + 1 && ctx.received.length < ctx.args[2],
    },
  ],
  mutants: [
    { name: 'rows are the predicted class', edits: [['C[yTrue[n]][yPred[n]]++', 'C[yPred[n]][yTrue[n]]++']], mistake: 'transposed' },
    { name: 'size from the largest label seen', edits: [['const C = Array.from({ length: nClasses }, () => new Array<number>(nClasses).fill(0));', 'const k = Math.max(...yTrue, ...yPred) + 1;\n  const C = Array.from({ length: k }, () => new Array<number>(k).fill(0));']], mistake: 'classes-from-data' },
  ],
  links: {
    lessons: [{ lesson: '06-evaluation-metrics', cell: 'confusion-md' }],
    questions: ['metrics-confusion-matrix', 'metrics-precision-recall-by-hand', 'metrics-type-i-ii-errors'],
  },
});
