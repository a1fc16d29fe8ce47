// The kernel listens on loopback only, every kernel gets a fresh HMAC key, and wrongly signed messages are dropped.
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as zmq from 'zeromq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KernelClient } from '../../scripts/runner/kernel';
import { decodeMessage, encodeMessage, SignatureError } from '../../scripts/runner/wire';
import { processTree } from '../kernel/processes';

const header = (msg_type: string) => ({ msg_id: `id-${msg_type}-${Math.random()}`, session: 's', username: 'u', date: '', msg_type, version: '5.3' });

/** Ports the process listens on, with their local address, from /proc/<pid>/net/tcp (Linux). */
function listeningSockets(pid: number): { ip: string; port: number }[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try { const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`)); if (m) inodes.add(m[1]); } catch { /* closed meanwhile */ }
  }
  const out: { ip: string; port: number }[] = [];
  for (const table of ['tcp', 'tcp6']) {
    const file = `/proc/${pid}/net/${table}`;
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] !== '0A' || !inodes.has(cols[9])) continue; // 0A = LISTEN
      const [hexIp, hexPort] = cols[1].split(':');
      const ip = hexIp.length === 8 ? hexIp.match(/../g)!.reverse().map((b) => parseInt(b, 16)).join('.') : hexIp;
      out.push({ ip, port: parseInt(hexPort, 16) });
    }
  }
  return out;
}

describe('kernel security (real kernel)', () => {
  let a: KernelClient;
  let b: KernelClient;
  beforeAll(async () => { [a, b] = await Promise.all([KernelClient.start(), KernelClient.start()]); }, 60_000);
  afterAll(async () => { await Promise.all([a?.shutdown(), b?.shutdown()]); });

  it('listens only on 127.0.0.1, on the five ports of its connection file (the kernel process and any child of it)', () => {
    const socks = processTree(a.pid as number).flatMap(listeningSockets);
    const c = a.connection;
    expect(socks.map((s) => s.port).sort()).toEqual([c.shell_port, c.iopub_port, c.stdin_port, c.control_port, c.hb_port].sort());
    expect(socks.every((s) => s.ip === '127.0.0.1')).toBe(true);
  });

  it('gives every kernel a fresh 256-bit key', () => {
    expect(a.connection.key).toMatch(/^[0-9a-f]{64}$/);
    expect(a.connection.key).not.toBe(b.connection.key);
  });

  it('the kernel ignores an execute_request signed with the wrong key, and still obeys a correct one', async () => {
    const marker = path.join(tmpdir(), `mlin-forged-${process.pid}`);
    const forger = new zmq.Dealer({ linger: 0 });
    forger.connect(`tcp://127.0.0.1:${a.connection.shell_port}`);
    const content = { code: `require('fs').writeFileSync(${JSON.stringify(marker)}, 'pwned')`, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true };
    await forger.send(encodeMessage('0'.repeat(64), { header: header('execute_request'), parent_header: {}, metadata: {}, content }));
    await new Promise((r) => setTimeout(r, 1500));
    forger.close();
    expect(existsSync(marker)).toBe(false);
    const reply = await a.request('shell', 'execute_request', { ...content, code: '1 + 1' }, 20_000);
    expect((reply.content as { status: string }).status).toBe('ok');
  });

  it('the client rejects frames whose signature does not match', () => {
    const key = 'k'.repeat(64);
    const frames = encodeMessage(key, { header: header('status'), parent_header: {}, metadata: {}, content: { execution_state: 'idle' } });
    expect(decodeMessage(key, frames).header.msg_type).toBe('status');
    expect(() => decodeMessage('x'.repeat(64), frames)).toThrow(SignatureError);
    const tampered = [...frames];
    tampered[5] = Buffer.from(JSON.stringify({ execution_state: 'busy' }));
    expect(() => decodeMessage(key, tampered)).toThrow(/HMAC signature does not match/);
    expect(() => decodeMessage(key, frames.slice(0, 3))).toThrow(SignatureError);
  });
});
