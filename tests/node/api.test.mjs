// The JS API of dist/core.js in Node: the article's numbers, identities, both array forms,
// logarithm bases, Huffman codes and the sampling demo, through the release build.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertRelative, loadModule } from './helpers.mjs';

const { mod, api } = await loadModule('release');

test('load() is memoized: every call resolves to the same frozen API object', async () => {
  const again = mod.load();
  assert.equal(again, mod.load(), 'same promise');
  assert.equal(await again, api);
  assert.ok(Object.isFrozen(api));
  for (const name of ['surprisal', 'entropy', 'crossEntropy', 'klDivergence', 'parseProbability',
    'parseDistribution', 'huffman', 'expectedCodeLength', 'sampleCoding', 'memoryStats']) {
    assert.equal(typeof api[name], 'function', name);
  }
});

test('the module exports BitRulerError, the error codes and the named bases', () => {
  assert.deepEqual([...mod.ERROR_CODES], ['EMPTY', 'TYPE', 'NOT_FINITE', 'NEGATIVE', 'NOT_NORMALIZED',
    'LENGTH_MISMATCH', 'OUT_OF_RANGE', 'BAD_BASE', 'PARSE', 'LOAD']);
  const e = new mod.BitRulerError('PARSE', 'not a number');
  assert.ok(e instanceof Error);
  assert.equal(e.code, 'PARSE');
  assert.equal(e.name, 'BitRulerError');
  assert.deepEqual({ ...mod.BASES }, { bit: 2, nat: Math.E, hartley: 10 });
});

test("the article's numbers: 10 bit, 3 bit, 3 bit, 0.0808 bit, and information adds", () => {
  assert.equal(api.surprisal(1 / 1024), 10);               // China wins
  assert.equal(api.surprisal(1 / 8), 3);                   // Argentina wins
  assert.equal(api.entropy(new Array(8).fill(1 / 8)), 3);  // eight equal teams
  assert.equal(api.entropy([0.99, 0.01]).toFixed(4), '0.0808');
  const [a, b] = [1 / 2, 1 / 4];                           // reaches the final, then wins it
  assert.equal(api.surprisal(a * b), api.surprisal(a) + api.surprisal(b));
});

test('conventions: surprisal(0) = Infinity, surprisal(1) = 0, 0 log 0 = 0, q = 0 gives Infinity', () => {
  assert.equal(api.surprisal(0), Infinity);
  assert.equal(api.surprisal(1), 0);
  assert.equal(api.entropy([1, 0, 0]), 0);
  assert.equal(api.crossEntropy([0.5, 0.5], [1, 0]), Infinity);
  assert.equal(api.klDivergence([0.5, 0.5], [1, 0]), Infinity);
  assert.equal(api.klDivergence([1, 0], [0.5, 0.5]), 1);   // p = 0 terms contribute 0
});

test('H(P,Q) = H(P) + D(P||Q) and D >= 0, exactly 0 for P = Q (Gibbs)', () => {
  const P = [0.5, 0.25, 0.125, 0.125];
  const Q = [0.25, 0.25, 0.25, 0.25];
  assertRelative(api.crossEntropy(P, Q), api.entropy(P) + api.klDivergence(P, Q), 1e-15, 'identity');
  assert.equal(api.crossEntropy(P, Q), 2);
  assert.equal(api.entropy(P), 1.75);
  assert.equal(api.klDivergence(P, Q), 0.25);
  assert.equal(api.klDivergence(P, P), 0);
  assert.ok(!Object.is(api.klDivergence(P, P), -0));
  // Not symmetric.
  assertRelative(api.klDivergence([0.5, 0.5], [0.25, 0.75]), 1 - 0.5 * Math.log2(3), 1e-15, 'D(P||Q)');
  assertRelative(api.klDivergence([0.25, 0.75], [0.5, 0.5]), 0.75 * Math.log2(3) - 1, 1e-14, 'D(Q||P)');
});

test('KL of nearly identical distributions keeps its digits (P = [1/2, 1/2], Q = 1/2 ± 2^-30)', () => {
  const d = 2 ** -30;
  // D = 1/2 log2(1/(1-4d^2)) = -log1p(-4d^2) / (2 ln 2), computed in closed form.
  const expected = -Math.log1p(-4 * d * d) / (2 * Math.LN2);
  assertRelative(api.klDivergence([0.5, 0.5], [0.5 + d, 0.5 - d]), expected, 1e-12, 'tiny KL');
});

