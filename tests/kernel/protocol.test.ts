// The project kernel over the Jupyter protocol: execute_input, error and execute_result messages, stop_on_error both ways, history, interrupt, cwd.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KernelClient } from '../../scripts/runner/kernel';
import type { KernelMessage } from '../../scripts/runner/messages';
import { snapshotKernelEnv } from './snapshot-cache';

interface Executed { reply: Record<string, unknown>; iopub: { type: string; content: Record<string, unknown> }[] }

/** Sends one execute_request at once (not waiting for earlier ones) and collects its reply and iopub messages up to idle. */
function execute(k: KernelClient, code: string, opts: { stopOnError?: boolean; silent?: boolean } = {}, timeoutMs = 60_000): Promise<Executed> {
  return new Promise((resolve, reject) => {
    const iopub: Executed['iopub'] = [];
    let reply: Record<string, unknown> | undefined;
    let idle = false;
    let id = '';
    const timer = setTimeout(() => { off(); reject(new Error(`no reply/idle for ${JSON.stringify(code)} within ${timeoutMs} ms`)); }, timeoutMs);
    const off = k.onMessage((msg: KernelMessage) => {
      if (msg.parent_header.msg_id !== id) return;
      if (msg.header.msg_type === 'execute_reply') reply = msg.content as unknown as Record<string, unknown>;
      else if (msg.header.msg_type === 'status') idle ||= (msg.content as { execution_state: string }).execution_state === 'idle';
      else iopub.push({ type: msg.header.msg_type, content: msg.content as unknown as Record<string, unknown> });
      if (reply && idle) { clearTimeout(timer); off(); resolve({ reply, iopub }); }
    });
    id = k.send('shell', 'execute_request', {
      code, silent: opts.silent ?? false, store_history: !(opts.silent ?? false), user_expressions: {}, allow_stdin: false, stop_on_error: opts.stopOnError ?? true,
    });
  });
}

const types = (e: Executed) => e.iopub.map((m) => m.type);

