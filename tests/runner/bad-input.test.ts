// Bad input gets a clear error naming file and cell, a non-zero exit, and the other notebooks still run.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../scripts/runner/report';
import { FIXTURES, readJson, runCli, type CliResult } from './helpers';

const BAD = path.join(FIXTURES, 'bad');
const hashes = () => Object.fromEntries(readdirSync(BAD).map((f) => [f, createHash('sha256').update(readFileSync(path.join(BAD, f))).digest('hex')]));

describe('bad input (real kernel)', () => {
  let r: CliResult;
  let report: RunReport;
  let before: Record<string, string>;
  beforeAll(() => {
    before = hashes();
    r = runCli([BAD, path.join(FIXTURES, 'robust', 'tags.ipynb'), path.join(FIXTURES, 'no-such-notebook.ipynb'), '--jobs', '2']);
    report = readJson<RunReport>(path.join(r.outDir, 'report.json'));
  }, 240_000);

  it('exits 1 and still runs the good notebook', () => {
    expect(r.status).toBe(1);
    const tags = report.notebooks.find((n) => n.path.endsWith('robust/tags.ipynb'));
    expect(tags?.status).toBe('passed');
    expect(report.summary).toMatchObject({ total: 9, passed: 1, failed: 8 });
  });

  it.each([
    ['not-json.ipynb', /bad\/not-json\.ipynb: not valid JSON: /],
    ['nbformat3.ipynb', /bad\/nbformat3\.ipynb: unsupported nbformat 3: expected nbformat 4/],
    ['no-cells.ipynb', /bad\/no-cells\.ipynb: not an nbformat 4 notebook: "cells" is missing/],
    ['unknown-kernel.ipynb', /bad\/unknown-kernel\.ipynb: notebook asks for kernel "no-such-kernel", which is not installed; kernels found: ml-interview-notebooks \(this repository\)/],
    ['missing-module.ipynb', /bad\/missing-module\.ipynb cell 1 \(id a\) line 1:25: cell raised TS2307: Cannot find module '\.\.\/\.\.\/\.\.\/\.\.\/lib\/does-not-exist'[^\n]*\n {4}> import \{ nothing \} from '\.\.\/\.\.\/\.\.\/\.\.\/lib\/does-not-exist';\n/],
    ['throws.ipynb', /bad\/throws\.ipynb cell 2 \(id b\) line 2: cell raised RangeError: thrown on purpose\n {4}> throw new RangeError\('thrown on purpose'\);[\s\S]*RangeError: thrown on purpose/],
    ['type-error.ipynb', /bad\/type-error\.ipynb cell 1 \(id a\) line 2:1: cell raised TS2322[\s\S]*Type 'string' is not assignable to type 'number'/],
  ])('%s gets an error naming the file (and cell)', (_name, pattern) => {
    expect(r.stderr).toMatch(pattern);
  });

  it('says once that a kernel is not installed, listing the kernels found', () => {
    expect(r.stderr.match(/notebook asks for kernel "no-such-kernel"/g)).toHaveLength(1);
  });

  it('names a notebook path that does not exist', () => {
    expect(r.stderr).toMatch(/no-such-notebook\.ipynb: no such notebook file/);
  });

  it('records failures in the report with kind and place, and writes no copy of an unreadable notebook', () => {
    const byName = Object.fromEntries(report.notebooks.map((n) => [path.basename(n.path), n]));
    expect(byName['not-json.ipynb'].failure?.kind).toBe('invalid-notebook');
    expect(byName['not-json.ipynb'].output).toBeNull();
    expect(byName['unknown-kernel.ipynb'].failure?.kind).toBe('invalid-notebook');
    expect(byName['throws.ipynb'].failure).toMatchObject({ kind: 'error', cell: 2, cellId: 'b', line: 2 });
    expect(byName['throws.ipynb'].cells).toMatchObject({ total: 2, ok: 1, error: 1 });
    expect(readdirSync(r.outDir).filter((f) => f.endsWith('.ipynb')).sort()).toEqual(['missing-module.ipynb', 'tags.ipynb', 'throws.ipynb', 'type-error.ipynb']);
  });

  it('leaves every source notebook byte-identical', () => {
    expect(hashes()).toEqual(before);
  });
});
