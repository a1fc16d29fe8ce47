// Tests for lib/mlops/serve over real HTTP on 127.0.0.1: 200 predictions, 400 with clear messages for each kind of bad input,
// 404/405/413/415/500, health, stats, and that close() frees the port (a new connection is refused).
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPredictionServer, validateInstances, type PredictionServer } from '../../lib/mlops/serve';

let server: PredictionServer;

beforeAll(async () => {
  server = await startPredictionServer({
    features: ['a', 'b'],
    ranges: { b: [0, 100] },
    maxInstances: 3,
    maxBodyBytes: 1024,
    modelVersion: 'test-1',
    predict: (rows, n) => {
      if (rows[0] === 13) throw new Error('unlucky');
      return Array.from({ length: n }, (_, i) => rows[2 * i] + rows[2 * i + 1]);
    },
  });
});
afterAll(() => server.close());

async function call(pathname: string, init: { method?: string; body?: string; type?: string } = {}): Promise<{ status: number; body: { error?: string; predictions?: number[]; model?: string; status?: string } }> {
  const res = await fetch(server.url + pathname, {
    method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
    body: init.body,
    headers: init.body !== undefined ? { 'content-type': init.type ?? 'application/json' } : {},
  });
  return { status: res.status, body: (await res.json()) as { error?: string } };
}

describe('prediction server', () => {
  it('listens on 127.0.0.1 on an ephemeral port', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('predicts for arrays and for objects keyed by feature name', async () => {
    expect(await call('/predict', { body: JSON.stringify({ instances: [[1, 2], [3, 4]] }) })).toEqual({ status: 200, body: { model: 'test-1', predictions: [3, 7] } });
    expect((await call('/predict', { body: JSON.stringify({ instances: [{ b: 5, a: 1 }] }) })).body.predictions).toEqual([6]);
    expect(await call('/health')).toEqual({ status: 200, body: { status: 'ok', model: 'test-1' } });
  });

  it('answers bad input with 400 and a message that says what is wrong and where', async () => {
    const cases: [string, RegExp][] = [
      ['{"instances": [[1, 2]', /body is not valid JSON/],
      ['[[1, 2]]', /expected a JSON object \{"instances": \[\.\.\.\]\}, got an array/],
      ['{"rows": [[1, 2]]}', /unknown field "rows"/],
      ['{}', /expected "instances" to be an array, got nothing/],
      ['{"instances": []}', /expected 1 to 3 instances, got 0/],
      ['{"instances": [[1,2],[1,2],[1,2],[1,2]]}', /expected 1 to 3 instances, got 4/],
      ['{"instances": [[1, 2], [1]]}', /instance 1: expected 2 numbers \(a, b\), got 1/],
      ['{"instances": [[1, "x"]]}', /instance 0, feature "b": expected a finite number, got "x"/],
      ['{"instances": [[1, null]]}', /instance 0, feature "b": expected a finite number, got null/],
      ['{"instances": [[1, 1000]]}', /instance 0, feature "b": 1000 is outside the accepted range \[0, 100\]/],
      ['{"instances": [{"a": 1}]}', /instance 0: missing feature "b"/],
      ['{"instances": [{"a": 1, "b": 2, "c": 3}]}', /instance 0: unknown feature "c"/],
      ['{"instances": [5]}', /instance 0: expected an array of 2 numbers or an object/],
    ];
    for (const [body, message] of cases) {
      const r = await call('/predict', { body });
      expect(r.status, body).toBe(400);
      expect(r.body.error).toMatch(message);
    }
  });

  it('404, 405, 413, 415 and 500', async () => {
    expect((await call('/nope')).status).toBe(404);
    expect((await call('/predict')).status).toBe(405);
    expect((await call('/health', { method: 'DELETE' })).status).toBe(405);
    const big = JSON.stringify({ instances: [[1, 2]], pad: 'x'.repeat(5000) });
    const r413 = await call('/predict', { body: big });
    expect(r413.status).toBe(413);
    expect(r413.body.error).toMatch(/over the limit of 1024/);
    expect((await call('/predict', { body: 'a=1', type: 'text/plain' })).status).toBe(415);
    expect(await call('/predict', { body: '{"instances": [[13, 1]]}' })).toEqual({ status: 500, body: { error: 'prediction failed' } });
  });

  it('counts requests by outcome', () => {
    expect(server.stats.requests).toBe(server.stats.ok + server.stats.clientErrors + server.stats.serverErrors);
    expect(server.stats.serverErrors).toBe(1);
    expect(server.stats.clientErrors).toBeGreaterThanOrEqual(13);
  });

  it('close() frees the port, even with an idle keep-alive connection open, and can be called twice', async () => {
    const s = await startPredictionServer({ features: ['a'], predict: (_r, n) => new Array(n).fill(0) });
    const res = await fetch(`${s.url}/health`); // fetch keeps the connection alive
    expect(res.status).toBe(200);
    await res.text();
    await s.close();
    await s.close();
    const refused = await new Promise<boolean>((resolve) => {
      const sock = net.connect(s.port, '127.0.0.1');
      sock.once('connect', () => { sock.destroy(); resolve(false); });
      sock.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });

  it('validateInstances and the options are checked', async () => {
    expect(validateInstances({ instances: [[1, 2]] }, ['a', 'b'])).toEqual({ ok: true, rows: Float32Array.from([1, 2]), n: 1 });
    await expect(startPredictionServer({ features: [], predict: () => [] })).rejects.toThrow(TypeError);
    await expect(startPredictionServer({ features: ['a'], predict: () => [], maxInstances: 0 })).rejects.toThrow(RangeError);
  });
});
