// Debian's jupyter_kernel_test (python3-jupyter-kernel-test) passes in full against the project kernel.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kernelSpec } from '../../scripts/kernel-install';
import { snapshotKernelEnv } from './snapshot-cache';

const ROOT = path.resolve(__dirname, '..', '..');
const PYTHON = '/usr/bin/python3'; // Debian's Jupyter lives on the system python (another python3 may come first on PATH)

describe('jupyter_kernel_test against the project kernel (real kernel, Debian Jupyter)', () => {
  it.each([
    ['in its own process', () => ({ MLIN_KERNEL_SNAPSHOT: 'off' })],
    ['from its startup snapshot', snapshotKernelEnv],
  ])('passes every test that applies (kernel_info, stdout/stderr, completion, inspect, is_complete, execute_result, display_data, error, history), %s', (_mode, kernelEnv) => {
    expect(existsSync(PYTHON), `${PYTHON} is missing: apt-get install python3-jupyter-kernel-test python3-ipykernel`).toBe(true);
    // The kernelspec as `npm run kernel:install` writes it, in a temp JUPYTER_PATH (the user's Jupyter is not touched).
    const data = mkdtempSync(path.join(tmpdir(), 'mlin-kernel-test-'));
    const specDir = path.join(data, 'kernels', 'ml-interview-notebooks');
    mkdirSync(specDir, { recursive: true });
    writeFileSync(path.join(specDir, 'kernel.json'), JSON.stringify(kernelSpec()));
    const r = spawnSync(PYTHON, ['-m', 'unittest', '-v', path.join('tests', 'kernel', 'test_kernel.py')], {
      cwd: ROOT, encoding: 'utf8', timeout: 240_000,
      env: { ...process.env, ...kernelEnv(), JUPYTER_PATH: data, JUPYTER_DATA_DIR: path.join(data, 'user'), PYTHONPATH: path.join(ROOT, 'tests', 'kernel') },
    });
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.status, out).toBe(0);
    expect(out).toMatch(/^OK \(skipped=2\)$/m); // test_pager and test_clear_output: tslab has neither
    const ran = Number(/^Ran (\d+) tests? in/m.exec(out)?.[1]);
    expect(ran).toBe(12);
    for (const t of ['test_kernel_info', 'test_execute_stdout', 'test_execute_stderr', 'test_completion', 'test_inspect', 'test_is_complete', 'test_execute_result', 'test_display_data', 'test_error', 'test_history']) {
      expect(out, t).toMatch(new RegExp(`^${t} \\(.*\\) \\.\\.\\. ok$`, 'm'));
    }
  }, 300_000);
});
