// Kata: LDA posteriors from scratch: class means, pooled covariance (n - K), linear discriminants, softmax.
import { rngFrom } from '../core/random';
import { LinearDiscriminantAnalysis } from '../classic/discriminant-analysis';
import { toRows } from '../core/matrix';
import { closeTo } from './case-helpers';
import { defineKata, type KataCase } from './types';

type Args = [X: number[][], y: number[], Xtest: number[][]];

function reference(X: number[][], y: number[], Xtest: number[][]): number[][] {
  return toRows(new LinearDiscriminantAnalysis().fit(X, y).predictProba(Xtest));
}

type Variant = 'denominator-n' | 'no-prior' | 'total-covariance';

/** LDA posteriors with one deliberate deviation, for the mistake detectors (plain Gaussian elimination). */
function variant(X: number[][], y: number[], Xtest: number[][], kind: Variant): number[][] {
  const n = X.length, d = X[0].length, K = Math.max(...y) + 1;
  const counts = new Array<number>(K).fill(0);
  const mu = Array.from({ length: K }, () => new Array<number>(d).fill(0));
  X.forEach((x, i) => { counts[y[i]]++; x.forEach((v, j) => { mu[y[i]][j] += v; }); });
  mu.forEach((m, c) => m.forEach((_, j) => { m[j] /= counts[c]; }));
  const all = new Array<number>(d).fill(0);
  X.forEach((x) => x.forEach((v, j) => { all[j] += v / n; }));
  const S = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  X.forEach((x, i) => {
    const centre = kind === 'total-covariance' ? all : mu[y[i]];
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) S[a][b] += (x[a] - centre[a]) * (x[b] - centre[b]);
  });
  const denom = kind === 'denominator-n' ? n : kind === 'total-covariance' ? n - 1 : n - K;
  S.forEach((r) => r.forEach((_, b) => { r[b] /= denom; }));
  const solve = (A: number[][], rhs: number[]) => {
    const M = A.map((r, i) => [...r, rhs[i]]);
    for (let c = 0; c < d; c++) {
      let p = c;
      for (let r = c + 1; r < d; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
      [M[c], M[p]] = [M[p], M[c]];
      for (let r = c + 1; r < d; r++) { const f = M[r][c] / M[c][c]; for (let k = c; k <= d; k++) M[r][k] -= f * M[c][k]; }
    }
    const out = new Array<number>(d).fill(0);
    for (let r = d - 1; r >= 0; r--) { let s = M[r][d]; for (let k = r + 1; k < d; k++) s -= M[r][k] * out[k]; out[r] = s / M[r][r]; }
    return out;
  };
  const w = mu.map((m) => solve(S, m));
  const b = mu.map((m, c) => -0.5 * m.reduce((s, v, j) => s + v * w[c][j], 0) + (kind === 'no-prior' ? 0 : Math.log(counts[c] / n)));
  return Xtest.map((x) => {
    const z = w.map((wc, c) => wc.reduce((s, v, j) => s + v * x[j], b[c]));
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const t = e.reduce((s, v) => s + v, 0);
    return e.map((v) => v / t);
  });
}

const tol = { abs: 1e-9, rel: 1e-7 };

