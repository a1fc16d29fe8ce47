// Parallel pool, stable report order, shards and their merge, JUnit, and CI progress lines (real kernel).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeReports, REPORT_SCHEMA, type RunReport } from '../../scripts/runner/report';
import { parseShard, selectShard } from '../../scripts/runner/run-all';
import { readJson, ROOT, runCli } from './helpers';

const KS = { kernelspec: { name: 'ml-interview-notebooks', display_name: 'TypeScript (ml-interview-notebooks)', language: 'typescript' } };

/** Notebooks that log their kernel pid and the interval during which they were busy. */
function makeTimedNotebooks(names: string[]): { dir: string; files: string[]; log: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlin-pool-'));
  const log = path.join(dir, 'log.jsonl');
  const files = names.map((name) => {
    const file = path.join(dir, `${name}.ipynb`);
    const source = `import * as fs from 'fs';\nconst start = Date.now();\nawait new Promise((r) => setTimeout(r, 1500));\nfs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ name: ${JSON.stringify(name)}, pid: process.pid, start, end: Date.now() }) + '\\n');`;
    writeFileSync(file, JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: KS, cells: [{ id: 'work', cell_type: 'code', metadata: {}, source, outputs: [], execution_count: null }] }));
    return file;
  });
  return { dir, files, log };
}

interface Interval { name: string; pid: number; start: number; end: number }
const readLog = (log: string) => readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Interval);
const overlaps = (xs: Interval[]) => xs.some((a, i) => xs.some((b, j) => i < j && a.start < b.end && b.start < a.end));

describe('pool (real kernel)', () => {
  it('runs --jobs 2 notebooks at once, one kernel process each, and reports them in input order', () => {
    const { files, log } = makeTimedNotebooks(['c-third', 'a-first', 'b-second']);
    const r = runCli([...files, '--jobs', '2']);
    expect(r.status, r.stderr).toBe(0);
    const runs = readLog(log);
    expect(new Set(runs.map((x) => x.pid)).size).toBe(3);
    expect(overlaps(runs)).toBe(true);
    const report = readJson<RunReport>(path.join(r.outDir, 'report.json'));
    expect(report.notebooks.map((n) => path.basename(n.path))).toEqual(['c-third.ipynb', 'a-first.ipynb', 'b-second.ipynb']);
    // CI (not a TTY): one plain line per notebook, no carriage-return redraws.
    expect(r.stderr.match(/^✔ .*\.ipynb: 1 cells, \d+\.\d s$/gm)).toHaveLength(3);
    expect(r.stderr).not.toContain('\r');
    expect(r.stdout).toMatch(/notebook\s+status\s+cells\s+seconds/);
  });

  it('runs one at a time with --jobs 1', () => {
    const { files, log } = makeTimedNotebooks(['x', 'y']);
    expect(runCli([...files, '--jobs', '1']).status).toBe(0);
    expect(overlaps(readLog(log))).toBe(false);
  });
});

describe('shards', () => {
  it('split the sorted list deterministically into disjoint parts that cover it', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    const parts = [1, 2, 3].map((i) => selectShard(items, { index: i, count: 3 }));
    expect(parts).toEqual([['a', 'd'], ['b', 'e'], ['c']]);
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', 'x', '1-2']) expect(() => parseShard(bad)).toThrow(RangeError);
  });

  it('shard runs merge into one report with JUnit output (real kernel)', () => {
    const { files } = makeTimedNotebooks(['n1', 'n2', 'n3']);
    const dir = path.dirname(files[0]);
    const s1 = runCli([dir, '--shard', '1/2']);
    const s2 = runCli([dir, '--shard', '2/2']);
    const r1 = readJson<RunReport>(path.join(s1.outDir, 'report.json'));
    const r2 = readJson<RunReport>(path.join(s2.outDir, 'report.json'));
    expect(r1.shard).toEqual({ index: 1, count: 2 });
    expect(r1.notebooks.map((n) => path.basename(n.path))).toEqual(['n1.ipynb', 'n3.ipynb']);
    expect(r2.notebooks.map((n) => path.basename(n.path))).toEqual(['n2.ipynb']);
    const out = mkdtempSync(path.join(tmpdir(), 'mlin-merge-'));
    const merged = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'merge-reports.ts'),
      path.join(s1.outDir, 'report.json'), path.join(s2.outDir, 'report.json'), '--out', path.join(out, 'report.json'), '--junit', path.join(out, 'junit.xml')], { cwd: ROOT, encoding: 'utf8' });
    expect(merged.status, merged.stderr).toBe(0);
    const report = readJson<RunReport>(path.join(out, 'report.json'));
    expect(report.schema).toBe(REPORT_SCHEMA);
    expect(report.summary).toMatchObject({ total: 3, passed: 3, failed: 0 });
    expect(report.notebooks.map((n) => path.basename(n.path))).toEqual(['n1.ipynb', 'n2.ipynb', 'n3.ipynb']);
    const junit = readFileSync(path.join(out, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testsuite name="notebooks" tests="3" failures="0"/);
    expect(junit.match(/<testcase /g)).toHaveLength(3);
    expect(() => mergeReports([r1, r1])).toThrow(/appears in more than one shard report/);
  }, 120_000);
});

describe('JUnit for failures', () => {
  it('carries the failure kind, place and kernel text, XML-escaped', () => {
    const r = runCli([path.join(ROOT, 'tests', 'fixtures', 'notebooks', 'failing.ipynb'), '--junit', path.join(tmpdir(), `mlin-junit-${process.pid}.xml`)]);
    const xml = readFileSync(path.join(tmpdir(), `mlin-junit-${process.pid}.xml`), 'utf8');
    expect(r.status).toBe(1);
    expect(xml).toContain('<failure type="error" message="tests/fixtures/notebooks/failing.ipynb cell 3 (id boom) line 2: cell raised Error: intentional failure 2">');
    expect(xml).toContain('Error: intentional failure 2');
    expect(xml).toContain('&#39;'.length ? "throw new Error('intentional failure ' + b);" : '');
  });
});
