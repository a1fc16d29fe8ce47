// Executes one notebook on the kernel it names, cell by cell, in the notebook's folder, and returns the executed copy plus what happened.
import { OutputCollector } from './collector';
import { KernelClient, KernelDiedError } from './kernel';
import { KernelNotFoundError, resolveKernelSpec } from './kernelspec';
import type { ExecuteReplyContent, KernelMessage } from './messages';
import { joinSource, stableCellId, type Cell, type Notebook, type Output } from './notebook';
import { formatPlace, type Place } from '../shared/place';

export type CellStatus = 'ok' | 'error' | 'expected-error' | 'skipped' | 'timeout' | 'kernel-died' | 'not-run';

export interface CellResult {
  index: number;
  id: string;
  status: CellStatus;
}

export interface NotebookFailure {
  place: Place;
  /** Set when the notebook itself is unusable (e.g. it names another kernel), as opposed to a cell failing. */
  invalidNotebook?: boolean;
  /** One line: what went wrong. */
  reason: string;
  /** The failing source line, when known. */
  sourceLine?: string;
  /** The kernel's error text (stderr of the cell, or the kernel's last words). */
  kernelOutput: string;
}

export interface RunResult {
  notebook: Notebook;
  cells: CellResult[];
  failure?: NotebookFailure;
}

export interface RunOptions {
  /** Per-cell timeout in seconds (a notebook's or cell's metadata `execution.timeout` overrides it). */
  timeoutSec?: number;
  /** Seconds to wait after an interrupt before killing the kernel. */
  interruptGraceSec?: number;
  maxStreamChars?: number;
  env?: Record<string, string>;
  /** Flags for the project kernel's node process (see kernelNodeFlags). */
  nodeFlags?: string[];
  /** The kernel's working directory: the notebook's folder (default: the current directory). */
  cwd?: string;
  /** Where kernelspecs are looked up (JUPYTER_PATH, JUPYTER_DATA_DIR...; default: process.env). */
  kernelEnv?: NodeJS.ProcessEnv;
  onCell?: (done: number, total: number) => void;
  /** Called with the started kernel, so a caller can stop it on Ctrl-C. */
  onKernel?: (kernel: KernelClient) => void;
  /** Milliseconds to wait after the last cell for late asynchronous errors (default 250). */
  settleMs?: number;
}

/** tslab's process-wide handlers print these when asynchronous work fails outside any cell's await. */
const ASYNC_ERROR = /^(UnhandledPromiseRejection|UncaughtException):.*$/m;

const TAG_RAISES = 'raises-exception';
const TAG_SKIP = 'skip-execution';

function tagsOf(cell: Cell): string[] {
  return Array.isArray(cell.metadata?.tags) ? cell.metadata.tags.filter((t): t is string => typeof t === 'string') : [];
}

function timeoutOf(meta: Record<string, unknown> | undefined): number | undefined {
  const exec = meta?.execution as { timeout?: unknown } | undefined;
  return typeof exec?.timeout === 'number' && exec.timeout > 0 ? exec.timeout : undefined;
}

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** Text without ANSI colour codes (Python kernels colour their tracebacks). */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** The error outputs of a cell as one text: each traceback (or "ename: evalue"), colours removed. */
export function errorText(outputs: Output[]): string {
  return outputs.filter((o) => o.output_type === 'error').map((o) => {
    const tb = Array.isArray(o.traceback) ? (o.traceback as string[]).join('\n') : '';
    return stripAnsi(tb || `${String(o.ename)}: ${String(o.evalue)}`);
  }).join('\n');
}

/**
 * The failing line from an `error` output's traceback: this project's kernel and IPython 8.5+ write "Cell In[3], line 2"
 * (ours adds ", column 7" for type errors), IPython 8.0-8.4 "<cell line: 2>".
 */
export function tracebackLocation(text: string): { line: number; column?: number } | undefined {
  const m = /Cell In ?\[\d*\], line (\d+)(?:, column (\d+))?/.exec(text);
  if (m) return { line: Number(m[1]), column: m[2] ? Number(m[2]) : undefined };
  const old = /<cell line: (\d+)>/.exec(text);
  return old ? { line: Number(old[1]) } : undefined;
}

