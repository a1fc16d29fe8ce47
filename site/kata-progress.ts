// Kata progress in the browser: the terminal's kata-progress JSON in localStorage, beside the quiz's progress that failed katas feed (weak spots), with export and import as one file.
import { emptyProgress as emptyQuizProgress, mark, type Progress as QuizProgress } from '../lib/interview/spaced-repetition';
import { emptyKataProgress, parseKataProgress, recordCheck, recordStart, type KataProgress } from '../lib/katas/progress';

/** The exported file: both progress records, each in the shape of the terminal's own file. */
export interface ProgressFile {
  schema: 'ml-interview-notebooks/progress@1';
  exportedAt: string;
  katas: KataProgress;
  quiz: QuizProgress;
}

export const kataKey = (quizKey: string) => `${quizKey}:katas`;
export const codeKey = (quizKey: string, id: string) => `${quizKey}:kata-code:${id}`;

function read(key: string): unknown {
  try {
    const text = window.localStorage.getItem(key);
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): boolean {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** The quiz's progress as quiz.js reads it (anything else counts as none, as the quiz does). */
function parseQuiz(raw: unknown): QuizProgress | null {
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as Record<string, unknown>;
  if (o.version !== 1 || typeof o.step !== 'number' || !Number.isInteger(o.step) || o.step < 0) return null;
  if (!o.cards || typeof o.cards !== 'object' || Array.isArray(o.cards)) return null;
  for (const c of Object.values(o.cards as Record<string, unknown>)) {
    const card = c as { box?: unknown; due?: unknown } | null;
    if (!card || ![1, 2, 3, 4, 5].includes(card.box as number) || !Number.isInteger(card.due)) return null;
  }
  return raw as QuizProgress;
}

export function loadKatas(quizKey: string): KataProgress {
  try {
    return parseKataProgress(read(kataKey(quizKey)) ?? emptyKataProgress(), 'stored kata progress');
  } catch {
    return emptyKataProgress();
  }
}

export function loadQuiz(quizKey: string): QuizProgress {
  return parseQuiz(read(quizKey)) ?? emptyQuizProgress();
}

/** Starts the kata's clock (first edit), as `npm run kata -- start` does. */
export function noteStarted(quizKey: string, id: string): void {
  const p = loadKatas(quizKey);
  if (!p.katas[id]) write(kataKey(quizKey), recordStart(p, id, new Date()));
}

/**
 * Records a check. A kata that starts failing marks its interview questions "again" in the quiz's progress, so the
 * quiz brings them back soon (the weak-spot weighting the quiz and the terminal mock interview share); a check that
 * fails again does not mark them twice. The starter's "not implemented" is not a failure.
 */
export function noteCheck(quizKey: string, id: string, questions: readonly string[], r: { passed: boolean; notImplemented: boolean; passedCount: number; total: number }): boolean {
  if (r.notImplemented) return true;
  const before = loadKatas(quizKey);
  const wasFailing = before.katas[id]?.status === 'failed';
  const ok = write(kataKey(quizKey), recordCheck(before, id, r.passed, `${r.passedCount}/${r.total}`, new Date()));
  if (!r.passed && !wasFailing && questions.length > 0) {
    let quiz = loadQuiz(quizKey);
    for (const q of questions) quiz = mark(quiz, q, 'again');
    write(quizKey, quiz);
  }
  return ok;
}

export function exportFile(quizKey: string): ProgressFile {
  return { schema: 'ml-interview-notebooks/progress@1', exportedAt: new Date().toISOString(), katas: loadKatas(quizKey), quiz: loadQuiz(quizKey) };
}

/**
 * Imports a file written by exportFile, or the terminal's kata-progress.json or quiz-progress.json alone. Imported
 * records replace the stored ones (per kata; the quiz progress as a whole). Throws a RangeError naming what is wrong.
 */
export function importFile(quizKey: string, text: string): { katas: number; quiz: boolean } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new RangeError(`not a JSON file: ${(err as Error).message}`);
  }
  const o = (raw ?? {}) as Record<string, unknown>;
  let katas: KataProgress | null = null;
  let quiz: QuizProgress | null = null;
  if (o.schema === 'ml-interview-notebooks/progress@1') {
    katas = parseKataProgress(o.katas, 'the file\'s "katas"');
    quiz = parseQuiz(o.quiz);
    if (!quiz) throw new RangeError('the file\'s "quiz" is not quiz progress ({ "version": 1, "step", "cards" })');
  } else if (o.version === 1 && 'katas' in o) {
    katas = parseKataProgress(o, 'kata progress');
  } else if (o.version === 1 && 'cards' in o) {
    quiz = parseQuiz(o);
    if (!quiz) throw new RangeError('quiz progress with a malformed card');
  } else {
    throw new RangeError('expected an exported progress file, a kata-progress.json or a quiz-progress.json');
  }
  if (katas) {
    const merged = loadKatas(quizKey);
    write(kataKey(quizKey), { version: 1, katas: { ...merged.katas, ...katas.katas } });
  }
  if (quiz) write(quizKey, quiz);
  return { katas: katas ? Object.keys(katas.katas).length : 0, quiz: quiz !== null };
}

export { write as writeStored, read as readStored };
