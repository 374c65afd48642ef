// Browser tests of <bit-ruler> in Debian's Chromium (playwright-core), on a site built from web/src
// with every page prerendered (tests/browser/lab-site.mjs).
//
// Expected numbers are derived independently of the element: closed forms computed here with
// Math.log, exact binomial / Poisson sums, and for the article's picture the core's own functions
// called in Node (what the element shows must be what the API gives).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertClean, launchBrowser, openPage, startServer, waitForResult, watchPage,
} from './helpers.mjs';
import { buildLabSite, mainThreadTaskTimes, page, shadowText } from './lab-site.mjs';
import { MEASURE } from './site.mjs';
import { formatNumber } from '../../web/src/shared/format.js';

const LN2 = Math.LN2;
let site;
let server;
let browser;

before(async () => {
  site = await buildLabSite({
    'ruler.html': page('zh', '<bit-ruler id="r"></bit-ruler>'),
    'ruler-en.html': page('en', '<bit-ruler id="r"></bit-ruler>'),
    'compact.html': page('zh', '<bit-ruler id="r" compact></bit-ruler>'),
    'huge.html': page('zh', '<bit-ruler id="r" p="binomial:1000000000,0.5" q="poisson:500000000"></bit-ruler>'),
    'odd.html': page('en', '<bit-ruler id="r" naturals="maybe" p="cauchy:1,2"></bit-ruler>'),
  });
  server = await startServer({ root: site.dir });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  site?.remove();
});

const open = (file, opts = {}) => openPage(browser, `${server.url}${file}`, { waitReady: false, ...opts });
const inShadow = (p, selector) => p.locator(`#r ${selector}`);
const ready = (p) => waitForResult(p, '#r');

async function typeInto(p, selector, text) {
  const input = inShadow(p, selector);
  await input.fill(text);
}

async function openControls(p) {
  if (!(await inShadow(p, 'details.controls').evaluate((d) => d.open))) await inShadow(p, 'details.controls > summary').click();
}

function poissonPmf(k, lambda) {
  let logp = -lambda + k * Math.log(lambda);
  for (let i = 2; i <= k; i++) logp -= Math.log(i);
  return Math.exp(logp);
}

describe('<bit-ruler> at first paint', () => {
  test('without JavaScript, the prerendered picture and both directions of the article’s example', async () => {
    const api = site.api;
    const P = { kind: 'gaussian', mu: 10, sigma: 3, naturals: true };
    const Q = { kind: 'poisson', lambda: 8 };
    const fwd = `${formatNumber(api.familyKl(P, Q))} bit`;
    const rev = `${formatNumber(api.familyKl(Q, P))} bit`;
    assert.equal(fwd, '0.3490 bit');
    assert.equal(rev, '0.3391 bit');
    for (const [file, lang] of [['ruler.html', 'zh'], ['ruler-en.html', 'en']]) {
      for (const width of [1280, 375]) {
        const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 } });
        const p = await context.newPage();
        await p.goto(`${server.url}${file}`);
        assert.equal(await inShadow(p, '.ruler-number.fwd .big').textContent(), fwd);
        assert.equal(await inShadow(p, '.ruler-number.rev .big').textContent(), rev);
        assert.match(await inShadow(p, '.formula').first().textContent(), /0\.3490/);
        assert.match(await inShadow(p, '.ruler-legend').textContent(), lang === 'zh' ? /高斯 N\(10, 3²\).*泊松\(8\)/s : /Gaussian N\(10, 3²\).*Poisson\(8\)/s);
        const host = await p.locator('#r').boundingBox();
        const svg = await inShadow(p, 'svg.ruler').boundingBox();
        assert.ok(svg.width >= 0.6 * host.width && svg.height >= 120, `picture ${svg.width}×${svg.height} in ${host.width} at ${width}`);
        assert.equal(await inShadow(p, 'svg.ruler rect.bar-p').count() > 10, true, 'P drawn as bars');
        assert.equal(await inShadow(p, 'details.controls').evaluate((d) => d.open), false, 'controls folded');
        await context.close();
      }
    }
  });

  test('compact: the teaser is the picture and one question, no numbers and no controls', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
    const p = await context.newPage();
    await p.goto(`${server.url}compact.html`);
    assert.match(await inShadow(p, '.ruler-question').textContent(), /高斯 N\(10, 3²\).*泊松\(8\).*相距多远/);
    assert.equal(await inShadow(p, '.ruler-number').count(), 0);
    assert.equal(await inShadow(p, 'details').count(), 0);
    assert.equal(await inShadow(p, 'button').count(), 0);
    assert.ok((await inShadow(p, 'svg.ruler').boundingBox()).height >= 120);
    await context.close();
  });

  test('taking over the prerendered DOM shifts nothing, at 1280 and 375 px', async () => {
    for (const width of [1280, 375]) {
      const { page: p, log, context } = await open('ruler.html', { width, initScript: MEASURE });
      const r = await ready(p);
      assert.equal(r.kl, site.api.familyKl({ kind: 'gaussian', mu: 10, sigma: 3, naturals: true }, { kind: 'poisson', lambda: 8 }));
      await p.waitForTimeout(300); // the re-render at the measured width
      assert.equal(await p.evaluate(() => window.__cls), 0, `layout shift at ${width}`);
      assert.equal(await p.$eval('#r', (el) => [...el.shadowRoot.children].filter((c) => c.classList.contains('bit')).length), 1, 'one frame: taken over, not rendered twice');
      assertClean(assert, log);
      await context.close();
    }
  });
});

