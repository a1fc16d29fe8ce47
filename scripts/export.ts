// CLI: npm run export — executed notebooks (build/notebooks) -> blog-ready MDX (build/mdx) and a static site (build/site).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readCache, upToDate } from './export/cache';
import { printTimings, timed } from './export/timings';
import { REPO_ROOT, exportFingerprint, resolveOptions, type ExportOptions } from './export/options';

const HELP = `Usage: npm run export -- [options]

Exports every executed notebook (written by "npm run notebooks") to
  build/mdx/<slug>.mdx   MDX with YAML front matter for a React blog, assets in build/mdx/assets/
  build/site/            a static site: index.html and <slug>.html per lesson (open it from file://)

Only pages whose notebook (or neighbours, or the exporter) changed are rebuilt; when nothing changed
nothing is written. Both folders are built beside the live ones and swapped in when complete.

Options:
  --notebooks DIR   executed notebooks to export (default: build/notebooks)
  --mdx DIR         MDX output folder (default: build/mdx)
  --site DIR        site output folder (default: build/site)
  --source DIR      folder of the source notebooks as the front matter names it (default: notebooks)
  --title TEXT      site title (default: "ML interview notebooks")
  --force           rebuild every page, ignoring the previous export
  --threads N       threads that build lessons, 1 (default) or 2: a worker thread builds about half of them;
                    the same files, but the worker loads the toolchain again (about 6 s more CPU in all on a busy
                    machine), so it can pay only on an otherwise idle one
  -q, --quiet       print errors and the summary line only
  -h, --help        show this help

Exit code: 0 when every notebook exported, 1 when any could not be (the others are still built;
each error names the notebook and cell), 2 on bad usage.
See also: node --import tsx scripts/export/check-site.ts <siteDir> (browser check of a built site).`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        notebooks: { type: 'string', default: path.join(REPO_ROOT, 'build', 'notebooks') },
        mdx: { type: 'string', default: path.join(REPO_ROOT, 'build', 'mdx') },
        site: { type: 'string', default: path.join(REPO_ROOT, 'build', 'site') },
        source: { type: 'string', default: 'notebooks' },
        title: { type: 'string' },
        force: { type: 'boolean', default: false },
        threads: { type: 'string', default: '1' },
        quiet: { type: 'boolean', short: 'q', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  const v = args.values;
  if (v.help) {
    console.log(HELP);
    return 0;
  }
  const threads = Number(v.threads);
  if (!Number.isInteger(threads) || threads < 1 || threads > 2) {
    console.error(`--threads: expected 1 or 2, got ${JSON.stringify(v.threads)}\n\n${HELP}`);
    return 2;
  }
  const started = performance.now();
  const options: ExportOptions = {
    notebooksDir: path.resolve(v.notebooks),
    mdxDir: path.resolve(v.mdx),
    siteDir: path.resolve(v.site),
    sourcePrefix: v.source,
    // The default input mirrors notebooks/: a copy whose source is gone (deleted, renamed) is left out.
    sourcesDir: path.resolve(v.notebooks) === path.join(REPO_ROOT, 'build', 'notebooks') ? path.join(REPO_ROOT, v.source) : null,
    force: v.force,
    threads,
    ...(v.title ? { siteTitle: v.title } : {}),
  };
  const shown = (p: string) => path.relative(process.cwd(), p) || '.';
  const seconds = () => ((performance.now() - started) / 1000).toFixed(2);

  // Fast path: the check needs only node built-ins, so a no-change run does not load the MDX/React toolchain.
  const resolved = resolveOptions(options);
  if (!v.force && upToDate({ ...resolved, fingerprint: exportFingerprint(resolved) })) {
    const n = Object.keys(readCache(resolved.cacheFile)?.lessons ?? {}).length;
    console.log(`export: ${n} lesson${n === 1 ? '' : 's'} up to date (${shown(options.mdxDir)}, ${shown(options.siteDir)}) in ${seconds()} s`);
    return 0;
  }
  // React's production build renders the same markup, faster.
  process.env.NODE_ENV ??= 'production';
  // Loaded only now (the MDX compiler, React and KaTeX take a moment to load); ESM, so imported, not required.
  const { exportNotebooks } = await timed('0. load the toolchain', () => import('./export/pipeline'));
  const report = await timed('export (total)', () => exportNotebooks(options));
  printTimings();
  if (!v.quiet) for (const w of report.warnings) console.warn(`⚠ ${w}`);
  for (const e of report.errors) console.error(`✖ ${e}`);
  const n = report.lessons.length;
  console.log(
    `export: ${n} lesson${n === 1 ? '' : 's'} -> ${shown(options.mdxDir)}, ${shown(options.siteDir)} ` +
    `(${report.built.length} built, ${report.reused.length} unchanged${report.errors.length ? `, ${report.errors.length} failed` : ''}) in ${seconds()} s`,
  );
  if (n === 0 && report.errors.length === 0) console.log(`export: no executed notebooks in ${shown(options.notebooksDir)} (run "npm run notebooks" first)`);
  return report.errors.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);
