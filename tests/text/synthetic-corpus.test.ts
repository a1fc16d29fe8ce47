// Tests for lib/text/synthetic-corpus: seeded and reproducible, balanced classes, lengths within bounds, topic words dominate.
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../lib/text/bag-of-words';
import { COMMON_WORDS, TOPIC_WORDS, makeTextCorpus } from '../../lib/text/synthetic-corpus';

describe('makeTextCorpus', () => {
  it('same seed, same corpus; balanced classes; 6-14 words per document', () => {
    const a = makeTextCorpus({ n: 90, seed: 1 }), b = makeTextCorpus({ n: 90, seed: 1 }), c = makeTextCorpus({ n: 90, seed: 2 });
    expect(a.docs).toEqual(b.docs);
    expect(a.docs).not.toEqual(c.docs);
    expect(a.classNames).toEqual(['sport', 'cooking', 'tech']);
    for (let k = 0; k < 3; k++) expect(a.y.filter((v) => v === k).length).toBe(30);
    for (const d of a.docs) {
      const words = d.slice(0, -1).toLowerCase().split(' ');
      expect(words.length).toBeGreaterThanOrEqual(6);
      expect(words.length).toBeLessThanOrEqual(14);
      expect(d.endsWith('.')).toBe(true);
    }
  });

  it('about 40% of words come from the document\'s own topic', () => {
    const corpus = makeTextCorpus({ n: 600, seed: 3 });
    let own = 0, total = 0;
    const names = corpus.classNames as (keyof typeof TOPIC_WORDS)[];
    corpus.docs.forEach((d, i) => {
      for (const w of d.slice(0, -1).toLowerCase().split(' ')) {
        total++;
        if (TOPIC_WORDS[names[corpus.y[i]]].includes(w)) own++;
        else expect(COMMON_WORDS.includes(w) || names.some((n) => TOPIC_WORDS[n].includes(w))).toBe(true);
      }
    });
    expect(Math.abs(own / total - 0.42)).toBeLessThan(0.03); // 0.4 drawn from the topic + shared words drawn elsewhere
    expect(tokenize(corpus.docs[0]).length).toBeGreaterThan(0);
  });

  it('errors', () => {
    expect(() => makeTextCorpus({ n: 0, seed: 1 })).toThrow(RangeError);
    expect(() => makeTextCorpus({ length: [5, 2], seed: 1 })).toThrow(RangeError);
    expect(() => makeTextCorpus({ topicShare: 0.8, otherShare: 0.3, seed: 1 })).toThrow(RangeError);
  });
});
