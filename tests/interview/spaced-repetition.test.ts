// The Leitner spaced-repetition rule: hand-worked sequences, the progress format, errors, and the same rule in site/quiz.js.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../lib/core/random';
import { GAPS, boxCounts, emptyProgress, mark, nextCard, parseProgress, simulate, type Mark, type Progress } from '../../lib/interview/spaced-repetition';

const deck = ['a', 'b', 'c', 'd', 'e'];

describe('marking', () => {
  it('"again" puts a card in box 1, due 2 steps later; "known" moves it up one box (new cards count as box 1)', () => {
    let p = emptyProgress();
    p = mark(p, 'a', 'again');
    expect(p).toEqual({ version: 1, step: 1, cards: { a: { box: 1, due: 3 } } });
    p = mark(p, 'b', 'known');
    expect(p.cards.b).toEqual({ box: 2, due: 2 + GAPS[2] });
    p = mark(p, 'b', 'known');
    p = mark(p, 'b', 'known');
    p = mark(p, 'b', 'known');
    expect(p.cards.b.box).toBe(5);
    p = mark(p, 'b', 'known');
    expect(p.cards.b).toEqual({ box: 5, due: 6 + GAPS[5] });
    p = mark(p, 'b', 'again');
    expect(p.cards.b).toEqual({ box: 1, due: 7 + 2 });
  });

  it('does not change the progress it is given', () => {
    const p = emptyProgress();
    const q = mark(p, 'a', 'known');
    expect(p).toEqual(emptyProgress());
    expect(q).not.toBe(p);
  });

  it('rejects bad ids and marks', () => {
    expect(() => mark(emptyProgress(), '', 'known')).toThrow(TypeError);
    expect(() => mark(emptyProgress(), 'a', 'maybe' as Mark)).toThrow(/expected the mark "known" or "again", got "maybe"/);
  });
});

describe('choosing the next card', () => {
  it('shows new cards in deck order, and a card marked "again" comes back after two other cards', () => {
    const { order } = simulate(emptyProgress(), deck, 8, (id, round) => (id === 'a' && round === 0 ? 'again' : 'known'));
    // a (again, due at step 3), b, c, then a is due; then d, e.
    expect(order.slice(0, 6)).toEqual(['a', 'b', 'c', 'a', 'd', 'e']);
  });

  it('known cards wait longer the higher their box', () => {
    const { order } = simulate(emptyProgress(), ['a', 'b', 'c'], 30, () => 'known');
    // Each card is seen once, then repeatedly with growing gaps (6, 15, 40 ...): a card's repeats thin out.
    const seen = (id: string) => order.flatMap((x, i) => (x === id ? [i] : []));
    const gaps = seen('a').slice(1).map((i, k) => i - seen('a')[k]);
    for (let k = 1; k < gaps.length; k++) expect(gaps[k]).toBeGreaterThanOrEqual(gaps[k - 1]);
  });

  it('prefers the most overdue card, then the lower box, then deck order', () => {
    const p = { version: 1 as const, step: 10, cards: { a: { box: 3 as const, due: 9 }, b: { box: 1 as const, due: 8 }, c: { box: 2 as const, due: 8 }, d: { box: 1 as const, due: 12 } } };
    expect(nextCard(p, ['a', 'b', 'c', 'd', 'e'])).toBe('b');
    expect(nextCard(p, ['a', 'c', 'd', 'e'])).toBe('c');
    expect(nextCard(p, ['c', 'b'])).toBe('b');
    // Nothing due: the first new card; no new card either: the one due soonest.
    expect(nextCard(p, ['d', 'e'])).toBe('e');
    expect(nextCard(p, ['d'])).toBe('d');
    expect(nextCard(p, [])).toBeUndefined();
  });

  it('a single-card deck keeps showing that card', () => {
    const { order } = simulate(emptyProgress(), ['x'], 4, () => 'known');
    expect(order).toEqual(['x', 'x', 'x', 'x']);
  });

  it('counts cards per box (0 = new)', () => {
    const { progress } = simulate(emptyProgress(), deck, 3, (id) => (id === 'a' ? 'again' : 'known'));
    expect(boxCounts(progress, deck)).toEqual([2, 1, 2, 0, 0, 0]);
  });
});

