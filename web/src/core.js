// bitruler: self-information, entropy, cross-entropy and KL divergence computed by the C++ core
// compiled to WebAssembly. Works in browsers (the .wasm is found beside this file, so dist/ can
// be served from a sub-path or another origin) and in Node >= 18 (read from disk).
import createBitRulerModule from 'bitruler-glue';
import { makeLabApi } from './lab-api.js';
import {
  BitRulerError, toBase, toBoolean, toFloat64Array, toNumber, toOptions, toText,
} from './errors.js';

export { BitRulerError, ERROR_CODES, BASES } from './errors.js';

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

function makeApi(wasm) {
  // Every exported C++ function returns { ok: true, value } | { ok: false, code, message }.
  const call = (name, ...args) => {
    const result = wasm[name](...args);
    if (result.ok) return result.value;
    throw new BitRulerError(result.code, result.message);
  };

  const distributionArgs = (P, Q, options) => {
    const o = toOptions(options);
    return [
      toFloat64Array(P, 'P'), toFloat64Array(Q, 'Q'),
      toBase(o.base), toBoolean(o.normalize, 'normalize'),
    ];
  };

  const api = {
    surprisal(p, base = 2) {
      return call('surprisal', toNumber(p, 'p'), toBase(base));
    },
    entropy(P, options) {
      const o = toOptions(options);
      return call('entropy', toFloat64Array(P, 'P'), toBase(o.base), toBoolean(o.normalize, 'normalize'));
    },
    crossEntropy(P, Q, options) {
      return call('crossEntropy', ...distributionArgs(P, Q, options));
    },
    klDivergence(P, Q, options) {
      return call('klDivergence', ...distributionArgs(P, Q, options));
    },
    parseProbability(text) {
      return call('parseProbability', toText(text));
    },
    parseDistribution(text) {
      return call('parseDistribution', toText(text));
    },
    huffman(P, options) {
      const o = toOptions(options);
      return call('huffman', toFloat64Array(P, 'P'), toBoolean(o.normalize, 'normalize'));
    },
    expectedCodeLength(P, Q, options) {
      const o = toOptions(options);
      return call('expectedCodeLength', toFloat64Array(P, 'P'), toFloat64Array(Q, 'Q'), toBoolean(o.normalize, 'normalize'));
    },
    sampleCoding(P, Q, options) {
      const o = toOptions(options);
      const n = o.n === undefined ? 1000 : toNumber(o.n, 'n');
      const seed = o.seed === undefined ? 1 : toNumber(o.seed, 'seed');
      return call('sampleCoding', toFloat64Array(P, 'P'), toFloat64Array(Q, 'Q'), n, seed, toBoolean(o.normalize, 'normalize'));
    },
    memoryStats() {
      // liveHandles: JS values held for C++ by embind; a binding that forgot one grows it.
      return { ...wasm.memoryStats(), liveHandles: wasm.count_emval_handles() };
    },
  };
  return Object.freeze({ ...api, ...makeLabApi(wasm, call) });
}
