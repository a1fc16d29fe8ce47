// Group k-fold: every group (patient, user, country...) lands wholly in one test fold, so no entity is in both train and test.
import { checkInt } from '../data/check';
import { foldsFromAssignment, type Fold } from './k-fold';

/** A group label per row: numbers or strings (rows with equal labels belong to the same entity). */
export type GroupLabels = ArrayLike<number> | ArrayLike<string>;

/**
 * The distinct group labels in ascending order (numbers numerically, strings by code unit, as `np.unique`) and
 * each row's index into them.
 */
export function groupCodes(groups: GroupLabels, fn = 'groupCodes'): { labels: (number | string)[]; codes: Int32Array } {
  if (typeof groups !== 'object' || groups === null || typeof groups.length !== 'number') {
    throw new TypeError(`${fn}: expected groups to be an array of group labels, got ${groups === null ? 'null' : typeof groups}`);
  }
  const n = groups.length;
  if (n === 0) throw new RangeError(`${fn}: expected at least 1 group label, got 0`);
  const kind = typeof groups[0];
  for (let i = 0; i < n; i++) {
    const g = groups[i];
    if (typeof g !== kind || (kind !== 'number' && kind !== 'string')) {
      throw new TypeError(`${fn}: expected group labels that are all numbers or all strings, got groups[${i}] = ${JSON.stringify(g)}`);
    }
    if (kind === 'number' && Number.isNaN(g as number)) throw new RangeError(`${fn}: expected group labels that are not NaN, got NaN at row ${i}`);
  }
  const distinct = Array.from(new Set(Array.from(groups as ArrayLike<number | string>)));
  const labels = kind === 'number'
    ? (distinct as number[]).sort((a, b) => a - b)
    : (distinct as string[]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map<number | string, number>(labels.map((l, j): [number | string, number] => [l, j]));
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = index.get(groups[i])!;
  return { labels, codes };
}

/**
 * Splits rows into k folds so that all rows of a group are in the same test fold, with fold sizes (in rows) as even
 * as a greedy rule makes them. The rule is scikit-learn's GroupKFold (1.2): take the groups from largest to
 * smallest (equal sizes: the later label first) and put each into the fold that has the fewest rows so far (ties:
 * the lowest fold). Deterministic: there is no shuffle (shuffle the group labels yourself for a random assignment).
 * @param groups - n group labels (numbers or strings)
 * @param k - number of folds, 2 <= k <= number of distinct groups
 * @returns k folds; each fold's `test` holds whole groups, `train` the other rows (both sorted ascending)
 * @throws TypeError for bad labels; RangeError when k < 2 or k exceeds the number of groups
 */
export function groupKFold(groups: GroupLabels, k: number): Fold[] {
  const fn = 'groupKFold';
  const { labels, codes } = groupCodes(groups, fn);
  checkInt(fn, 'k', k, 2);
  const m = labels.length;
  if (k > m) throw new RangeError(`${fn}: expected k <= ${m} groups, got k = ${k}`);
  const size = new Float64Array(m);
  for (const c of codes) size[c]++;
  // Ascending by size with ties by label index (a stable sort), then reversed: scikit-learn's argsort(...)[::-1].
  const order = Array.from({ length: m }, (_, j) => j).sort((a, b) => size[a] - size[b] || a - b).reverse();
  const foldRows = new Float64Array(k);
  const foldOfGroup = new Int32Array(m);
  for (const g of order) {
    let lightest = 0;
    for (let f = 1; f < k; f++) if (foldRows[f] < foldRows[lightest]) lightest = f;
    foldRows[lightest] += size[g];
    foldOfGroup[g] = lightest;
  }
  return foldsFromAssignment(Int32Array.from(codes, (c) => foldOfGroup[c]), k);
}
