// For kernel tests: run a cell, or ask for completions, on a real kernel and collect what comes back.
import type { KernelClient } from '../../scripts/runner/kernel';
import type { KernelMessage } from '../../scripts/runner/messages';

export interface Executed { status: string; text: string; error?: { ename: string; evalue: string }; traceback?: string[] }

/** Runs one cell and collects its reply status, its stdout/result text and its error message. */
export function run(k: KernelClient, code: string, timeoutMs = 120_000): Promise<Executed> {
  return new Promise((resolve, reject) => {
    let text = '';
    let status = '';
    let error: Executed['error'];
    let traceback: string[] | undefined;
    let idle = false;
    let id = '';
    const timer = setTimeout(() => { off(); reject(new Error(`no reply for ${JSON.stringify(code)}`)); }, timeoutMs);
    const off = k.onMessage((msg: KernelMessage) => {
      if (msg.parent_header.msg_id !== id) return;
      const c = msg.content as unknown as Record<string, unknown>;
      if (msg.header.msg_type === 'execute_reply') status = c.status as string;
      else if (msg.header.msg_type === 'stream') text += c.text as string;
      else if (msg.header.msg_type === 'execute_result') text += (c.data as Record<string, string>)['text/plain'] + '\n';
      else if (msg.header.msg_type === 'error') { error = { ename: c.ename as string, evalue: c.evalue as string }; traceback = c.traceback as string[]; }
      else if (msg.header.msg_type === 'status') idle ||= c.execution_state === 'idle';
      if (status && idle) { clearTimeout(timer); off(); resolve(traceback ? { status, text, error, traceback } : { status, text, error }); }
    });
    id = k.send('shell', 'execute_request', { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: false });
  });
}

/** Asks for completions at the end of `code` (tslab compiles the cell for it) and returns the matches. */
export function complete(k: KernelClient, code: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let id = '';
    const timer = setTimeout(() => { off(); reject(new Error(`no complete_reply for ${JSON.stringify(code)}`)); }, 60_000);
    const off = k.onMessage((msg: KernelMessage) => {
      if (msg.parent_header.msg_id !== id || (msg.header.msg_type as string) !== 'complete_reply') return; // a reply type the runner's message union does not list
      clearTimeout(timer); off();
      resolve((msg.content as unknown as { matches: string[] }).matches);
    });
    id = k.send('shell', 'complete_request', { code, cursor_pos: code.length });
  });
}

