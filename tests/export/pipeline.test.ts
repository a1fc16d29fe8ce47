// Pipeline behaviour: byte-identical output, incremental rebuilds, the swap that keeps the old site whole, and per-notebook errors.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import * as siteAssets from '../../scripts/export/site-assets';
import { recover } from '../../scripts/export/swap';
import * as toMdx from '../../scripts/export/to-mdx';
import { BROKEN, LESSONS, read, runExport, snapshot, workspace } from './helpers';

/** File -> sha256 of its bytes (comparing the 5 MB plotly.js byte by byte in expect() is slow). */
const digests = (dir: string) => new Map([...snapshot(dir)].map(([f, b]) => [f, createHash('sha256').update(b).digest('hex')]));
const mtimes = (dir: string) => new Map([...snapshot(dir).keys()].map((f) => [f, statSync(path.join(dir, f)).mtimeMs]));

describe('determinism', () => {
  it('two exports of the same notebooks are byte-identical, wherever they are written and on one thread or two', async () => {
    const a = workspace(LESSONS);
    const b = workspace(LESSONS);
    expect((await runExport(a)).workerBuilds).toBe(0);
    // Two threads: the worker builds some of the lessons (MDX and pages); the bytes are the same.
    expect((await runExport(b, { threads: 2 })).workerBuilds).toBeGreaterThan(0);
    for (const sub of ['mdx', 'site'] as const) {
      const [sa, sb] = [snapshot(a[sub]), snapshot(b[sub])];
      expect([...sa.keys()]).toEqual([...sb.keys()]);
      for (const [file, bytes] of sa) expect(bytes.equals(sb.get(file) as Buffer), `${sub}/${file}`).toBe(true);
    }
    // And a forced rebuild in place gives the same bytes again.
    const before = snapshot(a.site);
    await runExport(a, { force: true });
    const after = snapshot(a.site);
    for (const [file, bytes] of before) expect(bytes.equals(after.get(file) as Buffer), file).toBe(true);
  });
});

describe('incremental export', () => {
  it('touches nothing when nothing changed, and rebuilds only the changed page when one notebook changed', async () => {
    const ws = workspace(LESSONS);
    const first = await runExport(ws);
    expect(first.built).toEqual(['01-prose-and-math', '02-charts-and-html', '03-real-runner']);
    const before = mtimes(ws.site);
    const again = await runExport(ws);
    expect(again.upToDate).toBe(true);
    expect(mtimes(ws.site)).toEqual(before);

    // A touched notebook with the same content: read again, nothing rebuilt.
    const f3 = path.join(ws.notebooks, '03-real-runner.ipynb');
    utimesSync(f3, new Date(), new Date(Date.now() + 5000));
    const touched = await runExport(ws);
    expect(touched.upToDate).toBe(false);
    expect(touched.built).toEqual([]);

    // Changed output text in lesson 3: only its page is rebuilt (its neighbours' links did not change).
    writeFileSync(f3, read(f3).replace('hello < world {x}', 'hello again'));
    const changed = await runExport(ws);
    expect(changed.built).toEqual(['03-real-runner']);
    expect(changed.reused).toEqual(['01-prose-and-math', '02-charts-and-html']);
    expect(read(path.join(ws.site, '03-real-runner.html'))).toContain('hello again');
    // The new title of lesson 3 is in lesson 2's "next" link and in every page's lesson sidebar: all pages are rebuilt.
    writeFileSync(f3, read(f3).replace('# Produced by the runner', '# Produced by the real runner'));
    const retitled = await runExport(ws);
    expect(retitled.built).toEqual(['01-prose-and-math', '02-charts-and-html', '03-real-runner']);
    expect(read(path.join(ws.site, '01-prose-and-math.html'))).toContain('Produced by the real runner');
    expect(read(path.join(ws.site, '02-charts-and-html.html'))).toContain('Produced by the real runner');
    expect(read(path.join(ws.site, 'index.html'))).toContain('Produced by the real runner');
  });

  it('an incremental export gives the same bytes as a full one', async () => {
    const ws = workspace(LESSONS);
    await runExport(ws);
    const f1 = path.join(ws.notebooks, '01-prose-and-math.ipynb');
    writeFileSync(f1, read(f1).replace('Write `first` for an empty list.', 'Write `first` for a list that may be empty.'));
    const inc = await runExport(ws);
    expect(inc.built).toEqual(['01-prose-and-math']);
    const incremental = snapshot(ws.site);
    await runExport(ws, { force: true });
    const full = snapshot(ws.site);
    expect([...incremental.keys()]).toEqual([...full.keys()]);
    for (const [file, bytes] of full) expect(bytes.equals(incremental.get(file) as Buffer), file).toBe(true);
  });

  it('a removed notebook disappears from the site, the MDX folder and the index', async () => {
    const ws = workspace(LESSONS);
    await runExport(ws);
    renameSync(path.join(ws.notebooks, '02-charts-and-html.ipynb'), path.join(ws.root, 'gone.ipynb'));
    const report = await runExport(ws);
    expect(report.lessons).toEqual(['01-prose-and-math', '03-real-runner']);
    expect(existsSync(path.join(ws.site, '02-charts-and-html.html'))).toBe(false);
    expect(existsSync(path.join(ws.mdx, 'assets', '02-charts-and-html'))).toBe(false);
    expect(read(path.join(ws.site, 'index.html'))).not.toContain('02-charts-and-html');
    expect(read(path.join(ws.site, '01-prose-and-math.html'))).toContain('href="03-real-runner.html"');
  });
});

