// Type declarations for dist/core.js, the bitruler WebAssembly module's JavaScript API.
// Hand-written (Emscripten 3.1.6 cannot emit them) and checked by `tsc --noEmit` against
// tests/types/usage.ts. The lab functions are declared in lab-api.d.ts (shipped beside this).

import type { LabApi } from './lab-api.js';
export * from './lab-api.js';

/**
 * Error codes. The first nine come from the C++ core and describe bad input; `LOAD` means the
 * WebAssembly module itself could not be loaded (no WebAssembly, blocked, missing file).
 */
export type ErrorCode =
  | 'EMPTY'            // no outcomes, or empty text
  | 'TYPE'             // an argument of the wrong JavaScript type (string, undefined, object, ...)
  | 'NOT_FINITE'       // NaN or ±Infinity where a finite number is needed
  | 'NEGATIVE'         // a probability or weight below zero
  | 'NOT_NORMALIZED'   // probabilities that do not sum to 1 within 1e-9 (and normalize is false)
  | 'LENGTH_MISMATCH'  // P and Q of different lengths
  | 'OUT_OF_RANGE'     // a number outside its interval (p > 1, 150%, all-zero weights, n = 0, too many outcomes, no memory left)
  | 'BAD_BASE'         // a logarithm base that is not finite, <= 1, or an unknown name
  | 'PARSE'            // text that is not a probability / distribution (or is too long)
  | 'LOAD';            // the module could not be loaded

/** Every code a BitRulerError can carry, in the order above (the core's, then LOAD). */
export declare const ERROR_CODES: readonly ErrorCode[];

/** Options of the BitRulerError constructor: a cause and the optional details. */
export interface BitRulerErrorOptions {
  cause?: unknown;
  reason?: string;
  limit?: number;
  index?: number;
  start?: number;
  end?: number;
}

/**
 * Thrown by every API function on bad input; `message` is a clear English sentence. The details
 * are present only when they apply.
 */
export declare class BitRulerError extends Error {
  constructor(code: ErrorCode, message: string, options?: BitRulerErrorOptions);
  readonly name: 'BitRulerError';
  /** Stable code; the page localizes its messages by this. */
  readonly code: ErrorCode;
  /**
   * A finer stable key, e.g. 'TOO_LONG' (text over FACTS.maxInputBytes), 'LONE_SURROGATE',
   * 'TOO_MANY_OUTCOMES' (over FACTS.maxOutcomes), 'OUT_OF_MEMORY', 'ALL_ZERO', 'EXPECTED_NUMBER'.
   */
  readonly reason?: string;
  /** The bound that was crossed (e.g. 10000 bytes, the outcome limit). */
  readonly limit?: number;
  /** 0-based index of the offending entry of a list (array item or entry of a text). */
  readonly index?: number;
  /** Start of the offending part of the caller's text, in UTF-16 code units (as JS indexes strings). */
  readonly start?: number;
  /** End (exclusive) of that part, in UTF-16 code units. */
  readonly end?: number;
}

/**
 * The module's boundary facts, generated at build time from the C++ constants (also
 * `dist/facts.js`, and `api.facts` at run time). Deeply frozen.
 */
