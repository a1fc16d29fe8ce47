// Orchestrates an export: executed notebooks -> build/mdx (MDX + assets) -> build/site (static pages), incrementally and atomically.
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { messageWithPlace } from '../shared/place';
import { exportedNotebooks, listNotebooks, readCache, sha256, upToDate, type CachedLesson, type ExportCache } from './cache';
import type { CompiledLesson } from './compile';
import { LessonReader, sortLessons, type Lesson, type LessonMeta } from './lesson';
import { renderIndexPage, renderLessonPage } from './render';
import { exportFingerprint, resolveOptions, type ExportOptions } from './options';
import { PARTS_JS, SITE_ASSETS, staticFiles } from './site-assets';
import { pickBundle, siteTraceTypes } from './plotly-bundle';
import { PAGE_HTML_LIMIT, fixPartLinks, movedAnchorsHtml, splitBody } from './page-parts';
import { discardTemp, linkOrCopy, linkTree, recover, startTemp, swapIn } from './swap';
import type { LessonBuildResult, LessonBuildTask } from './lesson-build';
import { LessonPool } from './lesson-pool';
import { planCheatsheet } from './cheatsheet-page';
import { PageAnchors, planQuizPage } from './quiz-page';
import { planKatasPage } from './katas-page';
import { linksOf, readLessonMap, type LessonMap } from './lesson-map';
import { writeSearchIndex } from './search-index';
import { writeBlogKit } from './blog-kit';
import { timed } from './timings';

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
  /** Lesson builds (MDX or page) done on the worker thread (`threads: 2`). */
  workerBuilds?: number;
  /** Size of the search index written (or carried over) in this run, in bytes. */
  searchIndexBytes?: number;
}

/** What a page's layout needs to know about its compiled body. */
type PageFeatures = Pick<CompiledLesson, 'toc' | 'hasMath' | 'hasCharts'>;

interface Entry {
  rel: string;
  file: string;
  size: number;
  mtimeMs: number;
  hash: string;
  meta: LessonMeta;
  mdxKey: string;
  pageKey: string;
  body?: string;
  compiled?: PageFeatures;
  hasCharts: boolean;
  /** The parsed notebook, when this run read it: the cheatsheet and the quiz's anchors use it instead of reading it again. */
  lesson?: Lesson;
}

/**
 * Executed notebooks (bytes) below which the quiz is typeset on the main thread: the kata bundle worker needs 3-4 s
 * to bundle and then load the quiz's modules, about what building 3 MB of notebooks takes (the 46 notebooks: 13 MB).
 */
const SIDE_QUIZ_MIN_BYTES = 3_000_000;

