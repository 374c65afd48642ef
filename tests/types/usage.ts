// Compiled with `tsc --noEmit -p tests/types` against dist/core.d.ts (the declarations that
// ship beside dist/core.js). Each @ts-expect-error line must stay an error: if the
// declarations became too loose, tsc reports the unused directive and the check fails.
import {
  load, BitRulerError, ERROR_CODES, BASES,
  type BitRuler, type Distribution, type ErrorCode, type HuffmanCode, type CodingRun,
  type InfoOptions, type MemoryStats,
} from '../../dist/core.js';

async function main(): Promise<void> {
  const api: BitRuler = await load();
  const same: Promise<BitRuler> = load();

  const tenBits: number = api.surprisal(1 / 1024);
  const nats: number = api.surprisal(0.5, 'nat');
  const custom: number = api.surprisal(0.5, 3);

  const eight: Distribution = new Float64Array(8).fill(1 / 8);
  const h: number = api.entropy(eight);
  const hNat: number = api.entropy([0.99, 0.01], { base: 'nat' });
  const options: InfoOptions = { base: 'hartley', normalize: true };
  const hWeights: number = api.entropy([2, 1, 1], options);
  const readonlyInput: readonly number[] = [0.5, 0.5];
  const ce: number = api.crossEntropy(readonlyInput, [0.25, 0.75], { base: 2 });
  const kl: number = api.klDivergence([0.5, 0.5], new Float64Array([0.25, 0.75]));

  const p: number = api.parseProbability('１／８');
  const weights: number[] = api.parseDistribution('2, 1, 1');

  const code: HuffmanCode = api.huffman([0.5, 0.25, 0.25]);
  const lengths: number[] = code.lengths;
  const words: string[] = code.codewords;
  const expected: number = code.expectedLength;
  const normalizedCode: HuffmanCode = api.huffman([2, 1, 1], { normalize: true });
  const crossLength: number = api.expectedCodeLength([0.5, 0.5], [0.9, 0.1]);

  const run: CodingRun = api.sampleCoding([0.5, 0.5], [0.25, 0.75], { n: 100, seed: 7 });
  const firstOutcome: number = run.outcomes[0];
  const means: Float64Array = run.runningMean;
  const settle: number = run.crossCodeLength;

  const memory: MemoryStats = api.memoryStats();
  const bytes: number = memory.heapBytes + memory.allocatedBytes + memory.liveHandles;

  try {
    api.entropy([0.5, 0.6]);
  } catch (error) {
    if (error instanceof BitRulerError) {
      const c: ErrorCode = error.code;
      const m: string = error.message;
      const asError: Error = error;
      void [c, m, asError];
    }
  }
  const codes: readonly ErrorCode[] = ERROR_CODES;
  const bitBase: number = BASES.bit;
  const made = new BitRulerError('PARSE', 'not a probability');

  // @ts-expect-error a string is not a distribution
  api.entropy('0.5, 0.5');
  // @ts-expect-error an array of strings is not a distribution
  api.entropy(['0.5', '0.5']);
  // @ts-expect-error Float32Array is not accepted
  api.entropy(new Float32Array([0.5, 0.5]));
  // @ts-expect-error unknown base name
  api.entropy([1], { base: 'decibel' });
  // @ts-expect-error normalize is a boolean
  api.entropy([1], { normalize: 'yes' });
  // @ts-expect-error surprisal takes a number, not text (parse it first)
  api.surprisal('1/8');
  // @ts-expect-error Q is required
  api.klDivergence([1]);
  // @ts-expect-error parseDistribution returns numbers
  const wrong: string[] = api.parseDistribution('1, 2');
  // @ts-expect-error not a code
  const badCode: ErrorCode = 'WRONG';
  // @ts-expect-error lengths is not writable as strings
  code.lengths = ['1'];
  // @ts-expect-error no such function
  api.entropie([1]);
  // The lab functions are part of the same object (declared in lab-api.d.ts).
  const labFunctions: Function[] = [api.familyPmf, api.familyKl, api.fitPoisson, api.gaussianKl, api.labTrain];
  // @ts-expect-error a BitRulerError needs a known code
  new BitRulerError('OOPS', 'x');

  void [same, tenBits, nats, custom, h, hNat, hWeights, ce, kl, p, weights, lengths, words,
    expected, normalizedCode, crossLength, firstOutcome, means, settle, bytes, codes, bitBase,
    made, wrong, badCode, labFunctions];
}

void main();
