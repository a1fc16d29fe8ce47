// Tests for lib/lm/quantize: hand cases for absmax and zero-point codes, the error bound |x - x^| <= s/2 on random
// weights (per tensor and per row), zero exact, the outlier effect that per-row scales contain.
import { describe, expect, it } from 'vitest';
import { dequantize, fakeQuantize, quantizeAbsmax, quantizeZeroPoint } from '../../lib/lm/quantize';
import { Rng } from '../../lib/core/random';
import { randMatrix } from '../attention/helpers';

describe('int8 quantisation', () => {
  it('absmax hand case: s = 1.27 / 127 = 0.01', () => {
    const q = quantizeAbsmax([[1.27, -0.5, 0.004, 0.006, 0]]);
    expect(q.scale[0]).toBeCloseTo(0.01, 15);
    expect(Array.from(q.q)).toEqual([127, -50, 0, 1, 0]);
    expect(Array.from(dequantize(q).data).map((v) => +v.toFixed(12))).toEqual([1.27, -0.5, 0, 0.01, 0]);
  });

  it('zero-point hand case: [0, 2.55] uses all 256 codes; absmax would use 128', () => {
    const q = quantizeZeroPoint([[0, 1, 2.55]]);
    expect(q.scale[0]).toBeCloseTo(0.01, 15);
    expect(q.zeroPoint[0]).toBe(-128);
    expect(Array.from(q.q)).toEqual([-128, -28, 127]);
    expect(dequantize(q).data[0]).toBe(0);
    expect(quantizeAbsmax([[0, 1, 2.55]]).q[0]).toBe(0);
    expect(Math.max(...quantizeAbsmax([[0, 1, 2.55]]).q)).toBe(127);
  });

  it('error <= s/2 for every entry, per tensor and per row, both schemes', () => {
    const rng = new Rng(1);
    const w = randMatrix(rng, 16, 32, 0.2);
    for (let i = 0; i < 32; i++) w.data[i] += 0.5; // a skewed row
    for (const perRow of [false, true]) {
      for (const scheme of ['absmax', 'zero-point'] as const) {
        const q = scheme === 'absmax' ? quantizeAbsmax(w, { perRow }) : quantizeZeroPoint(w, { perRow });
        expect(q.scale.length).toBe(perRow ? 16 : 1);
        const back = dequantize(q);
        for (let i = 0; i < w.data.length; i++) {
          const s = q.scale[perRow ? Math.floor(i / 32) : 0];
          expect(Math.abs(back.data[i] - w.data[i])).toBeLessThanOrEqual(s / 2 + 1e-12);
        }
      }
    }
  });

  it('one outlier inflates the per-tensor scale; per-row scales keep the other rows precise', () => {
    const rng = new Rng(3);
    const w = randMatrix(rng, 8, 64, 0.02);
    w.data[5] = 10; // row 0
    const err = (m: { data: Float64Array }, from: number) => { let e = 0; for (let i = from; i < w.data.length; i++) e = Math.max(e, Math.abs(m.data[i] - w.data[i])); return e; };
    const perTensor = err(fakeQuantize(w, 'absmax'), 64), perRow = err(fakeQuantize(w, 'absmax', { perRow: true }), 64);
    expect(perTensor).toBeGreaterThan(10 * perRow);
    expect(Array.from(quantizeAbsmax([[0, 0]]).q)).toEqual([0, 0]);
  });
});
