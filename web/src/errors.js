// The error type of the bitruler JS API and the argument readers shared by core.js and
// lab-api.js.
//
// Every argument is read and checked here, before anything reaches the WebAssembly module, so
// that no caller-made value is ever touched inside a WASM frame (README "Security"):
//   - Float64Arrays are recognized and measured through the intrinsic %TypedArray% getters
//     (never the object's own, which a subclass can override), detached buffers are refused,
//     and the module gets a fresh view made here;
//   - plain Arrays (Proxies of Arrays included) are copied item by item into a Float64Array made
//     here, and a getter or trap that throws becomes a TYPE error;
//   - numbers, booleans and strings must be primitives: nothing calls valueOf or toString;
//   - options are read once per key, each read guarded;
//   - text is measured and encoded to UTF-8 here (lone surrogates refused).
import { FACTS } from './facts.js';

export { FACTS };

/** Codes a BitRulerError can carry: the core's, in its order, then LOAD. */
export const ERROR_CODES = Object.freeze([...FACTS.errorCodes, 'LOAD']);

const DETAILS = ['reason', 'limit', 'index', 'start', 'end'];

/**
 * An Error with a stable `.code` (see ERROR_CODES); the page localizes by code. Optional details:
 * `reason` (a finer stable key such as 'TOO_LONG'), `limit` (the bound that was crossed), `index`
 * (entry of a list), `start` / `end` (UTF-16 offsets into the caller's text).
 */
export class BitRulerError extends Error {
  constructor(code, message, options) {
    super(message, options && 'cause' in options ? { cause: options.cause } : undefined);
    this.name = 'BitRulerError';
    this.code = code;
    if (options) {
      for (const key of DETAILS) if (options[key] !== undefined) this[key] = options[key];
    }
  }
}

/** Named logarithm bases. */
export const BASES = Object.freeze({ bit: 2, nat: Math.E, hartley: 10 });

// Intrinsics, taken before any caller code runs.
const { apply } = Reflect;
const { isArray } = Array;
const F64 = Float64Array;
const TypedArrayPrototype = Object.getPrototypeOf(Float64Array.prototype);
const getterOf = (object, key) => Object.getOwnPropertyDescriptor(object, key).get;
const typedArrayTag = getterOf(TypedArrayPrototype, Symbol.toStringTag);
const typedArrayBuffer = getterOf(TypedArrayPrototype, 'buffer');
const typedArrayByteOffset = getterOf(TypedArrayPrototype, 'byteOffset');
const typedArrayLength = getterOf(TypedArrayPrototype, 'length');
const objectToString = Object.prototype.toString;
const hasOwn = Object.prototype.hasOwnProperty;
const encoder = new TextEncoder();

const fail = (code, message, details) => new BitRulerError(code, message, details);
const reasonOf = (error) => (error && typeof error.message === 'string' ? error.message : String(error));

// Short, printable form of a bad value for messages (never the whole 100,000-char string). Never
// calls the value's own methods and never throws, whatever the value is.
export function describe(value) {
  try {
    if (typeof value === 'string') return JSON.stringify(value.length > 24 ? `${value.slice(0, 24)}…` : value);
    if (typeof value === 'number') return String(value);
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'symbol') return 'a Symbol';
    if (value === null) return 'null';
    if (typeof value !== 'object') return typeof value;  // undefined, boolean, function
    const tag = apply(typedArrayTag, value, []);
    if (tag !== undefined) return `a ${tag}`;
    if (isArray(value)) return 'an Array';
    return `an ${apply(objectToString, value, []).slice(8, -1)}`.replace(/^an ([^AEIOU])/, 'a $1');
  } catch {
    return 'an object that cannot be inspected (a revoked Proxy?)';
  }
}

/** 'bit' | 'nat' | 'hartley' | number (default 2) -> number; the core checks the number. */
export function toBase(base) {
  if (base === undefined) return 2;
  if (typeof base === 'number') return base;
  if (typeof base === 'string') {
    if (apply(hasOwn, BASES, [base])) return BASES[base];
    throw fail('BAD_BASE', `Unknown logarithm base ${describe(base)}: use 'bit', 'nat', 'hartley' or a number.`);
  }
  throw fail('TYPE', `The logarithm base must be 'bit', 'nat', 'hartley' or a number, not ${describe(base)}.`);
}

/**
 * undefined | null | an options object -> a plain snapshot of the given keys, each read once
 * (a getter or Proxy trap that throws is a TYPE error naming the key).
 */
export function toOptions(options, keys, name = 'options') {
  const out = {};
  if (options === undefined || options === null) return out;
  let array;
  try {
    array = isArray(options);
  } catch (error) {
    throw fail('TYPE', `${name} could not be read (${reasonOf(error)}).`, { cause: error });
  }
  if (typeof options !== 'object' || array) {
    throw fail('TYPE', `${name} must be an object such as { base: 'bit' }, not ${describe(options)}.`);
  }
  for (const key of keys) {
    try {
      out[key] = options[key];
    } catch (error) {
      throw fail('TYPE', `${name}.${key} could not be read (${reasonOf(error)}).`, { cause: error });
    }
  }
  return out;
}

/** undefined -> fallback; a boolean as is; anything else TYPE. */
export function toBoolean(value, name, fallback = false) {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw fail('TYPE', `${name} must be true or false, not ${describe(value)}.`);
  return value;
}

