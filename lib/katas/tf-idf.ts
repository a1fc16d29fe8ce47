// Kata: TF-IDF rows from a count matrix, smoothed idf and L2 rows as scikit-learn (reference: lib/text/tfidf.ts).
import { Rng } from '../core/random';
import { inverseDocumentFrequency, tfidfFromCounts } from '../text/tfidf';
import { mistakeFrom, toRows } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [counts: number[][]];

function reference(...[counts]: Args): number[][] {
  const n = counts.length;
  const df = counts[0].map((_, t) => counts.filter((row) => row[t] > 0).length);
  const m = tfidfFromCounts(counts, inverseDocumentFrequency(df, n, true), { norm: 'l2' });
  return toRows(m.data, m.rows, m.cols);
}

function weigh(counts: number[][], idf: (df: number, n: number) => number, dfOf: (t: number) => number, normalise: boolean): number[][] {
  const n = counts.length;
  return counts.map((row) => {
    const v = row.map((c, t) => c * idf(dfOf(t), n));
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    return normalise && norm > 0 ? v.map((x) => x / norm) : v;
  });
}
const smooth = (df: number, n: number) => Math.log((1 + n) / (1 + df)) + 1;
const docFreq = (counts: number[][]) => (t: number) => counts.filter((r) => r[t] > 0).length;

const examples: KataCase<Args>[] = [
  { name: 'three documents, four words', kind: 'example', args: [[[1, 1, 0, 0], [1, 0, 2, 0], [1, 0, 0, 3]]] },
  { name: 'two documents', kind: 'example', args: [[[2, 1], [0, 1]]] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1634);
  const cases: KataCase<Args>[] = [
    { name: 'an empty document stays zero', kind: 'edge', args: [[[1, 2], [0, 0], [0, 1]]] },
    { name: 'a word in every document gets idf 1', kind: 'edge', args: [[[1, 1], [1, 0], [1, 0]]] },
    { name: 'a word in no document', kind: 'edge', args: [[[1, 0, 2], [3, 0, 0]]] },
    { name: 'one document', kind: 'edge', args: [[[3, 1, 2]]] },
  ];
  for (let r = 0; r < 4; r++) {
    const n = 2 + rng.int(8), V = 2 + rng.int(10);
    cases.push({ name: `random ${r + 1}`, kind: 'random', args: [Array.from({ length: n }, () => Array.from({ length: V }, () => (rng.random() < 0.4 ? rng.int(5) : 0)))] });
  }
  cases.push({ name: '150 documents, 300 words, counts near 1e6', kind: 'large', args: [Array.from({ length: 150 }, () => Array.from({ length: 300 }, () => (rng.random() < 0.1 ? 1e6 + rng.int(1000) : 0)))] });
  return cases;
}

export default defineKata<Args, number[][]>({
  id: 'tf-idf',
  title: 'TF-IDF',
  section: 'algorithms',
  difficulty: 'medium',
  statement: `\`counts\` is a bag-of-words matrix: \`counts[d][t]\` is how often word $t$ occurs in document $d$ ($n$ documents,
$V$ words). Return the TF-IDF matrix with scikit-learn's \`TfidfVectorizer\` defaults:

$$\\text{df}_t = \\#\\{d : \\text{counts}[d][t] > 0\\}, \\qquad \\text{idf}_t = \\ln\\frac{1 + n}{1 + \\text{df}_t} + 1 ,$$
$$w_{dt} = \\text{counts}[d][t] \\cdot \\text{idf}_t, \\qquad \\text{then each row divided by its L2 norm } \\sqrt{\\textstyle\\sum_t w_{dt}^2}.$$

- $\\text{df}$ counts **documents** containing the word, not occurrences.
- The smoothing ("one extra document containing every word") keeps $\\text{idf}$ finite; a word in every document gets
  the minimum weight 1, not 0.
- A document with no words stays a row of zeros (no division by 0).`,
  functionName: 'tfidf',
  signature: 'tfidf(counts: number[][]): number[][]',
  starter: `export function tfidf(counts: number[][]): number[][] {
  throw new Error('not implemented');
}
`,
  solution: `export function tfidf(counts: number[][]): number[][] {
  const n = counts.length, V = counts[0].length;
  const idf: number[] = [];
  for (let t = 0; t < V; t++) {
    let df = 0;
    for (let d = 0; d < n; d++) if (counts[d][t] > 0) df++;
    idf.push(Math.log((1 + n) / (1 + df)) + 1);
  }
  return counts.map((row) => {
    const w = row.map((c, t) => c * idf[t]);
    const norm = Math.sqrt(w.reduce((s, x) => s + x * x, 0));
    return norm > 0 ? w.map((x) => x / norm) : w;
  });
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-12, rel: 1e-9 },
  hints: ['Compute the idf of every word first (from document frequencies), then weight each row and scale it to unit length.'],
  mistakes: [
    mistakeFrom<Args, number[][]>('plain-idf', 'Use the smoothed idf ln((1 + n) / (1 + df)) + 1: the plain ln(n / df) gives words in every document weight 0.',
      (c) => weigh(c, (df, n) => (df === 0 ? 0 : Math.log(n / df)), docFreq(c), true)),
    mistakeFrom<Args, number[][]>('no-normalisation', 'Scale each row to unit L2 norm at the end (so that dot products are cosine similarities).',
      (c) => weigh(c, smooth, docFreq(c), false)),
    mistakeFrom<Args, number[][]>('df-counts-occurrences', 'df is the number of documents that contain the word, not its total number of occurrences.',
      (c) => weigh(c, smooth, (t) => c.reduce((s, r) => s + r[t], 0), true)),
  ],
  mutants: [
    { name: 'unsmoothed idf', edits: [['idf.push(Math.log((1 + n) / (1 + df)) + 1);', 'idf.push(df === 0 ? 0 : Math.log(n / df));']], mistake: 'plain-idf' },
    { name: 'rows not normalised', edits: [['return norm > 0 ? w.map((x) => x / norm) : w;', 'return w;']], mistake: 'no-normalisation' },
    { name: 'df counts occurrences', edits: [['if (counts[d][t] > 0) df++;', 'df += counts[d][t];']], mistake: 'df-counts-occurrences' },
  ],
  links: {
    lessons: [{ lesson: '11-classic-algorithms', cell: 'text-md' }, { lesson: '12-key-formulas', cell: 'tf-idf' }],
    questions: ['algorithms-tf-idf', 'probability-and-formulas-cosine-vs-euclidean'],
  },
});
