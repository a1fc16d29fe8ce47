// Kata: one byte-pair-encoding merge step: the most frequent adjacent pair, its count, and the sequence with it merged (reference: lib/lm/bpe.ts countPairs, mostFrequentPair, mergePair).
import { rngFrom } from '../core/random';
import { countPairs, mergePair, mostFrequentPair } from '../lm/bpe';
import { defineKata, type KataCase } from './types';

type Args = [ids: number[], newId: number];
type Result = { left: number; right: number; count: number; ids: number[] };

function reference(...[ids, newId]: Args): Result {
  const best = mostFrequentPair(countPairs(ids));
  if (!best) throw new RangeError(`bpe-merge-step: expected at least 2 ids, got ${ids.length}`);
  return { left: best.left, right: best.right, count: best.count, ids: mergePair(ids, best.left, best.right, newId) };
}

const isResult = (v: unknown): v is Result => typeof v === 'object' && v !== null && Array.isArray((v as Result).ids);
const samePair = (a: unknown, b: Result) => isResult(a) && a.left === b.left && a.right === b.right;

/** `ids` with pairs counted without overlaps (a left-to-right scan that skips past each match). */
function nonOverlappingCount(ids: number[], left: number, right: number): number {
  let c = 0;
  for (let i = 0; i + 1 < ids.length; i++) if (ids[i] === left && ids[i + 1] === right) { c++; i++; }
  return c;
}

/** Merges scanning from the right (what "a a a" -> "a Z" means). */
function mergeFromRight(ids: number[], left: number, right: number, id: number): number[] {
  const out: number[] = [];
  for (let i = ids.length - 1; i >= 0; i--) {
    if (i > 0 && ids[i - 1] === left && ids[i] === right) { out.push(id); i--; } else out.push(ids[i]);
  }
  return out.reverse();
}

/** A random sequence from a skewed alphabet, so some pairs repeat (and runs like "a a a" occur). */
function randomIds(rng: ReturnType<typeof rngFrom>, n: number, alphabet: number, offset: number): number[] {
  return Array.from({ length: n }, () => offset + Math.floor(alphabet * rng.uniform() ** 2));
}

const ch = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

