// Tests for lib/core/matrix: every helper against ml-matrix (an independent implementation) or a hand-computed case.
import { describe, expect, it } from 'vitest';
import { EVD, Matrix as MlMatrix, solve as mlSolve } from 'ml-matrix';
import {
  addOnesColumn, asFittedInput, asMatrix, asVector, cholesky, choleskySolve, columnMeans, columnStd, covariance, determinant, dot, fromRows,
  gram, identity, luDecompose, luSolve, matmul, matrix, matTvec, matvec, norm, solve, symmetricEigen, toRows, transpose,
  type Matrix,
} from '../../lib/core/matrix';
import { Rng } from '../../lib/core/random';

function randomMatrix(rng: Rng, rows: number, cols: number): Matrix {
  const m = matrix(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.normal();
  return m;
}

/** max |a - b| / max(1, max |b|): relative to the reference's scale. */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let diff = 0, scale = 1;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

const flat = (m: MlMatrix): number[] => m.to1DArray();

describe('matrix construction and checks', () => {
  it('fromRows / toRows round-trip, row-major layout', () => {
    const m = fromRows([[1, 2, 3], [4, 5, 6]]);
    expect(m.rows).toBe(2);
    expect(m.cols).toBe(3);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(toRows(m)).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(toRows(identity(2))).toEqual([[1, 0], [0, 1]]);
  });

  it('asMatrix: TypeError for the wrong kind, RangeError for ragged rows, NaN and bad data length', () => {
    expect(() => asMatrix('abc')).toThrow(TypeError);
    expect(() => asMatrix([1, 2, 3])).toThrow(TypeError);
    expect(() => asMatrix([[1, 'a']])).toThrow(TypeError);
    expect(() => asMatrix({ rows: 1, cols: 2, data: [1, 2] })).toThrow(TypeError);
    expect(() => asMatrix([[1, 2], [3]])).toThrow(/expected every row of x to have 2 columns, got 1 in row 1/);
    expect(() => asMatrix([[1, 2], [3, NaN]])).toThrow(RangeError);
    expect(() => asMatrix([[1, 2], [3, NaN]])).toThrow(/got NaN at row 1, column 1/);
    expect(() => asMatrix({ rows: 2, cols: 2, data: new Float64Array(3) })).toThrow(RangeError);
    expect(() => matrix(2, 2, new Float64Array(3))).toThrow(RangeError);
    expect(asMatrix([]).rows).toBe(0);
  });

  it('asVector: TypeError, length and NaN checks', () => {
    expect(() => asVector('abc')).toThrow(TypeError);
    expect(() => asVector([1, '2'])).toThrow(TypeError);
    expect(() => asVector([1, 2], 'y', 3)).toThrow(/expected y to have 3 values \(one per sample\), got 2/);
    expect(() => asVector([1, Infinity])).toThrow(RangeError);
    expect(Array.from(asVector([1, 2]))).toEqual([1, 2]);
  });
});

describe('asFittedInput', () => {
  it('checks like asMatrix, then wants the column count seen in fit', () => {
    expect(asFittedInput([[1, 2, 3]], 3).cols).toBe(3);
    expect(() => asFittedInput([[1, 2]], 3)).toThrow(new RangeError('expected x with 3 columns (as in fit), got 2'));
    expect(() => asFittedInput([[1, 2]], 3, 'z')).toThrow(new RangeError('expected z with 3 columns (as in fit), got 2'));
    expect(() => asFittedInput('no', 3)).toThrow(TypeError);
    expect(() => asFittedInput([[NaN, 1]], 2)).toThrow(RangeError);
    expect(asFittedInput([[NaN, 1]], 2, 'x', true).cols).toBe(2);
  });
});

describe('products (against ml-matrix, 1e-12 relative)', () => {
  const rng = new Rng(1);
  const a = randomMatrix(rng, 7, 5);
  const b = randomMatrix(rng, 5, 4);
  const A = new MlMatrix(toRows(a));
  const B = new MlMatrix(toRows(b));
  const v = Float64Array.from({ length: 5 }, () => rng.normal());
  const w = Float64Array.from({ length: 7 }, () => rng.normal());

  it('matmul, transpose, gram', () => {
    expect(relErr(matmul(a, b).data, flat(A.mmul(B)))).toBeLessThan(1e-12);
    expect(relErr(transpose(a).data, flat(A.transpose()))).toBeLessThan(1e-12);
    expect(relErr(gram(a).data, flat(A.transpose().mmul(A)))).toBeLessThan(1e-12);
  });

  it('matvec, matTvec, dot, norm', () => {
    expect(relErr(matvec(a, v), A.mmul(MlMatrix.columnVector(Array.from(v))).to1DArray())).toBeLessThan(1e-12);
    expect(relErr(matTvec(a, w), A.transpose().mmul(MlMatrix.columnVector(Array.from(w))).to1DArray())).toBeLessThan(1e-12);
    expect(dot([1, 2, 3], [4, 5, 6])).toBe(32);
    expect(norm([3, 4])).toBe(5);
  });

  it('addOnesColumn prepends the intercept column', () => {
    expect(toRows(addOnesColumn(fromRows([[2, 3], [4, 5]])))).toEqual([[1, 2, 3], [1, 4, 5]]);
  });

  it('size mismatches throw RangeError', () => {
    expect(() => matmul(a, a)).toThrow(/expected a.cols === b.rows, got 7 x 5 times 7 x 5/);
    expect(() => matvec(a, w)).toThrow(RangeError);
    expect(() => matTvec(a, v)).toThrow(RangeError);
    expect(() => dot([1], [1, 2])).toThrow(RangeError);
  });
});

describe('solves (against ml-matrix solve, 1e-10 relative)', () => {
  const rng = new Rng(2);
  const a = randomMatrix(rng, 6, 6);
  const b = Float64Array.from({ length: 6 }, () => rng.normal());
  const ref = mlSolve(new MlMatrix(toRows(a)), MlMatrix.columnVector(Array.from(b))).to1DArray();

  it('solve (LU with partial pivoting)', () => {
    expect(relErr(solve(a, b), ref)).toBeLessThan(1e-10);
    expect(relErr(luSolve(luDecompose(a), b), ref)).toBeLessThan(1e-10);
  });

  it('solve with a matrix right-hand side', () => {
    const B = randomMatrix(rng, 6, 3);
    const X = solve(a, B);
    expect(relErr(matmul(a, X).data, B.data)).toBeLessThan(1e-10);
  });

  it('Cholesky: L L^T = A and the SPD solve matches LU', () => {
    const spd = gram(randomMatrix(rng, 10, 6));
    const L = cholesky(spd);
    expect(relErr(matmul(L, transpose(L)).data, spd.data)).toBeLessThan(1e-12);
    for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) expect(L.data[i * 6 + j]).toBe(0);
    expect(relErr(choleskySolve(spd, b), solve(spd, b))).toBeLessThan(1e-10);
  });

  it('hand-computed 2 x 2 system and determinant', () => {
    // 2x + y = 5, x + 3y = 10  ->  x = 1, y = 3; det = 5
    const a2 = fromRows([[2, 1], [1, 3]]);
    const x = solve(a2, [5, 10]);
    expect(x[0]).toBeCloseTo(1, 14);
    expect(x[1]).toBeCloseTo(3, 14);
    expect(determinant(a2)).toBeCloseTo(5, 14);
    expect(determinant(fromRows([[0, 1], [1, 0]]))).toBeCloseTo(-1, 14);
  });

  it('singular and indefinite matrices throw RangeError', () => {
    const singular = fromRows([[1, 2], [2, 4]]);
    expect(() => solve(singular, [1, 2])).toThrow(/non-singular/);
    expect(determinant(singular)).toBe(0);
    expect(() => cholesky(fromRows([[1, 2], [2, 1]]))).toThrow(/positive-definite/);
    expect(() => solve(fromRows([[1, 2, 3]]), [1])).toThrow(RangeError);
  });
});

