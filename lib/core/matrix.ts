// Small dense linear algebra on row-major Float64Array matrices: checks, products, solves, Jacobi eigendecomposition, column statistics.

/**
 * A dense matrix stored row-major: element (i, j) is `data[i * cols + j]`.
 * `rows x cols` is the shape; `data.length === rows * cols`.
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** What the lib accepts as a matrix: a {@link Matrix}, or an array of equal-length rows (`number[][]`, `Float64Array[]`). */
export type MatrixLike = Matrix | ReadonlyArray<ArrayLike<number>>;

/** What the lib accepts as a vector. */
export type VectorLike = ArrayLike<number>;

/** A `rows x cols` matrix, zero-filled or wrapping `data` (not copied). */
export function matrix(rows: number, cols: number, data?: Float64Array): Matrix {
  if (!Number.isInteger(rows) || rows < 0) throw new RangeError(`expected a non-negative integer number of rows, got rows = ${rows}`);
  if (!Number.isInteger(cols) || cols < 0) throw new RangeError(`expected a non-negative integer number of cols, got cols = ${cols}`);
  if (data === undefined) return { rows, cols, data: new Float64Array(rows * cols) };
  if (!(data instanceof Float64Array)) throw new TypeError('expected data to be a Float64Array');
  if (data.length !== rows * cols) throw new RangeError(`expected data of length ${rows} x ${cols} = ${rows * cols}, got ${data.length}`);
  return { rows, cols, data };
}

/** The n x n identity. */
export function identity(n: number): Matrix {
  const m = matrix(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

/** True when `x` has the {@link Matrix} shape (rows, cols, Float64Array data of the right length). */
export function isMatrix(x: unknown): x is Matrix {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Partial<Matrix>;
  return typeof m.rows === 'number' && typeof m.cols === 'number' && m.data instanceof Float64Array;
}

/**
 * Checks and converts a matrix argument. A {@link Matrix} is returned as is (not copied; callers must not
 * mutate it); an array of rows is copied into a new Matrix.
 * @param x - n x d, a Matrix or an array of n rows of length d
 * @param name - the argument's name, used in error messages
 * @throws TypeError when `x` is not a matrix or an array of numeric rows
 * @throws RangeError when rows have different lengths, or (unless `allowNonFinite`) a value is NaN or infinite
 */
export function asMatrix(x: unknown, name = 'x', allowNonFinite = false): Matrix {
  let m: Matrix;
  if (isMatrix(x)) {
    if (!Number.isInteger(x.rows) || !Number.isInteger(x.cols) || x.rows < 0 || x.cols < 0 || x.data.length !== x.rows * x.cols) {
      throw new RangeError(`expected ${name}.data of length rows x cols = ${x.rows} x ${x.cols}, got ${x.data.length}`);
    }
    m = x;
  } else if (Array.isArray(x)) {
    const rows = x.length;
    const first: unknown = rows > 0 ? x[0] : [];
    if (!isNumericRow(first)) throw new TypeError(`expected ${name} to be a matrix (array of numeric rows), got row 0 of type ${describe(first)}`);
    const cols = first.length;
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const row: unknown = x[i];
      if (!isNumericRow(row)) throw new TypeError(`expected ${name} to be a matrix (array of numeric rows), got row ${i} of type ${describe(row)}`);
      if (row.length !== cols) throw new RangeError(`expected every row of ${name} to have ${cols} columns, got ${row.length} in row ${i}`);
      for (let j = 0; j < cols; j++) {
        const v = row[j];
        if (typeof v !== 'number') throw new TypeError(`expected numbers in ${name}, got ${describe(v)} at row ${i}, column ${j}`);
        data[i * cols + j] = v;
      }
    }
    m = { rows, cols, data };
  } else {
    throw new TypeError(`expected ${name} to be a matrix ({rows, cols, data: Float64Array} or an array of rows), got ${describe(x)}`);
  }
  if (!allowNonFinite) assertFinite(m.data, name, m.cols);
  return m;
}

/**
 * {@link asMatrix} for the data a fitted model is applied to, which must have the columns it was fitted on.
 * @param cols - the number of columns seen in fit
 * @throws RangeError when the column count differs: "expected x with 4 columns (as in fit), got 3"
 */
export function asFittedInput(x: unknown, cols: number, name = 'x', allowNonFinite = false): Matrix {
  const X = asMatrix(x, name, allowNonFinite);
  if (X.cols !== cols) throw new RangeError(`expected ${name} with ${cols} columns (as in fit), got ${X.cols}`);
  return X;
}

/**
 * Checks and converts a vector argument into a Float64Array (a Float64Array is returned as is, not copied).
 * @throws TypeError when `v` is not an array-like of numbers
 * @throws RangeError when `expectedLength` is given and differs, or a value is NaN or infinite
 */
export function asVector(v: unknown, name = 'y', expectedLength?: number, allowNonFinite = false): Float64Array {
  let out: Float64Array;
  if (v instanceof Float64Array) out = v;
  else if (isNumericRow(v)) {
    out = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const value = v[i];
      if (typeof value !== 'number') throw new TypeError(`expected numbers in ${name}, got ${describe(value)} at index ${i}`);
      out[i] = value;
    }
  } else throw new TypeError(`expected ${name} to be an array or typed array of numbers, got ${describe(v)}`);
  if (expectedLength !== undefined && out.length !== expectedLength) {
    throw new RangeError(`expected ${name} to have ${expectedLength} values (one per sample), got ${out.length}`);
  }
  if (!allowNonFinite) assertFinite(out, name);
  return out;
}

