// Byte-level byte-pair encoding: learn merges from a corpus, encode any string to ids and decode back exactly (bytes are the fallback).
const utf8 = new TextEncoder();

/**
 * Splits text into the chunks BPE merges within (never across), GPT-2 style: a word with its leading space,
 * a number, a run of punctuation, or whitespace. Joining the chunks gives the text back.
 */
export const PRETOKENIZE = / ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

/** One learned merge: the pair (left, right) of ids becomes the new id `id` (256 + its rank). */
export interface Merge {
  left: number;
  right: number;
  id: number;
  /** How often the pair occurred in the training chunks when it was chosen. */
  count: number;
}

export interface TrainBpeOptions {
  /** Final vocabulary size: 256 byte ids plus vocabSize - 256 merges. */
  vocabSize: number;
  /** Split the text into chunks first so merges never cross a word boundary (default true). */
  pretokenize: boolean;
}

export const trainBpeDefaults: Readonly<Omit<TrainBpeOptions, 'vocabSize'>> = { pretokenize: true };

/** One number for the pair (a, b); ordering keys orders pairs by (a, b). Ids stay below 2^20. */
export function pairKey(a: number, b: number): number {
  return a * 1048576 + b;
}

/** How often each adjacent pair occurs in `ids`, keyed by {@link pairKey}; overlaps count ("a a a" has "a a" twice). */
export function countPairs(ids: ArrayLike<number>): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i + 1 < ids.length; i++) {
    const k = pairKey(ids[i], ids[i + 1]);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/**
 * The pair BPE merges next: the largest count, ties to the smallest (left, right) (the smallest key), so training is
 * deterministic. Null when there is no pair.
 */
export function mostFrequentPair(counts: ReadonlyMap<number, number>): { left: number; right: number; count: number } | null {
  let bestKey = -1, bestCount = 0;
  for (const [k, c] of counts) {
    if (c > bestCount || (c === bestCount && k < bestKey)) { bestKey = k; bestCount = c; }
  }
  if (bestKey < 0) return null;
  return { left: Math.floor(bestKey / 1048576), right: bestKey % 1048576, count: bestCount };
}

/** `ids` with every occurrence of (left, right) replaced by `id`, scanning left to right without overlaps ("a a a" -> "Z a"). */
export function mergePair(ids: readonly number[], left: number, right: number, id: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (i + 1 < ids.length && ids[i] === left && ids[i + 1] === right) { out.push(id); i++; } else out.push(ids[i]);
  }
  return out;
}

/** The chunks of `text` (see {@link PRETOKENIZE}), or the whole text as one chunk. */
export function pretokenize(text: string, enabled = true): string[] {
  if (!enabled) return text.length ? [text] : [];
  return text.match(PRETOKENIZE) ?? [];
}

/**
 * A byte-level BPE tokenizer. Ids 0..255 are the bytes of UTF-8; each merge adds one id for a pair of existing
 * ids. Because every string is a byte sequence, nothing is ever out of vocabulary: an unseen character falls back
 * to its bytes, and decode(encode(s)) === s for every well-formed string (lone UTF-16 surrogates are not text:
 * UTF-8 cannot hold them, so TextEncoder turns them into U+FFFD).
 */
export class BpeTokenizer {
  readonly merges: readonly Merge[];
  readonly pretokenizeText: boolean;
  /** Bytes of every id. */
  private readonly bytes: Uint8Array[];
  private readonly rank = new Map<number, number>();
  private readonly cache = new Map<string, number[]>();

  constructor(merges: readonly Merge[], pretokenizeText = true) {
    this.bytes = Array.from({ length: 256 }, (_, b) => Uint8Array.of(b));
    merges.forEach((m, r) => {
      if (m.id !== 256 + r) throw new RangeError(`expected merge ${r} to create id ${256 + r}, got ${m.id}`);
      if (!(m.left >= 0 && m.left < m.id && m.right >= 0 && m.right < m.id)) throw new RangeError(`merge ${r} joins unknown ids ${m.left} and ${m.right}`);
      const a = this.bytes[m.left], b = this.bytes[m.right];
      const joined = new Uint8Array(a.length + b.length);
      joined.set(a);
      joined.set(b, a.length);
      this.bytes.push(joined);
      this.rank.set(pairKey(m.left, m.right), r);
    });
    this.merges = merges.map((m) => ({ ...m }));
    this.pretokenizeText = pretokenizeText;
  }

  /** Number of ids: 256 + merges. */
  get vocabSize(): number {
    return this.bytes.length;
  }

  /** The bytes of one id. */
  tokenBytes(id: number): Uint8Array {
    if (!Number.isInteger(id) || id < 0 || id >= this.bytes.length) throw new RangeError(`expected an id in 0..${this.bytes.length - 1}, got ${id}`);
    return this.bytes[id];
  }

