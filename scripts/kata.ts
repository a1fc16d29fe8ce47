// CLI: npm run kata — list, start and check the katas in the terminal, with a watch mode and a timed mock interview.
import { existsSync, readFileSync, unwatchFile, watchFile } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { writeFileAtomic, writeJsonAtomic } from '../lib/core/atomic-write';
import { SECTIONS, isSection, loadQuestionBank, type SectionId } from '../lib/interview/question-bank';
import { mark } from '../lib/interview/spaced-repetition';
import { KATAS, getKata, katasOfSection } from '../lib/katas';
import { formatValue } from '../lib/katas/grader/compare';
import { formatReport, summaryLine } from '../lib/katas/grader/report';
import type { GradeReport } from '../lib/katas/grader/grade';
import { planInterview } from '../lib/katas/interview-plan';
import { gradeFile } from '../lib/katas/node/grade-node';
import { emptyKataProgress, parseKataProgress, recordCheck, recordStart, type KataProgress } from '../lib/katas/progress';
import type { Kata } from '../lib/katas/types';
import { DEFAULT_PROGRESS as QUIZ_PROGRESS, readProgress as readQuizProgress, terminalText, texToText } from './quiz';

export const DEFAULT_KATA_PROGRESS = path.join(os.homedir(), '.ml-interview-notebooks', 'kata-progress.json');

const HELP = `Usage: npm run kata -- <command> [options]

Practise implementing ML algorithms from scratch; an autograder runs visible and hidden cases against lib/.

Commands:
  list [--section S]              the katas: id, section, difficulty, your status
  show <id>                       print a kata's statement, signature and examples
  start <id>                      write practice/<id>.ts (statement as a comment + starter) if absent; start the clock
  check <id> [file] [--watch]     grade the file (default practice/<id>.ts); --watch regrades on every save
  interview [--minutes 45] [--section S] [--seed N] [--report FILE]
                                  mock interview: two katas and five bank questions, weighted to your weak spots

Options:
  --progress FILE     kata progress (default: ~/.ml-interview-notebooks/kata-progress.json)
  --quiz-progress F   the terminal quiz's progress, read for weak spots and updated by self-marks
                      (default: ~/.ml-interview-notebooks/quiz-progress.json)
  --timeout SEC       time limit per case (default: the kata's, 3 s)
  -h, --help          show this help (also: npm run kata -- <command> --help)

Exit codes: 0 = every case passed (check) or done, 1 = some case failed, 2 = bad usage, 130 = interrupted.`;

const COMMAND_HELP: Record<string, string> = {
  list: 'Usage: npm run kata -- list [--section S] [--progress FILE]\n\nLists every kata with its section, difficulty and your status (new, started, failed, passed).',
  show: 'Usage: npm run kata -- show <id>\n\nPrints the statement, the function signature and the visible examples.',
  start: 'Usage: npm run kata -- start <id> [--progress FILE]\n\nWrites practice/<id>.ts (the statement as a comment, then the starter) unless it exists, and starts the clock.',
  check: 'Usage: npm run kata -- check <id> [file] [--watch] [--timeout SEC] [--progress FILE]\n\nGrades the file (default practice/<id>.ts): every visible and hidden case, with input, expected, received and hints.\nExit 0 only when every case passes. --watch regrades whenever the file changes (Ctrl-C stops).',
  interview: 'Usage: npm run kata -- interview [--minutes 45] [--section S] [--seed N] [--report FILE] [--progress FILE] [--quiz-progress FILE]\n\nA timed mock interview: two katas (solve them in practice/<id>.ts in your editor) and five bank questions you\nmark yourself, chosen with more weight on katas you failed and questions you marked "again". Input is one line per\ncommand: g = grade the current kata now, n = next item, Enter = show the answer, k = known, a = again, q = finish.\nAt the end every kata is graded and a short report is written (default practice/interview-<time>.md).',
};

export class UsageError extends Error {}

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Next input line, or null at end of input. */
  line(): Promise<string | null>;
  now(): Date;
}

