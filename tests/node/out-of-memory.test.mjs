// A call that runs out of memory part-way (some of its blocks taken, the next one refused) stops
// inside the module, and everything it took is given back: the module is built without C++
// exceptions, so this is cpp/bindings/exchange.cpp's doing (operator new traps, recover() frees
// the call's blocks), not unwinding. The heap is filled to leave a chosen number of bytes free, for
// a range of sizes that makes each function fail at a different allocation; after each failure the
// malloc'd bytes, the stack pointer and the answers are what they were. Release build; ~2 GiB.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertStillAnswers, loadModule } from './helpers.mjs';

const { mod, api } = await loadModule('release');

const P = Float64Array.from({ length: 4000 }, (_, i) => (i % 7) + 1);
const Q = Float64Array.from({ length: 4000 }, (_, i) => (i % 5) + 1);
const calls = {
  infoTerms: () => api.infoTerms(P, Q, { normalize: true }).kl,
  klDivergence: () => api.klDivergence(P, Q, { normalize: true }),
  huffman: () => api.huffman(P, { normalize: true }).codewords.join('').length,
  sampleCoding: () => api.sampleCoding(P, Q, { normalize: true, n: 3000, seed: 2 }).crossCodeLength,
  readDistribution: () => api.readDistribution(Array.from(P.subarray(0, 900)).join(', ')).sum,
  familyKl: () => api.familyKl({ kind: 'binomial', n: 4000, p: 0.3 }, { kind: 'poisson', lambda: 1200 }),
  labTrain: () => api.labTrain({ n: 2000, seed: 5, steps: 3 }).kl[2],
};

test('a call that runs out of memory part-way gives back every block it took', () => {
  const expected = Object.fromEntries(Object.entries(calls).map(([name, call]) => [name, call()]));
  api.labDataset({ n: 2000, seed: 5 });  // the lab's cached data set stays the same throughout
  const capacity = api.holdMemory(Infinity);  // the heap at its ceiling, then given back
  api.holdMemory(0);
  const before = api.memoryStats();
  let failures = 0;
  const seen = {};
  for (const [name, call] of Object.entries(calls)) {
    seen[name] = new Set();
    // Leave 0 to ~320 KB free, in uneven steps, so that the call fails at different allocations.
    for (let free = 0; free < 320_000; free += 4093) {
      api.holdMemory(capacity - free);
      const held = api.memoryStats();
      const once = () => {
        try {
          const value = call();
          assert.equal(value, expected[name], `${name}, ${free} B free`);
          return 'answered';
        } catch (error) {
          assert.ok(error instanceof mod.BitRulerError, `${name}, ${free} B free: ${error}`);
          assert.equal(error.reason, 'OUT_OF_MEMORY', `${name}: ${error.message}`);
          return 'failed';
        }
      };
      const first = once();
      const afterOne = api.memoryStats();
      for (let i = 0; i < 4; i++) assert.equal(once(), first, `${name}, ${free} B free: the same outcome again`);
      const afterFive = api.memoryStats();
      if (first === 'failed') failures++;
      seen[name].add(first);
      // A failed call gives back every block: four more leave the malloc'd bytes exactly where the
      // first left them (which differs from before it by at most the allocator's alignment padding
      // of a block that moved, never by a block).
      assert.equal(afterFive.allocatedBytes, afterOne.allocatedBytes, `${name}, ${free} B free: blocks kept`);
      assert.ok(Math.abs(afterOne.allocatedBytes - held.allocatedBytes) <= 16, `${name}, ${free} B free: ${afterOne.allocatedBytes - held.allocatedBytes} B kept`);
      assert.equal(afterFive.stackPointer, held.stackPointer, `${name}, ${free} B free: stack pointer`);
      api.holdMemory(0);
    }
  }
  const after = api.memoryStats();
  assert.ok(Math.abs(after.allocatedBytes - before.allocatedBytes) <= 16, `${after.allocatedBytes} vs ${before.allocatedBytes}`);
  assert.equal(after.stackPointer, before.stackPointer);
  for (const [name, call] of Object.entries(calls)) assert.equal(call(), expected[name], name);
  assert.ok(failures > 50, `${failures} failures`);
  for (const name of Object.keys(calls)) assert.deepEqual([...seen[name]].sort(), ['answered', 'failed'], name);
  assertStillAnswers(api);
});
