// Kata: value iteration on a small deterministic MDP given as tables (reference: lib/rl/value-iteration.ts valueIteration).
import { Rng } from '../core/random';
import { valueIteration as libValueIteration } from '../rl/value-iteration';
import type { TabularEnvironment } from '../rl/tabular';
import { mistakeFrom, round } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [next: number[][], reward: number[][], terminal: boolean[], gamma: number];

function environment(next: number[][], reward: number[][], terminal: boolean[]): TabularEnvironment {
  const start = Math.max(0, terminal.indexOf(false));
  return {
    nStates: next.length,
    nActions: next[0].length,
    start,
    isTerminal: (s) => terminal[s],
    step: (s, a) => ({ next: next[s][a], reward: reward[s][a], done: terminal[next[s][a]] }),
  };
}

function reference(...[next, reward, terminal, gamma]: Args): number[] {
  const r = libValueIteration(environment(next, reward, terminal), { gamma, tolerance: 1e-12, maxIterations: 100_000 });
  return Array.from(r.values);
}

/** Jacobi sweeps with a chosen backup, for the mistake detectors. */
function sweeps(next: number[][], reward: number[][], terminal: boolean[], gamma: number, backup: 'max' | 'mean', skipTerminal: boolean, maxSweeps: number): number[] {
  let V = next.map(() => 0);
  for (let it = 0; it < maxSweeps; it++) {
    const W = V.map((v, s) => {
      if (skipTerminal && terminal[s]) return 0;
      const qs = next[s].map((n, a) => reward[s][a] + gamma * V[n]);
      return backup === 'max' ? Math.max(...qs) : qs.reduce((x, y) => x + y, 0) / qs.length;
    });
    const delta = Math.max(...W.map((w, s) => Math.abs(w - V[s])));
    V = W;
    if (!(delta > 1e-12)) break;
  }
  return V;
}

// A corridor 0 - 1 - 2 - 3 with state 3 terminal: action 0 goes left, action 1 goes right; reaching 3 pays 10.
const corridor: Args = [
  [[0, 1], [0, 2], [1, 3], [3, 3]],
  [[-1, -1], [-1, -1], [-1, 10], [0, 0]],
  [false, false, false, true],
  0.9,
];

const examples: KataCase<Args>[] = [
  { name: 'corridor with a goal', kind: 'example', args: corridor },
  { name: 'two states, one loop', kind: 'example', args: [[[0, 1], [1, 1]], [[1, 5], [0, 0]], [false, true], 0.5] },
];

function randomMdp(rng: Rng, nS: number, nA: number, scale: number, terminals: number): Args {
  const next = Array.from({ length: nS }, () => Array.from({ length: nA }, () => rng.int(nS)));
  const reward = Array.from({ length: nS }, () => Array.from({ length: nA }, () => round(rng.normal(0, scale), 2)));
  const terminal = Array.from({ length: nS }, (_, s) => s >= nS - terminals);
  return [next, reward, terminal, round(0.5 + 0.45 * rng.random(), 2)];
}

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1602);
  const cases: KataCase<Args>[] = [
    { name: 'gamma = 0: the best immediate reward', kind: 'edge', args: [corridor[0], corridor[1], corridor[2], 0] },
    { name: 'terminal state with rewarding self-loops (never updated)', kind: 'edge', args: [[[1, 0], [1, 1]], [[2, 1], [100, 100]], [false, true], 0.9] },
    { name: 'no terminal state, gamma 0.95', kind: 'edge', args: [[[1, 0], [2, 0], [0, 2]], [[1, 0], [0, 2], [3, -1]], [false, false, false], 0.95] },
    { name: 'one action per state', kind: 'edge', args: [[[1], [2], [2]], [[1], [2], [0]], [false, false, true], 0.9] },
  ];
  for (let r = 0; r < 5; r++) cases.push({ name: `random MDP ${r + 1}`, kind: 'random', args: randomMdp(rng, 4 + rng.int(6), 2 + rng.int(3), 2, r % 2) });
  cases.push({ name: 'rewards near 1e5', kind: 'large', args: randomMdp(rng, 6, 3, 1e5, 1) });
  return cases;
}

