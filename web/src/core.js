// bitruler: self-information, entropy, cross-entropy and KL divergence computed by the C++ core
// compiled to WebAssembly. Works in browsers (the .wasm is found beside this file, so dist/ can
// be served from a sub-path or another origin) and in Node >= 18 (read from disk).
import createBitRulerModule from 'bitruler-glue';
import { makeLabApi } from './lab-api.js';
import {
  BitRulerError, FACTS, toBase, toBoolean, toFloat64Array, toNumber, toOptions, toUtf8, utf16Offsets,
} from './errors.js';

export { BitRulerError, ERROR_CODES, BASES, FACTS } from './errors.js';

const isNode = typeof process === 'object' && process !== null &&
  typeof process.versions === 'object' && process.versions !== null &&
  typeof process.versions.node === 'string' && typeof window === 'undefined';

let loading = null;

/**
 * Loads and instantiates the module once; every call returns the same promise. A failed load
 * (no WebAssembly, blocked or missing .wasm) rejects with BitRulerError code 'LOAD' and is
 * retried by the next call.
 */
export function load() {
  if (!loading) {
    loading = instantiate().catch((cause) => {
      loading = null;
      if (cause instanceof BitRulerError) throw cause;
      throw new BitRulerError('LOAD', `The WebAssembly module could not be loaded: ${cause && cause.message ? cause.message : cause}`, { cause });
    });
  }
  return loading;
}

async function wasmBytesOrResponse(url) {
  if (isNode) {
    const { readFile } = await import('node:fs/promises');
    return readFile(url);
  }
  return fetch(url, { credentials: 'same-origin' });
}

async function instantiate() {
  if (typeof WebAssembly !== 'object' || WebAssembly === null) {
    throw new BitRulerError('LOAD', 'This JavaScript engine has no WebAssembly support.');
  }
  const url = new URL('./bitruler.wasm', import.meta.url);
  const source = await wasmBytesOrResponse(url);
  // Instantiate ourselves (instead of the glue's fetch) so that Node needs no fetch of a file
  // path, and a server sending the wrong MIME type costs speed but prints no warning.
  const instantiateWasm = (imports, receive) => {
    compile(source, url, imports).then(
      ({ instance, module }) => receive(instance, module),
      (error) => rejectLoad(error),
    );
    return {};
  };
  let rejectLoad;
  const failed = new Promise((_, reject) => { rejectLoad = reject; });
  const wasm = await Promise.race([
    createBitRulerModule({ instantiateWasm }),
    failed,
  ]);
  return makeApi(wasm);
}

async function compile(source, url, imports) {
  if (source instanceof Uint8Array) return WebAssembly.instantiate(source, imports);
  if (!source.ok) throw new Error(`HTTP ${source.status} for ${url.href}`);
  const type = source.headers.get('Content-Type') || '';
  if (typeof WebAssembly.instantiateStreaming === 'function' && type.split(';')[0].trim() === 'application/wasm') {
    return WebAssembly.instantiateStreaming(source, imports);
  }
  return WebAssembly.instantiate(await source.arrayBuffer(), imports);
}

const decoder = new TextDecoder();
const deepFreeze = (o) => {
  for (const v of Object.values(o)) if (v && typeof v === 'object') deepFreeze(v);
  return Object.freeze(o);
};
const LIMITS = FACTS.maxOutcomes;
const GiB = 1024 ** 3;

// The message of a failure the binding layer reports without text (it had no memory to spare):
// reason OUT_OF_MEMORY.
const outOfMemoryMessage = (name) => `Not enough memory for ${name}: the WebAssembly heap (at most ${(FACTS.heapBytes / GiB).toFixed(1)} GiB) could not hold this input; nothing was kept, so a smaller input works.`;

