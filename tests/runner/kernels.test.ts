// The runner runs notebooks for other kernels: Debian's python3 and the stock tslab/jslab kernels, each in its notebook's folder.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Cell, Notebook, Output } from '../../scripts/runner/notebook';
import type { RunReport } from '../../scripts/runner/report';
import { FIXTURES, ROOT, readJson, runCli, type CliResult } from './helpers';

const text = (v: unknown) => (Array.isArray(v) ? v.join('') : String(v ?? ''));
const outputsOf = (nb: Notebook, id: string): Output[] => (nb.cells.find((c: Cell) => c.id === id)?.outputs ?? []) as Output[];

describe('runner with other kernels (real kernels: Debian python3, stock tslab and jslab)', () => {
  let r: CliResult;
  let report: RunReport;
  beforeAll(() => {
    // The stock kernelspecs as `tslab install` writes them, into a temp prefix put on JUPYTER_PATH (FACTS item 18).
    const prefix = mkdtempSync(path.join(tmpdir(), 'mlin-stock-tslab-'));
    const tslabBin = path.join(ROOT, 'node_modules', '.bin', 'tslab');
    const install = spawnSync(tslabBin, ['install', '--python', '/usr/bin/python3', '--binary', tslabBin, '--prefix', prefix], { encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    r = runCli([path.join(FIXTURES, 'kernels'), '--jobs', '2'], { JUPYTER_PATH: path.join(prefix, 'share', 'jupyter') });
    report = readJson<RunReport>(path.join(r.outDir, 'report.json'));
  }, 300_000);

  it('runs every fixture green, the intentional errors recorded as expected', () => {
    expect(r.status, r.stderr).toBe(0);
    expect(report.notebooks.map((n) => [path.basename(n.path), n.status, n.cells.expectedError])).toEqual([
      ['hello.ipynb', 'passed', 1],
      ['numbers.ipynb', 'passed', 1],
      ['getting-started.ipynb', 'passed', 2],
    ]);
  });

  it("Debian's python3 kernel: files next to the notebook, execute_result, a ZeroDivisionError error output, and the cell after it runs", () => {
    const nb = readJson<Notebook>(path.join(r.outDir, 'numbers.ipynb'));
    expect(nb.metadata.language_info).toMatchObject({ name: 'python' });
    expect(text(outputsOf(nb, 'read')[0]?.text)).toBe('12\n');
    expect(outputsOf(nb, 'result')[0]).toMatchObject({ output_type: 'execute_result', data: { 'text/plain': ['24'] } });
    expect(outputsOf(nb, 'zero')[0]).toMatchObject({ output_type: 'error', ename: 'ZeroDivisionError' });
    expect(text(outputsOf(nb, 'after')[0]?.text)).toBe('after the expected error\n');
  });

  it('stock tslab: reads an image and a text file by relative paths, and runs the cells after its expected errors', () => {
    const nb = readJson<Notebook>(path.join(r.outDir, 'getting-started.ipynb'));
    const image = outputsOf(nb, 'image');
    expect(image[0]).toMatchObject({ output_type: 'display_data' });
    expect(Object.keys(image[0].data as object)).toEqual(['image/png']);
    expect(text(outputsOf(nb, 'text')[0]?.text)).toBe('HELLO FROM A FILE NEXT TO THE NOTEBOOK\n');
    expect(text(outputsOf(nb, 'type-error')[0]?.text)).toContain("Type 'string' is not assignable to type 'number'");
    expect(text(outputsOf(nb, 'after-type-error')[0]?.text)).toBe('after the expected type error: 38\n');
    expect(text(outputsOf(nb, 'done')[0]?.text)).toBe('done\n');
  });

  it('stock jslab: a relative file read and the cell after an expected error', () => {
    const nb = readJson<Notebook>(path.join(r.outDir, 'hello.ipynb'));
    expect(nb.metadata.language_info).toMatchObject({ name: 'javascript' });
    expect(text(outputsOf(nb, 'read')[0]?.text)).toBe('hello from jslab\n');
    expect(text(outputsOf(nb, 'after')[0]?.text)).toBe('after the expected error: 17\n');
  });
});
