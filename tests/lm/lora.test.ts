// LoRA: the adapter forward against tfjs matMul (1e-5 relative, float32), merged == adapter (1e-12 in float64), B = 0 start, parameter counts, rank of the update.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { matrix, type Matrix } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';
import { initLora, loraDelta, loraForward, loraMerge, loraParamCount, loraScale } from '../../lib/lm/lora';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const rng = new Rng(5);
const rand = (r: number, c: number): Matrix => matrix(r, c, Float64Array.from({ length: r * c }, () => rng.normal()));
const toTf = (m: Matrix): tf.Tensor2D => tf.tensor2d(Float32Array.from(m.data), [m.rows, m.cols]);
const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>): number => { let m = 0; for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i])); return m; };

const dOut = 6, dIn = 9, r = 3;
const w = rand(dOut, dIn);
const x = rand(5, dIn);
const trained = { a: rand(r, dIn), b: rand(dOut, r), alpha: 6, rank: r };

describe('lora', () => {
  it('forward = X W^T + (alpha/r) X A^T B^T, against tfjs ops (1e-5 relative)', () => {
    const mine = loraForward(w, trained, x);
    const ref = tf.tidy(() => toTf(x).matMul(toTf(w), false, true).add(toTf(x).matMul(toTf(trained.a), false, true).matMul(toTf(trained.b), false, true).mul(6 / 3)));
    const refData = ref.dataSync();
    const scale = Math.max(...Array.from(refData, Math.abs));
    expect(maxAbs(mine.data, refData) / scale).toBeLessThan(1e-5);
    expect([mine.rows, mine.cols]).toEqual([5, dOut]);
  });

  it('the merged weight W + (alpha/r) B A gives the adapter outputs (1e-12 in float64)', () => {
    const merged = loraMerge(w, trained);
    const viaMerged = loraForward(merged, { ...trained, b: matrix(dOut, r) }, x); // zero adapter: plain X W'^T
    expect(maxAbs(viaMerged.data, loraForward(w, trained, x).data)).toBeLessThan(1e-12);
    expect(Array.from(w.data)).not.toEqual(Array.from(merged.data)); // W itself untouched, merged differs
  });

  it('a fresh adapter (B = 0) leaves the model unchanged; A is Gaussian with std 1/sqrt(d_in)', () => {
    const fresh = initLora(dOut, dIn, { rank: 2, seed: 1 });
    expect(fresh.b.data.every((v) => v === 0)).toBe(true);
    expect(Array.from(loraForward(w, fresh, x).data)).toEqual(Array.from(loraForward(w, { ...fresh, a: matrix(2, dIn) }, x).data));
    const big = initLora(200, 400, { rank: 8, seed: 2 });
    const sd = Math.sqrt(big.a.data.reduce((s, v) => s + v * v, 0) / big.a.data.length);
    expect(sd).toBeGreaterThan(0.9 / 20);
    expect(sd).toBeLessThan(1.1 / 20);
    expect(Array.from(initLora(5, 7, { rank: 2, seed: 3 }).a.data)).toEqual(Array.from(initLora(5, 7, { rank: 2, seed: 3 }).a.data));
  });

  it('parameter count r (d_in + d_out) vs d_in d_out; the update has rank <= r', () => {
    expect(loraParamCount(4096, 4096, 8)).toBe(65536); // 0.39% of 16.8M
    expect(loraParamCount(dOut, dIn, r)).toBe(45);
    expect(loraScale(16, 8)).toBe(2);
    // rank: rows of Delta W are combinations of A's r rows; Gram of Delta has at most r nonzero eigenvalues
    const d = loraDelta(trained);
    const g = tf.tidy(() => { const t = toTf(d); return t.matMul(t, false, true); });
    const s = tf.linalg.qr(g)[1].dataSync(); // diagonal of R ~ 0 beyond rank r
    const diag = Array.from({ length: dOut }, (_, i) => Math.abs(s[i * dOut + i]));
    expect(diag.filter((v) => v > 1e-3 * Math.max(...diag)).length).toBe(r);
  });

  it('rejects bad shapes and ranks', () => {
    expect(() => loraParamCount(4, 4, 5)).toThrow('expected rank <= min(dIn, dOut) = 4, got rank = 5');
    expect(() => loraScale(1, 0)).toThrow(RangeError);
    expect(() => loraForward(w, trained, rand(2, 4))).toThrow('expected x with 9 columns (d_in), got 4');
    expect(() => loraForward(w, { ...trained, a: rand(r, 4) }, x)).toThrow(RangeError);
    expect(() => loraForward(w, { ...trained, a: [[1]] as unknown as Matrix }, x)).toThrow(TypeError);
  });
});
