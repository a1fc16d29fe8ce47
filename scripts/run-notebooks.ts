// CLI: npm run notebooks [paths...] — executes notebooks on the project kernel, in parallel and cached, with reports.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './runner/kernel';
import { createProgress } from './runner/progress';
import { toJunit, summaryTable } from './runner/report';
import { collectNotebooks, liveKernels, parseShard, pruneOrphans, runAll, selectShard, writeReport } from './runner/run-all';
import { writeFileAtomic } from '../lib/core/atomic-write';

const HELP = `Usage: npm run notebooks -- [paths...] [options]

Executes notebooks over the Jupyter protocol, one kernel per notebook, started in the
notebook's folder: the kernel the notebook names (metadata.kernelspec.name), found as Jupyter
finds kernelspecs (JUPYTER_PATH, the user and system data dirs); this repository's kernel
"ml-interview-notebooks" needs no install. Executed copies go to build/notebooks/; source
notebooks are never modified. A notebook whose inputs (cells, imported lib/ files, files it
names, datasets, lockfile, runner) are unchanged since its last successful run is not executed
again. A run over the default notebooks/ folder (no paths, no shard) also removes executed
copies whose source notebook is gone.

Arguments:
  paths               notebook files or folders (default: notebooks/)

Options:
  -j, --jobs N        kernels run at once (default: number of CPU cores, ${os.cpus().length} here)
  --timeout SEC       per-cell timeout in seconds (default 120); a notebook's or cell's
                      metadata "execution": {"timeout": SEC} overrides it
  --force             ignore the cache and execute everything
  --shard i/n         run only shard i of n (every n-th notebook of the sorted list, from the i-th)
  --out DIR           executed copies (default: build/notebooks)
  --report FILE       JSON report (default: build/report.json)
  --cache DIR         cache folder (default: build/cache/runner)
  --junit FILE        also write a JUnit XML report
  -h, --help          show this help

Cell tags: "raises-exception" (an error is expected; the run goes on), "skip-execution".
Exit code: 0 all passed or cached, 1 a notebook failed, 2 bad usage, 130 interrupted.`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        jobs: { type: 'string', short: 'j' },
        timeout: { type: 'string', default: '120' },
        force: { type: 'boolean', default: false },
        shard: { type: 'string' },
        out: { type: 'string', default: path.join(REPO_ROOT, 'build', 'notebooks') },
        report: { type: 'string', default: path.join(REPO_ROOT, 'build', 'report.json') },
        junit: { type: 'string' },
        cache: { type: 'string', default: path.join(REPO_ROOT, 'build', 'cache', 'runner') },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  const v = args.values;
  if (v.help) { console.log(HELP); return 0; }
  const timeoutSec = Number(v.timeout);
  if (!(timeoutSec > 0)) { console.error(`--timeout expects a positive number of seconds, got ${JSON.stringify(v.timeout)}`); return 2; }
  const jobs = v.jobs === undefined ? os.cpus().length : Number(v.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) { console.error(`--jobs expects a positive integer, got ${JSON.stringify(v.jobs)}`); return 2; }
  let shard = null;
  try { shard = v.shard ? parseShard(v.shard) : null; } catch (err) { console.error((err as Error).message); return 2; }

  const notebooksDir = path.join(REPO_ROOT, 'notebooks');
  const all = collectNotebooks(args.positionals.length ? args.positionals : [notebooksDir]);
  const files = selectShard(all, shard);
  if (all.length === 0) { console.error(`no notebooks found in ${args.positionals.join(' ') || 'notebooks/'}`); return 1; }

  const signal = { aborted: false };
  const stopAll = () => { for (const k of liveKernels) k.kill(); };
  process.on('exit', stopAll);
  // The first Ctrl-C stops the kernels and waits until they are gone (a few hundred ms), writing nothing more; a
  // second one does not wait.
  const onSignal = (name: NodeJS.Signals) => {
    if (signal.aborted) {
      stopAll();
      process.exit(130);
    }
    signal.aborted = true;
    process.stderr.write(`\n${name}: stopping ${liveKernels.size} kernel(s)\n`);
    void Promise.all([...liveKernels].map((k) => k.stop())).finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const progress = createProgress(files.length);
  const report = await runAll(files, {
    repoRoot: REPO_ROOT, notebooksDir, outDir: path.resolve(v.out), cacheDir: path.resolve(v.cache),
    jobs, timeoutSec, force: v.force, shard, progress, signal,
    log: (text) => process.stderr.write(`${text}\n`),
  });
  progress.close();
  // Stopped by Ctrl-C: the signal handler exits once the kernels are gone; no report of a run cut short.
  if (signal.aborted) return new Promise<number>(() => undefined);
  const fullRun = args.positionals.length === 0 || (args.positionals.length === 1 && path.resolve(args.positionals[0]) === notebooksDir);
  if (fullRun && !shard) {
    for (const gone of pruneOrphans(path.resolve(v.out), notebooksDir)) {
      process.stderr.write(`removed ${path.relative(REPO_ROOT, gone)}: its source notebook is gone\n`);
    }
  }
  writeReport(path.resolve(v.report), report);
  if (v.junit) writeFileAtomic(path.resolve(v.junit), toJunit(report));
  console.log(`\n${summaryTable(report)}${shard ? ` (shard ${shard.index}/${shard.count})` : ''}`);
  return report.summary.failed > 0 ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (err) => { console.error(err); process.exitCode = 1; });
