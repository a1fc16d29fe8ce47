// A seeded synthetic text corpus: short messages about sport, cooking or technology, for text-classification lessons.
import { rngFrom } from '../core/random';

/** Topic words: each class draws most of its content words from its own list. */
export const TOPIC_WORDS: Readonly<Record<'sport' | 'cooking' | 'tech', readonly string[]>> = {
  sport: ['game', 'team', 'score', 'goal', 'player', 'coach', 'match', 'season', 'league', 'win', 'ball', 'referee',
    'stadium', 'fans', 'championship', 'striker', 'defence', 'penalty', 'trophy', 'transfer', 'training', 'final'],
  cooking: ['recipe', 'oven', 'flour', 'sugar', 'butter', 'bake', 'garlic', 'onion', 'sauce', 'pasta', 'salt', 'pepper',
    'chicken', 'soup', 'simmer', 'knife', 'dough', 'spice', 'dinner', 'kitchen', 'season', 'taste'],
  tech: ['software', 'computer', 'code', 'data', 'server', 'cloud', 'network', 'chip', 'laptop', 'update', 'bug', 'app',
    'developer', 'algorithm', 'browser', 'phone', 'battery', 'startup', 'robot', 'release', 'training', 'model'],
};

/** Words every topic uses. */
export const COMMON_WORDS: readonly string[] = ['the', 'a', 'and', 'of', 'to', 'in', 'is', 'it', 'this', 'that', 'was',
  'for', 'on', 'with', 'my', 'we', 'new', 'great', 'good', 'time', 'really', 'today', 'best', 'week', 'about', 'just',
  'very', 'after', 'more', 'first', 'big', 'last', 'night', 'again', 'finally', 'love'];

export interface TextCorpusOptions {
  /** Number of documents (classes in turn, then shuffled). Default 300. */
  n?: number;
  /** Shortest and longest document in words. Default [6, 14]. */
  length?: [number, number];
  /** Share of words drawn from the document's own topic. Default 0.4. */
  topicShare?: number;
  /** Share of words drawn from another topic (noise that makes the task imperfect). Default 0.1. */
  otherShare?: number;
  /** Seed; without one the generator forks from the global seed. */
  seed?: number;
}

export interface TextCorpus {
  /** The documents, e.g. "The striker was great in the final again." */
  docs: string[];
  /** Class of each document: an index into classNames. */
  y: Int32Array;
  classNames: string[];
  n: number;
}

/**
 * Short synthetic "messages" of three topics (sport, cooking, tech). Each word is drawn from the document's topic
 * list with probability topicShare, from another topic's list with probability otherShare, and from common words
 * otherwise. A few words belong to two topics ("season", "training"), so the classes overlap a little.
 * Generated, not collected: a stand-in for a real corpus that keeps the repository small and the lesson offline.
 */
export function makeTextCorpus(options: TextCorpusOptions = {}): TextCorpus {
  const n = options.n ?? 300;
  const [lo, hi] = options.length ?? [6, 14];
  const topicShare = options.topicShare ?? 0.4;
  const otherShare = options.otherShare ?? 0.1;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`expected n to be a positive integer, got n = ${n}`);
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 1 || hi < lo) throw new RangeError(`expected length [lo, hi] with 1 <= lo <= hi, got [${lo}, ${hi}]`);
  if (!(topicShare >= 0 && otherShare >= 0 && topicShare + otherShare <= 1)) {
    throw new RangeError(`expected topicShare, otherShare >= 0 with a sum <= 1, got ${topicShare} and ${otherShare}`);
  }
  const rng = rngFrom(options.seed);
  const classNames = Object.keys(TOPIC_WORDS) as (keyof typeof TOPIC_WORDS)[];
  const K = classNames.length;
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) y[i] = i % K;
  rng.shuffle<number, Int32Array>(y);
  const pick = (list: readonly string[]) => list[rng.int(list.length)];
  const docs = Array.from(y, (c) => {
    const len = lo + rng.int(hi - lo + 1);
    const words: string[] = [];
    for (let t = 0; t < len; t++) {
      const u = rng.random();
      if (u < topicShare) words.push(pick(TOPIC_WORDS[classNames[c]]));
      else if (u < topicShare + otherShare) words.push(pick(TOPIC_WORDS[classNames[(c + 1 + rng.int(K - 1)) % K]]));
      else words.push(pick(COMMON_WORDS));
    }
    const text = words.join(' ');
    return text[0].toUpperCase() + text.slice(1) + '.';
  });
  return { docs, y, classNames: [...classNames], n };
}
