// The export CLI as a user runs it: --help, exit codes, errors that name the notebook and cell, the no-change fast path.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROKEN, LESSONS, REPO, workspace } from './helpers';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts', 'export.ts'), ...args], { cwd: REPO, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run export', () => {
  it('--help explains the command; a bad option exits 2', () => {
    const help = cli('--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: npm run export/);
    expect(help.out).toContain('build/mdx/<slug>.mdx');
    expect(cli('--bogus').code).toBe(2);
  });

  it('exits 1 naming the notebook and cell of each failure, builds the rest, and is up to date when run again', () => {
    const ws = workspace(LESSONS, BROKEN);
    const args = ['--notebooks', ws.notebooks, '--mdx', ws.mdx, '--site', ws.site];
    const first = cli(...args);
    expect(first.code).toBe(1);
    expect(first.err).toMatch(/✖ .*04-bad-image\.ipynb cell 2 \(id code-2\): image\/png output does not decode/);
    expect(first.err).toMatch(/✖ .*05-malformed-output\.ipynb cell 3 \(id code-3\): malformed display_data output/);
    expect(first.out).toMatch(/export: 3 lessons -> .* \(3 built, 0 unchanged, 3 failed\)/);
    const good = workspace(LESSONS);
    const goodArgs = ['--notebooks', good.notebooks, '--mdx', good.mdx, '--site', good.site];
    expect(cli(...goodArgs).code).toBe(0);
    const again = cli(...goodArgs);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/export: 3 lessons up to date/);
  });

  it('--threads 2 finishes the export in a process of its own (the busy worker keeps the process alive)', () => {
    // The worker used to be unref'd even while building: when this thread finished its share first, the process
    // ended with exit code 0, no summary line and no site. In vitest's own process something else kept it alive.
    // A fresh export bundles the kata scripts in another (held) worker, which hid it: so the lessons change after one.
    const ws = workspace(LESSONS);
    const args = ['--notebooks', ws.notebooks, '--mdx', ws.mdx, '--site', ws.site];
    expect(cli(...args).code).toBe(0);
    const changed = readdirSync(ws.notebooks).filter((f) => f.endsWith('.ipynb')).sort().slice(0, 2);
    for (const [k, name] of changed.entries()) {
      const file = path.join(ws.notebooks, name);
      const nb = JSON.parse(readFileSync(file, 'utf8')) as { cells: unknown[] };
      nb.cells.push({ cell_type: 'markdown', id: `edit-${k}`, metadata: {}, source: [`An edit ${k}.`] });
      writeFileSync(file, JSON.stringify(nb));
    }
    rmSync(path.join(ws.site, 'index.html'));
    const r = cli(...args, '--threads', '2');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/export: 3 lessons -> .* \(2 built, 1 unchanged\)/);
    expect(existsSync(path.join(ws.site, 'index.html'))).toBe(true);
  });
});
