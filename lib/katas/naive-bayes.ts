// Kata: multinomial naive Bayes scores for word counts with Laplace smoothing (reference: lib/classic/multinomial-naive-bayes.ts).
import { Rng } from '../core/random';
import { MultinomialNaiveBayes } from '../classic/multinomial-naive-bayes';
import { integers, mistakeFrom, toRows } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [Xtrain: number[][], ytrain: number[], Xtest: number[][], alpha: number];

function reference(...[Xtrain, ytrain, Xtest, alpha]: Args): number[][] {
  const jll = new MultinomialNaiveBayes({ alpha }).fit(Xtrain, ytrain).jointLogLikelihood(Xtest);
  return toRows(jll.data, jll.rows, jll.cols);
}

type Variant = { denomV: boolean; prior: 'docs' | 'none' | 'words' };

function scores(Xtrain: number[][], y: number[], Xtest: number[][], alpha: number, v: Variant): number[][] {
  const K = Math.max(...y) + 1, V = Xtrain[0].length, n = y.length;
  const N = Array.from({ length: K }, () => new Array<number>(V).fill(0));
  const docs = new Array<number>(K).fill(0);
  Xtrain.forEach((row, i) => { docs[y[i]]++; row.forEach((c, w) => { N[y[i]][w] += c; }); });
  const totals = N.map((r) => r.reduce((a, b) => a + b, 0));
  const all = totals.reduce((a, b) => a + b, 0);
  const logTheta = N.map((r, c) => r.map((x) => Math.log(x + alpha) - Math.log(totals[c] + (v.denomV ? alpha * V : alpha))));
  const prior = (c: number) => (v.prior === 'docs' ? Math.log(docs[c] / n) : v.prior === 'words' ? Math.log(totals[c] / all) : 0);
  return Xtest.map((row) => logTheta.map((lt, c) => prior(c) + row.reduce((s, x, w) => s + x * lt[w], 0)));
}

const examples: KataCase<Args>[] = [
  { name: 'two classes, three words', kind: 'example', args: [[[2, 1, 0], [1, 2, 0], [0, 0, 3], [0, 1, 2]], [0, 0, 1, 1], [[1, 0, 1]], 1] },
  { name: 'a word never seen in a class', kind: 'example', args: [[[3, 0], [0, 2]], [0, 1], [[1, 1]], 1] },
];

function corpus(rng: Rng, n: number, V: number, K: number): [number[][], number[]] {
  const y = integers(rng, n, K);
  for (let c = 0; c < K; c++) y[c] = c; // every class present
  const X = y.map((c) => Array.from({ length: V }, (_, w) => ((w % K) === c ? rng.int(5) : rng.int(2))));
  return [X, y];
}

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1633);
  const cases: KataCase<Args>[] = [
    { name: 'alpha = 0.5 (Lidstone)', kind: 'edge', args: [[[2, 1, 0], [1, 2, 0], [0, 0, 3]], [0, 0, 1], [[0, 1, 1], [3, 0, 0]], 0.5] },
    { name: 'an empty test document: only the prior', kind: 'edge', args: [[[1, 0], [0, 1], [1, 1]], [0, 1, 1], [[0, 0]], 1] },
    { name: 'unbalanced classes', kind: 'edge', args: [[[1, 0], [2, 0], [1, 1], [0, 3]], [0, 0, 0, 1], [[1, 1]], 1] },
  ];
  for (let r = 0; r < 4; r++) {
    const K = 2 + rng.int(3), V = 3 + rng.int(8);
    const [X, y] = corpus(rng, 6 + rng.int(20), V, K);
    cases.push({ name: `random ${r + 1}`, kind: 'random', args: [X, y, corpus(rng, 3, V, K)[0], 1] });
  }
  const [X, y] = corpus(rng, 150, 300, 4);
  cases.push({ name: '150 documents, 300 words, counts up to 1e6', kind: 'large', args: [X.map((r) => r.map((c) => c * 250_000)), y, corpus(rng, 5, 300, 4)[0], 1] });
  return cases;
}

