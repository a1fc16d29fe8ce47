// CLI: npm run quiz — drills the interview question bank in the terminal with Leitner spaced repetition and a local progress file.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import {
  DIFFICULTIES, SECTIONS, isDifficulty, isSection, loadQuestionBank, selectQuestions,
  type Difficulty, type Question, type QuestionLink, type SectionId,
} from '../lib/interview/question-bank';
import { GAPS, boxCounts, emptyProgress, mark, nextCard, parseProgress, type Mark, type Progress } from '../lib/interview/spaced-repetition';
import { writeFileAtomic } from '../lib/core/atomic-write';

export const DEFAULT_PROGRESS = path.join(os.homedir(), '.ml-interview-notebooks', 'quiz-progress.json');

const HELP = `Usage: npm run quiz -- [options]

Asks questions from the interview question bank (lib/interview/questions/) in the terminal.
For each question: think, press Enter (or space) to see the answer, then press k if you knew
it or a to see it again soon. Progress is saved after every answer.

Options:
  --section NAME      one section (default: all sections); one of
                      ${SECTIONS.join(', ')}
  --difficulty D      only ${DIFFICULTIES.join(', ')} questions (default: all)
  --n N               how many questions to ask (default: 10)
  --progress FILE     progress file (default: ~/.ml-interview-notebooks/quiz-progress.json)
  --list              list the sections with their question counts and exit
  -h, --help          show this help

Keys: Enter or space = show the answer, k = known, a = again, q or Ctrl-C = quit (progress is kept).
When stdin is not a terminal, each input line is one key: an empty line reveals, then k, a or q.

Order (Leitner boxes, the same rule as the site's quiz page): "again" sends a question to box 1
and it comes back after 2 other questions; "known" moves it up a box and it comes back after
6, 15, 40 or 100 questions; questions never seen come next when nothing is due.

Exit code: 0 when done or quit with q, 130 on Ctrl-C, 2 on bad usage or an unreadable progress file.`;

export interface QuizOptions {
  section?: SectionId;
  difficulty?: Difficulty;
  n: number;
  progressFile: string;
  list: boolean;
  help: boolean;
}

export class UsageError extends Error {}

/** Parses the command line; throws a UsageError with a message for the user. */
export function parseQuizArgs(argv: string[]): QuizOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        section: { type: 'string' },
        difficulty: { type: 'string' },
        n: { type: 'string', default: '10' },
        progress: { type: 'string' },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const section = values.section;
  if (section !== undefined && !isSection(section)) {
    const guess = SECTIONS.find((s) => s.startsWith(section.toLowerCase()) || s.includes(section.toLowerCase()));
    throw new UsageError(`unknown section "${section}"${guess ? ` (did you mean "${guess}"?)` : ''}; valid sections: ${SECTIONS.join(', ')}`);
  }
  const difficulty = values.difficulty;
  if (difficulty !== undefined && !isDifficulty(difficulty)) throw new UsageError(`unknown difficulty "${difficulty}"; valid difficulties: ${DIFFICULTIES.join(', ')}`);
  const n = Number(values.n);
  if (!/^\d+$/.test(values.n) || !Number.isInteger(n) || n < 1 || n > 1000) throw new UsageError(`--n must be a whole number from 1 to 1000, got "${values.n}"`);
  return {
    section: section as SectionId | undefined,
    difficulty: difficulty as Difficulty | undefined,
    n,
    progressFile: path.resolve(values.progress ?? DEFAULT_PROGRESS),
    list: values.list,
    help: values.help,
  };
}

const ANSI = { bold: ['\x1b[1m', '\x1b[22m'], dim: ['\x1b[2m', '\x1b[22m'], cyan: ['\x1b[36m', '\x1b[39m'], green: ['\x1b[32m', '\x1b[39m'], yellow: ['\x1b[33m', '\x1b[39m'] } as const;
type Style = keyof typeof ANSI;

/** Wraps one paragraph to `width` columns, indenting every line by `indent`. */
function wrap(text: string, width: number, indent = ''): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