/** Throws a RangeError naming the first NaN or infinite entry (as row/column when `cols` is given). */
export function assertFinite(values: ArrayLike<number>, name: string, cols?: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      const where = cols !== undefined && cols > 0 ? `row ${Math.floor(i / cols)}, column ${i % cols}` : `index ${i}`;
      throw new RangeError(`expected finite values in ${name}, got ${v} at ${where}`);
    }
  }
}

function isNumericRow(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  if (typeof x === 'object') return (x as object).constructor?.name ?? 'object';
  return typeof x;
}

/** A matrix from an array of equal-length rows (copied). */
export function fromRows(rows: ReadonlyArray<ArrayLike<number>>): Matrix {
  return asMatrix(rows, 'rows', true);
}

/** The rows of a matrix as plain arrays (for printing, plotting, or reference libraries). */
export function toRows(m: Matrix): number[][] {
  const out: number[][] = new Array<number[]>(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));
  return out;
}

/** Row i as a view (no copy) into the matrix data. */
export function row(m: Matrix, i: number): Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/** Column j (copied). */
export function column(m: Matrix, j: number): Float64Array {
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = m.data[i * m.cols + j];
  return out;
}

/** A deep copy. */
export function clone(m: Matrix): Matrix {
  return { rows: m.rows, cols: m.cols, data: m.data.slice() };
}

/** The transpose: cols x rows. */
export function transpose(a: Matrix): Matrix {
  const { rows, cols, data } = a;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) out[j * rows + i] = data[base + j];
  }
  return { rows: cols, cols: rows, data: out };
}

/**
 * The product A B.
 * @param a - n x m
 * @param b - m x p
 * @returns n x p
 */
export function matmul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new RangeError(`matmul: expected a.cols === b.rows, got ${a.rows} x ${a.cols} times ${b.rows} x ${b.cols}`);
  const n = a.rows, m = a.cols, p = b.cols;
  const A = a.data, B = b.data;
  const out = new Float64Array(n * p);
  // i-k-j order: the inner loop walks rows of B and C contiguously.
  for (let i = 0; i < n; i++) {
    const ci = i * p;
    for (let k = 0; k < m; k++) {
      const aik = A[i * m + k];
      if (aik === 0) continue;
      const bk = k * p;
      for (let j = 0; j < p; j++) out[ci + j] += aik * B[bk + j];
    }
  }
  return { rows: n, cols: p, data: out };
}

/**
 * A v.
 * @param a - n x m
 * @param v - length m
 * @returns length n
 */
export function matvec(a: Matrix, v: ArrayLike<number>): Float64Array {
  if (a.cols !== v.length) throw new RangeError(`matvec: expected a vector of length ${a.cols}, got ${v.length}`);
  const out = new Float64Array(a.rows);
  const A = a.data, m = a.cols;
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    const base = i * m;
    for (let j = 0; j < m; j++) s += A[base + j] * v[j];
    out[i] = s;
  }
  return out;
}

/**
 * A^T v, without forming the transpose.
 * @param a - n x m
 * @param v - length n
 * @returns length m
 */
