// 100,000 calls, successes and refusals mixed: after a warm-up, WASM linear memory does not grow,
// malloc'd bytes return to the same level and embind holds no more JS values than before.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertStillAnswers, loadModule } from './helpers.mjs';

const { api } = await loadModule('release');

const P8 = new Array(8).fill(1 / 8);
const P8f = new Float64Array(P8);
const Q8 = [0.3, 0.2, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05];
const LONG_TEXT = '1'.repeat(100000);

// One call of a mixed workload; returns true when it succeeded.
const WORKLOAD = [
  () => api.entropy(P8),
  () => api.entropy(P8f, { base: 'nat' }),
  () => api.crossEntropy(P8, Q8),
  () => api.klDivergence(Q8, P8f),
  () => api.surprisal(1 / 1024),
  () => api.parseProbability('１／８'),
  () => api.parseDistribution('2, 1, 1'),
  () => api.huffman(Q8),
  () => api.sampleCoding(P8, Q8, { n: 50, seed: 3 }),
  () => api.entropy([0.5, 0.6]),                 // NOT_NORMALIZED
  () => api.klDivergence(P8, [1]),               // LENGTH_MISMATCH
  () => api.entropy([NaN, 1]),                   // NOT_FINITE
  () => api.parseProbability('abc'),             // PARSE
  () => api.parseDistribution(LONG_TEXT),        // PARSE (too long)
  () => api.surprisal(0.5, 1),                   // BAD_BASE
  () => api.entropy('0.5'),                      // TYPE (refused in JS)
  () => api.huffman([]),                         // EMPTY
];

function runCalls(count) {
  let ok = 0;
  let refused = 0;
  for (let i = 0; i < count; i++) {
    try {
      WORKLOAD[i % WORKLOAD.length]();
      ok++;
    } catch (error) {
      if (error.name !== 'BitRulerError') throw error;
      refused++;
    }
  }
  return { ok, refused };
}

test('100,000 mixed calls: WASM memory, malloc use and embind handles do not grow', () => {
  runCalls(5000);  // warm-up: malloc arenas, embind's method-caller caches
  const before = api.memoryStats();
  const { ok, refused } = runCalls(100000);
  const after = api.memoryStats();
  assert.ok(ok > 40000 && refused > 40000, `ok ${ok}, refused ${refused}`);
  assert.equal(after.heapBytes, before.heapBytes, 'linear memory grew');
  assert.equal(after.allocatedBytes, before.allocatedBytes, 'malloc\'d bytes grew (a leak)');
  assert.equal(after.liveHandles, before.liveHandles, 'embind handles leaked');
  assertStillAnswers(api);
});

test('a large input grows memory once; repeating it reuses that memory', () => {
  const big = new Float64Array(1_000_000).fill(1e-6);
  assert.ok(Math.abs(api.entropy(big) - Math.log2(1e6)) < 1e-9);
  const before = api.memoryStats();
  for (let i = 0; i < 20; i++) api.entropy(big);
  const after = api.memoryStats();
  assert.equal(after.heapBytes, before.heapBytes);
  assert.equal(after.allocatedBytes, before.allocatedBytes);
});
