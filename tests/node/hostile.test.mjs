// Issue 8, case 1: nothing a caller hands over can throw inside the module. 10^6 calls of every
// exported function with hostile arguments (detached buffers, Float64Array subclasses that lie
// about their length, throwing getters, valueOf and toString, Proxies and revoked Proxies,
// frozen and sealed arrays, arrays from another realm, huge sparse arrays)
// are each refused with a BitRulerError of the expected code, or answered exactly as the clean
// input is; afterwards the module's embind handles, stack pointer, malloc'd bytes, heap size and
// answers are what they were. (Before this round a detached Float64Array leaked 3 handles and
// the shadow stack per call and killed the module after about 13,600 calls; a subclass whose
// length getter returns -1 aborted it.) Release build; about 10 s on one core.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import vm from 'node:vm';
import { assertStillAnswers, loadModule } from './helpers.mjs';

const { mod, api } = await loadModule('release');
const { FACTS } = mod;

const P = [0.5, 0.25, 0.25];
const Q = [0.25, 0.25, 0.5];
let sideEffects = 0;  // counts every valueOf / toString / toPrimitive the module's wrapper calls

// --- hostile values -----------------------------------------------------------------------------

function detached(values = P) {
  const a = new Float64Array(values);
  structuredClone(a.buffer, { transfer: [a.buffer] });
  return a;
}
// Real Float64Arrays whose own properties lie: they hold P, whatever they claim.
const lyingLength = (claim) => {
  const C = class extends Float64Array { get length() { if (claim === 'throw') throw new Error('length'); return claim; } };
  return C.from(P);
};
const lyingEverything = () => {
  const a = new Float64Array(P);
  for (const key of ['length', 'byteLength', 'byteOffset', 'buffer']) {
    Object.defineProperty(a, key, { get() { throw new Error(key); } });
  }
  Object.defineProperty(a, Symbol.toStringTag, { get() { throw new Error('tag'); } });
  a.set = () => { throw new Error('set'); };
  a.slice = () => { throw new Error('slice'); };
  a.subarray = () => { throw new Error('subarray'); };
  return a;
};
const withArrayPrototype = () => Object.setPrototypeOf(new Float64Array(P), Array.prototype);
const otherRealm = vm.runInNewContext('({ array: [0.5, 0.25, 0.25], f64: new Float64Array([0.5, 0.25, 0.25]) })');

const throwingItem = () => {
  const a = [0.5, 0.25, 0.25];
  Object.defineProperty(a, 1, { get() { throw new Error('item'); } });
  return a;
};
const sneakyNumber = { valueOf() { sideEffects++; return 0.25; }, toString() { sideEffects++; return '0.25'; } };
const primitiveBomb = { [Symbol.toPrimitive]() { sideEffects++; throw new Error('toPrimitive'); } };
const proxyOf = (target, handler) => new Proxy(target, handler);
const revoked = () => { const r = Proxy.revocable([0.5, 0.5], {}); r.revoke(); return r.proxy; };
const throwingTrap = () => proxyOf([0.5, 0.5], { get() { throw new Error('trap'); } });
const lengthTrap = (value) => proxyOf([0.5, 0.5], { get(t, k) { return k === 'length' ? value : t[k]; } });
const sparse = () => { const a = []; a.length = 2 ** 32 - 1; return a; };
const holey = () => new Array(4);

const throwingOptions = () => ({ get base() { throw new Error('base'); }, get normalize() { throw new Error('normalize'); } });
const optionsProxy = () => proxyOf({}, { get() { throw new Error('options trap'); } });
const familyProxy = () => proxyOf({ kind: 'poisson', lambda: 4 }, { get(t, k) { if (k === 'lambda') throw new Error('lambda'); return t[k]; } });
const kindObject = { toString() { sideEffects++; return 'poisson'; } };