export function matTvec(a: Matrix, v: ArrayLike<number>): Float64Array {
  if (a.rows !== v.length) throw new RangeError(`matTvec: expected a vector of length ${a.rows}, got ${v.length}`);
  const m = a.cols, A = a.data;
  const out = new Float64Array(m);
  for (let i = 0; i < a.rows; i++) {
    const vi = v[i];
    if (vi === 0) continue;
    const base = i * m;
    for (let j = 0; j < m; j++) out[j] += A[base + j] * vi;
  }
  return out;
}

/**
 * The Gram matrix A^T A (symmetric, computed once per pair).
 * @param a - n x m
 * @returns m x m
 */
export function gram(a: Matrix): Matrix {
  const n = a.rows, m = a.cols, A = a.data;
  const out = new Float64Array(m * m);
  for (let i = 0; i < n; i++) {
    const base = i * m;
    for (let j = 0; j < m; j++) {
      const aij = A[base + j];
      if (aij === 0) continue;
      for (let k = j; k < m; k++) out[j * m + k] += aij * A[base + k];
    }
  }
  for (let j = 0; j < m; j++) for (let k = j + 1; k < m; k++) out[k * m + j] = out[j * m + k];
  return { rows: m, cols: m, data: out };
}

/** Dot product of two equal-length vectors. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`dot: expected equal lengths, got ${a.length} and ${b.length}`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Euclidean norm. */
export function norm(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

/** x with a leading column of ones (the intercept column of a design matrix): n x (d + 1). */
export function addOnesColumn(x: Matrix): Matrix {
  const n = x.rows, d = x.cols;
  const out = new Float64Array(n * (d + 1));
  for (let i = 0; i < n; i++) {
    out[i * (d + 1)] = 1;
    out.set(x.data.subarray(i * d, (i + 1) * d), i * (d + 1) + 1);
  }
  return { rows: n, cols: d + 1, data: out };
}

/**
 * Cholesky factor L (lower triangular, A = L L^T) of a symmetric positive-definite matrix.
 * @param a - n x n, symmetric (only the lower triangle is read)
 * @throws RangeError when A is not positive definite
 */
export function cholesky(a: Matrix): Matrix {
  if (a.rows !== a.cols) throw new RangeError(`cholesky: expected a square matrix, got ${a.rows} x ${a.cols}`);
  const n = a.rows, A = a.data;
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let s = A[j * n + j];
    for (let k = 0; k < j; k++) s -= L[j * n + k] * L[j * n + k];
    if (!(s > 0)) throw new RangeError(`cholesky: expected a positive-definite matrix, got pivot ${s} at row ${j} (singular or indefinite)`);
    const ljj = Math.sqrt(s);
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let t = A[i * n + j];
      for (let k = 0; k < j; k++) t -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = t / ljj;
    }
  }
  return { rows: n, cols: n, data: L };
}

/** Solves L z = b by forward substitution for lower-triangular L (n x n row-major data). */
export function forwardSubstitution(L: ArrayLike<number>, n: number, b: ArrayLike<number>): Float64Array {
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * z[k];
    z[i] = s / L[i * n + i];
  }
  return z;
}

/** Solves L^T x = z by back substitution for lower-triangular L (n x n row-major data), without forming L^T. */
export function backSubstitution(L: ArrayLike<number>, n: number, z: ArrayLike<number>): Float64Array {
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k];
    x[i] = s / L[i * n + i];
  }
  return x;
}

/**
 * Solves A x = b for symmetric positive-definite A by Cholesky (A = L L^T, then two triangular solves).
 * @param a - n x n SPD
 * @param b - length n
 */
export function choleskySolve(a: Matrix, b: ArrayLike<number>): Float64Array {
  const L = cholesky(a);
  const n = a.rows;
  if (b.length !== n) throw new RangeError(`choleskySolve: expected b of length ${n}, got ${b.length}`);
  return backSubstitution(L.data, n, forwardSubstitution(L.data, n, b));
}

/** An LU factorisation with partial pivoting: P A = L U, stored packed (L below the diagonal with unit diagonal, U on and above). */
export interface LU {
  readonly lu: Matrix;
  /** pivot[i] = the row of A that ended up in row i. */
  readonly pivot: Int32Array;
  /** +1 or -1, the sign of the permutation. */
  readonly sign: number;
}

