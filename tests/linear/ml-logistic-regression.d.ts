// Types for ml-logistic-regression@2.0.0 (the package ships none); only what the tests use.
declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix';

  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    /** X: n x d features (no intercept column is added), Y: n x 1 class indices. */
    train(X: Matrix, Y: Matrix): void;
    predict(X: Matrix): number[];
    /** One two-class model per class; classifier i learns P(label != i) with weights (1 x d). */
    classifiers: { weights: Matrix }[];
  }
}
