// The mpmath fixtures (tests/fixtures/info.json, the same file the native doctest suite reads)
// through dist/core.js, release and debug builds, with plain arrays and Float64Arrays.
// Reports the worst relative error per function.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadModule } from './helpers.mjs';
import { buildInput, caseSize, clearInputCache, loadFixtures, runCase, toNumber } from './fixtures.mjs';

const cases = loadFixtures().sort((a, b) => caseSize(a) - caseSize(b));

test('the fixture file has value and error cases of every function, up to 10^7 outcomes', () => {
  const fns = new Set(cases.map((c) => c.fn));
  assert.deepEqual([...fns].sort(), ['cross_entropy', 'entropy', 'kl_divergence', 'surprisal']);
  assert.ok(cases.some((c) => c.error));
  assert.ok(cases.some((c) => caseSize(c) >= 1e7));
  assert.ok(cases.length >= 100, `only ${cases.length} cases`);
});

test('generated inputs are bit-identical to the generator: probabilities summing to 1', () => {
  // Spot checks of the generator, independent of the core: the first LCG weights by hand.
  const p = buildInput({ gen: 'lcg', n: 3, seed: 12345, modulus: 256, offset: 0 });
  const xs = [];
  let x = 12345;
  for (let i = 0; i < 3; i++) { x = (48271 * x) % 2147483647; xs.push(x % 256); }
  const total = xs.reduce((a, b) => a + b, 0);
  assert.deepEqual([...p], xs.map((w) => w / total));
  const tail = buildInput({ gen: 'head_tail', n: 3, head: [0.5], tail_exp2: -1060 });
  assert.equal(tail[1], Number.MIN_VALUE * 2 ** 14);
});

// The debug build (-O0, SAFE_HEAP checks on every access) runs 10^7-outcome cases ~100x slower
// than release; it covers every case up to 10^5 outcomes, the release build all of them.
const MAX_SIZE = { release: Infinity, debug: 1e5 };

for (const variant of ['release', 'debug']) {
  test(`[${variant}] every fixture case${variant === 'debug' ? ' up to 10^5 outcomes' : ''} matches its mpmath reference`, async (t) => {
    const { api } = await loadModule(variant);
    const worst = {};
    const failures = [];
    let checked = 0;
    for (const c of cases) {
      if (caseSize(c) > MAX_SIZE[variant]) continue;
      for (const asFloat64 of [false, true]) {
        if (asFloat64 && (c.fn === 'surprisal' || caseSize(c) > 1000)) continue;  // generated inputs already are
        const label = `${c.id}${asFloat64 ? ' (Float64Array)' : ''}`;
        checked++;
        let got;
        try {
          got = runCase(api, c, { asFloat64 });
        } catch (error) {
          if (error.code !== c.error) failures.push(`${label}: threw ${error.code} (${error.message}), expected ${c.error || c.expected_text}`);
          continue;
        }
        if (c.error) {
          failures.push(`${label}: returned ${got}, expected error ${c.error}`);
          continue;
        }
        const expected = toNumber(c.expected);
        if (!Number.isFinite(expected) || expected === 0) {
          if (!Object.is(got, expected)) failures.push(`${label}: got ${got}, expected ${expected}`);
          continue;
        }
        const rel = Math.abs(got - expected) / Math.abs(expected);
        if (!(rel <= c.rel_tol)) failures.push(`${label}: got ${got}, expected ${c.expected_text} (relative error ${rel.toExponential(2)} > ${c.rel_tol})`);
        if (!worst[c.fn] || rel > worst[c.fn].rel) worst[c.fn] = { rel, id: c.id };
        if (c.fn === 'kl_divergence' && !(got >= 0)) failures.push(`${label}: negative KL ${got}`);
      }
    }
    clearInputCache();
    for (const [fn, { rel, id }] of Object.entries(worst)) {
      t.diagnostic(`${variant} worst relative error ${fn}: ${rel.toExponential(2)} (${id})`);
    }
    t.diagnostic(`${variant}: ${checked} checks`);
    assert.ok(checked >= cases.filter((c) => caseSize(c) <= MAX_SIZE[variant]).length);
    assert.deepEqual(failures, [], `${failures.length} fixture check(s) failed`);
  });
}