interface Parsed {
  command: string;
  positionals: string[];
  section?: SectionId;
  watch: boolean;
  minutes: number;
  seed?: number;
  report?: string;
  progress: string;
  quizProgress: string;
  timeout?: number;
  help: boolean;
}

export function parseKataArgs(argv: string[]): Parsed {
  let values, positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: {
        section: { type: 'string' }, watch: { type: 'boolean', default: false }, minutes: { type: 'string', default: '45' },
        seed: { type: 'string' }, report: { type: 'string' }, progress: { type: 'string' }, 'quiz-progress': { type: 'string' },
        timeout: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true, allowPositionals: true,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const [command = '', ...rest] = positionals;
  if (values.section !== undefined && !isSection(values.section)) throw new UsageError(`unknown section "${values.section}"; valid sections: ${SECTIONS.join(', ')}`);
  const minutes = Number(values.minutes);
  if (!(minutes > 0 && minutes <= 600)) throw new UsageError(`--minutes must be a number from 1 to 600, got "${values.minutes}"`);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, got "${values.seed}"`);
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(timeout > 0 && timeout <= 600)) throw new UsageError(`--timeout must be a number of seconds from 0 to 600, got "${values.timeout}"`);
  return {
    command, positionals: rest, section: values.section as SectionId | undefined, watch: values.watch, minutes, seed,
    report: values.report, progress: path.resolve(values.progress ?? DEFAULT_KATA_PROGRESS),
    quizProgress: path.resolve(values['quiz-progress'] ?? QUIZ_PROGRESS), timeout, help: values.help,
  };
}

function readKataProgress(file: string): KataProgress {
  if (!existsSync(file)) return emptyKataProgress();
  try {
    return parseKataProgress(JSON.parse(readFileSync(file, 'utf8')), file);
  } catch (err) {
    throw new UsageError(`${file}: ${(err as Error).message.replace(`${file}: `, '')}; fix it, delete it, or pass another --progress FILE`);
  }
}

function kataOrUsage(id: string | undefined, command: string): Kata {
  if (!id) throw new UsageError(`${command}: which kata? (npm run kata -- list shows the ids)`);
  try {
    return getKata(id);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function lessonLinks(kata: Kata): string {
  return kata.links.lessons.map((l) => `notebooks/${l.lesson}.ipynb${l.cell ? ` (cell ${l.cell})` : ''}`).join(', ');
}

/** A kata statement as plain text: paragraphs and list items wrapped separately, math as Unicode. */
export function markdownToText(markdown: string, width: number): string {
  const tex = (t: string) => texToText(t.replace(/\\[lr]Vert/g, '\\|'));
  const out: string[] = [];
  for (const block of markdown.split(/(\$\$[\s\S]*?\$\$)/)) {
    if (block.startsWith('$$')) {
      out.push(block.slice(2, -2).trim().split(/\n|\\\\/).map((l) => `    ${tex(l)}`).join('\n'));
      continue;
    }
    for (const para of block.split(/\n\s*\n/)) {
      const items = para.split(/\n(?=\s*(?:[-*]|\d+\.) )/);
      const lines: string[] = [];
      for (const item of items) {
        const text = item.replace(/\$([^$]+)\$/g, (_, t: string) => tex(t)).replace(/\*\*([^*]+)\*\*/g, '$1').replace(/\s+/g, ' ').trim();
        if (!text) continue;
        const bullet = /^((?:[-*]|\d+\.) )/.exec(text)?.[1] ?? '';
        lines.push(wrapText(text.slice(bullet.length), width - bullet.length).split('\n').map((l, i) => (i === 0 ? bullet : ' '.repeat(bullet.length)) + l).join('\n'));
      }
      if (lines.length > 0) out.push(lines.join('\n'));
    }
  }
  return out.join('\n\n');
}

function wrapText(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) { lines.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** The statement, signature and examples as terminal text (also the comment at the top of a practice file). */
export function statementText(kata: Kata, width = 96): string {
  const examples = kata.examples.map((e) => `  ${kata.functionName}(${(e.args as unknown[]).map((a) => formatValue(a, 80)).join(', ')})\n    -> ${formatValue(kata.reference(...structuredClone(e.args)), 120)}`);
  return [
    `${kata.title} (${kata.id}; ${kata.section}, ${kata.difficulty})`,
    '',
    markdownToText(kata.statement, width),
    '',
    `Signature: ${kata.signature}`,
    '',
    'Examples:',
    ...examples,
    '',
    `Taught in: ${lessonLinks(kata)}`,
  ].join('\n');
}

export function practiceFile(kata: Kata): string {
  const body = statementText(kata).replace(/\*\//g, '* /').split('\n').map((l) => (l ? ` * ${l}` : ' *')).join('\n');
  return `/*\n${body}\n *\n * Check: npm run kata -- check ${kata.id}   (add --watch to regrade on every save)\n */\n${kata.starter}`;
}

function minutesText(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60), s = Math.round(seconds % 60);
  return `${m} min ${s} s`;
}

async function check(p: Parsed, io: Io, kata: Kata, file: string): Promise<{ report: GradeReport; code: number }> {
  const report = await gradeFile(kata, file, { timeLimitSeconds: p.timeout });
  io.out(`${formatReport(report)}\n`);
  const now = io.now();
  let progress = readKataProgress(p.progress);
  progress = recordCheck(progress, kata.id, report.passed, `${report.passedCount}/${report.total}`, now);
  writeJsonAtomic(p.progress, progress);
  const rec = progress.katas[kata.id];
  const since = (now.getTime() - Date.parse(rec.startedAt)) / 1000;
  io.out(`\nGraded in ${report.seconds.toFixed(2)} s; ${minutesText(since)} since you started this kata${rec.secondsToPass !== null ? ` (first passed after ${minutesText(rec.secondsToPass)})` : ''}.\n`);
  return { report, code: report.passed ? 0 : 1 };
}

function list(p: Parsed, io: Io): number {
  const progress = readKataProgress(p.progress);
  const katas = p.section ? katasOfSection(p.section) : KATAS;
  const idW = Math.max(...katas.map((k) => k.id.length), 2);
  const secW = Math.max(...katas.map((k) => k.section.length), 7);
  io.out(`${pad('id', idW)}  ${pad('section', secW)}  ${pad('difficulty', 10)}  ${pad('status', 14)}  title\n`);
  for (const k of katas) {
    const r = progress.katas[k.id];
    const status = r ? `${r.status}${r.lastResult ? ` ${r.lastResult}` : ''}` : 'new';
    io.out(`${pad(k.id, idW)}  ${pad(k.section, secW)}  ${pad(k.difficulty, 10)}  ${pad(status, 14)}  ${k.title}\n`);
  }
  const passed = katas.filter((k) => progress.katas[k.id]?.status === 'passed').length;
  io.out(`\n${katas.length} katas, ${passed} passed. Start one: npm run kata -- start <id>\n`);
  return 0;
}

function start(p: Parsed, io: Io, kata: Kata): number {
  const file = path.join('practice', `${kata.id}.ts`);
  if (existsSync(file)) {
    io.out(`${file} exists: keeping your work.\n`);
  } else {
    writeFileAtomic(file, practiceFile(kata));
    io.out(`Wrote ${file}: the statement is at the top, the starter below it.\n`);
  }
  writeJsonAtomic(p.progress, recordStart(readKataProgress(p.progress), kata.id, io.now(), true));
  io.out(`Clock started. Check with: npm run kata -- check ${kata.id}   (--watch regrades on save)\n`);
  return 0;
}

async function watch(p: Parsed, io: Io, kata: Kata, file: string, onInterrupt: (h: () => void) => void): Promise<number> {
  await check(p, io, kata, file);
  io.out(`\nWatching ${file} (Ctrl-C stops)...\n`);
  return new Promise((resolve) => {
    let running = false, again = false;
    const run = async () => {
      if (running) { again = true; return; }
      running = true;
      do {
        again = false;
        io.out(`\n--- ${file} changed, grading ---\n`);
        await check(p, io, kata, file);
      } while (again);
      running = false;
    };
    watchFile(file, { interval: 300 }, (cur, prev) => {
      if (cur.mtimeMs !== prev.mtimeMs || cur.size !== prev.size) void run();
    });
    onInterrupt(() => { unwatchFile(file); resolve(130); });
  });
}

async function interview(p: Parsed, io: Io): Promise<number> {
  const bank = loadQuestionBank();
  const quizFile = p.quizProgress;
  let quiz = readQuizProgress(quizFile);
  const progress = readKataProgress(p.progress);
  const katas = p.section ? katasOfSection(p.section) : KATAS;
  const questions = bank.sections.filter((s) => !p.section || s.id === p.section).flatMap((s) => s.questions);
  const seed = p.seed ?? Math.floor(io.now().getTime() / 1000);
  const plan = planInterview(katas, questions, progress, quiz, seed);
  const began = io.now().getTime();
  const limit = p.minutes * 60;
  const elapsed = () => (io.now().getTime() - began) / 1000;
  const left = () => `${minutesText(Math.max(0, limit - elapsed()))} left`;
  const timeUp = () => elapsed() >= limit;
  io.out(`Mock interview: ${p.minutes} min, ${plan.katas.length} katas and ${plan.questions.length} questions (seed ${seed}).\n`);
  io.out('Weighted towards katas you failed and questions you marked "again". Commands: one per line.\n');
  const items: Array<{ kind: string; id: string; seconds: number; result: string; links: string }> = [];
  let finished = false;

  for (const kata of plan.katas) {
    if (finished || timeUp()) break;
    const t0 = elapsed();
    const file = path.join('practice', `${kata.id}.ts`);
    if (!existsSync(file)) writeFileAtomic(file, practiceFile(kata));
    io.out(`\n=== Kata ${kata.id} (${kata.difficulty}) — ${left()}\n\n${statementText(kata)}\n\nSolve it in ${file}. g = grade now, n = next item, q = finish\n`);
    for (;;) {
      const cmd = (await io.line())?.trim().toLowerCase() ?? 'q';
      if (cmd === 'g') {
        const r = await gradeFile(kata, file, { timeLimitSeconds: p.timeout });
        io.out(`${formatReport(r, { maxFailures: 3 })}\n${left()}. g = grade again, n = next item, q = finish\n`);
      } else if (cmd === 'n') break;
      else if (cmd === 'q') { finished = true; break; }
      else io.out('g = grade now, n = next item, q = finish\n');
      if (timeUp()) { io.out('Time is up.\n'); finished = true; break; }
    }
    items.push({ kind: 'kata', id: kata.id, seconds: elapsed() - t0, result: '', links: lessonLinks(kata) });
  }
  for (const q of plan.questions) {
    if (finished || timeUp()) break;
    const t0 = elapsed();
    io.out(`\n=== Question (${q.section}, ${q.difficulty}) — ${left()}\n\n${terminalText(q.question, 96, false)}\n\nAnswer out loud, then press Enter to see the model answer (q = finish).\n`);
    const first = (await io.line())?.trim().toLowerCase() ?? 'q';
    if (first === 'q') { finished = true; break; }
    io.out(`\n${terminalText(q.answer, 96, false)}\n\nk = I knew it, a = again (review soon)\n`);
    let m: 'known' | 'again' | null = null;
    while (m === null) {
      const c = (await io.line())?.trim().toLowerCase() ?? 'q';
      if (c === 'k') m = 'known';
      else if (c === 'a') m = 'again';
      else if (c === 'q') break;
      else io.out('k = known, a = again\n');
    }
    if (m === null) { finished = true; break; }
    quiz = mark(quiz, q.id, m);
    writeJsonAtomic(quizFile, quiz);
    const links = q.links.map((l) => ('lesson' in l ? `notebooks/${l.lesson}.ipynb${l.cell ? ` (cell ${l.cell})` : ''}` : l.lib)).join(', ');
    items.push({ kind: 'question', id: q.id, seconds: elapsed() - t0, result: m, links });
  }

  io.out('\n=== Grading the katas\n');
  let kataProgress = readKataProgress(p.progress);
  for (const kata of plan.katas) {
    const file = path.join('practice', `${kata.id}.ts`);
    const r = await gradeFile(kata, file, { timeLimitSeconds: p.timeout });
    io.out(`${summaryLine(r)}\n`);
    kataProgress = recordCheck(kataProgress, kata.id, r.passed, `${r.passedCount}/${r.total}`, io.now());
    const item = items.find((i) => i.kind === 'kata' && i.id === kata.id);
    const result = r.notImplemented ? 'not implemented' : r.passed ? 'passed' : `failed (${r.passedCount}/${r.total})`;
    if (item) item.result = result;
    else items.push({ kind: 'kata', id: kata.id, seconds: 0, result: `${result}, not reached`, links: lessonLinks(kata) });
  }
  writeJsonAtomic(p.progress, kataProgress);

  const stamp = io.now().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  const reportFile = p.report ?? path.join('practice', `interview-${stamp}.md`);
  const review = items.filter((i) => i.result !== 'passed' && i.result !== 'known');
  const md = [
    `# Mock interview, ${io.now().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `${p.minutes} minutes planned, ${minutesText(elapsed())} used; seed ${seed}${p.section ? `; section ${p.section}` : ''}.`,
    '',
    '| item | kind | result | time |',
    '| --- | --- | --- | --- |',
    ...items.map((i) => `| ${i.id} | ${i.kind} | ${i.result || 'skipped'} | ${minutesText(i.seconds)} |`),
    '',
    '## What to review',
    '',
    ...(review.length === 0 ? ['Nothing: every kata passed and every question was known.'] : review.map((i) => `- **${i.id}** (${i.result || 'skipped'}): ${i.links}`)),
    '',
  ].join('\n');
  writeFileAtomic(reportFile, md);
  io.out(`\nReport written to ${reportFile}\n`);
  return 0;
}

