// Reciprocal rank fusion: merging rankings from different retrievers (e.g. BM25 and embeddings) without calibrating scores.

/**
 * RRF score of a document = sum over rankings of 1 / (c + rank), ranks from 1 (Cormack, Clarke & Buettcher 2009;
 * c = 60 there). Only ranks are used, so a lexical score in [0, 30] and a cosine in [-1, 1] need no rescaling.
 * Documents missing from a ranking get nothing from it. Returns ids best first (ties: lower id first).
 */
export function reciprocalRankFusion(rankings: ReadonlyArray<ArrayLike<number>>, options: { c?: number; weights?: readonly number[] } = {}): { ids: number[]; scores: number[] } {
  const c = options.c ?? 60;
  if (!(c >= 0)) throw new RangeError(`expected c >= 0, got c = ${c}`);
  const weights = options.weights ?? rankings.map(() => 1);
  if (weights.length !== rankings.length) throw new RangeError(`expected one weight per ranking (${rankings.length}), got ${weights.length}`);
  const score = new Map<number, number>();
  rankings.forEach((r, j) => {
    for (let i = 0; i < r.length; i++) score.set(r[i], (score.get(r[i]) ?? 0) + weights[j] / (c + i + 1));
  });
  const ids = Array.from(score.keys()).sort((a, b) => (score.get(b) as number) - (score.get(a) as number) || a - b);
  return { ids, scores: ids.map((id) => score.get(id) as number) };
}
