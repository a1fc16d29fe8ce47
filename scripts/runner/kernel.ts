// Transport: starts a kernel from its kernelspec on loopback with a fresh HMAC key and talks to it over ZeroMQ.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import * as zmq from 'zeromq';
import type { KernelInfoReplyContent, KernelMessage, OutgoingMessage, RequestType } from './messages';
import { decodeMessage, encodeMessage, SignatureError } from './wire';
import { projectKernelSpec, REPO_ROOT, substituteArgv, type KernelSpec } from './kernelspec';

export { KERNEL_LAUNCHER, KERNEL_NAME, REPO_ROOT } from './kernelspec';

/**
 * Node flags for a kernel when `kernelsAtOnce` kernels share `cores` cores. Node gives V8 four helper threads (JIT
 * compiling and GC) whatever the machine; on 2 cores those threads take turns with the kernel's main thread, and a
 * kernel runs the lessons 15% faster with one helper (measured, README). Each kernel gets the cores left after every
 * kernel's main thread, shared out, at least 1 and at most V8's usual 4. The kernelspec (one kernel) and the runner
 * (a pool of `--jobs` kernels) both start kernels with these flags.
 */
export function kernelNodeFlags(kernelsAtOnce: number, cores = availableParallelism()): string[] {
  const helpers = Math.max(1, Math.min(4, Math.floor((cores - kernelsAtOnce) / kernelsAtOnce)));
  return [`--v8-pool-size=${helpers}`];
}

interface ConnectionInfo {
  transport: 'tcp';
  ip: '127.0.0.1';
  signature_scheme: 'hmac-sha256';
  key: string;
  shell_port: number; iopub_port: number; stdin_port: number; control_port: number; hb_port: number;
  kernel_name: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** `n` different free ports (two concurrent picks can return the same port once the first probe has closed). */
async function distinctFreePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

export interface KernelOptions {
  /** The kernel to start (default: this repository's kernel, with `nodeFlags`). */
  spec?: KernelSpec;
  /** The kernel's working directory: the notebook's folder, as Jupyter starts kernels (default: the repo root). */
  cwd?: string;
  /** Extra environment for the kernel process. */
  env?: Record<string, string>;
  /** Called with every kernel stderr/stdout chunk outside the protocol (crash traces). */
  onProcessOutput?: (text: string) => void;
  startupTimeoutMs?: number;
  /** Flags for the project kernel's node process (default: `kernelNodeFlags(1)`, as the kernelspec). */
  nodeFlags?: string[];
}

/** Raised when the kernel process exits while the runner still needs it. */
export class KernelDiedError extends Error {
  constructor(readonly exitCode: number | null, readonly signal: string | null, readonly processOutput: string) {
    super(`kernel died (exit code ${exitCode ?? 'none'}${signal ? `, signal ${signal}` : ''})`);
    this.name = 'KernelDiedError';
  }
}

/** A running project kernel: request/reply on shell and control, broadcast messages on iopub. */
export class KernelClient {
  private readonly session = randomUUID();
  private readonly shell = new zmq.Dealer({ linger: 0 });
  private readonly control = new zmq.Dealer({ linger: 0 });
  private readonly iopub = new zmq.Subscriber({ linger: 0 });
  private listeners = new Set<(msg: KernelMessage) => void>();
  private exitListeners = new Set<(err: KernelDiedError) => void>();
  private closed = false;
  private processOutput = '';
  private exited: KernelDiedError | null = null;
  /** Messages dropped because their signature did not verify. */
  rejectedMessages = 0;

  private constructor(private readonly conn: ConnectionInfo, private readonly proc: ChildProcess, private readonly tempDir: string, readonly spec: KernelSpec) {}

