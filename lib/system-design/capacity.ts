// Back-of-the-envelope capacity calculators for ML system design: QPS, peaks, storage, feature-store size, latency budgets, Little's law, M/M/1 tail latency, replicas and monthly cost.
import { checkInt, checkReal, withDefaults } from '../data/check';

export const SECONDS_PER_DAY = 86_400;
/** Hours in an average month (365.25 * 24 / 12 = 730.5), the usual cloud-billing month. */
export const HOURS_PER_MONTH = 730.5;

/** Average requests per second from requests per day: daily / 86,400. */
export function qpsFromDaily(dailyRequests: number): number {
  checkReal('qpsFromDaily', 'dailyRequests', dailyRequests, { min: 0 });
  return dailyRequests / SECONDS_PER_DAY;
}

/** Peak QPS = average QPS times the peak-to-average factor (>= 1; 2-3 for daily cycles, 10+ for events). */
export function peakQps(averageQps: number, peakFactor: number): number {
  checkReal('peakQps', 'averageQps', averageQps, { min: 0 });
  checkReal('peakQps', 'peakFactor', peakFactor, { min: 1 });
  return averageQps * peakFactor;
}

export interface StorageOptions {
  /** Records written per day. */
  recordsPerDay: number;
  /** Bytes per record (after serialisation, before replication). */
  bytesPerRecord: number;
  /** Days kept. Default 1 (bytes per day). */
  days: number;
  /** Copies kept (replication factor). Default 1. */
  replication: number;
}
export const storageDefaults: Readonly<Omit<StorageOptions, 'recordsPerDay' | 'bytesPerRecord'>> = { days: 1, replication: 1 };

/** Bytes stored = records/day * bytes/record * days * replication. */
export function storageBytes(options: Partial<StorageOptions> & Pick<StorageOptions, 'recordsPerDay' | 'bytesPerRecord'>): number {
  const fn = 'storageBytes';
  const o = withDefaults(fn, options, { ...storageDefaults, recordsPerDay: NaN, bytesPerRecord: NaN });
  checkReal(fn, 'recordsPerDay', o.recordsPerDay, { min: 0 });
  checkReal(fn, 'bytesPerRecord', o.bytesPerRecord, { min: 0 });
  checkReal(fn, 'days', o.days, { min: 0 });
  checkInt(fn, 'replication', o.replication, 1);
  return o.recordsPerDay * o.bytesPerRecord * o.days * o.replication;
}

export interface FeatureStoreOptions {
  /** Entities keyed in the online store (users, cards, items). */
  entities: number;
  /** Feature values per entity. */
  featuresPerEntity: number;
  /** Bytes per feature value (8 for a float64, 4 for float32). Default 8. */
  bytesPerFeature: number;
  /** Bytes of key and per-row overhead per entity. Default 64. */
  keyBytes: number;
  /** Copies kept (replication factor). Default 1. */
  replication: number;
}
export const featureStoreDefaults: Readonly<Omit<FeatureStoreOptions, 'entities' | 'featuresPerEntity'>> = { bytesPerFeature: 8, keyBytes: 64, replication: 1 };

/** Online feature-store size = entities * (features * bytes/feature + key bytes) * replication. */
export function featureStoreBytes(options: Partial<FeatureStoreOptions> & Pick<FeatureStoreOptions, 'entities' | 'featuresPerEntity'>): number {
  const fn = 'featureStoreBytes';
  const o = withDefaults(fn, options, { ...featureStoreDefaults, entities: NaN, featuresPerEntity: NaN });
  checkInt(fn, 'entities', o.entities, 0);
  checkInt(fn, 'featuresPerEntity', o.featuresPerEntity, 0);
  checkReal(fn, 'bytesPerFeature', o.bytesPerFeature, { min: 0 });
  checkReal(fn, 'keyBytes', o.keyBytes, { min: 0 });
  checkInt(fn, 'replication', o.replication, 1);
  return o.entities * (o.featuresPerEntity * o.bytesPerFeature + o.keyBytes) * o.replication;
}

export interface LatencyStage { name: string; ms: number }
export interface LatencyBudget {
  stages: LatencyStage[];
  /** Sum of the stage latencies, ms. */
  usedMs: number;
  /** budget - used, ms (>= 0). */
  slackMs: number;
  budgetMs: number;
}

/**
 * Checks that sequential stages fit a latency budget and returns their sum and the slack.
 * @throws RangeError when the stages sum to more than the budget, naming the total and the largest stage
 */
