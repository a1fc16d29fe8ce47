// Types for the ml.js reference packages that ship none (ml-cart@2.1.1, ml-knn@3.0.0, ml-naivebayes@4.0.0, ml-svm@2.1.2); only what tests and bench use.
declare module 'ml-cart' {
  /** A trained node as ml-cart stores it (internal nodes have left/right, leaves a distribution). */
  export interface CartNode {
    splitColumn?: number;
    splitValue?: number;
    gain?: number;
    numberSamples?: number;
    left?: CartNode;
    right?: CartNode;
    /** Classifier leaves: a 1 x K ml-matrix of class shares; regression leaves: the mean. */
    distribution?: { to1DArray(): number[] } | number;
  }
  export interface CartOptions {
    gainFunction?: 'gini' | 'regression';
    splitFunction?: 'mean';
    minNumSamples?: number;
    maxDepth?: number;
    gainThreshold?: number;
  }
  export class DecisionTreeClassifier {
    constructor(options?: CartOptions);
    root: CartNode;
    train(x: number[][], y: number[]): void;
    predict(x: number[][]): number[];
  }
  export class DecisionTreeRegression {
    constructor(options?: CartOptions);
    root: CartNode;
    train(x: number[][], y: number[]): void;
    predict(x: number[][]): number[];
  }
}

declare module 'ml-knn' {
  export default class KNN {
    constructor(dataset: number[][], labels: number[], options?: { k?: number; distance?: (a: number[], b: number[]) => number });
    k: number;
    kdTree: { nearest(point: number[], k: number): [number[], number][] };
    predict(dataset: number[][]): number[];
  }
}

declare module 'ml-naivebayes' {
  export class GaussianNB {
    train(x: number[][], y: number[]): void;
    predict(x: number[][]): number[];
    means: number[][];
    /** Per class: [log prior, [1 / (sqrt(2 pi) std), -2 std^2] per feature]. */
    calculateProbabilities: [number, ...[number, number][]][];
  }
  export class MultinomialNB {
    train(x: number[][], y: number[]): void;
    predict(x: number[][]): number[];
    priorProbability: { to1DArray(): number[] };
    conditionalProbability: { to2DArray(): number[][] };
  }
}

declare module 'ml-svm' {
  export default class SVM {
    constructor(options?: { C?: number; tol?: number; maxPasses?: number; maxIterations?: number; kernel?: string; kernelOptions?: { sigma?: number }; whitening?: boolean; random?: () => number; alphaTol?: number });
    train(features: number[][], labels: number[]): void;
    predict(features: number[][]): number[];
    /** Linear kernel only: the weights after training (decision = W . x + b). */
    W: number[];
    b: number;
    /** Decision values sum_i alpha_i y_i K(x_i, x) + b of the rows. */
    margin(features: number[][]): number[];
    /** Training-row indices with alpha > alphaTol. */
    supportVectors(): number[];
  }
}
