// A tiny JSON prediction service on node:http: POST /predict with input validation (400 + a clear message), GET /health, bounded bodies, and a close() that frees the port.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PredictionServerOptions {
  /** Feature names, in the order the model expects. An instance is an array of that many numbers or an object with exactly these keys. */
  features: string[];
  /**
   * The model: `rows` is n x d row-major (d = features.length, already validated: finite numbers in range);
   * returns one JSON-serialisable prediction per row.
   */
  predict(rows: Float32Array, n: number): unknown[] | Promise<unknown[]>;
  /** Accepted [min, max] of a feature; values outside are rejected with 400 (a cheap guard against unit mix-ups and garbage). */
  ranges?: Record<string, [number, number]>;
  /** Most instances per request. Default 256. */
  maxInstances?: number;
  /** Largest request body in bytes; larger gets 413. Default 65536. */
  maxBodyBytes?: number;
  /** Host to bind. Default '127.0.0.1' (not reachable from other machines). */
  host?: string;
  /** Port; 0 (default) lets the OS pick a free ephemeral port. */
  port?: number;
  /** Reported by /health and in every prediction response. */
  modelVersion?: string;
}

export interface ServerStats {
  requests: number;
  ok: number;
  clientErrors: number;
  serverErrors: number;
}

export interface PredictionServer {
  host: string;
  port: number;
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  stats: ServerStats;
  /** Stops accepting connections, closes idle keep-alive connections, and resolves once the port is released. Idempotent. */
  close(): Promise<void>;
}

export type Validation = { ok: true; rows: Float32Array; n: number } | { ok: false; error: string };

/**
 * Checks a parsed request body {"instances": [...]}: 1..maxInstances instances, each an array of d finite numbers
 * or an object with exactly the feature names as keys, every value inside its range. The first problem found is
 * reported with its position, e.g. `instance 2, feature "Body Mass (g)": expected a finite number, got "heavy"`.
 */
export function validateInstances(body: unknown, features: string[], options: { maxInstances?: number; ranges?: Record<string, [number, number]> } = {}): Validation {
  const maxInstances = options.maxInstances ?? 256;
  const ranges = options.ranges ?? {};
  const d = features.length;
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? JSON.stringify(v) : typeof v);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, error: `expected a JSON object {"instances": [...]}, got ${kind(body)}` };
  const extra = Object.keys(body).filter((k) => k !== 'instances');
  if (extra.length > 0) return { ok: false, error: `unknown field ${JSON.stringify(extra[0])}; the body is {"instances": [...]}` };
  const instances = (body as { instances?: unknown }).instances;
  if (!Array.isArray(instances)) return { ok: false, error: `expected "instances" to be an array, got ${instances === undefined ? 'nothing' : kind(instances)}` };
  if (instances.length === 0 || instances.length > maxInstances) return { ok: false, error: `expected 1 to ${maxInstances} instances, got ${instances.length}` };
  const rows = new Float32Array(instances.length * d);
  for (let i = 0; i < instances.length; i++) {
    const inst: unknown = instances[i];
    let values: unknown[];
    if (Array.isArray(inst)) {
      if (inst.length !== d) return { ok: false, error: `instance ${i}: expected ${d} numbers (${features.join(', ')}), got ${inst.length}` };
      values = inst;
    } else if (typeof inst === 'object' && inst !== null) {
      const keys = Object.keys(inst);
      const unknown = keys.find((k) => !features.includes(k));
      if (unknown !== undefined) return { ok: false, error: `instance ${i}: unknown feature ${JSON.stringify(unknown)} (expected ${features.join(', ')})` };
      const missing = features.find((f) => !keys.includes(f));
      if (missing !== undefined) return { ok: false, error: `instance ${i}: missing feature ${JSON.stringify(missing)}` };
      values = features.map((f) => (inst as Record<string, unknown>)[f]);
    } else {
      return { ok: false, error: `instance ${i}: expected an array of ${d} numbers or an object keyed by feature name, got ${kind(inst)}` };
    }
    for (let j = 0; j < d; j++) {
      const v = values[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) return { ok: false, error: `instance ${i}, feature ${JSON.stringify(features[j])}: expected a finite number, got ${kind(v)}` };
      const r = ranges[features[j]];
      if (r && (v < r[0] || v > r[1])) return { ok: false, error: `instance ${i}, feature ${JSON.stringify(features[j])}: ${v} is outside the accepted range [${r[0]}, ${r[1]}]` };
      rows[i * d + j] = v;
    }
  }
  return { ok: true, rows, n: instances.length };
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * Starts the service and resolves once it listens.
 * - `POST /predict` with `{"instances": [[...], ...]}` -> 200 `{"model": version, "predictions": [...]}`
 * - bad JSON or invalid instances -> 400 `{"error": "..."}`; a non-JSON content type -> 415; a body over
 *   maxBodyBytes -> 413; another method -> 405; another path -> 404; the model throwing -> 500 (no details leak)
 * - `GET /health` -> 200 `{"status": "ok", "model": version}`
 */
