// Adjusted Rand index: pair-counting agreement of two partitions, corrected for chance (1 = identical, about 0 = random).
function asIds(name: string, v: unknown): Int32Array {
  if (!Array.isArray(v) && !(ArrayBuffer.isView(v) && !(v instanceof DataView))) throw new TypeError(`expected ${name} to be an array of cluster ids`);
  const arr = v as ArrayLike<unknown>;
  const out = new Int32Array(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const x = arr[i];
    if (typeof x !== 'number') throw new TypeError(`expected numeric ${name}, got ${typeof x} at index ${i}`);
    if (!Number.isInteger(x)) throw new RangeError(`expected integer ${name}, got ${x} at index ${i}`);
    out[i] = x;
  }
  return out;
}

/**
 * Adjusted Rand index (Hubert & Arabie 1985), as scikit-learn's adjusted_rand_score. With the contingency table
 * n_ij, row sums a_i, column sums b_j and C(m) = m(m-1)/2:
 *   ARI = (sum C(n_ij) - E) / (1/2 (sum C(a_i) + sum C(b_j)) - E),  E = sum C(a_i) sum C(b_j) / C(n).
 * Invariant to renaming the clusters. Every id (including -1 for noise) is a cluster of its own.
 */
export function adjustedRandIndex(labelsTrue: ArrayLike<number>, labelsPred: ArrayLike<number>): number {
  const a = asIds('labelsTrue', labelsTrue), b = asIds('labelsPred', labelsPred);
  const n = a.length;
  if (b.length !== n) throw new RangeError(`expected labelsPred to have ${n} values (as labelsTrue), got ${b.length}`);
  if (n === 0) throw new RangeError('expected at least 1 sample, got 0');
  const c2 = (m: number) => (m * (m - 1)) / 2;
  const table = new Map<string, number>(), rows = new Map<number, number>(), cols = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]},${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rows.set(a[i], (rows.get(a[i]) ?? 0) + 1);
    cols.set(b[i], (cols.get(b[i]) ?? 0) + 1);
  }
  let index = 0, sa = 0, sb = 0;
  for (const v of table.values()) index += c2(v);
  for (const v of rows.values()) sa += c2(v);
  for (const v of cols.values()) sb += c2(v);
  const expected = n < 2 ? 0 : (sa * sb) / c2(n);
  const max = (sa + sb) / 2;
  // identical trivial partitions (all in one cluster, or all singletons): scikit-learn returns 1
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
