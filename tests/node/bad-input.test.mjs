// Every bad input of every function is refused with its code, a BitRulerError with a message,
// and the module answers correctly right after each refusal (no abort, no corrupted state).
// Runs against the release build and the debug build (assertions, SAFE_HEAP).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertCode, assertStillAnswers, loadModule } from './helpers.mjs';

for (const variant of ['release', 'debug']) {
  const { mod, api } = await loadModule(variant);

  const LONG_TEXT = '1'.repeat(100000);
  const LONG_LIST = '1, '.repeat(33334);

  // Values of the wrong JavaScript type for an array argument.
  const NOT_ARRAYS = [
    ['a string', '0.5, 0.5'], ['undefined', undefined], ['null', null], ['a number', 0.5],
    ['an object', { 0: 0.5, 1: 0.5, length: 2 }], ['a boolean', true], ['a function', () => [1]],
    ['a Float32Array', new Float32Array([0.5, 0.5])], ['an Int32Array', new Int32Array([1])],
    ['an ArrayBuffer', new ArrayBuffer(16)], ['a Set', new Set([1])], ['a BigInt', 1n],
    ['a Symbol', Symbol('p')],
  ];
  // Arrays with an item of the wrong type.
  const BAD_ITEMS = [
    ['a string item', [0.5, '0.5']], ['an undefined item', [0.5, undefined]], ['a null item', [null, 1]],
    ['a nested array', [[0.5], 0.5]], ['a hole', [0.5, , 0.5]], ['a BigInt item', [1n]],
    ['an object item', [{ valueOf: () => 1 }]], ['a boolean item', [true]],
  ];
  // Numerically bad distributions (both array forms), with the code the core gives.
  const BAD_VALUES = [
    ['empty', [], 'EMPTY'],
    ['NaN', [NaN, 1], 'NOT_FINITE'],
    ['Infinity', [Infinity, 0], 'NOT_FINITE'],
    ['-Infinity', [-Infinity, 1], 'NOT_FINITE'],
    ['-1', [-1, 2], 'NEGATIVE'],
    ['-1e-300', [1, -1e-300], 'NEGATIVE'],
    ['sum 1.1', [0.5, 0.6], 'NOT_NORMALIZED'],
    ['sum 0.5', [0.25, 0.25], 'NOT_NORMALIZED'],
    ['weights 2,1,1 without normalize', [2, 1, 1], 'NOT_NORMALIZED'],
  ];
  const BAD_BASES = [
    ['base 1', 1, 'BAD_BASE'], ['base 0', 0, 'BAD_BASE'], ['base -2', -2, 'BAD_BASE'], ['base 0.5', 0.5, 'BAD_BASE'],
    ['base NaN', NaN, 'BAD_BASE'], ['base Infinity', Infinity, 'BAD_BASE'],
    ["base 'decibel'", 'decibel', 'BAD_BASE'], ["base 'Bit'", 'Bit', 'BAD_BASE'], ["base ''", '', 'BAD_BASE'],
    ['base true', true, 'TYPE'], ['base null', null, 'TYPE'], ['base {}', {}, 'TYPE'], ['base 2n', 2n, 'TYPE'],
  ];
  const BAD_OPTIONS = [
    ["options 'bit'", 'bit'], ['options 2', 2], ['options []', []], ['options true', true],
    ["normalize 'yes'", { normalize: 'yes' }], ['normalize 1', { normalize: 1 }], ['normalize null', { normalize: null }],
  ];

  function refuses(label, fn, code) {
    assertCode(mod, fn, code, label);
    assertStillAnswers(api);
  }

  const GOOD = [0.5, 0.5];

  test(`[${variant}] surprisal refuses bad p and bad bases`, () => {
    for (const [label, p, code] of [
      ['NaN', NaN, 'NOT_FINITE'], ['Infinity', Infinity, 'NOT_FINITE'], ['-Infinity', -Infinity, 'NOT_FINITE'],
      ['-1', -1, 'NEGATIVE'], ['-1e-300', -1e-300, 'NEGATIVE'], ['1.5', 1.5, 'OUT_OF_RANGE'],
      ['1 + 2^-52', 1 + 2 ** -52, 'OUT_OF_RANGE'],
      ["'1/8'", '1/8', 'TYPE'], ['undefined', undefined, 'TYPE'], ['null', null, 'TYPE'], ['[0.5]', [0.5], 'TYPE'],
      ['{}', {}, 'TYPE'], ['true', true, 'TYPE'], ['0.5n', 1n, 'TYPE'], ['new Number(0.5)', new Number(0.5), 'TYPE'],
    ]) refuses(`surprisal(${label})`, () => api.surprisal(p), code);
    for (const [label, base, code] of BAD_BASES) refuses(`surprisal(0.5, ${label})`, () => api.surprisal(0.5, base), code);
  });

  test(`[${variant}] entropy refuses wrong types, bad values, bad bases and bad options`, () => {
    for (const [label, P] of NOT_ARRAYS) refuses(`entropy(${label})`, () => api.entropy(P), 'TYPE');
    for (const [label, P] of BAD_ITEMS) refuses(`entropy(${label})`, () => api.entropy(P), 'TYPE');
    for (const [label, P, code] of BAD_VALUES) {
      refuses(`entropy(${label})`, () => api.entropy(P), code);
      refuses(`entropy(Float64Array ${label})`, () => api.entropy(Float64Array.from(P)), code);
    }
    for (const [label, base, code] of BAD_BASES) refuses(`entropy(P, { ${label} })`, () => api.entropy(GOOD, { base }), code);
    for (const [label, options] of BAD_OPTIONS) refuses(`entropy(P, ${label})`, () => api.entropy(GOOD, options), 'TYPE');
    // normalize cannot rescale weights that sum to 0, nor bad values.
    refuses('entropy([0, 0], normalize)', () => api.entropy([0, 0], { normalize: true }), 'OUT_OF_RANGE');
    refuses('entropy([-1, 2], normalize)', () => api.entropy([-1, 2], { normalize: true }), 'NEGATIVE');
    refuses('entropy([NaN], normalize)', () => api.entropy([NaN], { normalize: true }), 'NOT_FINITE');
    refuses('entropy([], normalize)', () => api.entropy([], { normalize: true }), 'EMPTY');
    refuses('entropy([1e308, 1e308, Infinity], normalize)', () => api.entropy([1e308, 1e308, Infinity], { normalize: true }), 'NOT_FINITE');
  });

  for (const name of ['crossEntropy', 'klDivergence']) {
    test(`[${variant}] ${name} refuses bad P, bad Q, length mismatch, bad bases and options`, () => {
      const f = (...args) => api[name](...args);
      for (const [label, X] of [...NOT_ARRAYS, ...BAD_ITEMS]) {
        refuses(`${name}(${label}, Q)`, () => f(X, GOOD), 'TYPE');
        refuses(`${name}(P, ${label})`, () => f(GOOD, X), 'TYPE');
      }
      refuses(`${name}(P) without Q`, () => f(GOOD), 'TYPE');
      for (const [label, X, code] of BAD_VALUES) {
        if (label === 'empty') continue;  // [] against [0.5, 0.5] is a length mismatch
        refuses(`${name}(${label}, Q)`, () => f(X, new Array(X.length).fill(1 / X.length)), code);
        refuses(`${name}(P, ${label})`, () => f(new Array(X.length).fill(1 / X.length), Float64Array.from(X)), code);
      }
      refuses(`${name}([], [])`, () => f([], []), 'EMPTY');
      refuses(`${name} length 2 vs 1`, () => f(GOOD, [1]), 'LENGTH_MISMATCH');
      refuses(`${name} length 1 vs 2`, () => f([1], GOOD), 'LENGTH_MISMATCH');
      refuses(`${name} [] vs 2`, () => f([], GOOD), 'EMPTY');  // P is checked first
      refuses(`${name} Float64Array length mismatch`, () => f(new Float64Array(3).fill(1 / 3), new Float64Array(4).fill(0.25)), 'LENGTH_MISMATCH');
      for (const [label, base, code] of BAD_BASES) refuses(`${name}(P, Q, { ${label} })`, () => f(GOOD, GOOD, { base }), code);
      for (const [label, options] of BAD_OPTIONS) refuses(`${name}(P, Q, ${label})`, () => f(GOOD, GOOD, options), 'TYPE');
      refuses(`${name} zero weights, normalize`, () => f([1, 1], [0, 0], { normalize: true }), 'OUT_OF_RANGE');
    });
  }

  test(`[${variant}] parseProbability refuses what is not a probability, and 100,000 characters fast`, () => {
    for (const [text, code] of [
      ['', 'EMPTY'], ['   ', 'EMPTY'], ['abc', 'PARSE'], ['1/', 'PARSE'], ['/8', 'PARSE'], ['1//8', 'PARSE'],
      ['0.5.5', 'PARSE'], ['%', 'PARSE'], ['1/8 1/8', 'PARSE'], ['0x10', 'PARSE'], ['1e', 'PARSE'],
      ['-1', 'NEGATIVE'], ['-0.1', 'NEGATIVE'], ['150%', 'OUT_OF_RANGE'], ['3/2', 'OUT_OF_RANGE'], ['1.5', 'OUT_OF_RANGE'],
      ['1/0', 'NOT_FINITE'], ['1e999', 'NOT_FINITE'], ['NaN', 'PARSE'], ['Infinity', 'PARSE'],
    ]) refuses(`parseProbability(${JSON.stringify(text)})`, () => api.parseProbability(text), code);
    for (const [label, value] of [['0.5', 0.5], ['undefined', undefined], ['null', null], ['[]', ['1/2']], ['{}', {}], ['String object', new String('1/2')]]) {
      refuses(`parseProbability(${label})`, () => api.parseProbability(value), 'TYPE');
    }
    const started = performance.now();
    refuses('parseProbability(100,000 digits)', () => api.parseProbability(LONG_TEXT), 'PARSE');
    refuses('parseProbability(100,000 full-width chars)', () => api.parseProbability('１'.repeat(100000)), 'PARSE');
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 1000, `100,000-character refusals took ${elapsed} ms`);
  });

  test(`[${variant}] parseDistribution refuses bad lists, and 100,000 characters fast`, () => {
    for (const [text, code] of [
      ['', 'EMPTY'], [' ，、 ', 'EMPTY'], ['1, x', 'PARSE'], ['0.5 : 0.5', 'PARSE'], ['1,,2', 'PARSE'], ['0.5 ;; 0.5', 'PARSE'], ['1/2, 1/', 'PARSE'],
      ['1, -2', 'NEGATIVE'], ['1, 1/0', 'NOT_FINITE'], ['1, 1e999', 'NOT_FINITE'],
    ]) refuses(`parseDistribution(${JSON.stringify(text)})`, () => api.parseDistribution(text), code);
    for (const [label, value] of [['[1, 2]', [1, 2]], ['undefined', undefined], ['null', null], ['42', 42]]) {
      refuses(`parseDistribution(${label})`, () => api.parseDistribution(value), 'TYPE');
    }
    const started = performance.now();
    refuses('parseDistribution(100,000 characters)', () => api.parseDistribution(LONG_LIST), 'PARSE');
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 1000, `100,000-character refusal took ${elapsed} ms`);
  });

  test(`[${variant}] huffman and expectedCodeLength refuse bad distributions`, () => {
    for (const [label, P] of [...NOT_ARRAYS, ...BAD_ITEMS]) refuses(`huffman(${label})`, () => api.huffman(P), 'TYPE');
    for (const [label, P, code] of BAD_VALUES) refuses(`huffman(${label})`, () => api.huffman(P), code);
    for (const [label, options] of BAD_OPTIONS) refuses(`huffman(P, ${label})`, () => api.huffman(GOOD, options), 'TYPE');
    refuses('huffman zero weights, normalize', () => api.huffman([0, 0], { normalize: true }), 'OUT_OF_RANGE');
    refuses('expectedCodeLength length mismatch', () => api.expectedCodeLength(GOOD, [1]), 'LENGTH_MISMATCH');
    refuses('expectedCodeLength bad Q', () => api.expectedCodeLength(GOOD, [0.5, 0.6]), 'NOT_NORMALIZED');
    refuses('expectedCodeLength bad P', () => api.expectedCodeLength([NaN, 1], GOOD), 'NOT_FINITE');
    refuses('expectedCodeLength Q string', () => api.expectedCodeLength(GOOD, 'Q'), 'TYPE');
  });

  test(`[${variant}] sampleCoding refuses bad n, seeds and distributions`, () => {
    for (const [label, n] of [['0', 0], ['-1', -1], ['1.5', 1.5], ['NaN', NaN], ['Infinity', Infinity], ['10^6 + 1', 1e6 + 1]]) {
      refuses(`sampleCoding n = ${label}`, () => api.sampleCoding(GOOD, GOOD, { n }), 'OUT_OF_RANGE');
    }
    for (const [label, seed] of [['-1', -1], ['0.5', 0.5], ['2^53', 2 ** 53], ['NaN', NaN]]) {
      refuses(`sampleCoding seed = ${label}`, () => api.sampleCoding(GOOD, GOOD, { seed }), 'OUT_OF_RANGE');
    }
    for (const [label, options] of [["n '10'", { n: '10' }], ['seed 1n', { seed: 1n }], ["normalize 'no'", { normalize: 'no' }], ['options 5', 5]]) {
      refuses(`sampleCoding ${label}`, () => api.sampleCoding(GOOD, GOOD, options), 'TYPE');
    }
    refuses('sampleCoding length mismatch', () => api.sampleCoding(GOOD, [1], { n: 5 }), 'LENGTH_MISMATCH');
    refuses('sampleCoding bad P', () => api.sampleCoding([0.5, 0.6], GOOD, { n: 5 }), 'NOT_NORMALIZED');
    refuses('sampleCoding bad Q', () => api.sampleCoding(GOOD, [-1, 2], { n: 5 }), 'NEGATIVE');
    refuses('sampleCoding empty', () => api.sampleCoding([], [], { n: 5 }), 'EMPTY');
    refuses('sampleCoding P string', () => api.sampleCoding('P', GOOD), 'TYPE');
  });

  test(`[${variant}] a refusal leaves no trace: same answers, same memory`, () => {
    const before = api.memoryStats();
    for (let i = 0; i < 200; i++) {
      try { api.entropy([0.5, 0.6]); } catch { /* refused */ }
      try { api.parseProbability(LONG_TEXT); } catch { /* refused */ }
      try { api.klDivergence(GOOD, [1]); } catch { /* refused */ }
    }
    // A pasted 10^7-character text is refused before it is copied into WASM memory.
    refuses('parseDistribution(10^7 characters)', () => api.parseDistribution('1,'.repeat(5e6)), 'PARSE');
    const after = api.memoryStats();
    assert.equal(after.heapBytes, before.heapBytes);
    assert.equal(after.allocatedBytes, before.allocatedBytes);
    assert.equal(after.liveHandles, before.liveHandles);
    assertStillAnswers(api);
  });
}
