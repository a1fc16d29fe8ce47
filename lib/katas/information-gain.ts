// Kata: information gain of a split, with entropy in bits (reference: lib/classic/decision-tree.ts informationGain).
import { Rng } from '../core/random';
import { informationGain as libInformationGain } from '../classic/decision-tree';
import { mistakeFrom } from './content-kit';
import { defineKata, type KataCase } from './types';

type Args = [parent: number[], children: number[][]];

function reference(...[parent, children]: Args): number {
  return libInformationGain(parent, children, 'entropy');
}

const total = (v: number[]) => v.reduce((a, b) => a + b, 0);
const H = (c: number[], log: (x: number) => number) => -c.filter((n) => n > 0).reduce((s, n) => s + (n / total(c)) * log(n / total(c)), 0);

function gain(parent: number[], children: number[][], weight: (child: number[]) => number, log: (x: number) => number): number {
  return H(parent, log) - children.reduce((s, c) => s + (total(c) > 0 ? weight(c) * H(c, log) : 0), 0);
}

const examples: KataCase<Args>[] = [
  { name: 'a perfect split', kind: 'example', args: [[4, 4], [[4, 0], [0, 4]]] },
  { name: 'an uneven split', kind: 'example', args: [[6, 4], [[5, 1], [1, 3]]] },
];

function randomSplit(rng: Rng, K: number, branches: number): Args {
  const children = Array.from({ length: branches }, () => Array.from({ length: K }, () => rng.int(12)));
  children[0][0]++; // the parent is never empty
  const parent = Array.from({ length: K }, (_, k) => children.reduce((s, c) => s + c[k], 0));
  return [parent, children];
}

function hiddenCases(): KataCase<Args>[] {
  const rng = new Rng(1632);
  const cases: KataCase<Args>[] = [
    { name: 'a useless split: gain 0', kind: 'edge', args: [[4, 2], [[2, 1], [2, 1]]] },
    { name: 'an empty child', kind: 'edge', args: [[3, 3], [[3, 3], [0, 0]]] },
    { name: 'children of very different sizes', kind: 'edge', args: [[10, 10], [[10, 2], [0, 8]]] },
    { name: 'three children, three classes', kind: 'edge', args: [[3, 3, 3], [[3, 0, 0], [0, 3, 0], [0, 0, 3]]] },
    { name: 'a pure parent', kind: 'edge', args: [[0, 5], [[0, 2], [0, 3]]] },
  ];
  for (let r = 0; r < 5; r++) cases.push({ name: `random ${r + 1}`, kind: 'random', args: randomSplit(rng, 2 + rng.int(4), 2 + rng.int(3)) });
  cases.push({ name: 'counts near 1e9', kind: 'large', args: [[3e9, 1e9 + 7], [[2.5e9, 1e8], [5e8, 9e8 + 7]]] });
  return cases;
}

export default defineKata<Args, number>({
  id: 'information-gain',
  title: 'Information gain of a split',
  section: 'probability-and-formulas',
  difficulty: 'medium',
  statement: `A decision-tree node with class counts \`parent\` is split into children with class counts \`children[c]\`
(they add up to the parent, class by class; a child may be empty). With the entropy in bits
$H(n) = -\\sum_k p_k \\log_2 p_k$ ($p_k = n_k / \\sum_j n_j$, $0 \\log 0 = 0$), the information gain is

$$IG = H(\\text{parent}) - \\sum_c \\frac{N_c}{N}\\, H(\\text{child}_c),$$

where $N_c$ is the size of child $c$ and $N$ the parent's size: each child's entropy is **weighted by its share of the
samples** (an empty child contributes 0). With the entropy this is the mutual information between the split and the
label; it is never negative.`,
  functionName: 'informationGain',
  signature: 'informationGain(parent: number[], children: number[][]): number',
  starter: `export function informationGain(parent: number[], children: number[][]): number {
  throw new Error('not implemented');
}
`,
  solution: `export function informationGain(parent: number[], children: number[][]): number {
  const total = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
  const entropy = (counts: number[]) => {
    const n = total(counts);
    let h = 0;
    for (const c of counts) if (c > 0) h -= (c / n) * Math.log2(c / n);
    return h;
  };
  const N = total(parent);
  let weighted = 0;
  for (const child of children) {
    const n = total(child);
    if (n > 0) weighted += (n / N) * entropy(child);
  }
  return entropy(parent) - weighted;
}
`,
  examples,
  hiddenCases,
  reference,
  tolerance: { abs: 1e-12, rel: 1e-9 },
  hints: ['Write an entropy helper first; then subtract from the parent\'s entropy each child\'s entropy times its size / parent size.'],
  mistakes: [
    mistakeFrom<Args, number>('unweighted-children', 'Weight each child\'s entropy by its share of the samples N_c / N; a plain average over the children over-counts small ones.',
      (p, ch) => { const nonEmpty = ch.filter((c) => total(c) > 0).length; return gain(p, ch, () => 1 / nonEmpty, Math.log2); }),
    mistakeFrom<Args, number>('natural-log', 'The entropy here is in bits: use log2.',
      (p, ch) => gain(p, ch, (c) => total(c) / total(p), Math.log)),
    mistakeFrom<Args, number>('children-sum', 'Weight the children\'s entropies by N_c / N; summing them unweighted gives a negative "gain".',
      (p, ch) => gain(p, ch, () => 1, Math.log2)),
  ],
  mutants: [
    { name: 'children averaged without weights', edits: [['if (n > 0) weighted += (n / N) * entropy(child);', 'if (n > 0) weighted += entropy(child) / children.filter((c) => total(c) > 0).length;']], mistake: 'unweighted-children' },
    { name: 'natural logarithm', edits: [['h -= (c / n) * Math.log2(c / n);', 'h -= (c / n) * Math.log(c / n);']], mistake: 'natural-log' },
  ],
  links: {
    lessons: [{ lesson: '12-key-formulas', cell: 'information-gain' }, { lesson: '11-classic-algorithms', cell: 'tree-md' }],
    questions: ['probability-and-formulas-information-gain', 'probability-and-formulas-entropy', 'algorithms-decision-tree-split'],
  },
});
