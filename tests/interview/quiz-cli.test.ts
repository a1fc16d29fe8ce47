// The terminal drill (scripts/quiz.ts), spawned with piped stdin: usage errors, a session, persisted progress, quitting.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECTIONS, loadQuestionBank, selectQuestions } from '../../lib/interview/question-bank';
import { emptyProgress, parseProgress, simulate, type Mark } from '../../lib/interview/spaced-repetition';
import { parseQuizArgs, terminalText, texToText } from '../../scripts/quiz';

const REPO = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(REPO, 'scripts', 'quiz.ts');
const bank = loadQuestionBank();
const metricsDeck = selectQuestions(bank, { section: 'metrics' }).map((q) => q.id);

function quiz(args: string[], input: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { cwd: REPO, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'quiz-cli-'));
const asked = (out: string) => [...out.matchAll(/^\[\d+\/\d+\] \S+ · \w+ · (\S+)/gm)].map((m) => m[1]);
const progressOf = (file: string) => parseProgress(JSON.parse(readFileSync(file, 'utf8')));
/** Input lines for a session: reveal (empty line) then the mark, for each mark. */
const session = (marks: string[]) => marks.map((m) => `\n${m}\n`).join('');

describe('usage', () => {
  it('--help explains the options, keys and the rule', () => {
    const r = quiz(['--help'], '');
    expect(r.code).toBe(0);
    for (const s of ['--section NAME', '--difficulty D', '--n N', '--progress FILE', 'k = known', 'a = again', 'q or Ctrl-C', 'box 1']) expect(r.out).toContain(s);
    for (const s of SECTIONS) expect(r.out).toContain(s);
  });

  it('an unknown section is an error that lists the valid ones', () => {
    const r = quiz(['--section', 'metric'], '');
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown section "metric" (did you mean "metrics"?); valid sections: paradigms, bias-variance, regularization,');
    expect(r.out).toBe('');
  });

  it('rejects a bad difficulty, a bad --n and unknown options', () => {
    expect(quiz(['--difficulty', 'tough'], '')).toMatchObject({ code: 2, err: expect.stringContaining('unknown difficulty "tough"; valid difficulties: easy, medium, hard') });
    expect(quiz(['--n', '0'], '')).toMatchObject({ code: 2, err: expect.stringContaining('--n must be a whole number from 1 to 1000, got "0"') });
    expect(quiz(['--n', '2.5'], '').code).toBe(2);
    expect(quiz(['--bogus'], '')).toMatchObject({ code: 2, err: expect.stringContaining("Unknown option '--bogus'") });
  });

  it('--list shows every section with counts per difficulty', () => {
    const r = quiz(['--list'], '');
    expect(r.code).toBe(0);
    for (const s of bank.sections) expect(r.out).toMatch(new RegExp(`^${s.id}\\s+\\d+\\s+\\d+\\s+\\d+\\s+${s.questions.length}\\s`, 'm'));
    expect(r.out).toMatch(new RegExp(`^all\\s+\\d+\\s+\\d+\\s+\\d+\\s+${bank.questions.length}$`, 'm'));
  });

  it('parses the default progress file location', () => {
    expect(parseQuizArgs([]).progressFile).toBe(path.join(os.homedir(), '.ml-interview-notebooks', 'quiz-progress.json'));
    expect(parseQuizArgs(['--section', 'mlops', '--n', '3'])).toMatchObject({ section: 'mlops', n: 3 });
  });
});

