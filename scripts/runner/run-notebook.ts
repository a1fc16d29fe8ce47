// Executes one notebook on the project kernel, cell by cell, and returns the executed copy plus what happened.
import { OutputCollector } from './collector';
import { KERNEL_NAME, KernelClient, KernelDiedError } from './kernel';
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
  /** Flags for the kernel's node process (see kernelNodeFlags). */
  nodeFlags?: string[];
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

/**
 * Finds the line of the cell that failed from tslab's error text. Type errors look like "3:7 - message".
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

async function executeCell(kernel: KernelClient, code: string, timeoutMs: number, graceMs: number, maxStreamChars?: number): Promise<ExecOutcome> {
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
      code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true,
    });
  });
}

/** Runs every code cell of `nb` in order on a fresh project kernel and stops at the first unexpected failure. */
export async function runNotebook(nb: Notebook, file: string, options: RunOptions = {}): Promise<RunResult> {
  const executed: Notebook = structuredClone(nb);
  executed.nbformat_minor = Math.max(5, executed.nbformat_minor ?? 5);
  executed.cells.forEach((cell, i) => {
    cell.id ??= stableCellId(i, joinSource(cell.source));
    cell.metadata ??= {};
    if (cell.cell_type === 'code') { cell.outputs = []; cell.execution_count = null; }
  });
  const cells: CellResult[] = executed.cells.map((c, i) => ({ index: i, id: c.id as string, status: 'not-run' }));
  const kernelName = nb.metadata.kernelspec?.name;
  if (kernelName !== KERNEL_NAME) {
    return {
      notebook: executed, cells,
      failure: { invalidNotebook: true, place: { file }, reason: `notebook asks for kernel ${JSON.stringify(kernelName ?? null)}; this runner runs "${KERNEL_NAME}" notebooks (set metadata.kernelspec.name)`, kernelOutput: '' },
    };
  }
  const notebookTimeout = timeoutOf(nb.metadata) ?? options.timeoutSec ?? 120;
  const graceMs = (options.interruptGraceSec ?? 5) * 1000;
  let kernel: KernelClient;
  let processOutput = '';
  trace(`${file}: starting kernel`);
  try {
    kernel = await KernelClient.start({
      env: options.env,
      nodeFlags: options.nodeFlags,
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
      let outcome = await executeCell(kernel, source, timeoutSec * 1000, graceMs, options.maxStreamChars);
      // tslab answers "abort" to requests arriving within 200 ms of an error (FACTS item 7); after an expected
      // error (raises-exception) the next cell is simply sent again once that window has passed.
      for (let attempt = 0; attempt < 3 && (outcome.reply?.status === 'abort' || outcome.reply?.status === 'aborted'); attempt++) {
        await new Promise((r) => setTimeout(r, 250));
        outcome = await executeCell(kernel, source, timeoutSec * 1000, graceMs, options.maxStreamChars);
      }
      cell.outputs = outcome.outputs;
      cell.execution_count = outcome.reply?.execution_count ?? null;
      options.onCell?.(++done, codeCells);
      const failedWith = (status: CellStatus, reason: string, kernelOutput: string) => {
        cells[i].status = status;
        const loc = errorLocation(kernelOutput, source);
        const lines = source.split('\n');
        failure = {
          place: { ...place, line: loc?.line, column: loc?.column },
          reason, kernelOutput,
          sourceLine: loc && loc.line <= lines.length ? lines[loc.line - 1] : undefined,
        };
      };
      if (outcome.timedOut) {
        failedWith('timeout', `cell timed out after ${timeoutSec} s${outcome.died ? ' (kernel killed after the interrupt did not stop it)' : ' (interrupted)'}`, outcome.stderr);
        break;
      }
      if (outcome.died) {
        failedWith('kernel-died', `${outcome.died.message} while running this cell`, outcome.stderr + outcome.died.processOutput);
        break;
      }
      const ok = outcome.reply?.status === 'ok';
      const asyncError = ASYNC_ERROR.exec(outcome.stderr);
      if (tags.includes(TAG_RAISES) && (!ok || asyncError)) { cells[i].status = 'expected-error'; continue; }
      if (asyncError) {
        // Reported while this cell ran, but it may come from a timer or promise an earlier cell started.
        failedWith('error', `${asyncError[1] === 'UncaughtException' ? 'uncaught exception' : 'unhandled promise rejection'} from asynchronous code (started by this cell or an earlier one)`, outcome.stderr);
        break;
      }
      if (ok) { cells[i].status = 'ok'; continue; }
      failedWith('error', 'cell raised an error', outcome.stderr || `${outcome.reply?.ename ?? ''}: ${outcome.reply?.evalue ?? ''}`);
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
      const late = ASYNC_ERROR.exec(lateText);
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