describe('<bit-ruler> numbers', () => {
  test('Poisson against Poisson gives the closed form a·ln(a/b) − a + b in both directions', async () => {
    const { page: p, log, context } = await open('ruler.html');
    await ready(p);
    await p.$eval('#r', (el) => { el.setAttribute('p', 'poisson:4'); el.setAttribute('q', 'poisson:6'); });
    const closed = (a, b) => (a * Math.log(a / b) - a + b) / LN2;
    const r = await waitForResult(p, '#r', (x) => x?.p === 'poisson:4' && x.q === 'poisson:6');
    assert.ok(Math.abs(r.kl - closed(4, 6)) < 1e-12 * closed(4, 6), `kl ${r.kl}`);
    assert.ok(Math.abs(r.klReverse - closed(6, 4)) < 1e-12 * closed(6, 4), `klReverse ${r.klReverse}`);
    assert.equal(await inShadow(p, '.ruler-number.fwd .big').textContent(), `${formatNumber(closed(4, 6))} bit`);
    assert.match(await inShadow(p, '.ruler-legend').textContent(), /泊松\(4\).*泊松\(6\)/s);
    assertClean(assert, log);
    await context.close();
  });

  test('"fit λ" finds λ* = E_P[k], and D(P‖Poisson(λ*)) matches an exact sum', async () => {
    const { page: p, log, context } = await open('ruler.html');
    await ready(p);
    await p.$eval('#r', (el) => { el.setAttribute('p', 'binomial:20,0.3'); el.setAttribute('q', 'poisson:2'); });
    await waitForResult(p, '#r', (x) => x?.p === 'binomial:20,0.3');
    await inShadow(p, 'button.fit').click();
    const r = await waitForResult(p, '#r', (x) => x?.fittedLambda !== undefined);
    assert.ok(Math.abs(r.fittedLambda - 6) < 1e-12, `λ* = ${r.fittedLambda}`);
    let d = 0;
    let c = 1; // C(20, k)
    for (let k = 0; k <= 20; k++) {
      const pk = c * 0.3 ** k * 0.7 ** (20 - k);
      d += pk * Math.log2(pk / poissonPmf(k, 6));
      c = (c * (20 - k)) / (k + 1);
    }
    assert.ok(Math.abs(r.fittedKl - d) < 1e-10, `fitted D ${r.fittedKl} vs ${d}`);
    assert.ok(Math.abs(r.kl - d) < 1e-10);
    assert.equal(await p.$eval('#r', (el) => el.getAttribute('q')), 'poisson:6');
    assert.match(await inShadow(p, '.fit-out').textContent(), /λ\* = E_P\[k\] = 6/);
    // a Gaussian on all integers has mass where every Poisson is 0: no fit, and it says why
    await p.$eval('#r', (el) => { el.setAttribute('p', 'gaussian:3,2'); el.setAttribute('naturals', 'false'); });
    await waitForResult(p, '#r', (x) => x?.p === 'gaussian:3,2' && x.naturals === false);
    await inShadow(p, 'button.fit').click();
    await p.waitForFunction(() => !document.querySelector('#r').shadowRoot.querySelector('.fit-out').hidden);
    assert.match(await inShadow(p, '.fit-out').textContent(), /无法拟合/);
    assertClean(assert, log);
    await context.close();
  });

  test('two Gaussians: the closed form next to the binned sums, which approach it from below', async () => {
    const { page: p, log, context } = await open('ruler.html');
    await ready(p);
    await openControls(p);
    await inShadow(p, '.examples button').nth(1).click();
    const r = await waitForResult(p, '#r', (x) => x?.closedForm !== undefined);
    const closed = (Math.log(2 / 1) + (1 + 1) / (2 * 4) - 0.5) / LN2; // N(0,1) ‖ N(1,2²)
    assert.ok(Math.abs(r.closedForm - closed) < 1e-14, `${r.closedForm} vs ${closed}`);
    assert.ok(r.binnedSum <= r.closedForm && r.closedForm - r.binnedSum < 1e-3 * closed);
    assert.ok(r.kl < r.binnedSum, 'integer bins lose more information than fine bins');
    assert.equal(await inShadow(p, '.ruler-gg math').count(), 3);
    assert.match(await inShadow(p, '.ruler-gg table').textContent(), new RegExp(`${formatNumber(closed)} bit`));
    assert.equal(await inShadow(p, '.examples button[aria-pressed="true"]').count(), 1, 'the preset shown is marked');
    assertClean(assert, log);
    await context.close();
  });

  test('a Gaussian on all integers against a Poisson is ∞, shows where and says why; swap exchanges the directions', async () => {
    const { page: p, log, context } = await open('ruler.html');
    const before = await ready(p);
    await inShadow(p, 'button.swap').click();
    const swapped = await waitForResult(p, '#r', (x) => x?.p === 'poisson:8');
    assert.equal(swapped.kl, before.klReverse);
    assert.equal(swapped.klReverse, before.kl);
    await inShadow(p, 'button.swap').click();
    await waitForResult(p, '#r', (x) => x?.p === 'gaussian:10,3');
    await openControls(p);
    await inShadow(p, 'label.check input').uncheck();
    await waitForResult(p, '#r', (x) => x?.naturals === false);
    assert.equal(await p.$eval('#r', (el) => el.result.kl), Infinity);
    assert.equal(await inShadow(p, '.ruler-number.fwd .big').textContent(), '∞');
    assert.match(await inShadow(p, '.ruler-number.fwd .why').textContent(), /k ≤ −1.*Q 在那里是 0/);
    assert.equal(await inShadow(p, 'svg.ruler .zero-zone').count(), 1, 'the region where Q is 0 is marked');
    assert.equal(await p.$eval('#r', (el) => el.getAttribute('naturals')), 'false');
    assertClean(assert, log);
    await context.close();
  });
});

