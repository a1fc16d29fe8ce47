// Kata: exact Shapley values from a table of coalition values (reference: lib/interpret/shapley.ts exactShapley).
import { rngFrom } from '../core/random';
import { exactShapley } from '../interpret/shapley';
import { mistakeFrom } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [values: number[], d: number];

function reference(...[values, d]: Args): number[] {
  return Array.from(exactShapley((mask) => values[mask], d).phi);
}

/** Shapley-like values with a chosen weight for a coalition of size s (wrong weights give the mistakes). */
function weighted(values: number[], d: number, weight: (s: number) => number, sign = 1): number[] {
  const phi = new Array<number>(d).fill(0);
  for (let mask = 0; mask < 1 << d; mask++) {
    let s = 0;
    for (let j = 0; j < d; j++) if (mask & (1 << j)) s++;
    for (let i = 0; i < d; i++) {
      if (mask & (1 << i)) continue;
      phi[i] += sign * weight(s) * (values[mask | (1 << i)] - values[mask]);
    }
  }
  return phi;
}

function factorial(n: number): number {
  let f = 1;
  for (let k = 2; k <= n; k++) f *= k;
  return f;
}

function randomGame(seed: number, d: number, scale: number): number[] {
  const rng = rngFrom(seed);
  return Array.from({ length: 1 << d }, (_, mask) => (mask === 0 ? 0 : scale * rng.normal()));
}

const examples: KataCase<Args>[] = [
  { name: 'two players, v = (a1 + a2)² with a = (2, 5)', kind: 'example', args: [[0, 4, 25, 49], 2] },
  { name: 'three-player majority game', kind: 'example', args: [[0, 0, 0, 1, 0, 1, 1, 1], 3] },
];

function hiddenCases(): KataCase<Args>[] {
  return [
    { name: 'one player takes everything', kind: 'edge', args: [[1.5, 4], 1] },
    { name: 'v(empty) not zero, additive game', kind: 'edge', args: [[10, 11, 12, 13, 14, 15, 16, 17], 3] },
    { name: 'a dummy player (player 1 never changes v)', kind: 'edge', args: [[0, 3, 0, 3, 5, 9, 5, 9], 3] },
    { name: 'random 4-player game', kind: 'random', args: [randomGame(71, 4, 1), 4] },
    { name: 'random 6-player game', kind: 'random', args: [randomGame(72, 6, 1), 6] },
    { name: 'random 8-player game', kind: 'random', args: [randomGame(73, 8, 3), 8] },
    { name: '14 players, values around 1e6', kind: 'large', args: [randomGame(74, 14, 1e6), 14] },
  ];
}

export default defineKata<Args, number[]>({
  id: 'shapley-exact',
  title: 'Exact Shapley values',
  section: 'data-and-features',
  difficulty: 'medium',
  statement: `A cooperative game with $d$ players (in SHAP: features) is given as a table: \`values[mask]\` is $v(S)$ for the
coalition $S$ whose members are the set bits of \`mask\` (player $i$ is bit $i$, so \`values\` has $2^d$ entries and
\`values[0]\` is $v(\\emptyset)$, which need not be 0). Return the Shapley value of every player:

$$\\phi_i = \\sum_{S \\subseteq N \\setminus \\{i\\}} \\frac{|S|!\\,(d - |S| - 1)!}{d!}\\,\\big(v(S \\cup \\{i\\}) - v(S)\\big)$$

the marginal contribution of $i$ averaged over all $d!$ orders in which the players could join. The values satisfy
efficiency: $\\sum_i \\phi_i = v(N) - v(\\emptyset)$. $1 \\le d \\le 14$; compared with tolerance 1e-9 absolute plus
1e-9 relative.

Example: two players with $v = (0, 4, 25, 49)$ (that is $(a_1 + a_2)^2$ for $a = (2, 5)$) give $\\phi = (14, 35)$.`,
  functionName: 'shapleyValues',
  signature: 'shapleyValues(values: number[], d: number): number[]',
  starter: `export function shapleyValues(values: number[], d: number): number[] {
  throw new Error('not implemented');
}
`,
  solution: `export function shapleyValues(values: number[], d: number): number[] {
  const fact = [1];
  for (let k = 1; k <= d; k++) fact[k] = fact[k - 1] * k;
  const phi = new Array(d).fill(0);
  for (let mask = 0; mask < 1 << d; mask++) {
    let size = 0;
    for (let j = 0; j < d; j++) if (mask & (1 << j)) size++;
    const w = (fact[size] * fact[d - size - 1]) / fact[d];
    for (let i = 0; i < d; i++) {
      if (mask & (1 << i)) continue;
      phi[i] += w * (values[mask | (1 << i)] - values[mask]);
    }
  }
  return phi;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-9, rel: 1e-9 },
  hints: [
    'Loop over every mask; for each player i not in it, add |S|!(d − |S| − 1)!/d! times v(mask with bit i) − v(mask). Check efficiency: the values must add up to v(all) − v(empty).',
  ],
  mistakes: [
    mistakeFrom<Args, number[]>('banzhaf', 'Every coalition size gets the same total weight 1/d, not every coalition 1/2^(d−1): that uniform average is the Banzhaf value, and it breaks efficiency.',
      (values, d) => weighted(values, d, () => 1 / 2 ** (d - 1))),
    mistakeFrom<Args, number[]>('weight-off-by-one', 'The weight is |S|!(d − |S| − 1)!/d! with |S| counting the players before i (not including i); with (d − |S|)! the values no longer add up to v(all) − v(empty).',
      (values, d) => weighted(values, d, (s) => (factorial(s) * factorial(d - s)) / factorial(d))),
    mistakeFrom<Args, number[]>('sign', 'The marginal contribution is v(S ∪ {i}) − v(S): what adding i brings, not what removing it costs.',
      (values, d) => weighted(values, d, (s) => (factorial(s) * factorial(d - s - 1)) / factorial(d), -1)),
  ],
  mutants: [
    { name: 'uniform weights (Banzhaf)', edits: [['const w = (fact[size] * fact[d - size - 1]) / fact[d];', 'const w = 1 / 2 ** (d - 1);']], mistake: 'banzhaf' },
    { name: '(d - |S|)! in the weight', edits: [['fact[d - size - 1]', 'fact[d - size]']], mistake: 'weight-off-by-one' },
    { name: 'flipped marginal contribution', edits: [['(values[mask | (1 << i)] - values[mask])', '(values[mask] - values[mask | (1 << i)])']], mistake: 'sign' },
  ],
  links: {
    lessons: [{ lesson: '22-interpretability', cell: 'shap-md' }, { lesson: '12-key-formulas', cell: 'shapley-value' }],
    questions: ['data-and-features-shapley-values', 'data-and-features-shap-efficiency-check'],
  },
});
