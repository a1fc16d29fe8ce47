// Tests for lib/mlops/load-test: percentiles by hand (numpy's linear rule, 1e-12), and a real local load run: every request answered,
// never more than `concurrency` in flight at the server, transport errors counted rather than thrown.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { latencySummary, loadTest, percentile, percentiles } from '../../lib/mlops/load-test';

describe('percentiles', () => {
  it('by hand (rank (p/100)(n-1), linear interpolation)', () => {
    const v = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    // sorted 1..10: p95 at rank 8.55 -> 9 + 0.55 (10 - 9); p99 at rank 8.91 -> 9.91
    const [p0, p100] = percentiles(v, [0, 100]);
    expect([p0, p100]).toEqual([1, 10]);
    expect(percentile(v, 50)).toBeCloseTo(5.5, 12);
    expect(percentile(v, 95)).toBeCloseTo(9.55, 12);
    expect(percentile(v, 99)).toBeCloseTo(9.91, 12);
    expect(percentile([3], 99)).toBe(3);
    expect(percentile([1, Number.NaN, 3], 50)).toBe(2);
    const s = latencySummary([1, 2, 3, 4]);
    expect(s.p50).toBeCloseTo(2.5, 12);
    expect(s.mean).toBeCloseTo(2.5, 12);
    expect(s.max).toBe(4);
  });
  it('rejects bad input', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(/0 <= p <= 100/);
    expect(() => percentile(null as unknown as number[], 50)).toThrow(TypeError);
  });
});

describe('loadTest', () => {
  it('keeps at most `concurrency` requests in flight and answers all of them', async () => {
    let active = 0, maxActive = 0, served = 0;
    const server = http.createServer((req, res) => {
      active++;
      maxActive = Math.max(maxActive, active);
      req.resume();
      req.on('end', () => setTimeout(() => { active--; served++; res.end('{"ok":true}'); }, 5));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const result = await loadTest({ url: `http://127.0.0.1:${port}/x`, requests: 60, concurrency: 4, body: (i) => JSON.stringify({ i }) });
    await new Promise<void>((r) => server.close(() => r()));
    expect(result.statusCounts).toEqual({ 200: 60 });
    expect(result.errors).toBe(0);
    expect(served).toBe(60);
    expect(maxActive).toBe(4);
    expect(result.maxInFlight).toBe(4);
    expect(Array.from(result.latenciesMs).every((v) => v >= 4)).toBe(true); // each waited about 5 ms at the server
    expect(result.throughput).toBeGreaterThan(0);
  });

  it('counts refused connections as errors', async () => {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const result = await loadTest({ url: `http://127.0.0.1:${port}/`, requests: 5, concurrency: 2 });
    expect(result.errors).toBe(5);
    expect(result.statusCounts).toEqual({ error: 5 });
    expect(Array.from(result.latenciesMs).every(Number.isNaN)).toBe(true);
  });

  it('rejects bad options', async () => {
    await expect(loadTest({ url: 'https://example.com', requests: 1, concurrency: 1 })).rejects.toThrow(/only http/);
    await expect(loadTest({ url: 'http://127.0.0.1:1/', requests: 0, concurrency: 1 })).rejects.toThrow(RangeError);
    await expect(loadTest({ url: 'http://127.0.0.1:1/', requests: 1, concurrency: 0 })).rejects.toThrow(RangeError);
  });
});