test('a plain Array and a Float64Array of the same numbers give identical results', () => {
  const P = [0.1, 0.2, 0.3, 0.4];
  const Q = [0.25, 0.25, 0.25, 0.25];
  const Pf = Float64Array.from(P);
  const Qf = Float64Array.from(Q);
  assert.equal(api.entropy(P), api.entropy(Pf));
  assert.equal(api.crossEntropy(P, Q), api.crossEntropy(Pf, Qf));
  assert.equal(api.crossEntropy(P, Qf), api.crossEntropy(Pf, Q));
  assert.equal(api.klDivergence(P, Q), api.klDivergence(Pf, Qf));
  assert.deepEqual(api.huffman(P), api.huffman(Pf));
  // The caller's arrays are not modified.
  assert.deepEqual(P, [0.1, 0.2, 0.3, 0.4]);
  assert.deepEqual([...Pf], P);
});

test('a Float64Array view into a larger buffer is read from its own offset', () => {
  const buffer = new Float64Array([9, 9, 0.5, 0.5, 9]);
  const view = buffer.subarray(2, 4);
  assert.equal(api.entropy(view), 1);
});

test("bases: 'bit' (default), 'nat', 'hartley' and numbers", () => {
  const P = [0.5, 0.5];
  assert.equal(api.entropy(P), 1);
  assert.equal(api.entropy(P, { base: 'bit' }), 1);
  assert.equal(api.entropy(P, { base: 2 }), 1);
  assertRelative(api.entropy(P, { base: 'nat' }), Math.LN2, 1e-15, 'nat');
  assertRelative(api.entropy(P, { base: Math.E }), Math.LN2, 1e-15, 'e');
  assertRelative(api.entropy(P, { base: 'hartley' }), Math.log10(2), 1e-15, 'hartley');
  assertRelative(api.surprisal(1 / 1000, 'hartley'), 3, 1e-15, 'hartley surprisal');
  assertRelative(api.surprisal(1 / 9, 3), 2, 1e-15, 'base 3');
  assertRelative(api.klDivergence([0.5, 0.5], [0.25, 0.75], { base: 'nat' }),
    0.5 * Math.log(2) + 0.5 * Math.log(2 / 3), 1e-14, 'KL in nats');
  assert.equal(api.crossEntropy([0.5, 0.5], [0.5, 0.5], { base: 4 }), 0.5);
});

test('normalize rescales weights only when asked', () => {
  assert.equal(api.entropy([2, 1, 1], { normalize: true }), 1.5);
  assert.equal(api.entropy([1e308, 1e308], { normalize: true }), 1);
  assert.equal(api.entropy([5e-324, 5e-324], { normalize: true }), 1);
  assert.equal(api.crossEntropy([1, 1], [1, 3], { normalize: true }), 0.5 * 2 + 0.5 * Math.log2(4 / 3));
  assert.equal(api.klDivergence([3, 3], [1, 1], { normalize: true }), 0);
  // Within 1e-9 of 1: used as given, not rescaled.
  assert.equal(api.entropy([0.5, 0.5 + 1e-12]), -(0.5 * Math.log2(0.5) + (0.5 + 1e-12) * Math.log2(0.5 + 1e-12)));
});

test('parsing what readers type, including a Chinese input method', () => {
  assert.equal(api.parseProbability('1/1024'), 1 / 1024);
  assert.equal(api.parseProbability('0.125'), 0.125);
  assert.equal(api.parseProbability('12.5%'), 0.125);
  assert.equal(api.parseProbability(' 1e-3 '), 0.001);
  assert.equal(api.parseProbability('１／８'), 0.125);
  assert.equal(api.parseProbability('１２．５％'), 0.125);
  assert.deepEqual(api.parseDistribution('2, 1, 1'), [2, 1, 1]);
  assert.deepEqual(api.parseDistribution('1/2，1/4、1/4'), [0.5, 0.25, 0.25]);
  assert.deepEqual(api.parseDistribution('0.99 0.01'), [0.99, 0.01]);
  assert.ok(Array.isArray(api.parseDistribution('1')));
});

test('Huffman codes: lengths, prefix-free codewords, H <= L < H + 1', () => {
  const P = [0.5, 0.25, 0.125, 0.125];
  const code = api.huffman(P);
  assert.deepEqual(code.lengths, [1, 2, 3, 3]);
  assert.equal(code.expectedLength, 1.75);
  code.codewords.forEach((w, i) => assert.equal(w.length, code.lengths[i]));
  for (const a of code.codewords) {
    for (const b of code.codewords) if (a !== b) assert.ok(!b.startsWith(a), `${a} is a prefix of ${b}`);
  }
  const skewed = [0.99, 0.01];
  const h = api.entropy(skewed);
  const L = api.huffman(skewed).expectedLength;
  assert.ok(h <= L && L < h + 1);
  const withZero = api.huffman([0.5, 0, 0.5]);
  assert.deepEqual(withZero.lengths, [1, 0, 1]);
  assert.equal(withZero.codewords[1], '');
  assert.deepEqual(api.huffman([1]), { lengths: [1], codewords: ['0'], expectedLength: 1 });
  assert.deepEqual(api.huffman([2, 1, 1], { normalize: true }).lengths, [1, 2, 2]);
});

