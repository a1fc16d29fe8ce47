// Prints a built site's cheatsheet sheets to PDF with Chromium (A4 and Letter), reports each PDF's page count, and checks that no formula is wider than its printed column and no sheet runs over its page budget.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHEATSHEET_PAGE } from './cheatsheet-page';
import { CHROMIUM_ARGS } from './check-site';

export type PaperFormat = 'A4' | 'Letter';

export interface PrintOptions {
  /** The built site (default build/site). */
  siteDir: string;
  /** Where the PDFs go (default build/cheatsheet): cheatsheet-a4.pdf, cheatsheet-letter.pdf, and the same per further sheet. */
  outDir?: string;
  formats?: PaperFormat[];
  /** The most A4 pages a sheet may print to (default 2: a 15-minute read); more is reported in `overBudget`. */
  maxA4Pages?: number;
  /** Chromium binary (default: $CHROMIUM_PATH or /usr/bin/chromium). */
  executablePath?: string;
}

export interface PrintedPdf {
  /** The sheet's page, e.g. cheatsheet.html or cheatsheet-language-models.html. */
  sheet: string;
  format: PaperFormat;
  file: string;
  pages: number;
  bytes: number;
}

export interface PrintReport {
  pdfs: PrintedPdf[];
  /** Formulas drawn wider than their printed column (they would spill into the next one), per paper format. */
  overflow: string[];
  /** Console errors and failed requests while the page loaded. */
  problems: string[];
  /** Sheets that print to more A4 pages than `maxA4Pages`. */
  overBudget: string[];
  /** Formulas on all sheets. */
  formulas: number;
}

/** The side margins site/cheatsheet.css sets with @page (the PDF uses the page's own margins, as a reader's browser does). */
const SIDE_MARGIN_MM = 7;
/** The printable width of each paper at 96 CSS px per inch. */
const PRINT_WIDTH_PX: Record<PaperFormat, number> = {
  A4: Math.floor(((210 - 2 * SIDE_MARGIN_MM) / 25.4) * 96),
  Letter: Math.floor((8.5 - (2 * SIDE_MARGIN_MM) / 25.4) * 96),
};

