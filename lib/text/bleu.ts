// BLEU (Papineni et al. 2002): clipped n-gram precisions for n = 1..N combined by a geometric mean, times a brevity penalty.

/** A sentence as tokens, or a string split on whitespace. */
export type Sentence = string | readonly string[];

export interface BleuOptions {
  /** Largest n-gram order (default 4). */
  maxN: number;
  /**
   * 'none' (the paper's BLEU: any zero precision gives 0) or 'add-one' (Lin & Och 2004 smoothing: add 1 to the
   * numerator and denominator of p_n for n >= 2, which keeps short sentences from scoring 0).
   */
  smoothing: 'none' | 'add-one';
}

export interface BleuResult {
  bleu: number;
  /** Modified precisions p_1..p_N. */
  precisions: number[];
  /** Clipped matches and candidate n-gram counts behind each p_n. */
  matches: number[];
  totals: number[];
  brevityPenalty: number;
  /** Total candidate length c and effective reference length r. */
  candidateLength: number;
  referenceLength: number;
}

const DEFAULTS: BleuOptions = { maxN: 4, smoothing: 'none' };

function tokens(s: Sentence, name: string): readonly string[] {
  if (typeof s === 'string') return s.split(/\s+/).filter((t) => t.length > 0);
  if (!Array.isArray(s) || s.some((t) => typeof t !== 'string')) throw new TypeError(`expected ${name} to be a string or an array of strings`);
  return s;
}

/** Counts of every n-gram of order n (joined with a separator no token contains after splitting). */
export function ngramCounts(toks: readonly string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= toks.length; i++) {
    const key = toks.slice(i, i + n).join('\u0000');
    m.set(key, (m.get(key) ?? 0) + 1);
  }
  return m;
}

/**
 * Corpus BLEU. Each candidate's n-gram counts are clipped by the largest count of that n-gram in any one of its
 * references (so "the the the" earns "the" at most as often as a reference has it); matches and totals are summed
 * over the corpus before dividing. Brevity penalty BP = 1 if c > r else exp(1 - r/c), with c the total candidate
 * length and r the sum over sentences of the reference length closest to the candidate's (ties: the shorter).
 * BLEU = BP * exp(sum_n (1/N) log p_n).
 * @param candidates - one sentence per segment
 * @param references - for each segment, one or more reference sentences
 */
export function corpusBleu(candidates: readonly Sentence[], references: readonly (readonly Sentence[])[], options: Partial<BleuOptions> = {}): BleuResult {
  const o: BleuOptions = { ...DEFAULTS, ...options };
  if (!Array.isArray(candidates) || !Array.isArray(references)) throw new TypeError('expected candidates and references to be arrays');
  if (candidates.length !== references.length) throw new RangeError(`expected one reference list per candidate, got ${candidates.length} candidates and ${references.length} reference lists`);
  if (candidates.length === 0) throw new RangeError('expected at least 1 candidate, got 0');
  if (!Number.isInteger(o.maxN) || o.maxN < 1) throw new RangeError(`expected maxN >= 1 (an integer), got maxN = ${o.maxN}`);
  if (o.smoothing !== 'none' && o.smoothing !== 'add-one') throw new RangeError(`expected smoothing 'none' or 'add-one', got ${String(o.smoothing)}`);
  const matches = new Array<number>(o.maxN).fill(0);
  const totals = new Array<number>(o.maxN).fill(0);
  let c = 0, r = 0;
  candidates.forEach((cand, s) => {
    const ct = tokens(cand, `candidates[${s}]`);
    const refList = references[s];
    if (!Array.isArray(refList) || refList.length === 0) throw new RangeError(`expected at least 1 reference for candidate ${s}`);
    const refs = refList.map((x, j) => tokens(x, `references[${s}][${j}]`));
    c += ct.length;
    let best = refs[0].length;
    for (const ref of refs) {
      const d = Math.abs(ref.length - ct.length), db = Math.abs(best - ct.length);
      if (d < db || (d === db && ref.length < best)) best = ref.length;
    }
    r += best;
    for (let n = 1; n <= o.maxN; n++) {
      const cc = ngramCounts(ct, n);
      const maxRef = new Map<string, number>();
      for (const ref of refs) for (const [g, k] of ngramCounts(ref, n)) maxRef.set(g, Math.max(maxRef.get(g) ?? 0, k));
      for (const [g, k] of cc) {
        matches[n - 1] += Math.min(k, maxRef.get(g) ?? 0);
        totals[n - 1] += k;
      }
    }
  });
  const precisions = matches.map((m, i) => {
    if (o.smoothing === 'add-one' && i > 0) return (m + 1) / (totals[i] + 1);
    return totals[i] === 0 ? 0 : m / totals[i];
  });
  const brevityPenalty = c === 0 ? 0 : c > r ? 1 : Math.exp(1 - r / c);
  const bleu = precisions.some((p) => p === 0) ? 0 : brevityPenalty * Math.exp(precisions.reduce((s, p) => s + Math.log(p), 0) / o.maxN);
  return { bleu, precisions, matches, totals, brevityPenalty, candidateLength: c, referenceLength: r };
}

/** BLEU of one candidate against its references (corpus BLEU over a corpus of one). */
export function sentenceBleu(candidate: Sentence, references: readonly Sentence[], options: Partial<BleuOptions> = {}): BleuResult {
  return corpusBleu([candidate], [references], options);
}