// The kernel starts in its own process until a startup snapshot exists, then from the snapshot through a launcher
// (scripts/kernel/snapshot.cjs): the protocol must be the same both ways, interrupts included.
describe.each([
  ['in its own process', () => ({ MLIN_KERNEL_SNAPSHOT: 'off' })],
  ['from its startup snapshot', snapshotKernelEnv],
])('project kernel protocol (real kernel, %s)', (_mode, kernelEnv) => {
  let k: KernelClient;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mlin-kernel-cwd-'));
    writeFileSync(path.join(dir, 'note.txt'), 'next to the notebook\n');
    k = await KernelClient.start({ cwd: dir, env: kernelEnv() });
  }, 90_000);
  afterAll(async () => { await k?.shutdown(); });

  it('answers kernel_info with status, protocol version, language and help links', async () => {
    const r = await k.request('shell', 'kernel_info_request', {}, 20_000);
    expect(r.content).toMatchObject({ status: 'ok', protocol_version: '5.3', implementation: 'tslab', language_info: { name: 'typescript', file_extension: '.ts' } });
    const c = r.content as { banner: string; help_links: { url: string }[] };
    expect(c.banner).toMatch(/TypeScript \d+\.\d+/);
    expect(c.help_links.length).toBeGreaterThan(0);
  });

  it('broadcasts execute_input with the code and count, and sends the last value as execute_result text/plain', async () => {
    const e = await execute(k, "console.log('hi');\n[1, 2].map((x) => x * 21)");
    expect(e.reply).toMatchObject({ status: 'ok' });
    const count = e.reply.execution_count;
    expect(types(e)).toEqual(['execute_input', 'stream', 'execute_result']);
    expect(e.iopub[0].content).toEqual({ code: "console.log('hi');\n[1, 2].map((x) => x * 21)", execution_count: count });
    expect(e.iopub[2].content).toEqual({ execution_count: count, data: { 'text/plain': '[ 21, 42 ]' }, metadata: {} });
  });

  it('survives a burst of output messages (iopub sends are queued: a second zeromq send in flight threw EBUSY and killed the kernel)', async () => {
    const code = "import * as tslab from 'tslab';\nfor (let i = 0; i < 300; i++) { console.log('line ' + i); tslab.display.text('shown ' + i); }\nawait new Promise((r) => setTimeout(r, 10));\nfor (let i = 0; i < 300; i++) console.error('err ' + i);";
    const e = await execute(k, code);
    expect(e.reply.status).toBe('ok');
    const out = e.iopub.filter((m) => m.type === 'stream' && m.content.name === 'stdout').map((m) => m.content.text).join('');
    expect(out.split('\n').filter(Boolean)).toEqual(Array.from({ length: 300 }, (_, i) => `line ${i}`));
    expect(e.iopub.filter((m) => m.type === 'display_data')).toHaveLength(300);
    const err = e.iopub.filter((m) => m.type === 'stream' && m.content.name === 'stderr').map((m) => m.content.text).join('');
    expect(err.split('\n').filter(Boolean)).toHaveLength(300);
    expect((await execute(k, '1 + 1')).reply.status).toBe('ok');
  });

  it('runs in the folder it was started in: relative paths resolve next to the notebook', async () => {
    const e = await execute(k, "import { readFileSync } from 'node:fs';\nconsole.log(process.cwd()); console.log(readFileSync('note.txt', 'utf8'))");
    expect(e.reply.status).toBe('ok');
    expect(e.iopub.filter((m) => m.type === 'stream').map((m) => m.content.text).join('')).toBe(`${dir}\nnext to the notebook\n\n`);
  });

  it('turns a type error into an error message with the TS code, the cell line and a matching execute_reply', async () => {
    const e = await execute(k, "const ok = 1;\nconst bad: number = 'a';", { stopOnError: false });
    expect(types(e)).toEqual(['execute_input', 'error']);
    const err = e.iopub[1].content as { ename: string; evalue: string; traceback: string[] };
    expect(err.ename).toBe('TS2322');
    expect(err.evalue).toBe("Type 'string' is not assignable to type 'number'.");
    expect(err.traceback.join('\n')).toMatch(/Cell In\[\d+\], line 2, column 7: error TS2322: Type 'string' is not assignable/);
    expect(err.traceback.join('\n')).toContain("    const bad: number = 'a';\n          ^");
    expect(e.reply).toMatchObject({ status: 'error', ename: 'TS2322', evalue: err.evalue, traceback: err.traceback });
  });

  it('turns a runtime exception into an error with its real class name, message and cell line', async () => {
    const e = await execute(k, "class KernelTestError extends Error {}\nconst n = 3;\nthrow n > 2 ? new KernelTestError('n is ' + n) : null;", { stopOnError: false });
    const err = e.iopub.find((m) => m.type === 'error')?.content as { ename: string; evalue: string; traceback: string[] };
    expect(err).toMatchObject({ ename: 'KernelTestError', evalue: 'n is 3' });
    expect(err.traceback[0]).toBe('KernelTestError: n is 3');
    expect(err.traceback.join('\n')).toMatch(/Cell In\[\d+\], line 3\n {4}throw n > 2/);
    expect(e.reply).toMatchObject({ status: 'error', ename: 'KernelTestError', evalue: 'n is 3' });
    const r = await execute(k, "await Promise.resolve(); throw new RangeError('async ' + 'failure')", { stopOnError: false });
    expect(r.iopub.find((m) => m.type === 'error')?.content).toMatchObject({ ename: 'RangeError', evalue: 'async failure' });
  });

  it('stop_on_error true: a request queued behind the failing one (sent at once) is aborted, the next one runs', async () => {
    const failing = execute(k, "await new Promise((r) => setTimeout(r, 300));\nthrow new Error('first fails')", { stopOnError: true });
    const queued = execute(k, "console.log('queued ran')", { stopOnError: true });
    const [f, q] = await Promise.all([failing, queued]);
    expect(f.reply.status).toBe('error');
    expect(q.reply).toMatchObject({ status: 'aborted' });
    expect(q.iopub).toEqual([]);
    // Aborting stops once the waiting queue is done: a request sent after the failure runs.
    const later = await execute(k, "console.log('later ran')");
    expect(later.reply.status).toBe('ok');
    expect(later.iopub.some((m) => m.type === 'stream' && m.content.text === 'later ran\n')).toBe(true);
  });

  it('stop_on_error true also aborts a request that waited in the socket behind a synchronous failing cell', async () => {
    const failing = execute(k, "const until = Date.now() + 300; while (Date.now() < until) {}\nthrow new Error('sync failure')", { stopOnError: true });
    const queued = execute(k, "console.log('queued ran')");
    const [f, q] = await Promise.all([failing, queued]);
    expect(f.reply.status).toBe('error');
    expect(q.reply.status).toBe('aborted');
  });

  it('stop_on_error false: the request sent at once behind a failing one runs (no abort, no timing window)', async () => {
    const failing = execute(k, "await new Promise((r) => setTimeout(r, 300));\nthrow new Error('expected failure')", { stopOnError: false });
    const next = execute(k, "console.log('next ran')");
    const [f, n] = await Promise.all([failing, next]);
    expect(f.reply.status).toBe('error');
    expect(n.reply.status).toBe('ok');
    expect(n.iopub.some((m) => m.type === 'stream' && m.content.text === 'next ran\n')).toBe(true);
  });

  it('answers history_request (tail, range, search) with the cells run in this session', async () => {
    await execute(k, '"history marker"');
    const tail = await k.request('shell', 'history_request', { output: false, raw: true, hist_access_type: 'tail', n: 2 }, 20_000);
    const hist = (tail.content as { status: string; history: [number, number, string][] });
    expect(hist.status).toBe('ok');
    expect(hist.history).toHaveLength(2);
    expect(hist.history[1][2]).toBe('"history marker"');
    const [session, line] = hist.history[1];
    const range = await k.request('shell', 'history_request', { output: true, raw: true, hist_access_type: 'range', session, start: line, stop: line + 1 }, 20_000);
    expect((range.content as { history: unknown[] }).history).toEqual([[session, line, ['"history marker"', "'history marker'"]]]);
    const search = await k.request('shell', 'history_request', { output: false, raw: true, hist_access_type: 'search', pattern: '*history marker*' }, 20_000);
    expect((search.content as { history: unknown[] }).history).toHaveLength(1);
  });

  it('interrupt stops a long synchronous cell and an awaiting one; the kernel stays usable', async () => {
    const busy = execute(k, 'let spins = 0; while (true) { spins++; }', { stopOnError: false });
    await new Promise((r) => setTimeout(r, 1500));
    k.interrupt();
    const b = await busy;
    expect(b.reply.status).toBe('error');
    expect(String(b.reply.evalue)).toMatch(/interrupted/i);
    const waiting = execute(k, 'await new Promise(() => {})', { stopOnError: false });
    await new Promise((r) => setTimeout(r, 1500));
    k.interrupt();
    expect((await waiting).reply.status).toBe('error');
    const after = await execute(k, '6 * 7');
    expect(after.reply.status).toBe('ok');
    expect(after.iopub.find((m) => m.type === 'execute_result')?.content.data).toEqual({ 'text/plain': '42' });
  });

  it('answers comm_info and is_complete (complete, incomplete, invalid)', async () => {
    expect((await k.request('shell', 'comm_info_request', {}, 20_000)).content).toEqual({ status: 'ok', comms: {} });
    const status = async (code: string) => ((await k.request('shell', 'is_complete_request', { code }, 20_000)).content as { status: string }).status;
    expect(await status('const a = 1;')).toBe('complete');
    expect(await status('function f() {')).toBe('incomplete');
    expect(await status('const = 1;')).toBe('invalid');
  });
});

describe('a kernel started in notebooks/ (real kernel)', () => {
  let k: KernelClient;
  beforeAll(async () => { k = await KernelClient.start({ cwd: path.join(__dirname, '..', '..', 'notebooks') }); }, 90_000);
  afterAll(async () => { await k?.shutdown(); });

  it("imports the library as '../lib/...' (rootDir above the notebook's folder), and lib code finds datasets/ without the cwd", async () => {
    const e = await execute(k, "import { loadIris } from '../lib/data/datasets';\nconst iris = loadIris();\n[iris.n, iris.d]");
    expect(e.reply.status).toBe('ok');
    expect(e.iopub.find((m) => m.type === 'execute_result')?.content.data).toEqual({ 'text/plain': '[ 150, 4 ]' });
  });

  it("reports a type error inside an imported file's use with the cell's place", async () => {
    const e = await execute(k, "import { seed } from '../lib/core/random';\nseed('not a number');", { stopOnError: false });
    const err = e.iopub.find((m) => m.type === 'error')?.content as { ename: string; traceback: string[] };
    expect(err.ename).toBe('TS2345');
    expect(err.traceback.join('\n')).toMatch(/Cell In\[\d+\], line 2, column 6: error TS2345/);
  });
});
