// The kata registry: every kata, looked up by id, listed in question-bank section order.
import { SECTIONS } from '../interview/question-bank';
import { CONTENT_KATAS } from './registry-content';
import { CORE_KATAS } from './registry-core';
import type { Kata } from './types';

export type { Kata } from './types';

const DIFFICULTY_ORDER = { easy: 0, medium: 1, hard: 2 } as const;

/** All katas, sorted by section (bank order), then difficulty, then id. */
export const KATAS: readonly Kata[] = [...CORE_KATAS, ...CONTENT_KATAS].sort((a, b) =>
  SECTIONS.indexOf(a.section) - SECTIONS.indexOf(b.section)
  || DIFFICULTY_ORDER[a.difficulty] - DIFFICULTY_ORDER[b.difficulty]
  || a.id.localeCompare(b.id));

/** The kata with this id; a RangeError listing the known ids otherwise. */
export function getKata(id: string): Kata {
  const k = KATAS.find((x) => x.id === id);
  if (!k) throw new RangeError(`unknown kata "${id}"; known katas: ${KATAS.map((x) => x.id).join(', ')}`);
  return k;
}

/** The katas of one question-bank section. */
export function katasOfSection(section: string): Kata[] {
  return KATAS.filter((k) => k.section === section);
}