describe('atomic swap', () => {
  it('an export that fails half-way leaves the previous site and MDX whole, and no temp folders behind', async () => {
    const ws = workspace(LESSONS);
    await runExport(ws);
    const [site, mdx] = [digests(ws.site), digests(ws.mdx)];
    const f1 = path.join(ws.notebooks, '01-prose-and-math.ipynb');
    writeFileSync(f1, read(f1).replaceAll('Prose, math and code', 'Changed title'));
    // Fails after the pages were built into the temp folder, before the swap.
    const spy = vi.spyOn(siteAssets, 'staticFiles').mockImplementation(() => {
      throw new Error('disk full');
    });
    try {
      await expect(runExport(ws)).rejects.toThrow('disk full');
    } finally {
      spy.mockRestore();
    }
    expect(digests(ws.site)).toEqual(site);
    expect(digests(ws.mdx)).toEqual(mdx);
    expect(readdirSync(ws.root).filter((n) => n.startsWith('.'))).toEqual(['.export-cache.json']);
    const retry = await runExport(ws);
    // A title is in every page's lesson sidebar (site/nav-parts.ts), so every page is rebuilt.
    expect(retry.built).toEqual(['01-prose-and-math', '02-charts-and-html', '03-real-runner']);
    expect(read(path.join(ws.site, 'index.html'))).toContain('Changed title');
  });

  it('a temp folder left by a killed export is cleaned up by the next one', async () => {
    const ws = workspace(LESSONS);
    await runExport(ws);
    const stale = path.join(ws.root, '.site.new-999999999');
    mkdirSync(stale);
    writeFileSync(path.join(stale, 'index.html'), 'half-written');
    const f1 = path.join(ws.notebooks, '01-prose-and-math.ipynb');
    writeFileSync(f1, read(f1).replaceAll('Prose, math and code', 'Changed title'));
    await runExport(ws);
    expect(existsSync(stale)).toBe(false);
  });

  it('recover() puts the previous folder back if the process died between the two renames', () => {
    const ws = workspace();
    const target = path.join(ws.root, 'site');
    const aside = path.join(ws.root, '.site.old-999999999');
    mkdirSync(aside);
    writeFileSync(path.join(aside, 'index.html'), 'previous');
    const stale = path.join(ws.root, '.site.new-999999999');
    mkdirSync(stale);
    recover(target);
    expect(readFileSync(path.join(target, 'index.html'), 'utf8')).toBe('previous');
    expect(existsSync(aside)).toBe(false);
    expect(existsSync(stale)).toBe(false);
  });
});

describe('errors', () => {
  it('a notebook that cannot be exported is named with its cell; the other pages are still built', async () => {
    const ws = workspace(LESSONS, BROKEN);
    const report = await runExport(ws);
    expect(report.lessons).toEqual(['01-prose-and-math', '02-charts-and-html', '03-real-runner']);
    expect(report.errors).toHaveLength(3);
    expect(report.errors).toEqual(expect.arrayContaining([
      expect.stringMatching(/04-bad-image\.ipynb cell 2 \(id code-2\): image\/png output does not decode: not a PNG file/),
      expect.stringMatching(/05-malformed-output\.ipynb cell 3 \(id code-3\): malformed display_data output: "data" must be a MIME bundle object/),
      expect.stringMatching(/06-not-json\.ipynb: not valid JSON/),
    ]));
    expect(existsSync(path.join(ws.site, '04-bad-image.html'))).toBe(false);
    expect(existsSync(path.join(ws.mdx, '04-bad-image.mdx'))).toBe(false);
    expect(read(path.join(ws.site, '03-real-runner.html'))).not.toContain('04-bad-image');
    // Failures are not cached: the next run reports them again.
    const again = await runExport(ws);
    expect(again.upToDate).toBe(false);
    expect(again.errors).toHaveLength(3);
    expect(again.built).toEqual([]);
  });

  it('MDX that does not compile is reported with the notebook and the cell behind it; neighbours relink', async () => {
    const ws = workspace(LESSONS);
    const real = toMdx.lessonToMdx;
    const spy = vi.spyOn(toMdx, 'lessonToMdx').mockImplementation((lesson) => {
      const doc = real(lesson);
      if (lesson.meta.slug !== '02-charts-and-html') return doc;
      const broken = (mdx: string) => mdx.replace('## Hostile outputs', '## Hostile outputs {oops');
      return { ...doc, mdx: broken(doc.mdx), cells: doc.cells.map((c) => ({ ...c, mdx: broken(c.mdx) })) };
    });
    try {
      const report = await runExport(ws);
      expect(report.errors).toEqual([expect.stringMatching(/02-charts-and-html\.ipynb cell 5 \(id md-5\): the MDX does not compile: /)]);
      expect(report.lessons).toEqual(['01-prose-and-math', '03-real-runner']);
      expect(read(path.join(ws.site, '01-prose-and-math.html'))).toContain('href="03-real-runner.html"');
      expect(existsSync(path.join(ws.mdx, '02-charts-and-html.mdx'))).toBe(false);
    } finally {
      spy.mockRestore();
    }
  });
});
