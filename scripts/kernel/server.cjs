// The kernel's Jupyter protocol side (messages, queue, errors, results, history) around tslab's compiler and executor.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');

const PROTOCOL_VERSION = '5.3';
const DELIM = Buffer.from('<IDS|MSG>');

/** One signed Jupyter message (wire format: identities, <IDS|MSG>, hmac, header, parent, metadata, content, buffers). */
class Message {
  constructor(identities, header, parent, metadata, content, buffers = []) {
    Object.assign(this, { identities, header, parent, metadata, content, buffers });
  }

  /** Parses frames; returns null (and says why) when the message is malformed or its HMAC does not verify. */
  static parse(key, frames, warn) {
    const at = frames.findIndex((f) => f.equals(DELIM));
    if (at < 0 || frames.length < at + 6) { warn('dropped a malformed message (no <IDS|MSG> delimiter or too few frames)'); return null; }
    const parts = frames.slice(at + 2, at + 6);
    const expected = Buffer.from(sign(key, parts));
    const got = frames[at + 1];
    if (got.length !== expected.length || !crypto.timingSafeEqual(got, expected)) { warn('dropped a message whose HMAC signature does not match'); return null; }
    try {
      const [header, parent, metadata, content] = parts.map((p) => JSON.parse(p.toString('utf8')));
      return new Message(frames.slice(0, at), header, parent, metadata, content, frames.slice(at + 6));
    } catch (err) {
      warn(`dropped a message that is not JSON: ${err.message}`);
      return null;
    }
  }

  /** A message whose parent is this one (a reply or an iopub message about it). */
  child(msgType, content, metadata = {}) {
    const header = {
      msg_id: crypto.randomUUID(), username: this.header.username ?? 'kernel', session: SESSION,
      date: new Date().toISOString(), msg_type: msgType, version: PROTOCOL_VERSION,
    };
    return new Message(this.identities, header, this.header, metadata, content);
  }

  frames(key) {
    const bodies = [this.header, this.parent, this.metadata, this.content].map((p) => Buffer.from(JSON.stringify(p)));
    return [...this.identities, DELIM, Buffer.from(sign(key, bodies)), ...bodies];
  }
}

const SESSION = crypto.randomUUID();

function sign(key, parts) {
  const hmac = crypto.createHmac('sha256', key);
  for (const p of parts) hmac.update(p);
  return hmac.digest('hex');
}

const nextTick = () => new Promise((resolve) => setImmediate(resolve));

/** First line of a diagnostic chain, as tsc prints it. */
function diagnosticText(d) {
  return typeof d.messageText === 'string' ? d.messageText : String(d.messageText);
}

/** Source excerpt with a caret under `column` (1-based), as Python's tracebacks show the failing line. */
function excerpt(lines, line, column) {
  const text = lines[line - 1];
  if (text === undefined) return '';
  const caret = column ? `\n    ${' '.repeat(Math.max(0, column - 1))}^` : '';
  return `    ${text}${caret}`;
}

/**
 * Finds the cell line that a line of the cell's compiled JavaScript came from. TypeScript's emit keeps statements but
 * not line numbers; the JavaScript line (without the `exports.` prefix tslab adds to names of earlier cells) is looked
 * up in the source, first as a whole, then by the most shared words.
 */
function sourceLineOf(jsLine, sourceLines) {
  const norm = (s) => s.replace(/\bexports\./g, '').replace(/\s+/g, ' ').replace(/[;,]\s*$/, '').trim();
  const target = norm(jsLine);
  if (!target) return undefined;
  const exact = sourceLines.findIndex((l) => { const n = norm(l); return n !== '' && (n.includes(target) || target.includes(n) && n.length > 3); });
  if (exact >= 0) return exact + 1;
  const words = new Set(target.match(/[A-Za-z_$][\w$]*|\d+(?:\.\d+)?/g) ?? []);
  let best = 0;
  let bestLine;
  sourceLines.forEach((l, i) => {
    const shared = new Set((l.match(/[A-Za-z_$][\w$]*|\d+(?:\.\d+)?/g) ?? []).filter((w) => words.has(w))).size;
    if (shared > best) { best = shared; bestLine = i + 1; }
  });
  return best >= 2 ? bestLine : undefined;
}

