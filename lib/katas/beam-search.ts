// Kata: beam search over a bigram next-token model (reference: lib/lm/beam-search.ts).
import { rngFrom } from '../core/random';
import { beamSearch as libBeamSearch } from '../lm/beam-search';
import { defineKata, type KataCase } from './types';

type Args = [logProbs: number[][], start: number, beamWidth: number, steps: number];
type Result = { tokens: number[]; logProb: number };

function reference(...[logProbs, start, beamWidth, steps]: Args): Result {
  const best = libBeamSearch((prefix) => logProbs[prefix[prefix.length - 1]], [start], { beamWidth, maxNewTokens: steps })[0];
  return { tokens: best.tokens, logProb: best.logProb };
}

function greedy(logProbs: number[][], start: number, steps: number): Result {
  const tokens: number[] = [];
  let last = start, lp = 0;
  for (let s = 0; s < steps; s++) {
    const row = logProbs[last];
    let b = 0;
    for (let t = 1; t < row.length; t++) if (row[t] > row[b]) b = t;
    tokens.push(b); lp += row[b]; last = b;
  }
  return { tokens, logProb: lp };
}

function randomModel(rng: ReturnType<typeof rngFrom>, V: number, sharp: number): number[][] {
  return Array.from({ length: V }, () => {
    const w = Array.from({ length: V }, () => Math.exp(sharp * rng.normal()));
    const s = w.reduce((a, b) => a + b, 0);
    return w.map((v) => Math.log(v / s));
  });
}

const sameTokens = (a: unknown, b: number[]) => typeof a === 'object' && a !== null && Array.isArray((a as Result).tokens) && (a as Result).tokens.length === b.length && (a as Result).tokens.every((t, i) => t === b[i]);

// The textbook trap: from token 0, greedy takes 1 (0.5) then is unsure; 2 (0.4) leads to a sure 0.9.
const trap = [
  [Math.log(0.1), Math.log(0.5), Math.log(0.4)],
  [Math.log(0.4), Math.log(0.3), Math.log(0.3)],
  [Math.log(0.9), Math.log(0.05), Math.log(0.05)],
];

export default defineKata<Args, Result>({
  id: 'beam-search',
  title: 'Beam search',
  section: 'language-models',
  difficulty: 'hard',
  statement: `Write \`beamSearch(logProbs, start, beamWidth, steps)\` for a **bigram** language model: the log-probability of
the next token $b$ after token $a$ is \`logProbs[a][b]\` (each row is a log-distribution over the $V$ tokens).
Starting from the sequence \`[start]\`, generate exactly \`steps\` tokens with beam search of width $B$ = \`beamWidth\`:

1. The beam starts with one empty hypothesis of log-probability 0.
2. At each step, extend **every** hypothesis in the beam by **every** token $b$ (score: the hypothesis' log-probability
   plus \`logProbs[last][b]\`, where \`last\` is its last token, or \`start\` if it is empty).
3. Keep the $B$ highest-scoring candidates as the new beam. **Ties** keep the earlier candidate, candidates being ordered
   by the position of their parent in the beam, then by token id.

Return the best final hypothesis as \`{ tokens, logProb }\` (\`tokens\` excludes \`start\`; on a tie the earlier one in the
beam). $B = 1$ is greedy decoding. Tolerance on \`logProb\`: $10^{-9}$ absolute and relative; tokens must match exactly.`,
  functionName: 'beamSearch',
  signature: 'beamSearch(logProbs: number[][], start: number, beamWidth: number, steps: number): { tokens: number[]; logProb: number }',
  starter: `export function beamSearch(logProbs: number[][], start: number, beamWidth: number, steps: number): { tokens: number[]; logProb: number } {
  throw new Error('not implemented');
}
`,
  solution: `export function beamSearch(logProbs: number[][], start: number, beamWidth: number, steps: number): { tokens: number[]; logProb: number } {
  let beam: { tokens: number[]; logProb: number }[] = [{ tokens: [], logProb: 0 }];
  for (let s = 0; s < steps; s++) {
    const candidates: { tokens: number[]; logProb: number; order: number }[] = [];
    beam.forEach((h, hi) => {
      const last = h.tokens.length ? h.tokens[h.tokens.length - 1] : start;
      const row = logProbs[last];
      for (let b = 0; b < row.length; b++) candidates.push({ tokens: [...h.tokens, b], logProb: h.logProb + row[b], order: hi * row.length + b });
    });
    candidates.sort((a, b) => b.logProb - a.logProb || a.order - b.order);
    beam = candidates.slice(0, beamWidth).map(({ tokens, logProb }) => ({ tokens, logProb }));
  }
  return beam[0];
}
`,
  examples: [
    { name: 'the greedy trap, B = 2', kind: 'example', args: [trap, 0, 2, 2] },
    { name: 'the greedy trap, B = 1 (greedy)', kind: 'example', args: [trap, 0, 1, 2] },
  ],
  hiddenCases() {
    const rng = rngFrom(1516);
    const uniform = [[Math.log(0.5), Math.log(0.5)], [Math.log(0.5), Math.log(0.5)]];
    const cases: KataCase<Args>[] = [
      { name: 'one step: the most probable first token', kind: 'edge', args: [trap, 0, 3, 1] },
      { name: 'all ties: lower token ids win', kind: 'edge', args: [uniform, 1, 2, 3] },
      { name: 'beam wider than the candidates', kind: 'edge', args: [trap, 1, 50, 2] },
      { name: 'the trap over 3 steps, B = 2', kind: 'edge', args: [trap, 0, 2, 3] },
    ];
    for (let t = 0; t < 6; t++) {
      const V = 2 + rng.int(5);
      cases.push({ name: `random ${t + 1} (V = ${V})`, kind: 'random', args: [randomModel(rng, V, 1.5), rng.int(V), 1 + rng.int(4), 2 + rng.int(4)] });
    }
    cases.push({ name: 'V = 40, B = 8, 12 steps', kind: 'large', args: [randomModel(rng, 40, 2), 3, 8, 12] });
    return cases;
  },
  reference,
  tolerance: { abs: 1e-9, rel: 1e-9 },
  hints: ['Keep a list of {tokens, logProb}; each step build all B x V extensions, sort by logProb (descending, stable for ties), keep the first B.'],
  mistakes: [
    {
      id: 'greedy',
      hint: 'Keep B hypotheses, not just the best one: the best sequence can start with a token that is not the best first token.',
      detect: ({ args: [lp, start, , steps], received }) => sameTokens(received, greedy(lp, start, steps).tokens),
    },
    {
      id: 'probability-product',
      hint: 'Add log-probabilities (and compare sums); the score is a log-probability, not a probability.',
      detect: ({ expected, received }) => sameTokens(received, expected.tokens) && typeof (received as Result).logProb === 'number' && Math.abs((received as Result).logProb - Math.exp(expected.logProb)) < 1e-9,
    },
  ],
  mutants: [
    { name: 'keeps one hypothesis', edits: [['candidates.slice(0, beamWidth)', 'candidates.slice(0, 1)']], mistake: 'greedy' },
    { name: 'ascending sort', edits: [['b.logProb - a.logProb || a.order - b.order', 'a.logProb - b.logProb || a.order - b.order']] },
    { name: 'extends from start every time', edits: [['const last = h.tokens.length ? h.tokens[h.tokens.length - 1] : start;', 'const last = start;']] },
  ],
  links: {
    lessons: [{ lesson: '15-decoding-and-inference', cell: 'beam-md' }],
    questions: ['language-models-beam-search', 'language-models-greedy-vs-sampling'],
  },
});
