// Orchestrates an export: executed notebooks -> build/mdx (MDX + assets) -> build/site (static pages), incrementally and atomically.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compile } from '@mdx-js/mdx';
import { PlacedError, formatPlace, type Place } from '../shared/place';
import { listNotebooks, readCache, sha256, upToDate, type CachedLesson, type ExportCache } from './cache';
import { REMARK_PLUGINS, compileForSite, type CompiledLesson } from './compile';
import { readLesson, sortLessons, type Lesson, type LessonMeta } from './lesson';
import { renderBody, renderIndexPage, renderLessonPage } from './render';
import { exportFingerprint, resolveOptions, type ExportOptions } from './options';
import { SITE_ASSETS, staticFiles } from './site-assets';
import { discardTemp, linkOrCopy, linkTree, recover, startTemp, swapIn } from './swap';
import { downloadCopy } from './download';
import { lessonToMdx, type MdxDocument } from './to-mdx';
import { planCheatsheet } from './cheatsheet-page';
import { planQuizPage } from './quiz-page';

export interface ExportReport {
  /** Slugs of the lessons on the site, in reading order. */
  lessons: string[];
  /** Pages rendered in this run, and pages carried over unchanged. */
  built: string[];
  reused: string[];
  errors: string[];
  warnings: string[];
  /** Nothing had changed: no file was touched. */
  upToDate: boolean;
}

interface Entry {
  rel: string;
  file: string;
  size: number;
  mtimeMs: number;
  hash: string;
  meta: LessonMeta;
  lesson?: Lesson;
  doc?: MdxDocument;
  mdxKey: string;
  pageKey: string;
  body?: string;
  compiled?: CompiledLesson;
  hasCharts: boolean;
}

const shown = (file: string) => path.relative(process.cwd(), file) || file;
const numberOf = (slug: string) => /^(\d+)-/.exec(slug)?.[1];

function describeError(err: unknown, fallback: Place): string {
  if (err instanceof PlacedError) return err.message;
  return `${formatPlace(fallback)}: ${(err as Error).message ?? String(err)}`;
}

