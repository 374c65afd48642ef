// Browser tests of <bit-learning> in Debian's Chromium (playwright-core), on a site built from web/src
// with every page prerendered (tests/browser/lab-site.mjs).
//
// Expected numbers come from outside the element: the mpmath reference run in
// tests/fixtures/learning.json, ln 3 for the uniform model, and for the default picture the core's
// own training (model/lab.js's trainChunk on the core in Node, in one call: the browser cut the same
// run into worker jobs, and must land on the same step and the same bits).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertClean, launchBrowser, openPage, repoRoot, startServer, waitForResult, watchPage,
} from './helpers.mjs';
import { buildLabSite, mainThreadTaskTimes, page, shadowText } from './lab-site.mjs';
import { MEASURE } from './site.mjs';
import { formatNumber } from '../../web/src/shared/format.js';
import { trainChunk, prerunSteps, PRERUN_STEPS } from '../../web/src/model/lab.js';

const fixture = JSON.parse(readFileSync(join(repoRoot, 'tests/fixtures/learning.json'), 'utf8'));
const LN2 = Math.LN2;
let site;
let server;
let other; // a second origin, for a page whose dist/ lives elsewhere
let blog;
let browser;

before(async () => {
  site = await buildLabSite({
    'learning.html': page('zh', '<bit-learning id="l"></bit-learning>'),
    'learning-en.html': page('en', '<bit-learning id="l"></bit-learning>'),
    'ref.html': page('zh', '<bit-learning id="l" n="200" seed="42" rate="2" degree="2"></bit-learning>'),
    'rate1000.html': page('zh', '<bit-learning id="l" rate="1000"></bit-learning>'),
    'rate1000-en.html': page('en', '<bit-learning id="l" rate="1000"></bit-learning>'),
    'scroll.html': page('zh', '<bit-learning id="l"></bit-learning><div class="spacer"></div><p id="end">end</p>'),
    'big.html': page('zh', '<bit-learning id="l" n="100000" rate="2" speed="max"></bit-learning>'),
    'odd.html': page('en', '<bit-learning id="l" degree="9" speed="fast"></bit-learning>'),
  });
  server = await startServer({ root: site.dir });
  other = await startServer({ root: site.dir });
  // a blog on its own origin that loads dist/ from `other`, with a strict policy naming it
  const b = other.origin;
  blog = await startServer({ root: site.dir, csp: `default-src 'self' ${b}; script-src 'self' ${b} 'wasm-unsafe-eval'; style-src 'self' ${b}; object-src 'none'; base-uri 'self'` });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await other?.close();
  await blog?.close();
  site?.remove();
});

const open = (file, opts = {}) => openPage(browser, `${server.url}${file}`, { waitReady: false, ...opts });
const inShadow = (p, selector) => p.locator(`#l ${selector}`);
const result = (p) => p.$eval('#l', (el) => JSON.parse(JSON.stringify(el.result)));
const status = (p) => p.$eval('#l', (el) => el.result?.status);

async function openControls(p) {
  if (!(await inShadow(p, 'details.controls').evaluate((d) => d.open))) await inShadow(p, 'details.controls > summary').click();
}

/** The default run in Node: step 0, then the prerun, then on to where training stops by itself. */
function referenceRun(api, { n = 200, seed = 1, degree = 2, rate = 1 } = {}) {
  const start = api.labEvaluate({ n, seed, degree, base: Math.E });
  const theta = new Float64Array(api.labParameterCount(degree));
  const pre = trainChunk(api, { n, seed, degree, rate, theta, step: 0, recent: [start.trainLoss], maxSteps: prerunSteps(n) });
  const rest = trainChunk(api, { n, seed, degree, rate, theta: pre.theta, step: pre.step, recent: pre.recent, maxSteps: Infinity });
  const last = (chunk, k) => chunk.columns[k][chunk.columns[k].length - 1];
  return { start, pre, rest, last };
}

const bits = (nats) => nats / LN2;