describe('<bit-ruler> editing and errors', () => {
  test('editing a parameter updates the numbers, the formula and the picture together', async () => {
    const { page: p, log, context } = await open('ruler.html');
    await ready(p);
    await openControls(p);
    const pathBefore = await inShadow(p, 'svg.ruler').innerHTML();
    await typeInto(p, '.ruler-side.q input', '10');
    const r = await waitForResult(p, '#r', (x) => x?.q === 'poisson:10');
    const shown = `${formatNumber(r.kl)} bit`;
    assert.equal(await inShadow(p, '.ruler-number.fwd .big').textContent(), shown);
    assert.match(await inShadow(p, '.formula').first().textContent(), new RegExp(formatNumber(r.kl)));
    assert.notEqual(await inShadow(p, 'svg.ruler').innerHTML(), pathBefore);
    assert.match(await inShadow(p, '.ruler-legend').textContent(), /泊松\(10\)/);
    assertClean(assert, log);
    await context.close();
  });

  test('Q moves along the ruler by drag and by keys, to short values, with everything else', async () => {
    const { page: p, log, context } = await open('ruler.html');
    const before = await ready(p);
    const svg = await inShadow(p, 'svg.ruler').boundingBox();
    await p.mouse.move(svg.x + svg.width * 0.5, svg.y + svg.height * 0.5);
    await p.mouse.down();
    await p.mouse.move(svg.x + svg.width * 0.62, svg.y + svg.height * 0.5, { steps: 8 });
    await p.mouse.up();
    const dragged = await waitForResult(p, '#r', (x) => x?.q !== 'poisson:8');
    const lambda = Number(/^poisson:([\d.]+)$/.exec(dragged.q)[1]);
    assert.ok(lambda > 9 && lambda < 12, `λ = ${lambda}`);
    assert.ok(dragged.q.length <= 'poisson:10.25'.length, `a short value: ${dragged.q}`);
    assert.ok(dragged.kl < before.kl, 'Q moved towards P');
    assert.match(await inShadow(p, '.ruler-legend').textContent(), new RegExp(`泊松\\(${lambda}\\)`));
    await inShadow(p, 'g.q-handle').focus();
    await p.keyboard.press('ArrowLeft');
    const keyed = await waitForResult(p, '#r', (x) => x?.q !== dragged.q);
    assert.ok(Number(/^poisson:([\d.]+)$/.exec(keyed.q)[1]) < lambda);
    assert.match(await inShadow(p, 'g.q-handle').getAttribute('aria-valuetext'), /泊松/);
    assertClean(assert, log);
    await context.close();
  });

  test('σ out of range, λ < 0 and text: each says what is allowed (the core’s limits), the last result stays, marked', async () => {
    const { page: p, log, context } = await open('ruler.html');
    const good = await ready(p);
    await openControls(p);
    const { minSigma, maxSigma, maxLambda } = site.api.facts.families;
    const cases = [
      ['#f-p1', '0', 'OUT_OF_RANGE', new RegExp(`标准差 σ：.*「0」.*从 ${formatNumber(minSigma)} 到 ${formatNumber(maxSigma)}`)],
      ['#f-p1', '-2', 'OUT_OF_RANGE', /标准差 σ：.*−2|标准差 σ：.*-2/],
      ['#f-q0', '-1', 'OUT_OF_RANGE', new RegExp(`速率 λ：.*从 0 到 ${formatNumber(maxLambda)}`)],
      ['#f-q0', 'abc', 'PARSE', /速率 λ：.*「abc」/],
      ['#f-q0', '', 'EMPTY', /速率 λ：/],
    ];
    const fix = { '#f-p1': '3', '#f-q0': '8' };
    for (const [selector, text, code, message] of cases) {
      await typeInto(p, selector, text);
      await p.waitForFunction(() => document.querySelector('#r').error !== null);
      const err = await p.$eval('#r', (el) => el.error);
      assert.equal(err.code, code, `${text}`);
      assert.match(err.message, message);
      assert.equal(await inShadow(p, selector).getAttribute('aria-invalid'), 'true');
      assert.equal(await inShadow(p, selector).inputValue(), text, 'what the reader typed stays');
      assert.deepEqual(await p.$eval('#r', (el) => el.result.kl), good.kl, 'the last valid result stays');
      assert.match(await p.$eval('#r', (el) => el.shadowRoot.querySelector('.bit').className), /is-stale/);
      assert.equal(await inShadow(p, '.stale-note').isVisible(), true);
      assert.equal(await inShadow(p, 'svg.ruler').count(), 1, 'the last valid picture stays');
      await typeInto(p, selector, fix[selector]);
      await p.waitForFunction(() => document.querySelector('#r').error === null);
      assert.doesNotMatch(await p.$eval('#r', (el) => el.shadowRoot.querySelector('.bit').className), /is-stale/);
    }
    assert.equal(await p.$eval('#r', (el) => el.lastInternalError ?? null), null);
    assertClean(assert, log);
    await context.close();
  });

  test('an unknown family and an unknown naturals value are reported, in English', async () => {
    const { page: p, log, context } = await open('odd.html');
    await p.waitForFunction(() => document.querySelector('#r').error != null);
    const err = await p.$eval('#r', (el) => el.error);
    assert.equal(err.code, 'PARSE');
    assert.match(err.message, /gaussian:10,3/);
    assert.match(await inShadow(p, '.notes').textContent(), /naturals=“maybe” is not valid.*true or false/);
    assertClean(assert, log);
    await context.close();
  });

  test('in English, with the keyboard, in nats', async () => {
    const { page: p, log, context } = await open('ruler-en.html');
    await ready(p);
    await p.$eval('#r', (el) => el.setAttribute('unit', 'nat'));
    const r = await waitForResult(p, '#r', (x) => x?.unit === 'nat');
    await p.keyboard.press('Tab'); // into the element: the first control is the fit button
    await openControls(p);
    await inShadow(p, '.ruler-side.q input').focus();
    await p.keyboard.press('Control+a');
    await p.keyboard.type('-5');
    await p.waitForFunction(() => document.querySelector('#r').error !== null);
    assert.match((await p.$eval('#r', (el) => el.error)).message, /Rate λ: .*from 0 to/);
    await p.keyboard.press('Control+a');
    await p.keyboard.type('10');
    const closer = await waitForResult(p, '#r', (x) => x?.q === 'poisson:10');
    assert.ok(closer.kl < r.kl);
    assert.match(await inShadow(p, '.ruler-number.fwd .big').textContent(), / nat$/);
    assert.equal(await inShadow(p, 'h3').textContent(), 'One ruler for different families: Gaussian vs Poisson');
    assertClean(assert, log);
    await context.close();
  });
});