export function latencyBudget(budgetMs: number, stages: readonly LatencyStage[]): LatencyBudget {
  const fn = 'latencyBudget';
  checkReal(fn, 'budgetMs', budgetMs, { min: 0, open: true });
  if (!Array.isArray(stages)) throw new TypeError(`${fn}: expected stages to be an array of { name, ms }, got ${typeof stages}`);
  if (stages.length === 0) throw new RangeError(`${fn}: expected at least 1 stage, got 0`);
  let used = 0;
  const copy: LatencyStage[] = [];
  for (let i = 0; i < stages.length; i++) {
    const s = stages[i];
    if (typeof s !== 'object' || s === null || typeof s.name !== 'string') throw new TypeError(`${fn}: expected stages[${i}] to be { name: string, ms: number }`);
    checkReal(fn, `stages[${i}].ms`, s.ms, { min: 0 });
    used += s.ms;
    copy.push({ name: s.name, ms: s.ms });
  }
  if (used > budgetMs + 1e-9) {
    const worst = copy.reduce((a, b) => (b.ms > a.ms ? b : a));
    throw new RangeError(`${fn}: expected stages to sum to <= ${budgetMs} ms, got ${used} ms (largest: ${worst.name} ${worst.ms} ms)`);
  }
  return { stages: copy, usedMs: used, slackMs: budgetMs - used, budgetMs };
}

/** Little's law L = lambda W: requests in flight from the arrival rate (per s) and the time each spends in the system (s). */
export function littlesLaw(arrivalRatePerS: number, latencyS: number): number {
  checkReal('littlesLaw', 'arrivalRatePerS', arrivalRatePerS, { min: 0 });
  checkReal('littlesLaw', 'latencyS', latencyS, { min: 0 });
  return arrivalRatePerS * latencyS;
}

/**
 * Percentile of the response time (wait + service) of an M/M/1 queue: Poisson arrivals at rate lambda, exponential
 * service at rate mu > lambda. The response time is exponential with rate mu - lambda, so t_p = -ln(1 - p) / (mu - lambda);
 * the p99 is ln(100) / (mu - lambda) = 4.6 mean response times. Random routing over n replicas gives each an M/M/1 queue
 * at lambda / n.
 * @throws RangeError for p outside (0, 1) or a utilisation lambda / mu >= 1 (the queue grows without bound)
 */
export function mm1ResponseTimePercentile(arrivalRatePerS: number, serviceRatePerS: number, p: number): number {
  const fn = 'mm1ResponseTimePercentile';
  checkReal(fn, 'arrivalRatePerS', arrivalRatePerS, { min: 0 });
  checkReal(fn, 'serviceRatePerS', serviceRatePerS, { min: 0, open: true });
  checkReal(fn, 'p', p, { min: 0, max: 1, open: true });
  if (arrivalRatePerS >= serviceRatePerS) {
    throw new RangeError(`${fn}: expected utilisation lambda / mu < 1, got ${arrivalRatePerS} / ${serviceRatePerS} = ${(arrivalRatePerS / serviceRatePerS).toFixed(3)}`);
  }
  return -Math.log(1 - p) / (serviceRatePerS - arrivalRatePerS);
}

/**
 * Fewest replicas whose M/M/1 response-time percentile meets a target when the peak load is split evenly at random
 * (each replica an M/M/1 queue at peak / n): the smallest n with -ln(1 - p) / (mu - peak / n) <= target.
 * Closed form n = ceil(peak / (mu - (-ln(1 - p)) / target)), valid when mu > -ln(1 - p) / target.
 * @throws RangeError when even an idle replica misses the target (its service time alone is too slow)
 */
export function replicasForTailLatency(peakQpsValue: number, serviceRatePerS: number, targetS: number, p = 0.99): number {
  const fn = 'replicasForTailLatency';
  checkReal(fn, 'peakQps', peakQpsValue, { min: 0 });
  checkReal(fn, 'serviceRatePerS', serviceRatePerS, { min: 0, open: true });
  checkReal(fn, 'targetS', targetS, { min: 0, open: true });
  checkReal(fn, 'p', p, { min: 0, max: 1, open: true });
  const needGap = -Math.log(1 - p) / targetS;
  if (needGap >= serviceRatePerS) {
    throw new RangeError(`${fn}: expected a target above the idle p${100 * p} of ${(needGap / serviceRatePerS * targetS * 1000).toFixed(3)} ms, got targetS = ${targetS}`);
  }
  const maxPerReplica = serviceRatePerS - needGap;
  let n = Math.max(1, Math.ceil((peakQpsValue / maxPerReplica) * (1 - 1e-12)));
  // guard the closed form against rounding: step to the first n that meets the target
  while (n > 1 && peakQpsValue / (n - 1) < serviceRatePerS && mm1ResponseTimePercentile(peakQpsValue / (n - 1), serviceRatePerS, p) <= targetS) n--;
  while (mm1ResponseTimePercentile(peakQpsValue / n, serviceRatePerS, p) > targetS) n++;
  return n;
}