/** Finds the cell behind an MDX compile error by compiling each cell's own MDX; the notebook alone if none fails. */
async function locate(doc: MdxDocument | undefined, file: string): Promise<Place> {
  for (const cell of doc?.cells ?? []) {
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

export type { ExportOptions };

/** Exports every executed notebook under `notebooksDir`. Errors are collected per notebook; the rest is still built. */
export async function exportNotebooks(options: ExportOptions): Promise<ExportReport> {
  const o = resolveOptions(options);
  const report: ExportReport = { lessons: [], built: [], reused: [], errors: [], warnings: [], upToDate: false };
  recover(o.mdxDir);
  recover(o.siteDir);
  const fp = exportFingerprint(o);
  if (!existsSync(o.notebooksDir)) {
    report.errors.push(`${shown(o.notebooksDir)}: no such folder of executed notebooks (run "npm run notebooks" first)`);
    return report;
  }
  if (!o.force && upToDate({ cacheFile: o.cacheFile, notebooksDir: o.notebooksDir, mdxDir: o.mdxDir, siteDir: o.siteDir, fingerprint: fp })) {
    const cache = readCache(o.cacheFile);
    report.upToDate = true;
    report.lessons = cache ? sortLessons(Object.values(cache.lessons)).map((l) => l.meta.slug) : [];
    report.reused = [...report.lessons];
    return report;
  }
  const prev = o.force ? undefined : readCache(o.cacheFile);
  const old = prev && prev.fingerprint === fp ? prev : undefined;
  const oldBySource = new Map<string, CachedLesson>(Object.values(old?.lessons ?? {}).map((l) => [l.file, l]));

  // 1. Inputs: unchanged notebooks (same size and mtime) are not even read.
  let entries: Entry[] = [];
  for (const file of listNotebooks(o.notebooksDir)) {
    const rel = path.relative(o.notebooksDir, file).split(path.sep).join('/');
    const st = statSync(file);
    const seen = old?.notebooks[rel];
    const cached = oldBySource.get(rel);
    const base = { rel, file, size: st.size, mtimeMs: st.mtimeMs, mdxKey: '', pageKey: '', hasCharts: false };
    if (seen && cached && seen.size === st.size && seen.mtimeMs === st.mtimeMs) {
      entries.push({ ...base, hash: seen.hash, meta: cached.meta, hasCharts: cached.hasCharts });
      continue;
    }
    try {
      const lesson = readLesson(readFileSync(file), shown(file), `${o.sourcePrefix}/${rel}`);
      entries.push({ ...base, hash: lesson.hash, meta: lesson.meta, lesson });
    } catch (err) {
      report.errors.push(describeError(err, { file: shown(file) }));
    }
  }
  const bySlug = new Map<string, Entry>();
  entries = sortLessons(entries).filter((e) => {
    const other = bySlug.get(e.meta.slug);
    if (other) {
      report.errors.push(`${shown(e.file)}: its page name "${e.meta.slug}" is already taken by ${shown(other.file)}; rename one of them`);
      return false;
    }
    bySlug.set(e.meta.slug, e);
    return true;
  });

  // The cheatsheet page (cheatsheet-page.ts) is decided first: every page's header links to it when there is one.
  const cheatsheet = planCheatsheet(entries, { fingerprint: fp, siteDir: o.siteDir, siteTitle: o.siteTitle, assets: SITE_ASSETS, sourcePrefix: o.sourcePrefix, report });
  const quiz = planQuizPage({ fingerprint: fp, siteDir: o.siteDir, siteTitle: o.siteTitle, assets: SITE_ASSETS, force: o.force, report });
  const siteNav = [...cheatsheet.nav, ...quiz.nav];

  const tmpMdx = startTemp(o.mdxDir);
  const tmpSite = startTemp(o.siteDir);
  let indexKey = '';
  let staticKey = '';
  try {
    // 2. MDX: rebuilt when the notebook or the exporter changed, else carried over from the previous export.
    const withMdx: Entry[] = [];
    for (const e of entries) {
      const slug = e.meta.slug;
      e.mdxKey = sha256(fp, e.hash);
      const oldMdx = path.join(o.mdxDir, `${slug}.mdx`);
      if (old?.lessons[slug]?.mdxKey === e.mdxKey && old.lessons[slug].file === e.rel && existsSync(oldMdx)) {
        linkOrCopy(oldMdx, path.join(tmpMdx, `${slug}.mdx`));
        linkTree(path.join(o.mdxDir, 'assets', slug), path.join(tmpMdx, 'assets', slug));
        withMdx.push(e);
        continue;
      }
      try {
        e.lesson ??= readLesson(readFileSync(e.file), shown(e.file), `${o.sourcePrefix}/${e.rel}`);
        e.doc = lessonToMdx(e.lesson);
        report.warnings.push(...e.doc.warnings);
        writeFileSync(path.join(tmpMdx, `${slug}.mdx`), e.doc.mdx);
        writeAssets(path.join(tmpMdx, 'assets'), e.doc.assets);
        withMdx.push(e);
      } catch (err) {
        report.errors.push(describeError(err, { file: shown(e.file) }));
      }
    }

    // 3. Page bodies: compiled from the MDX with @mdx-js/mdx and rendered. A lesson that fails is dropped, which
    // changes its neighbours' previous/next links, so the neighbours are looked at again.
    let live = withMdx;
    for (;;) {
      const slugs = live.map((e) => e.meta.slug);
      const failed = new Set<Entry>();
      for (const [i, e] of live.entries()) {
        const nav = [live[i - 1], live[i + 1]].map((n) => (n ? [n.meta.slug, n.meta.title] : null));
        e.pageKey = sha256(e.mdxKey, JSON.stringify([e.meta, nav, slugs, siteNav]));
        const slug = e.meta.slug;
        const reusable = old?.lessons[slug]?.pageKey === e.pageKey && existsSync(path.join(o.siteDir, `${slug}.html`));
        if (reusable) e.hasCharts = old.lessons[slug].hasCharts;
        if (reusable || e.body !== undefined) continue;
        const mdxFile = path.join(tmpMdx, `${slug}.mdx`);
        try {
          const mdx = e.doc?.mdx ?? readFileSync(mdxFile, 'utf8');
          try {
            e.compiled = await compileForSite(mdx, mdxFile, { mdxDir: tmpMdx, slugs: new Set(slugs) });
          } catch (err) {
            const place = await locate(e.doc, shown(e.file));
            throw new PlacedError(place, `the MDX does not compile: ${(err as Error).message}`);
          }
          e.body = await renderBody(e.compiled, mdxFile);
          e.hasCharts = e.compiled.hasCharts;
        } catch (err) {
          report.errors.push(describeError(err, { file: shown(e.file) }));
          failed.add(e);
          rmSync(mdxFile, { force: true });
          rmSync(path.join(tmpMdx, 'assets', slug), { recursive: true, force: true });
        }
      }
      if (failed.size === 0) break;
      live = live.filter((e) => !failed.has(e));
    }

    // 4. Pages: new ones written, unchanged ones linked from the previous site.
    for (const [i, e] of live.entries()) {
      const slug = e.meta.slug;
      report.lessons.push(slug);
      if (e.body === undefined) {
        linkOrCopy(path.join(o.siteDir, `${slug}.html`), path.join(tmpSite, `${slug}.html`));
        linkTree(path.join(o.siteDir, 'media', slug), path.join(tmpSite, 'media', slug));
        linkOrCopy(path.join(o.siteDir, 'notebooks', `${slug}.ipynb`), path.join(tmpSite, 'notebooks', `${slug}.ipynb`));
        report.reused.push(slug);
        continue;
      }
      const [prev, next] = [live[i - 1], live[i + 1]];
      const compiled = e.compiled as CompiledLesson;
      const html = renderLessonPage({
        siteTitle: o.siteTitle,
        assets: SITE_ASSETS,
        siteNav,
        title: e.meta.title,
        description: e.meta.description,
        showLede: !e.meta.descriptionInBody,
        tags: e.meta.tags,
        number: numberOf(slug),
        bodyHtml: e.body,
        toc: compiled.toc,
        prev: prev ? { href: `${prev.meta.slug}.html`, title: prev.meta.title } : undefined,
        next: next ? { href: `${next.meta.slug}.html`, title: next.meta.title } : undefined,
        notebookHref: `notebooks/${slug}.ipynb`,
        source: e.meta.source,
        hasMath: compiled.hasMath,
        hasCharts: compiled.hasCharts,
      });
      writeFileSync(path.join(tmpSite, `${slug}.html`), html);
      // Chart JSON is embedded in the page; images and SVGs are served as files.
      linkTree(path.join(tmpMdx, 'assets', slug), path.join(tmpSite, 'media', slug), (name) => name.endsWith('.json'));
      mkdirSync(path.join(tmpSite, 'notebooks'), { recursive: true });
      e.lesson ??= readLesson(readFileSync(e.file), shown(e.file), `${o.sourcePrefix}/${e.rel}`);
      writeFileSync(path.join(tmpSite, 'notebooks', `${slug}.ipynb`), downloadCopy(e.lesson.notebook));
      report.built.push(slug);
    }

    // 5. The index and the shared static files.
    const listing = live.map((e) => ({ href: `${e.meta.slug}.html`, title: e.meta.title, description: e.meta.description, tags: e.meta.tags, number: numberOf(e.meta.slug) }));
    indexKey = sha256(fp, JSON.stringify([listing, siteNav]));
    if (old?.indexKey === indexKey && existsSync(path.join(o.siteDir, 'index.html'))) linkOrCopy(path.join(o.siteDir, 'index.html'), path.join(tmpSite, 'index.html'));
    else writeFileSync(path.join(tmpSite, 'index.html'), renderIndexPage({ siteTitle: o.siteTitle, intro: o.intro, assets: SITE_ASSETS, siteNav, lessons: listing }));
    const anyCharts = live.some((e) => e.hasCharts);
    staticKey = sha256(fp, String(anyCharts));
    const files = staticFiles(anyCharts);
    for (const [rel, produce] of files) {
      const from = path.join(o.siteDir, rel);
      const to = path.join(tmpSite, rel);
      if (old?.staticKey === staticKey && existsSync(from)) linkOrCopy(from, to);
      else {
        mkdirSync(path.dirname(to), { recursive: true });
        writeFileSync(to, produce());
      }
    }

    cheatsheet.write(tmpSite, live, siteNav);
    await quiz.write(tmpSite, live, siteNav);

    // 6. Swap both folders in, then remember what was built.
    swapIn(tmpMdx, o.mdxDir);
    swapIn(tmpSite, o.siteDir);
  } catch (err) {
    discardTemp(tmpMdx);
    discardTemp(tmpSite);
    throw err;
  }
  const cache: ExportCache = {
    version: 1,
    fingerprint: fp,
    notebooks: Object.fromEntries(entries.map((e) => [e.rel, { size: e.size, mtimeMs: e.mtimeMs, hash: e.hash }])),
    lessons: Object.fromEntries(entries.filter((e) => report.lessons.includes(e.meta.slug)).map((e) => [e.meta.slug, {
      file: e.rel, meta: e.meta, mdxKey: e.mdxKey, pageKey: e.pageKey, hasCharts: e.hasCharts,
    }])),
    indexKey,
    staticKey,
    failed: report.errors.length > 0,
  };
  mkdirSync(path.dirname(o.cacheFile), { recursive: true });
  const tmpCache = `${o.cacheFile}.${process.pid}.tmp`;
  writeFileSync(tmpCache, `${JSON.stringify(cache, null, 1)}\n`);
  renameSync(tmpCache, o.cacheFile);
  return report;
}
