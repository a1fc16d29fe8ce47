// The answer step of a small RAG pipeline without a generator: the sentence of the retrieved text that best matches the query.
import { tokenize, ENGLISH_STOP_WORDS } from '../text/bag-of-words';

/** Splits text into sentences at . ! ? followed by whitespace, and at blank lines / list items (markdown). */
export function splitSentences(text: string): string[] {
  if (typeof text !== 'string') throw new TypeError(`expected a string, got ${typeof text}`);
  return text
    .split(/\n\s*\n|\n(?=\s*(?:[-*]|\d+\.)\s)|(?<=[.!?])\s+(?=[A-Z$(*`])/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => /\w/.test(s));
}

export interface ExtractiveAnswer {
  sentence: string;
  /** Sum of idf weights of the distinct query words in the sentence. */
  score: number;
  /** Index of the passage the sentence came from. */
  passage: number;
}

/**
 * Scores every sentence of the passages by the idf-weighted count of distinct (non-stop) query words it contains,
 * divided by sqrt(sentence length in words) so a long sentence does not win by size, and returns the best (ties: the
 * earlier passage, then the earlier sentence). Headings and sentences under `minWords` words are skipped. It can only quote: it cannot combine two sentences, negate, compute or
 * say "not found" unless asked to with a minimum score.
 * @param idf - weight of a word (unknown words: 1)
 */
export function extractiveAnswer(query: string, passages: readonly string[], idf: (word: string) => number = () => 1, options: { minWords?: number } = {}): ExtractiveAnswer | null {
  if (typeof query !== 'string') throw new TypeError(`expected the query to be a string, got ${typeof query}`);
  if (!Array.isArray(passages)) throw new TypeError('expected the passages as an array of strings');
  const minWords = options.minWords ?? 6;
  if (!Number.isInteger(minWords) || minWords < 1) throw new RangeError(`expected an integer minWords >= 1, got minWords = ${minWords}`);
  const q = new Set(tokenize(query, { stopWords: ENGLISH_STOP_WORDS }));
  let best: ExtractiveAnswer | null = null;
  passages.forEach((p, pi) => {
    for (const s of splitSentences(p)) {
      // headings and fragments name a topic, they do not answer anything
      if (s.startsWith('#') || s.split(' ').length < minWords) continue;
      const words = tokenize(s, { stopWords: ENGLISH_STOP_WORDS });
      if (words.length === 0) continue;
      let score = 0;
      for (const w of new Set(words)) if (q.has(w)) score += idf(w);
      score /= Math.sqrt(words.length);
      if (best === null || score > best.score) best = { sentence: s, score, passage: pi };
    }
  });
  return best;
}
