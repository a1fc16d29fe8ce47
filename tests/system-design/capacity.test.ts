// Tests for lib/system-design/capacity: hand-computed cases for every calculator (exact or to 1e-12), the M/M/1 tail
// against a seeded discrete-event simulation of the queue (Lindley recursion, independent of the closed form; within 5%),
// Little's law against the same simulation's time-average number in system (within 5%), and error cases.
import { describe, expect, it } from 'vitest';
import {
  qpsFromDaily, peakQps, storageBytes, featureStoreBytes, latencyBudget, littlesLaw, mm1ResponseTimePercentile,
  replicasNeeded, replicasForTailLatency, monthlyCost, formatBytes,
} from '../../lib/system-design/capacity';
import { Rng } from '../../lib/core/random';

/** Simulates a FIFO single-server queue with Poisson arrivals and exponential service; returns response times. */
function simulateMm1(lambda: number, mu: number, n: number, seed: number): { response: Float64Array; arrivals: Float64Array } {
  const rng = new Rng(seed);
  const exp = (rate: number) => -Math.log(1 - rng.random()) / rate;
  const response = new Float64Array(n), arrivals = new Float64Array(n);
  let t = 0, prevDeparture = 0;
  for (let i = 0; i < n; i++) {
    t += exp(lambda);
    arrivals[i] = t;
    const start = Math.max(t, prevDeparture);
    prevDeparture = start + exp(mu);
    response[i] = prevDeparture - t;
  }
  return { response, arrivals };
}

describe('qps and peaks', () => {
  it('hand-computed: 864M requests/day is 10,000 QPS; peak factor 3 gives 30,000', () => {
    expect(qpsFromDaily(864e6)).toBe(10_000);
    expect(peakQps(10_000, 3)).toBe(30_000);
    expect(qpsFromDaily(0)).toBe(0);
  });
  it('rejects bad input', () => {
    expect(() => qpsFromDaily(-1)).toThrow(RangeError);
    expect(() => qpsFromDaily('5' as unknown as number)).toThrow(TypeError);
    expect(() => peakQps(10, 0.5)).toThrow(/peakFactor >= 1/);
  });
});

describe('storage and feature store', () => {
  it('hand-computed: 1e9 events of 200 B for 365 days, 3 copies = 219 TB', () => {
    expect(storageBytes({ recordsPerDay: 1e9, bytesPerRecord: 200 })).toBe(2e11);
    expect(storageBytes({ recordsPerDay: 1e9, bytesPerRecord: 200, days: 365, replication: 3 })).toBe(2.19e14);
  });
  it('hand-computed: 1e8 users x (200 float32 + 64 B key) x 2 = 172.8 GB', () => {
    expect(featureStoreBytes({ entities: 1e8, featuresPerEntity: 200, bytesPerFeature: 4, replication: 2 })).toBe(1e8 * 864 * 2);
    expect(featureStoreBytes({ entities: 10, featuresPerEntity: 3 })).toBe(10 * (24 + 64));
  });
  it('rejects bad input', () => {
    expect(() => storageBytes({ recordsPerDay: 10, bytesPerRecord: 1, replication: 0 })).toThrow(/replication >= 1/);
    expect(() => storageBytes({ recordsPerDay: 10, bytesPerRecord: 1, dayz: 3 } as never)).toThrow(/unknown option "dayz"/);
    expect(() => featureStoreBytes({ entities: 1.5, featuresPerEntity: 3 })).toThrow(RangeError);
    expect(() => featureStoreBytes({ featuresPerEntity: 3 } as never)).toThrow(TypeError);
  });
  it('formats bytes', () => {
    expect(formatBytes(2.19e14)).toBe('219 TB');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1.728e11)).toBe('173 GB');
  });
});

describe('latencyBudget', () => {
  it('sums the stages and returns the slack', () => {
    const b = latencyBudget(100, [{ name: 'features', ms: 15 }, { name: 'retrieval', ms: 20 }, { name: 'ranking', ms: 40 }]);
    expect(b.usedMs).toBe(75);
    expect(b.slackMs).toBe(25);
    expect(latencyBudget(10, [{ name: 'a', ms: 10 }]).slackMs).toBe(0);
  });
  it('rejects stages over budget, naming the largest', () => {
    expect(() => latencyBudget(50, [{ name: 'rank', ms: 40 }, { name: 'net', ms: 20 }])).toThrow(/sum to <= 50 ms, got 60 ms \(largest: rank 40 ms\)/);
    expect(() => latencyBudget(50, [])).toThrow(RangeError);
    expect(() => latencyBudget(50, [{ name: 'x', ms: -1 }])).toThrow(RangeError);
    expect(() => latencyBudget(50, [{ ms: 1 } as never])).toThrow(TypeError);
  });
});