/**
 * Finds the line of the cell that failed from stock tslab's error text (it sends no `error` message). Type errors look like "3:7 - message".
 * Runtime errors name a line of the compiled JavaScript ("evalmachine.<anonymous>:5") and quote it on the
 * next line; that quoted statement is looked up in the cell's TypeScript source.
 */
export function errorLocation(stderr: string, source: string): { line: number; column?: number } | undefined {
  const typeError = /^(\d+):(\d+) - /m.exec(stderr);
  if (typeError) return { line: Number(typeError[1]), column: Number(typeError[2]) };
  const quoted = /^evalmachine\.<anonymous>:\d+\n(.+)\n/m.exec(stderr)?.[1]?.trim().replace(/;$/, '');
  if (!quoted) return undefined;
  const lines = source.split('\n');
  const at = lines.findIndex((l) => l.includes(quoted));
  return at >= 0 ? { line: at + 1 } : undefined;
}

/** MLIN_RUNNER_DEBUG=1 traces every protocol event of every cell on stderr (for diagnosing a stuck run). */
const DEBUG = process.env.MLIN_RUNNER_DEBUG === '1';
function trace(text: string): void {
  if (DEBUG) process.stderr.write(`[runner ${new Date().toISOString()}] ${text}\n`);
}

/** How long to wait for the idle status after execute_reply (nbclient's iopub_timeout is 4 s). */
const IOPUB_GRACE_MS = 4000;

interface ExecOutcome { reply?: ExecuteReplyContent; outputs: Output[]; stderr: string; timedOut: boolean; died?: KernelDiedError }

async function executeCell(kernel: KernelClient, code: string, stopOnError: boolean, timeoutMs: number, graceMs: number, maxStreamChars?: number): Promise<ExecOutcome> {
  const collector = new OutputCollector({ maxStreamChars });
  return new Promise((resolve) => {
    let msgId = '';
    let reply: ExecuteReplyContent | undefined;
    let idle = false;
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    let idleTimer: NodeJS.Timeout | undefined;
    let finished = false;
    // Armed before any listener can call finish(), so finish() can always clear it.
    const timer = setTimeout(() => {
      timedOut = true;
      trace(`cell timed out after ${timeoutMs} ms: interrupting the kernel`);
      kernel.interrupt();
      killTimer = setTimeout(() => { trace('kernel still busy after the interrupt: killing it'); kernel.kill(); }, graceMs);
    }, timeoutMs);
    const finish = (died?: KernelDiedError) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer); clearTimeout(killTimer); clearTimeout(idleTimer); off(); offExit();
      resolve({ reply, outputs: collector.finish(), stderr: collector.stderr, timedOut, died });
    };
    const off = kernel.onMessage((msg: KernelMessage) => {
      if (msg.parent_header.msg_id !== msgId) return;
      trace(`${msg.header.msg_type}${msg.header.msg_type === 'status' ? ` ${(msg.content as { execution_state: string }).execution_state}` : ''}`);
      if (msg.header.msg_type === 'execute_reply') {
        reply = msg.content as ExecuteReplyContent;
        // As nbclient does: once the reply is in, wait a bounded time for the idle status that closes the
        // cell's output, so a lost iopub message costs seconds, not the whole cell timeout.
        idleTimer = setTimeout(() => finish(), IOPUB_GRACE_MS);
      } else if (msg.header.msg_type === 'status') idle = (msg.content as { execution_state: string }).execution_state === 'idle';
      else collector.add(msg);
      if (reply && idle) finish();
    });
    const offExit = kernel.onExit((err) => finish(err));
    msgId = kernel.send('shell', 'execute_request', {
      code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: stopOnError,
    });
  });
}

/**
 * Stock tslab (not this project's kernel) answers "abort" to any request within 200 ms after an error (FACTS item 7).
 * It is recognised by its kernel_info_reply (implementation tslab/jslab, no `status`); after an error the runner waits
 * out that window before the next cell. No other kernel needs this.
 */
