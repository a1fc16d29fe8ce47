// The further katas that cover every question-bank section (added one import per kata, kept apart from the core list).
import abZTest from './ab-z-test';
import activationBackward from './activation-backward';
import averagePrecision from './average-precision';
import bayesPosterior from './bayes-posterior';
import batchnormBackward from './batchnorm-backward';
import benjaminiHochberg from './benjamini-hochberg';
import batchnormForward from './batchnorm-forward';
import bceWithLogits from './bce-with-logits';
import biasVariance from './bias-variance';
import boxIou from './box-iou';
import confusionMatrix from './confusion-matrix';
import convOutputSize from './conv-output-size';
import dropout from './dropout';
import entropy from './entropy';
import f1Average from './f1-average';
import infoNce from './info-nce';
import informationGain from './information-gain';
import initStd from './init-std';
import dpoLoss from './dpo-loss';
import kFold from './k-fold';
import klDivergence from './kl-divergence';
import ksStatistic from './ks-statistic';
import lasso from './lasso';
import loraForward from './lora-forward';
import lstmStep from './lstm-step';
import maxPool from './max-pool';
import naiveBayes from './naive-bayes';
import ndcgAtK from './ndcg-at-k';
import momentumStep from './momentum-step';
import pca from './pca';
import perceptron from './perceptron';
import polynomialFeatures from './polynomial-features';
import positionalEncoding from './positional-encoding';
import psi from './psi';
import qUpdate from './q-update';
import receptiveField from './receptive-field';
import ridge from './ridge';
import rmspropStep from './rmsprop-step';
import sampleSize from './sample-size';
import stratifiedKfold from './stratified-kfold';
import tfIdf from './tf-idf';
import ucb1 from './ucb1';
import valueIteration from './value-iteration';
import warmupCosine from './warmup-cosine';
import perplexity from './perplexity';
import type { Kata } from './types';
import rope from './rope';
import beamSearch from './beam-search';
import groupKFold from './group-k-fold';
import priorCorrection from './prior-correction';
import smoteSample from './smote-sample';
import walkForwardSplit from './walk-forward-split';
import oofTargetEncoding from './oof-target-encoding';
import imputeWithIndicator from './impute-with-indicator';
import bpeMergeStep from './bpe-merge-step';
import shapleyExact from './shapley-exact';
import permutationImportanceKata from './permutation-importance';
import xgbSplitGain from './xgb-split-gain';
import dbscanKata from './dbscan';
import silhouetteKata from './silhouette';
import ldaPredict from './lda-predict';
import rbfKernelMatrix from './rbf-kernel-matrix';
import smoPairUpdateKata from './smo-pair-update';
import peakQpsReplicas from './peak-qps-replicas';
import latencyPercentile from './latency-percentile';
import diffusionForward from './diffusion-forward';
import ganLoss from './gan-loss';
import tsneAffinities from './tsne-affinities';
import tsneGradient from './tsne-gradient';
import vaeKl from './vae-kl';
import vaeElbo from './vae-elbo';
import alsHalfStep from './als-half-step';
import ipsCtr from './ips-ctr';

export const CONTENT_KATAS: readonly Kata[] = [
  // paradigms
  qUpdate, valueIteration, ucb1,
  // bias-variance
  kFold, biasVariance, polynomialFeatures,
  // regularization
  ridge, lasso, dropout,
  // neural-networks
  activationBackward, initStd, bceWithLogits, batchnormForward, batchnormBackward,
  // optimization
  momentumStep, rmspropStep, warmupCosine,
  // metrics
  confusionMatrix, boxIou, f1Average, averagePrecision, stratifiedKfold,
  // architectures
  convOutputSize, maxPool, positionalEncoding, receptiveField, lstmStep,
  // mlops
  psi, ksStatistic, abZTest,
  // algorithms
  perceptron, naiveBayes, tfIdf, pca,
  // probability-and-formulas
  entropy, klDivergence, bayesPosterior, informationGain,
  // language-models
  rope, beamSearch, bpeMergeStep,
  loraForward, dpoLoss,
  perplexity,
  // retrieval
  ndcgAtK, infoNce,
  // data-and-features
  walkForwardSplit, groupKFold, priorCorrection, smoteSample, oofTargetEncoding, imputeWithIndicator,
  xgbSplitGain, shapleyExact, permutationImportanceKata,
  // experimentation
  sampleSize, benjaminiHochberg,
  // algorithms: discriminant analysis and clustering
  dbscanKata, silhouetteKata, ldaPredict,
  // algorithms: margins and kernels (lesson 26)
  rbfKernelMatrix, smoPairUpdateKata,
  // system-design
  peakQpsReplicas, latencyPercentile,
  // architectures: GANs and diffusion (lesson 30)
  diffusionForward, ganLoss,
  // algorithms (lesson 28)
  tsneAffinities, tsneGradient,
  // architectures: generative models
  vaeKl, vaeElbo,
  // recommenders
  alsHalfStep, ipsCtr,
];
