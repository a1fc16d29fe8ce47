// How kernels are started: V8 helper threads sized to the machine, and the global types a cell sees (real kernel).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kernelSpec } from '../../scripts/kernel-install';
import { KERNEL_LAUNCHER, kernelNodeFlags } from '../../scripts/runner/kernel';
import type { Notebook } from '../../scripts/runner/notebook';
import type { RunReport } from '../../scripts/runner/report';
import { FIXTURES, readJson, runCli } from './helpers';

const text = (nb: Notebook, i: number) => JSON.stringify(nb.cells[i].outputs ?? []);

describe('kernelNodeFlags', () => {
  it.each([
    [2, 1, 1], [2, 2, 1], [2, 3, 1], [4, 1, 3], [4, 2, 1], [8, 1, 4], [8, 2, 3], [8, 8, 1], [64, 1, 4], [1, 1, 1],
  ])('%i cores, %i kernels at once: %i V8 helper thread(s) each', (cores, kernels, helpers) => {
    expect(kernelNodeFlags(kernels, cores)).toEqual([`--v8-pool-size=${helpers}`]);
  });

  it('the kernelspec starts one kernel with the same flags the runner uses for one', () => {
    const argv = kernelSpec().argv as string[];
    expect(argv).toEqual([process.execPath, ...kernelNodeFlags(1), KERNEL_LAUNCHER, '{connection_file}']);
  });
});

describe('a kernel started by the runner (real kernel)', () => {
  const r = runCli([path.join(FIXTURES, 'kernel', 'kernel-setup.ipynb'), '--jobs', '2']);
  const nb = readJson<Notebook>(path.join(r.outDir, 'kernel-setup.ipynb'));

  it('passes and runs node with the V8 pool flag for the kernels running at once (one notebook: one kernel)', () => {
    expect(readJson<RunReport>(path.join(r.outDir, 'report.json')).notebooks[0].status).toBe('passed');
    expect(text(nb, 0)).toContain(JSON.stringify(JSON.stringify(kernelNodeFlags(1))).slice(1, -1));
  });

  it('cells see the Node.js types', () => {
    expect(text(nb, 1)).toContain('function ok');
  });

  it('cells do not see global types of other @types packages (tsconfig.json types: ["node"])', () => {
    expect(text(nb, 2)).toMatch(/Cannot find namespace 'Chai'/);
  });
});
