// The boundary's contract beyond bad input: structured error details (reason, limit, index, and
// start / end as UTF-16 offsets into the caller's text), the boundary facts (one source: the
// C++ constants, the same at run time and in the static module), and the functions added this
// round (readDistribution, infoTerms, labParameterCount from the core, labTrain divergence).
// Issue 8, case 7 (messages): text over 10,000 bytes says so; a lone surrogate is refused with
// its position instead of being read as another character. Issue 8, case 6 (lab NaN) from JS.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { assertCode, dist, loadModule } from './helpers.mjs';

for (const variant of ['release', 'debug']) {
  const { mod, api } = await loadModule(variant);
  const { FACTS } = mod;

  test(`[${variant}] facts: the running module, FACTS, dist/facts.js and web/src/facts.js agree; JS restates none of them`, async () => {
    const file = variant === 'release' ? join(dist, 'facts.js') : join(dist, 'debug', 'facts.js');
    const staticFacts = await import(pathToFileURL(file).href);
    const sourceFacts = await import(pathToFileURL(join(dist, '..', 'web', 'src', 'facts.js')).href);
    assert.deepEqual(api.facts, FACTS);
    // the release module has no facts() of its own (CMakeLists.txt): its api.facts is FACTS
    if (variant === 'release') assert.equal(api.facts, FACTS);
    else assert.notEqual(api.facts, FACTS, 'the debug module reads its own facts()');
    assert.deepEqual(sourceFacts.FACTS, api.facts, 'web/src/facts.js is the module\'s facts (rebuild and commit it)');
    assert.deepEqual(staticFacts.FACTS, FACTS);
    assert.equal(staticFacts.default, staticFacts.FACTS);
    assert.ok(Object.isFrozen(FACTS) && Object.isFrozen(FACTS.maxOutcomes) && Object.isFrozen(FACTS.lab.trainColumns));
    assert.ok(Object.isFrozen(api.facts) && Object.isFrozen(api.facts.families.kinds));
    assert.deepEqual(mod.ERROR_CODES, [...FACTS.errorCodes, 'LOAD']);
    assert.deepEqual(FACTS.errorCodes, ['EMPTY', 'TYPE', 'NOT_FINITE', 'NEGATIVE', 'NOT_NORMALIZED', 'LENGTH_MISMATCH',
      'OUT_OF_RANGE', 'BAD_BASE', 'PARSE']);
    assert.equal(FACTS.maxInputBytes, 10000);
    assert.equal(FACTS.maxSeed, 2 ** 53 - 1);
    assert.equal(FACTS.sumTolerance, 1e-9);
    assert.deepEqual(FACTS.families.kinds, ['gaussian', 'poisson', 'binomial', 'geometric']);
    // The column names are the keys labTrain's result has.
    const run = api.labTrain({ n: 50, steps: 2 });
    for (const column of FACTS.lab.trainColumns) assert.equal(run[column].length, 2, column);
    // The limits in the facts are the ones the functions enforce.
    assert.throws(() => api.sampleCoding([1], [1], { seed: FACTS.maxSeed + 1 }), /2\^53/);
    assert.doesNotThrow(() => api.sampleCoding([1], [1], { seed: FACTS.maxSeed, n: FACTS.maxDraws }));
    assert.throws(() => api.sampleCoding([1], [1], { n: FACTS.maxDraws + 1 }), (e) => e.limit === FACTS.maxDraws);
    assert.throws(() => api.labTrain({ learningRate: FACTS.lab.maxLearningRate * 1.0001 }), (e) => e.code === 'OUT_OF_RANGE');
    assert.throws(() => api.labDataset({ n: FACTS.lab.maxSamples + 1 }), (e) => e.limit === FACTS.lab.maxSamples);
  });

  test(`[${variant}] text over the byte limit says so (reason TOO_LONG, limit), measured in UTF-8`, () => {
    const max = FACTS.maxInputBytes;
    for (const fn of ['parseProbability', 'parseDistribution', 'readDistribution']) {
      const ascii = assertCode(mod, () => api[fn]('1'.repeat(max + 1)), 'PARSE', fn);
      assert.equal(ascii.reason, 'TOO_LONG');
      assert.equal(ascii.limit, max);
      assert.match(ascii.message, /10000 bytes/);
      // 5,001 two-byte characters are 10,002 bytes: refused though only 5,001 UTF-16 units.
      const twoByte = assertCode(mod, () => api[fn]('é'.repeat(5001)), 'PARSE', fn);
      assert.equal(twoByte.reason, 'TOO_LONG');
      assert.match(twoByte.message, /10002 bytes/);
      // Exactly at the limit the text is read (and refused only for what it says).
      const atLimit = '0'.repeat(max);
      if (fn === 'parseProbability') assert.equal(api[fn](atLimit), 0);
      else assert.equal(api.parseDistribution(`1,${'0'.repeat(max - 2)}`).length, 2);
    }
  });

  test(`[${variant}] a lone surrogate is refused where it stands (it used to be read as another character)`, () => {
    for (const [text, at] of [['1/2, \uD83D, 1/2', 5], ['\uDE00', 0], ['1/2\uD83D', 3], ['😀\uDE00', 2]]) {
      for (const fn of ['parseProbability', 'parseDistribution', 'readDistribution']) {
        const e = assertCode(mod, () => api[fn](text), 'PARSE', `${fn}(${JSON.stringify(text)})`);
        assert.equal(e.reason, 'LONE_SURROGATE');
        assert.equal(e.start, at);
        assert.equal(e.end, at + 1);
        assert.equal(text.slice(e.start, e.end).length, 1);
      }
    }
    // A well-formed pair is a character like any other (refused as not a number, not as a surrogate).
    const e = assertCode(mod, () => api.parseDistribution('1, 😀, 2'), 'PARSE');
    assert.equal(e.reason, 'EXPECTED_NUMBER');
    assert.deepEqual([e.start, e.end, e.index], [3, 5, 1]);
  });

  test(`[${variant}] parse errors point into the caller's text in UTF-16 offsets`, () => {
    for (const [text, slice, index] of [
      ['1, x, 3', 'x', 1],
      ['１／２，ｘ', 'ｘ', 1],
      ['１／２，１／０', '１／０', 1],
      ['1、 2，-3', '-3', 2],
      ['1, 😀, 2', '😀', 1],
    ]) {
      const e = assertCode(mod, () => api.parseDistribution(text), e0(text), text);
      assert.equal(text.slice(e.start, e.end), slice, `${text}: ${e.message}`);
      assert.equal(e.index, index, text);
    }
    const p = assertCode(mod, () => api.parseProbability('  １／ｘ'), 'PARSE');
    assert.equal('  １／ｘ'.slice(p.start, p.end).includes('ｘ'), true);
    const zero = assertCode(mod, () => api.readDistribution('0, 0'), 'OUT_OF_RANGE');
    assert.equal(zero.reason, 'ALL_ZERO');
    // Issue 8, case 5 from JS: exponents over the whole fraction.
    assert.deepEqual(api.parseDistribution('3e999999999/6e999999998'), [5]);
    assert.deepEqual(api.parseDistribution('1e100000001/1e100000000'), [10]);
  });
  function e0(text) {
    if (text.includes('1/0') || text.includes('１／０')) return 'NOT_FINITE';
    if (text.includes('-3')) return 'NEGATIVE';
    return 'PARSE';
  }

  test(`[${variant}] array items: index and message of the first bad one`, () => {
    const e = assertCode(mod, () => api.entropy([0.5, 0.5, '0']), 'TYPE');
    assert.equal(e.index, 2);
    assert.match(e.message, /P\[2\] must be a number/);
    const big = assertCode(mod, () => api.huffman({ length: 3 }), 'TYPE');
    assert.equal(big.index, undefined);
    // Details the core gives pass through; those that do not apply are absent, not undefined.
    const sum = assertCode(mod, () => api.entropy([0.5, 0.6]), 'NOT_NORMALIZED');
    assert.deepEqual([sum.reason, sum.limit], ['SUM_NOT_ONE', FACTS.sumTolerance]);
    for (const key of ['index', 'start', 'end']) assert.equal(Object.hasOwn(sum, key), false, key);
    const made = new mod.BitRulerError('PARSE', 'x', { reason: 'TOO_LONG', limit: 3, start: 1, end: 2, cause: 'c' });
    assert.deepEqual([made.reason, made.limit, made.start, made.end, made.cause, made.index], ['TOO_LONG', 3, 1, 2, 'c', undefined]);
  });

  test(`[${variant}] readDistribution: weights as typed, probabilities as used, spans in the text`, () => {
    const d = api.readDistribution(' 2，1、 １');
    assert.deepEqual(d.weights, [2, 1, 1]);
    assert.deepEqual(d.probabilities, [0.5, 0.25, 0.25]);
    assert.equal(d.sum, 4);
    assert.equal(d.rescaled, true);
    assert.deepEqual(d.spans.map(([s, e]) => ' 2，1、 １'.slice(s, e)), ['2', '1', '１']);
    const same = api.readDistribution('1/2, 1/4, 1/4');
    assert.equal(same.rescaled, false);
    assert.deepEqual(same.probabilities, api.parseDistribution('1/2, 1/4, 1/4'));
  });

  test(`[${variant}] infoTerms: rows and totals from the core, totals equal to the single functions`, () => {
    const P = [0.5, 0.25, 0.125, 0.125, 0];
    const Q = [0.25, 0.25, 0.25, 0.125, 0.125];
    for (const base of ['bit', 'nat', 10]) {
      const t = api.infoTerms(P, Q, { base });
      assert.equal(t.entropy, api.entropy(P, { base }));
      assert.equal(t.crossEntropy, api.crossEntropy(P, Q, { base }));
      assert.equal(t.kl, api.klDivergence(P, Q, { base }));
      assert.equal(t.p.length, 5);
      assert.equal(t.surprisalP[4], Infinity);
      assert.equal(t.entropyTerms[4], 0);
    }
    const bits = api.infoTerms(P, Q);
    assert.deepEqual(Array.from(bits.klTerms), [0.5, 0, -0.125, 0, 0]);
    const alone = api.infoTerms([2, 1, 1], null, { normalize: true });
    assert.deepEqual([alone.q, alone.surprisalQ, alone.crossTerms, alone.klTerms, alone.crossEntropy, alone.kl],
      [null, null, null, null, null, null]);
    assert.equal(alone.entropy, 1.5);
    assert.deepEqual(api.infoTerms([1]).entropyTerms, new Float64Array([0]));
    assertCode(mod, () => api.infoTerms(P, [1]), 'LENGTH_MISMATCH');
    assertCode(mod, () => api.infoTerms(P, { base: 'nat' }), 'TYPE');
  });

  test(`[${variant}] the lab: parameter count from the core, divergence stops training with finite numbers`, () => {
    assert.deepEqual([1, 2, 3].map((d) => api.labParameterCount(d)), [6, 9, 12]);
    for (const bad of [0, 4, 1.5, NaN, -Infinity]) assertCode(mod, () => api.labParameterCount(bad), 'OUT_OF_RANGE', String(bad));
    // Issue 8, case 6: the rate the API accepts that used to report Infinity and NaN from step 3.
    const run = api.labTrain({ n: 200, seed: 1, degree: 3, learningRate: 1000, steps: 40 });
    assert.equal(run.diverged, true);
    assert.ok(run.divergedAt >= 1 && run.divergedAt <= 40, String(run.divergedAt));
    assert.equal(run.step.length, run.divergedAt - 1);
    for (const column of FACTS.lab.trainColumns) {
      assert.ok(run[column].every(Number.isFinite), `${column} has a non-finite entry`);
    }
    assert.ok(Array.from(run.theta).every(Number.isFinite));
    const calm = api.labTrain({ n: 200, seed: 1, degree: 1, learningRate: 1, steps: 5 });
    assert.deepEqual([calm.diverged, calm.divergedAt, calm.step.length], [false, 0, 5]);
  });
}
