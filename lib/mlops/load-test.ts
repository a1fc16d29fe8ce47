// A bounded-concurrency HTTP load generator for a local service: per-request latencies, status counts, throughput, and percentiles.
import http from 'node:http';
import { percentile, percentiles } from '../stats/percentile';

// The percentiles live in lib/stats/percentile.ts (no Node imports, so the browser's kata pages can bundle them).
export { percentile, percentiles };

export interface LoadTestOptions {
  /** Full URL, e.g. http://127.0.0.1:40123/predict. Only http:// is supported. */
  url: string;
  /** Total requests to send. */
  requests: number;
  /** Most requests in flight at once (also the number of keep-alive connections). */
  concurrency: number;
  /** Default 'POST' when a body is given, else 'GET'. */
  method?: string;
  /** Request body, or a function of the request index (for varied payloads). Sent as application/json. */
  body?: string | ((i: number) => string);
  /** Per-request timeout; a timed-out request counts as an error. Default 10,000 ms. */
  timeoutMs?: number;
}

export interface LoadTestResult {
  requests: number;
  concurrency: number;
  /** Latency of each request in ms (request start to last byte of the response), by request index; NaN for errors. */
  latenciesMs: Float64Array;
  /** HTTP status -> count; transport errors (refused, reset, timeout) under "error". */
  statusCounts: Record<string, number>;
  errors: number;
  /** Wall time of the whole run, ms. */
  wallMs: number;
  /** Completed requests per second. */
  throughput: number;
  /** Largest number of requests that were in flight at the same time (never above concurrency). */
  maxInFlight: number;
}

/** p50, p95, p99, mean and max of latencies (ms), NaN entries ignored. */
export function latencySummary(latenciesMs: ArrayLike<number>): { p50: number; p95: number; p99: number; mean: number; max: number } {
  const [p50, p95, p99, max] = percentiles(latenciesMs, [50, 95, 99, 100]);
  const ok = Array.from(latenciesMs).filter((v) => !Number.isNaN(v));
  return { p50, p95, p99, max, mean: ok.reduce((s, v) => s + v, 0) / ok.length };
}

/**
 * Sends `requests` requests with at most `concurrency` in flight (a fixed pool of workers, each sending its next
 * request when the previous one finished: a closed-loop load), over keep-alive connections that are destroyed
 * at the end, so nothing stays open. Never throws for failed requests: they are counted.
 */
export async function loadTest(options: LoadTestOptions): Promise<LoadTestResult> {
  const fn = 'loadTest';
  if (typeof options !== 'object' || options === null) throw new TypeError(`${fn}: expected an options object`);
  const target = new URL(options.url);
  if (target.protocol !== 'http:') throw new RangeError(`${fn}: only http:// URLs are supported, got ${target.protocol}`);
  const { requests, concurrency } = options;
  if (!Number.isInteger(requests) || requests < 1) throw new RangeError(`${fn}: expected requests >= 1, got requests = ${requests}`);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`${fn}: expected concurrency >= 1, got concurrency = ${concurrency}`);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const method = options.method ?? (options.body !== undefined ? 'POST' : 'GET');
  const bodyOf = typeof options.body === 'function' ? options.body : () => options.body as string | undefined;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latenciesMs = new Float64Array(requests).fill(NaN);
  const statusCounts: Record<string, number> = {};
  let next = 0, inFlight = 0, maxInFlight = 0, errors = 0;

  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const body = bodyOf(i);
      const start = process.hrtime.bigint();
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      let settled = false;
      const done = (status: string, ok: boolean) => {
        if (settled) return;
        settled = true;
        inFlight--;
        statusCounts[status] = (statusCounts[status] ?? 0) + 1;
        if (ok) latenciesMs[i] = Number(process.hrtime.bigint() - start) / 1e6;
        else errors++;
        resolve();
      };
      const req = http.request(target, { method, agent, headers: body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume(); // read and discard the body; latency ends at its last byte
        res.on('end', () => done(String(res.statusCode), true));
        res.on('error', () => done('error', false));
      });
      req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
      req.on('error', () => done('error', false));
      req.end(body);
    });

  const t0 = process.hrtime.bigint();
  const worker = async () => {
    while (next < requests) await one(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, worker));
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  agent.destroy();
  return { requests, concurrency, latenciesMs, statusCounts, errors, wallMs, throughput: ((requests - errors) / wallMs) * 1000, maxInFlight };
}
