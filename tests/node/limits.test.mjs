// Issue 8, case 2: every function's input limit (FACTS.maxOutcomes, from cpp/include/bitruler/
// limits.hpp) is refused up front, without allocating, one past it; works at it, in its worst
// case (normalize; for the Huffman-based functions the distribution whose codewords are longest);
// and an allocation that fails anyway (the heap filled first) is a clean OUT_OF_RANGE
// 'OUT_OF_MEMORY' after which the module answers as before. Before this round
// klDivergence(P, Q, { normalize: true }) at 7e7 outcomes and huffman of 2e7 equal weights
// aborted the instance and left the heap taken.
// Release build only. Heavy by design: up to 1.5 GiB of WebAssembly heap and 0.8 GB of input
// arrays; about 20 s.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertStillAnswers, loadModule } from './helpers.mjs';

const { mod, api } = await loadModule('release');
const { FACTS } = mod;
const LIMIT = FACTS.maxOutcomes;
const log2 = Math.log2;

// One buffer of ones serves every uniform input (normalize: true turns n ones into 1/n each).
const ONES = new Float64Array(Math.max(LIMIT.entropy, 2 * LIMIT.klDivergence, 2 * LIMIT.crossEntropy)).fill(1);
const ones = (n, offset = 0) => ONES.subarray(offset, offset + n);

// Weights whose Huffman codewords are as long as doubles allow: 1,400 weights each a little more
// than the sum of the next two (Fibonacci growth, so the code is a chain ~1,400 deep, ties never
// shorten it), then n - 1,400 weights of 1 at its bottom. With normalize the smallest are about
// 1e-293: codewords of ~1,400 bits for almost all outcomes.
function deepest(n) {
  const w = new Float64Array(n).fill(1);
  const chain = Math.min(1400, n >> 1);
  let a = 1;
  let b = 1;
  for (let i = chain - 1; i >= 0; i--) { w[i] = b; [a, b] = [b, (a + b) * (1 + 2 ** -20)]; }
  return w;
}

function refusedUpFront(label, fn, limit) {
  const before = api.memoryStats();
  assert.throws(fn, (e) => {
    assert.ok(e instanceof mod.BitRulerError, `${label}: ${e}`);
    assert.equal(e.code, 'OUT_OF_RANGE', `${label}: ${e.message}`);
    assert.equal(e.reason, 'TOO_MANY_OUTCOMES', label);
    assert.equal(e.limit, limit, label);
    assert.match(e.message, new RegExp(`at most ${limit}`), label);
    return true;
  });
  const after = api.memoryStats();
  assert.equal(after.allocatedBytes, before.allocatedBytes, `${label}: allocated`);
  assert.equal(after.heapTopBytes, before.heapTopBytes, `${label}: heap top`);
  assert.equal(after.liveHandles, before.liveHandles, `${label}: handles`);
}

test('the limits come from the core and fit the heap', () => {
  assert.equal(FACTS.heapBytes, 2 ** 31);
  assert.deepEqual(api.facts, FACTS);
  for (const [fn, limit] of Object.entries(LIMIT)) {
    assert.ok(Number.isInteger(limit) && limit >= 1e5, `${fn}: ${limit}`);
  }
});

test('one past each limit is refused before anything is allocated (Array and Float64Array)', () => {
  const cases = {
    entropy: (X) => api.entropy(X, { normalize: true }),
    crossEntropy: (X) => api.crossEntropy(X, X, { normalize: true }),
    klDivergence: (X) => api.klDivergence(X, X, { normalize: true }),
    infoTerms: (X) => api.infoTerms(X, X, { normalize: true }),
    huffman: (X) => api.huffman(X, { normalize: true }),
    expectedCodeLength: (X) => api.expectedCodeLength(X, X, { normalize: true }),
    sampleCoding: (X) => api.sampleCoding(X, X, { normalize: true }),
    labTrueConditional: (X) => api.labTrueConditional(X),
    labModelConditional: (X) => api.labModelConditional(new Float64Array(6), 1, X),
  };
  for (const [fn, call] of Object.entries(cases)) {
    const limit = LIMIT[fn];
    const sparse = [];
    sparse.length = limit + 1;  // no items, no memory
    refusedUpFront(`${fn}(Array of ${limit + 1})`, () => call(sparse), limit);
    const lazy = new Float64Array(limit + 1);  // zero pages, never touched
    refusedUpFront(`${fn}(Float64Array of ${limit + 1})`, () => call(lazy), limit);
  }
  // Q is measured too.
  refusedUpFront('klDivergence(P ok, Q over)', () => api.klDivergence([1], new Float64Array(LIMIT.klDivergence + 1)), LIMIT.klDivergence);
});

