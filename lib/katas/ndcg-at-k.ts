// Kata: nDCG@k of a ranking with graded relevance (reference: lib/retrieval/ranking-metrics.ts ndcgAtK).
import { Rng } from '../core/random';
import { ndcgAtK as libNdcgAtK } from '../retrieval/ranking-metrics';
import { integers, mistakeFrom } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [ranked: number[], grades: number[], k: number];

function reference(...[ranked, grades, k]: Args): number {
  return libNdcgAtK(ranked, new Map(grades.map((g, id) => [id, g])), k);
}

/** nDCG with a chosen gain, discount offset and ideal list, for the mistakes. */
function variant(ranked: number[], grades: number[], k: number, o: { linear?: boolean; offset?: number; idealFromRanked?: boolean }): number {
  const gain = (g: number) => (o.linear ? g : 2 ** g - 1);
  const disc = (i: number) => Math.log2(i + (o.offset ?? 2));
  const dcg = ranked.slice(0, k).reduce((s, id, i) => s + gain(grades[id]) / disc(i), 0);
  const pool = o.idealFromRanked ? ranked.slice(0, k).map((id) => grades[id]) : [...grades];
  const ideal = pool.sort((a, b) => b - a).slice(0, k).reduce((s, g, i) => s + gain(g) / disc(i), 0);
  return dcg / ideal;
}

const examples: KataCase<Args>[] = [
  { name: 'B, A, C with A = 2, B = 1', kind: 'example', args: [[1, 0, 2], [2, 1, 0], 3] },
  { name: 'one relevant document at rank 2', kind: 'example', args: [[2, 0, 1], [1, 0, 0], 3] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1717);
  const cases: KataCase<Args>[] = [
    { name: 'ideal order', kind: 'edge', args: [[0, 1, 2, 3], [3, 2, 1, 0], 4] },
    { name: 'k = 1, relevant first', kind: 'edge', args: [[1, 0], [0, 1], 1] },
    { name: 'k = 1, relevant second', kind: 'edge', args: [[0, 1], [0, 1], 1] },
    { name: 'relevant documents not retrieved count in the ideal', kind: 'edge', args: [[0, 1], [1, 0, 3, 2], 2] },
    { name: 'k larger than the ranking', kind: 'edge', args: [[2, 0], [1, 0, 2, 0], 5] },
    { name: 'nothing relevant retrieved', kind: 'edge', args: [[0, 1, 2], [0, 0, 0, 1], 3] },
  ];
  for (let r = 0; r < 6; r++) {
    const n = 8 + rng.int(30);
    const grades = integers(rng, n, 4);
    if (!grades.some((g) => g > 0)) grades[0] = 2;
    const ranked = Array.from(rng.permutation(n)).slice(0, 5 + rng.int(n - 5));
    cases.push({ name: `random ${r + 1}`, kind: 'random', args: [ranked, grades, 1 + rng.int(ranked.length)] });
  }
  const n = 20_000;
  const grades = integers(rng, n, 4);
  cases.push({ name: '20000 documents, k = 1000', kind: 'large', args: [Array.from(rng.permutation(n)), grades, 1000] });
  return cases;
}

export default defineKata<Args, number>({
  id: 'ndcg-at-k',
  title: 'nDCG@k with graded relevance',
  section: 'retrieval',
  difficulty: 'medium',
  statement: `\`ranked\` lists document ids, best first (distinct integers); \`grades[id]\` is the relevance of document
\`id\` (0 = irrelevant; at least one grade is positive). Return nDCG@k with the exponential gain:

$$\\mathrm{DCG@}k = \\sum_{i=1}^{\\min(k, |\\text{ranked}|)} \\frac{2^{rel_i} - 1}{\\log_2(i + 1)}, \\qquad
\\mathrm{nDCG@}k = \\frac{\\mathrm{DCG@}k}{\\mathrm{IDCG@}k},$$

where IDCG@k is the DCG of the **k best grades of all documents** (retrieved or not) in decreasing order. A ranking
shorter than k simply stops. Tolerance $10^{-12}$ absolute, $10^{-10}$ relative.`,
  functionName: 'ndcgAtK',
  signature: 'ndcgAtK(ranked: number[], grades: number[], k: number): number',
  starter: `export function ndcgAtK(ranked: number[], grades: number[], k: number): number {
  throw new Error('not implemented');
}
`,
  solution: `export function ndcgAtK(ranked: number[], grades: number[], k: number): number {
  const dcg = (rels: number[]) => rels.slice(0, k).reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = [...grades].sort((a, b) => b - a);
  return dcg(ranked.map((id) => grades[id])) / dcg(ideal);
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-12, rel: 1e-10 },
  hints: ['Compute DCG of the grades in ranked order and of all grades sorted in decreasing order, both cut at k, and divide.'],
  mistakes: [
    mistakeFrom<Args, number>('linear-gain', 'The gain is 2^rel - 1, not rel (the two agree only for 0/1 relevance).', (r, g, k) => variant(r, g, k, { linear: true })),
    mistakeFrom<Args, number>('discount-offset', 'Position i (from 1) is discounted by log2(i + 1): the first result by log2 2 = 1.', (r, g, k) => variant(r, g, k, { offset: 1 })),
    mistakeFrom<Args, number>('ideal-from-ranked', 'The ideal DCG sorts the grades of all documents, not only the retrieved ones: a relevant document that was never retrieved must lower the score.', (r, g, k) => variant(r, g, k, { idealFromRanked: true })),
  ],
  mutants: [
    { name: 'linear gain', edits: [['(2 ** g - 1)', 'g']], mistake: 'linear-gain' },
    { name: 'ideal from the retrieved documents', edits: [['[...grades].sort', 'ranked.map((id) => grades[id]).sort']], mistake: 'ideal-from-ranked' },
  ],
  links: {
    lessons: [{ lesson: '17-embeddings-and-retrieval', cell: 'rag-retrievers-md' }, { lesson: '12-key-formulas', cell: 'ndcg' }],
    questions: ['retrieval-recall-mrr-ndcg', 'retrieval-ndcg-by-hand'],
  },
});
