// The lab's functions through the built WebAssembly module (dist/core.js), in Node: the same
// mpmath fixture the native doctest suite runs (tests/fixtures/learning.json), closed forms for the
// families, every refusal, and memory that stays flat over many training calls. (It lives beside the
// lab's browser tests because the lab owns tests/browser/lab*; it needs dist/ but no browser.)
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { distDir, repoRoot } from './helpers.mjs';

const fixture = JSON.parse(readFileSync(join(repoRoot, 'tests/fixtures/learning.json'), 'utf8'));
let api;

before(async () => {
  const core = await import(pathToFileURL(join(distDir, 'core.js')).href);
  api = await core.load();
});

const close = (a, b, rel) => Math.abs(a - b) <= rel * Math.abs(b);

describe('learning lab in WASM', () => {
  for (const run of fixture.runs) {
    test(`fixed-seed run "${run.name}" reaches the mpmath losses`, () => {
      const data = api.labDataset({ n: run.n, seed: run.seed });
      assert.deepEqual([...data.x.slice(0, 10)], run.first_x);
      assert.deepEqual([...data.y.slice(0, 10)], run.first_y);
      const counts = [0, 0, 0];
      for (const y of data.y) counts[y] += 1;
      assert.deepEqual(counts, run.y_counts);
      const start = api.labEvaluate({ n: run.n, seed: run.seed, degree: run.degree });
      assert.ok(close(start.trainLoss, run.train_loss_bits[0], 1e-14));
      const r = api.labTrain({
        n: run.n, seed: run.seed, degree: run.degree, learningRate: run.learning_rate, steps: run.steps,
      });
      run.record_steps.forEach((s, i) => {
        if (s === 0) return;
        assert.equal(r.step[s - 1], s);
        assert.ok(close(r.trainLoss[s - 1], run.train_loss_bits[i], 1e-10), `step ${s}: ${r.trainLoss[s - 1]} vs ${run.train_loss_bits[i]}`);
      });
      run.final_theta.forEach((t, i) => assert.ok(close(r.theta[i], t, 1e-9), `theta[${i}]`));
      const last = run.steps - 1;
      assert.ok(close(r.crossEntropy[last], run.final_cross_entropy_bits, 1e-10));
      assert.ok(close(r.entropy[last], run.final_entropy_bits, 1e-12));
      assert.ok(close(r.kl[last], run.final_kl_bits, 1e-9));
      for (let i = 0; i < run.steps; i++) {
        assert.ok(Math.abs(r.crossEntropy[i] - (r.entropy[i] + r.kl[i])) <= 1e-12, `identity at step ${i + 1}`);
      }
    });
  }

  test('training in chunks equals training in one call (θ travels through JS)', () => {
    const whole = api.labTrain({ n: 300, seed: 3, degree: 3, learningRate: 1.5, steps: 40 });
    let theta;
    let step = 0;
    for (let i = 0; i < 4; i++) {
      const r = api.labTrain({ n: 300, seed: 3, degree: 3, learningRate: 1.5, steps: 10, theta, step });
      theta = r.theta;
      step = r.step[9];
    }
    assert.deepEqual([...theta], [...whole.theta]);
  });

  test('bad settings are refused with their codes, and the module keeps answering', () => {
    const cases = [
      [() => api.labTrain({ n: 0 }), 'OUT_OF_RANGE'],
      [() => api.labTrain({ n: 2.5 }), 'OUT_OF_RANGE'],
      [() => api.labTrain({ n: 1e7 }), 'OUT_OF_RANGE'],
      [() => api.labTrain({ learningRate: 0 }), 'OUT_OF_RANGE'],
      [() => api.labTrain({ learningRate: -1 }), 'OUT_OF_RANGE'],
      [() => api.labTrain({ learningRate: NaN }), 'NOT_FINITE'],
      [() => api.labTrain({ learningRate: '1' }), 'TYPE'],
      [() => api.labTrain({ degree: 4 }), 'OUT_OF_RANGE'],
      [() => api.labTrain({ degree: 2, theta: [0, 0, 0] }), 'LENGTH_MISMATCH'],
      [() => api.labTrain({ seed: -1 }), 'OUT_OF_RANGE'],
      [() => api.labTrain({ base: 1 }), 'BAD_BASE'],
      [() => api.familyPmf({ kind: 'gaussian', mu: 0, sigma: 0 }), 'OUT_OF_RANGE'],
      [() => api.familyPmf({ kind: 'gaussian', mu: 0, sigma: -1 }), 'OUT_OF_RANGE'],
      [() => api.familyPmf({ kind: 'gaussian', mu: Infinity, sigma: 1 }), 'NOT_FINITE'],
      [() => api.familyPmf({ kind: 'poisson', lambda: -1 }), 'OUT_OF_RANGE'],
      [() => api.familyPmf({ kind: 'poisson', lambda: 'x' }), 'TYPE'],
      [() => api.familyPmf({ kind: 'cauchy' }), 'TYPE'],
      [() => api.familyPmf(null), 'TYPE'],
      [() => api.familyKl({ kind: 'poisson', lambda: 1 }, { kind: 'poisson', lambda: 2 }, { base: 'bits' }), 'BAD_BASE'],
      [() => api.fitPoisson({ kind: 'gaussian', mu: 3, sigma: 2 }), 'OUT_OF_RANGE'],
      [() => api.gaussianKl(0, 1, 0, 1, { binWidth: 0 }), 'OUT_OF_RANGE'],
    ];
    for (const [fn, code] of cases) {
      assert.throws(fn, (e) => e.name === 'BitRulerError' && e.code === code && e.message.length > 10, `${fn} → ${code}`);
      assert.ok(close(api.labEvaluate({ n: 10, seed: 1 }).trainLoss, Math.log2(3), 1e-14));
    }
  });
});