describe('<bit-ruler> layout and long tasks', () => {
  test('nothing widens the page at 320 px with the controls open', async () => {
    for (const file of ['ruler.html', 'ruler-en.html']) {
      const { page: p, log, context } = await open(file, { width: 320, height: 700 });
      await ready(p);
      await openControls(p);
      await p.$eval('#r', (el) => { el.setAttribute('p', 'gaussian:0,1'); el.setAttribute('q', 'gaussian:1,2'); el.setAttribute('naturals', 'false'); });
      await waitForResult(p, '#r', (x) => x?.closedForm !== undefined);
      await p.waitForTimeout(200);
      const w = await p.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(w <= 320, `${file}: page is ${w} px wide at 320`);
      assertClean(assert, log);
      await context.close();
    }
  });

  test('a link with a binomial of 10^9 trials: computed off the main thread, drawn from bounded bins', async () => {
    const { page: p, log, context } = await open('ruler.html');
    await ready(p);
    const tasks = await mainThreadTaskTimes(browser, p, async () => {
      await p.$eval('#r', (el) => { el.setAttribute('p', 'binomial:1000000000,0.5'); el.setAttribute('q', 'poisson:500000000'); });
      await waitForResult(p, '#r', (x) => x?.p === 'binomial:1000000000,0.5', 20000);
      await p.waitForTimeout(200);
    });
    const cpu = Math.max(...tasks.map((t) => t.cpu));
    console.log(`# ruler, binomial n = 10^9 by attribute: longest main-thread task ${tasks[0].wall.toFixed(1)} ms wall, ${cpu.toFixed(1)} ms on the CPU`);
    // thread time: on a busy machine a task's wall time also counts the time it waited for a core
    assert.ok(cpu < 50, `longest task ${cpu} ms on the CPU`);
    const r = await p.$eval('#r', (el) => el.result);
    const api = site.api;
    assert.equal(r.kl, api.familyKl({ kind: 'binomial', n: 1e9, p: 0.5 }, { kind: 'poisson', lambda: 5e8 }));
    assert.ok(await inShadow(p, 'svg.ruler path.area-p').count() === 1, 'drawn as an outlined area of bins');
    assertClean(assert, log);
    await context.close();
  });

  test('a prerendered page with a binomial of 10^9 trials takes over with the prerendered result', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await context.newPage();
    await p.addInitScript(MEASURE);
    const log = await watchPage(p, server.origin);
    const tasks = await mainThreadTaskTimes(browser, p, async () => {
      await p.goto(`${server.url}huge.html`);
      await waitForResult(p, '#r', (x) => x?.p === 'binomial:1000000000,0.5', 20000);
      await p.waitForTimeout(300);
    });
    console.log(`# ruler, prerendered binomial n = 10^9, load: longest main-thread task ${tasks[0].wall.toFixed(1)} ms wall, ${Math.max(...tasks.map((t) => t.cpu)).toFixed(1)} ms on the CPU (first layout of the page included)`);
    assert.equal(log.responses.filter((res) => res.url().endsWith('/lab-worker.js')).length, 0, 'taken over with the prerendered result: nothing recomputed');
    assert.equal(await p.evaluate(() => window.__cls), 0);
    assert.equal(await p.$eval('#r', (el) => el.pending), false);
    assert.doesNotMatch(await shadowText(p, '#r'), /NaN/);
    assertClean(assert, log);
    await context.close();
  });
});
