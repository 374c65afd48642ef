// Browser tests of <bit-ruler> and <bit-learning> (the lab's elements) in Debian's Chromium through
// playwright-core. The elements are bundled beside a private copy of dist/ (so the suite runs even
// before the page's bitruler.js exports them, and is not disturbed by a concurrent build); the HTML
// is written here.
//
// Expected numbers are derived independently of the core: closed forms computed here with Math.log,
// exact binomial/Poisson sums, and the mpmath reference run in tests/fixtures/learning.json.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import {
  assertClean, launchBrowser, openPage, repoRoot, snapshotDist, startServer, waitForResult,
} from './helpers.mjs';

const fixture = JSON.parse(readFileSync(join(repoRoot, 'tests/fixtures/learning.json'), 'utf8'));
const LN2 = Math.LN2;

let snapshot;
let server;
let browser;
let base;

function labHtml(body, lang = 'zh') {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>lab test</title>
<link rel="icon" href="./favicon.svg">
<script type="module" src="./lab.js"></script></head><body>${body}</body></html>`;
}

before(async () => {
  snapshot = snapshotDist();
  await esbuild.build({
    stdin: {
      contents: "import './web/src/elements/bit-ruler.js'; import './web/src/elements/bit-learning.js';",
      resolveDir: repoRoot,
    },
    bundle: true,
    format: 'esm',
    outfile: join(snapshot.dir, 'lab.js'),
    logLevel: 'warning',
    plugins: [{
      name: 'dist-core',
      setup(b) { b.onResolve({ filter: /(^|\/)core\.js$/ }, () => ({ path: './core.js', external: true })); },
    }],
  });
  writeFileSync(join(snapshot.dir, 'ruler.html'), labHtml('<bit-ruler id="r"></bit-ruler>'));
  writeFileSync(join(snapshot.dir, 'ruler-en.html'), labHtml('<bit-ruler id="r" lang="en"></bit-ruler>', 'en'));
  writeFileSync(join(snapshot.dir, 'learning.html'), labHtml('<bit-learning id="l"></bit-learning>'));
  writeFileSync(join(snapshot.dir, 'learning-ref.html'),
    labHtml('<bit-learning id="l" n="200" seed="42" rate="2" degree="2"></bit-learning>'));
  server = await startServer({ root: snapshot.dir });
  base = server.url;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  snapshot?.remove();
});

async function open(file, opts = {}) {
  return openPage(browser, `${base}${file}`, { waitReady: false, ...opts });
}

// Typing into a field inside the element's shadow root, as a reader does (focus, select all, type).
async function typeInto(page, host, inputSelector, text) {
  const input = page.locator(`${host} ${inputSelector}`);
  await input.click();
  await input.press('Control+a');
  await input.pressSequentially(text);
}

const inShadow = (page, host, selector) => page.locator(`${host} ${selector}`);

function poissonPmf(k, lambda) {
  let logp = -lambda + k * Math.log(lambda);
  for (let i = 2; i <= k; i++) logp -= Math.log(i);
  return Math.exp(logp);
}

describe('<bit-ruler>', () => {
  test('Poisson against Poisson gives the closed form a·ln(a/b) − a + b in both directions', async () => {
    const { page, log, context } = await open('ruler.html');
    await page.$eval('#r', (el) => { el.setAttribute('p', 'poisson:4'); el.setAttribute('q', 'poisson:6'); });
    const closed = (a, b) => (a * Math.log(a / b) - a + b) / LN2;
    const r = await waitForResult(page, '#r', (x) => x && x.p === 'poisson:4' && x.q === 'poisson:6');
    assert.ok(Math.abs(r.kl - closed(4, 6)) < 1e-12 * closed(4, 6), `kl ${r.kl}`);
    assert.ok(Math.abs(r.klReverse - closed(6, 4)) < 1e-12 * closed(6, 4), `klReverse ${r.klReverse}`);
    assert.equal(r.unit, 'bit');
    // On screen: the two numbers as shown.
    const shown = await inShadow(page, '#r', '.res.fwd .big').textContent();
    assert.equal(shown, `${closed(4, 6).toFixed(4).replace(/0+$/, '')} bit`);
    assertClean(assert, log);
    await context.close();
  });

  test('the fit button finds λ* = E_P[k] and D(P‖Poisson(λ*)) matches an exact sum', async () => {
    const { page, log, context } = await open('ruler.html');
    await page.$eval('#r', (el) => { el.setAttribute('p', 'binomial:20,0.3'); el.setAttribute('q', 'poisson:2'); });
    await waitForResult(page, '#r', (x) => x && x.p === 'binomial:20,0.3');
    await inShadow(page, '#r', 'button[data-i18n="fit"]').click();
    const r = await waitForResult(page, '#r', (x) => x && x.fittedLambda !== undefined);
    assert.ok(Math.abs(r.fittedLambda - 6) < 1e-12, `λ* = ${r.fittedLambda}`);
    let d = 0;
    let c = 1; // C(20, k)
    for (let k = 0; k <= 20; k++) {
      const p = c * 0.3 ** k * 0.7 ** (20 - k);
      d += p * Math.log2(p / poissonPmf(k, 6));
      c = (c * (20 - k)) / (k + 1);
    }
    assert.ok(Math.abs(r.fittedKl - d) < 1e-10, `fitted D ${r.fittedKl} vs ${d}`);
    assert.ok(Math.abs(r.kl - d) < 1e-10);
    assert.match(await page.$eval('#r', (el) => el.getAttribute('q')), /^poisson:6(\.0*)?$/);
    assert.match(await inShadow(page, '#r', '.fit-out').textContent(), /λ\* = E_P\[k\] = 6/);
    assertClean(assert, log);
    await context.close();
  });

  test('two Gaussians: the closed form, and the numeric sum just below it', async () => {
    const { page, log, context } = await open('ruler.html');
    await inShadow(page, '#r', 'button[data-preset="presetGG"]').click();
    const r = await waitForResult(page, '#r', (x) => x && x.closedForm !== undefined);
    const closed = (Math.log(2 / 1) + (1 + 1) / (2 * 4) - 0.5) / LN2; // N(0,1) ‖ N(1,2²)
    assert.ok(Math.abs(r.closedForm - closed) < 1e-14, `${r.closedForm} vs ${closed}`);
    assert.ok(r.binnedSum <= r.closedForm && r.closedForm - r.binnedSum < 1e-3 * closed);
    assert.ok(r.kl < r.binnedSum, 'integer bins lose more information than fine bins');
    assert.ok(await inShadow(page, '#r', '.gg math').count() > 0, 'formula rendered');
    assertClean(assert, log);
    await context.close();
  });

  test('a Gaussian on all integers against a Poisson is ∞, and says why; swap exchanges the directions', async () => {
    const { page, log, context } = await open('ruler.html');
    const before = await waitForResult(page, '#r');
    await inShadow(page, '#r', 'button.swap').click();
    const swapped = await waitForResult(page, '#r', (x) => x && x.p === 'poisson:8');
    assert.equal(swapped.kl, before.klReverse);
    assert.equal(swapped.klReverse, before.kl);
    await inShadow(page, '#r', 'button.swap').click();
    await waitForResult(page, '#r', (x) => x && x.p === 'gaussian:10,3');
    await inShadow(page, '#r', '.check input').uncheck();
    const r = await waitForResult(page, '#r', (x) => x && x.naturals === false);
    assert.equal(r.kl, null); // JSON: Infinity → null
    assert.equal(await page.$eval('#r', (el) => el.result.kl), Infinity);
    assert.equal(await inShadow(page, '#r', '.res.fwd .big').textContent(), '∞');
    assert.match(await inShadow(page, '#r', '.res.fwd .why').textContent(), /负整数/);
    assert.equal(await page.$eval('#r', (el) => el.getAttribute('naturals')), 'false');
    assertClean(assert, log);
    await context.close();
  });

  test('σ ≤ 0, λ < 0 and text are refused with a message; the last result stays', async () => {
    const { page, log, context } = await open('ruler.html');
    const good = await waitForResult(page, '#r');
    // σ is the second field of P; λ the first of Q.
    await typeInto(page, '#r', '.side.p .params .field:nth-child(2) input', '0');
    await page.waitForFunction(() => document.querySelector('#r').error !== null);
    let err = await page.$eval('#r', (el) => el.error);
    assert.equal(err.code, 'OUT_OF_RANGE');
    assert.match(err.message, /σ/);
    assert.match(await inShadow(page, '#r', '.side.p .params .field:nth-child(2) .field-msg').textContent(), /标准差 σ 必须大于 0/);
    assert.equal(await inShadow(page, '#r', '.side.p .params .field:nth-child(2) input').getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await page.$eval('#r', (el) => el.result.kl), good.kl);
    await typeInto(page, '#r', '.side.p .params .field:nth-child(2) input', '-2');
    assert.equal((await page.$eval('#r', (el) => el.error)).code, 'OUT_OF_RANGE');
    await typeInto(page, '#r', '.side.p .params .field:nth-child(2) input', '3');
    await page.waitForFunction(() => document.querySelector('#r').error === null);
    await typeInto(page, '#r', '.side.q .params .field:nth-child(1) input', '-1');
    await page.waitForFunction(() => document.querySelector('#r').error !== null);
    err = await page.$eval('#r', (el) => el.error);
    assert.equal(err.code, 'OUT_OF_RANGE');
    assert.match(err.message, /λ 不能小于 0/);
    await typeInto(page, '#r', '.side.q .params .field:nth-child(1) input', 'abc');
    await page.waitForFunction(() => document.querySelector('#r').error?.code === 'PARSE');
    assert.match((await page.$eval('#r', (el) => el.error)).message, /abc/);
    assert.deepEqual(await page.$eval('#r', (el) => el.result.kl), good.kl);
    // What the reader typed is still there.
    assert.equal(await inShadow(page, '#r', '.side.q .params .field:nth-child(1) input').inputValue(), 'abc');
    assert.equal(await page.$eval('#r', (el) => el.lastInternalError), null);
    assertClean(assert, log);
    await context.close();
  });

  test('in English, with the keyboard, in nats', async () => {
    const { page, log, context } = await open('ruler-en.html');
    await waitForResult(page, '#r');
    await page.$eval('#r', (el) => el.setAttribute('unit', 'nat'));
    const r = await waitForResult(page, '#r', (x) => x && x.unit === 'nat');
    // Focus λ and edit it with the keyboard only.
    await inShadow(page, '#r', '.side.q .params .field:nth-child(1) input').focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('-5');
    await page.waitForFunction(() => document.querySelector('#r').error !== null);
    assert.match((await page.$eval('#r', (el) => el.error)).message, /rate λ cannot be below 0/);
    await page.keyboard.press('Control+a');
    await page.keyboard.type('10');
    const closer = await waitForResult(page, '#r', (x) => x && x.q === 'poisson:10');
    assert.ok(closer.kl < r.kl);
    assert.equal(await inShadow(page, '#r', 'h3').textContent(), 'One ruler for different families: Gaussian vs Poisson');
    assertClean(assert, log);
    await context.close();
  });
});

describe('<bit-learning>', () => {
  test('trains live; CE = H + KL holds on screen; the loss falls', async () => {
    const { page, log, context } = await open('learning.html');
    const start = await waitForResult(page, '#l', (x) => x && x.step === 0);
    assert.ok(Math.abs(start.trainLoss - Math.log2(3)) < 1e-14, 'the uniform model: log2 3 bits');
    await inShadow(page, '#l', 'button.play').click();
    assert.equal(await inShadow(page, '#l', 'button.play').getAttribute('aria-pressed'), 'true');
    await waitForResult(page, '#l', (x) => x && x.step >= 120, 20000);
    await inShadow(page, '#l', 'button.play').click();
    const r = await page.$eval('#l', (el) => ({ ...el.result }));
    assert.ok(r.trainLoss < start.trainLoss);
    assert.ok(Math.abs(r.crossEntropy - (r.entropy + r.kl)) <= 1e-12);
    assert.ok(r.maxIdentityResidual <= 1e-12);
    assert.ok(r.kl >= 0 && r.crossEntropy >= r.entropy);
    // The identity as the reader sees it: shown H + shown KL = shown CE (to display rounding).
    const num = async (cls) => parseFloat((await inShadow(page, '#l', cls).textContent()).replace('−', '-'));
    const stats = await inShadow(page, '#l', '.stat .v').allTextContents();
    const [, , ce, h, kl] = stats.map((s) => parseFloat(s));
    assert.ok(Math.abs(ce - (h + kl)) <= 2e-4, `${ce} vs ${h} + ${kl}`);
    const identity = await inShadow(page, '#l', '.identity').textContent();
    const residual = Math.abs(parseFloat(identity.split('差 ')[1]));
    assert.ok(residual <= 1e-12, identity);
    assert.ok(await num('.stat.loss .v') > 0);
    // The likelihood of 200 samples is still a double: 2^(−N·loss).
    assert.ok(Math.abs(Math.log2(r.likelihood) - r.logLikelihood) < 1e-9 * Math.abs(r.logLikelihood));
    assertClean(assert, log);
    await context.close();
  });

  test('speed caps the steps per frame; pause stops training at once, no task left behind', async () => {
    const { page, log, context } = await open('learning.html');
    await waitForResult(page, '#l', (x) => x && x.step === 0);
    await inShadow(page, '#l', 'select').nth(1).selectOption('1');
    // Count animation-frame callbacks: training tasks run between frames, at most `speed` steps a frame.
    await page.evaluate(() => {
      window.__frames = 0;
      const raf = window.requestAnimationFrame.bind(window);
      window.requestAnimationFrame = (cb) => raf((ts) => { window.__frames += 1; cb(ts); });
    });
    await inShadow(page, '#l', 'button.play').click();
    await waitForResult(page, '#l', (x) => x && x.step >= 20, 20000);
    await inShadow(page, '#l', 'button.play').click();
    const { step, frames } = await page.evaluate(() => ({ step: document.querySelector('#l').result.step, frames: window.__frames }));
    assert.ok(step <= frames + 1, `${step} steps in ${frames} frames at 1 step per frame`);
    await page.waitForTimeout(300);
    assert.equal(await page.$eval('#l', (el) => el.result.step), step, 'no step after pause');
    // Play, pause and play again within one task: one training loop, not two.
    await page.$eval('#l', (el) => { el.play(); el.pause(); el.play(); });
    await waitForResult(page, '#l', (x) => x && x.step >= step + 10, 20000);
    await page.$eval('#l', (el) => el.pause());
    const after = await page.evaluate(() => ({ step: document.querySelector('#l').result.step, frames: window.__frames }));
    assert.ok(after.step - step <= after.frames - frames + 1, `${after.step - step} steps in ${after.frames - frames} frames`);
    // Taken out of the page while training (its task channel closes) and put back: it trains again.
    await page.$eval('#l', (el) => { el.play(); const parent = el.parentNode; el.remove(); parent.appendChild(el); el.play(); });
    await waitForResult(page, '#l', (x) => x && x.step >= after.step + 5, 20000);
    await page.$eval('#l', (el) => el.pause());
    assertClean(assert, log);
    await context.close();
  });

  test('a seed reproduces the mpmath reference run, step by step', async () => {
    const run = fixture.runs.find((x) => x && x.name === 'moderate');
    const target = run.record_steps.indexOf(10);
    for (let attempt = 0; attempt < 2; attempt++) {
      const { page, log, context } = await open('learning-ref.html');
      await waitForResult(page, '#l', (x) => x && x.step === 0 && x.n === 200 && x.seed === 42);
      for (let i = 0; i < 10; i++) await inShadow(page, '#l', 'button.step-one').click();
      const r = await waitForResult(page, '#l', (x) => x && x.step === 10);
      assert.ok(Math.abs(r.trainLoss - run.train_loss_bits[target]) < 1e-10 * run.train_loss_bits[target],
        `step 10: ${r.trainLoss} vs mpmath ${run.train_loss_bits[target]}`);
      assertClean(assert, log);
      await context.close();
    }
  });

  test('few samples: the training loss falls below the floor (overfitting), the cross-entropy cannot', async () => {
    const { page, log, context } = await open('learning.html');
    await waitForResult(page, '#l', (x) => x && x.step === 0);
    await inShadow(page, '#l', 'button[data-preset="presetFew"]').click();
    await waitForResult(page, '#l', (x) => x && x.n === 12 && x.degree === 3 && x.step === 0);
    await inShadow(page, '#l', 'select').nth(1).selectOption('max');
    await inShadow(page, '#l', 'button.play').click();
    const r = await waitForResult(page, '#l', (x) => x && x.step >= 1500, 30000);
    await inShadow(page, '#l', 'button.play').click();
    assert.ok(r.trainLoss < r.entropy, `${r.trainLoss} < ${r.entropy}`);
    assert.ok(r.crossEntropy > r.entropy);
    assert.match(await inShadow(page, '#l', '.overfit').textContent(), /过拟合/);
    assert.equal(await page.$eval('#l', (el) => el.getAttribute('n')), '12');
    assertClean(assert, log);
    await context.close();
  });

  test('N = 0, a learning rate ≤ 0 and text are refused with a message; the last result stays', async () => {
    const { page, log, context } = await open('learning.html');
    const good = await waitForResult(page, '#l', (x) => x && x.step === 0);
    const cases = [
      ['n', '0', 'OUT_OF_RANGE', /样本数 N 必须是 1 到 100000/],
      ['n', '1e9', 'OUT_OF_RANGE', /样本数 N/],
      ['rate', '0', 'OUT_OF_RANGE', /学习率必须大于 0/],
      ['rate', '-1', 'OUT_OF_RANGE', /学习率必须大于 0/],
      ['seed', 'abc', 'PARSE', /abc/],
    ];
    for (const [field, text, code, message] of cases) {
      const index = { n: 0, seed: 1, rate: 2 }[field];
      const input = inShadow(page, '#l', '.controls input').nth(index);
      await input.fill(text);
      await input.press('Enter');
      await page.waitForFunction(() => document.querySelector('#l').error !== null);
      const err = await page.$eval('#l', (el) => el.error);
      assert.equal(err.code, code, `${field}=${text}`);
      assert.match(err.message, message);
      assert.match(await inShadow(page, '#l', '.controls .field-msg').nth(index).textContent(), message);
      assert.deepEqual(await page.$eval('#l', (el) => JSON.parse(JSON.stringify(el.result))), good);
      // Play does nothing while a setting is wrong.
      await inShadow(page, '#l', 'button.play').click();
      assert.equal(await inShadow(page, '#l', 'button.play').getAttribute('aria-pressed'), 'false');
      await input.fill({ n: '200', seed: '1', rate: '1' }[field]);
      await input.press('Enter');
      await page.waitForFunction(() => document.querySelector('#l').error === null);
    }
    assert.equal(await page.$eval('#l', (el) => el.lastInternalError), null);
    assertClean(assert, log);
    await context.close();
  });

  test('in nats the uniform model costs ln 3 per sample; in English', async () => {
    const { page, log, context } = await open('learning.html');
    await waitForResult(page, '#l', (x) => x && x.step === 0);
    await page.$eval('#l', (el) => { el.setAttribute('lang', 'en'); el.setAttribute('unit', 'nat'); });
    const r = await waitForResult(page, '#l', (x) => x && x.unit === 'nat');
    assert.ok(Math.abs(r.trainLoss - Math.log(3)) < 1e-14);
    assert.equal(await inShadow(page, '#l', 'button.reset').textContent(), 'Reset');
    assert.match(await inShadow(page, '#l', '.stat.loss .v').textContent(), / nat$/);
    assertClean(assert, log);
    await context.close();
  });
});
