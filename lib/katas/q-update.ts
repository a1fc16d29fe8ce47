// Kata: one tabular Q-learning update, returning a new table (reference: lib/rl/q-learning.ts qUpdate).
import { Rng } from '../core/random';
import { qUpdate as libQUpdate } from '../rl/q-learning';
import { integers, mistakeFrom, normalMatrix, round, toRows } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [Q: number[][], state: number, action: number, reward: number, next: number, done: boolean, alpha: number, gamma: number];

function reference(...[Q, state, action, reward, next, done, alpha, gamma]: Args): number[][] {
  const nActions = Q[0].length;
  const q = Float64Array.from(Q.flat());
  libQUpdate(q, nActions, state, action, reward, next, done, alpha, gamma);
  return toRows(q, Q.length, nActions);
}

function updated(Q: number[][], s: number, a: number, value: number): number[][] {
  const out = Q.map((row) => row.slice());
  out[s][a] = value;
  return out;
}

const examples: KataCase<Args>[] = [
  { name: 'one step into a non-terminal state', kind: 'example', args: [[[0, 0], [1, 3], [0, 0]], 0, 1, 1, 1, false, 0.5, 0.9] },
  { name: 'entering a terminal state', kind: 'example', args: [[[2, 0], [5, 7]], 0, 0, 10, 1, true, 0.1, 0.9] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1601);
  const cases: KataCase<Args>[] = [
    { name: 'alpha = 1 replaces Q(s, a) by the target', kind: 'edge', args: [[[1, 2], [3, -4]], 1, 1, -1, 0, false, 1, 0.5] },
    { name: 'gamma = 0: only the reward counts', kind: 'edge', args: [[[1, 2], [3, 4]], 0, 0, 2, 1, false, 0.5, 0] },
    { name: 'self-loop: next = state', kind: 'edge', args: [[[1, 5], [0, 0]], 0, 0, 1, 0, false, 0.5, 0.9] },
    { name: 'terminal next state whose row is not zero', kind: 'edge', args: [[[0, 1], [9, 8], [4, 4]], 2, 0, 3, 1, true, 0.5, 0.9] },
    { name: 'all next values negative', kind: 'edge', args: [[[-3, -2], [-5, -1]], 0, 1, 0, 1, false, 0.5, 1] },
  ];
  for (let r = 0; r < 6; r++) {
    const nS = 3 + rng.int(4), nA = 2 + rng.int(3);
    const Q = normalMatrix(rng, nS, nA, 2);
    const [s, next] = integers(rng, 2, nS);
    cases.push({ name: `random ${r + 1}`, kind: 'random', args: [Q, s, rng.int(nA), round(rng.normal(0, 1)), next, r % 3 === 2, round(0.05 + 0.9 * rng.random(), 2), round(0.5 + 0.49 * rng.random(), 2)] });
  }
  cases.push({ name: 'rewards near 1e6', kind: 'large', args: [normalMatrix(rng, 3, 2, 1e6), 0, 1, 1e6, 2, false, 0.3, 0.99] });
  return cases;
}

export default defineKata<Args, number[][]>({
  id: 'q-update',
  title: 'One Q-learning update',
  section: 'paradigms',
  difficulty: 'easy',
  statement: `Tabular Q-learning keeps a table $Q[s][a]$ and, after taking action $a$ in state $s$, receiving reward $r$ and
landing in $s'$, moves $Q(s, a)$ towards the temporal-difference target:

$$Q(s, a) \\leftarrow Q(s, a) + \\alpha \\big[\\, r + \\gamma \\max_{a'} Q(s', a') - Q(s, a) \\,\\big]$$

- When \`done\` is true, $s'$ is terminal: the episode ends there and the target is just $r$ (no $\\gamma \\max$ term,
  whatever the row $Q[s']$ holds).
- Return the **new table**; do not modify \`Q\` (the grader checks).
- \`state\` and \`next\` may be the same state.`,
  functionName: 'qUpdate',
  signature: 'qUpdate(Q: number[][], state: number, action: number, reward: number, next: number, done: boolean, alpha: number, gamma: number): number[][]',
  starter: `export function qUpdate(Q: number[][], state: number, action: number, reward: number, next: number, done: boolean, alpha: number, gamma: number): number[][] {
  throw new Error('not implemented');
}
`,
  solution: `export function qUpdate(Q: number[][], state: number, action: number, reward: number, next: number, done: boolean, alpha: number, gamma: number): number[][] {
  const out = Q.map((row) => row.slice());
  const future = done ? 0 : Math.max(...Q[next]);
  const target = reward + gamma * future;
  out[state][action] = Q[state][action] + alpha * (target - Q[state][action]);
  return out;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-9, rel: 1e-9 },
  hints: [
    'Copy the table (rows included), then change only Q[state][action]: target = reward + gamma * (done ? 0 : max of Q[next]).',
  ],
  mistakes: [
    mistakeFrom<Args, number[][]>('bootstrap-terminal', 'When done is true the next state is terminal: the target is r alone, without gamma * max Q(s\', .).',
      (Q, s, a, r, next, _done, alpha, gamma) => updated(Q, s, a, Q[s][a] + alpha * (r + gamma * Math.max(...Q[next]) - Q[s][a]))),
    mistakeFrom<Args, number[][]>('sarsa-target', 'Q-learning bootstraps from the best next action, max over a\' of Q(s\', a\'), not from Q(s\', a) with the same action.',
      (Q, s, a, r, next, done, alpha, gamma) => updated(Q, s, a, Q[s][a] + alpha * (r + (done ? 0 : gamma * Q[next][a]) - Q[s][a]))),
    mistakeFrom<Args, number[][]>('no-learning-rate', 'Move Q(s, a) only a fraction alpha of the way to the target: Q + alpha (target - Q), not the target itself.',
      (Q, s, a, r, next, done, _alpha, gamma) => updated(Q, s, a, r + (done ? 0 : gamma * Math.max(...Q[next])))),
  ],
  mutants: [
    { name: 'ignores done', edits: [['const future = done ? 0 : Math.max(...Q[next]);', 'const future = Math.max(...Q[next]);']], mistake: 'bootstrap-terminal' },
    { name: 'SARSA-style target', edits: [['Math.max(...Q[next])', 'Q[next][action]']], mistake: 'sarsa-target' },
    { name: 'no alpha', edits: [['Q[state][action] + alpha * (target - Q[state][action])', 'target']], mistake: 'no-learning-rate' },
  ],
  links: {
    lessons: [{ lesson: '01-learning-paradigms', cell: 'rl-intro' }, { lesson: '12-key-formulas', cell: 'q-learning' }],
    questions: ['paradigms-q-learning-update', 'paradigms-on-vs-off-policy', 'algorithms-q-learning-impl'],
  },
});
