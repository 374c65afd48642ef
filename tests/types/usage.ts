// Compiled with `tsc --noEmit -p tests/types` against dist/core.d.ts (the declarations that
// ship beside dist/core.js). Each @ts-expect-error line must stay an error: if the
// declarations became too loose, tsc reports the unused directive and the check fails.
import {
  load, BitRulerError, ERROR_CODES, BASES, FACTS,
  type BitRuler, type Distribution, type ErrorCode, type HuffmanCode, type CodingRun,
  type InfoOptions, type MemoryStats, type Facts, type DistributionText, type InfoTerms, type LabTrainRun,
} from '../../dist/core.js';
import STATIC_FACTS, { FACTS as NAMED_FACTS } from '../../dist/facts.js';

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
  // Structured error details, all optional.
  try {
    api.parseDistribution('1, x');
  } catch (error) {
    if (error instanceof BitRulerError) {
      const reason: string | undefined = error.reason;
      const limit: number | undefined = error.limit;
      const index: number | undefined = error.index;
      const span: [number | undefined, number | undefined] = [error.start, error.end];
      void [reason, limit, index, span];
    }
  }
  const detailed = new BitRulerError('PARSE', 'too long', { reason: 'TOO_LONG', limit: 10000, start: 0, end: 3 });

  // Boundary facts: statically, from the running module, and from dist/facts.js.
  const facts: Facts = FACTS;
  const maxBytes: number = facts.maxInputBytes;
  const klLimit: number = FACTS.maxOutcomes.klDivergence;
  const kinds: readonly string[] = api.facts.families.kinds;
  const columns: readonly string[] = STATIC_FACTS.lab.trainColumns;
  const sameFacts: Facts = NAMED_FACTS;

  const read: DistributionText = api.readDistribution('1/2, 1/4, 1/4');
  const firstSpan: [number, number] = read.spans[0];
  const rescaled: boolean = read.rescaled;
  const terms: InfoTerms = api.infoTerms([0.5, 0.5], [0.25, 0.75], { base: 'nat' });
  const klRows: Float64Array | null = terms.klTerms;
  const entropyOnly: InfoTerms = api.infoTerms(new Float64Array([0.5, 0.5]));
  const noQ: InfoTerms = api.infoTerms([0.5, 0.5], null, { normalize: true });
  const count: number = api.labParameterCount(2);
  const trained: LabTrainRun = api.labTrain({ n: 200, learningRate: 1000, steps: 40 });
  const diverged: boolean = trained.diverged;
  const divergedAt: number = trained.divergedAt;
  const held: number = api.holdMemory(0);
  const sp: number = api.memoryStats().stackPointer + api.memoryStats().heapTopBytes;

  // @ts-expect-error the total is a number or null, not always a number
  const klTotal: number = terms.kl;
  // @ts-expect-error facts are read-only
  FACTS.maxInputBytes = 1;
  // @ts-expect-error facts are read-only all the way down
  FACTS.maxOutcomes.entropy = 1;
  // @ts-expect-error spans are number pairs
  const badSpan: string = read.spans[0][0];
  // @ts-expect-error readDistribution takes text
  api.readDistribution([1, 2]);
  // @ts-expect-error error details are read-only
  detailed.limit = 5;
  // @ts-expect-error diverged is a boolean
  const divergedText: string = trained.diverged;

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
    made, wrong, badCode, labFunctions, detailed, facts, maxBytes, klLimit, kinds, columns, sameFacts,
    firstSpan, rescaled, klRows, entropyOnly, noQ, count, diverged, divergedAt, held, sp, klTotal, badSpan,
    divergedText];
}

void main();
