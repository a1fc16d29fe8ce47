// Tests for lib/optim/schedules: hand-computed values (1e-15), closed forms (cosine midpoint, exponential half-life), warmup
// shape, and error paths.
import { describe, expect, it } from 'vitest';
import { constantSchedule, cosineDecay, exponentialDecay, linearWarmup, sampleSchedule, stepDecay } from '../../lib/optim/schedules';

describe('schedules (hand-computed)', () => {
  it('constant', () => {
    expect(Array.from(sampleSchedule(constantSchedule(0.3), 3))).toEqual([0.3, 0.3, 0.3]);
  });

  it('step decay halves every 3 steps', () => {
    expect(Array.from(sampleSchedule(stepDecay({ initial: 0.8, factor: 0.5, every: 3 }), 8))).toEqual([0.8, 0.8, 0.8, 0.4, 0.4, 0.4, 0.2, 0.2]);
  });

  it('exponential decay: decayRate over decaySteps, smooth in between', () => {
    const s = exponentialDecay({ initial: 1, decayRate: 0.5, decaySteps: 10 });
    expect(s(0)).toBe(1);
    expect(s(10)).toBeCloseTo(0.5, 15);
    expect(s(20)).toBeCloseTo(0.25, 15);
    expect(s(5)).toBeCloseTo(Math.SQRT1_2, 15);
  });

  it('cosine decay: initial at 0, the midpoint halfway, final at and after T', () => {
    const s = cosineDecay({ initial: 0.1, totalSteps: 100, final: 0.02 });
    expect(s(0)).toBeCloseTo(0.1, 15);
    expect(s(50)).toBeCloseTo(0.06, 15);
    expect(s(100)).toBeCloseTo(0.02, 15);
    expect(s(250)).toBeCloseTo(0.02, 15);
    expect(s(25)).toBeCloseTo(0.02 + 0.08 * (1 + Math.SQRT1_2) / 2, 15);
  });

  it('linear warmup ramps to after(0) over W steps, then runs the wrapped schedule from its own step 0', () => {
    const s = linearWarmup(stepDecay({ initial: 0.4, factor: 0.5, every: 2 }), 4);
    expect(Array.from(sampleSchedule(s, 9))).toEqual([0.1, 0.2, 0.30000000000000004, 0.4, 0.4, 0.4, 0.2, 0.2, 0.1]);
    const none = linearWarmup(constantSchedule(0.5), 0);
    expect(none(0)).toBe(0.5);
  });
});

describe('schedule error paths', () => {
  it('bad options and steps', () => {
    expect(() => stepDecay({ factor: 0 })).toThrow(/factor > 0/);
    expect(() => stepDecay({ factor: 1.5 })).toThrow(/factor <= 1/);
    expect(() => stepDecay({ every: 0 })).toThrow(/every >= 1/);
    expect(() => exponentialDecay({ decaySteps: 2.5 })).toThrow(/integer decaySteps/);
    expect(() => exponentialDecay({ decayRate: 0 })).toThrow(RangeError);
    expect(() => cosineDecay({ initial: 0.1, final: 0.2 })).toThrow(/final <= 0.1/);
    expect(() => cosineDecay({ totalSteps: 'x' as never })).toThrow(TypeError);
    expect(() => constantSchedule(-1)).toThrow(RangeError);
    expect(() => linearWarmup(0.1 as never, 3)).toThrow(TypeError);
    expect(() => linearWarmup(constantSchedule(0.1), -1)).toThrow(RangeError);
    expect(() => stepDecay({ initial: 0.1, gamma: 0.1 } as never)).toThrow(/unknown option "gamma"/);
    expect(() => constantSchedule(0.1)(-1)).toThrow(/step that is an integer >= 0/);
    expect(() => cosineDecay()(1.5)).toThrow(RangeError);
    expect(() => sampleSchedule(constantSchedule(0.1), -2)).toThrow(RangeError);
  });
});