describe('a session', () => {
  it('asks questions in the spaced-repetition order, shows answers, and saves progress after each mark', () => {
    const dir = tmp();
    const file = path.join(dir, 'sub', 'progress.json');
    const marks: Mark[] = ['again', 'known', 'known', 'known', 'again', 'known'];
    const r = quiz(['--section', 'metrics', '--n', '6', '--progress', file], session(marks.map((m) => m[0])));
    expect(r.code, r.err).toBe(0);
    const expected = simulate(emptyProgress(), metricsDeck, 6, (_, i) => marks[i]);
    // The first card marked "again" is back as the fourth question.
    expect(asked(r.out)).toEqual(expected.order);
    expect(expected.order[3]).toBe(expected.order[0]);
    expect(progressOf(file)).toEqual(expected.progress);
    const first = bank.byId.get(metricsDeck[0]);
    expect(r.out).toContain(terminalText(first?.question ?? '', 78, false).split('\n')[0]);
    expect(r.out).toContain('again: box 1, back after 2 other questions');
    expect(r.out).toContain('known: box 2, back after 6 other questions');
    expect(r.out).toContain('Answered 6: 4 known, 2 again.');
    expect(r.out).toMatch(/See: notebooks\/13-interview-questions\.ipynb \(cell demo-precision-recall-counts\) · notebooks\/06-evaluation-metrics\.ipynb \(cell confusion-md\) · lib\/metrics\/classification\.ts \(precision\)/);
    // Written atomically: no temp file is left next to it.
    expect(readdirSync(path.dirname(file))).toEqual(['progress.json']);
  });

  it('continues from the progress file in the next run', () => {
    const file = path.join(tmp(), 'p.json');
    expect(quiz(['--section', 'metrics', '--n', '1', '--progress', file], session(['a'])).code).toBe(0);
    const r = quiz(['--section', 'metrics', '--n', '4', '--progress', file], session(['k', 'k', 'k', 'k']));
    expect(asked(r.out)).toEqual([metricsDeck[1], metricsDeck[2], metricsDeck[0], metricsDeck[3]]);
    expect(r.out).toMatch(new RegExp(`\\[3/4\\] metrics · \\w+ · ${metricsDeck[0]} · box 1`));
    expect(progressOf(file).step).toBe(5);
  });

  it('filters by difficulty', () => {
    const file = path.join(tmp(), 'p.json');
    const r = quiz(['--difficulty', 'hard', '--n', '3', '--progress', file], session(['k', 'k', 'k']));
    const ids = asked(r.out);
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(bank.byId.get(id)?.difficulty).toBe('hard');
  });

  it('ignores unknown keys with a hint, and q quits cleanly keeping what was answered', () => {
    const file = path.join(tmp(), 'p.json');
    const r = quiz(['--section', 'mlops', '--n', '5', '--progress', file], 'x\n\nmaybe\nk\n\nq\n');
    expect(r.code).toBe(0);
    expect(r.out).toContain('(press Enter or space to see the answer, q to quit)');
    expect(r.out).toContain('(press k if you knew it, a to see it again soon, q to quit)');
    expect(r.out).toContain('Stopped. Answered 1: 1 known, 0 again.');
    expect(progressOf(file).step).toBe(1);
  });

  it('end of input stops the session like q', () => {
    const file = path.join(tmp(), 'p.json');
    const r = quiz(['--section', 'mlops', '--n', '5', '--progress', file], '\nk\n\n');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Answered 1: 1 known, 0 again.');
    expect(progressOf(file).step).toBe(1);
  });

  it('refuses a progress file that is not quiz progress and leaves it alone', () => {
    const file = path.join(tmp(), 'p.json');
    writeFileSync(file, '{"version": 7}');
    const r = quiz(['--progress', file], session(['k']));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}: not quiz progress (expected "version": 1, got 7); fix it, delete it, or pass another --progress FILE`);
    expect(readFileSync(file, 'utf8')).toBe('{"version": 7}');
    writeFileSync(file, '{oops');
    expect(quiz(['--progress', file], '')).toMatchObject({ code: 2, err: expect.stringContaining(`${file}: not valid JSON`) });
  });

  it('Ctrl-C (SIGINT) stops with exit code 130 and the progress of answered questions saved', async () => {
    const file = path.join(tmp(), 'p.json');
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, '--section', 'optimization', '--n', '5', '--progress', file], { cwd: REPO, env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    child.stdout.setEncoding('utf8');
    const sawMark = new Promise<void>((resolve) => {
      child.stdout.on('data', (d: string) => {
        out += d;
        if (out.includes('back after')) resolve();
      });
    });
    child.stdin.write('\nk\n');
    await sawMark;
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    expect(out).toContain('Interrupted. Answered 1: 1 known, 0 again.');
    expect(progressOf(file).step).toBe(1);
    expect(existsSync(file)).toBe(true);
  });
});

describe('terminal text', () => {
  it('turns the bank\'s TeX into readable Unicode', () => {
    expect(texToText('\\frac{e^{z_i + c}}{\\sum_j e^{z_j + c}}')).toBe('(e^(z_i + c))/(Σ_j e^(z_j + c))');
    expect(texToText('\\sigma\'(z) = \\sigma(z)\\,(1 - \\sigma(z)) \\le 1/4')).toBe('σ\'(z) = σ(z) (1 - σ(z)) ≤ 1/4');
    expect(texToText('\\hat w = (X^\\top X + \\lambda I)^{-1} X^\\top y')).toBe('ŵ = (Xᵀ X + λ I)⁻¹ Xᵀ y');
    expect(texToText('y \\in \\{-1, +1\\}')).toBe('y ∈ {-1, +1}');
    expect(texToText('\\mathrm{softmax}(QK^\\top/\\sqrt{d_k})')).toBe('softmax(QKᵀ/√d_k)');
  });

  it('wraps paragraphs, puts display math on its own line and drops $ delimiters', () => {
    const text = terminalText('One **two** $x^2$ three four five six.\n$$a = b$$\nSeven.', 20, false);
    expect(text).toBe('One two x² three\nfour five six.\n    a = b\nSeven.');
  });
});
