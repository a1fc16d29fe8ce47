// Picks a mock interview: two katas and five bank questions, weighted towards the learner's weak spots, from a seed.
import { rngFrom } from '../core/random';
import type { Question } from '../interview/question-bank';
import type { Progress } from '../interview/spaced-repetition';
import type { KataProgress } from './progress';
import type { Kata } from './types';

/** Weights: a failed kata or an "again" question is 4 times as likely as a new one; a mastered one a quarter. */
export const WEAK_WEIGHT = 4;
export const NEW_WEIGHT = 1;
export const KNOWN_WEIGHT = 0.25;

export function kataWeight(id: string, progress: KataProgress): number {
  const r = progress.katas[id];
  if (!r) return NEW_WEIGHT;
  return r.status === 'passed' ? KNOWN_WEIGHT : WEAK_WEIGHT;
}

export function questionWeight(id: string, quiz: Progress): number {
  const c = quiz.cards[id];
  if (!c) return NEW_WEIGHT;
  return c.box === 1 ? WEAK_WEIGHT : KNOWN_WEIGHT * (c.box <= 2 ? 2 : 1);
}

/** `count` distinct items drawn with probability proportional to weight (without replacement), in draw order. */
export function weightedSample<T>(items: readonly T[], weight: (t: T) => number, count: number, seed: number): T[] {
  const rng = rngFrom(seed);
  const pool = items.slice();
  const out: T[] = [];
  while (out.length < count && pool.length > 0) {
    const i = rng.weightedIndex(pool.map(weight));
    out.push(pool[i]);
    pool.splice(i, 1);
  }
  return out;
}

export interface InterviewPlan {
  katas: Kata[];
  questions: Question[];
}

export function planInterview(katas: readonly Kata[], questions: readonly Question[], kataProgress: KataProgress, quiz: Progress, seed: number, counts = { katas: 2, questions: 5 }): InterviewPlan {
  return {
    katas: weightedSample(katas, (k) => kataWeight(k.id, kataProgress), counts.katas, seed),
    questions: weightedSample(questions, (q) => questionWeight(q.id, quiz), counts.questions, seed + 1),
  };
}
