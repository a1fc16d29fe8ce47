// CLI: npm run notebooks:merge -- a.json b.json ... — merges shard reports from a CI matrix into one report.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './runner/kernel';
import { mergeReports, summaryTable, toJunit } from './runner/report';
import { readReport, writeReport } from './runner/run-all';
import { writeFileAtomic } from '../lib/core/atomic-write';

const HELP = `Usage: npm run notebooks:merge -- <report.json>... [--out FILE] [--junit FILE]

Merges the build/report.json files of "npm run notebooks -- --shard i/n" runs into one report
(notebooks sorted by path; a notebook in two shards is an error). Exit 1 if any notebook failed.

Options:
  --out FILE     merged JSON report (default: build/report.json)
  --junit FILE   also write JUnit XML
  -h, --help     show this help`;

function main(): number {
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { out: { type: 'string', default: path.join(REPO_ROOT, 'build', 'report.json') }, junit: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } } });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (args.values.help) { console.log(HELP); return 0; }
  if (args.positionals.length === 0) { console.error(`no reports given\n\n${HELP}`); return 2; }
  let merged;
  try {
    merged = mergeReports(args.positionals.map((f) => {
      try { return readReport(f); } catch (err) { throw new Error(`${f}: cannot read report: ${(err as Error).message}`); }
    }));
  } catch (err) {
    console.error(`✖ ${(err as Error).message}`);
    return 1;
  }
  writeReport(path.resolve(args.values.out), merged);
  if (args.values.junit) writeFileAtomic(path.resolve(args.values.junit), toJunit(merged));
  console.log(summaryTable(merged));
  return merged.summary.failed ? 1 : 0;
}

process.exitCode = main();
