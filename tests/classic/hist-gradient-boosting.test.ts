// Tests for lib/classic/hist-gradient-boosting: the closed forms on hand cases (leaf weight, gain, best split), the root
// split against a brute-force search over every threshold and both missing-value sides (gain to 1e-9), squared loss with
// λ = 0 against the lib's first-order GradientBoostingRegressor (predictions to 1e-9), 'hist' equal to 'exact' when every
// distinct value has its own bin, logistic gradients and hessians against tfjs autodiff (float32, 1e-5), default
// directions for NaN, seeded column subsampling, errors.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { GradientBoostingRegressor } from '../../lib/classic/gradient-boosting';
import {
  HistGradientBoostingClassifier, HistGradientBoostingRegressor, leafWeight, logisticGradHess, rootSplit, splitGain, squaredGradHess,
} from '../../lib/classic/hist-gradient-boosting';
import { matrix } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';
import { moons, wavy } from './helpers';

await tf.setBackend('cpu');

describe('closed forms on hand cases', () => {
  it('leaf weight -G/(H+λ) and the gain with λ and γ', () => {
    expect(leafWeight(-4, 2, 1)).toBeCloseTo(4 / 3, 15);
    expect(leafWeight(3, 0, 0)).toBe(0);
    // ½[9/2 + 25/4 − 4/5] − 0.5 = 4.475
    expect(splitGain(-3, 1, 5, 3, 1, 0.5)).toBeCloseTo(4.475, 12);
    // no change of G/H split gives gain −γ
    expect(splitGain(2, 2, 2, 2, 0, 0.25)).toBeCloseTo(-0.25, 15);
  });

  it('x = 1..4, y = 0,0,10,10, λ = 1: the root splits at 2.5 with gain 100/3 and leaves ∓10/3', () => {
    const m = new HistGradientBoostingRegressor({ nEstimators: 1, maxDepth: 1, learningRate: 1, lambda: 1, splitMethod: 'exact' }).fit([[1], [2], [3], [4]], [0, 0, 10, 10]);
    const t = m.trees[0];
    expect(t.feature[0]).toBe(0);
    expect(t.threshold[0]).toBe(2.5);
    expect(t.gain[0]).toBeCloseTo(100 / 3, 12);
    expect(t.value[t.left[0]]).toBeCloseTo(-10 / 3, 12);
    expect(t.value[t.right[0]]).toBeCloseTo(10 / 3, 12);
    const p = m.predict([[0], [5]]);
    expect(p[0]).toBeCloseTo(5 - 10 / 3, 12);
    expect(p[1]).toBeCloseTo(5 + 10 / 3, 12);
  });

  it('γ larger than the best gain: no split, a single leaf -G/(H+λ)', () => {
    const m = new HistGradientBoostingRegressor({ nEstimators: 1, maxDepth: 2, lambda: 1, gamma: 34, splitMethod: 'exact' }).fit([[1], [2], [3], [4]], [0, 0, 10, 10]);
    expect(m.trees[0].nodeCount).toBe(1);
    expect(Math.abs(m.trees[0].value[0])).toBeLessThan(1e-15); // G = 0 around the mean
  });
});

/** Brute force: every feature, every threshold between distinct values, missing rows on each side; the best gain. */
function bruteRootGain(X: number[][], g: Float64Array, h: Float64Array, lambda: number, gamma: number, minChildWeight: number): { gain: number; feature: number; threshold: number; defaultLeft: boolean } {
  let best = { gain: 0, feature: -1, threshold: 0, defaultLeft: false };
  const d = X[0].length;
  for (let f = 0; f < d; f++) {
    const vals = [...new Set(X.map((r) => r[f]).filter((v) => !Number.isNaN(v)))].sort((a, b) => a - b);
    for (let k = 0; k + 1 < vals.length; k++) {
      const thr = (vals[k] + vals[k + 1]) / 2;
      for (const missLeft of [false, true]) {
        let GL = 0, HL = 0, GR = 0, HR = 0;
        X.forEach((r, i) => {
          const goLeft = Number.isNaN(r[f]) ? missLeft : r[f] <= thr;
          if (goLeft) { GL += g[i]; HL += h[i]; } else { GR += g[i]; HR += h[i]; }
        });
        if (HL < minChildWeight || HR < minChildWeight) continue;
        const gain = 0.5 * (GL * GL / (HL + lambda) + GR * GR / (HR + lambda) - (GL + GR) ** 2 / (HL + HR + lambda)) - gamma;
        if (gain > best.gain + 1e-12) best = { gain, feature: f, threshold: thr, defaultLeft: missLeft };
      }
    }
  }
  return best;
}

