// Kata: the best threshold on one feature by size-weighted Gini impurity, with the tie rule settled.
import { classCounts, DecisionTreeClassifier, giniImpurity } from '../classic/decision-tree';
import { midpoint } from '../classic/presort';
import { rngFrom } from '../core/random';
import { defineKata, type KataCase } from './types';

type Args = [x: number[], y: number[]];
type Result = { threshold: number; impurity: number };

function reference(x: number[], y: number[]): Result {
  const tree = new DecisionTreeClassifier({ maxDepth: 1, criterion: 'gini' }).fit(x.map((v) => [v]), y).tree!;
  if (tree.feature[0] >= 0) return { threshold: tree.threshold[0], impurity: tree.impurity[0] - tree.gain[0] };
  // The tree does not split when no split gains more than 1e-12: then every candidate ties and the lowest wins,
  // with the parent's impurity (a pure node, or children that keep the parent's class mix).
  const distinct = [...new Set(x)].sort((a, b) => a - b);
  return { threshold: midpoint(distinct[0], distinct[1]), impurity: giniImpurity(classCounts(y)) };
}

function randomCase(rng: ReturnType<typeof rngFrom>, n: number, classes: number, distinct: number, scale: number): Args {
  const x = Array.from({ length: n }, () => rng.int(distinct) * scale);
  x[0] = 0; x[1] = scale; // at least two distinct values
  const y = x.map((v) => (v / scale + rng.int(3) > distinct / 2 ? rng.int(classes) : 0));
  return [x, y];
}

