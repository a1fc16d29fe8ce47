// Runs the learner's function on one case where the learner's code lives (worker or page): never throws.

/** What happened when the learner's function was called once. */
export type CallOutcome =
  | { status: 'returned'; value: unknown; argsAfter: unknown[]; ms: number }
  | { status: 'threw'; name: string; message: string; ms: number }
  | { status: 'exit'; code: number; ms: number };

/** Thrown by the sandbox's replacement for `process.exit`, so the call ends with a clear message instead of a dead worker. */
export class ExitCalled extends Error {
  constructor(readonly code: number) {
    super(`process.exit(${code}) called`);
    this.name = 'ExitCalled';
  }
}

/**
 * Calls `fn` on a private copy of `args` (the caller keeps the originals to detect mutation). A thrown non-Error is
 * described as well as possible.
 */
export function callLearner(fn: (...a: unknown[]) => unknown, args: unknown[]): CallOutcome {
  const working = structuredClone(args);
  const t0 = performance.now();
  try {
    const value = fn(...working);
    return { status: 'returned', value, argsAfter: working, ms: performance.now() - t0 };
  } catch (err) {
    const ms = performance.now() - t0;
    if (err instanceof ExitCalled) return { status: 'exit', code: err.code, ms };
    if (err instanceof Error) return { status: 'threw', name: err.name, message: err.message, ms };
    return { status: 'threw', name: 'thrown value', message: describeThrown(err), ms };
  }
}

function describeThrown(v: unknown): string {
  try {
    return `a ${typeof v} was thrown: ${typeof v === 'string' ? v : JSON.stringify(v)}`;
  } catch {
    return `a ${typeof v} was thrown`;
  }
}

/**
 * Makes a returned value safe to post between threads: functions, symbols and class instances become descriptions
 * the comparison reports as the wrong type. Plain arrays, typed arrays, numbers and plain objects pass unchanged.
 */
export function toTransferable(v: unknown, depth = 0): unknown {
  if (depth > 20) return '[too deeply nested]';
  if (v === null || v === undefined || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return `[bigint ${v}]`;
  if (typeof v === 'function') return `[function ${v.name || 'anonymous'}]`;
  if (typeof v === 'symbol') return `[symbol]`;
  if (ArrayBuffer.isView(v)) return v;
  if (Array.isArray(v)) return v.map((x) => toTransferable(x, depth + 1));
  if (typeof v === 'object') {
    if (v instanceof Promise) return '[Promise: the function must not be async]';
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = toTransferable(x, depth + 1);
    return out;
  }
  return String(v);
}