describe('root split against brute force', () => {
  for (const lossName of ['squared', 'logistic'] as const) {
    it(`${lossName} loss, 3 features with 15% NaN, λ = 2, γ = 0.1, minChildWeight = 0.5`, () => {
      const rng = new Rng(5);
      const n = 120;
      const X = Array.from({ length: n }, () => [0, 1, 2].map(() => (rng.random() < 0.15 ? NaN : Math.round(rng.normal() * 20) / 4)));
      const y = X.map((r) => (lossName === 'squared' ? (Number.isNaN(r[1]) ? 3 : r[1]) + rng.normal() : ((Number.isNaN(r[2]) ? 1 : r[2] > 0 ? 1 : 0) ^ (rng.random() < 0.1 ? 1 : 0))));
      const o = { nEstimators: 1, maxDepth: 1, lambda: 2, gamma: 0.1, minChildWeight: 0.5, splitMethod: 'exact' as const };
      const m = lossName === 'squared' ? new HistGradientBoostingRegressor(o).fit(X, y) : new HistGradientBoostingClassifier(o).fit(X, y);
      const F = new Float64Array(n).fill(m.init), g = new Float64Array(n), h = new Float64Array(n);
      (lossName === 'squared' ? squaredGradHess : logisticGradHess)(y, F, g, h);
      const ref = bruteRootGain(X, g, h, 2, 0.1, 0.5);
      const t = m.trees[0];
      expect(ref.feature).toBeGreaterThanOrEqual(0);
      expect(t.feature[0]).toBe(ref.feature);
      expect(Math.abs(t.gain[0] - ref.gain)).toBeLessThan(1e-9);
      expect(t.threshold[0]).toBe(ref.threshold);
      expect(t.defaultLeft[0] === 1).toBe(ref.defaultLeft);
      const direct = rootSplit(X, g, h, { lambda: 2, gamma: 0.1, minChildWeight: 0.5, splitMethod: 'exact' });
      expect(direct).not.toBeNull();
      expect(direct!.feature).toBe(ref.feature);
      expect(Math.abs(direct!.gain - ref.gain)).toBeLessThan(1e-9);
      expect(rootSplit(X, g, h, { lambda: 2, gamma: ref.gain + 0.2, minChildWeight: 0.5, splitMethod: 'exact' })).toBeNull();
    });
  }
});

describe('squared loss with λ = 0 is first-order boosting', () => {
  for (const depth of [1, 3]) {
    it(`depth ${depth}, 40 rounds, η = 0.2: same training fit as GradientBoostingRegressor to 1e-9 (exact and 255-bin hist), same test predictions (exact)`, () => {
      const train = wavy(41, 200), test = wavy(42, 100);
      const ref = new GradientBoostingRegressor({ nEstimators: 40, learningRate: 0.2, maxDepth: depth }).fit(train.x, train.y);
      const a = ref.predict(test.x), at = ref.predict(train.x);
      for (const splitMethod of ['exact', 'hist'] as const) {
        // 200 rows have < 255 distinct values per feature, so every gap between values is a bin edge
        const mine = new HistGradientBoostingRegressor({ nEstimators: 40, learningRate: 0.2, maxDepth: depth, lambda: 0, minChildWeight: 1, splitMethod }).fit(train.x, train.y);
        const b = mine.predict(test.x), bt = mine.predict(train.x);
        // hist puts a deep node's threshold at a global bin edge inside the gap between the node's neighbouring values,
        // exact at the gap's midpoint: the same training partition, so test rows agree only for 'exact'
        if (splitMethod === 'exact') for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-9);
        for (let i = 0; i < at.length; i++) expect(Math.abs(at[i] - bt[i])).toBeLessThan(1e-9);
        for (let t = 0; t <= 40; t++) expect(Math.abs(mine.trainLoss[t] - ref.trainLoss[t])).toBeLessThan(1e-9);
      }
    });
  }
});

describe('losses against tfjs autodiff', () => {
  it('logistic: g = σ(F) − y and h = σ(F)(1 − σ(F)) equal tf.grad of the sigmoid cross-entropy (float32, 1e-5)', () => {
    const F = Float64Array.from({ length: 12 }, (_, i) => (i - 6) * 0.7), y = Float64Array.from({ length: 12 }, (_, i) => (i * 5) % 3 === 0 ? 1 : 0);
    const g = new Float64Array(12), h = new Float64Array(12);
    logisticGradHess(y, F, g, h);
    const Y = tf.tensor1d(Float32Array.from(y));
    const loss = (f: tf.Tensor): tf.Scalar => tf.sum(tf.sub(tf.softplus(f), tf.mul(Y, f))) as tf.Scalar;
    const grad = tf.grad(loss);
    const hess = tf.grad((f: tf.Tensor) => tf.sum(grad(f)) as tf.Scalar); // the loss is a sum over rows, so its hessian is diagonal
    const Ft = tf.tensor1d(Float32Array.from(F));
    const tg = grad(Ft).dataSync(), th = hess(Ft).dataSync();
    for (let i = 0; i < 12; i++) {
      expect(Math.abs(g[i] - tg[i])).toBeLessThan(1e-5);
      expect(Math.abs(h[i] - th[i])).toBeLessThan(1e-5);
    }
    tf.dispose([Y, Ft]);
  });
  it('squared: g = F − y, h = 1 equal tf.grad of ½ Σ (y − F)²', () => {
    const F = Float64Array.from([0.5, -1, 2, 3]), y = Float64Array.from([1, 1, -2, 3]);
    const g = new Float64Array(4), h = new Float64Array(4);
    squaredGradHess(y, F, g, h);
    const Y = tf.tensor1d(Float32Array.from(y));
    const grad = tf.grad((f: tf.Tensor) => tf.mul(0.5, tf.sum(tf.square(tf.sub(Y, f)))) as tf.Scalar);
    const hess = tf.grad((f: tf.Tensor) => tf.sum(grad(f)) as tf.Scalar);
    const Ft = tf.tensor1d(Float32Array.from(F));
    const tg = grad(Ft).dataSync(), th = hess(Ft).dataSync();
    for (let i = 0; i < 4; i++) { expect(Math.abs(g[i] - tg[i])).toBeLessThan(1e-6); expect(Math.abs(h[i] - th[i])).toBeLessThan(1e-6); }
    tf.dispose([Y, Ft]);
  });
});