describe('queueing', () => {
  it('M/M/1 percentile, hand-computed: lambda 60, mu 100 gives p99 = ln(100)/40 s', () => {
    expect(mm1ResponseTimePercentile(60, 100, 0.99)).toBeCloseTo(Math.log(100) / 40, 12);
    expect(mm1ResponseTimePercentile(0, 100, 0.5)).toBeCloseTo(Math.log(2) / 100, 12);
  });
  it('M/M/1 p50/p99 match a seeded discrete-event simulation within 5%; Little L = lambda W within 5%', () => {
    const lambda = 70, mu = 100, n = 200_000;
    const { response, arrivals } = simulateMm1(lambda, mu, n, 11);
    const sorted = Float64Array.from(response).sort();
    for (const p of [0.5, 0.95, 0.99]) {
      const sim = sorted[Math.ceil(p * n) - 1];
      expect(Math.abs(sim / mm1ResponseTimePercentile(lambda, mu, p) - 1)).toBeLessThan(0.05);
    }
    // time-average number in system = total time spent by all requests / horizon
    const total = response.reduce((s, v) => s + v, 0);
    const L = total / arrivals[n - 1];
    const W = total / n;
    expect(Math.abs(L / littlesLaw(lambda, W) - 1)).toBeLessThan(0.05);
    // and the simulated mean matches 1 / (mu - lambda)
    expect(Math.abs(W * (mu - lambda) - 1)).toBeLessThan(0.05);
  });
  it('rejects an overloaded queue and bad p', () => {
    expect(() => mm1ResponseTimePercentile(100, 100, 0.99)).toThrow(/utilisation lambda \/ mu < 1/);
    expect(() => mm1ResponseTimePercentile(10, 100, 1)).toThrow(RangeError);
    expect(() => littlesLaw(-1, 1)).toThrow(RangeError);
  });
});

describe('replicasNeeded', () => {
  it('hand-computed cases, ceil not round', () => {
    // 30,000 / (500 * 0.6) = 100 exactly
    expect(replicasNeeded(30_000, { perReplicaQps: 500 })).toBe(100);
    // 30,001 / 300 = 100.003 -> 101
    expect(replicasNeeded(30_001, { perReplicaQps: 500 })).toBe(101);
    // 100 / (50 * 0.4) = 5 despite float error; +2 spare
    expect(replicasNeeded(100, { perReplicaQps: 50, targetUtilization: 0.4, spare: 2 })).toBe(7);
    expect(replicasNeeded(0, { perReplicaQps: 50 })).toBe(1);
    expect(replicasNeeded(1, { perReplicaQps: 50, minReplicas: 3 })).toBe(3);
  });
  it('rejects bad input', () => {
    expect(() => replicasNeeded(10, { perReplicaQps: 0 })).toThrow(RangeError);
    expect(() => replicasNeeded(10, { perReplicaQps: 5, targetUtilization: 1 })).toThrow(/targetUtilization < 1/);
    expect(() => replicasNeeded(10, { perReplicaQps: 5, spare: 0.5 })).toThrow(RangeError);
  });
});

describe('replicasForTailLatency', () => {
  it('hand-computed: 1157.4 QPS, mu 250/s, p99 <= 25 ms needs 18 replicas', () => {
    // mu - lambda/n >= ln(100) / 0.025 = 184.2068 -> lambda/n <= 65.7932 -> n >= 17.59 -> 18
    expect(replicasForTailLatency(1157.4, 250, 0.025)).toBe(18);
    expect(mm1ResponseTimePercentile(1157.4 / 18, 250, 0.99)).toBeLessThanOrEqual(0.025);
    expect(mm1ResponseTimePercentile(1157.4 / 17, 250, 0.99)).toBeGreaterThan(0.025);
    expect(replicasForTailLatency(0, 250, 0.025)).toBe(1);
    // p50 target: ln 2 / (100 - 60) = 17.3 ms for one replica at 60/s
    expect(replicasForTailLatency(60, 100, Math.log(2) / 40, 0.5)).toBe(1);
  });
  it('is never smaller than the utilisation-free minimum and matches a brute-force search', () => {
    for (const [peak, mu, t] of [[5000, 120, 0.1], [30000, 800, 0.02], [77, 10, 1.5]] as const) {
      let n = 1;
      while (peak / n >= mu || mm1ResponseTimePercentile(peak / n, mu, 0.99) > t) n++;
      expect(replicasForTailLatency(peak, mu, t)).toBe(n);
    }
  });
  it('rejects a target the idle service time cannot meet', () => {
    expect(() => replicasForTailLatency(10, 100, 0.04)).toThrow(/expected a target above the idle p99/);
    expect(() => replicasForTailLatency(10, 100, 0.1, 1)).toThrow(RangeError);
  });
});

describe('monthlyCost', () => {
  it('hand-computed: 10 CPUs at $0.05/h and 2 GPUs at $1.20/h over 730.5 h', () => {
    const c = monthlyCost([{ name: 'cpu', units: 10, pricePerUnitHour: 0.05 }, { name: 'gpu', units: 2, pricePerUnitHour: 1.2 }]);
    expect(c.lines[0].monthly).toBeCloseTo(365.25, 9);
    expect(c.lines[1].monthly).toBeCloseTo(1753.2, 9);
    expect(c.total).toBeCloseTo(2118.45, 9);
    expect(monthlyCost([{ name: 'x', units: 1, pricePerUnitHour: 1 }], { hoursPerMonth: 720 }).total).toBe(720);
  });
  it('rejects bad input', () => {
    expect(() => monthlyCost([{ name: 'x', units: -1, pricePerUnitHour: 1 }])).toThrow(RangeError);
    expect(() => monthlyCost({} as never)).toThrow(TypeError);
    expect(() => monthlyCost([], { hoursPerMonth: 800 })).toThrow(RangeError);
  });
});
