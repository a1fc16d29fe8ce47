// The run report: build/report.json (stable schema), a JUnit XML file for CI, a summary table, and shard merging.
import type { CellResult, NotebookFailure } from './run-notebook';

export const REPORT_SCHEMA = 'ml-interview-notebooks/run-report@1';

export type NotebookStatus = 'passed' | 'cached' | 'failed';

export interface NotebookReport {
  /** Notebook path relative to the repository root (forward slashes). */
  path: string;
  status: NotebookStatus;
  /** Code cells by outcome. */
  cells: { total: number; ok: number; error: number; expectedError: number; skipped: number; notRun: number };
  seconds: number;
  /** Executed copy, relative to the repository root; null when none was written. */
  output: string | null;
  failure: null | {
    kind: 'error' | 'timeout' | 'kernel-died' | 'invalid-notebook';
    cell: number | null;
    cellId: string | null;
    line: number | null;
    reason: string;
    message: string;
  };
}

export interface RunReport {
  schema: typeof REPORT_SCHEMA;
  shard: { index: number; count: number } | null;
  summary: { total: number; passed: number; cached: number; failed: number; seconds: number };
  notebooks: NotebookReport[];
}

export function cellCounts(cells: CellResult[], codeCellIndexes: Set<number>): NotebookReport['cells'] {
  const counts = { total: 0, ok: 0, error: 0, expectedError: 0, skipped: 0, notRun: 0 };
  for (const c of cells) {
    if (!codeCellIndexes.has(c.index)) continue;
    counts.total++;
    if (c.status === 'ok') counts.ok++;
    else if (c.status === 'expected-error') counts.expectedError++;
    else if (c.status === 'skipped') counts.skipped++;
    else if (c.status === 'not-run') counts.notRun++;
    else counts.error++;
  }
  return counts;
}

export function failureKind(cells: CellResult[], failure: NotebookFailure): NonNullable<NotebookReport['failure']>['kind'] {
  if (failure.invalidNotebook) return 'invalid-notebook';
  const status = cells.find((c) => c.index + 1 === failure.place.cell)?.status;
  if (status === 'timeout') return 'timeout';
  if (status === 'kernel-died' || /kernel died|kernel failed/.test(failure.reason)) return 'kernel-died';
  return 'error';
}

export function buildReport(notebooks: NotebookReport[], shard: RunReport['shard']): RunReport {
  const sum = (s: NotebookStatus) => notebooks.filter((n) => n.status === s).length;
  return {
    schema: REPORT_SCHEMA,
    shard,
    summary: {
      total: notebooks.length, passed: sum('passed'), cached: sum('cached'), failed: sum('failed'),
      seconds: Math.round(notebooks.reduce((s, n) => s + n.seconds, 0) * 10) / 10,
    },
    notebooks,
  };
}

/** Merges shard reports (from a CI matrix) into one, ordered by notebook path. Throws on overlapping shards. */
export function mergeReports(reports: RunReport[]): RunReport {
  const seen = new Map<string, NotebookReport>();
  for (const r of reports) {
    if (r.schema !== REPORT_SCHEMA) throw new TypeError(`expected report schema ${REPORT_SCHEMA}, got ${JSON.stringify(r.schema)}`);
    for (const n of r.notebooks) {
      if (seen.has(n.path)) throw new RangeError(`notebook ${n.path} appears in more than one shard report`);
      seen.set(n.path, n);
    }
  }
  return buildReport([...seen.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), null);
}

const xmlEscape = (s: string) =>
  // Control characters other than tab/newline are not allowed in XML 1.0.
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JUnit XML: one testsuite, one testcase per notebook. */
export function toJunit(report: RunReport): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="notebooks" tests="${report.summary.total}" failures="${report.summary.failed}" time="${report.summary.seconds}">`,
    `  <testsuite name="notebooks" tests="${report.summary.total}" failures="${report.summary.failed}" skipped="0" time="${report.summary.seconds}">`,
  ];
  for (const n of report.notebooks) {
    lines.push(`    <testcase classname="notebooks" name="${xmlEscape(n.path)}" time="${n.seconds}">`);
    if (n.failure) {
      const where = n.failure.cell ? ` cell ${n.failure.cell}${n.failure.cellId ? ` (id ${n.failure.cellId})` : ''}${n.failure.line ? ` line ${n.failure.line}` : ''}` : '';
      lines.push(`      <failure type="${n.failure.kind}" message="${xmlEscape(`${n.path}${where}: ${n.failure.reason}`)}">${xmlEscape(n.failure.message)}</failure>`);
    }
    if (n.status === 'cached') lines.push('      <system-out>cached: unchanged since its last successful run</system-out>');
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

/** The end-of-run table: notebook, status, cells, seconds. */
export function summaryTable(report: RunReport): string {
  const rows = report.notebooks.map((n) => [
    n.path,
    n.status === 'failed' ? `FAILED (${n.failure?.kind})` : n.status,
    n.failure?.cell ? `${n.cells.ok + n.cells.expectedError}/${n.cells.total} (stopped at cell ${n.failure.cell})` : `${n.cells.ok + n.cells.expectedError}/${n.cells.total}`,
    n.seconds.toFixed(1),
  ]);
  const header = ['notebook', 'status', 'cells', 'seconds'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  const s = report.summary;
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt), '',
    `${s.total} notebooks: ${s.passed} passed, ${s.cached} cached, ${s.failed} failed`].join('\n');
}
