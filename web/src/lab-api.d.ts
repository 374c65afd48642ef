// Type declarations for the lab part of the bitruler API (web/src/lab-api.js): distribution
// families on the integers (the common ruler) and the learning lab. core.d.ts merges LabApi
// into the object load() resolves to. Hand-written; checked by tsc with the usage file.

import type { Base } from './core.js';

/** A Gaussian N(mu, sigma^2) discretized to the integer bins [k - 1/2, k + 1/2). */
export interface GaussianFamily {
  kind: 'gaussian';
  mu: number;
  /** Standard deviation, in [0.001, 1e5]; sigma <= 0 is OUT_OF_RANGE. */
  sigma: number;
  /** Restrict to k >= 0 and renormalize by P(X >= -1/2). Default false (all integers). */
  naturals?: boolean;
}
export interface PoissonFamily {
  kind: 'poisson';
  /** Rate in [0, 1e9]; lambda < 0 is OUT_OF_RANGE. */
  lambda: number;
}
export interface BinomialFamily {
  kind: 'binomial';
  /** Whole number of trials in [0, 1e9]. */
  n: number;
  /** Success probability in [0, 1]. */
  p: number;
}
export interface GeometricFamily {
  kind: 'geometric';
  /** Success probability in [1e-4, 1]; k counts the failures before the first success. */
  p: number;
}
export type Family = GaussianFamily | PoissonFamily | BinomialFamily | GeometricFamily;

export interface FamilyPmf {
  /** The integer of mass[0]. */
  first: number;
  /** Masses of first, first + 1, ... (all but < 1e-17 of each tail; a Gaussian's tails are folded into the end bins). */
  mass: Float64Array;
  /** Mean of the distribution on the integers. */
  mean: number;
}

export interface BaseOptions {
  /** Logarithm base of the result. Default 'bit' (2). */
  base?: Base;
}

export interface GaussianKlOptions extends BaseOptions {
  /** When given, the numeric sum over bins of this width instead of the closed form. */
  binWidth?: number;
}

export interface PoissonFit {
  /** The minimizing rate, E_P[k]. */
  lambda: number;
  /** D(P || Poisson(lambda)) at that rate. */
  kl: number;
}

export interface LabDataOptions {
  /** Number of samples, a whole number from 1 to 1,000,000. Default 1000. */
  n?: number;
  /** Seed, a whole number from 0 to 2^53 - 1. Default 1. */
  seed?: number;
}

export interface LabModelOptions extends LabDataOptions, BaseOptions {
  /** Polynomial degree of the model's features (the capacity): 1, 2 or 3. Default 1. */
  degree?: number;
  /** Parameters, 3 (degree + 1) numbers; zeros (the uniform model) when absent. */
  theta?: readonly number[] | Float64Array;
  /** Number of the step theta is at. Default 0. */
  step?: number;
}

export interface LabTrainOptions extends LabModelOptions {
  /** Gradient-descent rate on the loss in nats, in (0, 1000]. Default 1. */
  learningRate?: number;
  /** Steps to take in this call, 0 to 100,000. Default 1. */
  steps?: number;
}

/** Metrics of one step, in the requested base. */
export interface LabStep {
  step: number;
  /** -(1/N) sum log Q(y_n | x_n). */
  trainLoss: number;
  /** H(P_data, Q_theta), averaged over x. */
  crossEntropy: number;
  /** H(P_data): the floor the cross-entropy cannot go under. */
  entropy: number;
  /** D(P_data || Q_theta) = crossEntropy - entropy. */
  kl: number;
  /** crossEntropy - (entropy + kl), at most 1e-12 in size. */
  identityResidual: number;
  /** sum log Q(y_n | x_n) = -N trainLoss. */
  logLikelihood: number;
  /** prod Q(y_n | x_n); 0 when it underflows (large N). */
  likelihood: number;
}

/** One Float64Array per quantity, one entry per step taken, and theta after the last step. */
export interface LabTrainRun {
  theta: Float64Array;
  /** The run stopped early: step divergedAt would have made theta or a metric non-finite. */
  diverged: boolean;
  /** The first step that would not be finite (0 when diverged is false). */
  divergedAt: number;
  step: Float64Array;
  trainLoss: Float64Array;
  crossEntropy: Float64Array;
  entropy: Float64Array;
  kl: Float64Array;
  identityResidual: Float64Array;
  logLikelihood: Float64Array;
  likelihood: Float64Array;
}

export interface LabDataset {
  /** Rating differences in [-3, 3]. */
  x: Float64Array;
  /** Outcomes: 0 win, 1 draw, 2 loss. */
  y: Int32Array;
}

export interface LabApi {
  /** @throws {BitRulerError} TYPE, NOT_FINITE, OUT_OF_RANGE */
  familyPmf(family: Family): FamilyPmf;
  /** D(P‖Q) on the integers; Infinity when Q has no mass where P has some. @throws {BitRulerError} TYPE, NOT_FINITE, OUT_OF_RANGE, BAD_BASE */
  familyKl(P: Family, Q: Family, options?: BaseOptions): number;
  /** @throws {BitRulerError} TYPE, NOT_FINITE, OUT_OF_RANGE (P has mass on negative integers), BAD_BASE */
  fitPoisson(P: Family, options?: BaseOptions): PoissonFit;
  /** @throws {BitRulerError} TYPE, NOT_FINITE, OUT_OF_RANGE, BAD_BASE */
  gaussianKl(mu1: number, sigma1: number, mu2: number, sigma2: number, options?: GaussianKlOptions): number;
  /** @throws {BitRulerError} TYPE, NOT_FINITE, OUT_OF_RANGE */
  labDataset(options?: LabDataOptions): LabDataset;
  /** [win, draw, loss] per x, flattened. @throws {BitRulerError} TYPE, NOT_FINITE */
  labTrueConditional(xs: readonly number[] | Float64Array): Float64Array;
  /** @throws {BitRulerError} TYPE, NOT_FINITE, OUT_OF_RANGE, LENGTH_MISMATCH */
  labModelConditional(theta: readonly number[] | Float64Array, degree: number, xs: readonly number[] | Float64Array): Float64Array;
  /** @throws {BitRulerError} TYPE, OUT_OF_RANGE */
  labParameterCount(degree: number): number;
  /** @throws {BitRulerError} TYPE, NOT_FINITE, OUT_OF_RANGE, LENGTH_MISMATCH, BAD_BASE */
  labEvaluate(options?: LabModelOptions): LabStep;
  /** Stops early, with diverged = true, instead of reporting a non-finite number. @throws {BitRulerError} TYPE, NOT_FINITE, OUT_OF_RANGE, LENGTH_MISMATCH, BAD_BASE */
  labTrain(options?: LabTrainOptions): LabTrainRun;
}