export interface Facts {
  /** The core's error codes in enum order (ERROR_CODES adds LOAD). */
  readonly errorCodes: readonly Exclude<ErrorCode, 'LOAD'>[];
  /** Longest text the parsers read, in UTF-8 bytes (10,000). */
  readonly maxInputBytes: number;
  /** Probabilities must sum to 1 within this unless normalize is set (1e-9). */
  readonly sumTolerance: number;
  /** Largest seed, 2^53 - 1. */
  readonly maxSeed: number;
  /** Logarithm bases must be greater than this (1). */
  readonly baseLowerBound: number;
  /** Most draws of sampleCoding (10^6). */
  readonly maxDraws: number;
  /** Ceiling of the WebAssembly heap in bytes. */
  readonly heapBytes: number;
  /** Most outcomes (per argument) each function accepts (README, "Limits"). */
  readonly maxOutcomes: {
    readonly entropy: number;
    readonly crossEntropy: number;
    readonly klDivergence: number;
    readonly infoTerms: number;
    readonly huffman: number;
    readonly expectedCodeLength: number;
    readonly sampleCoding: number;
    readonly labTrueConditional: number;
    readonly labModelConditional: number;
  };
  readonly families: {
    /** Family kinds, in the core's order. */
    readonly kinds: readonly ('gaussian' | 'poisson' | 'binomial' | 'geometric')[];
    /** Parameters of each kind, in the order of `kinds`. */
    readonly parameterCounts: readonly number[];
    readonly minSigma: number;
    readonly maxSigma: number;
    readonly maxAbsMu: number;
    readonly maxLambda: number;
    readonly maxBinomialN: number;
    readonly minGeometricP: number;
    /** Mass left beyond each end of a family's window. */
    readonly tailMass: number;
  };
  readonly lab: {
    readonly outcomes: number;
    readonly xMin: number;
    readonly xMax: number;
    readonly minDegree: number;
    readonly maxDegree: number;
    readonly minSamples: number;
    readonly maxSamples: number;
    readonly maxStepsPerCall: number;
    readonly maxLearningRate: number;
    readonly maxParameters: number;
    readonly maxStepNumber: number;
    /** Column names of labTrain's result, in the core's order. */
    readonly trainColumns: readonly ('step' | 'trainLoss' | 'crossEntropy' | 'entropy' | 'kl' | 'identityResidual' | 'logLikelihood' | 'likelihood')[];
  };
}

/** The boundary facts, available before load() (the same object as dist/facts.js). */
export declare const FACTS: Facts;

/** Named logarithm bases: bit = 2, nat = e, hartley = 10. */
export type BaseName = 'bit' | 'nat' | 'hartley';
/** A named base or any finite number > 1. Default 2 (bits). */
export type Base = BaseName | number;
export declare const BASES: Readonly<Record<BaseName, number>>;

/**
 * Probabilities or weights: a plain array of numbers or a Float64Array (the faster form for
 * large inputs: it is copied into the module in one block).
 */
export type Distribution = readonly number[] | Float64Array;

export interface InfoOptions {
  /** Logarithm base of the result. Default 'bit' (2). */
  base?: Base;
  /**
   * Rescale non-negative weights to sum to 1 (e.g. [2, 1, 1] -> [0.5, 0.25, 0.25]). Default
   * false: the input must already sum to 1 within 1e-9 and is used exactly as given.
   */
  normalize?: boolean;
}

export interface NormalizeOptions {
  /** As in InfoOptions: rescale weights to sum to 1. Default false. */
  normalize?: boolean;
}

/** An optimal (Huffman) prefix code of a distribution. */
export interface HuffmanCode {
  /** Code length in bits of each outcome; 0 for outcomes of probability 0. */
  lengths: number[];
  /** Codeword of each outcome, e.g. "10"; "" for outcomes of probability 0. */
  codewords: string[];
  /** Σ pᵢ·lengthᵢ in bits; H(P) <= expectedLength < H(P) + 1. */
  expectedLength: number;
}

export interface SampleCodingOptions extends NormalizeOptions {
  /** Number of draws, a whole number from 1 to 1,000,000. Default 1000. */
  n?: number;
  /** Seed of the generator, a whole number from 0 to 2^53 - 1. Default 1. Same seed, same run. */
  seed?: number;
}

/** Outcomes drawn from P, each encoded with the Huffman code built for Q. */
export interface CodingRun {
  /** Index of the outcome drawn at each step. */
  outcomes: Int32Array;
  /** Average code length in bits after each draw (length n). */
  runningMean: Float64Array;
  /** Σ pᵢ·len_Q(i): where runningMean settles (+Infinity if some pᵢ > 0 has no codeword). */
  crossCodeLength: number;
}

