// Kernelspec lookup as Jupyter does it: JUPYTER_PATH first, then the user data dir, environment and system dirs; the project kernel from the repo.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findKernelSpecs, jupyterDataPath, KERNEL_LAUNCHER, KernelNotFoundError, resolveKernelSpec, substituteArgv, userDataDir } from '../../scripts/runner/kernelspec';
import { pruneOrphans } from '../../scripts/runner/run-all';

function specDir(base: string, name: string, spec: object): string {
  const dir = path.join(base, 'kernels', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'kernel.json'), JSON.stringify(spec));
  return dir;
}

describe('kernelspec lookup', () => {
  it('orders the data path as jupyter_core: JUPYTER_PATH entries, user dir (JUPYTER_DATA_DIR), environment, system', () => {
    const env = { JUPYTER_PATH: ['/a', '/b'].join(path.delimiter), JUPYTER_DATA_DIR: '/user', VIRTUAL_ENV: '/venv', HOME: '/home/x' };
    expect(jupyterDataPath(env, 'linux')).toEqual(['/a', '/b', '/user', '/venv/share/jupyter', '/usr/local/share/jupyter', '/usr/share/jupyter']);
    expect(userDataDir({ XDG_DATA_HOME: '/xdg' }, 'linux')).toBe('/xdg/jupyter');
  });

  it('finds specs by case-insensitive name, first dir wins, substitutes {connection_file} and {resource_dir}', () => {
    const a = mkdtempSync(path.join(tmpdir(), 'mlin-ks-a-'));
    const b = mkdtempSync(path.join(tmpdir(), 'mlin-ks-b-'));
    const dirA = specDir(a, 'MyKernel', { argv: ['k', '-f', '{connection_file}', '{resource_dir}/x'], display_name: 'Mine', language: 'x', env: { K: '1' } });
    specDir(b, 'mykernel', { argv: ['other'], display_name: 'Other', language: 'x' });
    const env = { JUPYTER_PATH: [a, b].join(path.delimiter), JUPYTER_DATA_DIR: path.join(a, 'none') };
    const spec = resolveKernelSpec('MYKERNEL', env);
    expect(spec).toMatchObject({ name: 'mykernel', display_name: 'Mine', env: { K: '1' }, resourceDir: dirA, project: false });
    expect(substituteArgv(spec, '/tmp/c.json')).toEqual(['k', '-f', '/tmp/c.json', `${dirA}/x`]);
  });

  it('always has the project kernel from this repository, ahead of an installed one of the same name', () => {
    const a = mkdtempSync(path.join(tmpdir(), 'mlin-ks-p-'));
    specDir(a, 'ml-interview-notebooks', { argv: ['/some/other/clone'], display_name: 'old', language: 'typescript' });
    const spec = resolveKernelSpec('ml-interview-notebooks', { JUPYTER_PATH: a, JUPYTER_DATA_DIR: path.join(a, 'none') }, ['--v8-pool-size=1']);
    expect(spec.project).toBe(true);
    expect(spec.argv).toEqual([process.execPath, '--v8-pool-size=1', KERNEL_LAUNCHER, '{connection_file}']);
  });

  it('a kernel that is not installed: one error listing the kernels found and unusable specs', () => {
    const a = mkdtempSync(path.join(tmpdir(), 'mlin-ks-m-'));
    specDir(a, 'good', { argv: ['g'], display_name: 'G', language: 'x' });
    specDir(a, 'broken', { display_name: 'no argv' });
    const env = { JUPYTER_PATH: a, JUPYTER_DATA_DIR: path.join(a, 'none') };
    expect(() => resolveKernelSpec('nope', env)).toThrow(KernelNotFoundError);
    try { resolveKernelSpec('nope', env); } catch (err) {
      const msg = (err as Error).message;
      expect(msg).toMatch(/^notebook asks for kernel "nope", which is not installed; kernels found: ml-interview-notebooks \(this repository\), good \(/);
      expect(msg).toContain('broken/kernel.json: "argv" must be a non-empty list of strings');
    }
    expect(() => resolveKernelSpec(undefined, env)).toThrow(/notebook names no kernel/);
    expect([...findKernelSpecs(env).specs.keys()]).toContain('good');
  });
});

describe('pruning executed copies', () => {
  it('removes copies whose source notebook is gone and keeps the others', () => {
    const src = mkdtempSync(path.join(tmpdir(), 'mlin-prune-src-'));
    const out = mkdtempSync(path.join(tmpdir(), 'mlin-prune-out-'));
    mkdirSync(path.join(src, 'sub'));
    mkdirSync(path.join(out, 'sub'));
    for (const f of ['01-a.ipynb', 'sub/02-b.ipynb']) { writeFileSync(path.join(src, f), '{}'); writeFileSync(path.join(out, f), '{}'); }
    for (const f of ['03-renamed.ipynb', 'sub/04-deleted.ipynb']) writeFileSync(path.join(out, f), '{}');
    expect(pruneOrphans(out, src).map((f) => path.relative(out, f)).sort()).toEqual(['03-renamed.ipynb', path.join('sub', '04-deleted.ipynb')]);
    expect(pruneOrphans(out, src)).toEqual([]);
  });
});
