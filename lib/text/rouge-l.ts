// ROUGE-L (Lin 2004): precision, recall and F-measure from the longest common subsequence of candidate and reference tokens.

export interface RougeLResult {
  lcs: number;
  precision: number;
  recall: number;
  f: number;
}

function tokens(s: string | readonly string[], name: string): readonly string[] {
  if (typeof s === 'string') return s.toLowerCase().split(/\s+/).filter((t) => t.length > 0);
  if (!Array.isArray(s) || s.some((t) => typeof t !== 'string')) throw new TypeError(`expected ${name} to be a string or an array of strings`);
  return s;
}

/** Length of the longest common subsequence (in order, not necessarily contiguous), by dynamic programming in O(mn) time, O(n) memory. */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    [prev, cur] = [cur, prev];
    cur.fill(0);
  }
  return prev[b.length];
}

/**
 * ROUGE-L: R = LCS / |reference|, P = LCS / |candidate|, F = (1 + beta^2) R P / (R + beta^2 P). beta = 1 (default)
 * is the F1 that Google's rouge-score reports; Lin's paper used a large beta (recall only). Strings are lower-cased
 * and split on whitespace; pass token arrays for any other tokenisation.
 */
export function rougeL(candidate: string | readonly string[], reference: string | readonly string[], options: { beta?: number } = {}): RougeLResult {
  const beta = options.beta ?? 1;
  if (typeof beta !== 'number' || !(beta > 0) || !Number.isFinite(beta)) throw new RangeError(`expected beta > 0, got beta = ${beta}`);
  const c = tokens(candidate, 'candidate');
  const r = tokens(reference, 'reference');
  const lcs = lcsLength(c, r);
  if (lcs === 0) return { lcs, precision: 0, recall: 0, f: 0 };
  const precision = lcs / c.length, recall = lcs / r.length;
  return { lcs, precision, recall, f: ((1 + beta * beta) * precision * recall) / (recall + beta * beta * precision) };
}
