// Tests for lib/generative/noise-schedule: linear betas by hand, alpha-bar as the cumulative product (hand case to 1e-15),
// the cosine schedule's alpha-bar equals its closed form f(t)/f(0) to 1e-12 (before the beta cap), and bad input.
import { describe, expect, it } from 'vitest';
import { cosineSchedule, linearSchedule, scheduleFromBetas } from '../../lib/generative/noise-schedule';

describe('noise schedules', () => {
  it('linear: betas evenly spaced from start to end, alpha-bar the running product (hand case)', () => {
    const s = linearSchedule(3, { betaStart: 0.1, betaEnd: 0.3 });
    expect(Array.from(s.betas)).toEqual([0.1, 0.2, 0.30000000000000004].map((v) => expect.closeTo(v, 15)));
    expect(Array.from(s.alphas)).toEqual([0.9, 0.8, 0.7].map((v) => expect.closeTo(v, 15)));
    // 0.9, 0.9 * 0.8 = 0.72, 0.72 * 0.7 = 0.504
    expect(Array.from(s.alphaBars)).toEqual([0.9, 0.72, 0.504].map((v) => expect.closeTo(v, 15)));
    const d = linearSchedule(1000);
    expect(d.betas[0]).toBe(1e-4);
    expect(d.betas[999]).toBeCloseTo(0.02, 15);
    // Ho et al.'s schedule leaves almost no signal at T: abar_T = prod (1 - beta) ~ exp(-sum beta) ~ 4e-5
    expect(d.alphaBars[999]).toBeLessThan(1e-4);
    expect(d.alphaBars[999]).toBeGreaterThan(1e-5);
  });
  it('cosine: alpha-bar equals f(t)/f(0) with f(t) = cos^2(((t/T + s)/(1 + s)) pi/2) (1e-12) and decreases', () => {
    const T = 50, s = 0.008;
    const sch = cosineSchedule(T);
    const f = (t: number) => Math.cos(((t / T + s) / (1 + s)) * (Math.PI / 2)) ** 2;
    for (let t = 0; t < T - 1; t++) expect(Math.abs(sch.alphaBars[t] - f(t + 1) / f(0))).toBeLessThan(1e-12);
    // the last beta would be 1 (f(T) = 0): capped at 0.999
    expect(sch.betas[T - 1]).toBe(0.999);
    for (let t = 1; t < T; t++) expect(sch.alphaBars[t]).toBeLessThan(sch.alphaBars[t - 1]);
  });
  it('scheduleFromBetas matches a hand product', () => {
    const s = scheduleFromBetas([0.5, 0.5]);
    expect(Array.from(s.alphaBars)).toEqual([0.5, 0.25]);
    expect(s.steps).toBe(2);
  });
  it('rejects bad input', () => {
    expect(() => linearSchedule(0)).toThrow(/steps >= 1/);
    expect(() => linearSchedule(2.5)).toThrow(RangeError);
    expect(() => linearSchedule('3' as unknown as number)).toThrow(TypeError);
    expect(() => scheduleFromBetas([0.1, 1])).toThrow(/betas\[1\] = 1/);
    expect(() => scheduleFromBetas([])).toThrow(RangeError);
    expect(() => scheduleFromBetas(5 as unknown as number[])).toThrow(TypeError);
    expect(() => cosineSchedule(10, { maxBeta: 1 })).toThrow(/maxBeta/);
  });
});
