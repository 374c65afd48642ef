// bitruler: self-information, entropy, cross-entropy and KL divergence computed by the C++ core
// compiled to WebAssembly. Works in browsers (the .wasm is found beside this file, so dist/ can
// be served from a sub-path or another origin) and in Node >= 18 (read from disk).
import createBitRulerModule from 'bitruler-glue';
import { makeLabApi } from './lab-api.js';
import {
  BitRulerError, ERROR_CODES, FACTS, toBase, toBoolean, toFloat64Array, toNumber, toOptions, toUtf8, utf16Offsets,
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
  // Compiled here (instead of by the glue) so that Node needs no fetch of a file path, and a
  // server sending the wrong MIME type costs speed but prints no warning. The glue calls
  // instantiate(imports) (web/scripts/build.mjs patches it in) and runs the module's constructors.
  let rejectLoad;
  const failed = new Promise((_, reject) => { rejectLoad = reject; });
  let exports;
  const instantiate = (imports) => compile(source, url, imports).then((result) => {
    exports = result.instance.exports;
    return result;
  }, (error) => {
    rejectLoad(error);
    return new Promise(() => {});  // the glue waits for ever; load() has rejected
  });
  const wasm = await Promise.race([createBitRulerModule({ instantiate }), failed]);
  return makeApi(wasm, Object.values(exports).find((e) => e instanceof WebAssembly.Memory));
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

// The message of a call that stopped inside the module (it reports no message of its own).
function bindingMessage(name, outOfMemory) {
  if (outOfMemory) {
    return `Not enough memory for ${name}: the WebAssembly heap (at most ${(FACTS.heapBytes / GiB).toFixed(1)} GiB) could not hold this input; nothing was kept, so a smaller input works.`;
  }
  return `${name} failed unexpectedly inside the module; nothing was kept.`;
}

// Failures of a call that stopped inside the module (besides refusals: 1 + ErrorCode).
const OUT_OF_MEMORY = 100;
const INTERNAL = 101;

function makeApi(wasm, memory) {
  // The shadow-stack pointer while no call runs (the same before every call): stackPointer(set)
  // returns the pointer, and sets it when `set` is not 0.
  const idleStack = wasm.stackPointer(0);
  // Views of the module's memory, made afresh each time: its buffer moves when the heap grows.
  const view = (Type, at, length) => new Type(memory.buffer, at, length);
  // The exchange area (cpp/bindings/exchange.hpp): each function's numbers after its call.
  const EXCHANGE = wasm.exchange();
  const out = () => view(Float64Array, EXCHANGE, 24);
  // Copies of the arrays and text the last call left at (address, length) pairs k, k + 1.
  const copy = (Type, k) => { const o = out(); return view(Type, o[k], o[k + 1]).slice(); };
  const f64 = (k) => copy(Float64Array, k);
  const i32 = (k) => copy(Int32Array, k);
  const utf8 = (k) => { const o = out(); return decoder.decode(view(Uint8Array, o[k], o[k + 1])); };

  const failure = (name, status, text) => {
    if (status >= OUT_OF_MEMORY) {
      const oom = status === OUT_OF_MEMORY;
      return new BitRulerError('OUT_OF_RANGE', bindingMessage(name, oom),
        oom ? { reason: 'OUT_OF_MEMORY', limit: FACTS.heapBytes } : undefined);
    }
    // message 0, reason 2 (length 0: none), limit 4 (NaN: none), index 5 (-1: none), UTF-8 byte
    // range 6, 7 (-1: none).
    const o = out();
    const details = {};
    if (o[3] > 0) details.reason = utf8(2);
    if (o[4] === o[4]) details.limit = o[4];
    if (o[5] >= 0) details.index = o[5];
    if (o[6] >= 0 && text !== undefined) {
      const at = utf16Offsets(text);
      details.start = at(o[6]);
      details.end = at(o[7]);
    }
    return new BitRulerError(ERROR_CODES[status - 1], utf8(0), details);
  };

  // Runs one of the module's functions (numbers in, a status or an address out); a refusal
  // becomes a BitRulerError. Arguments are all made by this file, so nothing can throw inside the
  // module on the caller's behalf. A call that stops inside the module (an allocation failed and
  // the module trapped, or the engine itself threw: stack or memory exhausted) leaves it as it
  // was: the stack pointer is put back and recover() frees everything the call took.
  const invoke = (name, fn, args, text) => {
    let status;
    try {
      status = wasm[fn](...args);
    } catch (error) {
      wasm.stackPointer(idleStack);
      const outOfMemory = wasm.recover();
      if (outOfMemory || error instanceof WebAssembly.RuntimeError) throw failure(name, outOfMemory ? OUT_OF_MEMORY : INTERNAL);
      throw error;
    }
    if (status !== 0 && fn === name) throw failure(name, status, text);
    return status;
  };
  // Copies a Float64Array (made by errors.js) into input slot 0 or 1.
  const put = (name, slot, values) => {
    view(Float64Array, invoke(name, 'input', [slot, values.length]), values.length).set(values);
  };
  // call(name, args, inputs?): the Float64Array inputs copied into their slots, then the call;
  // its results are read from out() by the caller.
  const call = (name, args, inputs = []) => {
    inputs.forEach((values, slot) => { if (values !== null) put(name, slot, values); });
    return invoke(name, name, args);
  };
  // The parsers: the text measured, checked and encoded (errors.js), copied in, then the call.
  const readText = (name, text) => {
    const bytes = toUtf8(text);
    view(Uint8Array, invoke(name, 'text', [bytes.length]), bytes.length).set(bytes);
    return invoke(name, name, [], text);
  };
  const scalar = (name, args, inputs) => {
    call(name, args, inputs);
    return out()[0];
  };

  // [arguments, inputs] of crossEntropy and klDivergence, read in the order of their refusals:
  // options, P, Q, base, normalize.
  const distributionArgs = (fn, P, Q, options) => {
    const o = toOptions(options, ['base', 'normalize']);
    const inputs = [toFloat64Array(P, 'P', LIMITS[fn], fn), toFloat64Array(Q, 'Q', LIMITS[fn], fn)];
    return [[toBase(o.base), toBoolean(o.normalize, 'normalize')], inputs];
  };

  const api = {
    surprisal(p, base = 2) {
      return scalar('surprisal', [toNumber(p, 'p'), toBase(base)]);
    },
    entropy(P, options) {
      const o = toOptions(options, ['base', 'normalize']);
      const p = toFloat64Array(P, 'P', LIMITS.entropy, 'entropy');
      return scalar('entropy', [toBase(o.base), toBoolean(o.normalize, 'normalize')], [p]);
    },
    crossEntropy(P, Q, options) {
      return scalar('crossEntropy', ...distributionArgs('crossEntropy', P, Q, options));
    },
    klDivergence(P, Q, options) {
      return scalar('klDivergence', ...distributionArgs('klDivergence', P, Q, options));
    },
    infoTerms(P, Q, options) {
      // Q undefined or null: the entropy columns only.
      const hasQ = Q !== undefined && Q !== null;
      const o = toOptions(options, ['base', 'normalize']);
      const limit = LIMITS.infoTerms;
      const p = toFloat64Array(P, 'P', limit, 'infoTerms');
      const q = hasQ ? toFloat64Array(Q, 'Q', limit, 'infoTerms') : null;
      call('infoTerms', [hasQ, toBase(o.base), toBoolean(o.normalize, 'normalize')], [p, q]);
      const withQ = (k) => (hasQ ? f64(k) : null);
      const o2 = out();
      return {
        p: f64(0), q: withQ(2), surprisalP: f64(4), surprisalQ: withQ(6), entropyTerms: f64(8),
        crossTerms: withQ(10), klTerms: withQ(12), entropy: o2[14],
        crossEntropy: hasQ ? o2[15] : null, kl: hasQ ? o2[16] : null,
      };
    },
    parseProbability(text) {
      readText('parseProbability', text);
      return out()[0];
    },
    parseDistribution(text) {
      readText('parseDistribution', text);
      return Array.from(f64(0));
    },
    readDistribution(text) {
      readText('readDistribution', text);
      const o = out();
      const starts = copy(Uint32Array, 6);
      const ends = copy(Uint32Array, 8);
      const at = utf16Offsets(text);
      const spans = Array.from(starts, (start, i) => [at(start), at(ends[i])]);
      return {
        weights: Array.from(f64(0)), probabilities: Array.from(f64(2)),
        sum: o[4], rescaled: o[5] !== 0, spans,
      };
    },
    huffman(P, options) {
      const o = toOptions(options, ['normalize']);
      const p = toFloat64Array(P, 'P', LIMITS.huffman, 'huffman');
      call('huffman', [toBoolean(o.normalize, 'normalize')], [p]);
      // Codeword i is the next lengths[i] of the packed '0'/'1' bytes, decoded a window of about
      // 1 MB at a time (cut between codewords).
      const lengths = Array.from(i32(0));
      const [at, total, expectedLength] = out().subarray(2, 5);
      const codewords = new Array(lengths.length);
      let text = '';
      let from = 0;  // byte offset of text[0]
      for (let i = 0, pos = 0; i < lengths.length; pos += lengths[i++]) {
        if (pos + lengths[i] > from + text.length) {
          from = pos;
          text = decoder.decode(view(Uint8Array, at + pos, Math.min(total - pos, Math.max(lengths[i], 1 << 20))));
        }
        codewords[i] = text.slice(pos - from, pos - from + lengths[i]);
      }
      return { lengths, codewords, expectedLength };
    },
    expectedCodeLength(P, Q, options) {
      const o = toOptions(options, ['normalize']);
      const limit = LIMITS.expectedCodeLength;
      const inputs = [toFloat64Array(P, 'P', limit, 'expectedCodeLength'), toFloat64Array(Q, 'Q', limit, 'expectedCodeLength')];
      return scalar('expectedCodeLength', [toBoolean(o.normalize, 'normalize')], inputs);
    },
    sampleCoding(P, Q, options) {
      const o = toOptions(options, ['n', 'seed', 'normalize']);
      const n = o.n === undefined ? 1000 : toNumber(o.n, 'n');
      const seed = o.seed === undefined ? 1 : toNumber(o.seed, 'seed');
      const limit = LIMITS.sampleCoding;
      const inputs = [toFloat64Array(P, 'P', limit, 'sampleCoding'), toFloat64Array(Q, 'Q', limit, 'sampleCoding')];
      call('sampleCoding', [n, seed, toBoolean(o.normalize, 'normalize')], inputs);
      return { outcomes: i32(0), runningMean: f64(2), crossCodeLength: out()[4] };
    },
    /**
     * Every boundary fact: the debug module's own facts() (its tests compare them with FACTS);
     * the release module leaves facts() out (CMakeLists.txt) and gives the static FACTS, which
     * the build read from the same sources.
     */
    facts: wasm.facts ? (call('facts', []), deepFreeze(JSON.parse(utf8(0)))) : FACTS,
    memoryStats() {
      call('memoryStats', []);
      const [heapBytes, allocatedBytes, heapTopBytes, stackPointer] = out();
      // liveHandles: JS values embind holds for C++ (none: the module takes and gives numbers).
      return { heapBytes, allocatedBytes, heapTopBytes, stackPointer, liveHandles: wasm.count_emval_handles() };
    },
    /** Diagnostics for tests: keeps up to `bytes` of the heap taken (0 gives it back); returns what it holds. */
    holdMemory(bytes) {
      return scalar('holdMemory', [toNumber(bytes, 'bytes')]);
    },
  };
  return Object.freeze({ ...api, ...makeLabApi({ call, out, f64, i32 }) });
}