export default defineKata<Args, number[][]>({
  id: 'naive-bayes',
  title: 'Multinomial naive Bayes',
  section: 'algorithms',
  difficulty: 'medium',
  statement: `Train multinomial naive Bayes on word counts \`Xtrain\` ($n \\times V$, one row per document) with class labels
\`ytrain\` in $0..K-1$ (every class present, $K = \\max y + 1$), then score each row of \`Xtest\`. With $N_{cw}$ the
total count of word $w$ in the training documents of class $c$, $N_c = \\sum_w N_{cw}$, and additive (Laplace) smoothing
$\\alpha$:

$$\\theta_{cw} = \\frac{N_{cw} + \\alpha}{N_c + \\alpha V}, \\qquad P(c) = \\frac{\\#\\text{documents of class } c}{n},$$
$$\\text{score}(x, c) = \\log P(c) + \\sum_w x_w \\log \\theta_{cw} .$$

Return the $m \\times K$ matrix of scores (the joint log-likelihoods, unnormalised: the predicted class is the argmax of
each row). Smoothing keeps a word never seen in a class from sending the score to $-\\infty$. Tolerance $10^{-9}$
relative.`,
  functionName: 'naiveBayesScores',
  signature: 'naiveBayesScores(Xtrain: number[][], ytrain: number[], Xtest: number[][], alpha: number): number[][]',
  starter: `export function naiveBayesScores(Xtrain: number[][], ytrain: number[], Xtest: number[][], alpha: number): number[][] {
  throw new Error('not implemented');
}
`,
  solution: `export function naiveBayesScores(Xtrain: number[][], ytrain: number[], Xtest: number[][], alpha: number): number[][] {
  const n = Xtrain.length, V = Xtrain[0].length, K = Math.max(...ytrain) + 1;
  const counts = Array.from({ length: K }, () => new Array<number>(V).fill(0));
  const docs = new Array<number>(K).fill(0);
  for (let i = 0; i < n; i++) {
    docs[ytrain[i]]++;
    for (let w = 0; w < V; w++) counts[ytrain[i]][w] += Xtrain[i][w];
  }
  const logTheta = counts.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((N) => Math.log((N + alpha) / (total + alpha * V)));
  });
  const logPrior = docs.map((d) => Math.log(d / n));
  return Xtest.map((x) => logTheta.map((lt, c) => {
    let s = logPrior[c];
    for (let w = 0; w < V; w++) s += x[w] * lt[w];
    return s;
  }));
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-9, rel: 1e-9 },
  hints: ['Sum the counts per class, turn each class row into smoothed log-probabilities, and score a document as log prior + counts · log theta.'],
  mistakes: [
    mistakeFrom<Args, number[][]>('denominator-without-v', 'Smoothing adds alpha to each of the V words, so the denominator is N_c + alpha V, not N_c + alpha.',
      (X, y, T, a) => scores(X, y, T, a, { denomV: false, prior: 'docs' })),
    mistakeFrom<Args, number[][]>('no-prior', 'Add the class prior log P(c) (the share of training documents in class c).',
      (X, y, T, a) => scores(X, y, T, a, { denomV: true, prior: 'none' })),
    mistakeFrom<Args, number[][]>('prior-from-words', 'The prior counts documents per class, not words per class.',
      (X, y, T, a) => scores(X, y, T, a, { denomV: true, prior: 'words' })),
  ],
  mutants: [
    { name: 'denominator without alpha V', edits: [['(total + alpha * V)', '(total + alpha)']], mistake: 'denominator-without-v' },
    { name: 'prior left out', edits: [['let s = logPrior[c];', 'let s = 0;']], mistake: 'no-prior' },
    { name: 'no smoothing', edits: [['Math.log((N + alpha) / (total + alpha * V))', 'Math.log(N / total)']] },
  ],
  links: {
    lessons: [{ lesson: '11-classic-algorithms', cell: 'text-md' }, { lesson: '12-key-formulas', cell: 'naive-bayes' }],
    questions: ['algorithms-naive-bayes-text', 'probability-and-formulas-naive-bayes-assumption'],
  },
});