function makeApi(wasm) {
  const { stackSave, stackRestore } = wasm;

  // Every exported C++ function returns { ok: true, value } | { ok: false, code, message (UTF-8
  // bytes, or a bare key when the module had no memory for text), reason?, limit?, index?,
  // start?, end? (UTF-8 byte offsets) }. `text` (when the call read text) maps the offsets to
  // UTF-16 ones.
  const call = (name, args, text) => {
    // Arguments are all made by errors.js, so nothing can throw inside the module on the
    // caller's behalf. Should JavaScript throw there anyway (the engine out of stack, or a page
    // that replaced a built-in the bindings call), the C++ frames unwind with their destructors
    // and the module's stack pointer is put back here, so later calls still work.
    const sp = stackSave();
    let result;
    try {
      result = wasm[name](...args);
    } catch (error) {
      stackRestore(sp);
      throw error;
    }
    if (result.ok) return result.value;
    const details = {};
    if (result.reason !== undefined) details.reason = result.reason;
    if (result.limit !== undefined) details.limit = result.limit;
    if (result.index !== undefined) details.index = result.index;
    if (result.start !== undefined && text !== undefined) {
      const at = utf16Offsets(text);
      details.start = at(result.start);
      details.end = at(result.end);
    }
    const message = typeof result.message === 'string' ? outOfMemoryMessage(name) : decoder.decode(result.message);
    throw new BitRulerError(result.code, message, details);
  };

  const distributionArgs = (fn, P, Q, options) => {
    const o = toOptions(options, ['base', 'normalize']);
    return [
      toFloat64Array(P, 'P', LIMITS[fn], fn), toFloat64Array(Q, 'Q', LIMITS[fn], fn),
      toBase(o.base), toBoolean(o.normalize, 'normalize'),
    ];
  };

  const readText = (fn, text) => call(fn, [toUtf8(text)], text);

  const api = {
    surprisal(p, base = 2) {
      return call('surprisal', [toNumber(p, 'p'), toBase(base)]);
    },
    entropy(P, options) {
      const o = toOptions(options, ['base', 'normalize']);
      return call('entropy', [toFloat64Array(P, 'P', LIMITS.entropy, 'entropy'), toBase(o.base), toBoolean(o.normalize, 'normalize')]);
    },
    crossEntropy(P, Q, options) {
      return call('crossEntropy', distributionArgs('crossEntropy', P, Q, options));
    },
    klDivergence(P, Q, options) {
      return call('klDivergence', distributionArgs('klDivergence', P, Q, options));
    },
    infoTerms(P, Q, options) {
      // Q undefined or null: the entropy columns only.
      const hasQ = Q !== undefined && Q !== null;
      const o = toOptions(options, ['base', 'normalize']);
      const limit = LIMITS.infoTerms;
      return call('infoTerms', [toFloat64Array(P, 'P', limit, 'infoTerms'), hasQ ? toFloat64Array(Q, 'Q', limit, 'infoTerms') : null,
        toBase(o.base), toBoolean(o.normalize, 'normalize')]);
    },
    parseProbability(text) {
      return readText('parseProbability', text);
    },
    parseDistribution(text) {
      return readText('parseDistribution', text);
    },
    readDistribution(text) {
      const d = readText('readDistribution', text);
      const at = utf16Offsets(text);
      const spans = Array.from(d.starts, (start, i) => [at(start), at(d.ends[i])]);
      return {
        weights: Array.from(d.weights), probabilities: Array.from(d.probabilities),
        sum: d.sum, rescaled: d.rescaled, spans,
      };
    },
    huffman(P, options) {
      const o = toOptions(options, ['normalize']);
      const code = call('huffman', [toFloat64Array(P, 'P', LIMITS.huffman, 'huffman'), toBoolean(o.normalize, 'normalize')]);
      // Codeword i is the next lengths[i] characters of the packed '0'/'1' blocks (cut between codewords).
      const lengths = Array.from(code.lengths);
      const codewords = new Array(lengths.length);
      let block = 0;
      let text = decoder.decode(code.packed[0]);
      for (let i = 0, at = 0; i < lengths.length; i++) {
        if (at + lengths[i] > text.length) {
          text = decoder.decode(code.packed[++block]);
          at = 0;
        }
        codewords[i] = text.slice(at, at += lengths[i]);
      }
      return { lengths, codewords, expectedLength: code.expectedLength };
    },
    expectedCodeLength(P, Q, options) {
      const o = toOptions(options, ['normalize']);
      const limit = LIMITS.expectedCodeLength;
      return call('expectedCodeLength', [toFloat64Array(P, 'P', limit, 'expectedCodeLength'),
        toFloat64Array(Q, 'Q', limit, 'expectedCodeLength'), toBoolean(o.normalize, 'normalize')]);
    },
    sampleCoding(P, Q, options) {
      const o = toOptions(options, ['n', 'seed', 'normalize']);
      const n = o.n === undefined ? 1000 : toNumber(o.n, 'n');
      const seed = o.seed === undefined ? 1 : toNumber(o.seed, 'seed');
      const limit = LIMITS.sampleCoding;
      return call('sampleCoding', [toFloat64Array(P, 'P', limit, 'sampleCoding'), toFloat64Array(Q, 'Q', limit, 'sampleCoding'),
        n, seed, toBoolean(o.normalize, 'normalize')]);
    },
    /** Every boundary fact of the running module (the same as the static FACTS). */
    facts: deepFreeze(call('facts', [])),
    memoryStats() {
      // liveHandles: JS values held for C++ by embind; a binding that forgot one grows it.
      return { ...wasm.memoryStats(), liveHandles: wasm.count_emval_handles() };
    },
    /** Diagnostics for tests: keeps up to `bytes` of the heap taken (0 gives it back); returns what it holds. */
    holdMemory(bytes) {
      return call('holdMemory', [toNumber(bytes, 'bytes')]);
    },
  };
  return Object.freeze({ ...api, ...makeLabApi(call) });
}