export default defineKata<Args, number[]>({
  id: 'value-iteration',
  title: 'Value iteration',
  section: 'paradigms',
  difficulty: 'medium',
  statement: `A deterministic MDP with states $0..S-1$ and actions $0..A-1$ is given as tables: action $a$ in state $s$ moves to
\`next[s][a]\` and pays \`reward[s][a]\`. States with \`terminal[s] = true\` end the episode: their value is $0$ and
they are never updated (their rows in the tables are to be ignored). Compute the optimal values $V^*$ by repeating the
Bellman optimality backup over all non-terminal states

$$V(s) \\leftarrow \\max_a \\big[\\, r(s, a) + \\gamma \\, V(s') \\,\\big], \\qquad s' = \\texttt{next}[s][a]$$

from $V = 0$ until no value changes by more than $10^{-12}$ in a sweep (at most 100000 sweeps; in-place or two-array
sweeps both converge to the same $V^*$). $0 \\le \\gamma < 1$. Return $V^*$ (length $S$, 0 for terminal states);
values are compared to $10^{-7}$ relative.`,
  functionName: 'valueIteration',
  signature: 'valueIteration(next: number[][], reward: number[][], terminal: boolean[], gamma: number): number[]',
  starter: `export function valueIteration(next: number[][], reward: number[][], terminal: boolean[], gamma: number): number[] {
  throw new Error('not implemented');
}
`,
  solution: `export function valueIteration(next: number[][], reward: number[][], terminal: boolean[], gamma: number): number[] {
  const V = next.map(() => 0);
  for (let sweep = 0; sweep < 100000; sweep++) {
    let delta = 0;
    for (let s = 0; s < V.length; s++) {
      if (terminal[s]) continue;
      let best = -Infinity;
      for (let a = 0; a < next[s].length; a++) {
        const value = reward[s][a] + gamma * V[next[s][a]];
        if (value > best) best = value;
      }
      delta = Math.max(delta, Math.abs(best - V[s]));
      V[s] = best;
    }
    if (delta <= 1e-12) break;
  }
  return V;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-9, rel: 1e-7 },
  hints: [
    'Sweep every non-terminal state, set V[s] to the best r + gamma V[next] over its actions, and stop when the largest change in a sweep is <= 1e-12.',
  ],
  mistakes: [
    mistakeFrom<Args, number[]>('mean-backup', 'The optimality backup takes the max over actions; averaging them evaluates the uniformly random policy instead.',
      (next, reward, terminal, gamma) => sweeps(next, reward, terminal, gamma, 'mean', true, 100_000)),
    mistakeFrom<Args, number[]>('one-sweep', 'One sweep is one backup: repeat the sweeps until no value moves by more than 1e-12.',
      (next, reward, terminal, gamma) => sweeps(next, reward, terminal, gamma, 'max', true, 1)),
    mistakeFrom<Args, number[]>('updates-terminal', 'Terminal states keep V = 0: skip them in the sweep, whatever their rows in next/reward say.',
      (next, reward, terminal, gamma) => sweeps(next, reward, terminal, gamma, 'max', false, 100_000)),
  ],
  mutants: [
    { name: 'mean over actions', edits: [['let best = -Infinity;', 'let best = 0;'], ['if (value > best) best = value;', 'best += value / next[s].length;']], mistake: 'mean-backup' },
    { name: 'a single sweep', edits: [['sweep < 100000', 'sweep < 1']] },
    { name: 'terminal states updated', edits: [['if (terminal[s]) continue;', '']], mistake: 'updates-terminal' },
  ],
  links: {
    lessons: [{ lesson: '01-learning-paradigms', cell: 'rl-intro' }, { lesson: '12-key-formulas', cell: 'bellman-equation' }],
    questions: ['paradigms-bellman-equation', 'paradigms-mdp', 'paradigms-model-based-vs-model-free'],
  },
});