export default defineKata<Args, number[][]>({
  id: 'lda-predict',
  title: 'Linear discriminant analysis posteriors',
  section: 'algorithms',
  difficulty: 'hard',
  statement: `Write \`ldaPredictProba(X, y, Xtest)\`: fit linear discriminant analysis on \`X\` ($n \\times d$) with labels
\`y\` (integers $0..K-1$, every class present) and return $P(c \\mid x)$ for every row of \`Xtest\` ($m \\times K$).

- Priors: the class shares, $\\pi_c = n_c / n$. Class means $\\mu_c$.
- One **pooled within-class covariance**: $\\Sigma = \\frac{1}{n - K} \\sum_i (x_i - \\mu_{y_i})(x_i - \\mu_{y_i})^\\top$
  (each row centred on **its own class mean**; denominator $n - K$).
- Linear discriminants $\\delta_c(x) = w_c^\\top x + b_c$ with $w_c = \\Sigma^{-1}\\mu_c$ and
  $b_c = -\\tfrac12 \\mu_c^\\top \\Sigma^{-1} \\mu_c + \\log \\pi_c$ (solve the linear system; $\\Sigma$ is positive definite in
  every case).
- $P(c \\mid x) = \\operatorname{softmax}_c\\, \\delta(x)$, computed stably (subtract the largest $\\delta$).

Tolerance $10^{-9}$ absolute or $10^{-7}$ relative per probability.`,
  functionName: 'ldaPredictProba',
  signature: 'ldaPredictProba(X: number[][], y: number[], Xtest: number[][]): number[][]',
  starter: `export function ldaPredictProba(X: number[][], y: number[], Xtest: number[][]): number[][] {
  throw new Error('not implemented');
}
`,
  solution: `export function ldaPredictProba(X: number[][], y: number[], Xtest: number[][]): number[][] {
  const n = X.length, d = X[0].length, K = Math.max(...y) + 1;
  const counts = new Array<number>(K).fill(0);
  const mu = Array.from({ length: K }, () => new Array<number>(d).fill(0));
  X.forEach((x, i) => { counts[y[i]]++; x.forEach((v, j) => { mu[y[i]][j] += v; }); });
  mu.forEach((m, c) => m.forEach((_, j) => { m[j] /= counts[c]; }));
  const S = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  X.forEach((x, i) => {
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) S[a][b] += (x[a] - mu[y[i]][a]) * (x[b] - mu[y[i]][b]);
  });
  S.forEach((r) => r.forEach((_, b) => { r[b] /= n - K; }));
  const solve = (A: number[][], rhs: number[]) => {
    const M = A.map((r, i) => [...r, rhs[i]]);
    for (let c = 0; c < d; c++) {
      let p = c;
      for (let r = c + 1; r < d; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
      [M[c], M[p]] = [M[p], M[c]];
      for (let r = c + 1; r < d; r++) { const f = M[r][c] / M[c][c]; for (let k = c; k <= d; k++) M[r][k] -= f * M[c][k]; }
    }
    const out = new Array<number>(d).fill(0);
    for (let r = d - 1; r >= 0; r--) { let s = M[r][d]; for (let k = r + 1; k < d; k++) s -= M[r][k] * out[k]; out[r] = s / M[r][r]; }
    return out;
  };
  const w = mu.map((m) => solve(S, m));
  const b = mu.map((m, c) => -0.5 * m.reduce((s, v, j) => s + v * w[c][j], 0) + Math.log(counts[c] / n));
  return Xtest.map((x) => {
    const z = w.map((wc, c) => wc.reduce((s, v, j) => s + v * x[j], b[c]));
    const top = Math.max(...z);
    const e = z.map((v) => Math.exp(v - top));
    const total = e.reduce((s, v) => s + v, 0);
    return e.map((v) => v / total);
  });
}
`,
  examples: [
    { name: '1-D: {0, 2} vs {4, 6}, at the boundary x = 3 and beyond', kind: 'example', args: [[[0], [2], [4], [6]], [0, 0, 1, 1], [[3], [1], [7]]] },
    { name: 'three classes in 2-D', kind: 'example', args: [[[0, 0], [1, 0], [0, 1], [4, 0], [5, 1], [4, 1], [0, 4], [1, 5], [0, 5]], [0, 0, 0, 1, 1, 1, 2, 2, 2], [[1, 1], [3, 2]]] },
  ],
  hiddenCases() {
    const rng = rngFrom(2709);
    const cases: KataCase<Args>[] = [
      { name: 'unequal class sizes: the prior matters', kind: 'edge', args: [[[0], [1], [2], [0.5], [1.5], [3], [4]], [0, 0, 0, 0, 0, 1, 1], [[2.5], [2], [3]]] },
      { name: 'class means far from the overall mean (per-class centring)', kind: 'edge', args: [[[0, 0], [1, 1], [1, 0], [10, 10], [11, 10], [10, 11]], [0, 0, 0, 1, 1, 1], [[5, 5], [4, 6], [6, 4.5]]] },
      { name: 'labels listed out of order', kind: 'edge', args: [[[3, 1], [0, 0], [2, 2], [1, 0], [4, 2], [0, 1]], [1, 0, 1, 0, 1, 0], [[2, 1], [1.5, 0.5]]] },
    ];
    for (let t = 0; t < 5; t++) {
      const K = 2 + (t % 3), d = 1 + (t % 4);
      const X: number[][] = [], y: number[] = [];
      for (let c = 0; c < K; c++) {
        const centre = Array.from({ length: d }, () => rng.uniform(-3, 3));
        for (let i = 0; i < 5 + rng.int(10); i++) { X.push(centre.map((v) => Math.round((v + rng.normal(0, 1.2)) * 1000) / 1000)); y.push(c); }
      }
      const Xtest = Array.from({ length: 4 }, () => Array.from({ length: d }, () => Math.round(rng.uniform(-4, 4) * 1000) / 1000));
      cases.push({ name: `random ${t + 1} (n = ${X.length}, d = ${d}, K = ${K})`, kind: 'random', args: [X, y, Xtest] });
    }
    const X: number[][] = [], y: number[] = [];
    for (let i = 0; i < 40; i++) { X.push([rng.normal(i % 2 ? 3e4 : 0, 2e4), rng.normal(0, 2e4)]); y.push(i % 2); }
    cases.push({ name: 'large coordinates', kind: 'large', args: [X, y, [[1.5e4, 0], [0, 1e4], [3e4, -1e4]]] });
    return cases;
  },
  reference,
  tolerance: tol,
  hints: ['Means per class, one covariance pooled over the classes (each row centred on its own class mean, divided by n - K), then w_c = Sigma^-1 mu_c, b_c = -mu_c^T w_c / 2 + log pi_c and a stable softmax.'],
  mistakes: [
    {
      id: 'denominator-n',
      hint: 'the pooled covariance is divided by n - K (unbiased, as scikit-learn), not by n',
      detect: ({ args: [X, y, T], received }) => closeTo(variant(X, y, T, 'denominator-n'), received, tol),
    },
    {
      id: 'no-prior',
      hint: 'the discriminant includes log pi_c, the log of the class share: unequal classes move the boundary',
      detect: ({ args: [X, y, T], received }) => closeTo(variant(X, y, T, 'no-prior'), received, tol),
    },
    {
      id: 'total-covariance',
      hint: 'centre each row on its own class mean: the covariance of all rows around the overall mean also contains the spread between the classes',
      detect: ({ args: [X, y, T], received }) => closeTo(variant(X, y, T, 'total-covariance'), received, tol),
    },
  ],
  mutants: [
    { name: 'covariance divided by n', edits: [['r[b] /= n - K;', 'r[b] /= n;']], mistake: 'denominator-n' },
    { name: 'log prior left out', edits: [[' + Math.log(counts[c] / n));', ');']], mistake: 'no-prior' },
    {
      name: 'covariance around the overall mean',
      edits: [
        ['  const S = Array.from', '  const all = new Array<number>(d).fill(0);\n  X.forEach((x) => x.forEach((v, j) => { all[j] += v / n; }));\n  const S = Array.from'],
        ['S[a][b] += (x[a] - mu[y[i]][a]) * (x[b] - mu[y[i]][b]);', 'S[a][b] += (x[a] - all[a]) * (x[b] - all[b]);'],
        ['r[b] /= n - K;', 'r[b] /= n - 1;'],
      ],
      mistake: 'total-covariance',
    },
  ],
  links: {
    lessons: [{ lesson: '27-discriminant-analysis-and-clustering', cell: 'gda-md' }, { lesson: '12-key-formulas', cell: 'clu-lda-discriminant' }],
    questions: ['algorithms-lda-closed-form-weights', 'algorithms-lda-vs-logistic'],
  },
});