/**
 * The kernel: binds the five sockets of the connection file and answers the Jupyter messaging protocol 5.3 with tslab
 * (the patched converter and its executor) doing the compiling and running.
 */
class KernelServer {
  /**
   * @param {object} o
   * @param {string} o.connectionFile
   * @param {object} o.executor tslab's executor (execute/inspect/complete/interrupt/close)
   * @param {object} o.handler tslab's JupyterHandlerImpl (used for complete, inspect and is_complete)
   * @param {object} o.capture filled by the launcher's console and converter hooks while a cell runs
   * @param {object} o.tslabJupyter tslab's dist/jupyter module (its lastWriteDisplayData serves tslab.display)
   * @param {object} o.info kernel_info_reply content
   * @param {object} o.ts tslab's TypeScript
   */
  constructor(o) {
    Object.assign(this, o);
    this.key = '';
    this.executionCount = 0;
    this.queue = [];
    this.running = false;
    this.history = [];
    this.closed = false;
    this.realStderrWrite = process.stderr.write.bind(process.stderr);
  }

  warn(text) {
    this.realStderrWrite(`[kernel] ${text}\n`);
  }

  async start() {
    const conn = JSON.parse(fs.readFileSync(this.connectionFile, 'utf8'));
    this.conn = conn;
    this.key = conn.key ?? '';
    if (conn.signature_scheme && conn.signature_scheme !== 'hmac-sha256') throw new Error(`unsupported signature_scheme ${conn.signature_scheme}`);
    const zmq = require('zeromq');
    this.iopub = new zmq.Publisher({ linger: 0 });
    this.shell = new zmq.Router({ linger: 0 });
    this.control = new zmq.Router({ linger: 0 });
    this.stdin = new zmq.Router({ linger: 0 });
    this.hb = new zmq.Reply({ linger: 0 });
    const url = (port) => `${conn.transport}://${conn.ip}:${port}`;
    await Promise.all([
      this.iopub.bind(url(conn.iopub_port)), this.shell.bind(url(conn.shell_port)), this.control.bind(url(conn.control_port)),
      this.stdin.bind(url(conn.stdin_port)), this.hb.bind(url(conn.hb_port)),
    ]);
    void this.receiveLoop(this.shell, 'shell');
    void this.receiveLoop(this.control, 'control');
    void this.heartbeat();
  }

  async heartbeat() {
    try {
      for await (const frames of this.hb) await this.hb.send(frames);
    } catch (err) {
      if (!this.closed) this.warn(`heartbeat stopped: ${err.message}`);
    }
  }

  async receiveLoop(sock, channel) {
    for (;;) {
      let frames;
      try {
        frames = await sock.receive();
      } catch (err) {
        if (this.closed) return;
        this.warn(`${channel} socket failed: ${err.message}`);
        return;
      }
      const msg = Message.parse(this.key, frames, (t) => this.warn(`${channel}: ${t}`));
      if (msg) this.dispatch(sock, channel, msg);
    }
  }

  /**
   * A zeromq socket takes one send at a time: a second send while the first is in flight throws EBUSY (synchronously),
   * which killed the kernel when a cell's output and a status message met. Sends are queued per socket, in order.
   */
  send(sock, msg) {
    if (this.closed) return;
    const frames = msg.frames(this.key);
    const queues = this.sendQueues || (this.sendQueues = new Map());
    const next = (queues.get(sock) || Promise.resolve())
      .then(() => (this.closed ? undefined : sock.send(frames)))
      .catch((err) => { if (!this.closed) this.warn(`send failed: ${err.message}`); });
    queues.set(sock, next);
  }

  publish(parent, msgType, content) {
    this.send(this.iopub, parent.child(msgType, content));
  }

