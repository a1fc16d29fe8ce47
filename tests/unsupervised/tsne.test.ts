// Tests for lib/unsupervised/tsne: perplexity calibration to 1e-5, symmetric P summing to 1, P and the KL gradient against
// scikit-learn 1.2 (fixture from scripts/reference/tsne-sklearn.py), the gradient against tfjs autodiff and central finite
// differences, 300 iterations of the optimiser against sklearn's _gradient_descent, KL decreasing, determinism for a seed,
// and error cases.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { calibrateAffinities, jointProbabilities, klDivergence, optimizeEmbedding, squaredDistances, tsne } from '../../lib/unsupervised/tsne';
import { trustworthiness } from '../../lib/unsupervised/trustworthiness';
import { Rng } from '../../lib/core/random';

interface TsneFixture {
  source: string;
  X: number[][];
  Y: number[][];
  affinities: { perplexity: number; P: number[][] }[];
  kl: { perplexity: number; kl: number; grad: number[][] };
  optimize: { learningRate: number; earlyExaggeration: number; exaggerationIter: number; nIter: number; embedding: number[][]; kl: number };
}
const fx = JSON.parse(readFileSync(new URL('../fixtures/reference/tsne.json', import.meta.url), 'utf8')) as TsneFixture;
const n = fx.X.length;
const flat = (rows: number[][]) => Float64Array.from(rows.flat());

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('calibrateAffinities', () => {
  it('gives every row the target perplexity to 1e-5, rows summing to 1 with p_i|i = 0', () => {
    const D = squaredDistances(fx.X);
    for (const target of [2, 5, 12, 30]) {
      const a = calibrateAffinities(D, { perplexity: target });
      for (let i = 0; i < n; i++) {
        let H = 0, s = 0;
        for (let j = 0; j < n; j++) {
          const p = a.conditional[i * n + j];
          s += p;
          if (p > 0) H -= p * Math.log2(p); // bits: perplexity = 2^H, the paper's definition
        }
        expect(a.conditional[i * n + i]).toBe(0);
        expect(Math.abs(s - 1)).toBeLessThan(1e-12);
        expect(Math.abs(2 ** H - target)).toBeLessThan(1e-5);
        expect(Math.abs(a.perplexity[i] - target)).toBeLessThan(1e-5);
      }
    }
  });
  it('narrows the Gaussian (larger beta) for a smaller perplexity, row by row', () => {
    const D = squaredDistances(fx.X);
    const small = calibrateAffinities(D, { perplexity: 3 }), large = calibrateAffinities(D, { perplexity: 20 });
    for (let i = 0; i < n; i++) expect(small.beta[i]).toBeGreaterThan(large.beta[i]);
  });
  it('matches a hand-computed row: 3 points at squared distances 1 and 4 from point 0', () => {
    // row 0: p_1|0 = e^-b / (e^-b + e^-4b); with b = ln(3)/3 that is 3^(-1/3) / (3^(-1/3) + 3^(-4/3)) = 3/4
    const D = Float64Array.from([0, 1, 4, 1, 0, 1, 4, 1, 0]);
    const target = 2 ** -(0.75 * Math.log2(0.75) + 0.25 * Math.log2(0.25)); // perplexity of (3/4, 1/4)
    const a = calibrateAffinities(D, { perplexity: target });
    expect(a.conditional[1]).toBeCloseTo(0.75, 8);
    expect(a.conditional[2]).toBeCloseTo(0.25, 8);
    expect(a.beta[0]).toBeCloseTo(Math.log(3) / 3, 7);
  });
  it('rejects bad input', () => {
    expect(() => calibrateAffinities([0, 1, 1, 0] as unknown as Float64Array)).toThrow(TypeError);
    expect(() => calibrateAffinities(new Float64Array(5), { perplexity: 1.5 })).toThrow(/n x n/);
    expect(() => calibrateAffinities(new Float64Array(16), { perplexity: 4 })).toThrow(/perplexity <= 3/);
    expect(() => calibrateAffinities(Float64Array.from([0, -1, -1, 0]), { perplexity: 1 + 1e-9 })).toThrow(RangeError);
    expect(() => calibrateAffinities(Float64Array.from([0, NaN, 1, NaN, 0, 1, 1, 1, 0]), { perplexity: 1.5 })).toThrow(/finite/);
  });
});

