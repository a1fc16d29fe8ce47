// The shapes every dataset loader and synthetic generator returns: classification, regression and image sets.

/** A labelled classification set. Row i of `x` has class `y[i]`, whose name is `classNames[y[i]]`. */
export interface ClassificationData {
  /** n x d row-major features: feature j of row i is `x[i * d + j]`. */
  x: Float64Array;
  /** n class indices in `0 .. classNames.length - 1`. */
  y: Int32Array;
  /** Number of rows. */
  n: number;
  /** Number of features per row. */
  d: number;
  /** d names, one per column of `x`. */
  featureNames: string[];
  /** The class names, indexed by the values in `y`. */
  classNames: string[];
}

/** A regression set: row i of `x` has the real-valued target `y[i]`. */
export interface RegressionData {
  /** n x d row-major features: feature j of row i is `x[i * d + j]`. */
  x: Float64Array;
  /** n targets. */
  y: Float64Array;
  /** Number of rows. */
  n: number;
  /** Number of features per row. */
  d: number;
  /** d names, one per column of `x`. */
  featureNames: string[];
  /** What `y` measures. */
  targetName: string;
}

/**
 * A set of grey-scale images with class labels (named `ImageDataset` rather than `ImageData` so it never
 * shadows the browser's `ImageData`).
 */
export interface ImageDataset {
  /** n x (height * width) row-major pixels in [0, 1]; pixel (r, c) of image i is `x[i * height * width + r * width + c]`. */
  x: Float32Array;
  /** n class indices in `0 .. classNames.length - 1`. */
  y: Int32Array;
  /** Number of images. */
  n: number;
  /** Image width in pixels. */
  width: number;
  /** Image height in pixels. */
  height: number;
  /** The class names, indexed by the values in `y`. */
  classNames: string[];
}
