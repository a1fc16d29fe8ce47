// Reads one executed notebook into a Lesson: its slug, its front matter (title, description, tags, order) and its cells.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { toString } from 'mdast-util-to-string';
import type { Heading, Nodes, Paragraph, RootContent } from 'mdast';
import { joinSource, validateNotebook, type Cell, type Notebook } from '../runner/notebook';
import { PlacedError } from '../shared/place';
import { parseMarkdown } from './markdown';

/** What a lesson's front matter says about it; derived from `metadata.lesson` or from its first cells. */
export interface LessonMeta {
  slug: string;
  title: string;
  description: string;
  tags: string[];
  /** Publication date, `YYYY-MM-DD`: `metadata.lesson.date`, else derived from `order` (lessonDate); never the clock. */
  date?: string;
  order: number;
  /** The source notebook, relative to the repository root, e.g. `notebooks/01-intro.ipynb`. */
  source: string;
  /** The description is the lesson's first paragraph (so a page need not repeat it above the body). */
  descriptionInBody?: boolean;
}

export interface Lesson {
  meta: LessonMeta;
  /** The executed notebook file this lesson was read from (as given, for messages). */
  file: string;
  notebook: Notebook;
  /** sha256 of the executed notebook's bytes. */
  hash: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `01-Intro to ML.ipynb` -> `01-intro-to-ml`: lower case letters, digits and dashes only. */
export function slugFor(file: string): string {
  const base = path.basename(file).replace(/\.ipynb$/i, '');
  const slug = base.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug || 'lesson';
}

/** The day a lesson with no `metadata.lesson.date` is dated from: lesson N is dated N - 1 days after it. */
export const LESSON_DATE_BASE = Date.UTC(2026, 0, 1);

/**
 * A stable date for a lesson (blogs need one: Docusaurus otherwise asks git, and fails outside a repository).
 * Derived from the reading order, so posts sorted by date are in lesson order, and the same on every machine.
 */
export function lessonDate(order: number): string {
  const days = Number.isFinite(order) && Math.abs(order) <= 36_500 ? Math.round(order) - 1 : 0;
  return new Date(LESSON_DATE_BASE + days * 86_400_000).toISOString().slice(0, 10);
}

/** Cuts plain text to at most `max` characters at a word boundary, adding an ellipsis when it cut. */
export function clip(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

function firstMarkdown(cells: Cell[]): RootContent[] {
  const cell = cells.find((c) => c.cell_type === 'markdown' && joinSource(c.source).trim() !== '');
  return cell ? parseMarkdown(joinSource(cell.source)).children : [];
}

/** Plain text of a paragraph, with inline math kept as `$tex$` (the site typesets it). */
function textWithMath(node: Nodes): string {
  if (node.type === 'inlineMath') return `$${node.value}$`;
  if ('children' in node) return node.children.map((c) => textWithMath(c)).join('');
  return toString(node);
}

/**
 * The lesson's front matter. `metadata.lesson = { title, description, tags, order, date }` wins; otherwise the title is the
 * first `# heading`, the description the first paragraph after it, and the order the file name's number prefix.
 */
export function lessonMeta(nb: Notebook, file: string, source: string): LessonMeta {
  const slug = slugFor(file);
  const given = nb.metadata.lesson;
  if (given !== undefined && !isObject(given)) throw new PlacedError({ file }, 'metadata.lesson must be an object { title, description, tags, order }');
  const lesson = (given ?? {}) as Record<string, unknown>;
  const check = (key: string, ok: boolean, want: string) => {
    if (lesson[key] !== undefined && !ok) throw new PlacedError({ file }, `metadata.lesson.${key} must be ${want}, got ${JSON.stringify(lesson[key])}`);
  };
  check('title', typeof lesson.title === 'string' && lesson.title.trim() !== '', 'a non-empty string');
  check('description', typeof lesson.description === 'string', 'a string');
  check('tags', Array.isArray(lesson.tags) && lesson.tags.every((t) => typeof t === 'string'), 'a list of strings');
  check('order', typeof lesson.order === 'number' && Number.isFinite(lesson.order), 'a number');
  check('date', typeof lesson.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(lesson.date) && !Number.isNaN(Date.parse(lesson.date)), 'a date "YYYY-MM-DD"');

  const blocks = firstMarkdown(nb.cells);
  const h1 = blocks.find((n): n is Heading => n.type === 'heading' && n.depth === 1);
  const para = blocks.find((n): n is Paragraph => n.type === 'paragraph' && (!h1 || blocks.indexOf(n) > blocks.indexOf(h1)));
  const prefix = /^(\d+)[-_ ]/.exec(path.basename(file));
  const order = typeof lesson.order === 'number' ? lesson.order : prefix ? Number(prefix[1]) : Number.MAX_SAFE_INTEGER;
  return {
    slug,
    title: typeof lesson.title === 'string' ? lesson.title.trim() : h1 ? toString(h1).trim() || slug : slug,
    description: clip(typeof lesson.description === 'string' ? lesson.description : para ? textWithMath(para) : ''),
    tags: Array.isArray(lesson.tags) ? [...new Set((lesson.tags as string[]).map((t) => t.trim()).filter(Boolean))] : [],
    date: typeof lesson.date === 'string' ? lesson.date : lessonDate(order),
    order,
    source,
    ...(typeof lesson.description !== 'string' && para ? { descriptionInBody: true } : {}),
  };
}

/** Parses the bytes of an executed notebook; every problem names the file (and the cell where there is one). */
export function readLesson(bytes: Buffer, file: string, source: string): Lesson {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new PlacedError({ file }, `not valid JSON: ${(err as Error).message}`);
  }
  const notebook = validateNotebook(raw, file);
  return { meta: lessonMeta(notebook, file, source), file, notebook, hash: createHash('sha256').update(bytes).digest('hex') };
}

/** Reads each executed notebook once per export: its front matter, its MDX and its page all come from one parse. */
export class LessonReader {
  private readonly lessons = new Map<string, Lesson>();

  read(file: string, shownFile: string, source: string): Lesson {
    let lesson = this.lessons.get(file);
    if (!lesson) {
      lesson = readLesson(readFileSync(file), shownFile, source);
      this.lessons.set(file, lesson);
    }
    return lesson;
  }
}

/** Lessons in reading order: `order`, then slug. */
export function sortLessons<T extends { meta: LessonMeta }>(lessons: T[]): T[] {
  return [...lessons].sort((a, b) => a.meta.order - b.meta.order || (a.meta.slug < b.meta.slug ? -1 : a.meta.slug > b.meta.slug ? 1 : 0));
}