/**
 * LU decomposition with partial pivoting.
 * @param a - n x n
 * @throws RangeError when A is singular (a zero pivot, relative to the largest entry)
 */
export function luDecompose(a: Matrix): LU {
  if (a.rows !== a.cols) throw new RangeError(`luDecompose: expected a square matrix, got ${a.rows} x ${a.cols}`);
  const n = a.rows;
  const M = a.data.slice();
  const pivot = new Int32Array(n);
  for (let i = 0; i < n; i++) pivot[i] = i;
  let sign = 1;
  let scale = 0;
  for (let i = 0; i < M.length; i++) scale = Math.max(scale, Math.abs(M[i]));
  const tiny = scale * n * Number.EPSILON;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(M[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(M[i * n + k]);
      if (v > best) { best = v; p = i; }
    }
    if (!(best > tiny)) throw new RangeError(`luDecompose: expected a non-singular matrix, got a zero pivot in column ${k}`);
    if (p !== k) {
      for (let j = 0; j < n; j++) { const t = M[k * n + j]; M[k * n + j] = M[p * n + j]; M[p * n + j] = t; }
      const t = pivot[k]; pivot[k] = pivot[p]; pivot[p] = t;
      sign = -sign;
    }
    const ukk = M[k * n + k];
    for (let i = k + 1; i < n; i++) {
      const f = (M[i * n + k] /= ukk);
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) M[i * n + j] -= f * M[k * n + j];
    }
  }
  return { lu: { rows: n, cols: n, data: M }, pivot, sign };
}

/** Solves A x = b given the LU factorisation of A. */
export function luSolve(f: LU, b: ArrayLike<number>): Float64Array {
  const n = f.lu.rows, M = f.lu.data;
  if (b.length !== n) throw new RangeError(`luSolve: expected b of length ${n}, got ${b.length}`);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[f.pivot[i]];
    for (let k = 0; k < i; k++) s -= M[i * n + k] * x[k];
    x[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= M[i * n + k] * x[k];
    x[i] = s / M[i * n + i];
  }
  return x;
}

/**
 * Solves the square system A x = b (LU with partial pivoting). For a matrix right-hand side B (n x p), solves
 * column by column and returns X (n x p).
 * @param a - n x n, non-singular
 * @param b - length n, or n x p
 */
export function solve(a: Matrix, b: ArrayLike<number>): Float64Array;
export function solve(a: Matrix, b: Matrix): Matrix;
export function solve(a: Matrix, b: ArrayLike<number> | Matrix): Float64Array | Matrix {
  const f = luDecompose(a);
  if (!isMatrix(b)) return luSolve(f, b);
  if (b.rows !== a.rows) throw new RangeError(`solve: expected B with ${a.rows} rows, got ${b.rows}`);
  const out = matrix(b.rows, b.cols);
  for (let j = 0; j < b.cols; j++) {
    const xj = luSolve(f, column(b, j));
    for (let i = 0; i < b.rows; i++) out.data[i * b.cols + j] = xj[i];
  }
  return out;
}

/** Determinant via LU (0 for a singular matrix). */
export function determinant(a: Matrix): number {
  let f: LU;
  try {
    f = luDecompose(a);
  } catch (e) {
    if (e instanceof RangeError && a.rows === a.cols) return 0;
    throw e;
  }
  let det = f.sign;
  for (let i = 0; i < a.rows; i++) det *= f.lu.data[i * a.rows + i];
  return det;
}

/** Eigenvalues (descending) and matching unit eigenvectors of a symmetric matrix. */
export interface SymmetricEigen {
  /** Length n, sorted from largest to smallest. */
  readonly values: Float64Array;
  /** n x n; column j is the unit eigenvector for values[j]. */
  readonly vectors: Matrix;
  /** Jacobi sweeps used. */
  readonly sweeps: number;
}

export interface SymmetricEigenOptions {
  /** Stop when the off-diagonal Frobenius norm is below tolerance x the matrix's Frobenius norm. */
  tolerance: number;
  maxSweeps: number;
}

const eigenDefaults: SymmetricEigenOptions = { tolerance: 1e-15, maxSweeps: 100 };