  status(parent, state) {
    this.publish(parent, 'status', { execution_state: state });
  }

  reply(sock, parent, msgType, content) {
    this.send(sock, parent.child(msgType, content));
  }

  /** Execute requests wait in one queue; every other request is answered at once (as tslab did), busy/idle around it. */
  dispatch(sock, channel, msg) {
    const type = msg.header.msg_type;
    if (type === 'execute_request' && channel === 'shell') {
      this.queue.push({ sock, msg, abort: false });
      void this.drainQueue();
      return;
    }
    this.status(msg, 'busy');
    try {
      this.handleRequest(sock, msg);
    } catch (err) {
      this.warn(`${type} failed: ${err.stack ?? err}`);
      const replyType = type.replace(/_request$/, '_reply');
      if (replyType !== type) this.reply(sock, msg, replyType, { status: 'error', ename: err.name ?? 'Error', evalue: String(err.message ?? err), traceback: [] });
    } finally {
      this.status(msg, 'idle');
    }
  }

  handleRequest(sock, msg) {
    const c = msg.content ?? {};
    switch (msg.header.msg_type) {
      case 'kernel_info_request':
        return this.reply(sock, msg, 'kernel_info_reply', this.info);
      case 'is_complete_request':
        return this.reply(sock, msg, 'is_complete_reply', this.isComplete(String(c.code ?? '')));
      case 'inspect_request':
        return this.reply(sock, msg, 'inspect_reply', this.handler.handleInspect(c));
      case 'complete_request':
        return this.reply(sock, msg, 'complete_reply', this.handler.handleComplete(c));
      case 'comm_info_request':
        return this.reply(sock, msg, 'comm_info_reply', { status: 'ok', comms: {} });
      case 'history_request':
        return this.reply(sock, msg, 'history_reply', { status: 'ok', history: this.historyFor(c) });
      case 'interrupt_request':
        this.executor.interrupt();
        return this.reply(sock, msg, 'interrupt_reply', { status: 'ok' });
      case 'shutdown_request':
        this.reply(sock, msg, 'shutdown_reply', { status: 'ok', restart: Boolean(c.restart) });
        // Let the reply and the idle status leave before the sockets close.
        setTimeout(() => this.close(), 50);
        return undefined;
      default:
        this.warn(`unknown message type ${msg.header.msg_type}`);
        return undefined;
    }
  }

  /** tslab knows complete/incomplete; code with any other syntax error is "invalid" (the protocol's third answer). */
  isComplete(code) {
    const r = this.handler.handleIsComplete({ code });
    if (r.status !== 'complete') return r;
    const sf = this.ts.createSourceFile('cell.ts', code, this.ts.ScriptTarget.Latest, false, this.ts.ScriptKind.TS);
    return sf.parseDiagnostics && sf.parseDiagnostics.length > 0 ? { status: 'invalid' } : { status: 'complete' };
  }

  /** History of this session: [session, line, input] or [session, line, [input, output]]; tail, range and search. */
  historyFor(c) {
    const entry = (h) => [1, h.line, c.output ? [h.input, h.output] : h.input];
    const type = c.hist_access_type;
    let items = this.history;
    if (type === 'range') {
      if (c.session !== undefined && c.session !== 0 && c.session !== 1) return [];
      const start = Number(c.start ?? 1);
      const stop = c.stop === undefined || c.stop === null ? Infinity : Number(c.stop);
      items = items.filter((h) => h.line >= start && h.line < stop);
    } else if (type === 'search') {
      const glob = String(c.pattern ?? '*');
      const re = new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
      items = items.filter((h) => re.test(h.input));
      if (c.unique) {
        const seen = new Set();
        items = items.slice().reverse().filter((h) => (seen.has(h.input) ? false : (seen.add(h.input), true))).reverse();
      }
      if (c.n) items = items.slice(-Number(c.n));
    } else if (type === 'tail') {
      if (c.n) items = items.slice(-Number(c.n));
    } else {
      return [];
    }
    return items.map(entry);
  }

