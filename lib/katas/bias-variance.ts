// Kata: bias^2 and variance from the predictions of models refitted on many training sets (reference: lib/model-selection/bias-variance.ts).
import { Rng } from '../core/random';
import { biasVarianceDecomposition } from '../model-selection/bias-variance';
import { mistakeFrom, normals, round } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [predictions: number[][], fTrue: number[]];
type Result = { bias2: number; variance: number };

function reference(...[predictions, fTrue]: Args): Result {
  // Each "round" replays one row of the given predictions: the lib does the bookkeeping of the decomposition.
  let round = 0;
  const m = fTrue.length;
  const r = biasVarianceDecomposition({
    sample: (_rng, k) => { round = k; return { x: new Float64Array(1), y: [0] }; },
    fitPredict: () => predictions[round],
    xTest: new Float64Array(m),
    fTest: fTrue,
  }, { rounds: predictions.length, noiseStd: 0, seed: 0 });
  return { bias2: r.bias2, variance: r.variance };
}

function stats(predictions: number[][], fTrue: number[]) {
  const R = predictions.length, m = fTrue.length;
  const mean = fTrue.map((_, i) => predictions.reduce((s, row) => s + row[i], 0) / R);
  const sq = (i: number, c: number) => predictions.reduce((s, row) => s + (row[i] - c) ** 2, 0);
  return { R, m, mean, sq };
}

const avg = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

const examples: KataCase<Args>[] = [
  { name: 'three fits, two test points', kind: 'example', args: [[[1, 2], [2, 2], [3, 5]], [1, 4]] },
  { name: 'an unbiased but noisy model', kind: 'example', args: [[[0, 1], [2, -1]], [1, 0]] },
];

function noisyFits(rng: Rng, R: number, f: number[], bias: number, spread: number): number[][] {
  return Array.from({ length: R }, () => f.map((v) => round(v + bias + rng.normal(0, spread), 3)));
}

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1604);
  const cases: KataCase<Args>[] = [
    { name: 'identical fits: variance 0', kind: 'edge', args: [[[1, 2, 3], [1, 2, 3]], [0, 2, 5]] },
    { name: 'two fits, one test point', kind: 'edge', args: [[[3], [5]], [4]] },
    { name: 'bias of opposite signs at two points', kind: 'edge', args: [[[2, -2], [2, -2], [2, -2]], [0, 0]] },
  ];
  for (let r = 0; r < 5; r++) {
    const m = 3 + rng.int(8);
    const f = normals(rng, m, 2);
    cases.push({ name: `random fits ${r + 1}`, kind: 'random', args: [noisyFits(rng, 5 + rng.int(30), f, round(rng.normal(0, 1), 2), 0.2 + rng.random()), f] });
  }
  const f = normals(rng, 6, 1e4, 1e6);
  cases.push({ name: 'targets near 1e6', kind: 'large', args: [noisyFits(rng, 40, f, 500, 1000), f] });
  return cases;
}

export default defineKata<Args, Result>({
  id: 'bias-variance',
  title: 'Bias-variance decomposition',
  section: 'bias-variance',
  difficulty: 'medium',
  statement: `A model was refitted on $R$ independent training sets and asked to predict at the same $m$ test inputs:
\`predictions[r][i]\` is fit $r$'s prediction at test point $i$, and \`fTrue[i]\` is the noise-free target $f(x_i)$.
With $\\bar f(x_i) = \\frac1R \\sum_r \\hat f_r(x_i)$ the average prediction, return

$$\\text{bias}^2 = \\frac1m \\sum_i \\big(\\bar f(x_i) - f(x_i)\\big)^2, \\qquad
\\text{variance} = \\frac1m \\sum_i \\frac1R \\sum_r \\big(\\hat f_r(x_i) - \\bar f(x_i)\\big)^2 .$$

The variance divides by $R$ (the population variance over the fits, so that bias² + variance equals the mean squared
error against $f$ exactly). $R \\ge 2$, $m \\ge 1$.`,
  functionName: 'biasVariance',
  signature: 'biasVariance(predictions: number[][], fTrue: number[]): { bias2: number; variance: number }',
  starter: `export function biasVariance(predictions: number[][], fTrue: number[]): { bias2: number; variance: number } {
  throw new Error('not implemented');
}
`,
  solution: `export function biasVariance(predictions: number[][], fTrue: number[]): { bias2: number; variance: number } {
  const R = predictions.length, m = fTrue.length;
  let bias2 = 0, variance = 0;
  for (let i = 0; i < m; i++) {
    let mean = 0;
    for (let r = 0; r < R; r++) mean += predictions[r][i];
    mean /= R;
    bias2 += (mean - fTrue[i]) ** 2;
    let spread = 0;
    for (let r = 0; r < R; r++) spread += (predictions[r][i] - mean) ** 2;
    variance += spread / R;
  }
  return { bias2: bias2 / m, variance: variance / m };
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-9, rel: 1e-9 },
  hints: ['Per test point: average the R predictions, square its distance to f, and take the mean squared spread of the R predictions around that average; then average both over the points.'],
  mistakes: [
    mistakeFrom<Args, Result>('sample-variance', 'The variance here divides by R (population variance over the fits), not R - 1: that keeps bias² + variance = MSE exactly.',
      (p, f) => { const s = stats(p, f); return { bias2: avg(f.map((v, i) => (s.mean[i] - v) ** 2)), variance: avg(f.map((_, i) => s.sq(i, s.mean[i]) / (s.R - 1))) }; }),
    mistakeFrom<Args, Result>('square-of-mean-bias', 'Square the bias at each test point before averaging: positive and negative biases must not cancel.',
      (p, f) => { const s = stats(p, f); return { bias2: avg(f.map((v, i) => s.mean[i] - v)) ** 2, variance: avg(f.map((_, i) => s.sq(i, s.mean[i]) / s.R)) }; }),
    mistakeFrom<Args, Result>('spread-around-truth', 'The variance measures the spread around the average prediction f̄(x), not around the true f(x) (that is the total error).',
      (p, f) => { const s = stats(p, f); return { bias2: avg(f.map((v, i) => (s.mean[i] - v) ** 2)), variance: avg(f.map((v, i) => s.sq(i, v) / s.R)) }; }),
  ],
  mutants: [
    { name: 'divides by R - 1', edits: [['variance += spread / R;', 'variance += spread / (R - 1);']], mistake: 'sample-variance' },
    { name: 'squares the mean bias', edits: [['bias2 += (mean - fTrue[i]) ** 2;', 'bias2 += mean - fTrue[i];'], ['return { bias2: bias2 / m,', 'return { bias2: (bias2 / m) ** 2,']], mistake: 'square-of-mean-bias' },
    { name: 'spread around the truth', edits: [['spread += (predictions[r][i] - mean) ** 2;', 'spread += (predictions[r][i] - fTrue[i]) ** 2;']], mistake: 'spread-around-truth' },
  ],
  links: {
    lessons: [{ lesson: '02-bias-variance', cell: 'decomp-md' }, { lesson: '12-key-formulas', cell: 'bias-variance-decomposition' }],
    questions: ['bias-variance-decomposition', 'bias-variance-definitions', 'bias-variance-irreducible-error'],
  },
});