export default defineKata<Args, Result>({
  id: 'bpe-merge-step',
  title: 'One BPE merge step',
  section: 'language-models',
  difficulty: 'medium',
  statement: `Byte-pair encoding learns its vocabulary by repeating one step. Write \`bpeMergeStep(ids, newId)\` for that step on
a sequence of token ids (at least 2 ids; every id is a non-negative integer smaller than \`newId\`):

1. **Count** every adjacent pair: $\\mathrm{count}(a, b) = \\#\\{\\, i : \\text{ids}[i] = a,\\ \\text{ids}[i+1] = b \\,\\}$.
   Overlaps count: \`[7, 7, 7]\` holds the pair $(7, 7)$ **twice**.
2. **Choose** $(a, b)^\\star = \\arg\\max_{(a, b)} \\mathrm{count}(a, b)$. **Ties** go to the smallest pair: the lowest
   left id $a$, and among those the lowest right id $b$.
3. **Merge**: scan from the left and replace each occurrence of $a^\\star\\, b^\\star$ by \`newId\`, continuing after the
   replaced pair (no overlaps): \`[7, 7, 7]\` with the pair $(7, 7)$ becomes \`[newId, 7]\`.

Return \`{ left, right, count, ids }\`: the chosen pair, its count from step 1, and the new sequence (a new array; do
not change the input). Everything is an integer and must match exactly.`,
  functionName: 'bpeMergeStep',
  signature: 'bpeMergeStep(ids: number[], newId: number): { left: number; right: number; count: number; ids: number[] }',
  starter: `export function bpeMergeStep(ids: number[], newId: number): { left: number; right: number; count: number; ids: number[] } {
  throw new Error('not implemented');
}
`,
  solution: `export function bpeMergeStep(ids: number[], newId: number): { left: number; right: number; count: number; ids: number[] } {
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < ids.length; i++) {
    const key = ids[i] + ',' + ids[i + 1];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let left = -1, right = -1, count = 0;
  for (const [key, c] of counts) {
    const [a, b] = key.split(',').map(Number);
    if (c > count || (c === count && (a < left || (a === left && b < right)))) { left = a; right = b; count = c; }
  }
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (i + 1 < ids.length && ids[i] === left && ids[i + 1] === right) { out.push(newId); i++; } else out.push(ids[i]);
  }
  return { left, right, count, ids: out };
}
`,
  examples: [
    { name: '"aaabdaaabac" as bytes: aa occurs 4 times', kind: 'example', args: [ch('aaabdaaabac'), 256] },
    { name: 'after that merge: Za and ab tie at 2, ab has the smaller ids', kind: 'example', args: [[256, 97, 98, 100, 256, 97, 98, 97, 99], 257] },
  ],
  hiddenCases() {
    const rng = rngFrom(1117);
    const cases: KataCase<Args>[] = [
      { name: 'two ids', kind: 'edge', args: [[3, 5], 6] },
      { name: 'a run of one id: overlapping count 4, merged [9, 9, 1]', kind: 'edge', args: [[1, 1, 1, 1, 1], 9] },
      { name: 'odd run: [1, 1, 1] -> [9, 1]', kind: 'edge', args: [[1, 1, 1], 9] },
      { name: 'all pairs distinct: the smallest left id wins', kind: 'edge', args: [[5, 3, 9, 2, 4, 7], 10] },
      { name: 'same left id: the smallest right id wins', kind: 'edge', args: [[3, 9, 8, 3, 1], 10] },
      { name: 'a frequent pair beats smaller ids', kind: 'edge', args: [[0, 1, 8, 9, 8, 9, 2, 8, 9], 10] },
      { name: 'overlap decides the winner: 4 4 4 4 counts 3 against 2 5 twice', kind: 'edge', args: [[2, 5, 4, 4, 4, 4, 2, 5], 6] },
    ];
    for (let t = 0; t < 6; t++) {
      const n = 2 + rng.int(40);
      const offset = t % 2 === 0 ? 0 : 250;
      cases.push({ name: `random ${t + 1} (${n} ids)`, kind: 'random', args: [randomIds(rng, n, 2 + rng.int(6), offset), offset + 300] });
    }
    cases.push({ name: '50,000 ids over 400 token ids', kind: 'large', args: [randomIds(rng, 50_000, 400, 0), 512] });
    return cases;
  },
  reference,
  tolerance: { abs: 0, rel: 0 },
  hints: [
    'Count pairs in one pass over i = 0..n-2 (a Map keyed by "a,b"), pick the largest count with ties to the smallest (a, b), then build a new array scanning left to right and skipping past each replaced pair.',
    'Check [1, 1, 1] by hand: the pair (1, 1) occurs twice (positions 0 and 1), and merging gives [newId, 1].',
  ],
  mistakes: [
    {
      id: 'non-overlapping-count',
      hint: 'Count every position i with ids[i] = a and ids[i+1] = b, overlaps included: [7, 7, 7] has the pair (7, 7) twice. Only the merge skips past a replaced pair.',
      detect: ({ args: [ids], expected, received }) => isResult(received) && received.count !== expected.count
        && received.count === nonOverlappingCount(ids, received.left, received.right),
    },
    {
      id: 'tie-order',
      hint: 'On equal counts take the smallest pair: the lowest left id, then the lowest right id (not the first pair seen in the sequence).',
      detect: ({ expected, received }) => isResult(received) && !samePair(received, expected) && received.count === expected.count,
    },
    {
      id: 'merge-direction',
      hint: 'Merge left to right: in [7, 7, 7] the first two 7s become the new id, giving [newId, 7].',
      detect: ({ args: [ids, newId], expected, received }) => isResult(received) && samePair(received, expected)
        && JSON.stringify(received.ids) === JSON.stringify(mergeFromRight(ids, expected.left, expected.right, newId))
        && JSON.stringify(received.ids) !== JSON.stringify(expected.ids),
    },
  ],
  mutants: [
    { name: 'ties to the first pair seen', edits: [['(c === count && (a < left || (a === left && b < right)))', 'false']], mistake: 'tie-order' },
    { name: 'ties to the largest pair', edits: [['(c === count && (a < left || (a === left && b < right)))', '(c === count && (a > left || (a === left && b > right)))']], mistake: 'tie-order' },
    {
      name: 'counts without overlaps',
      edits: [['    counts.set(key, (counts.get(key) ?? 0) + 1);\n  }', '    counts.set(key, (counts.get(key) ?? 0) + 1);\n    if (ids[i] === ids[i + 1] && ids[i + 2] === ids[i]) i++;\n  }']],
      mistake: 'non-overlapping-count',
    },
    {
      name: 'merges from the right',
      edits: [[
        '  for (let i = 0; i < ids.length; i++) {\n    if (i + 1 < ids.length && ids[i] === left && ids[i + 1] === right) { out.push(newId); i++; } else out.push(ids[i]);\n  }\n  return { left, right, count, ids: out };',
        '  for (let i = ids.length - 1; i >= 0; i--) {\n    if (i > 0 && ids[i - 1] === left && ids[i] === right) { out.push(newId); i--; } else out.push(ids[i]);\n  }\n  return { left, right, count, ids: out.reverse() };',
      ]],
      mistake: 'merge-direction',
    },
  ],
  links: {
    lessons: [{ lesson: '14-language-modelling', cell: 'bpe-md' }],
    questions: ['language-models-bpe-training'],
  },
});
