// Ranking metrics for retrieval: precision@k, recall@k, reciprocal rank / MRR, (graded) DCG / nDCG@k and AP@k / MAP@k.

/** Graded relevance of documents to one query: a set of relevant ids (grade 1) or a map id -> grade >= 0. */
export type Relevance = ReadonlySet<number> | ReadonlyMap<number, number> | readonly number[];

function gradesOf(relevant: Relevance, fn: string): Map<number, number> {
  if (relevant instanceof Map) {
    for (const [id, g] of relevant) if (!(g >= 0) || !Number.isFinite(g)) throw new RangeError(`${fn}: expected grades >= 0, got ${g} for id ${id}`);
    return relevant as Map<number, number>;
  }
  if (relevant instanceof Set || Array.isArray(relevant)) return new Map(Array.from(relevant as Iterable<number>, (id) => [id, 1]));
  throw new TypeError(`${fn}: expected relevant ids as a Set, an array or a Map id -> grade`);
}

function checkRanked(ranked: unknown, fn: string): ArrayLike<number> {
  if (!Array.isArray(ranked) && !ArrayBuffer.isView(ranked)) throw new TypeError(`${fn}: expected the ranked ids as an array`);
  return ranked as ArrayLike<number>;
}

function checkK(k: number, fn: string): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`${fn}: expected an integer k >= 1, got k = ${k}`);
}

/** Fraction of the top k results that are relevant (grade > 0); fewer than k results count as misses. */
export function precisionAtK(ranked: ArrayLike<number>, relevant: Relevance, k: number): number {
  const r = checkRanked(ranked, 'precisionAtK'); checkK(k, 'precisionAtK');
  const g = gradesOf(relevant, 'precisionAtK');
  let hits = 0;
  for (let i = 0; i < Math.min(k, r.length); i++) if ((g.get(r[i]) ?? 0) > 0) hits++;
  return hits / k;
}

/**
 * recall@k = |relevant in top k| / |relevant|: the share of what should be found that is found within k results.
 * With one relevant document this is the "hit rate@k". 0 relevant documents is an error (recall is undefined).
 */
export function recallAtK(ranked: ArrayLike<number>, relevant: Relevance, k: number): number {
  const r = checkRanked(ranked, 'recallAtK'); checkK(k, 'recallAtK');
  const g = gradesOf(relevant, 'recallAtK');
  let total = 0;
  for (const v of g.values()) if (v > 0) total++;
  if (total === 0) throw new RangeError('recallAtK: expected at least 1 relevant document, got 0');
  const seen = new Set<number>();
  for (let i = 0; i < Math.min(k, r.length); i++) if ((g.get(r[i]) ?? 0) > 0) seen.add(r[i]);
  return seen.size / total;
}

/** 1 / (rank of the first relevant result), ranks from 1; 0 when none is relevant (within k if given). */
export function reciprocalRank(ranked: ArrayLike<number>, relevant: Relevance, k = Infinity): number {
  const r = checkRanked(ranked, 'reciprocalRank');
  if (k !== Infinity) checkK(k, 'reciprocalRank');
  const g = gradesOf(relevant, 'reciprocalRank');
  for (let i = 0; i < Math.min(k, r.length); i++) if ((g.get(r[i]) ?? 0) > 0) return 1 / (i + 1);
  return 0;
}

/** Mean reciprocal rank over queries: MRR = (1/|Q|) sum_q 1 / rank_q. */
export function meanReciprocalRank(rankings: ReadonlyArray<ArrayLike<number>>, relevants: readonly Relevance[], k = Infinity): number {
  if (rankings.length !== relevants.length) throw new RangeError(`meanReciprocalRank: expected one relevance set per ranking, got ${rankings.length} rankings and ${relevants.length} sets`);
  if (rankings.length === 0) throw new RangeError('meanReciprocalRank: expected at least 1 query, got 0');
  let s = 0;
  for (let q = 0; q < rankings.length; q++) s += reciprocalRank(rankings[q], relevants[q], k);
  return s / rankings.length;
}

/** DCG@k = sum_{i=1..k} (2^{rel_i} - 1) / log2(i + 1) (the exponential gain used by most IR libraries). */
export function dcgAtK(ranked: ArrayLike<number>, relevant: Relevance, k: number): number {
  const r = checkRanked(ranked, 'dcgAtK'); checkK(k, 'dcgAtK');
  const g = gradesOf(relevant, 'dcgAtK');
  let s = 0;
  for (let i = 0; i < Math.min(k, r.length); i++) {
    const rel = g.get(r[i]) ?? 0;
    if (rel > 0) s += (2 ** rel - 1) / Math.log2(i + 2);
  }
  return s;
}

/**
 * nDCG@k = DCG@k / IDCG@k, IDCG being the DCG of the ideal ordering (all grades sorted descending). In [0, 1];
 * rewards putting the most relevant documents highest. 0 relevant documents is an error (IDCG = 0).
 */
export function ndcgAtK(ranked: ArrayLike<number>, relevant: Relevance, k: number): number {
  checkK(k, 'ndcgAtK');
  const g = gradesOf(relevant, 'ndcgAtK');
  const grades = Array.from(g.values()).filter((v) => v > 0).sort((a, b) => b - a);
  if (grades.length === 0) throw new RangeError('ndcgAtK: expected at least 1 relevant document, got 0');
  let ideal = 0;
  for (let i = 0; i < Math.min(k, grades.length); i++) ideal += (2 ** grades[i] - 1) / Math.log2(i + 2);
  return dcgAtK(ranked, g, k) / ideal;
}

/**
 * AP@k = (1 / min(k, |relevant|)) sum_{i=1..k} P@i * rel_i (binary relevance, grade > 0): the mean of the precisions
 * at the ranks of the relevant results found in the top k, normalised by the most that could be found. 0 relevant
 * documents is an error.
 */
export function averagePrecisionAtK(ranked: ArrayLike<number>, relevant: Relevance, k: number): number {
  const r = checkRanked(ranked, 'averagePrecisionAtK'); checkK(k, 'averagePrecisionAtK');
  const g = gradesOf(relevant, 'averagePrecisionAtK');
  let total = 0;
  for (const v of g.values()) if (v > 0) total++;
  if (total === 0) throw new RangeError('averagePrecisionAtK: expected at least 1 relevant document, got 0');
  let hits = 0, s = 0;
  const seen = new Set<number>();
  for (let i = 0; i < Math.min(k, r.length); i++) {
    if ((g.get(r[i]) ?? 0) > 0 && !seen.has(r[i])) { seen.add(r[i]); hits++; s += hits / (i + 1); }
  }
  return s / Math.min(k, total);
}

/** MAP@k = mean over queries (users) of AP@k. */
export function meanAveragePrecisionAtK(rankings: ReadonlyArray<ArrayLike<number>>, relevants: readonly Relevance[], k: number): number {
  if (rankings.length !== relevants.length) throw new RangeError(`meanAveragePrecisionAtK: expected one relevance set per ranking, got ${rankings.length} rankings and ${relevants.length} sets`);
  if (rankings.length === 0) throw new RangeError('meanAveragePrecisionAtK: expected at least 1 query, got 0');
  let s = 0;
  for (let q = 0; q < rankings.length; q++) s += averagePrecisionAtK(rankings[q], relevants[q], k);
  return s / rankings.length;
}