function hasTslabAbortWindow(kernel: KernelClient): boolean {
  return (kernel.info.implementation === 'tslab' || kernel.info.implementation === 'jslab') && kernel.info.status === undefined;
}

/** Kernels built on tslab print asynchronous failures as "UnhandledPromiseRejection: ..." on stderr. */
function isTslabFamily(kernel: KernelClient): boolean {
  return kernel.info.implementation === 'tslab' || kernel.info.implementation === 'jslab';
}

/** Runs every code cell of `nb` in order on a fresh kernel of the kind it names and stops at the first unexpected failure. */
export async function runNotebook(nb: Notebook, file: string, options: RunOptions = {}): Promise<RunResult> {
  const executed: Notebook = structuredClone(nb);
  executed.nbformat_minor = Math.max(5, executed.nbformat_minor ?? 5);
  executed.cells.forEach((cell, i) => {
    cell.id ??= stableCellId(i, joinSource(cell.source));
    cell.metadata ??= {};
    if (cell.cell_type === 'code') { cell.outputs = []; cell.execution_count = null; }
  });
  const cells: CellResult[] = executed.cells.map((c, i) => ({ index: i, id: c.id as string, status: 'not-run' }));
  let spec;
  try {
    spec = resolveKernelSpec(nb.metadata.kernelspec?.name, options.kernelEnv ?? process.env, options.nodeFlags);
  } catch (err) {
    if (!(err instanceof KernelNotFoundError)) throw err;
    return { notebook: executed, cells, failure: { invalidNotebook: true, place: { file }, reason: err.message, kernelOutput: '' } };
  }
  const notebookTimeout = timeoutOf(nb.metadata) ?? options.timeoutSec ?? 120;
  const graceMs = (options.interruptGraceSec ?? 5) * 1000;
  let kernel: KernelClient;
  let processOutput = '';
  trace(`${file}: starting kernel`);
  try {
    kernel = await KernelClient.start({
      spec,
      cwd: options.cwd,
      env: options.env,
      onProcessOutput: (text) => { processOutput = (processOutput + text).slice(-50_000); },
    });
  } catch (err) {
    const died = err instanceof KernelDiedError ? err.processOutput : '';
    return { notebook: executed, cells, failure: { place: { file }, reason: `kernel failed to start: ${(err as Error).message}`, kernelOutput: died } };
  }
  options.onKernel?.(kernel);
  trace(`${file}: kernel pid ${kernel.pid} ready`);
  let failure: NotebookFailure | undefined;
  const codeCells = executed.cells.filter((c) => c.cell_type === 'code').length;
  let done = 0;
  try {
    for (const [i, cell] of executed.cells.entries()) {
      if (cell.cell_type !== 'code') continue;
      const tags = tagsOf(cell);
      const source = joinSource(cell.source);
      const place: Place = { file, cell: i + 1, cellId: cell.id };
      if (tags.includes(TAG_SKIP) || source.trim() === '') {
        cells[i].status = 'skipped';
        options.onCell?.(++done, codeCells);
        continue;
      }
      const timeoutSec = timeoutOf(cell.metadata) ?? notebookTimeout;
      trace(`${file} cell ${i + 1} (${cell.id}): execute, timeout ${timeoutSec} s`);
      // As nbclient: a cell whose error is expected is sent with stop_on_error false.
      const outcome = await executeCell(kernel, source, !tags.includes(TAG_RAISES), timeoutSec * 1000, graceMs, options.maxStreamChars);
      if (outcome.reply?.status === 'error' && hasTslabAbortWindow(kernel)) await new Promise((r) => setTimeout(r, 250));
      cell.outputs = outcome.outputs;
      cell.execution_count = outcome.reply?.execution_count ?? null;
      options.onCell?.(++done, codeCells);
      const failedWith = (status: CellStatus, reason: string, kernelOutput: string) => {
        cells[i].status = status;
        const loc = tracebackLocation(kernelOutput) ?? errorLocation(kernelOutput, source);
        const lines = source.split('\n');
        failure = {
          place: { ...place, line: loc?.line, column: loc?.column },
          reason, kernelOutput,
          sourceLine: loc && loc.line <= lines.length ? lines[loc.line - 1] : undefined,
        };
      };
      if (outcome.timedOut) {
        failedWith('timeout', `cell timed out after ${timeoutSec} s${outcome.died ? ' (kernel killed after the interrupt did not stop it)' : ' (interrupted)'}`, [errorText(outcome.outputs), outcome.stderr].filter(Boolean).join('\n'));
        break;
      }
      if (outcome.died) {
        failedWith('kernel-died', `${outcome.died.message} while running this cell`, outcome.stderr + outcome.died.processOutput);
        break;
      }
      const ok = outcome.reply?.status === 'ok';
      const asyncError = isTslabFamily(kernel) ? ASYNC_ERROR.exec(outcome.stderr) : null;
      if (tags.includes(TAG_RAISES) && (!ok || asyncError)) { cells[i].status = 'expected-error'; continue; }
      if (asyncError) {
        // Reported while this cell ran, but it may come from a timer or promise an earlier cell started.
        failedWith('error', `${asyncError[1] === 'UncaughtException' ? 'uncaught exception' : 'unhandled promise rejection'} from asynchronous code (started by this cell or an earlier one)`, outcome.stderr);
        break;
      }
      if (ok) { cells[i].status = 'ok'; continue; }
      if (outcome.reply?.status === 'aborted' || outcome.reply?.status === 'abort') {
        failedWith('error', 'the kernel aborted this cell (it was queued behind a failing request)', outcome.stderr);
        break;
      }
      const errors = errorText(outcome.outputs);
      const text = [errors, outcome.stderr].filter(Boolean).join('\n') || `${outcome.reply?.ename ?? ''}: ${outcome.reply?.evalue ?? ''}`;
      failedWith('error', outcome.reply?.ename ? `cell raised ${outcome.reply.ename}: ${stripAnsi(outcome.reply.evalue ?? '')}` : 'cell raised an error', text);
      break;
    }
    if (!failure) {
      // Asynchronous work can still fail after the last cell returned: give it a moment, then look at what the
      // kernel printed since (tslab sends it as a stream of the last request, or to its own stderr).
      let trailing = '';
      const off = kernel.onMessage((msg) => {
        if (msg.header.msg_type === 'stream') trailing = (trailing + (msg.content as { text: string }).text).slice(-50_000);
      });
      const outputBefore = processOutput.length;
      await new Promise((r) => setTimeout(r, options.settleMs ?? 250));
      off();
      const lateText = trailing + processOutput.slice(outputBefore);
      const late = isTslabFamily(kernel) ? ASYNC_ERROR.exec(lateText) : null;
      const lastRun = [...cells].reverse().find((c) => c.status !== 'not-run' && c.status !== 'skipped');
      if (late) {
        failure = {
          place: { file, cell: lastRun ? lastRun.index + 1 : undefined, cellId: lastRun?.id },
          reason: `${late[1] === 'UncaughtException' ? 'uncaught exception' : 'unhandled promise rejection'} after the last cell finished`,
          kernelOutput: lateText.slice(late.index),
        };
        if (lastRun) lastRun.status = 'error';
      } else if (kernel.hasExited) {
        failure = { place: { file }, reason: 'kernel died after the last cell', kernelOutput: processOutput };
      }
    }
  } finally {
    trace(`${file}: shutting the kernel down`);
    await kernel.shutdown();
    trace(`${file}: kernel stopped`);
  }
  if (kernel.info.language_info) executed.metadata.language_info = kernel.info.language_info;
  return { notebook: executed, cells, failure };
}

/** The failure as the runner prints it: place, reason, the line, the kernel's words. */
export function formatFailure(f: NotebookFailure): string {
  const lines = [`✖ ${formatPlace(f.place)}: ${f.reason}`];
  if (f.sourceLine !== undefined) lines.push(`    > ${f.sourceLine.trim()}`);
  const text = f.kernelOutput.trim();
  if (text) lines.push(...text.split('\n').slice(0, 30).map((l) => `    ${l}`));
  return lines.join('\n');
}