/** Pages of a PDF: its page objects (`/Type /Page`, not `/Pages`), which Chromium writes uncompressed. */
export function countPdfPages(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  if (!text.startsWith('%PDF-')) throw new Error('not a PDF file');
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

/** The sheets of a built site: cheatsheet.html first, then every cheatsheet-<slug>.html. */
export function sheetPages(siteDir: string): string[] {
  const more = readdirSync(siteDir).filter((f) => /^cheatsheet-[a-z0-9-]+\.html$/.test(f)).sort();
  return [CHEATSHEET_PAGE, ...more];
}

/** Opens every sheet of `<siteDir>` (cheatsheet.html, cheatsheet-*.html) from file:// in Chromium and prints each to one PDF per paper format. */
export async function printCheatsheet(options: PrintOptions): Promise<PrintReport> {
  const first = path.resolve(options.siteDir, CHEATSHEET_PAGE);
  if (!existsSync(first)) throw new Error(`${first} does not exist: build the site first (npm run build), with the key-formulas notebook executed`);
  const maxA4 = options.maxA4Pages ?? 2;
  const outDir = path.resolve(options.outDir ?? path.join(process.cwd(), 'build', 'cheatsheet'));
  mkdirSync(outDir, { recursive: true });
  const profile = mkdtempSync(path.join(os.tmpdir(), 'cheatsheet-pdf-profile-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const report: PrintReport = { pdfs: [], overflow: [], problems: [], overBudget: [], formulas: 0 };
  try {
    for (const sheet of sheetPages(options.siteDir)) {
      const page = path.resolve(options.siteDir, sheet);
      const tab = await ctx.newPage();
      tab.on('console', (m) => {
        if (m.type() === 'error') report.problems.push(`console error: ${m.text()}`);
      });
      tab.on('pageerror', (e) => report.problems.push(`uncaught exception: ${e.message}`));
      tab.on('requestfailed', (r) => report.problems.push(`request failed: ${r.url().slice(0, 120)} (${r.failure()?.errorText ?? 'unknown'})`));
      await tab.goto(pathToFileURL(page).href, { waitUntil: 'load' });
      await tab.evaluate(async () => {
        await document.fonts.ready;
      });
      await tab.emulateMedia({ media: 'print', colorScheme: 'light' });
      for (const format of options.formats ?? ['A4', 'Letter']) {
        // Lay the page out at the paper's printable width, as the printer will, and look for formulas wider than a column.
        await tab.setViewportSize({ width: PRINT_WIDTH_PX[format], height: 1000 });
        const seen = await tab.evaluate(() => {
          const wide: string[] = [];
          const cards = Array.from(document.querySelectorAll<HTMLElement>('.formula'));
          for (const card of cards) {
            const box = card.getBoundingClientRect();
            // KaTeX lays a formula out as inline-block .base boxes (one per line break opportunity, plus .tag).
            for (const el of Array.from(card.querySelectorAll<HTMLElement>('.katex-html > .base, .katex-html > .tag, .formula-name, .formula-meaning'))) {
              const r = el.getBoundingClientRect();
              // (Not scrollWidth: glyph overhangs such as a sum sign's italic correction make it exceed clientWidth by a pixel or two.)
              const over = Math.max(r.right - box.right, box.left - r.left);
              if (over > 1) {
                wide.push(`${card.id}: ${el.closest('.formula-math') ? 'the formula' : el.className} is ${Math.round(over)} px wider than its column`);
                break;
              }
            }
          }
          return { wide, formulas: cards.length };
        });
        if (format === (options.formats ?? ['A4', 'Letter'])[0]) report.formulas += seen.formulas;
        report.overflow.push(...seen.wide.map((w) => `${sheet} ${format}: ${w}`));
        const pdf = await tab.pdf({ format, printBackground: false });
        const file = path.join(outDir, `${sheet.replace(/\.html$/, '')}-${format.toLowerCase()}.pdf`);
        writeFileSync(file, pdf);
        const pages = countPdfPages(pdf);
        report.pdfs.push({ sheet, format, file, pages, bytes: pdf.length });
        if (format === 'A4' && pages > maxA4) report.overBudget.push(`${sheet} prints to ${pages} A4 pages, over the budget of ${maxA4}: move formulas to another sheet (metadata.formula.sheet) or shorten them`);
      }
      await tab.close();
    }
  } finally {
    await ctx.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return report;
}

const HELP = `Usage: npm run cheatsheet:pdf -- [siteDir] [--out DIR] [--max-a4-pages N]

Prints every cheatsheet sheet of <siteDir> (default build/site): cheatsheet.html and each cheatsheet-<sheet>.html,
to PDF with Debian's Chromium, on A4 and on Letter: build/cheatsheet/cheatsheet-a4.pdf, cheatsheet-letter.pdf,
cheatsheet-<sheet>-a4.pdf, ... (or --out DIR). Prints each PDF's page count.
Exit code 1 when the page is missing, logs console errors, has a formula wider than its printed column, or a sheet
prints to more than N A4 pages (default 2: the cheatsheet is a 15-minute read).`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    console.log(HELP);
    return 0;
  }
  const i = argv.indexOf('--out');
  const outDir = i >= 0 ? argv.splice(i, 2)[1] : undefined;
  const m = argv.indexOf('--max-a4-pages');
  const maxA4Pages = m >= 0 ? Number(argv.splice(m, 2)[1]) : undefined;
  if (maxA4Pages !== undefined && !(Number.isInteger(maxA4Pages) && maxA4Pages > 0)) {
    console.error(`--max-a4-pages must be a positive whole number\n\n${HELP}`);
    return 2;
  }
  const siteDir = argv[0] ?? path.join(process.cwd(), 'build', 'site');
  const report = await printCheatsheet({ siteDir, outDir, maxA4Pages });
  for (const p of report.pdfs) {
    console.log(`${p.sheet} ${p.format}: ${p.pages} page${p.pages === 1 ? '' : 's'}, ${(p.bytes / 1024).toFixed(0)} KB -> ${path.relative(process.cwd(), p.file)}`);
  }
  console.log(`${report.formulas} formulas on ${new Set(report.pdfs.map((p) => p.sheet)).size} sheet(s)`);
  for (const w of [...report.overflow, ...report.problems, ...report.overBudget]) console.error(`✖ ${w}`);
  return report.overflow.length || report.problems.length || report.overBudget.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
