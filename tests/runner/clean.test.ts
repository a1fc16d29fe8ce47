// notebooks:clean strips outputs, counts and volatile metadata and keeps every other byte.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanNotebookText } from '../../scripts/runner/clean';
import { parseWithSpans, removeMembers, applyEdits } from '../../scripts/shared/json-spans';
import { ROOT } from './helpers';

// Deliberately not Jupyter's formatting: 2-space indent, unsorted keys, a string source, CRLF-free unicode.
const DIRTY = `{
  "metadata": {
    "kernelspec": {"name": "ml-interview-notebooks", "display_name": "TS", "language": "typescript"},
    "language_info": {"name": "typescript", "version": "3.7.2"},
    "authors": ["Ada"]
  },
  "nbformat": 4,
  "nbformat_minor": 5,
  "cells": [
    {"cell_type": "markdown", "id": "m", "metadata": {"collapsed": true}, "source": "# Température {x}"},
    {
      "id": "c1",
      "cell_type": "code",
      "execution_count": 12,
      "metadata": {"scrolled": true, "tags": ["raises-exception"], "execution": {"iopub.status.busy": "2026-01-01T00:00:00Z"}},
      "outputs": [{"output_type": "stream", "name": "stdout", "text": ["hi\\n"]}],
      "source": ["console.log('hi')"]
    },
    {"cell_type": "code", "execution_count": null, "id": "c2", "metadata": {"ExecuteTime": {"end_time": "x"}, "jupyter": {"source_hidden": true}}, "outputs": [], "source": "1"}
  ]
}
`;

const CLEAN = `{
  "metadata": {
    "kernelspec": {"name": "ml-interview-notebooks", "display_name": "TS", "language": "typescript"},
    "authors": ["Ada"]
  },
  "nbformat": 4,
  "nbformat_minor": 5,
  "cells": [
    {"cell_type": "markdown", "id": "m", "metadata": {}, "source": "# Température {x}"},
    {
      "id": "c1",
      "cell_type": "code",
      "execution_count": null,
      "metadata": {"tags": ["raises-exception"]},
      "outputs": [],
      "source": ["console.log('hi')"]
    },
    {"cell_type": "code", "execution_count": null, "id": "c2", "metadata": {"jupyter": {"source_hidden": true}}, "outputs": [], "source": "1"}
  ]
}
`;

describe('cleanNotebookText', () => {
  it('removes exactly outputs, execution counts and volatile metadata, byte for byte otherwise', () => {
    const { text, changes } = cleanNotebookText(DIRTY);
    expect(text).toBe(CLEAN);
    expect(changes).toEqual(['notebook metadata', 'cell 1 metadata', 'cell 2 outputs', 'cell 2 execution_count', 'cell 2 metadata', 'cell 3 metadata']);
    expect(JSON.parse(text)).toBeTruthy();
  });

  it('is idempotent and leaves a clean notebook untouched', () => {
    expect(cleanNotebookText(CLEAN)).toEqual({ text: CLEAN, changes: [] });
  });

  it('removes leading, middle and trailing members with their commas', () => {
    const text = '{"a": 1, "b": 2, "c": 3, "d": 4}';
    const run = (keys: string[]) => applyEdits(text, removeMembers(text, parseWithSpans(text), new Set(keys)));
    expect(run(['a'])).toBe('{"b": 2, "c": 3, "d": 4}');
    expect(run(['a', 'b'])).toBe('{"c": 3, "d": 4}');
    expect(run(['b', 'c'])).toBe('{"a": 1, "d": 4}');
    expect(run(['d'])).toBe('{"a": 1, "b": 2, "c": 3}');
    expect(run(['a', 'c'])).toBe('{"b": 2, "d": 4}');
    expect(run(['a', 'b', 'c', 'd'])).toBe('{}');
    for (const keys of [['a'], ['a', 'b'], ['b', 'd'], ['a', 'd']]) expect(() => JSON.parse(run(keys))).not.toThrow();
  });
});

describe('npm run notebooks:clean', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'clean-notebooks.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

  it('--check exits 1 naming dirty notebooks and changes nothing; then cleaning fixes them in place', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mlin-clean-'));
    writeFileSync(path.join(dir, 'dirty.ipynb'), DIRTY);
    writeFileSync(path.join(dir, 'clean.ipynb'), CLEAN);
    const check = cli(['--check', dir]);
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/dirty\.ipynb is not clean: notebook metadata, cell 1 metadata, cell 2 outputs/);
    expect(check.stderr).not.toContain('clean.ipynb is not clean');
    expect(readFileSync(path.join(dir, 'dirty.ipynb'), 'utf8')).toBe(DIRTY);
    expect(cli([dir]).status).toBe(0);
    expect(readFileSync(path.join(dir, 'dirty.ipynb'), 'utf8')).toBe(CLEAN);
    expect(cli(['--check', dir]).status).toBe(0);
  });

  it('reports a broken notebook by name and leaves it alone', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mlin-clean-'));
    writeFileSync(path.join(dir, 'broken.ipynb'), '{"cells": [');
    const r = cli([dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/broken\.ipynb: not valid JSON/);
    expect(readFileSync(path.join(dir, 'broken.ipynb'), 'utf8')).toBe('{"cells": [');
  });

  it('the committed notebooks are clean', () => {
    const r = cli(['--check']);
    expect(r.status, r.stderr).toBe(0);
  });
});