export async function runKata(argv: string[], io: Io, onInterrupt: (h: () => void) => void = () => {}): Promise<number> {
  let p: Parsed;
  try {
    p = parseKataArgs(argv);
    if (p.help || p.command === 'help' || p.command === '') {
      if (p.command === '' && !p.help) { io.err(`${HELP}\n`); return 2; }
      io.out(`${COMMAND_HELP[p.command] ?? HELP}\n`);
      return 0;
    }
    const extra = (max: number) => { if (p.positionals.length > max) throw new UsageError(`${p.command}: unexpected argument "${p.positionals[max]}"`); };
    switch (p.command) {
      case 'list': extra(0); return list(p, io);
      case 'show': { extra(1); const k = kataOrUsage(p.positionals[0], 'show'); io.out(`${statementText(k)}\n`); return 0; }
      case 'start': extra(1); return start(p, io, kataOrUsage(p.positionals[0], 'start'));
      case 'check': {
        extra(2);
        const kata = kataOrUsage(p.positionals[0], 'check');
        const file = p.positionals[1] ?? path.join('practice', `${kata.id}.ts`);
        if (!existsSync(file)) throw new UsageError(`check: ${file} does not exist (npm run kata -- start ${kata.id} writes it)`);
        if (p.watch) return await watch(p, io, kata, file, onInterrupt);
        return (await check(p, io, kata, file)).code;
      }
      case 'interview': extra(0); return await interview(p, io);
      default: throw new UsageError(`unknown command "${p.command}"; commands: list, show, start, check, interview (--help for more)`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`kata: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

if (require.main === module) {
  const rl = createInterface({ input: process.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const io: Io = {
    out: (t) => { process.stdout.write(t); },
    err: (t) => { process.stderr.write(t); },
    line: async () => { const r = await lines.next(); return r.done ? null : r.value; },
    now: () => new Date(),
  };
  const onInterrupt = (h: () => void) => { process.once('SIGINT', h); process.once('SIGTERM', h); };
  runKata(process.argv.slice(2), io, onInterrupt).then(
    (code) => { rl.close(); process.exit(code); },
    (err: unknown) => { process.stderr.write(`kata: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`); process.exit(1); },
  );
}
