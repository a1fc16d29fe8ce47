// The learner's kata progress: one JSON file (like the quiz's), parsed strictly, updated immutably.

export type KataStatus = 'started' | 'failed' | 'passed';

export interface KataRecord {
  status: KataStatus;
  /** When `start` (or the first check) started the clock (ISO time). */
  startedAt: string;
  /** Checks run so far. */
  attempts: number;
  /** "passed/total" of the last check, or null before any check. */
  lastResult: string | null;
  /** Seconds from startedAt to the first passing check, or null. */
  secondsToPass: number | null;
}

export interface KataProgress {
  version: 1;
  katas: Record<string, KataRecord>;
}

export function emptyKataProgress(): KataProgress {
  return { version: 1, katas: {} };
}

const STATUSES: readonly KataStatus[] = ['started', 'failed', 'passed'];

/** Validates parsed JSON; a RangeError names the source and the bad field. */
export function parseKataProgress(raw: unknown, source = 'kata progress'): KataProgress {
  const fail = (what: string) => { throw new RangeError(`${source}: ${what}`); };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail('expected a JSON object');
  const o = raw as Record<string, unknown>;
  if (o.version !== 1) fail(`expected "version": 1, got ${JSON.stringify(o.version)}`);
  if (o.katas === null || typeof o.katas !== 'object' || Array.isArray(o.katas)) fail('expected "katas" to be an object');
  const katas: Record<string, KataRecord> = {};
  for (const [id, r] of Object.entries(o.katas as Record<string, unknown>)) {
    const rec = r as Record<string, unknown>;
    if (rec === null || typeof rec !== 'object') fail(`katas["${id}"]: expected an object`);
    if (!STATUSES.includes(rec.status as KataStatus)) fail(`katas["${id}"].status: expected one of ${STATUSES.join(', ')}, got ${JSON.stringify(rec.status)}`);
    if (typeof rec.startedAt !== 'string' || Number.isNaN(Date.parse(rec.startedAt))) fail(`katas["${id}"].startedAt: expected an ISO time`);
    if (!Number.isInteger(rec.attempts) || (rec.attempts as number) < 0) fail(`katas["${id}"].attempts: expected a whole number`);
    if (rec.lastResult !== null && typeof rec.lastResult !== 'string') fail(`katas["${id}"].lastResult: expected a string or null`);
    if (rec.secondsToPass !== null && typeof rec.secondsToPass !== 'number') fail(`katas["${id}"].secondsToPass: expected a number or null`);
    katas[id] = {
      status: rec.status as KataStatus, startedAt: rec.startedAt as string, attempts: rec.attempts as number,
      lastResult: rec.lastResult as string | null, secondsToPass: rec.secondsToPass as number | null,
    };
  }
  return { version: 1, katas };
}

/** Starts (or restarts, unless already passed) the clock for a kata. */
export function recordStart(p: KataProgress, id: string, now: Date, restart = false): KataProgress {
  const old = p.katas[id];
  if (old && !restart) return p;
  return { version: 1, katas: { ...p.katas, [id]: { status: old?.status === 'passed' ? 'passed' : 'started', startedAt: now.toISOString(), attempts: old?.attempts ?? 0, lastResult: old?.lastResult ?? null, secondsToPass: old?.secondsToPass ?? null } } };
}

/** Records one check: a pass keeps the first time-to-pass; a later failure marks the kata failed again. */
export function recordCheck(p: KataProgress, id: string, passed: boolean, result: string, now: Date): KataProgress {
  const started = p.katas[id] ?? recordStart(p, id, now).katas[id];
  const seconds = (now.getTime() - Date.parse(started.startedAt)) / 1000;
  return {
    version: 1,
    katas: {
      ...p.katas,
      [id]: {
        status: passed ? 'passed' : 'failed', startedAt: started.startedAt, attempts: started.attempts + 1, lastResult: result,
        secondsToPass: started.secondsToPass ?? (passed ? Math.round(seconds) : null),
      },
    },
  };
}