test("the cost of the wrong code: data from P with Q's code", () => {
  const P = [0.5, 0.25, 0.125, 0.125];
  const Q = [0.125, 0.125, 0.25, 0.5];
  const lengthsQ = api.huffman(Q).lengths;
  const expected = P.reduce((s, p, i) => s + p * lengthsQ[i], 0);
  assert.equal(api.expectedCodeLength(P, Q), expected);
  assert.ok(api.expectedCodeLength(P, Q) >= api.crossEntropy(P, Q) - 1e-12);
  assert.equal(api.expectedCodeLength(P, P), api.huffman(P).expectedLength);
  assert.equal(api.expectedCodeLength([0.5, 0.5], [1, 0]), Infinity);
});

test('sampleCoding is seeded, settles on the cross code length, and returns typed arrays', () => {
  const P = [0.5, 0.25, 0.125, 0.125];
  const Q = [0.25, 0.25, 0.25, 0.25];
  const run = api.sampleCoding(P, Q, { n: 20000, seed: 42 });
  assert.ok(run.outcomes instanceof Int32Array);
  assert.ok(run.runningMean instanceof Float64Array);
  assert.equal(run.outcomes.length, 20000);
  assert.equal(run.runningMean.length, 20000);
  assert.equal(run.crossCodeLength, 2);
  // Every Huffman codeword for four equal outcomes has 2 bits.
  assert.ok(run.runningMean.every((m) => m === 2));
  const again = api.sampleCoding(P, Q, { n: 20000, seed: 42 });
  assert.deepEqual(again.outcomes, run.outcomes);
  const other = api.sampleCoding(P, Q, { n: 20000, seed: 43 });
  assert.notDeepEqual(other.outcomes, run.outcomes);
  // Outcome frequencies follow P (binomial sd < 0.004 at n = 20000; 0.02 is > 5 sd).
  const counts = [0, 0, 0, 0];
  for (const k of run.outcomes) counts[k]++;
  counts.forEach((c, i) => assert.ok(Math.abs(c / 20000 - P[i]) < 0.02, `outcome ${i}: ${c}`));
  // With Q's code built for a different shape the mean settles on sum p * len_Q.
  const skew = api.sampleCoding(P, [0.125, 0.125, 0.25, 0.5], { n: 20000, seed: 1 });
  const expected = api.expectedCodeLength(P, [0.125, 0.125, 0.25, 0.5]);
  assert.equal(skew.crossCodeLength, expected);
  assert.ok(Math.abs(skew.runningMean[19999] - expected) < 0.05);
  // Defaults: n = 1000.
  assert.equal(api.sampleCoding(P, Q).outcomes.length, 1000);
});

test('memoryStats reports the linear memory, malloc use and live embind handles', () => {
  const m = api.memoryStats();
  assert.ok(m.heapBytes >= 16 * 1024 * 1024 && m.heapBytes % 65536 === 0);
  assert.ok(Number.isInteger(m.allocatedBytes) && m.allocatedBytes >= 0);
  assert.ok(Number.isInteger(m.liveHandles) && m.liveHandles >= 0);
});

test('the sampler draws the same stream as native C++ and the independent Python reference', async () => {
  // tests/fixtures/rng_stream.json: xoshiro256** seeded by splitmix64, written by
  // make_rng_fixture.py and asserted natively by tests/cpp/test_random.cpp.
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { root } = await import('./helpers.mjs');
  const fixture = JSON.parse(readFileSync(join(root, 'tests/fixtures/rng_stream.json'), 'utf8'));
  let compared = 0;
  for (const stream of fixture.streams) {
    const seed = Number(stream.seed);
    if (!Number.isSafeInteger(seed)) continue;  // the API takes seeds up to 2^53 - 1
    const { weights, draws } = stream.categorical[0];
    const uniformQ = new Array(weights.length).fill(1 / weights.length);
    const run = api.sampleCoding(weights, uniformQ, { n: draws.length, seed });
    assert.deepEqual([...run.outcomes], draws, `seed ${stream.seed}`);
    compared++;
  }
  assert.ok(compared >= 3, `only ${compared} seeds compared`);
});