const shown = (file: string) => path.relative(process.cwd(), file) || file;
const numberOf = (slug: string) => /^(\d+)-/.exec(slug)?.[1];

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
  if (!o.force && upToDate({ cacheFile: o.cacheFile, notebooksDir: o.notebooksDir, sourcesDir: o.sourcesDir, mdxDir: o.mdxDir, siteDir: o.siteDir, fingerprint: fp })) {
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
  const lessons = new LessonReader();
  // Lessons are built on two threads when asked (--threads 2); the worker starts now, so it loads the MDX toolchain
  // while this thread reads the notebooks (it is unref'd: it never holds the process).
  const pool = new LessonPool(o.threads, lessons);
  let entries: Entry[] = [];
  const exported = new Set(exportedNotebooks(o.notebooksDir, o.sourcesDir));
  timed('1. read notebooks', () => { for (const file of listNotebooks(o.notebooksDir)) {
    if (!exported.has(file)) {
      report.warnings.push(`${shown(file)}: not exported, its source notebook is gone (npm run notebooks removes such copies)`);
      continue;
    }
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
      const lesson = lessons.read(file, shown(file), `${o.sourcePrefix}/${rel}`);
      entries.push({ ...base, hash: lesson.hash, meta: lesson.meta, lesson });
    } catch (err) {
      report.errors.push(messageWithPlace(err, { file: shown(file) }));
    }
  } });
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
  const cheatsheet = timed('1. plan cheatsheet', () => planCheatsheet(entries, { fingerprint: fp, siteDir: o.siteDir, siteTitle: o.siteTitle, assets: SITE_ASSETS, sourcePrefix: o.sourcePrefix, force: o.force, report }));
  const quiz = planQuizPage({ fingerprint: fp, siteDir: o.siteDir, siteTitle: o.siteTitle, assets: SITE_ASSETS, force: o.force, report });
  // With no usable previous export the katas page is rebuilt for sure: its scripts are bundled while the lessons build.
  // ... and the quiz's questions typeset by the same worker once the bundles are done, while this thread builds lessons:
  // only when the lessons keep this thread busy long enough for that (a few small notebooks do not, and this thread
  // would typeset the quiz too, as it does when the worker's text is late).
  const busy = entries.reduce((sum, e) => sum + e.size, 0) >= SIDE_QUIZ_MIN_BYTES;
  const katas = planKatasPage({ fingerprint: fp, siteDir: o.siteDir, siteTitle: o.siteTitle, assets: SITE_ASSETS, force: o.force, report, prefetch: !old, oldBundlesKey: old?.kataBundlesKey, questions: !old && busy ? quiz.questionsToTypeset() : undefined });
  if (katas.typesetQuestions) quiz.typesetBy(katas.typesetQuestions, () => katas.cancelQuestions());
  const siteNav = [...cheatsheet.nav, ...quiz.nav, ...katas.nav];
  // Navigation between lessons (site/nav-parts.ts): the sidebar lists every lesson, the lesson map links related ones.
  let lessonMap: LessonMap = new Map();
  try {
    lessonMap = readLessonMap();
  } catch (err) {
    report.errors.push((err as Error).message);
  }
  const sidebarOf = (list: Entry[]) => list.map((e) => ({ href: `${e.meta.slug}.html`, title: e.meta.title, number: numberOf(e.meta.slug) }));

  const tmpMdx = startTemp(o.mdxDir);
  const tmpSite = startTemp(o.siteDir);
  let indexKey = '';
  let staticKey = '';
  try {
    // 2. MDX: carried over from the previous export when the notebook and the exporter are unchanged, else rebuilt.
    const rebuilt: [Entry, LessonBuildResult][] = [];
    const taskOf = (e: Entry, step: 'mdx' | 'page', slugs: string[] = []): LessonBuildTask =>
      ({ file: e.file, shownFile: shown(e.file), source: `${o.sourcePrefix}/${e.rel}`, slug: e.meta.slug, step, mdxDir: tmpMdx, siteDir: tmpSite, slugs });
    const toMdx: Entry[] = [];
    for (const e of entries) {
      const slug = e.meta.slug;
      e.mdxKey = sha256(fp, e.hash);
      const oldMdx = path.join(o.mdxDir, `${slug}.mdx`);
      if (old?.lessons[slug]?.mdxKey === e.mdxKey && old.lessons[slug].file === e.rel && existsSync(oldMdx)) {
        linkOrCopy(oldMdx, path.join(tmpMdx, `${slug}.mdx`));
        linkTree(path.join(o.mdxDir, 'assets', slug), path.join(tmpMdx, 'assets', slug));
      } else toMdx.push(e);
    }
    const mdxResults = await timed('2. MDX (all lessons)', () => pool.run(toMdx.map((e) => taskOf(e, 'mdx'))));
    toMdx.forEach((e, i) => rebuilt.push([e, mdxResults[i]]));
    const mdxFailed = new Set<Entry>();
    for (const [e, r] of rebuilt) {
      report.warnings.push(...r.warnings);
      if (!r.ok) {
        report.errors.push(r.error);
        mdxFailed.add(e);
      }
    }

    // 3. Page bodies: MDX compiled with @mdx-js/mdx and rendered. A lesson that fails is
    // dropped, which changes its neighbours' previous/next links, so the neighbours are looked at again.
    let live = entries.filter((e) => !mdxFailed.has(e));
    for (;;) {
      const slugs = live.map((e) => e.meta.slug);
      const toBuild: Entry[] = [];
      for (const [i, e] of live.entries()) {
        const nav = [live[i - 1], live[i + 1]].map((n) => (n ? [n.meta.slug, n.meta.title] : null));
        e.pageKey = sha256(e.mdxKey, JSON.stringify([e.meta, nav, slugs, siteNav, sidebarOf(live), linksOf(lessonMap, e.meta.slug, slugs)]));
        const slug = e.meta.slug;
        const reusable = old?.lessons[slug]?.pageKey === e.pageKey && existsSync(path.join(o.siteDir, `${slug}.html`));
        if (reusable) e.hasCharts = old.lessons[slug].hasCharts;
        if (reusable || e.body !== undefined) continue;
        toBuild.push(e);
      }
      const pageResults = await timed('3. page bodies (all lessons)', () => pool.run(toBuild.map((e) => taskOf(e, 'page', slugs))));
      const building = toBuild.map((e, i): [Entry, LessonBuildResult] => [e, pageResults[i]]);
      const failed = new Set<Entry>();
      for (const [e, r] of building) {
        report.warnings.push(...r.warnings);
        if (!r.ok || !r.page) {
          report.errors.push(r.ok ? `${shown(e.file)}: no page was built` : r.error);
          failed.add(e);
          continue;
        }
        e.body = r.page.body;
        e.compiled = r.page;
        e.hasCharts = r.page.hasCharts;
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
        for (const f of readdirSync(o.siteDir).filter((n) => n.startsWith(`${slug}-part-`) && /^-part-\d+\.html$/.test(n.slice(slug.length)))) linkOrCopy(path.join(o.siteDir, f), path.join(tmpSite, f));
        linkTree(path.join(o.siteDir, 'media', slug), path.join(tmpSite, 'media', slug));
        linkOrCopy(path.join(o.siteDir, 'notebooks', `${slug}.ipynb`), path.join(tmpSite, 'notebooks', `${slug}.ipynb`));
        report.reused.push(slug);
        continue;
      }
      const [prev, next] = [live[i - 1], live[i + 1]];
      const compiled = e.compiled as PageFeatures;
      const sidebar = sidebarOf(live);
      const links = linksOf(lessonMap, slug, live.map((l) => l.meta.slug));
      const pick = (slugs: string[]) => slugs.map((s) => sidebar.find((l) => l.href === `${s}.html`)).filter((l) => l !== undefined);
      const props: Parameters<typeof renderLessonPage>[0] = {
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
        lessons: sidebar,
        href: `${slug}.html`,
        buildsOn: pick(links.buildsOn),
        leadsTo: pick(links.leadsTo),
      };
      const html = timed('4. page layout', () => renderLessonPage(props));
      // A page over the budget is split at its sections (page-parts.ts); other pages' links follow in step 5.
      const parts = Buffer.byteLength(html) > PAGE_HTML_LIMIT ? timed('4. split pages', () => splitBody(e.body as string, slug)) : [];
      if (parts.length < 2) writeFileSync(path.join(tmpSite, `${slug}.html`), html);
      else {
        const list = parts.map((part) => ({ href: part.file, label: part.label }));
        parts.forEach((part, k) => {
          const nav = (i: number) => ({ href: parts[i].file, title: `${e.meta.title} (page ${i + 1} of ${parts.length})` });
          writeFileSync(path.join(tmpSite, part.file), renderLessonPage({
            ...props,
            bodyHtml: k === 0 ? part.body + movedAnchorsHtml(parts, PARTS_JS) : part.body,
            toc: compiled.toc.filter((t) => part.ids.has(t.id)),
            prev: k > 0 ? nav(k - 1) : props.prev,
            next: k < parts.length - 1 ? nav(k + 1) : props.next,
            hasMath: part.body.includes('class="katex'),
            hasCharts: part.body.includes('nb-plotly-data'),
            showLede: k === 0 && props.showLede,
            parts: { current: k + 1, list },
          }));
        });
      }
      // Chart JSON is embedded in the page; images and SVGs are served as files.
      linkTree(path.join(tmpMdx, 'assets', slug), path.join(tmpSite, 'media', slug), (name) => name.endsWith('.json'));
      report.built.push(slug);
    }

    // 5. The index and the shared static files.
    const listing = live.map((e) => ({ href: `${e.meta.slug}.html`, title: e.meta.title, description: e.meta.description, tags: e.meta.tags, number: numberOf(e.meta.slug) }));
    indexKey = sha256(fp, JSON.stringify([listing, siteNav]));
    if (old?.indexKey === indexKey && existsSync(path.join(o.siteDir, 'index.html'))) linkOrCopy(path.join(o.siteDir, 'index.html'), path.join(tmpSite, 'index.html'));
    else writeFileSync(path.join(tmpSite, 'index.html'), renderIndexPage({ siteTitle: o.siteTitle, intro: o.intro, assets: SITE_ASSETS, siteNav, lessons: listing }));
    const anyCharts = live.some((e) => e.hasCharts);
    const plotly = anyCharts ? pickBundle(siteTraceTypes(tmpMdx)) : undefined;
    staticKey = sha256(fp, JSON.stringify(plotly ?? null));
    const files = staticFiles(plotly);
    for (const [rel, produce] of files) {
      const from = path.join(o.siteDir, rel);
      const to = path.join(tmpSite, rel);
      if (old?.staticKey === staticKey && existsSync(from)) linkOrCopy(from, to);
      else {
        mkdirSync(path.dirname(to), { recursive: true });
        writeFileSync(to, produce());
      }
    }

    report.searchIndexBytes = await timed('5. search index', () => writeSearchIndex({
      newSite: tmpSite, liveSite: o.siteDir, fingerprint: fp, force: o.force,
      lessons: live.map((e) => ({ slug: e.meta.slug, title: e.meta.title, number: numberOf(e.meta.slug), pageKey: e.pageKey })),
    }));
    // The blog kit (build/mdx/kit/): components, stylesheet and chart script for README's blog recipes.
    timed('5. blog kit', () => writeBlogKit(tmpMdx, old ? o.mdxDir : undefined));

    timed('5. cheatsheet write', () => cheatsheet.write(tmpSite, live, siteNav));
    // Both pages link to cells of the lessons: each lesson page's anchors are found once for the two.
    const anchors = new PageAnchors(tmpSite);
    await timed('5. quiz write', () => quiz.write(tmpSite, live, siteNav, anchors));
    await timed('5. katas write', () => katas.write(tmpSite, live, siteNav, anchors));
    // Links to an anchor of a split lesson go to the page that holds it now.
    timed('5. fix part links', () => fixPartLinks(tmpSite, live.map((e) => e.meta.slug)));

    // 6. Swap both folders in, then remember what was built.
    swapIn(tmpMdx, o.mdxDir);
    swapIn(tmpSite, o.siteDir);
  } catch (err) {
    discardTemp(tmpMdx);
    discardTemp(tmpSite);
    throw err;
  } finally {
    report.workerBuilds = pool.workerBuilds;
    pool.close();
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
    // Recorded only after a clean run: a failed one may have left the scripts half written.
    kataBundlesKey: report.errors.length === 0 ? katas.bundlesKey : undefined,
    failed: report.errors.length > 0,
  };
  mkdirSync(path.dirname(o.cacheFile), { recursive: true });
  const tmpCache = `${o.cacheFile}.${process.pid}.tmp`;
  writeFileSync(tmpCache, `${JSON.stringify(cache, null, 1)}\n`);
  renameSync(tmpCache, o.cacheFile);
  return report;
}