// [label, value, code] for an array argument. code null: a real Float64Array holding P (the
// answer must equal the clean one).
const ARRAYS = [
  ['detached Float64Array', detached, 'TYPE'],
  ['subarray of a detached buffer', () => { const a = new Float64Array(8); const s = a.subarray(2, 5); structuredClone(a.buffer, { transfer: [a.buffer] }); return s; }, 'TYPE'],
  ['length getter -1', () => lyingLength(-1), null],
  ['length getter 2^31', () => lyingLength(2 ** 31), null],
  ['length getter NaN', () => lyingLength(NaN), null],
  ['length getter throws', () => lyingLength('throw'), null],
  ['every own property throws', lyingEverything, null],
  ['Float64Array with Array.prototype', withArrayPrototype, null],
  ['Float64Array from another realm', () => otherRealm.f64, null],
  ['frozen Array', () => Object.freeze([...P]), null],
  ['sealed Float64Array', () => Object.seal(new Float64Array(P)), null],
  ['Array from another realm', () => otherRealm.array, null],
  ['item getter throws', throwingItem, 'TYPE'],
  ['item with valueOf', () => [0.5, sneakyNumber, 0.25], 'TYPE'],
  ['item with Symbol.toPrimitive', () => [0.5, primitiveBomb, 0.25], 'TYPE'],
  ['Proxy whose get trap throws', throwingTrap, 'TYPE'],
  ['Proxy with length -1', () => lengthTrap(-1), 'TYPE'],
  ['Proxy with length 2^40', () => lengthTrap(2 ** 40), 'TYPE'],
  ['Proxy with length "2"', () => lengthTrap('2'), 'TYPE'],
  ['Proxy with length NaN', () => lengthTrap(NaN), 'TYPE'],
  ['Proxy of a Float64Array', () => proxyOf(new Float64Array(P), {}), 'TYPE'],
  ['revoked Proxy', revoked, 'TYPE'],
  ['sparse Array of 2^32 - 1', sparse, 'OUT_OF_RANGE'],
  ['holey Array', holey, 'TYPE'],
  ['Float32Array', () => new Float32Array(P), 'TYPE'],
  ['BigInt64Array', () => new BigInt64Array(3), 'TYPE'],
  ['DataView', () => new DataView(new ArrayBuffer(24)), 'TYPE'],
  ['object with valueOf', () => sneakyNumber, 'TYPE'],
  ['Symbol', () => Symbol('P'), 'TYPE'],
  ['BigInt', () => 1n, 'TYPE'],
];
// [label, value, code] for a number argument (p, base, sigma, n, ...).
const NUMBERS = [
  ['Number object', () => new Number(0.5), 'TYPE'],
  ['object with valueOf', () => sneakyNumber, 'TYPE'],
  ['Symbol.toPrimitive bomb', () => primitiveBomb, 'TYPE'],
  ['BigInt', () => 1n, 'TYPE'],
  ['Proxy', () => proxyOf({}, { get() { throw new Error('n'); } }), 'TYPE'],
  ['revoked Proxy', revoked, 'TYPE'],
];
// [label, value, code, reason] for text.
const TEXTS = [
  ['String object with throwing toString', () => Object.assign(new String('1/2'), { toString() { sideEffects++; throw new Error('s'); } }), 'TYPE'],
  ['object with toString', () => ({ toString() { sideEffects++; return '1/2'; } }), 'TYPE'],
  ['lone high surrogate', () => '1/2, \uD83D, 1/2', 'PARSE', 'LONE_SURROGATE'],
  ['lone low surrogate', () => '\uDE00', 'PARSE', 'LONE_SURROGATE'],
  ['10^5 characters', () => '1'.repeat(100000), 'PARSE', 'TOO_LONG'],
  ['5001 two-byte characters', () => 'é'.repeat(5001), 'PARSE', 'TOO_LONG'],
  ['Symbol', () => Symbol('t'), 'TYPE'],
];
// [label, value, code] for options objects.
const OPTIONS = [
  ['getters that throw', throwingOptions, 'TYPE'],
  ['Proxy whose trap throws', optionsProxy, 'TYPE'],
  ['revoked Proxy', revoked, 'TYPE'],
  ['every option an object with valueOf', () => ({ base: sneakyNumber, normalize: sneakyNumber, learningRate: sneakyNumber, n: sneakyNumber }), 'TYPE'],
  ['every option a Proxy', () => ({ base: proxyOf({}, {}), normalize: proxyOf({}, {}), learningRate: proxyOf({}, {}), n: proxyOf({}, {}) }), 'TYPE'],
];
const FAMILIES = [
  ['Proxy whose getter throws', familyProxy, 'TYPE'],
  ['kind with toString', () => ({ kind: kindObject, lambda: 4 }), 'TYPE'],
  ['kind getter throws', () => ({ get kind() { throw new Error('kind'); } }), 'TYPE'],
  ['revoked Proxy', revoked, 'TYPE'],
  ['lambda with valueOf', () => ({ kind: 'poisson', lambda: sneakyNumber }), 'TYPE'],
];

