// The cheatsheet page: built from executed formula cells (errors name notebook and cell), then opened and printed to PDF (A4, Letter) in Debian's Chromium.
// Fixtures: tests/fixtures/export/formulas{,-broken}/04-key-formulas.ipynb were written by the real runner from
// formulas{,-broken}.source.ipynb:  npx tsx scripts/run-notebooks.ts tests/fixtures/export/formulas.source.ipynb --out DIR --force
import { existsSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkCellProblem } from '../../scripts/export/cheatsheet-page';
import { countPdfPages, printCheatsheet } from '../../scripts/export/cheatsheet-pdf';
import { checkSite } from '../../scripts/export/check-site';
import type { Cell } from '../../scripts/runner/notebook';
import { FIXTURES, LESSONS, REPO, classes, elements, read, runExport, snapshot, workspace, type Workspace } from './helpers';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FORMULAS = path.join(FIXTURES, 'formulas');
const BROKEN_FORMULAS = path.join(FIXTURES, 'formulas-broken');
const ARTIFACTS = path.join(REPO, 'build', 'cheatsheet');
const NB = '04-key-formulas.ipynb';

type Json = Record<string, unknown>;
const readNb = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { cells: (Json & { id: string; metadata: Json; outputs?: Json[] })[]; metadata: Json };
/** Rewrites the workspace's formulas notebook. */
function editNotebook(ws: Workspace, f: (nb: ReturnType<typeof readNb>) => void): void {
  const file = path.join(ws.notebooks, NB);
  const nb = readNb(file);
  f(nb);
  writeFileSync(file, `${JSON.stringify(nb, null, 1)}\n`);
}
const cellById = (nb: ReturnType<typeof readNb>, id: string) => {
  const c = nb.cells.find((x) => x.id === id);
  if (!c) throw new Error(`no cell ${id}`);
  return c;
};
const byClass = (html: string, cls: string) => elements(html).filter((e) => classes(e).includes(cls));

let ws: Workspace;
beforeAll(async () => {
  ws = workspace(LESSONS, FORMULAS);
  const report = await runExport(ws);
  expect(report.errors).toEqual([]);
});

