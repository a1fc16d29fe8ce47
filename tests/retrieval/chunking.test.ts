// Tests for lib/retrieval/chunking: fixed windows with overlap (every word covered, overlaps exact), markdown sections by heading.
import { describe, expect, it } from 'vitest';
import { chunkByHeading, chunkFixed } from '../../lib/retrieval/chunking';

describe('chunking', () => {
  it('fixed-size windows overlap by exactly `overlap` words and cover the text', () => {
    const text = Array.from({ length: 23 }, (_, i) => `w${i}`).join(' \n ');
    const chunks = chunkFixed(text, { size: 10, overlap: 3 });
    expect(chunks.map((c) => [c.start, c.end])).toEqual([[0, 10], [7, 17], [14, 23]]);
    expect(chunks[1].text.split(' ').slice(0, 3)).toEqual(chunks[0].text.split(' ').slice(7));
    expect(chunkFixed('a b c', { size: 10, overlap: 0 })).toHaveLength(1);
    expect(chunkFixed('   ')).toEqual([]);
  });
  it('splits markdown at headings, not inside code fences', () => {
    const md = 'intro line\n# One\ntext 1\n```\n# not a heading\n```\n## Two\ntext 2\n#### deep\nmore';
    const chunks = chunkByHeading(md);
    expect(chunks.map((c) => c.heading)).toEqual(['', 'One', 'Two']);
    expect(chunks[1].text).toContain('# not a heading');
    expect(chunks[2].text).toBe('## Two\ntext 2\n#### deep\nmore');
    expect(chunks.map((c) => [c.start, c.end])).toEqual([[0, 1], [1, 6], [6, 10]]);
    const long = chunkByHeading('# H\n' + 'x '.repeat(25), { maxWords: 10, overlap: 2 });
    expect(long.length).toBe(4);
    expect(long.every((c) => c.heading === 'H')).toBe(true);
  });
  it('errors', () => {
    expect(() => chunkFixed('a', { size: 5, overlap: 5 })).toThrow(/overlap < size = 5, got overlap = 5/);
    expect(() => chunkFixed(3 as unknown as string)).toThrow(TypeError);
    expect(() => chunkByHeading('x', { maxLevel: 0 })).toThrow(/maxLevel/);
  });
});
