// Exact match and token-level F1 between a predicted and a reference answer, with SQuAD's answer normalisation.

const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;
const ARTICLES = /\b(a|an|the)\b/g;

function asText(s: unknown, name: string): string {
  if (typeof s !== 'string') throw new TypeError(`expected ${name} to be a string, got ${s === null ? 'null' : typeof s}`);
  return s;
}

/**
 * SQuAD v1.1's normalisation (its official evaluate script): lower-case, drop ASCII punctuation, drop the articles
 * a/an/the, collapse whitespace. Without it "The Eiffel Tower." and "eiffel tower" would not match.
 */
export function normalizeAnswer(s: string): string {
  return asText(s, 'answer').toLowerCase().replace(PUNCTUATION, '').replace(ARTICLES, ' ').split(/\s+/).filter((t) => t.length > 0).join(' ');
}

/** Normalised tokens of an answer. */
export function answerTokens(s: string): string[] {
  const n = normalizeAnswer(s);
  return n.length === 0 ? [] : n.split(' ');
}

/** 1 when the normalised strings are equal, else 0. */
export function exactMatch(prediction: string, reference: string): number {
  return normalizeAnswer(asText(prediction, 'prediction')) === normalizeAnswer(asText(reference, 'reference')) ? 1 : 0;
}

export interface TokenF1 {
  precision: number;
  recall: number;
  f1: number;
  /** Size of the multiset intersection of the two token bags. */
  common: number;
}

/**
 * Token F1 as SQuAD scores it: the two answers as bags of normalised tokens, overlap = multiset intersection,
 * precision = overlap / |prediction|, recall = overlap / |reference|, F1 their harmonic mean. When either side has no
 * tokens, F1 is 1 if both are empty and 0 otherwise (SQuAD v2's rule for unanswerable questions).
 */
export function tokenF1(prediction: string, reference: string): TokenF1 {
  const p = answerTokens(asText(prediction, 'prediction'));
  const r = answerTokens(asText(reference, 'reference'));
  if (p.length === 0 || r.length === 0) {
    const same = p.length === r.length ? 1 : 0;
    return { precision: same, recall: same, f1: same, common: 0 };
  }
  const counts = new Map<string, number>();
  for (const t of r) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of p) {
    const c = counts.get(t) ?? 0;
    if (c > 0) { common++; counts.set(t, c - 1); }
  }
  if (common === 0) return { precision: 0, recall: 0, f1: 0, common: 0 };
  const precision = common / p.length;
  const recall = common / r.length;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall), common };
}

/** Best score over several acceptable references (SQuAD takes the max over its annotators' answers). */
export function maxOverReferences(metric: (prediction: string, reference: string) => number, prediction: string, references: readonly string[]): number {
  if (!Array.isArray(references)) throw new TypeError('expected references to be an array of strings');
  if (references.length === 0) throw new RangeError('expected at least 1 reference, got 0');
  return Math.max(...references.map((r) => metric(prediction, r)));
}