const TEX_SYMBOLS: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', eta: 'η', theta: 'θ', kappa: 'κ',
  lambda: 'λ', mu: 'μ', nu: 'ν', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', xi: 'ξ', Phi: 'Φ', Sigma: 'Σ',
  Delta: 'Δ', sum: 'Σ', prod: 'Π', cdot: '·', times: '×', approx: '≈', le: '≤', leq: '≤', ge: '≥', geq: '≥', ne: '≠',
  neq: '≠', in: '∈', infty: '∞', odot: '⊙', to: '→', rightarrow: '→', leftarrow: '←', partial: '∂', nabla: '∇',
  mid: '|', lfloor: '⌊', rfloor: '⌋', ldots: '…', dots: '…', cdots: '⋯', top: 'ᵀ', pm: '±', propto: '∝', sim: '~',
  log: 'log', ln: 'ln', exp: 'exp', max: 'max', min: 'min', arg: 'arg', sin: 'sin', cos: 'cos', tanh: 'tanh',
};
const SUPERSCRIPTS: Record<string, string> = { 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', '-': '⁻', T: 'ᵀ', t: 'ᵗ', n: 'ⁿ', k: 'ᵏ', '\u1d40': 'ᵀ' };

/** TeX as plain Unicode text for a terminal (a heuristic for the bank's simple formulas; the site typesets with KaTeX). */
export function texToText(tex: string): string {
  let s = tex;
  for (let i = 0; i < 4; i++) {
    s = s
      .replace(/\^\{([^{}]*)\}/g, (_, a: string) => ([...a].every((c) => SUPERSCRIPTS[c]) ? [...a].map((c) => SUPERSCRIPTS[c]).join('') : a.length === 1 ? `^${a}` : `^(${a})`))
      .replace(/_\{([^{}]*)\}/g, (_, a: string) => (a.length === 1 ? `_${a}` : `_(${a})`))
      .replace(/\\(?:d|t)?frac\{([^{}]*)\}\{([^{}]*)\}/g, (_, a: string, b: string) => `${/^[\w.]+$/.test(a) ? a : `(${a})`}/${/^[\w.]+$/.test(b) ? b : `(${b})`}`)
      .replace(/\\sqrt\{([^{}]*)\}/g, (_, a: string) => (/^[\w.]+$/.test(a) ? `√${a}` : `√(${a})`))
      .replace(/\\(?:mathrm|text|mathbf|operatorname|mathcal|mathbb|textbf|boldsymbol)\{([^{}]*)\}/g, '$1')
      .replace(/\\underbrace\{([^{}]*)\}_\{[^{}]*\}/g, '$1')
      .replace(/\\(hat|bar|tilde)\s*(?:\{([^{}]*)\}|([A-Za-z]))/g, (_, accent: string, a?: string, b?: string) => `${a ?? b}${{ hat: '\u0302', bar: '\u0304', tilde: '\u0303' }[accent]}`);
  }
  s = s
    .replace(/\\mathrel\{([^{}]*)\}/g, '$1')
    .replace(/\\(?:left|right|big|Big|bigg|Bigg)(?![a-zA-Z])/g, '')
    .replace(/\\[,;! ]|\\quad|\\qquad/g, (m) => (m === '\\!' ? '' : ' '))
    .replace(/\\\|/g, '‖')
    .replace(/\\\{/g, '\u0001')
    .replace(/\\\}/g, '\u0002')
    .replace(/\\([%$#&_])/g, '$1')
    .replace(/\\(sum|prod)(?![a-zA-Z])/g, (_, name: string) => ` ${TEX_SYMBOLS[name]}`)
    .replace(/\\([A-Za-z]+)/g, (_, name: string) => TEX_SYMBOLS[name] ?? name)
    .replace(/\^([0-4Tt])/g, (_, c: string) => SUPERSCRIPTS[c])
    .replace(/\^ᵀ/g, 'ᵀ')
    .replace(/[{}]/g, '')
    .replace(/\u0001/g, '{')
    .replace(/\u0002/g, '}');
  return s.replace(/[ \t]+/g, ' ').replace(/([([]) /g, '$1').trim().normalize('NFC');
}

/**
 * Markdown from the bank as terminal text: paragraphs wrapped to `width`, display math on its own indented lines,
 * math converted to Unicode text, `**bold**` shown bold (or plain without colour), inline code kept as written.
 */
export function terminalText(markdown: string, width: number, color: boolean): string {
  const bold = (s: string) => (color ? `${ANSI.bold[0]}${s}${ANSI.bold[1]}` : s);
  const out: string[] = [];
  for (const block of markdown.split(/(\$\$[\s\S]*?\$\$)/)) {
    if (block.startsWith('$$')) {
      out.push(block.slice(2, -2).trim().split('\n').map((l) => `    ${texToText(l)}`).join('\n'));
      continue;
    }
    for (const para of block.split(/\n\s*\n/)) {
      const text = para
        .replace(/\$([^$]+)\$/g, (_, tex: string) => texToText(tex))
        .replace(/\*\*([^*]+)\*\*/g, (_, s: string) => bold(s))
        .trim();
      if (text) out.push(wrap(text, width));
    }
  }
  return out.join('\n');
}

function describeLink(link: QuestionLink): string {
  if ('lib' in link) {
    const [file, name] = link.lib.split('#');
    return `${file} (${name})`;
  }
  return `notebooks/${link.lesson}.ipynb${link.cell ? ` (cell ${link.cell})` : ''}`;
}

/** Reads the progress file; a missing file is empty progress, anything unreadable is a UsageError naming the file. */
export function readProgress(file: string): Progress {
  if (!existsSync(file)) return emptyProgress();
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`${file}: not valid JSON (${(err as Error).message}); fix it, delete it, or pass another --progress FILE`);
  }
  try {
    return parseProgress(raw, file);
  } catch (err) {
    throw new UsageError(`${(err as Error).message}; fix it, delete it, or pass another --progress FILE`);
  }
}

type Command = 'reveal' | 'known' | 'again' | 'quit' | 'interrupt' | 'end' | 'other';

/** Where key presses come from: raw key presses on a terminal, one command per line otherwise. */
interface Keys {
  next(): Promise<Command>;
  close(): void;
}

function keyCommand(key: string): Command {
  if (key === '\r' || key === '\n' || key === ' ' || key === '') return 'reveal';
  if (key === 'k' || key === 'K') return 'known';
  if (key === 'a' || key === 'A') return 'again';
  if (key === 'q' || key === 'Q') return 'quit';
  if (key === '\u0003') return 'interrupt';
  if (key === '\u0004') return 'end';
  return 'other';
}

function lineCommand(line: string): Command {
  const t = line.trim().toLowerCase();
  if (t === '') return 'reveal';
  return ({ k: 'known', known: 'known', a: 'again', again: 'again', q: 'quit', quit: 'quit' } as Record<string, Command>)[t] ?? 'other';
}

function terminalKeys(stdin: NodeJS.ReadStream): Keys {
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  const queue: Command[] = [];
  let waiting: ((c: Command) => void) | undefined;
  const onData = (chunk: string) => {
    // Escape sequences (arrow keys) arrive as one chunk: ignore them whole.
    const keys = chunk.startsWith('\x1b') ? [] : [...chunk];
    for (const k of keys) {
      const c = keyCommand(k);
      if (waiting) {
        const w = waiting;
        waiting = undefined;
        w(c);
      } else queue.push(c);
    }
  };
  stdin.on('data', onData);
  return {
    next: () => new Promise((resolve) => {
      const c = queue.shift();
      if (c) resolve(c);
      else waiting = resolve;
    }),
    close: () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
    },
  };
}

function lineKeys(stdin: NodeJS.ReadableStream): Keys {
  const rl = createInterface({ input: stdin, terminal: false });
  const queue: Command[] = [];
  let waiting: ((c: Command) => void) | undefined;
  let ended = false;
  const push = (c: Command) => {
    if (waiting) {
      const w = waiting;
      waiting = undefined;
      w(c);
    } else queue.push(c);
  };
  rl.on('line', (line) => push(lineCommand(line)));
  rl.on('close', () => {
    ended = true;
    push('end');
  });
  return {
    next: () => new Promise((resolve) => {
      const c = queue.shift();
      if (c) resolve(c);
      else if (ended) resolve('end');
      else waiting = resolve;
    }),
    close: () => rl.close(),
  };
}

export interface QuizIo {
  write(text: string): void;
  keys: Keys;
  color: boolean;
  width: number;
  /** Called on SIGINT (non-terminal mode) to stop waiting for input. */
  onInterrupt(handler: () => void): void;
}

interface Tally {
  asked: number;
  known: number;
  again: number;
}

/** The drill itself: asks up to `options.n` questions, saving progress after each mark. Returns the exit code. */
export async function runQuiz(options: QuizOptions, io: QuizIo): Promise<number> {
  const bank = loadQuestionBank();
  const questions = selectQuestions(bank, { section: options.section, difficulty: options.difficulty });
  const style = (s: Style, text: string) => (io.color ? `${ANSI[s][0]}${text}${ANSI[s][1]}` : text);
  const scope = `${options.section ?? 'all sections'}${options.difficulty ? `, ${options.difficulty}` : ''}`;
  if (questions.length === 0) {
    io.write(`No questions in ${scope}.\n`);
    return 0;
  }
  let progress = readProgress(options.progressFile);
  const deck = questions.map((q) => q.id);
  const byId = new Map<string, Question>(questions.map((q) => [q.id, q]));
  const tally: Tally = { asked: 0, known: 0, again: 0 };
  let interrupted = false;
  let wake: (() => void) | undefined;
  io.onInterrupt(() => {
    interrupted = true;
    wake?.();
  });
  const next = async (): Promise<Command> => {
    if (interrupted) return 'interrupt';
    const c = await Promise.race([io.keys.next(), new Promise<Command>((resolve) => { wake = () => resolve('interrupt'); })]);
    return interrupted ? 'interrupt' : c;
  };

  io.write(`${style('bold', 'Interview drill')}: ${scope}, ${Math.min(options.n, 1000)} question${options.n === 1 ? '' : 's'} (${questions.length} in this deck)\n`);
  io.write(style('dim', `Progress: ${options.progressFile}\n`));

  let stop: Command | undefined;
  for (let i = 0; i < options.n && !stop; i++) {
    const id = nextCard(progress, deck) as string;
    const q = byId.get(id) as Question;
    const seen = progress.cards[id];
    io.write(`\n${style('cyan', `[${i + 1}/${options.n}]`)} ${style('dim', `${q.section} · ${q.difficulty} · ${q.id}${seen ? ` · box ${seen.box}` : ' · new'}`)}\n`);
    io.write(`${style('bold', terminalText(q.question, io.width, false))}\n`);
    io.write(style('dim', '(Enter or space: show the answer · q: quit) '));
    for (;;) {
      const c = await next();
      if (c === 'reveal') break;
      if (c === 'quit' || c === 'interrupt' || c === 'end') {
        stop = c;
        break;
      }
      io.write(style('dim', '\n(press Enter or space to see the answer, q to quit) '));
    }
    if (stop) break;
    io.write(`\n\n${terminalText(q.answer, io.width, io.color)}\n`);
    if (q.links.length) io.write(style('dim', `See: ${q.links.map(describeLink).join(' · ')}\n`));
    io.write(`Did you know it? ${style('green', 'k')}: known · ${style('yellow', 'a')}: again · q: quit `);
    let verdict: Mark | undefined;
    for (;;) {
      const c = await next();
      if (c === 'known' || c === 'again') {
        verdict = c;
        break;
      }
      if (c === 'quit' || c === 'interrupt' || c === 'end') {
        stop = c;
        break;
      }
      io.write(style('dim', '\n(press k if you knew it, a to see it again soon, q to quit) '));
    }
    if (!verdict) break;
    progress = mark(progress, id, verdict);
    writeFileAtomic(options.progressFile, `${JSON.stringify(progress, null, 1)}\n`);
    tally.asked++;
    tally[verdict]++;
    const box = progress.cards[id].box;
    io.write(`\n${verdict === 'known' ? style('green', 'known') : style('yellow', 'again')}: box ${box}, back after ${GAPS[box]} other questions\n`);
  }

  const counts = boxCounts(progress, deck);
  io.write(`\n${stop === 'interrupt' ? 'Interrupted. ' : stop === 'quit' ? 'Stopped. ' : ''}Answered ${tally.asked}: ${tally.known} known, ${tally.again} again.\n`);
  io.write(`This deck: ${counts[0]} new, boxes 1-5: ${counts.slice(1).join(' / ')}. Progress saved in ${options.progressFile}\n`);
  return stop === 'interrupt' ? 130 : 0;
}

function listSections(write: (s: string) => void): void {
  const bank = loadQuestionBank();
  write('section                    easy  medium  hard  total  title\n');
  for (const s of bank.sections) {
    const n = (d: Difficulty) => s.questions.filter((q) => q.difficulty === d).length;
    write(`${s.id.padEnd(25)} ${String(n('easy')).padStart(5)} ${String(n('medium')).padStart(7)} ${String(n('hard')).padStart(5)} ${String(s.questions.length).padStart(6)}  ${s.title}\n`);
  }
  write(`${'all'.padEnd(25)} ${DIFFICULTIES.map((d, i) => String(bank.questions.filter((q) => q.difficulty === d).length).padStart([5, 7, 5][i])).join(' ')} ${String(bank.questions.length).padStart(6)}\n`);
}

async function main(argv: string[]): Promise<number> {
  let options: QuizOptions;
  try {
    options = parseQuizArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`quiz: ${err.message}\nRun "npm run quiz -- --help" for the options.\n`);
      return 2;
    }
    throw err;
  }
  if (options.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (options.list) {
    listSections((s) => process.stdout.write(s));
    return 0;
  }
  const tty = process.stdin.isTTY === true && typeof process.stdin.setRawMode === 'function';
  const keys = tty ? terminalKeys(process.stdin) : lineKeys(process.stdin);
  const io: QuizIo = {
    write: (s) => process.stdout.write(s),
    keys,
    color: process.stdout.isTTY === true && !process.env.NO_COLOR,
    width: Math.max(40, Math.min(process.stdout.columns ?? 80, 100) - 2),
    onInterrupt: (handler) => {
      process.once('SIGINT', handler);
      process.once('SIGTERM', handler);
    },
  };
  try {
    return await runQuiz(options, io);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`quiz: ${err.message}\n`);
      return 2;
    }
    throw err;
  } finally {
    keys.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`quiz: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
