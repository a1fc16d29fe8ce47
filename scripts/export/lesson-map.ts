// The lesson map (site/lesson-map.json): which lessons a lesson builds on, and which build on it, among the lessons on the site.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './options';

export const LESSON_MAP_FILE = path.join(REPO_ROOT, 'site', 'lesson-map.json');

export type LessonMap = Map<string, string[]>;

/** Reads the map; a malformed file is an error naming it (the export reports it and goes on without links). */
export function readLessonMap(file = LESSON_MAP_FILE): LessonMap {
  const shown = path.relative(process.cwd(), file) || file;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${shown}: cannot read the lesson map: ${(err as Error).message}`);
  }
  const buildsOn = (raw as { buildsOn?: unknown } | null)?.buildsOn;
  if (typeof buildsOn !== 'object' || buildsOn === null || Array.isArray(buildsOn)) throw new TypeError(`${shown}: expected an object "buildsOn": { "<slug>": ["<slug>", ...] }`);
  const map: LessonMap = new Map();
  for (const [slug, list] of Object.entries(buildsOn)) {
    if (!Array.isArray(list) || !list.every((s): s is string => typeof s === 'string')) throw new TypeError(`${shown}: buildsOn["${slug}"] must be a list of lesson slugs`);
    if (list.includes(slug)) throw new RangeError(`${shown}: lesson "${slug}" cannot build on itself`);
    map.set(slug, list);
  }
  return map;
}

/** The lessons `slug` builds on and the lessons that build on it, in reading order, limited to `onSite`. */
export function linksOf(map: LessonMap, slug: string, onSite: readonly string[]): { buildsOn: string[]; leadsTo: string[] } {
  const here = new Set(onSite);
  const order = (xs: string[]) => onSite.filter((s) => xs.includes(s));
  const buildsOn = here.has(slug) ? order((map.get(slug) ?? []).filter((s) => here.has(s))) : [];
  const leadsTo = order([...map].filter(([, deps]) => deps.includes(slug)).map(([s]) => s));
  return { buildsOn, leadsTo };
}
