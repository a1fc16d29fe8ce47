// Runs fixture notebooks through the real tslab kernel via the runner CLI and checks what it records.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cell, Notebook } from '../../scripts/runner/notebook';
import { FIXTURES, readJson, runCli } from './helpers';
import { nbformatErrors } from './nbformat-schema';

const text = (v: unknown) => (Array.isArray(v) ? v.join('') : String(v));

describe('npm run notebooks (real kernel)', () => {
  it('executes a notebook: outputs, execution counts, rich display bundle, valid nbformat 4.5, source untouched', () => {
    const src = path.join(FIXTURES, 'passing.ipynb');
    const before = readFileSync(src);
    const r = runCli([src]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/passing\.ipynb +passed +4\/5 /);
    expect(readFileSync(src).equals(before)).toBe(true);
    const nb = readJson<Notebook>(path.join(r.outDir, 'passing.ipynb'));
    expect(nb.nbformat).toBe(4);
    expect(nb.nbformat_minor).toBe(5);
    expect(nbformatErrors(nb)).toEqual([]);
    expect(nbformatErrors({ ...nb, cells: [{ cell_type: 'code' }] })).not.toEqual([]);
    expect(nb.metadata.language_info).toMatchObject({ name: 'typescript' });
    const byId: Record<string, Cell> = Object.fromEntries(nb.cells.map((c) => [c.id, c]));
    expect(byId.setup.execution_count).toBe(1);
    expect(text(byId.setup.outputs?.[0]?.text)).toMatch(/^tfjs backend: /);
    expect(text(byId.random.outputs?.[0]?.text)).toMatch(/^js 0\.\d{12}\ntf -?\d\.\d{6} -?\d\.\d{6} -?\d\.\d{6}\n$/);
    const plots = byId.plot.outputs ?? [];
    expect(plots).toHaveLength(2);
    for (const p of plots) {
      expect(p.output_type).toBe('display_data');
      expect(Object.keys(p.data as object).sort()).toEqual(['application/vnd.plotly.v1+json', 'text/html', 'text/plain']);
    }
    // plotly.js is embedded in the first chart only.
    expect(text((plots[0].data as Record<string, unknown>)['text/html']).length).toBeGreaterThan(1_000_000);
    expect(text((plots[1].data as Record<string, unknown>)['text/html']).length).toBeLessThan(5_000);
    expect((plots[1].data as Record<string, unknown>)['text/plain']).toEqual(['Plotly figure "Cubes": 1 trace (1 scatter), 3 points']);
    const html = byId.html.outputs ?? [];
    // The last expression's value is an execute_result (text/plain), not stdout text.
    expect(html.map((o) => o.output_type)).toEqual(['display_data', 'stream', 'execute_result']);
    expect(html[1]).toMatchObject({ name: 'stderr', text: ['a warning\n'] });
    expect(html[2]).toEqual({ output_type: 'execute_result', execution_count: byId.html.execution_count, data: { 'text/plain': ['42'] }, metadata: {} });
    expect(byId.empty.execution_count).toBeNull();
  }, 180_000);

  it('gives byte-identical executed copies on two runs with the same seed', () => {
    const src = path.join(FIXTURES, 'passing.ipynb');
    const a = runCli([src]);
    const b = runCli([src]);
    expect(a.status).toBe(0);
    expect(b.status).toBe(0);
    expect(readFileSync(path.join(a.outDir, 'passing.ipynb')).equals(readFileSync(path.join(b.outDir, 'passing.ipynb')))).toBe(true);
  }, 300_000);

  it('stops a notebook at its first failing cell, names notebook, cell, id, line and error, exits 1', () => {
    const src = path.join(FIXTURES, 'failing.ipynb');
    const before = readFileSync(src);
    const r = runCli([src]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/failing\.ipynb cell 3 \(id boom\) line 2: cell raised Error: intentional failure 2/);
    expect(r.stderr).toContain("> throw new Error('intentional failure ' + b);");
    expect(r.stderr).toContain('Error: intentional failure 2');
    expect(readFileSync(src).equals(before)).toBe(true);
    const nb = readJson<Notebook>(path.join(r.outDir, 'failing.ipynb'));
    const after = nb.cells.find((c) => c.id === 'after');
    expect(after?.outputs).toEqual([]);
    expect(after?.execution_count).toBeNull();
    const boom = nb.cells.find((c) => c.id === 'boom');
    expect(boom?.outputs?.[0]).toMatchObject({ output_type: 'error', ename: 'Error', evalue: 'intentional failure 2' });
    expect(text(nb.cells.find((c) => c.id === 'ok')?.outputs?.[0]?.text)).toBe('before 1\n');
  });

  it('reports a TypeScript type error with its line and column', () => {
    const r = runCli([path.join(FIXTURES, 'type-error.ipynb')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/type-error\.ipynb cell 1 \(id bad-type\) line 2:7: cell raised TS2322: Type 'string' is not assignable to type 'number'\./);
    expect(r.stderr).toContain("Type 'string' is not assignable to type 'number'");
  });
});