/**
 * Eigendecomposition A = V diag(values) V^T of a symmetric matrix by the cyclic Jacobi method: each rotation zeroes
 * one off-diagonal pair; sweeps repeat until the off-diagonal mass is negligible. Accurate to machine precision and
 * simple; O(n^3) per sweep, meant for the small matrices here (covariance matrices of tens of features).
 * @param a - n x n symmetric (checked to 1e-10 relative)
 */
export function symmetricEigen(a: Matrix, options: Partial<SymmetricEigenOptions> = {}): SymmetricEigen {
  const opts = { ...eigenDefaults, ...options };
  const m = asMatrix(a, 'a');
  if (m.rows !== m.cols) throw new RangeError(`symmetricEigen: expected a square matrix, got ${m.rows} x ${m.cols}`);
  const n = m.rows;
  const A = m.data.slice();
  let total = 0;
  for (let i = 0; i < A.length; i++) total += A[i] * A[i];
  const fro = Math.sqrt(total);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(A[i * n + j] - A[j * n + i]) > 1e-10 * Math.max(fro, Number.MIN_VALUE)) {
        throw new RangeError(`symmetricEigen: expected a symmetric matrix, got a[${i}][${j}] = ${A[i * n + j]} but a[${j}][${i}] = ${A[j * n + i]}`);
      }
    }
  }
  const V = identity(n).data;
  let sweeps = 0;
  for (; sweeps < opts.maxSweeps; sweeps++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += 2 * A[i * n + j] * A[i * n + j];
    if (Math.sqrt(off) <= opts.tolerance * fro || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q];
        if (apq === 0) continue;
        const app = A[p * n + p], aqq = A[q * n + q];
        // Rotation angle that zeroes A[p][q] (Golub & Van Loan, Algorithm 8.4.1; stable form of t = tan(theta)).
        const tau = (aqq - app) / (2 * apq);
        const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k * n + p], akq = A[k * n + q];
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k], aqk = A[q * n + k];
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
        A[p * n + q] = 0;
        A[q * n + p] = 0;
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p], vkq = V[k * n + q];
          V[k * n + p] = c * vkp - s * vkq;
          V[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => A[j * n + j] - A[i * n + i]);
  const values = new Float64Array(n);
  const vectors = matrix(n, n);
  for (let j = 0; j < n; j++) {
    const src = order[j];
    values[j] = A[src * n + src];
    for (let i = 0; i < n; i++) vectors.data[i * n + j] = V[i * n + src];
  }
  return { values, vectors, sweeps };
}

/**
 * Column means.
 * @param x - n x d, n >= 1
 * @returns length d
 */
export function columnMeans(x: Matrix): Float64Array {
  if (x.rows === 0) throw new RangeError('columnMeans: expected at least 1 row, got 0');
  const n = x.rows, d = x.cols, X = x.data;
  const out = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[j] += X[i * d + j];
  for (let j = 0; j < d; j++) out[j] /= n;
  return out;
}

/**
 * Column standard deviations, sqrt(sum (x - mean)^2 / (n - ddof)). `ddof = 1` (default) is the sample standard
 * deviation; `ddof = 0` the population one.
 * @param x - n x d, n > ddof
 */
export function columnStd(x: Matrix, ddof = 1, means: Float64Array = columnMeans(x)): Float64Array {
  const n = x.rows, d = x.cols, X = x.data;
  if (n - ddof <= 0) throw new RangeError(`columnStd: expected more than ${ddof} rows, got ${n}`);
  const out = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const e = X[i * d + j] - means[j];
      out[j] += e * e;
    }
  }
  for (let j = 0; j < d; j++) out[j] = Math.sqrt(out[j] / (n - ddof));
  return out;
}

/**
 * Covariance matrix of the columns, sum (x_i - mean)(x_i - mean)^T / (n - ddof).
 * @param x - n x d
 * @returns d x d
 */
export function covariance(x: Matrix, ddof = 1): Matrix {
  const n = x.rows, d = x.cols;
  if (n - ddof <= 0) throw new RangeError(`covariance: expected more than ${ddof} rows, got ${n}`);
  const means = columnMeans(x);
  const centred = new Float64Array(x.data.length);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) centred[i * d + j] = x.data[i * d + j] - means[j];
  const c = gram({ rows: n, cols: d, data: centred });
  for (let i = 0; i < c.data.length; i++) c.data[i] /= n - ddof;
  return c;
}