  async drainQueue() {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0 && !this.closed) {
        const item = this.queue.shift();
        if (item.abort) this.abortReply(item);
        else await this.execute(item);
      }
    } finally {
      this.running = false;
    }
  }

  /** As ipykernel: an aborted request gets busy, an execute_reply with status "aborted", idle; no count, no input. */
  abortReply({ sock, msg }) {
    this.status(msg, 'busy');
    this.reply(sock, msg, 'execute_reply', { status: 'aborted', execution_count: null });
    this.status(msg, 'idle');
  }

  /**
   * After a failed execute_request with stop_on_error, ipykernel aborts the requests already waiting (it flushes the
   * shell socket first, so requests sent before the failure but not yet read count too) and then stops aborting. Here:
   * read everything the shell socket holds, then mark every queued execute_request aborted. No timing window.
   */
  async abortWaiting() {
    for (let i = 0; i < 1000 && this.shell.readable; i++) await nextTick();
    await nextTick();
    for (const item of this.queue) item.abort = true;
  }

  installWriters(msg) {
    const makeWrite = (name) => (chunk, encoding, cb) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (text.length > 0) this.publish(msg, 'stream', { name, text });
      const done = typeof encoding === 'function' ? encoding : cb;
      if (typeof done === 'function') done();
      return true;
    };
    // Output that arrives after the cell finished (timers, promises) still goes to the cell that started last, as
    // Python kernels do.
    process.stdout.write = makeWrite('stdout');
    process.stderr.write = makeWrite('stderr');
    this.tslabJupyter.lastWriteDisplayData = (data, update) => {
      this.publish(msg, update ? 'update_display_data' : 'display_data', { data: data.data ?? {}, metadata: data.metadata ?? {}, transient: data.transient ?? {} });
    };
  }

  async execute({ sock, msg }) {
    const c = msg.content ?? {};
    const code = String(c.code ?? '');
    const silent = Boolean(c.silent);
    const storeHistory = c.store_history === undefined ? !silent : Boolean(c.store_history) && !silent;
    const stopOnError = c.stop_on_error === undefined ? true : Boolean(c.stop_on_error);
    this.status(msg, 'busy');
    if (storeHistory) this.executionCount++;
    const count = this.executionCount;
    if (!silent) this.publish(msg, 'execute_input', { code, execution_count: count });
    this.installWriters(msg);
    const outcome = await this.runCell(code, count);
    let replyContent;
    let output = null;
    if (outcome.status === 'ok') {
      if (outcome.hasValue && !silent) {
        const text = util.inspect(outcome.value);
        output = text;
        this.publish(msg, 'execute_result', { execution_count: count, data: { 'text/plain': text }, metadata: {} });
      }
      replyContent = { status: 'ok', execution_count: count, payload: [], user_expressions: {} };
    } else {
      const { ename, evalue, traceback } = outcome;
      this.publish(msg, 'error', { ename, evalue, traceback });
      replyContent = { status: 'error', execution_count: count, ename, evalue, traceback };
    }
    if (storeHistory) this.history.push({ line: count, input: code, output });
    this.reply(sock, msg, 'execute_reply', replyContent);
    if (outcome.status !== 'ok' && stopOnError && !silent) await this.abortWaiting();
    this.status(msg, 'idle');
  }

  /** Runs one cell through tslab's executor and turns what its hooks saw into ok (+ value) or an error. */
  async runCell(code, count) {
    const cap = this.capture;
    cap.reset();
    let ok;
    try {
      ok = await this.executor.execute(code);
    } catch (err) {
      // tslab's own failure (a compiler crash): still an error message, never a silent hang.
      cap.thrown = err; cap.hasThrown = true; ok = false;
    }
    if (ok) return { status: 'ok', hasValue: cap.hasValue, value: cap.value };
    const lines = code.split('\n');
    if (!cap.hasThrown && cap.diagnostics && cap.diagnostics.length > 0) return this.typeError(cap.diagnostics, lines, count);
    if (cap.hasThrown) return this.runtimeError(cap.thrown, lines, count, cap.output);
    return { status: 'error', ename: 'Error', evalue: 'the cell failed without an error (tslab reported no diagnostics and no exception)', traceback: [] };
  }

  typeError(diagnostics, lines, count) {
    const d0 = diagnostics[0];
    const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more type error${diagnostics.length > 2 ? 's' : ''})` : '';
    // Heading first, as a JavaScript stack reads; then every diagnostic with its place, as tsc prints them.
    const traceback = [`TS${d0.code}: ${diagnosticText(d0)}${more}`];
    for (const d of diagnostics) {
      const where = d.fileName ? `${d.fileName}, line ${d.start.line + 1}` : `Cell In[${count}], line ${d.start.line + 1}`;
      traceback.push(`${where}, column ${d.start.character + 1}: error TS${d.code}: ${diagnosticText(d)}`);
      if (!d.fileName) { const ex = excerpt(lines, d.start.line + 1, d.start.character + 1); if (ex) traceback.push(ex); }
    }
    return { status: 'error', ename: `TS${d0.code}`, evalue: diagnosticText(d0) + more, traceback };
  }

  runtimeError(thrown, lines, count, jsOutput) {
    if (!(thrown instanceof Error) && !(thrown && typeof thrown === 'object' && 'stack' in thrown)) {
      const evalue = util.inspect(thrown);
      return { status: 'error', ename: 'Uncaught', evalue, traceback: [`Uncaught ${evalue}`] };
    }
    const ctorName = thrown.constructor && thrown.constructor.name;
    const ename = thrown.name && thrown.name !== 'Error' ? String(thrown.name) : ctorName && ctorName !== 'Object' ? ctorName : 'Error';
    const evalue = String(thrown.message ?? '');
    const jsLines = typeof jsOutput === 'string' ? jsOutput.split('\n') : [];
    const frames = [];
    let cellLine;
    for (const raw of String(thrown.stack ?? '').split('\n')) {
      const m = /^\s+at (.*)$/.exec(raw);
      if (!m) continue;
      const frame = m[1];
      const inCell = /evalmachine\.<anonymous>:(\d+)(?::\d+)?/.exec(frame);
      if (inCell) {
        const line = sourceLineOf(jsLines[Number(inCell[1]) - 1] ?? '', lines);
        if (cellLine === undefined) cellLine = line;
        frames.push(`    at Cell In[${count}]${line ? `, line ${line}` : ''}`);
        // Frames below the cell are tslab's executor and Node's internals.
        break;
      }
      // tslab's executor, this kernel's own files and Node's internals are not the user's code.
      if (/node:internal|\/tslab\/dist\/|\(node:vm|^node:vm/.test(frame) || frame.includes(__dirname)) continue;
      frames.push(`    at ${this.relativePaths(frame)}`);
    }
    const traceback = [`${ename}: ${evalue}`, ...frames];
    if (cellLine) traceback.push(`Cell In[${count}], line ${cellLine}`, excerpt(lines, cellLine));
    return { status: 'error', ename, evalue, traceback };
  }

  /** Absolute paths in stack frames, shown relative to the notebook's folder (deterministic, no home folder). */
  relativePaths(frame) {
    return frame.replace(/(\(|^)(\/[^():]+)(?=:\d)/g, (_, open, file) => open + path.relative(process.cwd(), file).split(path.sep).join('/'));
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    try { this.executor.close(); } catch { /* best effort */ }
    for (const s of [this.iopub, this.shell, this.control, this.stdin, this.hb]) { try { s.close(); } catch { /* already closed */ } }
    // Timers or servers a cell left behind must not keep a shut-down kernel alive.
    setTimeout(() => process.exit(0), 100).unref();
  }
}

module.exports = { KernelServer, Message, sourceLineOf, PROTOCOL_VERSION };
