// Kata: run the UCB1 bandit agent on fixed reward sequences and return the arms it pulls (reference: lib/rl/bandit.ts UCB1Agent).
import { Rng } from '../core/random';
import { UCB1Agent } from '../rl/bandit';
import { mistakeFrom, round } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [rewards: number[][], steps: number, c: number];

function reference(...[rewards, steps, c]: Args): number[] {
  // The seed only breaks exact ties, which the graded cases never produce.
  const agent = new UCB1Agent(rewards.length, { c, seed: 1 });
  const pulls: number[] = [];
  for (let t = 0; t < steps; t++) {
    const arm = agent.selectArm();
    agent.update(arm, rewards[arm][agent.counts[arm]]);
    pulls.push(arm);
  }
  return pulls;
}

type Variant = { logOf: 'pulls' | 'step'; bonus: boolean; lastReward: boolean };

function variant(rewards: number[][], steps: number, c: number, v: Variant): number[] {
  const k = rewards.length;
  const counts = new Array<number>(k).fill(0), values = new Array<number>(k).fill(0);
  const pulls: number[] = [];
  for (let t = 0; t < steps; t++) {
    let arm = counts.indexOf(0);
    if (arm < 0) {
      const total = v.logOf === 'pulls' ? t : t + 1;
      let best = -Infinity;
      for (let a = 0; a < k; a++) {
        const score = values[a] + (v.bonus ? c * Math.sqrt(Math.log(total) / counts[a]) : 0);
        if (score > best) { best = score; arm = a; }
      }
    }
    const r = rewards[arm][counts[arm]];
    counts[arm]++;
    values[arm] = v.lastReward ? r : values[arm] + (r - values[arm]) / counts[arm];
    pulls.push(arm);
  }
  return pulls;
}

function rewardTable(rng: Rng, means: number[], steps: number, std: number): number[][] {
  return means.map((m) => Array.from({ length: steps }, () => round(rng.normal(m, std), 4)));
}

const examples: KataCase<Args>[] = [
  { name: 'two arms, six pulls', kind: 'example', args: [[[0.2, 0.4, 0.3, 0.5, 0.1, 0.6], [0.9, 0.7, 0.8, 0.75, 0.85, 0.95]], 6, 1] },
  { name: 'three arms, c = 2', kind: 'example', args: [[[1, 0.5, 0.25, 1, 1, 1, 1, 1], [0.6, 0.7, 0.65, 0.6, 0.6, 0.6, 0.6, 0.6], [0.1, 0.3, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1]], 8, 2] },
];

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1603);
  const cases: KataCase<Args>[] = [
    { name: 'fewer steps than arms: initial round only', kind: 'edge', args: [rewardTable(rng, [0.1, 0.9, 0.5, 0.3], 3, 0.1), 3, 1.4] },
    { name: 'one arm', kind: 'edge', args: [rewardTable(rng, [0.5], 5, 0.2), 5, 1] },
    { name: 'c = 0: greedy after the initial round', kind: 'edge', args: [rewardTable(rng, [0.3, 0.6, 0.5], 12, 0.3), 12, 0] },
  ];
  for (let r = 0; r < 5; r++) {
    const k = 2 + rng.int(5);
    const steps = 20 + rng.int(60);
    const means = Array.from({ length: k }, () => round(rng.random(), 2));
    cases.push({ name: `random bandit ${r + 1}`, kind: 'random', args: [rewardTable(rng, means, steps, 0.5), steps, round(0.5 + 1.5 * rng.random(), 2)] });
  }
  cases.push({ name: 'rewards near 1000 with c = 1000', kind: 'large', args: [rewardTable(rng, [1000, 1500, 1200], 40, 500), 40, 1000] });
  return cases;
}

export default defineKata<Args, number[]>({
  id: 'ucb1',
  title: 'UCB1 bandit',
  section: 'paradigms',
  difficulty: 'medium',
  statement: `A $k$-armed bandit: \`rewards[a][n]\` is the reward the $n$-th pull of arm $a$ pays (counting from 0), so the
run is deterministic. Play \`steps\` rounds with UCB1 and return the arm pulled at each round.

- First pull every arm once, in order $0, 1, \\ldots, k-1$ (stop early if \`steps\` $< k$).
- Afterwards pull the arm with the largest upper confidence bound
  $$Q_a + c \\sqrt{\\frac{\\ln t}{N_a}}$$
  where $Q_a$ is the mean of arm $a$'s rewards so far, $N_a$ its number of pulls, and $t = \\sum_a N_a$ the number of
  pulls made **before** this round.
- The graded cases never produce an exact tie.`,
  functionName: 'ucb1Pulls',
  signature: 'ucb1Pulls(rewards: number[][], steps: number, c: number): number[]',
  starter: `export function ucb1Pulls(rewards: number[][], steps: number, c: number): number[] {
  throw new Error('not implemented');
}
`,
  solution: `export function ucb1Pulls(rewards: number[][], steps: number, c: number): number[] {
  const k = rewards.length;
  const counts = new Array<number>(k).fill(0);
  const means = new Array<number>(k).fill(0);
  const pulls: number[] = [];
  for (let round = 0; round < steps; round++) {
    let arm = counts.indexOf(0);
    if (arm < 0) {
      const t = round;
      let best = -Infinity;
      for (let a = 0; a < k; a++) {
        const ucb = means[a] + c * Math.sqrt(Math.log(t) / counts[a]);
        if (ucb > best) { best = ucb; arm = a; }
      }
    }
    const r = rewards[arm][counts[arm]];
    counts[arm]++;
    means[arm] += (r - means[arm]) / counts[arm];
    pulls.push(arm);
  }
  return pulls;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 0, rel: 0 },
  hints: [
    'Keep a count and a running mean per arm (mean += (r - mean) / n); t in ln t is the number of pulls made so far, not counting this round.',
  ],
  mistakes: [
    mistakeFrom<Args, number[]>('log-of-round', 't in the bonus is the number of pulls already made (the sum of the counts), not the 1-based number of the current round.',
      (rewards, steps, c) => variant(rewards, steps, c, { logOf: 'step', bonus: true, lastReward: false })),
    mistakeFrom<Args, number[]>('no-bonus', 'Without the bonus c sqrt(ln t / N_a) the agent is greedy and can lock onto a bad arm after one unlucky pull.',
      (rewards, steps, c) => variant(rewards, steps, c, { logOf: 'pulls', bonus: false, lastReward: false })),
    mistakeFrom<Args, number[]>('last-reward', 'Q_a is the mean of all of arm a\'s rewards so far, not its last reward.',
      (rewards, steps, c) => variant(rewards, steps, c, { logOf: 'pulls', bonus: true, lastReward: true })),
  ],
  mutants: [
    { name: 't counts the current round', edits: [['const t = round;', 'const t = round + 1;']], mistake: 'log-of-round' },
    { name: 'greedy (no bonus)', edits: [['means[a] + c * Math.sqrt(Math.log(t) / counts[a])', 'means[a]']], mistake: 'no-bonus' },
    { name: 'last reward instead of the mean', edits: [['means[arm] += (r - means[arm]) / counts[arm];', 'means[arm] = r;']], mistake: 'last-reward' },
  ],
  links: {
    lessons: [{ lesson: '01-learning-paradigms', cell: 'bandit-md' }],
    questions: ['paradigms-exploration-exploitation', 'paradigms-bandit-vs-full-rl'],
  },
});