describe('<bit-learning> at first paint', () => {
  test('without JavaScript: the default run’s numbers, formulas and the loss chart, from the prerendered HTML', async () => {
    const { pre, last } = referenceRun(site.api);
    assert.equal(pre.step, PRERUN_STEPS);
    const expected = {
      step: String(PRERUN_STEPS),
      loss: `${formatNumber(bits(last(pre, 'trainLoss')))} bit`,
      ce: `${formatNumber(bits(last(pre, 'crossEntropy')))} bit`,
      floor: `${formatNumber(bits(last(pre, 'entropy')))} bit`,
      kl: `${formatNumber(bits(last(pre, 'kl')))} bit`,
    };
    assert.equal(expected.floor, '0.8614 bit');
    for (const [file, lang] of [['learning.html', 'zh'], ['learning-en.html', 'en']]) {
      for (const width of [1280, 375]) {
        const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 } });
        const p = await context.newPage();
        await p.goto(`${server.url}${file}`);
        for (const [cls, text] of Object.entries(expected)) assert.equal(await inShadow(p, `.lab-card.${cls} .value`).textContent(), text, `${cls} at ${width}`);
        // the formulas show the same numbers as the cards (same render: never one frame behind)
        assert.match(await inShadow(p, '.formula').first().textContent(), new RegExp(expected.loss.replace(' bit', '')));
        assert.match(await inShadow(p, '.formula').nth(2).textContent(), new RegExp(`${expected.ce.replace(' bit', '')}.*${expected.floor.replace(' bit', '')}.*${expected.kl.replace(' bit', '')}`));
        assert.match(await inShadow(p, '.lab-status').textContent(), lang === 'zh' ? /默认先训练了 150 步/ : /default run has taken 150 steps/);
        const host = await p.locator('#l').boundingBox();
        const loss = await inShadow(p, 'svg.lab-loss').boundingBox();
        assert.ok(loss.width >= 0.6 * host.width && loss.height >= 120, `loss chart ${loss.width}×${loss.height} in ${host.width}`);
        assert.ok(await inShadow(p, 'svg.lab-loss path.area-kl').getAttribute('d'), 'the KL area is drawn');
        assert.equal(await inShadow(p, '.legend').count(), 1, 'the loss chart has its legend');
        assert.equal(await inShadow(p, 'svg.lab-fit').count(), 0, 'the fit chart waits in the folded panel');
        const text = await inShadow(p, '.bit').textContent();
        assert.doesNotMatch(text, lang === 'zh' ? /单位：百分|间隙/ : /KL gap|hundreds of points/);
        await context.close();
      }
    }
  });

  test('taking over the prerendered DOM shifts nothing, at 1280 and 375 px', async () => {
    for (const width of [1280, 375]) {
      const { page: p, log, context } = await open('learning.html', { width, initScript: MEASURE });
      const r = await waitForResult(p, '#l');
      assert.equal(r.step, PRERUN_STEPS);
      await p.waitForTimeout(300);
      assert.equal(await p.evaluate(() => window.__cls), 0, `layout shift at ${width}`);
      assert.equal(await p.$eval('#l', (el) => [...el.shadowRoot.children].filter((c) => c.classList.contains('bit')).length), 1);
      // the folded panel holds the fit chart: the model against the truth, with its legend
      await p.$eval('#l', async (el) => { el.open = true; await el.updateComplete; });
      assert.equal(await p.$eval('#l', (el) => el.shadowRoot.querySelectorAll('svg.lab-fit path.model').length), 3);
      assert.equal(await p.$eval('#l', (el) => el.shadowRoot.querySelectorAll('.legend').length), 2, 'a legend on each chart');
      assertClean(assert, log);
      await context.close();
    }
  });

  test('a learning rate of 1000 (issue 8, case 6) is a clear message at first paint, with no NaN or ∞', async () => {
    for (const [file, message] of [['rate1000.html', /训练发散，已停止：第 1 步.*学习率 1000 太大了/], ['rate1000-en.html', /Training diverged and stopped: at step 1.*learning rate 1000 is too large/]]) {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const p = await context.newPage();
      await p.goto(`${server.url}${file}`);
      assert.match(await inShadow(p, '.lab-status').textContent(), message);
      assert.equal(await inShadow(p, 'button.play').isDisabled(), true);
      await context.close();
      const { page: q, log, context: c2 } = await open(file);
      await waitForResult(q, '#l', (x) => x?.status === 'diverged');
      assert.doesNotMatch(await shadowText(q, '#l'), /NaN|Infinity|∞/);
      const r = await result(q);
      for (const v of Object.values(r)) if (typeof v === 'number') assert.ok(Number.isFinite(v), JSON.stringify(r));
      await q.waitForTimeout(500);
      assertClean(assert, log);
      await c2.close();
    }
  });
});

