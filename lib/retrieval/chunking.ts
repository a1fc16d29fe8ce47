// Splitting documents into retrieval chunks: fixed-size word windows with overlap, and markdown sections by heading.

export interface Chunk {
  /** The chunk's text. */
  text: string;
  /** Index of the first word (fixed-size) or of the first line (by heading) in the source. */
  start: number;
  /** One past the last word / line. */
  end: number;
  /** The heading the chunk sits under ('' when none). */
  heading: string;
}

export interface FixedChunkOptions {
  /** Words per chunk. */
  size: number;
  /** Words shared by consecutive chunks (so a sentence cut at a boundary is whole in one of them). */
  overlap: number;
}

export const fixedChunkDefaults: Readonly<FixedChunkOptions> = { size: 120, overlap: 20 };

/**
 * Windows of `size` whitespace-separated words, each starting `size - overlap` words after the previous one; the
 * last window ends at the last word. Words are re-joined with single spaces.
 */
export function chunkFixed(text: string, options: Partial<FixedChunkOptions> = {}): Chunk[] {
  if (typeof text !== 'string') throw new TypeError(`expected a string, got ${typeof text}`);
  const o = { ...fixedChunkDefaults, ...options };
  if (!Number.isInteger(o.size) || o.size < 1) throw new RangeError(`expected an integer size >= 1, got size = ${o.size}`);
  if (!Number.isInteger(o.overlap) || o.overlap < 0 || o.overlap >= o.size) throw new RangeError(`expected 0 <= overlap < size = ${o.size}, got overlap = ${o.overlap}`);
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const out: Chunk[] = [];
  const step = o.size - o.overlap;
  for (let start = 0; start < words.length; start += step) {
    const end = Math.min(start + o.size, words.length);
    out.push({ text: words.slice(start, end).join(' '), start, end, heading: '' });
    if (end === words.length) break;
  }
  return out;
}

export interface HeadingChunkOptions {
  /** Split at headings of this level or higher (1 = '#', 2 = '##', ...). */
  maxLevel: number;
  /** Sections longer than this many words are split further into fixed-size windows (0: never). */
  maxWords: number;
  /** Overlap of those windows. */
  overlap: number;
}

export const headingChunkDefaults: Readonly<HeadingChunkOptions> = { maxLevel: 3, maxWords: 0, overlap: 0 };

/**
 * Markdown sections: a new chunk starts at every ATX heading line ('#'..'###' by default) outside fenced code, and
 * keeps the heading as its first line (headings carry the words a query is likely to use). Empty sections are dropped.
 */
export function chunkByHeading(markdown: string, options: Partial<HeadingChunkOptions> = {}): Chunk[] {
  if (typeof markdown !== 'string') throw new TypeError(`expected a string, got ${typeof markdown}`);
  const o = { ...headingChunkDefaults, ...options };
  if (!Number.isInteger(o.maxLevel) || o.maxLevel < 1 || o.maxLevel > 6) throw new RangeError(`expected 1 <= maxLevel <= 6, got maxLevel = ${o.maxLevel}`);
  if (!Number.isInteger(o.maxWords) || o.maxWords < 0) throw new RangeError(`expected an integer maxWords >= 0, got maxWords = ${o.maxWords}`);
  const lines = markdown.split('\n');
  const sections: Chunk[] = [];
  let current: { start: number; heading: string; lines: string[] } = { start: 0, heading: '', lines: [] };
  let inFence = false;
  const flush = (end: number) => {
    const text = current.lines.join('\n').trim();
    if (text.length > 0) sections.push({ text, start: current.start, end, heading: current.heading });
  };
  lines.forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const m = inFence ? null : /^(#{1,6})\s+(.*)$/.exec(line);
    if (m && m[1].length <= o.maxLevel) {
      flush(i);
      current = { start: i, heading: m[2].trim(), lines: [] };
    }
    current.lines.push(line);
  });
  flush(lines.length);
  if (o.maxWords === 0) return sections;
  const out: Chunk[] = [];
  for (const s of sections) {
    const words = s.text.split(/\s+/).filter((w) => w.length > 0);
    if (words.length <= o.maxWords) { out.push(s); continue; }
    for (const c of chunkFixed(s.text, { size: o.maxWords, overlap: o.overlap })) out.push({ ...c, start: s.start, end: s.end, heading: s.heading });
  }
  return out;
}
