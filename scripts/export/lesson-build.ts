// Builds one lesson in two steps: its MDX and assets, then its page body and downloadable notebook.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compile } from '@mdx-js/mdx';
import { PlacedError, messageWithPlace, type Place } from '../shared/place';
import { REMARK_PLUGINS, compileForSite, type TocEntry } from './compile';
import { downloadCopy } from './download';
import { LessonReader, type Lesson } from './lesson';
import { renderBody } from './render';
import { timed } from './timings';
import { lessonToMdx, type MdxDocument } from './to-mdx';

export interface LessonBuildTask {
  /** The executed notebook, and how messages name it. */
  file: string;
  shownFile: string;
  /** The lesson's `source` in its front matter, e.g. `notebooks/01-intro.ipynb`. */
  source: string;
  slug: string;
  /**
   * `mdx`: write the lesson's MDX and assets into `mdxDir`. `page`: compile that MDX and render the page body, and
   * write the download copy into `siteDir`.
   */
  step: 'mdx' | 'page';
  mdxDir: string;
  /** The new site folder: the download copy goes to `notebooks/<slug>.ipynb` in it. */
  siteDir: string;
  /** Slugs of all lessons on the site (links between lessons). */
  slugs: string[];
}

export type LessonBuildResult =
  | { ok: true; warnings: string[]; page?: { body: string; toc: TocEntry[]; hasMath: boolean; hasCharts: boolean } }
  | { ok: false; error: string; warnings: string[] };

/** Finds the cell behind an MDX compile error by compiling each cell's own MDX; the notebook alone if none fails. */
async function locate(doc: MdxDocument, file: string): Promise<Place> {
  for (const cell of doc.cells) {
    try {
      await compile(cell.mdx, { remarkPlugins: REMARK_PLUGINS });
    } catch {
      return cell.place;
    }
  }
  return { file };
}

function writeAssets(dir: string, assets: Map<string, Buffer>): void {
  for (const [rel, data] of assets) {
    const to = path.join(dir, rel);
    mkdirSync(path.dirname(to), { recursive: true });
    writeFileSync(to, data);
  }
}

/**
 * Every failure is returned as a message naming the notebook and, where it can be found, the cell; a lesson whose
 * page cannot be built leaves no MDX behind, so the exported folder never holds MDX that does not compile.
 */
export async function buildLesson(task: LessonBuildTask, lessons = new LessonReader()): Promise<LessonBuildResult> {
  const warnings: string[] = [];
  const mdxFile = path.join(task.mdxDir, `${task.slug}.mdx`);
  let lesson: Lesson;
  try {
    lesson = timed('read notebook', () => lessons.read(task.file, task.shownFile, task.source));
    if (task.step === 'mdx') {
      const doc = timed('2. lessonToMdx', () => lessonToMdx(lesson));
      warnings.push(...doc.warnings);
      writeFileSync(mdxFile, doc.mdx);
      writeAssets(path.join(task.mdxDir, 'assets'), doc.assets);
      return { ok: true, warnings };
    }
  } catch (err) {
    return { ok: false, error: messageWithPlace(err, { file: task.shownFile }), warnings };
  }
  try {
    let compiled;
    try {
      compiled = await timed('3. compileForSite', () => compileForSite(readFileSync(mdxFile, 'utf8'), mdxFile, { mdxDir: task.mdxDir, slugs: new Set(task.slugs) }));
    } catch (err) {
      const place = await locate(lessonToMdx(lesson), task.shownFile);
      throw new PlacedError(place, `the MDX does not compile: ${(err as Error).message}`);
    }
    const body = await timed('3. renderBody', () => renderBody(compiled, mdxFile));
    mkdirSync(path.join(task.siteDir, 'notebooks'), { recursive: true });
    writeFileSync(path.join(task.siteDir, 'notebooks', `${task.slug}.ipynb`), downloadCopy(lesson.notebook));
    return { ok: true, warnings, page: { body, toc: compiled.toc, hasMath: compiled.hasMath, hasCharts: compiled.hasCharts } };
  } catch (err) {
    rmSync(mdxFile, { force: true });
    rmSync(path.join(task.mdxDir, 'assets', task.slug), { recursive: true, force: true });
    return { ok: false, error: messageWithPlace(err, { file: task.shownFile }), warnings };
  }
}