describe('<bit-learning> training in a worker', () => {
  test('trains in the lab worker, stops by itself at convergence, on the step and bits computed in Node', async () => {
    const { rest, last } = referenceRun(site.api);
    assert.equal(rest.stop.kind, 'converged');
    const { page: p, log, context } = await open('learning.html');
    await waitForResult(p, '#l');
    await openControls(p);
    await inShadow(p, '#s-speed').selectOption('max');
    await inShadow(p, 'button.play').click();
    assert.equal(await inShadow(p, 'button.play').getAttribute('aria-pressed'), 'true');
    const r = await waitForResult(p, '#l', (x) => x?.status === 'converged', 30000);
    assert.equal(r.step, rest.stop.step);
    assert.equal(r.trainLoss, bits(last(rest, 'trainLoss')));
    assert.equal(r.crossEntropy, bits(last(rest, 'crossEntropy')));
    assert.ok(Math.abs(r.crossEntropy - (r.entropy + r.kl)) <= 1e-12 && r.maxIdentityResidual <= 1e-12);
    assert.match(await inShadow(p, '.lab-status').textContent(), new RegExp(`已收敛：最近 100 步.*第 ${rest.stop.step} 步自动停止`));
    assert.equal(await inShadow(p, 'button.play').textContent(), '▶ 从头再训练');
    assert.equal(await inShadow(p, 'button.play').getAttribute('aria-pressed'), 'false');
    // cards and formulas show the same numbers
    const card = await inShadow(p, '.lab-card.ce .value').textContent();
    assert.match(await inShadow(p, '.formula').nth(2).textContent(), new RegExp(card.replace(' bit', '')));
    const worker = log.responses.filter((res) => new URL(res.url()).pathname.endsWith('/lab-worker.js'));
    assert.equal(worker.length, 1, 'the lab worker was loaded');
    assert.equal(worker[0].status(), 200);
    // "train again" starts from step 0
    await inShadow(p, 'button.play').click();
    await waitForResult(p, '#l', (x) => x?.status === 'training' || (x?.step > 0 && x.step < rest.stop.step));
    await p.$eval('#l', (el) => el.pause());
    assertClean(assert, log);
    await context.close();
  });

  test('speed caps the steps per frame; pause stops at once; play–pause–play is one loop; re-attached it trains again', async () => {
    const { page: p, log, context } = await open('learning.html');
    await waitForResult(p, '#l');
    await openControls(p);
    await inShadow(p, '#s-speed').selectOption('1');
    await p.evaluate(() => {
      window.__frames = 0;
      const raf = window.requestAnimationFrame.bind(window);
      window.requestAnimationFrame = (cb) => raf((ts) => { window.__frames += 1; cb(ts); });
    });
    const start = (await result(p)).step;
    await inShadow(p, 'button.play').click();
    await waitForResult(p, '#l', (x) => x?.step >= start + 20, 20000);
    await inShadow(p, 'button.play').click();
    const { step, frames } = await p.evaluate(() => ({ step: document.querySelector('#l').result.step, frames: window.__frames }));
    assert.ok(step - start <= frames + 1, `${step - start} steps in ${frames} frames at 1 step per frame`);
    await p.waitForTimeout(400);
    assert.equal((await result(p)).step, step, 'no step after pause');
    await p.$eval('#l', (el) => { el.play(); el.pause(); el.play(); });
    await waitForResult(p, '#l', (x) => x?.step >= step + 10, 20000);
    await p.$eval('#l', (el) => el.pause());
    const after = await p.evaluate(() => ({ step: document.querySelector('#l').result.step, frames: window.__frames }));
    assert.ok(after.step - step <= after.frames - frames + 1, `${after.step - step} steps in ${after.frames - frames} frames`);
    await p.$eval('#l', (el) => { el.play(); const parent = el.parentNode; el.remove(); parent.appendChild(el); el.play(); });
    await waitForResult(p, '#l', (x) => x?.step >= after.step + 5, 20000);
    await p.$eval('#l', (el) => el.pause());
    assertClean(assert, log);
    await context.close();
  });

  test('training pauses while the lab is off screen or the tab is hidden, and resumes', async () => {
    const { page: p, log, context } = await open('scroll.html', { height: 700 });
    await waitForResult(p, '#l');
    await openControls(p);
    await inShadow(p, '#s-speed').selectOption('1');
    await inShadow(p, 'button.play').click();
    const s0 = (await waitForResult(p, '#l', (x) => x?.status === 'training' && x.step > PRERUN_STEPS + 3)).step;
    await p.locator('#end').scrollIntoViewIfNeeded();
    await waitForResult(p, '#l', (x) => x?.status === 'offscreen');
    await p.waitForTimeout(200);
    const s1 = (await result(p)).step;
    assert.ok(s1 >= s0);
    await p.waitForTimeout(600);
    assert.equal((await result(p)).step, s1, 'no training off screen');
    await p.evaluate(() => window.scrollTo(0, 0));
    await waitForResult(p, '#l', (x) => x?.status === 'training' && x.step > s1 + 3);
    // A hidden tab (headless Chromium never hides one: the page is told so, as the browser would)
    await p.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await waitForResult(p, '#l', (x) => x?.status === 'offscreen');
    await p.waitForTimeout(200);
    const s2 = (await result(p)).step;
    await p.waitForTimeout(600);
    assert.equal((await result(p)).step, s2, 'no training in a hidden tab');
    await p.evaluate(() => {
      delete document.hidden;
      delete document.visibilityState;
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await waitForResult(p, '#l', (x) => x?.status === 'training' && x.step > s2 + 3);
    await p.$eval('#l', (el) => el.pause());
    assertClean(assert, log);
    await context.close();
  });

  test('a rate typed as 1000 stops at once with a message; the console stays clean', async () => {
    const { page: p, log, context } = await open('learning-en.html');
    await waitForResult(p, '#l');
    await openControls(p);
    await inShadow(p, '#f-rate').fill('1000');
    await waitForResult(p, '#l', (x) => x?.status === 'diverged');
    assert.match(await inShadow(p, '.lab-status').textContent(), /diverged.*lower it/);
    await inShadow(p, 'button.reset').click();
    await inShadow(p, 'button.step-one').click();
    await waitForResult(p, '#l', (x) => x?.status === 'diverged' && x.step === 0);
    assert.doesNotMatch(await shadowText(p, '#l'), /NaN|Infinity|∞/);
    await inShadow(p, '#f-rate').fill('1');
    const r = await waitForResult(p, '#l', (x) => x?.learningRate === 1 && x.status === 'prerun');
    assert.equal(r.step, PRERUN_STEPS);
    assertClean(assert, log);
    await context.close();
  });

  test('without a worker (dist/ on another origin) the lab trains on the main thread in short slices', async () => {
    const context = await browser.newContext();
    const p = await context.newPage();
    const errors = [];
    p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    p.on('pageerror', (e) => errors.push(String(e)));
    writeFileSync(join(site.dir, 'blog.html'), page('zh', '<bit-learning id="l"></bit-learning>', { script: `${other.url}bitruler.js` }));
    await p.goto(`${blog.url}blog.html`);
    await waitForResult(p, '#l');
    await p.$eval('#l', (el) => el.play());
    await waitForResult(p, '#l', (x) => x?.step >= PRERUN_STEPS + 30, 20000);
    await p.$eval('#l', (el) => el.pause());
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('<bit-learning> settings', () => {
  test('a seed reproduces the mpmath reference run, step by step', async () => {
    const run = fixture.runs.find((x) => x.name === 'moderate');
    const target = run.record_steps.indexOf(10);
    const { page: p, log, context } = await open('ref.html');
    await waitForResult(p, '#l', (x) => x?.seed === 42);
    await inShadow(p, 'button.reset').click();
    const r0 = await waitForResult(p, '#l', (x) => x?.step === 0);
    assert.ok(Math.abs(r0.trainLoss - Math.log2(3)) < 1e-14, 'the uniform model: log2 3 bits');
    assert.match(await inShadow(p, '.lab-status').textContent(), /第 0 步/);
    for (let i = 0; i < 10; i++) await inShadow(p, 'button.step-one').click();
    const r = await waitForResult(p, '#l', (x) => x?.step === 10);
    assert.ok(Math.abs(r.trainLoss - run.train_loss_bits[target]) < 1e-10 * run.train_loss_bits[target],
      `step 10: ${r.trainLoss} vs mpmath ${run.train_loss_bits[target]}`);
    assertClean(assert, log);
    await context.close();
  });

  test('few samples: the training loss falls below the floor (overfitting), the cross-entropy cannot', async () => {
    const { page: p, log, context } = await open('learning.html');
    await waitForResult(p, '#l');
    await openControls(p);
    await inShadow(p, '#s-speed').selectOption('max');
    await inShadow(p, '.examples button').nth(1).click(); // N = 12, cubic: starts training
    const r = await waitForResult(p, '#l', (x) => x?.n === 12 && x.step >= 1500, 30000);
    await p.$eval('#l', (el) => el.pause());
    assert.ok(r.trainLoss < r.entropy, `${r.trainLoss} < ${r.entropy}`);
    assert.ok(r.crossEntropy > r.entropy);
    assert.match(await inShadow(p, '.lab-overfit').textContent(), /过拟合/);
    assert.equal(await p.$eval('#l', (el) => el.getAttribute('n')), '12');
    assert.equal(await inShadow(p, '.examples button[aria-pressed="true"]').count(), 1);
    assertClean(assert, log);
    await context.close();
  });

  test('N = 0, N = 10^9, a rate ≤ 0 and text: each says what is allowed, as typed; the last result stays, marked', async () => {
    const { page: p, log, context } = await open('learning.html');
    const good = await waitForResult(p, '#l');
    await openControls(p);
    const { lab } = site.api.facts;
    const cases = [
      ['n', '0', 'OUT_OF_RANGE', /样本数 N：「0」.*从 1 到 100000 的整数/],
      ['n', '1e9', 'OUT_OF_RANGE', /样本数 N：.*从 1 到 100000/],
      ['n', '2.5', 'OUT_OF_RANGE', /整数/],
      ['rate', '0', 'OUT_OF_RANGE', new RegExp(`学习率：.*大于 0 且不超过 ${lab.maxLearningRate}`)],
      ['rate', '-1', 'OUT_OF_RANGE', /学习率：/],
      ['seed', 'abc', 'PARSE', /随机种子：.*「abc」/],
    ];
    for (const [field, text, code, message] of cases) {
      const input = inShadow(p, `#f-${field}`);
      await input.fill(text); // checked as typed, not on blur
      await p.waitForFunction(() => document.querySelector('#l').error != null);
      const err = await p.$eval('#l', (el) => el.error);
      assert.equal(err.code, code, `${field}=${text}`);
      assert.match(err.message, message);
      assert.match(await inShadow(p, `#f-${field}-msg`).textContent(), message);
      assert.deepEqual(await result(p), good);
      assert.match(await p.$eval('#l', (el) => el.shadowRoot.querySelector('.bit').className), /is-stale/);
      assert.equal(await inShadow(p, 'button.play').isDisabled(), true, 'nothing trains on a wrong setting');
      await input.fill({ n: '200', seed: '1', rate: '1' }[field]);
      await p.waitForFunction(() => document.querySelector('#l').error == null);
    }
    assert.deepEqual(await result(p), good);
    assertClean(assert, log);
    await context.close();
  });

  test('unknown degree and speed values are reported and replaced', async () => {
    const { page: p, log, context } = await open('odd.html');
    const r = await waitForResult(p, '#l');
    assert.equal(r.degree, 2);
    assert.match(await inShadow(p, '.notes').textContent(), /degree=“9” is not valid.*from 1 to 3.*speed=“fast” is not valid/s);
    assertClean(assert, log);
    await context.close();
  });

  test('in nats the uniform model costs ln 3 per sample; in English', async () => {
    const { page: p, log, context } = await open('learning.html');
    await waitForResult(p, '#l');
    await p.$eval('#l', async (el) => { await el.constructor.loadLanguages(['en']); el.setAttribute('lang', 'en'); el.setAttribute('unit', 'nat'); });
    await inShadow(p, 'button.reset').click();
    const r = await waitForResult(p, '#l', (x) => x?.unit === 'nat' && x.step === 0);
    assert.ok(Math.abs(r.trainLoss - Math.log(3)) < 1e-14);
    assert.equal(await inShadow(p, 'button.reset').textContent(), 'Reset');
    assert.match(await inShadow(p, '.lab-card.loss .value').textContent(), / nat$/);
    assert.match(await inShadow(p, '.lab-status').textContent(), /ln 3 = 1\.099 nat/);
    assertClean(assert, log);
    await context.close();
  });

  test('nothing widens the page at 320 px with the controls open', async () => {
    for (const file of ['learning.html', 'learning-en.html']) {
      const { page: p, log, context } = await open(file, { width: 320, height: 700 });
      await waitForResult(p, '#l');
      await openControls(p);
      await p.waitForTimeout(200);
      const w = await p.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(w <= 320, `${file}: page is ${w} px wide at 320`);
      assertClean(assert, log);
      await context.close();
    }
  });
});

describe('<bit-learning> at N = 100,000 (measured, reported)', () => {
  test('the longest main-thread task while training, and steps per second', async () => {
    const report = [];
    for (const mode of ['worker', 'main thread']) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const p = await context.newPage();
      let log;
      if (mode === 'worker') {
        log = await watchPage(p, server.origin);
        await p.goto(`${server.url}big.html`);
      } else {
        writeFileSync(join(site.dir, 'blog-big.html'), page('zh', '<bit-learning id="l" n="100000" rate="2" speed="max"></bit-learning>', { script: `${other.url}bitruler.js` }));
        await p.goto(`${blog.url}blog-big.html`);
      }
      await waitForResult(p, '#l');
      let steps = 0;
      let seconds = 0;
      const tasks = await mainThreadTaskTimes(browser, p, async () => {
        const t0 = Date.now();
        const s0 = (await result(p)).step;
        await p.$eval('#l', (el) => el.play());
        await p.waitForTimeout(4000);
        steps = (await result(p)).step - s0;
        seconds = (Date.now() - t0) / 1000;
        await p.$eval('#l', (el) => el.pause());
      });
      const cpu = [...tasks].sort((a, b) => b.cpu - a.cpu);
      const busy = tasks.reduce((sum, t) => sum + t.cpu, 0) / 1000 / seconds;
      report.push(`${mode}: longest main-thread task ${tasks[0].wall.toFixed(1)} ms wall (${tasks[0].cpu.toFixed(1)} ms on the CPU); `
        + `longest on the CPU ${cpu[0].cpu.toFixed(1)} ms; main thread busy ${(100 * busy).toFixed(0)}% of the time; ${(steps / seconds).toFixed(0)} steps/s`);
      assert.ok(steps > 0, `${mode}: it trains`);
      if (log) assertClean(assert, log);
      await context.close();
    }
    for (const line of report) console.log(`# lab N = 100000, ${line}`);
  });
});