describe('the progress format', () => {
  it('round-trips through JSON', () => {
    const { progress } = simulate(emptyProgress(), deck, 7, (id) => (id === 'c' ? 'again' : 'known'));
    expect(parseProgress(JSON.parse(JSON.stringify(progress)))).toEqual(progress);
  });

  it('refuses anything that is not quiz progress, saying why', () => {
    expect(() => parseProgress([], 'f.json')).toThrow(/^f\.json: not quiz progress \(expected a JSON object\)/);
    expect(() => parseProgress({ version: 2, step: 0, cards: {} })).toThrow(/expected "version": 1, got 2/);
    expect(() => parseProgress({ version: 1, step: -1, cards: {} })).toThrow(/"step" must be a non-negative integer/);
    expect(() => parseProgress({ version: 1, step: 0, cards: [] })).toThrow(/"cards" must be an object/);
    expect(() => parseProgress({ version: 1, step: 0, cards: { a: { box: 6, due: 1 } } })).toThrow(/card "a" must be/);
    expect(() => parseProgress({ version: 1, step: 0, cards: { a: { box: 1, due: 1.5 } } })).toThrow(/card "a" must be/);
  });
});

describe('site/quiz.js follows the same rule', () => {
  // The page's script cannot import TypeScript, so it repeats the rule; here both run on the same marks.
  interface JsScheduler {
    GAPS: Record<number, number>;
    emptyProgress(): Progress;
    mark(p: Progress, id: string, what: Mark): Progress;
    nextCard(p: Progress, deck: string[]): string | undefined;
    parseProgress(raw: unknown): Progress | null;
  }
  const loadJs = (): JsScheduler => {
    const window: { mlQuizScheduler?: JsScheduler } = {};
    const document = { getElementById: () => null };
    runInNewContext(readFileSync(path.join(__dirname, '..', '..', 'site', 'quiz.js'), 'utf8'), { window, document });
    if (!window.mlQuizScheduler) throw new Error('site/quiz.js did not define window.mlQuizScheduler');
    return window.mlQuizScheduler;
  };

  it('has the same gaps', () => {
    expect({ ...loadJs().GAPS }).toEqual({ ...GAPS });
  });

  it('chooses the same cards and records the same progress over 2,000 random marks on several decks', () => {
    const js = loadJs();
    const rng = new Rng(7);
    for (const size of [1, 2, 5, 30]) {
      const cards = Array.from({ length: size }, (_, i) => `q${i}`);
      let ts = emptyProgress();
      let jsp = js.emptyProgress();
      for (let i = 0; i < 500; i++) {
        // Sometimes a sub-deck (a section or difficulty filter), as the page and the terminal allow.
        const deck = rng.random() < 0.2 ? cards.filter(() => rng.random() < 0.5) : cards;
        const a = nextCard(ts, deck);
        expect(js.nextCard(jsp, deck)).toBe(a);
        if (a === undefined) continue;
        const what: Mark = rng.random() < 0.3 ? 'again' : 'known';
        ts = mark(ts, a, what);
        jsp = js.mark(jsp, a, what);
        expect(JSON.parse(JSON.stringify(jsp))).toEqual(ts);
      }
      expect(JSON.parse(JSON.stringify(js.parseProgress(JSON.parse(JSON.stringify(ts)))))).toEqual(parseProgress(JSON.parse(JSON.stringify(ts))));
    }
  });

  it('rejects the same malformed progress (the page then starts afresh)', () => {
    const js = loadJs();
    for (const bad of [[], { version: 2, step: 0, cards: {} }, { version: 1, step: -1, cards: {} }, { version: 1, step: 0, cards: [] }, { version: 1, step: 0, cards: { a: { box: 6, due: 1 } } }, { version: 1, step: 0.5, cards: {} }]) {
      expect(js.parseProgress(bad)).toBeNull();
      expect(() => parseProgress(bad)).toThrow(RangeError);
    }
  });
});