describe('the cheatsheet page in the export', () => {
  it('has every formula of the executed notebook, grouped by section, typeset by KaTeX, with meaning and lesson link', () => {
    const html = read(path.join(ws.site, 'cheatsheet.html'));
    const cards = byClass(html, 'formula');
    expect(cards.map((c) => c.properties.id)).toEqual(['sigmoid-derivative', 'mse', 'f1', 'perplexity']);
    expect(byClass(html, 'cheatsheet-section').map((s) => s.properties.id)).toEqual(['sec-activations', 'sec-regression', 'sec-metrics']);
    expect(elements(html).filter((e) => e.tagName === 'h2').map((e) => JSON.stringify(e.children))).toHaveLength(3);
    // Display math rendered at build time (HTML + MathML), no KaTeX errors, no raw $$ left.
    expect(byClass(html, 'katex-display')).toHaveLength(4);
    expect(html).not.toContain('katex-error');
    expect(html).not.toContain('$$');
    expect(html).toContain('The gradient through a sigmoid never exceeds <span class="katex">');
    // Lesson links: exact slugs, and "03-language-models" matched by its number to the only lesson 03.
    const links = byClass(html, 'formula-lesson').map((a) => a.properties.href);
    expect(links).toEqual(['01-prose-and-math.html', '02-charts-and-html.html', '03-real-runner.html', '03-real-runner.html']);
    expect(html).toContain('href="04-key-formulas.html">Key formulas (fixture)</a>');
    expect(html).toContain('<link rel="stylesheet" href="assets/cheatsheet.css"/>');
    expect(existsSync(path.join(ws.site, 'assets', 'cheatsheet.css'))).toBe(true);
  });

  it('every page links to the cheatsheet in its header; a site without formula cells has neither page nor link', async () => {
    for (const page of ['index.html', '01-prose-and-math.html', '04-key-formulas.html', 'cheatsheet.html']) {
      const nav = byClass(read(path.join(ws.site, page)), 'site-nav');
      expect(nav, page).toHaveLength(1);
      expect(read(path.join(ws.site, page))).toContain('href="cheatsheet.html"');
    }
    expect(read(path.join(ws.site, 'cheatsheet.html'))).toContain('<a href="cheatsheet.html" aria-current="page">Cheatsheet</a>');
    const plain = workspace(LESSONS);
    const report = await runExport(plain);
    expect(report.errors).toEqual([]);
    expect(existsSync(path.join(plain.site, 'cheatsheet.html'))).toBe(false);
    expect(read(path.join(plain.site, 'index.html'))).not.toContain('cheatsheet');
    expect(read(path.join(plain.site, '01-prose-and-math.html'))).not.toContain('href="cheatsheet.html"');
  });

  it('a check cell that failed in the real runner fails the export, naming notebook and cell; the other pages are built', async () => {
    const bad = workspace(LESSONS, BROKEN_FORMULAS);
    const report = await runExport(bad);
    expect(report.errors).toEqual([
      expect.stringMatching(/04-key-formulas\.ipynb cell 6 \(id mse-check\): the check of formula "mse" did not run OK: it failed: Error: MSE 1\.333/),
      expect.stringMatching(/04-key-formulas\.ipynb cell 8 \(id f1-check\): the check of formula "f1" did not run OK: it did not run/),
      expect.stringMatching(/04-key-formulas\.ipynb cell 10 \(id perplexity-check\): the check of formula "perplexity" did not run OK: it did not run/),
    ]);
    expect(report.lessons).toEqual(['01-prose-and-math', '02-charts-and-html', '03-real-runner', '04-key-formulas']);
    expect(existsSync(path.join(bad.site, 'cheatsheet.html'))).toBe(false);
    expect(read(path.join(bad.site, 'index.html'))).not.toContain('cheatsheet.html');
    // The next run does the work again and reports the errors again.
    expect((await runExport(bad)).errors).toHaveLength(3);
  });

  it('reports malformed formula cells: missing field, no display math, bad LaTeX, no check, an error output, a skipped check', async () => {
    const bad = workspace(LESSONS, FORMULAS);
    editNotebook(bad, (nb) => {
      delete (cellById(nb, 'sigmoid-derivative').metadata.formula as Json).meaning;
      cellById(nb, 'mse').source = ['### MSE\n', '\n', 'Only inline math $a^2$ here.'];
      cellById(nb, 'f1').source = ['$$\\frac{2PR}{P + R$$'];
      delete cellById(nb, 'perplexity-check').metadata.formula_check;
    });
    const report = await runExport(bad);
    expect(report.errors).toEqual([
      expect.stringMatching(/04-key-formulas\.ipynb cell 3 \(id sigmoid-derivative\): metadata\.formula\.meaning must be a non-empty string, got null/),
      expect.stringMatching(/cell 5 \(id mse\): formula "mse" has no display math/),
      expect.stringMatching(/cell 7 \(id f1\): formula "f1": KaTeX cannot typeset it: KaTeX parse error/),
      expect.stringMatching(/cell 9 \(id perplexity\): formula "perplexity" has no check cell/),
    ]);
    expect(existsSync(path.join(bad.site, 'cheatsheet.html'))).toBe(false);

    const cell = (extra: Partial<Cell>): Cell => ({ cell_type: 'code', source: 'check()', metadata: {}, execution_count: 3, outputs: [], ...extra });
    expect(checkCellProblem(cell({}))).toBeUndefined();
    expect(checkCellProblem(cell({ outputs: [{ output_type: 'stream', name: 'stdout', text: 'ok\n' }] }))).toBeUndefined();
    expect(checkCellProblem(cell({ outputs: [{ output_type: 'error', ename: 'RangeError', evalue: 'bad k', traceback: [] }] }))).toBe('raised RangeError: bad k');
    expect(checkCellProblem(cell({ outputs: [{ output_type: 'stream', name: 'stderr', text: "1:7 - Type 'string' is not assignable to type 'number'.\n" }] })))
      .toBe("failed: 1:7 - Type 'string' is not assignable to type 'number'.");
    expect(checkCellProblem(cell({ execution_count: null }))).toMatch(/^did not run/);
    expect(checkCellProblem(cell({ metadata: { tags: ['skip-execution'] } }))).toMatch(/skip-execution/);
    expect(checkCellProblem(cell({ metadata: { tags: ['raises-exception'] } }))).toMatch(/must pass/);
    expect(checkCellProblem(cell({ source: '  ' }))).toBe('is empty');
  });

  it('is deterministic, reused when nothing it shows changed, and rebuilt when a formula changes', async () => {
    const w = workspace(LESSONS, FORMULAS);
    await runExport(w);
    const page = path.join(w.site, 'cheatsheet.html');
    const first = snapshot(w.site);
    const ino = statSync(page).ino;
    // Another lesson changes (its mtime): its page is rebuilt, the cheatsheet is carried over (the same file).
    const other = path.join(w.notebooks, '02-charts-and-html.ipynb');
    utimesSync(other, new Date(), new Date(Date.now() + 5000));
    const again = await runExport(w);
    expect(again.errors).toEqual([]);
    expect(statSync(page).ino).toBe(ino);
    expect(read(page)).toBe(first.get('cheatsheet.html')?.toString());
    // A formula's meaning changes: the page is rebuilt with it.
    editNotebook(w, (nb) => { (cellById(nb, 'mse').metadata.formula as Json).meaning = 'Changed meaning.'; });
    const changed = await runExport(w);
    expect(changed.errors).toEqual([]);
    expect(read(page)).toContain('Changed meaning.');
    // A forced rebuild of the same inputs writes the same bytes.
    const before = snapshot(w.site);
    await runExport(w, { force: true });
    const after = snapshot(w.site);
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect(after.get('cheatsheet.html')?.equals(before.get('cheatsheet.html') as Buffer)).toBe(true);
  }, 120_000); // four exports of the fixture site, each bundling every kata page: about 30 s on a loaded 2-core machine

  it('counts the pages of a PDF', () => {
    const pdf = (n: number) => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Pages /Count ${n} >>\n${Array.from({ length: n }, (_, i) => `${i + 2} 0 obj << /Type /Page /Parent 1 0 R >>`).join('\n')}\n%%EOF`);
    expect(countPdfPages(pdf(1))).toBe(1);
    expect(countPdfPages(pdf(3))).toBe(3);
    expect(() => countPdfPages(Buffer.from('hello'))).toThrow(/not a PDF/);
  });
});

describe.skipIf(!existsSync(chromium))('the cheatsheet in Chromium', () => {
  it('opens with KaTeX rendered, links resolving and no console errors (file:// and http), on desktop and phone', async () => {
    // The cheatsheet, the index and the lessons (whose headers link to it); other site pages (quiz, katas, one page per
    // kata) have their own tests, and opening the 50-odd kata pages twice would take this test past its time limit.
    const ours = (f: string) => f === 'cheatsheet.html' || f === 'index.html' || /^\d+-/.test(f);
    const reports = await checkSite({ siteDir: ws.site, screenshotsDir: path.join(ARTIFACTS, 'screenshots'), via: 'both', executablePath: chromium, pages: ours, searchQuery: 'charts' });
    const opened = reports.filter((r) => r.page !== 'navigation');
    expect(opened.length).toBe(12);
    for (const r of opened) expect(r.problems, `${r.via} ${r.page}`).toEqual([]);
    const sheets = reports.filter((r) => r.page === 'cheatsheet');
    expect(sheets.map((r) => r.via)).toEqual(['file', 'http']);
    // 4 display formulas + 3 inline ones in the meanings, each rendered by KaTeX.
    for (const r of sheets) expect(r.mathElements).toBe(7);
    for (const r of sheets) expect(r.links).toBeGreaterThanOrEqual(9);
    expect(existsSync(path.join(ARTIFACTS, 'screenshots', 'cheatsheet.phone-dark.png'))).toBe(true);
  }, 120_000);

  it('prints to PDF on A4 and Letter (build/cheatsheet/): one page, no formula wider than its column', async () => {
    const report = await printCheatsheet({ siteDir: ws.site, outDir: ARTIFACTS, executablePath: chromium });
    expect(report.problems).toEqual([]);
    expect(report.overflow).toEqual([]);
    expect(report.formulas).toBe(4);
    expect(report.pdfs.map((p) => [p.format, path.basename(p.file), p.pages])).toEqual([
      ['A4', 'cheatsheet-a4.pdf', 1],
      ['Letter', 'cheatsheet-letter.pdf', 1],
    ]);
    for (const p of report.pdfs) expect(countPdfPages(readFileSync(p.file))).toBe(1);
  }, 60_000);

  it('a formula with metadata.formula.sheet goes on its own sheet: its own page and PDFs, the sheets linked both ways', async () => {
    const two = workspace(LESSONS, FORMULAS);
    editNotebook(two, (nb) => {
      Object.assign(cellById(nb, 'perplexity').metadata.formula as Json, { sheet: 'Language models' });
    });
    const report = await runExport(two);
    expect(report.errors).toEqual([]);
    const first = read(path.join(two.site, 'cheatsheet.html'));
    const second = read(path.join(two.site, 'cheatsheet-language-models.html'));
    expect(byClass(first, 'formula').map((c) => c.properties.id)).toEqual(['sigmoid-derivative', 'mse', 'f1']);
    expect(byClass(second, 'formula').map((c) => c.properties.id)).toEqual(['perplexity']);
    expect(second).toContain('<h1>The 15-minute cheatsheet: Language models</h1>');
    expect(first).toContain('<a href="cheatsheet-language-models.html">Language models (1)</a>');
    expect(second).toContain('<a href="cheatsheet.html">Core ML (3)</a>');
    // An unchanged rebuild carries both pages over.
    expect((await runExport(two)).errors).toEqual([]);
    expect(read(path.join(two.site, 'cheatsheet-language-models.html'))).toBe(second);
    const out = mkdtempSync(path.join(os.tmpdir(), 'cheatsheet-sheets-'));
    const printed = await printCheatsheet({ siteDir: two.site, outDir: out, executablePath: chromium, formats: ['A4'] });
    expect(printed.pdfs.map((p) => [p.sheet, path.basename(p.file), p.pages])).toEqual([
      ['cheatsheet.html', 'cheatsheet-a4.pdf', 1],
      ['cheatsheet-language-models.html', 'cheatsheet-language-models-a4.pdf', 1],
    ]);
    expect(printed.formulas).toBe(4);
    expect(printed.overBudget).toEqual([]);
    // A budget of 0 pages cannot be met: every sheet is reported.
    const strict = await printCheatsheet({ siteDir: two.site, outDir: out, executablePath: chromium, formats: ['A4'], maxA4Pages: 0 });
    expect(strict.overBudget).toHaveLength(2);
    // A sheet title with nothing to name a page by is an error on the formula cell.
    editNotebook(two, (nb) => {
      Object.assign(cellById(nb, 'perplexity').metadata.formula as Json, { sheet: '!!' });
    });
    expect((await runExport(two)).errors).toEqual([expect.stringMatching(/cell 9 \(id perplexity\): metadata\.formula\.sheet, when given, must be a sheet title/)]);
  }, 90_000);

  it('lays 96 formulas out densely: at most 3 printed pages on A4 and on Letter', async () => {
    const big = workspace(LESSONS, FORMULAS);
    editNotebook(big, (nb) => {
      const cells = nb.cells.slice(2);
      const copies: typeof nb.cells = [];
      for (let k = 0; k < 24; k++) {
        for (const c of cells) {
          const copy = structuredClone(c);
          copy.id = `${c.id}-${k}`;
          const f = copy.metadata.formula as Json | undefined;
          if (f) Object.assign(f, { id: `${f.id}-${k}`, section: `Section ${Math.floor(k / 3) + 1}` });
          if (copy.metadata.formula_check) copy.metadata.formula_check = `${copy.metadata.formula_check}-${k}`;
          copies.push(copy);
        }
      }
      nb.cells = [...nb.cells.slice(0, 2), ...copies];
    });
    const report = await runExport(big);
    expect(report.errors).toEqual([]);
    const out = mkdtempSync(path.join(os.tmpdir(), 'cheatsheet-pdf-'));
    const printed = await printCheatsheet({ siteDir: big.site, outDir: out, executablePath: chromium });
    expect(printed.formulas).toBe(96);
    expect(printed.overflow).toEqual([]);
    for (const p of printed.pdfs) expect(p.pages, p.format).toBeLessThanOrEqual(3);
  }, 90_000);
});