  /** A readable form of one id (its bytes as UTF-8, with invalid sequences shown as U+FFFD). */
  tokenString(id: number): string {
    return new TextDecoder().decode(this.tokenBytes(id));
  }

  private encodeChunk(chunk: string): number[] {
    const hit = this.cache.get(chunk);
    if (hit) return hit;
    let ids = Array.from(utf8.encode(chunk));
    // Apply merges in the order they were learned: always the adjacent pair with the lowest rank first.
    while (ids.length > 1) {
      let best = -1, bestRank = Infinity;
      for (let i = 0; i + 1 < ids.length; i++) {
        const r = this.rank.get(pairKey(ids[i], ids[i + 1]));
        if (r !== undefined && r < bestRank) { bestRank = r; best = i; }
      }
      if (best < 0) break;
      const m = this.merges[bestRank];
      ids = mergePair(ids, m.left, m.right, m.id);
    }
    if (this.cache.size < 200_000) this.cache.set(chunk, ids);
    return ids;
  }

  /** Token ids of `text`. */
  encode(text: string): number[] {
    if (typeof text !== 'string') throw new TypeError(`expected a string to encode, got ${typeof text}`);
    const out: number[] = [];
    for (const chunk of pretokenize(text, this.pretokenizeText)) for (const id of this.encodeChunk(chunk)) out.push(id);
    return out;
  }

  /** The text of a sequence of ids: their bytes joined, decoded as UTF-8 (a cut inside a character shows U+FFFD). */
  decode(ids: ArrayLike<number>): string {
    let length = 0;
    for (let i = 0; i < ids.length; i++) length += this.tokenBytes(ids[i]).length;
    const buf = new Uint8Array(length);
    let at = 0;
    for (let i = 0; i < ids.length; i++) { const b = this.bytes[ids[i]]; buf.set(b, at); at += b.length; }
    return new TextDecoder().decode(buf);
  }
}

/**
 * Learns BPE merges on `text`: start from the UTF-8 bytes of each chunk, then vocabSize - 256 times merge the most
 * frequent adjacent pair (counted over all chunks, weighted by how often each chunk occurs) into a new id. Ties go
 * to the pair with the smaller (left, right) ids, so training is deterministic. Each merge is the greedy step that
 * shortens the training text the most (by the pair's count, minus overlaps like "aaa").
 */
export function trainBpe(text: string, options: Partial<TrainBpeOptions> & Pick<TrainBpeOptions, 'vocabSize'>): BpeTokenizer {
  if (typeof text !== 'string') throw new TypeError(`expected training text as a string, got ${typeof text}`);
  const o: TrainBpeOptions = { ...trainBpeDefaults, ...options };
  if (!Number.isInteger(o.vocabSize) || o.vocabSize < 256 || o.vocabSize > 65536) {
    throw new RangeError(`expected 256 <= vocabSize <= 65536, got vocabSize = ${o.vocabSize}`);
  }
  // Distinct chunks with their counts; each as a mutable id array.
  const chunkCounts = new Map<string, number>();
  for (const c of pretokenize(text, o.pretokenize)) chunkCounts.set(c, (chunkCounts.get(c) ?? 0) + 1);
  const words: number[][] = [];
  const freq: number[] = [];
  for (const [c, n] of chunkCounts) { words.push(Array.from(utf8.encode(c))); freq.push(n); }

  const pairCount = new Map<number, number>();
  const where = new Map<number, Set<number>>();
  const addPairs = (w: number, sign: 1 | -1) => {
    const ids = words[w];
    for (let i = 0; i + 1 < ids.length; i++) {
      const k = pairKey(ids[i], ids[i + 1]);
      const c = (pairCount.get(k) ?? 0) + sign * freq[w];
      if (c === 0) pairCount.delete(k); else pairCount.set(k, c);
      if (sign > 0) {
        let s = where.get(k);
        if (!s) where.set(k, (s = new Set()));
        s.add(w);
      }
    }
  };
  for (let w = 0; w < words.length; w++) addPairs(w, 1);

  const merges: Merge[] = [];
  for (let id = 256; id < o.vocabSize; id++) {
    const best = mostFrequentPair(pairCount);
    if (!best) break; // every chunk is a single token: nothing left to merge
    const { left, right } = best;
    const bestKey = pairKey(left, right);
    merges.push({ left, right, id, count: best.count });
    for (const w of where.get(bestKey) ?? []) {
      const ids = words[w];
      let has = false;
      for (let i = 0; i + 1 < ids.length; i++) if (ids[i] === left && ids[i + 1] === right) { has = true; break; }
      if (!has) continue; // stale entry: an earlier merge already consumed this pair here
      addPairs(w, -1);
      words[w] = mergePair(ids, left, right, id);
      addPairs(w, 1);
    }
    where.delete(bestKey);
  }
  return new BpeTokenizer(merges, o.pretokenize);
}