export interface MemoryStats {
  /** Size of the module's linear memory in bytes (grows, never shrinks). */
  heapBytes: number;
  /** Bytes currently allocated by malloc inside the module. */
  allocatedBytes: number;
  /** Top of the heap (sbrk): its high-water mark, which never comes down. */
  heapTopBytes: number;
  /** The module's shadow-stack pointer between calls (a call that unwound badly would lower it). */
  stackPointer: number;
  /** JavaScript values embind currently holds for C++ (a leak in the bindings grows it). */
  liveHandles: number;
}

/** A distribution as typed and as used (readDistribution). */
export interface DistributionText {
  /** The weights as typed ("3/2, 7, 100%" are weights). */
  weights: number[];
  /** The weights when they sum to 1 within FACTS.sumTolerance, else weights / sum. */
  probabilities: number[];
  /** Sum of the weights. */
  sum: number;
  /** probabilities differ from weights. */
  rescaled: boolean;
  /** [start, end) of each entry in the text, in UTF-16 code units. */
  spans: [number, number][];
}

/** One call's table: every outcome's terms and the totals they add up to (infoTerms). */
export interface InfoTerms {
  /** P as used (normalized when asked). */
  p: Float64Array;
  /** Q as used; null without Q. */
  q: Float64Array | null;
  /** -log pᵢ (Infinity for pᵢ = 0). */
  surprisalP: Float64Array;
  /** -log qᵢ; null without Q. */
  surprisalQ: Float64Array | null;
  /** pᵢ·(-log pᵢ) (0 for pᵢ = 0). */
  entropyTerms: Float64Array;
  /** pᵢ·(-log qᵢ); null without Q. */
  crossTerms: Float64Array | null;
  /** pᵢ·log(pᵢ/qᵢ), cancellation-free (negative where qᵢ > pᵢ); null without Q. */
  klTerms: Float64Array | null;
  /** H(P), equal to entropy(P). */
  entropy: number;
  /** H(P, Q), equal to crossEntropy(P, Q); null without Q. */
  crossEntropy: number | null;
  /** D(P‖Q), equal to klDivergence(P, Q); null without Q. */
  kl: number | null;
}

/**
 * The API object `load()` resolves to. Every function is synchronous once loaded. The
 * distribution-family and learning-lab functions come from LabApi (lab-api.d.ts).
 */
export interface BitRuler extends LabApi {
  /**
   * Self-information −log_base(p) of an event of probability p in [0, 1].
   * surprisal(0) = Infinity, surprisal(1) = 0, surprisal(1/1024) = 10.
   * @throws {BitRulerError} TYPE, NOT_FINITE, NEGATIVE, OUT_OF_RANGE, BAD_BASE
   */
  surprisal(p: number, base?: Base): number;

  /**
   * Entropy H(P) = −Σ pᵢ log pᵢ (with 0·log 0 = 0).
   * @throws {BitRulerError} TYPE, EMPTY, NOT_FINITE, NEGATIVE, NOT_NORMALIZED, OUT_OF_RANGE, BAD_BASE
   */
  entropy(P: Distribution, options?: InfoOptions): number;

  /**
   * Cross-entropy H(P, Q) = −Σ pᵢ log qᵢ. Terms with pᵢ = 0 contribute 0; qᵢ = 0 where pᵢ > 0
   * gives Infinity (a value, not an error).
   * @throws {BitRulerError} TYPE, EMPTY, NOT_FINITE, NEGATIVE, NOT_NORMALIZED, LENGTH_MISMATCH, OUT_OF_RANGE, BAD_BASE
   */
  crossEntropy(P: Distribution, Q: Distribution, options?: InfoOptions): number;

  /**
   * KL divergence D(P‖Q) = Σ pᵢ log(pᵢ/qᵢ); never negative, exactly 0 when P equals Q,
   * Infinity when some qᵢ = 0 where pᵢ > 0.
   * @throws {BitRulerError} TYPE, EMPTY, NOT_FINITE, NEGATIVE, NOT_NORMALIZED, LENGTH_MISMATCH, OUT_OF_RANGE, BAD_BASE
   */
  klDivergence(P: Distribution, Q: Distribution, options?: InfoOptions): number;

