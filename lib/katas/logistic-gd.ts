// Kata: binary logistic regression fitted by full-batch gradient descent on the mean log loss, from zeros.
import { rngFrom } from '../core/random';
import { LogisticRegression } from '../linear/logistic-regression';
import { closeTo, randomMatrix } from './case-helpers';
import { defineKata, type KataCase } from './types';

type Args = [X: number[][], y: number[], lr: number, epochs: number];
type Result = { w: number[]; b: number };

function reference(X: number[][], y: number[], lr: number, epochs: number): Result {
  const m = new LogisticRegression({ learningRate: lr, epochs, lambda: 0, tolerance: 0, fitIntercept: true }).fit(X, y);
  return { w: Array.from(m.weights), b: m.intercept };
}

function separable(rng: ReturnType<typeof rngFrom>, n: number, d: number, scale: number): [number[][], number[]] {
  const X = randomMatrix(rng, n, d, scale);
  const wTrue = Array.from({ length: d }, () => rng.normal());
  const y = X.map((x) => (x.reduce((s, v, j) => s + v * wTrue[j], 0) / scale + rng.normal(0, 0.5) > 0 ? 1 : 0));
  y[0] = 1; y[1] = 0;
  return [X, y];
}

export default defineKata<Args, Result>({
  id: 'logistic-gd',
  title: 'Logistic regression by gradient descent',
  section: 'algorithms',
  difficulty: 'medium',
  statement: `Write \`fitLogistic(X, y, lr, epochs)\`: fit $p(y = 1 \\mid x) = \\sigma(w \\cdot x + b)$,
$\\sigma(z) = 1/(1 + e^{-z})$, by **full-batch** gradient descent on the mean log loss, starting from $w = 0$, $b = 0$.

$$L = -\\frac{1}{n} \\sum_i \\big[ y_i \\log p_i + (1 - y_i) \\log (1 - p_i) \\big], \\qquad
\\nabla_w L = \\frac{1}{n} X^\\top (p - y), \\qquad \\frac{\\partial L}{\\partial b} = \\frac{1}{n} \\sum_i (p_i - y_i).$$

- Each of the \`epochs\` steps ($\\ge 1$) computes the gradient on all rows at the current $(w, b)$, then updates both:
  $w \\leftarrow w - \\text{lr}\\, \\nabla_w L$, $b \\leftarrow b - \\text{lr}\\, \\partial L / \\partial b$. No regularisation, no early stop.
- \`y\` holds 0/1 labels. Return \`{ w, b }\` with \`w\` of length $d$; do not change the arguments.
- Tolerance: $10^{-7}$ absolute plus $10^{-7}$ relative.`,
  functionName: 'fitLogistic',
  signature: 'fitLogistic(X: number[][], y: number[], lr: number, epochs: number): { w: number[]; b: number }',
  starter: `export function fitLogistic(X: number[][], y: number[], lr: number, epochs: number): { w: number[]; b: number } {
  throw new Error('not implemented');
}
`,
  solution: `export function fitLogistic(X: number[][], y: number[], lr: number, epochs: number): { w: number[]; b: number } {
  const n = X.length, d = X[0].length;
  const w = new Array<number>(d).fill(0);
  let b = 0;
  for (let e = 0; e < epochs; e++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      let z = b;
      for (let j = 0; j < d; j++) z += w[j] * X[i][j];
      const err = 1 / (1 + Math.exp(-z)) - y[i];
      for (let j = 0; j < d; j++) gw[j] += err * X[i][j];
      gb += err;
    }
    for (let j = 0; j < d; j++) w[j] -= lr * gw[j] / n;
    b -= lr * gb / n;
  }
  return { w, b };
}
`,
  examples: [
    { name: 'one feature, 4 rows, 1 step', kind: 'example', args: [[[1], [2], [-1], [-2]], [1, 1, 0, 0], 0.5, 1] },
    { name: 'two features, 10 steps', kind: 'example', args: [[[0, 1], [1, 0], [2, 2], [-1, -2]], [0, 1, 1, 0], 0.1, 10] },
  ],
  hiddenCases() {
    const rng = rngFrom(1604);
    const cases: KataCase<Args>[] = [
      { name: 'all labels 1: b grows', kind: 'edge', args: [[[0], [0], [0]], [1, 1, 1], 1, 5] },
      { name: 'one row', kind: 'edge', args: [[[2, -1]], [0], 0.3, 20] },
      { name: 'separable data, many epochs', kind: 'edge', args: [[[-3], [-2], [2], [3]], [0, 0, 1, 1], 1, 300] },
    ];
    for (let t = 0; t < 5; t++) {
      const n = 10 + rng.int(40), d = 1 + rng.int(4);
      const [X, y] = separable(rng, n, d, 1);
      cases.push({ name: `random ${t + 1} (n = ${n}, d = ${d})`, kind: 'random', args: [X, y, 0.05 + rng.int(10) / 20, 50 + rng.int(150)] });
    }
    const [X, y] = separable(rng, 200, 3, 1000);
    cases.push({ name: 'large features (~1000), saturated sigmoid', kind: 'large', args: [X, y, 1e-5, 30] });
    return cases;
  },
  reference,
  tolerance: { abs: 1e-7, rel: 1e-7 },
  hints: ['Per epoch: p_i = sigmoid(w.x_i + b) for every row; gw = X^T (p - y) / n, gb = mean(p - y); then step both.'],
  mistakes: [
    {
      id: 'no-mean',
      hint: 'your steps are n times too large: the gradient of the mean loss has a 1/n (average over the rows)',
      detect: ({ args: [X, y, lr, epochs], received, tolerance }) => X.length > 1 && closeTo(reference(X, y, lr * X.length, epochs), received, tolerance),
    },
    {
      id: 'bias-frozen',
      hint: 'b never moves: update the bias with the mean of (p - y) as well',
      detect: ({ expected, received }) => (received as Result).b === 0 && expected.b !== 0,
    },
    {
      id: 'ascent',
      hint: 'you climbed the loss: subtract lr times the gradient (the gradient of the log loss is X^T (p - y) / n)',
      detect: ({ expected, received }) => {
        const w = (received as Result).w;
        return expected.w.reduce((s, v, j) => s + v * w[j], 0) < 0;
      },
    },
  ],
  mutants: [
    { name: 'sum instead of mean', edits: [['w[j] -= lr * gw[j] / n;', 'w[j] -= lr * gw[j];'], ['b -= lr * gb / n;', 'b -= lr * gb;']], mistake: 'no-mean' },
    { name: 'bias not updated', edits: [['    b -= lr * gb / n;\n', '']], mistake: 'bias-frozen' },
    { name: 'gradient ascent', edits: [['w[j] -= lr * gw[j] / n;', 'w[j] += lr * gw[j] / n;'], ['b -= lr * gb / n;', 'b += lr * gb / n;']], mistake: 'ascent' },
    { name: 'stochastic updates inside the row loop', edits: [['      gb += err;\n', '      gb += err;\n      for (let j = 0; j < d; j++) w[j] -= lr * err * X[i][j] / n;\n']] },
  ],
  links: {
    lessons: [{ lesson: '11-classic-algorithms', cell: 'logistic-md' }, { lesson: '12-key-formulas', cell: 'logistic-gradient' }],
    questions: ['algorithms-logistic-regression-vectorised', 'optimization-gradient-descent-update'],
  },
});