describe('symmetricEigen (Jacobi) against ml-matrix EVD', () => {
  it('eigenvalues to 1e-12 relative, eigenvectors equal up to sign to 1e-10, A V = V diag(values)', () => {
    const rng = new Rng(3);
    const a = gram(randomMatrix(rng, 12, 7));
    const { values, vectors } = symmetricEigen(a);
    const evd = new EVD(new MlMatrix(toRows(a)), { assumeSymmetric: true });
    const refValues = evd.realEigenvalues.slice().reverse(); // ml-matrix sorts ascending
    expect(relErr(values, refValues)).toBeLessThan(1e-12);
    for (let j = 1; j < 7; j++) expect(values[j - 1]).toBeGreaterThanOrEqual(values[j]);
    const refVectors = evd.eigenvectorMatrix;
    for (let j = 0; j < 7; j++) {
      const mine = Array.from({ length: 7 }, (_, i) => vectors.data[i * 7 + j]);
      const theirs = refVectors.getColumn(6 - j);
      const sign = Math.sign(dot(mine, theirs));
      expect(relErr(mine.map((v) => v * sign), theirs)).toBeLessThan(1e-10);
    }
    const av = matmul(a, vectors);
    for (let i = 0; i < 7; i++) for (let j = 0; j < 7; j++) expect(av.data[i * 7 + j]).toBeCloseTo(vectors.data[i * 7 + j] * values[j], 10);
    // V is orthogonal
    const vtv = matmul(transpose(vectors), vectors);
    expect(relErr(vtv.data, identity(7).data)).toBeLessThan(1e-12);
  });

  it('hand-computed 2 x 2: [[2, 1], [1, 2]] has eigenvalues 3 and 1', () => {
    const { values, vectors } = symmetricEigen(fromRows([[2, 1], [1, 2]]));
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    expect(Math.abs(vectors.data[0])).toBeCloseTo(Math.SQRT1_2, 14);
  });

  it('rejects non-square and non-symmetric input', () => {
    expect(() => symmetricEigen(fromRows([[1, 2]]))).toThrow(RangeError);
    expect(() => symmetricEigen(fromRows([[1, 2], [3, 4]]))).toThrow(/symmetric/);
  });
});

describe('column statistics (against ml-matrix, 1e-12 relative)', () => {
  const rng = new Rng(4);
  const x = randomMatrix(rng, 20, 4);
  const X = new MlMatrix(toRows(x));

  it('columnMeans, columnStd (sample and population), covariance', () => {
    expect(relErr(columnMeans(x), X.mean('column'))).toBeLessThan(1e-12);
    expect(relErr(columnStd(x), X.standardDeviation('column'))).toBeLessThan(1e-12);
    expect(relErr(columnStd(x, 0), X.standardDeviation('column', { unbiased: false }))).toBeLessThan(1e-12);
    const centred = X.clone().subRowVector(X.mean('column'));
    expect(relErr(covariance(x).data, flat(centred.transpose().mmul(centred).div(19)))).toBeLessThan(1e-12);
  });

  it('too few rows throw RangeError', () => {
    expect(() => columnMeans(matrix(0, 3))).toThrow(RangeError);
    expect(() => columnStd(fromRows([[1, 2]]))).toThrow(/expected more than 1 rows, got 1/);
  });
});