// --- every exported function, with each hostile value in each argument ---------------------------

const GOOD_FAMILY = { kind: 'poisson', lambda: 4 };
const DISTRIBUTION_FNS = {
  entropy: (X) => api.entropy(X),
  crossEntropy: (X) => api.crossEntropy(X, Q),
  crossEntropyQ: (X) => api.crossEntropy(Q, X),
  klDivergence: (X) => api.klDivergence(X, Q),
  klDivergenceQ: (X) => api.klDivergence(Q, X),
  infoTerms: (X) => api.infoTerms(X, Q).kl,
  infoTermsQ: (X) => api.infoTerms(Q, X).kl,
  huffman: (X) => api.huffman(X).codewords.join(' '),
  expectedCodeLength: (X) => api.expectedCodeLength(X, Q),
  expectedCodeLengthQ: (X) => api.expectedCodeLength(Q, X),
  sampleCoding: (X) => api.sampleCoding(X, Q, { n: 20, seed: 3 }).crossCodeLength,
  sampleCodingQ: (X) => api.sampleCoding(Q, X, { n: 20, seed: 3 }).crossCodeLength,
  labTrueConditional: (X) => api.labTrueConditional(X)[4],
  labModelConditionalX: (X) => api.labModelConditional(new Float64Array(6), 1, X)[4],
};
const NUMBER_FNS = {
  surprisal: (x) => api.surprisal(x),
  surprisalBase: (x) => api.surprisal(0.5, x),
  gaussianKl: (x) => api.gaussianKl(0, x, 0, 1),
  labParameterCount: (x) => api.labParameterCount(x),
  labDataset: (x) => api.labDataset({ n: x }),
  labTrain: (x) => api.labTrain({ n: 50, learningRate: x }),
  labEvaluate: (x) => api.labEvaluate({ n: 50, step: x }),
  holdMemory: (x) => api.holdMemory(x),
  labModelConditionalDegree: (x) => api.labModelConditional(new Float64Array(6), x, [0]),
};
const TEXT_FNS = {
  parseProbability: (t) => api.parseProbability(t),
  parseDistribution: (t) => api.parseDistribution(t),
  readDistribution: (t) => api.readDistribution(t),
};
const OPTION_FNS = {
  entropy: (o) => api.entropy(P, o),
  klDivergence: (o) => api.klDivergence(P, Q, o),
  infoTerms: (o) => api.infoTerms(P, Q, o),
  huffman: (o) => api.huffman(P, o),
  sampleCoding: (o) => api.sampleCoding(P, Q, o),
  familyKl: (o) => api.familyKl(GOOD_FAMILY, GOOD_FAMILY, o),
  labTrain: (o) => api.labTrain(o),
  gaussianKl: (o) => api.gaussianKl(0, 1, 0, 1, o),
};
const FAMILY_FNS = {
  familyPmf: (f) => api.familyPmf(f),
  familyKl: (f) => api.familyKl(f, GOOD_FAMILY),
  familyKlQ: (f) => api.familyKl(GOOD_FAMILY, f),
  fitPoisson: (f) => api.fitPoisson(f),
};

// Each case: a function of no arguments and what it must do.
const CASES = [];
for (const [fnName, fn] of Object.entries(DISTRIBUTION_FNS)) {
  const clean = fn(new Float64Array(P));
  for (const [label, make, code] of ARRAYS) {
    const value = make();  // made once: a detached buffer stays detached, a Proxy stays revoked
    CASES.push({ label: `${fnName}(${label})`, run: () => fn(value), code, expect: clean });
  }
}
for (const [group, fns, values] of [['number', NUMBER_FNS, NUMBERS], ['text', TEXT_FNS, TEXTS],
  ['options', OPTION_FNS, OPTIONS], ['family', FAMILY_FNS, FAMILIES]]) {
  for (const [fnName, fn] of Object.entries(fns)) {
    for (const [label, make, code, reason] of values) {
      const value = make();
      CASES.push({ label: `${fnName}(${group}: ${label})`, run: () => fn(value), code, reason });
    }
  }
}