  /**
   * Starts a kernel. Ports are picked free and then handed to the kernel, as jupyter_client does, so another process
   * can take one in between ("Address already in use"; seen once in CI with two kernels starting at once): the start
   * is then tried again with new ports, up to three times.
   */
  static async start(options: KernelOptions = {}): Promise<KernelClient> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await KernelClient.startOnce(options);
      } catch (err) {
        const said = err instanceof KernelDiedError ? `${err.message} ${err.processOutput}` : String((err as Error).message);
        if (attempt >= 3 || !/Address already in use|EADDRINUSE/.test(said)) throw err;
      }
    }
  }

  private static async startOnce(options: KernelOptions): Promise<KernelClient> {
    const spec = options.spec ?? projectKernelSpec(options.nodeFlags ?? kernelNodeFlags(1));
    const ports = await distinctFreePorts(5);
    const conn: ConnectionInfo = {
      transport: 'tcp', ip: '127.0.0.1', signature_scheme: 'hmac-sha256',
      key: randomBytes(32).toString('hex'),
      shell_port: ports[0], iopub_port: ports[1], stdin_port: ports[2], control_port: ports[3], hb_port: ports[4],
      kernel_name: spec.name,
    };
    const tempDir = mkdtempSync(path.join(tmpdir(), 'mlin-kernel-'));
    const connectionFile = path.join(tempDir, 'connection.json');
    writeFileSync(connectionFile, JSON.stringify(conn), { mode: 0o600 });
    const [command, ...args] = substituteArgv(spec, connectionFile);
    const proc = spawn(command, args, {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, ...spec.env, JPY_PARENT_PID: String(process.pid), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // own process group, so killing the group also ends anything the kernel started
    });
    const client = new KernelClient(conn, proc, tempDir, spec);
    client.watchProcess(options.onProcessOutput);
    try {
      await client.connect(options.startupTimeoutMs ?? 60_000);
    } catch (err) {
      // Open sockets would keep the runner's event loop alive forever: close them and remove the connection file.
      await client.shutdown(0);
      throw err;
    }
    return client;
  }

  get pid(): number | undefined { return this.proc.pid; }
  get connection(): Readonly<ConnectionInfo> { return this.conn; }

  private watchProcess(onOutput?: (text: string) => void): void {
    const keep = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      // Keep only the tail: a crash trace is at the end, and memory stays bounded.
      this.processOutput = (this.processOutput + text).slice(-20_000);
      onOutput?.(text);
    };
    this.proc.stdout?.on('data', keep);
    this.proc.stderr?.on('data', keep);
    const died = (err: KernelDiedError) => {
      if (this.exited) return;
      this.exited = err;
      for (const l of this.exitListeners) l(err);
    };
    this.proc.on('exit', (code, signal) => died(new KernelDiedError(code, signal, this.processOutput)));
    // A kernelspec whose argv[0] does not exist: spawn reports it here, not as an exit.
    this.proc.on('error', (err) => died(new KernelDiedError(null, null, `cannot start ${JSON.stringify(this.spec.argv[0])}: ${err.message}`)));
  }

  private async connect(timeoutMs: number): Promise<void> {
    const url = (port: number) => `tcp://127.0.0.1:${port}`;
    this.shell.connect(url(this.conn.shell_port));
    this.control.connect(url(this.conn.control_port));
    this.iopub.connect(url(this.conn.iopub_port));
    this.iopub.subscribe();
    void this.pump(this.shell);
    void this.pump(this.control);
    void this.pump(this.iopub);
    // The kernel may not be listening yet, and PUB/SUB joins late: ask for kernel_info until a reply arrives.
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.exited) throw this.exited;
      try {
        this.info = (await this.request('shell', 'kernel_info_request', {}, 1000)).content as KernelInfoReplyContent;
        break;
      } catch (err) {
        if (err instanceof KernelDiedError) throw err;
        if (Date.now() > deadline) throw new Error(`kernel did not answer kernel_info_request within ${timeoutMs / 1000}s`);
      }
    }
    // Make sure iopub is subscribed before the first execute: wait for one status message after another kernel_info.
    await this.waitForIopub(deadline);
  }

  info: KernelInfoReplyContent = {};

  private async waitForIopub(deadline: number): Promise<void> {
    for (;;) {
      const seen = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => { this.listeners.delete(l); resolve(false); }, 500);
        const l = (msg: KernelMessage) => {
          if (msg.header.msg_type === 'status') { clearTimeout(timer); this.listeners.delete(l); resolve(true); }
        };
        this.listeners.add(l);
      });
      await this.request('shell', 'kernel_info_request', {}, 5000);
      if (await seen) return;
      if (Date.now() > deadline) throw new Error('kernel iopub channel never delivered a message');
    }
  }

  private async pump(socket: zmq.Dealer | zmq.Subscriber): Promise<void> {
    try {
      for await (const frames of socket) {
        let msg: KernelMessage;
        try {
          msg = decodeMessage(this.conn.key, frames as Buffer[]);
        } catch (err) {
          if (err instanceof SignatureError) { this.rejectedMessages++; continue; }
          throw err;
        }
        for (const l of [...this.listeners]) l(msg);
      }
    } catch (err) {
      if (!this.closed) throw err;
    }
  }

  /** Subscribe to every verified message from any channel. Returns the unsubscribe function. */
  onMessage(listener: (msg: KernelMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called once if the kernel process exits. Returns the unsubscribe function. */
  onExit(listener: (err: KernelDiedError) => void): () => void {
    if (this.exited) { listener(this.exited); return () => undefined; }
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  /** Sends a request and returns its msg_id without waiting. */
  send(channel: 'shell' | 'control', msgType: RequestType, content: unknown): string {
    const msgId = randomUUID();
    const msg: OutgoingMessage = {
      header: { msg_id: msgId, session: this.session, username: 'runner', date: new Date().toISOString(), msg_type: msgType, version: '5.3' },
      parent_header: {}, metadata: {}, content,
    };
    void (channel === 'shell' ? this.shell : this.control).send(encodeMessage(this.conn.key, msg));
    return msgId;
  }

  /** Sends a request and resolves with its reply (the message on shell/control whose parent is the request). */
  request(channel: 'shell' | 'control', msgType: RequestType, content: unknown, timeoutMs: number): Promise<KernelMessage> {
    return new Promise((resolve, reject) => {
      let msgId = '';
      const done = () => { clearTimeout(timer); off(); offExit(); };
      const timer = setTimeout(() => { done(); reject(new Error(`no reply to ${msgType} within ${timeoutMs} ms`)); }, timeoutMs);
      const replyType = msgType.replace(/_request$/, '_reply');
      const off = this.onMessage((msg) => {
        if (msg.parent_header.msg_id === msgId && msg.header.msg_type === replyType) { done(); resolve(msg); }
      });
      const offExit = this.onExit((err) => { done(); reject(err); });
      msgId = this.send(channel, msgType, content);
    });
  }

  /** Interrupts the running cell the way Jupyter does: SIGINT, or an interrupt_request for interrupt_mode "message". */
  interrupt(): void {
    if (this.spec.interrupt_mode === 'message') {
      if (!this.exited) this.send('control', 'interrupt_request', {});
      return;
    }
    if (this.proc.pid && !this.exited) {
      try { process.kill(this.proc.pid, 'SIGINT'); } catch { /* already gone */ }
    }
  }

  get hasExited(): boolean { return this.exited !== null; }

  /** Asks the kernel to shut down, then makes sure its whole process group is gone. Safe to call twice. */
  async shutdown(graceMs = 2000): Promise<void> {
    if (this.closed) return;
    if (!this.exited) {
      try { await this.request('control', 'shutdown_request', { restart: false }, graceMs); } catch { /* kill below */ }
    }
    this.kill();
    this.closed = true;
    this.shell.close(); this.control.close(); this.iopub.close();
    rmSync(this.tempDir, { recursive: true, force: true });
  }

  /** Synchronous hard stop of the kernel's process group (used on runner exit and timeouts). */
  kill(): void {
    this.signalGroup('SIGKILL');
  }

  /**
   * Stops the kernel and resolves once its process has exited and been reaped (Ctrl-C in the runner): SIGTERM to its
   * process group, SIGKILL after `graceMs`. A kernel started from the startup snapshot lives in a child of the process
   * the runner started (snapshot.cjs), in a group of its own: SIGTERM is passed on to it and that process waits for
   * it, so no kernel outlives the runner. A SIGKILL cannot be passed on: that kernel would end only when its watchdog
   * saw the launcher gone, as an orphan that init reaps when it gets to it (1.3-1.8 s measured here).
   */
  stop(graceMs = 3000): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.kill(), graceMs);
      this.onExit(() => {
        clearTimeout(timer);
        resolve();
      });
      this.signalGroup('SIGTERM');
    });
  }

  private signalGroup(signal: NodeJS.Signals): void {
    const pid = this.proc.pid;
    if (!pid) return;
    try { process.kill(-pid, signal); } catch { /* group already gone */ }
  }
}
