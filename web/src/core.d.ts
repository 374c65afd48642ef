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
  | 'OUT_OF_RANGE'     // a number outside its interval (p > 1, 150%, all-zero weights, n = 0, ...)
  | 'BAD_BASE'         // a logarithm base that is not finite, <= 1, or an unknown name
  | 'PARSE'            // text that is not a probability / distribution (or is too long)
  | 'LOAD';            // the module could not be loaded

/** Every code a BitRulerError can carry, in the order above. */
export declare const ERROR_CODES: readonly ErrorCode[];

/** Thrown by every API function on bad input; `message` is a clear English sentence. */
export declare class BitRulerError extends Error {
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown });
  readonly name: 'BitRulerError';
  /** Stable code; the page localizes its messages by this. */
  readonly code: ErrorCode;
}

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
  /** JavaScript values embind currently holds for C++ (a leak in the bindings grows it). */
  liveHandles: number;
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

  /** Memory of the module, for diagnostics and the memory-stability test. */
  memoryStats(): MemoryStats;

}

/**
 * Loads the WebAssembly module (dist/bitruler.wasm, found beside this file) once; every call
 * returns the same promise. Rejects with BitRulerError code 'LOAD' when WebAssembly is missing
 * or the file cannot be fetched; a later call tries again.
 */
export declare function load(): Promise<BitRuler>;