// Runs case i; returns nothing, asserts the outcome (cheaply: this is the hot loop).
function runCase(c) {
  let value;
  try {
    value = c.run();
  } catch (error) {
    if (!(error instanceof mod.BitRulerError)) throw new Error(`${c.label}: threw ${error && error.name}: ${error && error.message}`);
    if (error.code !== c.code) throw new Error(`${c.label}: ${error.code} instead of ${c.code}: ${error.message}`);
    if (c.reason !== undefined && error.reason !== c.reason) throw new Error(`${c.label}: reason ${error.reason} instead of ${c.reason}`);
    return;
  }
  if (c.code !== null) throw new Error(`${c.label}: answered ${value} instead of refusing with ${c.code}`);
  if (value !== c.expect) throw new Error(`${c.label}: ${value} instead of ${c.expect}`);
}

test('every hostile argument of every function is refused in JS or read as the real array it is', () => {
  for (const c of CASES) runCase(c);
  assert.ok(CASES.length > 400, `${CASES.length} cases`);
  assert.equal(sideEffects, 0, 'no valueOf / toString / toPrimitive of a caller\'s value may run');
  // The refusals say what is wrong.
  assert.throws(() => api.entropy(detached()), /Float64Array whose memory is gone/);
  assert.throws(() => api.entropy(throwingItem()), (e) => e.code === 'TYPE' && e.index === 1 && /P\[1\] could not be read \(item\)/.test(e.message));
  assert.throws(() => api.entropy(sparse()), (e) => e.reason === 'TOO_MANY_OUTCOMES' && e.limit === FACTS.maxOutcomes.entropy);
  assert.throws(() => api.entropy(revoked()), /P could not be read/);
});

test('10^6 hostile calls leave handles, stack pointer, malloc\'d bytes, heap size and answers unchanged', () => {
  for (const c of CASES) runCase(c);  // warm-up: embind's method callers, first-use allocations
  const before = api.memoryStats();
  const answersBefore = [api.entropy(P), api.klDivergence(P, Q), api.huffman(P).codewords.join(), api.parseProbability('１／８')];
  const started = performance.now();
  const CALLS = 1_000_000;
  for (let i = 0; i < CALLS; i++) runCase(CASES[i % CASES.length]);
  const seconds = (performance.now() - started) / 1000;
  const after = api.memoryStats();
  assert.deepEqual(after, before, 'handles, stack pointer, malloc\'d bytes and heap are unchanged');
  assert.deepEqual([api.entropy(P), api.klDivergence(P, Q), api.huffman(P).codewords.join(), api.parseProbability('１／８')], answersBefore);
  console.log(`# ${CALLS} hostile calls over ${CASES.length} cases in ${seconds.toFixed(1)} s`);
  assertStillAnswers(api);
});

test('a page that replaced a built-in the module calls: the call fails, the module keeps answering', () => {
  // Not the caller's arguments but the environment: Float64Array.prototype.slice, which core.js
  // uses to copy results out of the module's memory, throws. The module's state stays level
  // (malloc'd bytes, stack pointer, heap) and the next call answers.
  const before = api.memoryStats();
  const slice = Float64Array.prototype.slice;
  Float64Array.prototype.slice = () => { throw new Error('replaced'); };
  let failed = 0;
  try {
    for (let i = 0; i < 20000; i++) {
      try { api.sampleCoding(P, Q, { n: 10 }); } catch (error) { if (error.message === 'replaced') failed++; }
    }
  } finally {
    Float64Array.prototype.slice = slice;
  }
  const after = api.memoryStats();
  assert.equal(failed, 20000);
  assert.equal(after.stackPointer, before.stackPointer);
  assert.ok(after.allocatedBytes - before.allocatedBytes < 256, `malloc'd bytes grew by ${after.allocatedBytes - before.allocatedBytes}`);
  assert.equal(after.heapBytes, before.heapBytes);
  assert.deepEqual(Array.from(api.sampleCoding(P, P, { n: 3, seed: 1 }).runningMean).length, 3);
  assertStillAnswers(api);
});
