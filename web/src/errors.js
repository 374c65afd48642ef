// The error type of the bitruler JS API and the argument checks shared by core.js and
// lab-api.js. Wrong JS types are refused here, before anything reaches the WASM module.

/** Codes a BitRulerError can carry (the first nine come from the C++ core). */
export const ERROR_CODES = Object.freeze([
  'EMPTY', 'TYPE', 'NOT_FINITE', 'NEGATIVE', 'NOT_NORMALIZED', 'LENGTH_MISMATCH',
  'OUT_OF_RANGE', 'BAD_BASE', 'PARSE', 'LOAD',
]);

/** An Error with a stable `.code` (see ERROR_CODES); the page localizes by code. */
export class BitRulerError extends Error {
  constructor(code, message, options) {
    super(message, options);
    this.name = 'BitRulerError';
    this.code = code;
  }
}

/** Named logarithm bases. */
export const BASES = Object.freeze({ bit: 2, nat: Math.E, hartley: 10 });

// Short, printable form of a bad value for messages (never the whole 100,000-char string).
export function describe(value) {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 24 ? `${value.slice(0, 24)}…` : value);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an Array';
  if (typeof value === 'object') return Object.prototype.toString.call(value).slice(8, -1);
  return typeof value === 'number' ? String(value) : typeof value;
}

/** 'bit' | 'nat' | 'hartley' | number (default 2) -> number; the core checks the number. */
export function toBase(base) {
  if (base === undefined) return 2;
  if (typeof base === 'number') return base;
  if (typeof base === 'string') {
    if (Object.prototype.hasOwnProperty.call(BASES, base)) return BASES[base];
    throw new BitRulerError('BAD_BASE', `Unknown logarithm base ${describe(base)}: use 'bit', 'nat', 'hartley' or a number.`);
  }
  throw new BitRulerError('TYPE', `The logarithm base must be 'bit', 'nat', 'hartley' or a number, not ${describe(base)}.`);
}

/** undefined | { ... } -> the options object ({} when absent). */
export function toOptions(options, name = 'options') {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new BitRulerError('TYPE', `${name} must be an object such as { base: 'bit' }, not ${describe(options)}.`);
  }
  return options;
}

/** undefined -> fallback; a boolean as is; anything else TYPE. */
export function toBoolean(value, name, fallback = false) {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw new BitRulerError('TYPE', `${name} must be true or false, not ${describe(value)}.`);
  }
  return value;
}

/** A number (any, NaN included: the core judges the value) or TYPE. */
export function toNumber(value, name) {
  if (typeof value !== 'number') {
    throw new BitRulerError('TYPE', `${name} must be a number, not ${describe(value)}.`);
  }
  return value;
}

/** A string or TYPE. */
export function toText(value, name = 'text') {
  if (typeof value !== 'string') {
    throw new BitRulerError('TYPE', `${name} must be a string, not ${describe(value)}.`);
  }
  return value;
}

/**
 * A plain Array of numbers or a Float64Array -> Float64Array (the form the module copies in
 * one block). Anything else, or an item that is not a number, is TYPE.
 */
export function toFloat64Array(values, name) {
  if (values instanceof Float64Array) return values;
  if (Array.isArray(values)) {
    const out = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const item = values[i];
      if (typeof item !== 'number') {
        throw new BitRulerError('TYPE', `${name}[${i}] must be a number, not ${describe(item)}.`);
      }
      out[i] = item;
    }
    return out;
  }
  // A Float64Array from another realm (an iframe) fails instanceof but is still one.
  if (Object.prototype.toString.call(values) === '[object Float64Array]') return new Float64Array(values);
  throw new BitRulerError('TYPE', `${name} must be an Array or Float64Array of numbers, not ${describe(values)}.`);
}
