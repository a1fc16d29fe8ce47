import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');

/** Runs the backend selection in a fresh process, since it is chosen once per process. */
function choose(env: Record<string, string>): { stdout: string; stderr: string; status: number | null } {
  const code = `import { initBackend } from './lib/core/backend';
import * as tf from '@tensorflow/tfjs';
initBackend().then(async (c) => { const again = await initBackend({ quiet: true }); console.log(JSON.stringify({ name: c.name, active: tf.getBackend(), same: again === c })); }, (e) => { console.error('ERR ' + e.message); process.exit(3); });`;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), '--eval', code], {
    cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8',
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** Offline installs alias @tensorflow/tfjs-node to pure tfjs (package.json overrides); a real one has its own name. */
function realTfjsNodeInstalled(): boolean {
  try {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', '@tensorflow', 'tfjs-node', 'package.json'), 'utf8')) as { name: string };
    return pkg.name === '@tensorflow/tfjs-node';
  } catch {
    return false;
  }
}

describe('initBackend', () => {
  it('picks the fastest backend that loads (wasm without a real tfjs-node), reports it in one line, and chooses once', () => {
    const r = choose({ ML_BACKEND: '' });
    const lines = r.stdout.trim().split('\n');
    const expected = realTfjsNodeInstalled() ? 'tensorflow' : 'wasm';
    if (expected === 'wasm') expect(lines[0]).toMatch(/^tfjs backend: wasm \(skipped: tfjs-node is not installed/);
    else expect(lines[0]).toBe('tfjs backend: tensorflow');
    expect(JSON.parse(lines[lines.length - 1])).toEqual({ name: expected, active: expected, same: true });
  });

  it('honours ML_BACKEND=cpu', () => {
    const r = choose({ ML_BACKEND: 'cpu' });
    expect(r.stdout).toMatch(/^tfjs backend: cpu$/m);
    expect(r.stdout).toContain('"active":"cpu"');
  });

  it('rejects an unknown ML_BACKEND and a backend that cannot load, naming the variable', () => {
    const bad = choose({ ML_BACKEND: 'gpu' });
    expect(bad.status).toBe(3);
    expect(bad.stderr).toMatch(/ML_BACKEND must be one of tensorflow, wasm, cpu, got "gpu"/);
    if (!realTfjsNodeInstalled()) {
      const missing = choose({ ML_BACKEND: 'tensorflow' });
      expect(missing.status).toBe(3);
      expect(missing.stderr).toMatch(/ML_BACKEND=tensorflow was requested but cannot be used/);
    }
  });
});