describe('jointProbabilities', () => {
  it('is symmetric, zero on the diagonal, and sums to 1', () => {
    const P = jointProbabilities(calibrateAffinities(squaredDistances(fx.X), { perplexity: 8 }).conditional, n);
    let s = 0;
    for (let i = 0; i < n; i++) {
      expect(P[i * n + i]).toBe(0);
      for (let j = 0; j < n; j++) { s += P[i * n + j]; expect(P[i * n + j]).toBe(P[j * n + i]); }
    }
    expect(Math.abs(s - 1)).toBeLessThan(1e-12);
  });
  it('matches scikit-learn 1.2 _joint_probabilities (float32 distances, entropy tolerance 1e-5): 2e-7 absolute, 2e-4 relative', () => {
    const D = squaredDistances(fx.X);
    for (const ref of fx.affinities) {
      const P = jointProbabilities(calibrateAffinities(D, { perplexity: ref.perplexity }).conditional, n);
      let worstAbs = 0, worstRel = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          if (i === j) continue;
          const e = ref.P[i][j], got = P[i * n + j];
          worstAbs = Math.max(worstAbs, Math.abs(got - e));
          if (e > 1e-4) worstRel = Math.max(worstRel, Math.abs(got - e) / e);
        }
      }
      expect(worstAbs).toBeLessThan(2e-7);
      expect(worstRel).toBeLessThan(2e-4);
    }
  });
  it('rejects a wrong size', () => {
    expect(() => jointProbabilities(new Float64Array(8), 3)).toThrow(/n x n = 9/);
  });
});

describe('klDivergence', () => {
  const P = flat(fx.affinities[0].P);
  const Y = flat(fx.Y);
  it('matches scikit-learn 1.2 _kl_divergence (value and gradient) on its own P to 1e-10 relative', () => {
    const r = klDivergence(P, Y, n, 2);
    expect(Math.abs(r.kl - fx.kl.kl) / fx.kl.kl).toBeLessThan(1e-10);
    const g = flat(fx.kl.grad);
    const scale = Math.max(...Array.from(g, Math.abs));
    for (let k = 0; k < g.length; k++) expect(Math.abs(r.grad[k] - g[k])).toBeLessThan(1e-10 * scale);
  });
  it('gradient equals tfjs autodiff of KL(P || Q(Y)) (float32: 1e-4 of the largest component)', () => {
    const r = klDivergence(P, Y, n, 2);
    const Pt = tf.tensor2d(Array.from(P), [n, n]);
    const off = tf.sub(tf.scalar(1), tf.eye(n));
    const klOf = (y: tf.Tensor) => {
      const sq = tf.sum(tf.square(y), 1);
      const d2 = tf.add(tf.sub(tf.reshape(sq, [n, 1]), tf.mul(2, tf.matMul(y as tf.Tensor2D, y as tf.Tensor2D, false, true))), tf.reshape(sq, [1, n]));
      const w = tf.mul(tf.div(1, tf.add(1, d2)), off);
      const Q = tf.div(w, tf.sum(w));
      const logRatio = tf.log(tf.div(tf.add(Pt, tf.eye(n)), tf.add(Q, tf.eye(n)))); // the diagonal adds log(1/1) = 0
      return tf.sum(tf.mul(Pt, logRatio)) as tf.Scalar;
    };
    const yT = tf.tensor2d(Array.from(Y), [n, 2]);
    const klT = klOf(yT).dataSync()[0];
    const gT = tf.grad(klOf)(yT).dataSync();
    expect(Math.abs(klT - r.kl) / r.kl).toBeLessThan(1e-5);
    const scale = Math.max(...Array.from(r.grad, Math.abs));
    let worst = 0;
    for (let k = 0; k < r.grad.length; k++) worst = Math.max(worst, Math.abs(gT[k] - r.grad[k]));
    expect(worst).toBeLessThan(1e-4 * scale);
  });
  it('gradient equals central finite differences in float64 (h = 1e-6; 1e-5 of the largest component)', () => {
    const r = klDivergence(P, Y, n, 2);
    const scale = Math.max(...Array.from(r.grad, Math.abs));
    const h = 1e-6;
    for (const k of [0, 1, 17, 42, 79]) {
      const yp = Y.slice(), ym = Y.slice();
      yp[k] += h; ym[k] -= h;
      const fd = (klDivergence(P, yp, n, 2).kl - klDivergence(P, ym, n, 2).kl) / (2 * h);
      expect(Math.abs(fd - r.grad[k])).toBeLessThan(1e-5 * scale);
    }
  });
  it('rejects wrong sizes', () => {
    expect(() => klDivergence(P, Y.subarray(0, 10), n, 2)).toThrow(/n x dim = 80/);
    expect(() => klDivergence(P.subarray(0, 10), Y, n, 2)).toThrow(/n x n = 1600/);
  });
});