/** A number (any, NaN included: the core judges the value) or TYPE. */
export function toNumber(value, name) {
  if (typeof value !== 'number') throw fail('TYPE', `${name} must be a number, not ${describe(value)}.`);
  return value;
}

/** A string or TYPE. */
export function toText(value, name = 'text') {
  if (typeof value !== 'string') throw fail('TYPE', `${name} must be a string, not ${describe(value)}.`);
  return value;
}

const tooMany = (name, length, limit, fn) => fail('OUT_OF_RANGE',
  `${name} has ${length} outcomes; ${fn} accepts at most ${limit} (README, "Limits").`,
  { reason: 'TOO_MANY_OUTCOMES', limit });

/**
 * A plain Array of numbers or a Float64Array (of any realm or subclass) -> a Float64Array made
 * here: a fresh view of a Float64Array's memory, or a copy of an Array's items. More than `limit`
 * items is OUT_OF_RANGE (reason TOO_MANY_OUTCOMES) before anything is allocated; anything else
 * that is not such an array, or an item that is not a number, is TYPE.
 */
export function toFloat64Array(values, name, limit = Infinity, fn = 'this function') {
  if (values !== null && typeof values === 'object') {
    const tag = apply(typedArrayTag, values, []);  // never throws; undefined unless a typed array
    if (tag === 'Float64Array') {
      const buffer = apply(typedArrayBuffer, values, []);
      const offset = apply(typedArrayByteOffset, values, []);
      const length = apply(typedArrayLength, values, []);
      if (length > limit) throw tooMany(name, length, limit, fn);
      try {
        // Throws for a detached buffer (and for one shrunk under the view), never runs caller code.
        return new F64(buffer, offset, length);
      } catch (error) {
        throw fail('TYPE', `${name} is a Float64Array whose memory is gone (its buffer was transferred or shrunk); pass a live array.`, { cause: error });
      }
    }
    if (tag !== undefined) {
      throw fail('TYPE', `${name} must be an Array or Float64Array of numbers, not ${describe(values)}.`);
    }
  }
  let array;
  try {
    array = isArray(values);
  } catch (error) {
    throw fail('TYPE', `${name} could not be read (${reasonOf(error)}).`, { cause: error });
  }
  if (!array) throw fail('TYPE', `${name} must be an Array or Float64Array of numbers, not ${describe(values)}.`);
  let length;
  try {
    length = values.length;  // a Proxy's trap may run here
  } catch (error) {
    throw fail('TYPE', `${name}.length could not be read (${reasonOf(error)}).`, { cause: error });
  }
  if (!(typeof length === 'number' && Number.isInteger(length) && length >= 0 && length <= 2 ** 32 - 1)) {
    throw fail('TYPE', `${name} reports a length of ${describe(length)}, which no Array has.`);
  }
  if (length > limit) throw tooMany(name, length, limit, fn);
  const out = new F64(length);
  let i = 0;
  try {
    for (; i < length; i++) {
      const item = values[i];
      if (typeof item !== 'number') {
        throw fail('TYPE', `${name}[${i}] must be a number, not ${describe(item)}.`, { index: i });
      }
      out[i] = item;
    }
  } catch (error) {
    if (error instanceof BitRulerError) throw error;
    throw fail('TYPE', `${name}[${i}] could not be read (${reasonOf(error)}).`, { index: i, cause: error });
  }
  return out;
}

/**
 * A string -> its UTF-8 bytes in a Uint8Array made here, refused first when it is longer than
 * the core reads (PARSE, reason TOO_LONG) or holds a lone surrogate (PARSE, reason
 * LONE_SURROGATE, start / end = its UTF-16 offset): such a string is not text, and UTF-8 has no
 * encoding for it.
 */
export function toUtf8(value, name = 'text') {
  const text = toText(value, name);
  const max = FACTS.maxInputBytes;
  const tooLong = (bytes) => fail('PARSE',
    `The ${name} is ${bytes} bytes long (UTF-8); at most ${max} bytes are accepted.`,
    { reason: 'TOO_LONG', limit: max });
  // UTF-8 never has fewer bytes than UTF-16 has code units: a long string is refused unread.
  if (text.length > max) throw tooLong(`at least ${text.length}`);
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c < 0xd800 || c > 0xdfff) bytes += 3;
    else if (c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else {
      const hex = c.toString(16).toUpperCase();
      throw fail('PARSE',
        `The ${name} holds a lone surrogate (\\u${hex}) at position ${i}: half of a character, which cannot be read; remove it or complete the pair.`,
        { reason: 'LONE_SURROGATE', start: i, end: i + 1 });
    }
  }
  if (bytes > max) throw tooLong(bytes);
  return encoder.encode(text);
}

/**
 * Maps UTF-8 byte offsets of `text` (as the core reports them) to UTF-16 offsets (as JS indexes
 * strings). `map(byteOffset)`; offsets inside a character map to its start.
 */
export function utf16Offsets(text) {
  const toUnit = new Uint32Array(text.length * 3 + 2);
  let byte = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const width = c < 0x80 ? 1 : c < 0x800 ? 2 : (c & 0xfc00) === 0xd800 ? 4 : 3;
    for (let k = 0; k < width; k++) toUnit[byte + k] = i;
    byte += width;
    if (width === 4) i++;
  }
  toUnit[byte] = text.length;
  return (offset) => (offset >= 0 && offset <= byte ? toUnit[offset] : text.length);
}