describe('missing values', () => {
  const X = Array.from({ length: 30 }, (_, i) => [i < 10 ? NaN : i]);
  for (const [nanY, side] of [[10, 'right'], [0, 'left']] as const) {
    it(`NaN rows with y = ${nanY} are sent ${side} (with the rows they resemble), in both split methods`, () => {
      const y = X.map((r, i) => (i < 10 ? nanY : r[0] >= 20 ? 10 : 0));
      for (const splitMethod of ['exact', 'hist'] as const) {
        const m = new HistGradientBoostingRegressor({ nEstimators: 1, maxDepth: 1, learningRate: 1, lambda: 0, splitMethod }).fit(X, y);
        expect(m.trees[0].defaultLeft[0]).toBe(side === 'left' ? 1 : 0);
        expect(m.trees[0].threshold[0]).toBeGreaterThan(19);
        expect(m.trees[0].threshold[0]).toBeLessThan(20);
        expect(m.predict([[NaN]])[0]).toBeCloseTo(nanY, 12);
        expect(m.trees[0].missingCover[0]).toBe(10);
      }
    });
  }
});

describe('classifier, column subsampling, errors', () => {
  it('moons: training log loss never rises; accuracy above 0.85 on held-out moons; hist within 0.03 of exact', () => {
    const train = moons(51, 400), test = moons(52, 400);
    const acc: number[] = [];
    for (const splitMethod of ['exact', 'hist'] as const) {
      const m = new HistGradientBoostingClassifier({ nEstimators: 60, maxDepth: 3, learningRate: 0.3, splitMethod, maxBins: 32 }).fit(train.x, train.y);
      for (let t = 1; t < m.trainLoss.length; t++) expect(m.trainLoss[t]).toBeLessThanOrEqual(m.trainLoss[t - 1] + 1e-12);
      acc.push(m.score(test.x, test.y));
    }
    expect(acc[0]).toBeGreaterThan(0.85);
    expect(Math.abs(acc[0] - acc[1])).toBeLessThan(0.03);
  });
  it('colsampleByTree: each tree splits only on its seeded feature subset; same seed, same model', () => {
    const { x, y } = wavy(61, 150, 6);
    const fit = (seed: number) => new HistGradientBoostingRegressor({ nEstimators: 20, colsampleByTree: 0.5, seed }).fit(x, y);
    const a = fit(3), b = fit(3), c = fit(4);
    a.trees.forEach((t, k) => {
      expect(a.featureSets[k].length).toBe(3);
      for (let node = 0; node < t.nodeCount; node++) if (t.feature[node] >= 0) expect(Array.from(a.featureSets[k])).toContain(t.feature[node]);
    });
    expect(Array.from(a.predict(x))).toEqual(Array.from(b.predict(x)));
    expect(a.featureSets.map((s) => s.join()).join('|')).not.toBe(c.featureSets.map((s) => s.join()).join('|'));
  });
  it('errors name the option or the input', () => {
    expect(() => new HistGradientBoostingRegressor({ lambda: -1 })).toThrow('expected lambda >= 0, got lambda = -1');
    expect(() => new HistGradientBoostingRegressor({ maxBins: 300 })).toThrow('expected maxBins to be an integer in [2, 255], got maxBins = 300');
    expect(() => new HistGradientBoostingRegressor({ colsampleByTree: 0 })).toThrow(RangeError);
    expect(() => new HistGradientBoostingRegressor().predict([[1]])).toThrow('call fit(x, y) before predicting');
    expect(() => new HistGradientBoostingClassifier().fit([[1], [2]], [1, 1])).toThrow('expected both classes 0 and 1 in y, got only 1');
    expect(() => new HistGradientBoostingRegressor().fit([[Infinity]], [1])).toThrow('got Infinity at row 0, column 0');
    const m = new HistGradientBoostingRegressor({ nEstimators: 2 }).fit(matrix(4, 2, Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8])), [1, 2, 3, 4]);
    expect(() => m.predict([[1]])).toThrow('expected x with 2 columns (as in fit), got 1');
  });
});