test('issue 8 case 2: the inputs that aborted the module are refused up front and nothing is kept', () => {
  const before = api.memoryStats();
  refusedUpFront('klDivergence 7e7 normalize', () => api.klDivergence(ones(7e7), ones(7e7, 7e7), { normalize: true }), LIMIT.klDivergence);
  refusedUpFront('huffman 2e7 equal weights', () => api.huffman(ones(2e7), { normalize: true }), LIMIT.huffman);
  assert.equal(api.memoryStats().heapBytes, before.heapBytes);
  assertStillAnswers(api);
});

test('at each limit, in its worst case, the function works', () => {
  const checks = [];
  const time = (label, fn) => {
    const started = performance.now();
    const value = fn();
    checks.push(`${label} ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return value;
  };
  const n1 = LIMIT.entropy;
  assert.ok(Math.abs(time('entropy', () => api.entropy(ones(n1), { normalize: true })) - log2(n1)) < 1e-9);
  const n2 = LIMIT.crossEntropy;
  assert.ok(Math.abs(time('crossEntropy', () => api.crossEntropy(ones(n2), ones(n2, n2), { normalize: true })) - log2(n2)) < 1e-9);
  const n3 = LIMIT.klDivergence;
  assert.equal(time('klDivergence', () => api.klDivergence(ones(n3), ones(n3, n3), { normalize: true })), 0);
  const n4 = LIMIT.infoTerms;
  const terms = time('infoTerms', () => api.infoTerms(ones(n4), ones(n4, n4), { normalize: true }));
  assert.equal(terms.klTerms.length, n4);
  assert.equal(terms.kl, 0);
  assert.ok(Math.abs(terms.crossEntropy - log2(n4)) < 1e-9);

  const h = LIMIT.huffman;
  const code = time('huffman', () => api.huffman(deepest(h), { normalize: true }));
  assert.equal(code.codewords.length, h);
  const longest = code.lengths.reduce((a, b) => Math.max(a, b), 0);
  assert.ok(longest > 1300, `longest codeword ${longest} bits: not the worst case`);
  assert.equal(code.codewords[h - 1].length, code.lengths[h - 1]);

  const e = LIMIT.expectedCodeLength;
  const deep = deepest(e);
  const ecl = time('expectedCodeLength', () => api.expectedCodeLength(deep, deep, { normalize: true }));
  assert.ok(Number.isFinite(ecl) && ecl > 1, String(ecl));
  const s = LIMIT.sampleCoding;
  const deepS = s === e ? deep : deepest(s);
  const run = time('sampleCoding', () => api.sampleCoding(deepS, deepS, { normalize: true, n: FACTS.maxDraws, seed: 1 }));
  assert.equal(run.runningMean.length, FACTS.maxDraws);

  const x = new Float64Array(LIMIT.labTrueConditional).fill(0.5);
  assert.equal(time('labTrueConditional', () => api.labTrueConditional(x)).length, 3 * x.length);
  const xm = new Float64Array(LIMIT.labModelConditional).fill(-1);
  assert.equal(time('labModelConditional', () => api.labModelConditional(new Float64Array(6), 1, xm)).length, 3 * xm.length);

  const stats = api.memoryStats();
  assert.ok(stats.heapTopBytes <= 0.9 * FACTS.heapBytes, `the heap's high-water mark ${stats.heapTopBytes} passed the budget`);
  console.log(`# at the limits: ${checks.join(', ')}; heap high-water ${(stats.heapTopBytes / 2 ** 30).toFixed(2)} GiB`);
  assertStillAnswers(api);
});

test('with the heap full, every function fails cleanly or answers; freed, all answer again', () => {
  const P = [0.5, 0.25, 0.25];
  const family = { kind: 'poisson', lambda: 4 };
  const calls = {
    surprisal: () => api.surprisal(0.5),
    entropy: () => api.entropy(P),
    entropyLarge: () => api.entropy(new Float64Array(1000).fill(1e-3)),
    crossEntropy: () => api.crossEntropy(P, P, { normalize: true }),
    klDivergence: () => api.klDivergence(P, P, { normalize: true }),
    infoTerms: () => api.infoTerms(P, P),
    parseProbability: () => api.parseProbability('１／８'),
    parseDistribution: () => api.parseDistribution('1, 2, 3'),
    readDistribution: () => api.readDistribution('1, 2, 3'),
    huffman: () => api.huffman(P),
    expectedCodeLength: () => api.expectedCodeLength(P, P),
    sampleCoding: () => api.sampleCoding(P, P, { n: 100 }),
    familyPmf: () => api.familyPmf(family),
    familyKl: () => api.familyKl(family, { kind: 'binomial', n: 20, p: 0.2 }),
    fitPoisson: () => api.fitPoisson({ kind: 'binomial', n: 20, p: 0.2 }),
    gaussianKl: () => api.gaussianKl(0, 1, 1, 2, { binWidth: 0.1 }),
    labDataset: () => api.labDataset({ n: 5000, seed: 9 }),
    labTrueConditional: () => api.labTrueConditional([0, 1]),
    labModelConditional: () => api.labModelConditional(new Float64Array(6), 1, [0, 1]),
    labParameterCount: () => api.labParameterCount(3),
    labEvaluate: () => api.labEvaluate({ n: 4000, seed: 5 }),
    labTrain: () => api.labTrain({ n: 3000, seed: 4, steps: 5 }),
  };
  const expected = {};
  for (const [name, call] of Object.entries(calls)) expected[name] = JSON.stringify(call(), (k, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v));
  const before = api.memoryStats();

  const held = api.holdMemory(Infinity);
  assert.ok(held > 0.5 * FACTS.heapBytes, `held ${held}`);
  const full = api.memoryStats();
  assert.ok(full.heapBytes >= 0.99 * FACTS.heapBytes, 'the heap grew to its ceiling');
  const outcomes = {};
  for (const [name, call] of Object.entries(calls)) {
    try {
      outcomes[name] = JSON.stringify(call(), (k, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v)) === expected[name] ? 'same' : 'DIFFERENT';
    } catch (error) {
      assert.ok(error instanceof mod.BitRulerError, `${name}: ${error}`);
      assert.equal(error.code, 'OUT_OF_RANGE', `${name}: ${error.message}`);
      assert.equal(error.reason, 'OUT_OF_MEMORY', name);
      assert.match(error.message, /Not enough memory/);
      outcomes[name] = 'OUT_OF_MEMORY';
    }
    assert.ok(api.memoryStats().allocatedBytes <= full.allocatedBytes, `${name} kept memory`);
    assert.equal(api.memoryStats().stackPointer, full.stackPointer, `${name} moved the stack`);
  }
  assert.ok(Object.values(outcomes).every((o) => o !== 'DIFFERENT'), JSON.stringify(outcomes));
  assert.ok(Object.values(outcomes).filter((o) => o === 'OUT_OF_MEMORY').length >= 15, JSON.stringify(outcomes));

  assert.equal(api.holdMemory(0), 0);
  for (const [name, call] of Object.entries(calls)) {
    assert.equal(JSON.stringify(call(), (k, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v)), expected[name], name);
  }
  const after = api.memoryStats();
  // The same calls leave the same memory taken (the lab's cached data set) as before the heap filled
  // (give or take the allocator's alignment padding of blocks that moved).
  assert.ok(Math.abs(after.allocatedBytes - before.allocatedBytes) <= 64, `${after.allocatedBytes} vs ${before.allocatedBytes}`);
  assert.equal(after.stackPointer, before.stackPointer);
  assert.equal(after.liveHandles, before.liveHandles);
  assertStillAnswers(api);
});