describe('optimizeEmbedding', () => {
  it('follows scikit-learn 1.2\'s optimiser for 300 iterations on its P from the same start (centred embedding to 1e-6 of its extent, KL to 1e-8 relative)', () => {
    const o = fx.optimize;
    const r = optimizeEmbedding(flat(fx.affinities[0].P), n, {
      init: fx.Y, learningRate: o.learningRate, earlyExaggeration: o.earlyExaggeration, exaggerationIter: o.exaggerationIter,
      momentumSwitchIter: o.exaggerationIter, nIter: o.nIter,
    });
    // sklearn does not re-centre the layout; the KL and the gradient ignore translations, so compare centred layouts
    const ref = flat(o.embedding);
    for (let c = 0; c < 2; c++) {
      let m = 0;
      for (let i = 0; i < n; i++) m += ref[2 * i + c] / n;
      for (let i = 0; i < n; i++) ref[2 * i + c] -= m;
    }
    let worst = 0, scale = 0;
    for (let k = 0; k < ref.length; k++) { worst = Math.max(worst, Math.abs(r.embedding.data[k] - ref[k])); scale = Math.max(scale, Math.abs(ref[k])); }
    expect(worst).toBeLessThan(1e-6 * scale);
    expect(Math.abs(r.kl - o.kl) / o.kl).toBeLessThan(1e-8);
  });
  it('rejects bad input', () => {
    expect(() => optimizeEmbedding([1, 2] as unknown as Float64Array, 2)).toThrow(TypeError);
    expect(() => optimizeEmbedding(new Float64Array(8), 3)).toThrow(/n x n = 9/);
    expect(() => optimizeEmbedding(new Float64Array(9), 3, { exaggerationIter: -1 })).toThrow(/exaggerationIter/);
  });
});

describe('tsne', () => {
  it('lowers the KL divergence and recovers the three clusters (trustworthiness > 0.9)', () => {
    const r = tsne(fx.X, { perplexity: 5, nIter: 400, exaggerationIter: 100, momentumSwitchIter: 100, learningRate: 10, seed: 1, logEvery: 25 });
    const afterExaggeration = r.history.find((h) => h.iter === 100)!.kl;
    expect(r.kl).toBeLessThan(afterExaggeration);
    // once exaggeration is over the cost falls (allow momentum's small wiggles of 1e-3)
    const late = r.history.filter((h) => h.iter >= 125);
    for (let t = 1; t < late.length; t++) expect(late[t].kl).toBeLessThan(late[t - 1].kl + 1e-3);
    // the random N(0, 1e-4) start has Q nearly uniform: KL far above the final value
    const init = new Rng(7);
    const y0 = Float64Array.from({ length: n * 2 }, () => init.normal(0, 1e-4));
    expect(r.kl).toBeLessThan(0.5 * klDivergence(r.P, y0, n, 2).kl);
    expect(trustworthiness(fx.X, r.embedding, 5)).toBeGreaterThan(0.9);
    // the centroid of the layout stays at 0
    let mx = 0, my = 0;
    for (let i = 0; i < n; i++) { mx += r.embedding.data[2 * i]; my += r.embedding.data[2 * i + 1]; }
    expect(Math.abs(mx / n) + Math.abs(my / n)).toBeLessThan(1e-9);
  });
  it('is deterministic for a seed, and the seed matters', () => {
    const opts = { perplexity: 5, nIter: 60, seed: 3 };
    const a = tsne(fx.X, opts), b = tsne(fx.X, opts), c = tsne(fx.X, { ...opts, seed: 4 });
    expect(Array.from(a.embedding.data)).toEqual(Array.from(b.embedding.data));
    expect(Array.from(a.embedding.data)).not.toEqual(Array.from(c.embedding.data));
  });
  it('rejects bad input', () => {
    expect(() => tsne([[1, 2], [3, 4]])).toThrow(/at least 3 samples/);
    expect(() => tsne(fx.X, { perplexity: 39 })).toThrow(/perplexity < n - 1 = 39/);
    expect(() => tsne(fx.X, { nIter: 0 })).toThrow(/nIter/);
    expect(() => tsne(fx.X, { learningRate: -1 })).toThrow(/learningRate/);
    expect(() => tsne(fx.X, { perplexity: 5, init: [[0, 0]] })).toThrow(/init of shape 40 x 2/);
    expect(() => tsne('x' as unknown as number[][])).toThrow(TypeError);
  });
});