  /**
   * A probability as a reader types it: "1/1024", "0.125", "12.5%", "1e-3", full-width
   * forms from a Chinese input method ("１／８", "５０％").
   * @throws {BitRulerError} TYPE, EMPTY, PARSE, NOT_FINITE, NEGATIVE, OUT_OF_RANGE
   */
  parseProbability(text: string): number;

  /**
   * A list of probabilities or non-negative weights ("0.5, 0.25, 0.25", "2 1 1", "1/2，1/4、1/4"),
   * returned as typed (no rescaling).
   * @throws {BitRulerError} TYPE, EMPTY, PARSE, NOT_FINITE, NEGATIVE, OUT_OF_RANGE
   */
  parseDistribution(text: string): number[];

  /**
   * A list as parseDistribution reads it, with the probabilities it stands for and where each
   * entry is in the text. All-zero weights are refused (OUT_OF_RANGE, reason 'ALL_ZERO').
   * @throws {BitRulerError} TYPE, EMPTY, PARSE, NOT_FINITE, NEGATIVE, OUT_OF_RANGE
   */
  readDistribution(text: string): DistributionText;

  /**
   * Every outcome's surprisal and its entropy, cross-entropy and KL terms, and the totals, in
   * one call (Q null or absent: the entropy columns only). The totals equal entropy(),
   * crossEntropy() and klDivergence() of the same input.
   * @throws {BitRulerError} TYPE, EMPTY, NOT_FINITE, NEGATIVE, NOT_NORMALIZED, LENGTH_MISMATCH, OUT_OF_RANGE, BAD_BASE
   */
  infoTerms(P: Distribution, Q?: Distribution | null, options?: InfoOptions): InfoTerms;

  /**
   * The optimal prefix code of P (deterministic tie-breaking).
   * @throws {BitRulerError} TYPE, EMPTY, NOT_FINITE, NEGATIVE, NOT_NORMALIZED, OUT_OF_RANGE
   */
  huffman(P: Distribution, options?: NormalizeOptions): HuffmanCode;

  /**
   * Average length in bits when data from P is encoded with the Huffman code built for Q
   * (Infinity when some pᵢ > 0 has qᵢ = 0, i.e. no codeword).
   * @throws {BitRulerError} TYPE, EMPTY, NOT_FINITE, NEGATIVE, NOT_NORMALIZED, LENGTH_MISMATCH, OUT_OF_RANGE
   */
  expectedCodeLength(P: Distribution, Q: Distribution, options?: NormalizeOptions): number;

  /**
   * Draws n outcomes from P (seeded, identical natively and in WASM) and encodes each with the
   * Huffman code built for Q.
   * @throws {BitRulerError} TYPE, EMPTY, NOT_FINITE, NEGATIVE, NOT_NORMALIZED, LENGTH_MISMATCH, OUT_OF_RANGE
   */
  sampleCoding(P: Distribution, Q: Distribution, options?: SampleCodingOptions): CodingRun;

  /** The running module's boundary facts (equal to FACTS). */
  readonly facts: Facts;

  /** Memory of the module, for diagnostics and the memory-stability test. */
  memoryStats(): MemoryStats;

  /**
   * Diagnostics for tests: keeps up to `bytes` of the module's heap taken (Infinity: all it can
   * get) and returns how many bytes it holds; 0 gives them back. Lets a test show that every
   * function fails cleanly (OUT_OF_RANGE, reason 'OUT_OF_MEMORY') when memory runs out.
   */
  holdMemory(bytes: number): number;

}

/**
 * Loads the WebAssembly module (dist/bitruler.wasm, found beside this file) once; every call
 * returns the same promise. Rejects with BitRulerError code 'LOAD' when WebAssembly is missing
 * or the file cannot be fetched; a later call tries again.
 */
export declare function load(): Promise<BitRuler>;
