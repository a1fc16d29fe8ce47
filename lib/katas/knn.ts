// Kata: k-nearest-neighbour classification with the distance-tie and vote-tie rules settled.
import { KNNClassifier } from '../classic/knn';
import { rngFrom } from '../core/random';
import { randomMatrix } from './case-helpers';
import { defineKata, type KataCase } from './types';

type Args = [Xtrain: number[][], ytrain: number[], Xtest: number[][], k: number];

function reference(Xtrain: number[][], ytrain: number[], Xtest: number[][], k: number): number[] {
  // lib's neighbour search keeps the earlier row on equal distances; the vote shares then decide, ties to the smallest label
  const P = new KNNClassifier({ k, metric: 'euclidean', weights: 'uniform' }).fit(Xtrain, ytrain).predictProba(Xtest);
  return Array.from({ length: P.rows }, (_, q) => {
    let best = 0;
    for (let c = 1; c < P.cols; c++) if (P.data[q * P.cols + c] > P.data[q * P.cols + best]) best = c;
    return best;
  });
}

function randomCase(rng: ReturnType<typeof rngFrom>, n: number, m: number, d: number, classes: number, k: number, scale: number): Args {
  const Xtrain = randomMatrix(rng, n, d, scale, 0);
  const ytrain = Xtrain.map((x) => Math.abs(Math.round(x[0] / scale + rng.normal(0, 0.7))) % classes);
  return [Xtrain, ytrain, randomMatrix(rng, m, d, scale, 0), k];
}

export default defineKata<Args, number[]>({
  id: 'knn',
  title: 'k-nearest-neighbour classifier',
  section: 'algorithms',
  difficulty: 'easy',
  statement: `Write \`knnPredict(Xtrain, ytrain, Xtest, k)\`: label each test row by a majority vote of its \`k\` nearest
training rows (Euclidean distance $\\lVert a - b \\rVert = \\sqrt{\\sum_j (a_j - b_j)^2}$). Labels are integers $0..K-1$;
$1 \\le k \\le$ the number of training rows.

- **Equal distances** keep the **earlier** training row (a stable sort by distance, then by index).
- **A tied vote** goes to the **smallest** label among the tied ones.
- Return one label per test row; do not change the arguments. Coordinates are integers here, so ties are exact.`,
  functionName: 'knnPredict',
  signature: 'knnPredict(Xtrain: number[][], ytrain: number[], Xtest: number[][], k: number): number[]',
  starter: `export function knnPredict(Xtrain: number[][], ytrain: number[], Xtest: number[][], k: number): number[] {
  throw new Error('not implemented');
}
`,
  solution: `export function knnPredict(Xtrain: number[][], ytrain: number[], Xtest: number[][], k: number): number[] {
  return Xtest.map((q) => {
    const order = Xtrain
      .map((x, i) => ({ i, d: x.reduce((s, v, j) => s + (v - q[j]) ** 2, 0) }))
      .sort((a, b) => a.d - b.d || a.i - b.i);
    const votes = new Map<number, number>();
    for (const { i } of order.slice(0, k)) votes.set(ytrain[i], (votes.get(ytrain[i]) ?? 0) + 1);
    let best = -1, bestVotes = -1;
    for (const [label, v] of votes) if (v > bestVotes || (v === bestVotes && label < best)) { best = label; bestVotes = v; }
    return best;
  });
}
`,
  examples: [
    { name: 'k = 1', kind: 'example', args: [[[0, 0], [10, 10]], [0, 1], [[1, 1], [9, 8]], 1] },
    { name: 'k = 3 majority', kind: 'example', args: [[[0], [1], [2], [10]], [1, 1, 0, 0], [[0.5], [9]], 3] },
  ],
  hiddenCases() {
    const rng = rngFrom(1609);
    const cases: KataCase<Args>[] = [
      { name: 'tied vote goes to the smallest label', kind: 'edge', args: [[[0], [2], [10]], [1, 0, 1], [[1]], 2] },
      { name: 'equal distances keep the earlier row', kind: 'edge', args: [[[2], [0], [4]], [1, 0, 0], [[1]], 1] },
      { name: 'k = all training rows', kind: 'edge', args: [[[0], [1], [2], [3], [4]], [2, 2, 0, 1, 1], [[100], [-100]], 5] },
      { name: 'test point on a training point', kind: 'edge', args: [[[3, 3], [0, 0], [3, 4]], [1, 0, 2], [[3, 3]], 1] },
    ];
    for (let t = 0; t < 5; t++) {
      const n = 5 + rng.int(30), k = 1 + rng.int(Math.min(7, n));
      cases.push({ name: `random ${t + 1} (n = ${n}, k = ${k})`, kind: 'random', args: randomCase(rng, n, 1 + rng.int(10), 1 + rng.int(3), 2 + rng.int(3), k, 3) });
    }
    cases.push({ name: 'large: 500 x 200 rows, coordinates ~1e6', kind: 'large', args: randomCase(rng, 500, 200, 4, 4, 9, 1e6) });
    return cases;
  },
  reference,
  tolerance: { abs: 0, rel: 0 },
  hints: ['Sort the training rows by (distance, index), take the first k, count their labels, and pick the most votes, smallest label on a tie.'],
  mistakes: [
    {
      id: 'vote-tie',
      hint: 'a tied vote goes to the smallest tied label',
      detect: ({ args: [Xtrain, ytrain, Xtest, k], expected, received }) => {
        if (!Array.isArray(received)) return false;
        const nb = new KNNClassifier({ k }).fit(Xtrain, ytrain).kneighbors(Xtest);
        return received.some((r, q) => {
          if (typeof r !== 'number' || r <= expected[q]) return false;
          const votes = (label: number) => Array.from(nb.indices.subarray(q * k, q * k + k)).filter((i) => ytrain[i] === label).length;
          return votes(r) === votes(expected[q]);
        });
      },
    },
  ],
  mutants: [
    { name: 'vote tie to the largest label', edits: [['(v === bestVotes && label < best)', '(v === bestVotes && label > best)']], mistake: 'vote-tie' },
    { name: 'skips the nearest neighbour', edits: [['order.slice(0, k)', 'order.slice(1, k + 1)']] },
    { name: 'unstable order on equal distances', edits: [['.sort((a, b) => a.d - b.d || a.i - b.i);', '.sort((a, b) => a.d - b.d || b.i - a.i);']] },
  ],
  links: {
    lessons: [{ lesson: '11-classic-algorithms', cell: 'knn-md' }, { lesson: '13-interview-questions', cell: 'q-knn-k' }],
    questions: ['algorithms-knn', 'bias-variance-knn-k', 'probability-and-formulas-cosine-vs-euclidean'],
  },
});
