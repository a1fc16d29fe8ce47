// The cache re-runs a notebook exactly when something it depends on changed (real kernel).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { notebookDependencies } from '../../scripts/runner/deps';
import type { RunReport } from '../../scripts/runner/report';
import { readJson, ROOT, runCli } from './helpers';

const KS = { kernelspec: { name: 'ml-interview-notebooks', display_name: 'TypeScript (ml-interview-notebooks)', language: 'typescript' } };

function notebook(cells: { id: string; type: 'code' | 'markdown'; source: string }[]): string {
  return JSON.stringify({
    nbformat: 4, nbformat_minor: 5, metadata: KS,
    cells: cells.map((c) => ({ id: c.id, cell_type: c.type, metadata: {}, source: c.source, ...(c.type === 'code' ? { outputs: [], execution_count: null } : {}) })),
  }, null, 1);
}

describe('notebookDependencies', () => {
  it('follows local imports transitively and pulls in datasets/ when a loader is reached', () => {
    const nbDir = path.join(ROOT, 'notebooks');
    const deps = notebookDependencies(["import { loadIris } from '../lib/data/datasets';"], ROOT, nbDir).map((f) => path.relative(ROOT, f));
    expect(deps).toContain(path.join('lib', 'data', 'datasets.ts'));
    expect(deps.some((f) => f.startsWith(`datasets${path.sep}`))).toBe(true);
    const plot = notebookDependencies(["import { show } from '../lib/plot/show';"], ROOT, nbDir).map((f) => path.relative(ROOT, f));
    expect(plot).toEqual([path.join('lib', 'core', 'display.ts'), path.join('lib', 'plot', 'figure.ts'), path.join('lib', 'plot', 'show.ts')]);
    expect(notebookDependencies(["import * as tf from '@tensorflow/tfjs';"], ROOT)).toEqual([]);
    // A file a cell names by a quoted path relative to the notebook is part of what its result depends on.
    const named = notebookDependencies(["const f = readFileSync('../datasets/manifest.json', 'utf8');"], ROOT, nbDir).map((f) => path.relative(ROOT, f));
    expect(named).toContain(path.join('datasets', 'manifest.json'));
  });
});

describe('run cache (real kernel)', () => {
  // The kernel runs in the notebook's folder: the notebook imports its neighbours as './dep-a'.
  mkdirSync(path.join(ROOT, 'build'), { recursive: true });
  const dir = mkdtempSync(path.join(ROOT, 'build', 'test-cache-'));
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'mlin-cache-'));
  const outDir = mkdtempSync(path.join(tmpdir(), 'mlin-cache-out-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const nbFile = path.join(dir, 'uses-deps.ipynb');
  const failFile = path.join(dir, 'fails.ipynb');
  const run = (...files: string[]) => {
    const r = runCli(files, {}, { outDir, cacheDir });
    return { ...r, report: readJson<RunReport>(path.join(r.outDir, 'report.json')) };
  };
  const executedText = () => readFileSync(path.join(outDir, 'uses-deps.ipynb'), 'utf8');

  writeFileSync(path.join(dir, 'dep-b.ts'), 'export const b = 1;\n');
  writeFileSync(path.join(dir, 'dep-a.ts'), "import { b } from './dep-b';\nexport const a = b + 1;\n");
  writeFileSync(nbFile, notebook([
    { id: 'md', type: 'markdown', source: '# Uses deps' },
    { id: 'use', type: 'code', source: "import { a } from './dep-a';\nconsole.log('a =', a);" },
  ]));
  writeFileSync(failFile, notebook([{ id: 'x', type: 'code', source: "throw new Error('always fails');" }]));

  it('runs, then reuses the executed copy while nothing changed', () => {
    const first = run(nbFile);
    expect(first.report.notebooks[0].status).toBe('passed');
    expect(executedText()).toContain('a = 2');
    const copy = executedText();
    const second = run(nbFile);
    expect(second.status).toBe(0);
    expect(second.report.notebooks[0].status).toBe('cached');
    expect(second.stderr).toMatch(/↺ .*uses-deps\.ipynb: cached/);
    expect(executedText()).toBe(copy);
  }, 180_000);

  it('re-runs when a file imported through another file changes', () => {
    writeFileSync(path.join(dir, 'dep-b.ts'), 'export const b = 5;\n');
    const r = run(nbFile);
    expect(r.report.notebooks[0].status).toBe('passed');
    expect(executedText()).toContain('a = 6');
    expect(run(nbFile).report.notebooks[0].status).toBe('cached');
  }, 180_000);

  it('re-runs when a markdown cell changes, and when --force is given', () => {
    writeFileSync(nbFile, readFileSync(nbFile, 'utf8').replace('# Uses deps', '# Uses dependencies'));
    expect(run(nbFile).report.notebooks[0].status).toBe('passed');
    const forced = runCli([nbFile, '--force'], {}, { outDir, cacheDir });
    expect(readJson<RunReport>(path.join(forced.outDir, 'report.json')).notebooks[0].status).toBe('passed');
  }, 180_000);

  it('re-runs when only metadata changes (a cell\'s or the notebook\'s): the executed copy carries it', () => {
    expect(run(nbFile).report.notebooks[0].status).toBe('cached');
    const nb = JSON.parse(readFileSync(nbFile, 'utf8')) as { metadata: Record<string, unknown>; cells: { metadata: Record<string, unknown> }[] };
    nb.cells[0].metadata = { formula: { id: 'f', sheet: 'Data and features' } };
    writeFileSync(nbFile, JSON.stringify(nb, null, 1));
    expect(run(nbFile).report.notebooks[0].status).toBe('passed');
    expect(executedText()).toContain('Data and features');
    nb.metadata = { ...nb.metadata, lesson: { title: 'Renamed' } };
    writeFileSync(nbFile, JSON.stringify(nb, null, 1));
    expect(run(nbFile).report.notebooks[0].status).toBe('passed');
    expect(executedText()).toContain('Renamed');
    expect(run(nbFile).report.notebooks[0].status).toBe('cached');
  }, 180_000);

  it('re-runs when the executed copy was deleted or edited', () => {
    writeFileSync(path.join(outDir, 'uses-deps.ipynb'), executedText().replace('a = 6', 'a = 7'));
    expect(run(nbFile).report.notebooks[0].status).toBe('passed');
    expect(executedText()).toContain('a = 6');
  }, 180_000);

  it('never caches a failure', () => {
    expect(run(failFile).report.notebooks[0].status).toBe('failed');
    const again = run(failFile);
    expect(again.status).toBe(1);
    expect(again.report.notebooks[0].status).toBe('failed');
  }, 180_000);
});
