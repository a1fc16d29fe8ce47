// The 12 katas required by the katas issue (exact ids and signatures), in question-bank section order.
import adamStep from './adam-step';
import attention from './attention';
import conv2d from './conv2d';
import crossEntropyGrad from './cross-entropy-grad';
import denseBackward from './dense-backward';
import giniSplit from './gini-split';
import kmeans from './kmeans';
import knn from './knn';
import logisticGd from './logistic-gd';
import rocAuc from './roc-auc';
import softmax from './softmax';
import topP from './top-p';
import type { Kata } from './types';

export const CORE_KATAS: readonly Kata[] = [softmax, crossEntropyGrad, kmeans, rocAuc, logisticGd, denseBackward, conv2d, attention, giniSplit, knn, adamStep, topP];
