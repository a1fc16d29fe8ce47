// Input and option checks shared by the classic models (training matrices, tree growth limits).
import { asMatrix, type Matrix, type MatrixLike } from '../core/matrix';

/**
 * The training features as a checked matrix with at least one row and one column.
 * @param x - n x d row-major
 * @throws RangeError for no samples or no features
 */
export function asTrainingMatrix(x: MatrixLike): Matrix {
  const X = asMatrix(x, 'x');
  if (X.rows === 0) throw new RangeError('expected at least 1 sample, got 0');
  if (X.cols === 0) throw new RangeError('expected at least 1 feature, got 0');
  return X;
}

/** The growth limits common to classification and regression trees. */
export interface TreeGrowthLimits {
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  minImpurityDecrease: number;
}

/** Checks a tree's growth limits; throws RangeError naming the first bad one. */
export function checkTreeGrowthLimits(o: TreeGrowthLimits): void {
  if (!(o.maxDepth >= 0) || (Number.isFinite(o.maxDepth) && !Number.isInteger(o.maxDepth))) throw new RangeError(`expected maxDepth to be an integer >= 0 or Infinity, got maxDepth = ${o.maxDepth}`);
  if (!Number.isInteger(o.minSamplesSplit) || o.minSamplesSplit < 2) throw new RangeError(`expected minSamplesSplit to be an integer >= 2, got minSamplesSplit = ${o.minSamplesSplit}`);
  if (!Number.isInteger(o.minSamplesLeaf) || o.minSamplesLeaf < 1) throw new RangeError(`expected minSamplesLeaf to be an integer >= 1, got minSamplesLeaf = ${o.minSamplesLeaf}`);
  if (!(o.minImpurityDecrease >= 0) || !Number.isFinite(o.minImpurityDecrease)) throw new RangeError(`expected minImpurityDecrease >= 0, got minImpurityDecrease = ${o.minImpurityDecrease}`);
}