export default defineKata<Args, Result>({
  id: 'gini-split',
  title: 'Best decision-tree split by Gini impurity',
  section: 'algorithms',
  difficulty: 'medium',
  statement: `Write \`bestSplit(x, y)\`: the best threshold for one numeric feature \`x\` with class labels \`y\` (integers
$0..K-1$), as a CART decision tree chooses it. \`x\` has at least two distinct values, in any order, possibly repeated.

- **Candidates**: halfway between adjacent distinct sorted values, $t = (a + b)/2$. A row goes left when $x \\le t$.
- **Impurity** of a split: the size-weighted Gini impurity of the two children,

$$I(t) = \\frac{n_L}{n} G(L) + \\frac{n_R}{n} G(R), \\qquad G(S) = 1 - \\sum_k p_k^2,\\; p_k = \\text{share of class } k \\text{ in } S.$$

- Return the candidate with the **lowest** $I(t)$ as \`{ threshold, impurity }\`. Impurities within $10^{-12}$ of each
  other count as tied, and the **lowest threshold** wins a tie. Do not change the arguments. Tolerance $10^{-9}$.`,
  functionName: 'bestSplit',
  signature: 'bestSplit(x: number[], y: number[]): { threshold: number; impurity: number }',
  starter: `export function bestSplit(x: number[], y: number[]): { threshold: number; impurity: number } {
  throw new Error('not implemented');
}
`,
  solution: `export function bestSplit(x: number[], y: number[]): { threshold: number; impurity: number } {
  const n = x.length;
  const values = [...new Set(x)].sort((a, b) => a - b);
  const gini = (labels: number[]) => {
    const counts = new Map<number, number>();
    for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
    let s = 0;
    for (const c of counts.values()) s += (c / labels.length) ** 2;
    return 1 - s;
  };
  let best = { threshold: NaN, impurity: Infinity };
  for (let v = 0; v + 1 < values.length; v++) {
    const t = (values[v] + values[v + 1]) / 2;
    const left: number[] = [], right: number[] = [];
    for (let i = 0; i < n; i++) (x[i] <= t ? left : right).push(y[i]);
    const impurity = (left.length / n) * gini(left) + (right.length / n) * gini(right);
    if (impurity < best.impurity - 1e-12) best = { threshold: t, impurity };
  }
  return best;
}
`,
  examples: [
    { name: 'clean split', kind: 'example', args: [[1, 2, 3, 4], [0, 0, 1, 1]] },
    { name: 'unsorted with repeats', kind: 'example', args: [[3, 1, 2, 3, 1], [1, 0, 1, 0, 0]] },
  ],
  hiddenCases() {
    const rng = rngFrom(1608);
    const cases: KataCase<Args>[] = [
      { name: 'two values', kind: 'edge', args: [[5, 7], [1, 0]] },
      { name: 'pure labels: every split ties, lowest wins', kind: 'edge', args: [[4, 1, 3, 2], [1, 1, 1, 1]] },
      { name: 'symmetric tie: lowest threshold wins', kind: 'edge', args: [[1, 2, 3, 4, 5, 6], [0, 1, 0, 0, 1, 0]] },
      { name: 'no split helps (same class mix both sides)', kind: 'edge', args: [[1, 1, 2, 2], [0, 1, 0, 1]] },
      { name: 'three classes', kind: 'edge', args: [[0, 1, 2, 3, 4, 5], [0, 0, 1, 1, 2, 2]] },
      { name: 'negative values', kind: 'edge', args: [[-3, -1, -2, 0], [1, 0, 1, 0]] },
    ];
    for (let t = 0; t < 5; t++) {
      const n = 6 + rng.int(30);
      cases.push({ name: `random ${t + 1} (n = ${n})`, kind: 'random', args: randomCase(rng, n, 2 + rng.int(3), 3 + rng.int(8), 1) });
    }
    cases.push({ name: 'large: 400 rows, values ~1e8', kind: 'large', args: randomCase(rng, 400, 3, 60, 1e8 + 0.5) });
    return cases;
  },
  reference,
  tolerance: { abs: 1e-9, rel: 1e-9 },
  hints: ['Sort the distinct values; for each midpoint count the classes on each side, and keep the first threshold whose weighted Gini beats the best by more than 1e-12.'],
  mistakes: [
    {
      id: 'tie',
      hint: 'impurities within 1e-12 tie, and the lowest threshold wins: replace the best only when strictly better by more than 1e-12',
      detect: ({ expected, received }) => {
        const r = received as Result;
        return Math.abs(r.impurity - expected.impurity) < 1e-9 && r.threshold > expected.threshold;
      },
    },
    {
      id: 'midpoint',
      hint: 'the threshold is halfway between two adjacent distinct values, not one of the values themselves',
      detect: ({ args: [x], received }) => x.includes((received as Result).threshold),
    },
    {
      id: 'unweighted',
      hint: 'weight each child\'s Gini by its share of the rows (n_L / n and n_R / n), not a plain average',
      detect: ({ args: [x, y], received }) => {
        const r = received as Result;
        const gini = (ls: number[]) => 1 - [...new Set(ls)].reduce((s, c) => s + (ls.filter((l) => l === c).length / ls.length) ** 2, 0);
        const L = y.filter((_, i) => x[i] <= r.threshold), R = y.filter((_, i) => x[i] > r.threshold);
        return L.length > 0 && R.length > 0 && Math.abs(r.impurity - (gini(L) + gini(R)) / 2) < 1e-9;
      },
    },
  ],
  mutants: [
    { name: 'ties go to the highest threshold', edits: [['if (impurity < best.impurity - 1e-12)', 'if (impurity <= best.impurity + 1e-12)']], mistake: 'tie' },
    { name: 'threshold at the lower value', edits: [['const t = (values[v] + values[v + 1]) / 2;', 'const t = values[v];']], mistake: 'midpoint' },
    { name: 'children not weighted by size', edits: [['const impurity = (left.length / n) * gini(left) + (right.length / n) * gini(right);', 'const impurity = (gini(left) + gini(right)) / 2;']], mistake: 'unweighted' },
  ],
  links: {
    lessons: [{ lesson: '11-classic-algorithms', cell: 'tree-md' }, { lesson: '12-key-formulas', cell: 'gini' }],
    questions: ['algorithms-decision-tree-split', 'probability-and-formulas-gini-vs-entropy', 'probability-and-formulas-information-gain'],
  },
});