export interface ReplicaOptions {
  /** Requests per second one replica sustains at 100% utilisation (1 / service time * concurrency). */
  perReplicaQps: number;
  /** Utilisation to plan for (queueing: latency explodes near 1). Default 0.6. */
  targetUtilization: number;
  /** Spare replicas for failures and deploys (N + k). Default 0. */
  spare: number;
  /** Lower bound on the answer. Default 1. */
  minReplicas: number;
}
export const replicaDefaults: Readonly<Omit<ReplicaOptions, 'perReplicaQps'>> = { targetUtilization: 0.6, spare: 0, minReplicas: 1 };

/** Replicas = max(minReplicas, ceil(peak QPS / (per-replica QPS * target utilisation))) + spare. */
export function replicasNeeded(peakQpsValue: number, options: Partial<ReplicaOptions> & Pick<ReplicaOptions, 'perReplicaQps'>): number {
  const fn = 'replicasNeeded';
  checkReal(fn, 'peakQps', peakQpsValue, { min: 0 });
  const o = withDefaults(fn, options, { ...replicaDefaults, perReplicaQps: NaN });
  checkReal(fn, 'perReplicaQps', o.perReplicaQps, { min: 0, open: true });
  checkReal(fn, 'targetUtilization', o.targetUtilization, { min: 0, max: 1, open: true });
  if (o.targetUtilization === 1) throw new RangeError(`${fn}: expected targetUtilization < 1, got targetUtilization = 1`);
  checkInt(fn, 'spare', o.spare, 0);
  checkInt(fn, 'minReplicas', o.minReplicas, 1);
  // a relative 1e-12 guard so that 100 / (50 * 0.4) does not round up to 6 from 5.000000000000001
  const raw = peakQpsValue / (o.perReplicaQps * o.targetUtilization);
  const needed = Math.ceil(raw * (1 - 1e-12));
  return Math.max(o.minReplicas, needed) + o.spare;
}

export interface CostLine { name: string; units: number; pricePerUnitHour: number }
export interface MonthlyCost { lines: { name: string; units: number; monthly: number }[]; total: number }

/** Monthly cost of always-on resources: sum of units * price per unit-hour * 730.5 hours. Pass storage as GB with a GB-hour price. */
export function monthlyCost(lines: readonly CostLine[], options: { hoursPerMonth?: number } = {}): MonthlyCost {
  const fn = 'monthlyCost';
  const o = withDefaults(fn, options, { hoursPerMonth: HOURS_PER_MONTH });
  checkReal(fn, 'hoursPerMonth', o.hoursPerMonth, { min: 0, max: 744 });
  if (!Array.isArray(lines)) throw new TypeError(`${fn}: expected lines to be an array of { name, units, pricePerUnitHour }, got ${typeof lines}`);
  const out: MonthlyCost['lines'] = [];
  let total = 0;
  lines.forEach((l, i) => {
    if (typeof l !== 'object' || l === null || typeof l.name !== 'string') throw new TypeError(`${fn}: expected lines[${i}] to be { name: string, units: number, pricePerUnitHour: number }`);
    checkReal(fn, `lines[${i}].units`, l.units, { min: 0 });
    checkReal(fn, `lines[${i}].pricePerUnitHour`, l.pricePerUnitHour, { min: 0 });
    const m = l.units * l.pricePerUnitHour * o.hoursPerMonth;
    out.push({ name: l.name, units: l.units, monthly: m });
    total += m;
  });
  return { lines: out, total };
}

/** Formats a byte count with binary-free SI units (kB = 1e3, MB = 1e6, GB = 1e9, TB = 1e12, PB = 1e15), 3 significant digits. */
export function formatBytes(bytes: number): string {
  checkReal('formatBytes', 'bytes', bytes, { min: 0 });
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let u = 0, v = bytes;
  while (v >= 1000 && u < units.length - 1) { v /= 1000; u++; }
  return `${u === 0 ? v.toFixed(0) : v.toPrecision(3)} ${units[u]}`;
}
