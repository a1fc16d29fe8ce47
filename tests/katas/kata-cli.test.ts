// The terminal CLI (scripts/kata.ts), spawned for real: list, start, check on the starter and on a solution, usage errors, interview.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getKata, KATAS } from '../../lib/katas';

const REPO = path.resolve(__dirname, '../..');
const SCRIPT = path.join(REPO, 'scripts/kata.ts');
// The CLI runs in temp folders (practice/ is written to the working directory): load tsx by absolute path.
const TSX = pathToFileURL(path.join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;

function kata(args: string[], cwd: string, input = '') {
  const r = spawnSync(process.execPath, ['--import', TSX, SCRIPT, ...args], {
    cwd, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: '' }, timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tmp(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'kata-cli-'));
}

// Each spawn loads tsx and lib/ (about 1 s of CPU; several seconds of wall time on a loaded machine).
describe('npm run kata', { timeout: 300_000 }, () => {
  it('list shows every kata with section, difficulty and status', () => {
    const dir = tmp();
    const r = kata(['list', '--progress', path.join(dir, 'p.json')], REPO);
    expect(r.code).toBe(0);
    for (const k of KATAS) expect(r.out).toMatch(new RegExp(`^${k.id}\\s+${k.section}\\s+${k.difficulty}\\s+new`, 'm'));
    expect(r.out).toContain(`${KATAS.length} katas, 0 passed`);
  });

  it('check on the untouched starter exits 1 with a readable report; on a correct solution exits 0', () => {
    const dir = tmp();
    const progress = path.join(dir, 'p.json');
    const start = kata(['start', 'kmeans', '--progress', progress], dir);
    expect(start.code, start.err).toBe(0);
    const file = path.join(dir, 'practice/kmeans.ts');
    expect(readFileSync(file, 'utf8')).toContain("Lloyd's algorithm");
    expect(readFileSync(file, 'utf8')).toContain(getKata('kmeans').starter);

    const failing = kata(['check', 'kmeans', 'practice/kmeans.ts', '--progress', progress], dir);
    expect(failing.code).toBe(1);
    expect(failing.out).toContain('kmeans: not implemented yet');
    expect(failing.out).toMatch(/Graded in \d+\.\d\d s; \d+ s since you started this kata/);

    writeFileSync(file, getKata('kmeans').solution);
    const passing = kata(['check', 'kmeans', '--progress', progress], dir);
    expect(passing.code, passing.out).toBe(0);
    expect(passing.out).toMatch(/kmeans: all \d+ cases passed/);
    expect(passing.out).toMatch(/ 1 +two clusters on a line +example +pass/);
    const saved = JSON.parse(readFileSync(progress, 'utf8'));
    expect(saved.katas.kmeans).toMatchObject({ status: 'passed', attempts: 2, lastResult: expect.stringMatching(/^(\d+)\/\1$/) });
    expect(kata(['list', '--progress', progress], dir).out).toMatch(/^kmeans\s+paradigms\s+medium\s+passed/m);

    // start again keeps the learner's file
    expect(kata(['start', 'kmeans', '--progress', progress], dir).out).toContain('exists: keeping your work');
    expect(readFileSync(file, 'utf8')).toBe(getKata('kmeans').solution);
  });

  it('a wrong solution shows the failing case and its hint', () => {
    const dir = tmp();
    const file = path.join(dir, 'softmax.ts');
    writeFileSync(file, getKata('softmax').solution.replace('const m = Math.max(...z);', 'const m = 0;'));
    const r = kata(['check', 'softmax', file, '--progress', path.join(dir, 'p.json')], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('logits near 1000 (hidden, large): NaN at [0]');
    expect(r.out).toContain('hint: your softmax overflows');
  });

  it('an infinite loop ends with "timed out after 1 s" and exit 1: the terminal never hangs', () => {
    const dir = tmp();
    const file = path.join(dir, 'loop.ts');
    writeFileSync(file, 'export function softmax(z: number[]): number[] { while (true) {} }');
    const r = kata(['check', 'softmax', file, '--timeout', '1', '--progress', path.join(dir, 'p.json')], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('timed out after 1 s');
  });

  it('bad usage exits 2 with a message; --help exits 0', () => {
    const dir = tmp();
    expect(kata(['nope'], dir)).toMatchObject({ code: 2, err: expect.stringContaining('unknown command "nope"') });
    expect(kata(['check', 'no-such-kata'], dir)).toMatchObject({ code: 2, err: expect.stringContaining('unknown kata "no-such-kata"') });
    expect(kata(['check', 'softmax'], dir)).toMatchObject({ code: 2, err: expect.stringContaining('practice/softmax.ts does not exist') });
    expect(kata(['list', '--minutes', 'x'], dir).code).toBe(2);
    expect(kata([], dir).code).toBe(2);
    const help = kata(['--help'], dir);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: npm run kata');
    expect(kata(['check', '--help'], dir).out).toContain('--watch regrades');
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{"version": 2}');
    expect(kata(['list', '--progress', bad], dir)).toMatchObject({ code: 2, err: expect.stringContaining('expected "version": 1') });
  });

  it('interview: two katas, five self-marked questions, a report with times and links; quiz progress updated', () => {
    const dir = tmp();
    const quiz = path.join(dir, 'quiz.json');
    const report = path.join(dir, 'report.md');
    // n, n for the katas; then per question: Enter, k/a
    const input = ['n', 'n', '', 'k', '', 'a', '', 'k', '', 'a', '', 'k'].join('\n') + '\n';
    const r = kata(['interview', '--minutes', '30', '--seed', '3', '--report', report, '--progress', path.join(dir, 'p.json'), '--quiz-progress', quiz], dir, input);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Mock interview: 30 min, 2 katas and 5 questions (seed 3)');
    expect((r.out.match(/ not implemented yet/g) ?? []).length).toBe(2);
    const md = readFileSync(report, 'utf8');
    expect(md).toMatch(/\| kata \| not implemented \|/);
    expect((md.match(/\| question \| (known|again) \|/g) ?? []).length).toBe(5);
    expect(md).toContain('## What to review');
    expect(md).toMatch(/notebooks\/\d\d-[a-z-]+\.ipynb/);
    const q = JSON.parse(readFileSync(quiz, 'utf8'));
    expect(q.step).toBe(5);
    expect(existsSync(path.join(dir, 'practice'))).toBe(true);
  });

  it('check --watch regrades when the file is saved and stops on Ctrl-C with 130', async () => {
    const dir = tmp();
    const file = path.join(dir, 'softmax.ts');
    writeFileSync(file, getKata('softmax').starter);
    const child = spawn(process.execPath, ['--import', TSX, SCRIPT, 'check', 'softmax', file, '--watch', '--progress', path.join(dir, 'p.json')], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    const waitFor = (re: RegExp) => new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        if (re.test(out)) { clearInterval(poll); resolve(); }
        else if (Date.now() - started > 120_000) { clearInterval(poll); reject(new Error(`timed out waiting for ${re}; output so far:\n${out}`)); }
      }, 100);
    });
    await waitFor(/Watching .*softmax\.ts/);
    expect(out).toContain('softmax: not implemented yet');
    writeFileSync(file, getKata('softmax').solution);
    await waitFor(/changed, grading[\s\S]*softmax: all \d+ cases passed/);
    const code = await new Promise<number | null>((resolve) => { child.on('exit', (c) => resolve(c)); child.kill('SIGINT'); });
    expect(code).toBe(130);
  });
});
