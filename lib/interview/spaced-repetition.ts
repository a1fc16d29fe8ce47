// Leitner-box spaced repetition for the question bank (shared rule of the terminal drill; site/quiz.js repeats it in plain JS).

/**
 * THE RULE (kept tiny on purpose; `site/quiz.js` implements the same lines and a test runs both side by side):
 *
 * - Time is counted in cards answered: `progress.step` goes up by one with every mark.
 * - Five Leitner boxes. A card never marked is "new" (in no box).
 * - Mark **again**: the card goes to box 1 and is due `GAPS[1] = 2` steps later, so it comes back after two other cards.
 * - Mark **known**: the card moves up one box (a new card counts as box 1, so it lands in box 2; box 5 stays 5) and is
 *   due `GAPS[box]` steps later: 6, 15, 40 or 100 cards.
 * - The next card: the most overdue card that is due (smallest `due`, then lower box, then deck order); if none is
 *   due, the first new card in deck order; if there is no new card either, the card that falls due soonest.
 *
 * Progress is plain JSON, the same shape in the terminal's progress file and the browser's localStorage:
 * `{ "version": 1, "step": 12, "cards": { "<question id>": { "box": 2, "due": 18 } } }`.
 */
export const GAPS: Readonly<Record<Box, number>> = Object.freeze({ 1: 2, 2: 6, 3: 15, 4: 40, 5: 100 });

export type Box = 1 | 2 | 3 | 4 | 5;
export type Mark = 'known' | 'again';

export interface CardState {
  box: Box;
  /** The step at which the card is due again. */
  due: number;
}

export interface Progress {
  version: 1;
  /** Cards answered so far (all decks together). */
  step: number;
  cards: Record<string, CardState>;
}

export const PROGRESS_VERSION = 1;
export const MAX_BOX: Box = 5;

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, step: 0, cards: {} };
}

/** Records a mark for card `id` and returns the new progress (the argument is not changed). */
export function mark(progress: Progress, id: string, what: Mark): Progress {
  if (typeof id !== 'string' || id === '') throw new TypeError(`expected a question id, got ${JSON.stringify(id)}`);
  if (what !== 'known' && what !== 'again') throw new RangeError(`expected the mark "known" or "again", got ${JSON.stringify(what)}`);
  const step = progress.step + 1;
  const before = progress.cards[id]?.box ?? 1;
  const box = (what === 'again' ? 1 : Math.min(before + 1, MAX_BOX)) as Box;
  return { version: PROGRESS_VERSION, step, cards: { ...progress.cards, [id]: { box, due: step + GAPS[box] } } };
}

/** The id of the card to show next from `deck` (question ids in deck order), or undefined for an empty deck. */
export function nextCard(progress: Progress, deck: readonly string[]): string | undefined {
  let dueBest: string | undefined;
  let soonest: string | undefined;
  for (const id of deck) {
    const c = progress.cards[id];
    if (!c) continue;
    const better = (other: string | undefined) => {
      if (other === undefined) return true;
      const o = progress.cards[other];
      return c.due < o.due || (c.due === o.due && c.box < o.box);
    };
    if (c.due <= progress.step && better(dueBest)) dueBest = id;
    if (better(soonest)) soonest = id;
  }
  if (dueBest !== undefined) return dueBest;
  const fresh = deck.find((id) => !progress.cards[id]);
  return fresh ?? soonest;
}

/** The order in which `count` cards would be shown if each were marked as `marks(id)` says (for previews and tests). */
export function simulate(progress: Progress, deck: readonly string[], count: number, marks: (id: string, round: number) => Mark): { order: string[]; progress: Progress } {
  let p = progress;
  const order: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = nextCard(p, deck);
    if (id === undefined) break;
    order.push(id);
    p = mark(p, id, marks(id, i));
  }
  return { order, progress: p };
}

const isBox = (v: unknown): v is Box => v === 1 || v === 2 || v === 3 || v === 4 || v === 5;

/**
 * Reads progress from parsed JSON. Throws a RangeError naming the problem when it is not quiz progress (so a user's
 * file is never silently replaced); `source` names the file in the message.
 */
export function parseProgress(raw: unknown, source = 'progress'): Progress {
  const fail = (why: string): never => {
    throw new RangeError(`${source}: not quiz progress (${why})`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('expected a JSON object');
  const r = raw as Record<string, unknown>;
  if (r.version !== PROGRESS_VERSION) fail(`expected "version": ${PROGRESS_VERSION}, got ${JSON.stringify(r.version)}`);
  if (typeof r.step !== 'number' || !Number.isInteger(r.step) || r.step < 0) fail(`"step" must be a non-negative integer, got ${JSON.stringify(r.step)}`);
  if (typeof r.cards !== 'object' || r.cards === null || Array.isArray(r.cards)) return fail('"cards" must be an object');
  const cards: Record<string, CardState> = {};
  for (const [id, c] of Object.entries(r.cards as Record<string, unknown>)) {
    const s = c as Record<string, unknown> | null;
    if (typeof s !== 'object' || s === null || !isBox(s.box) || typeof s.due !== 'number' || !Number.isInteger(s.due)) {
      fail(`card ${JSON.stringify(id)} must be { "box": 1..5, "due": integer }, got ${JSON.stringify(c)}`);
    }
    cards[id] = { box: (s as { box: Box }).box, due: (s as { due: number }).due };
  }
  return { version: PROGRESS_VERSION, step: r.step as number, cards };
}

/** Counts per box (0 = new) of the cards in `deck`. */
export function boxCounts(progress: Progress, deck: readonly string[]): [number, number, number, number, number, number] {
  const counts: [number, number, number, number, number, number] = [0, 0, 0, 0, 0, 0];
  for (const id of deck) counts[progress.cards[id]?.box ?? 0] += 1;
  return counts;
}