export async function startPredictionServer(options: PredictionServerOptions): Promise<PredictionServer> {
  if (typeof options !== 'object' || options === null) throw new TypeError('startPredictionServer: expected an options object');
  const { features, predict } = options;
  if (!Array.isArray(features) || features.length === 0 || features.some((f) => typeof f !== 'string')) throw new TypeError('startPredictionServer: expected features to be a non-empty array of names');
  if (typeof predict !== 'function') throw new TypeError('startPredictionServer: expected a predict function');
  const maxInstances = options.maxInstances ?? 256;
  const maxBodyBytes = options.maxBodyBytes ?? 65536;
  if (!Number.isInteger(maxInstances) || maxInstances < 1) throw new RangeError(`startPredictionServer: expected maxInstances >= 1, got ${maxInstances}`);
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 16) throw new RangeError(`startPredictionServer: expected maxBodyBytes >= 16, got ${maxBodyBytes}`);
  const host = options.host ?? '127.0.0.1';
  const version = options.modelVersion ?? 'unversioned';
  const stats: ServerStats = { requests: 0, ok: 0, clientErrors: 0, serverErrors: 0 };

  const server = http.createServer((req, res) => {
    stats.requests++;
    res.on('finish', () => {
      if (res.statusCode < 400) stats.ok++;
      else if (res.statusCode < 500) stats.clientErrors++;
      else stats.serverErrors++;
    });
    const url = (req.url ?? '/').split('?')[0];
    if (url === '/health') {
      if (req.method !== 'GET') return send(res, 405, { error: `method ${req.method} not allowed on /health; use GET` }, { allow: 'GET' });
      return send(res, 200, { status: 'ok', model: version });
    }
    if (url !== '/predict') return send(res, 404, { error: `no route ${req.method} ${url}; use POST /predict or GET /health` });
    if (req.method !== 'POST') return send(res, 405, { error: `method ${req.method} not allowed on /predict; use POST` }, { allow: 'POST' });
    const type = req.headers['content-type'];
    if (type !== undefined && !/^application\/json\b/i.test(type)) return send(res, 415, { error: `expected content-type application/json, got ${type}` });
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBodyBytes) {
      send(res, 413, { error: `request body of ${declared} bytes is over the limit of ${maxBodyBytes}` }, { connection: 'close' });
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0, tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > maxBodyBytes) {
        tooLarge = true;
        send(res, 413, { error: `request body is over the limit of ${maxBodyBytes} bytes` }, { connection: 'close' });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) return;
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (err) {
        return send(res, 400, { error: `body is not valid JSON: ${(err as Error).message}` });
      }
      const v = validateInstances(body, features, { maxInstances, ranges: options.ranges });
      if (v.ok === false) return send(res, 400, { error: v.error }); // "=== false" narrows without strictNullChecks too (tslab compiles lib/ non-strict)
      Promise.resolve()
        .then(() => predict(v.rows, v.n))
        .then((predictions) => {
          if (!Array.isArray(predictions) || predictions.length !== v.n) throw new Error(`predict returned ${Array.isArray(predictions) ? predictions.length : typeof predictions} predictions for ${v.n} instances`);
          send(res, 200, { model: version, predictions });
        })
        .catch(() => send(res, 500, { error: 'prediction failed' }));
    });
    req.on('error', () => res.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | null = null;
  return {
    host,
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    stats,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        // Connections still busy finish their response; anything left after a grace period is cut.
        const timer = setTimeout(() => server.closeAllConnections(), 1000);
        timer.unref();
        server.close((err) => {
          clearTimeout(timer);
          if (err) reject(err);
          else resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