describe('families in WASM', () => {
  test('closed forms: Poisson ‖ Poisson, Gaussian ‖ Gaussian, and the Poisson fit', () => {
    const nats = (a, b) => a * Math.log(a / b) - a + b;
    assert.ok(close(api.familyKl({ kind: 'poisson', lambda: 4 }, { kind: 'poisson', lambda: 6 }, { base: 'nat' }), nats(4, 6), 1e-12));
    assert.ok(close(api.familyKl({ kind: 'poisson', lambda: 1e6 }, { kind: 'poisson', lambda: 1.001e6 }, { base: 'nat' }), nats(1e6, 1.001e6), 1e-9));
    assert.ok(close(api.gaussianKl(0, 1, 1, 1), 0.5 / Math.LN2, 1e-15));
    assert.equal(api.familyKl({ kind: 'gaussian', mu: 1, sigma: 2 }, { kind: 'gaussian', mu: 1, sigma: 2 }), 0);
    const fit = api.fitPoisson({ kind: 'binomial', n: 20, p: 0.3 });
    assert.ok(close(fit.lambda, 6, 1e-15));
    const pmf = api.familyPmf({ kind: 'poisson', lambda: 1e6 });
    let sum = 0;
    for (const m of pmf.mass) sum += m;
    assert.ok(Math.abs(sum - 1) < 1e-12);
    assert.equal(api.familyKl({ kind: 'gaussian', mu: 10, sigma: 3 }, { kind: 'poisson', lambda: 10 }), Infinity);
  });

  test('memory stays flat over 5,000 training calls and family evaluations', () => {
    const run = () => {
      api.labTrain({ n: 2000, seed: 5, degree: 2, steps: 2 });
      api.familyKl({ kind: 'gaussian', mu: 10, sigma: 3, naturals: true }, { kind: 'poisson', lambda: 8 });
    };
    for (let i = 0; i < 200; i++) run();
    const before = api.memoryStats();
    for (let i = 0; i < 5000; i++) run();
    const after = api.memoryStats();
    assert.equal(after.heapBytes, before.heapBytes);
    assert.ok(after.allocatedBytes - before.allocatedBytes <= 1024, `${before.allocatedBytes} → ${after.allocatedBytes}`);
    if (after.liveHandles !== undefined) assert.equal(after.liveHandles, before.liveHandles);
  });
});
