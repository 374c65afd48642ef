// <bit-surprisal> and <bit-additivity> in Chromium: prerendered, taken over, edited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, assertClean } from './helpers.mjs';
import { serveSite, page, open, result, error, shadowText, openControls, typeInto, settled, RECORD_PRERENDERED, shapeOf, liveHtml, PRERENDER_VIEWPORT } from './site.mjs';

const ARTICLE = '<bit-surprisal id="s" p="1/1024" label="中国夺冠" pa="1/2" pb="1/4" label-a="进决赛" label-b="赢下决赛" label-ab="阿根廷夺冠"></bit-surprisal>';
let site;
let browser;

before(async () => {
  site = await serveSite({
    'index.html': page(`${ARTICLE}\n<bit-additivity id="a"></bit-additivity>\n<bit-surprisal id="plain" lang="en"></bit-surprisal>`),
    'client.html': page(ARTICLE),
  });
  site.clientOnly = await serveSite({ 'index.html': page(ARTICLE) }, { prerendered: false });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.clientOnly?.close();
  await site?.close();
});

const allText = (p, sel) => p.$eval(sel, (el) => el.shadowRoot.textContent.replace(/\s+/g, ' '));

test('without JavaScript the prerendered picture shows 10 bit for China and 1 + 2 = 3 bit for Argentina', async () => {
  const { context, page: p } = await open(browser, site.url(), { javaScriptEnabled: false });
  const text = await allText(p, '#s');
  assert.match(text, /中国夺冠 (\d+ )+p = 1\/1024 → I = 10 bit/);
  assert.match(text, /阿根廷夺冠 (\d+ )+p = 1\/2 × 1\/4 = 1\/8 → I = 1 \+ 2 = 3 bit/);
  // ten cuts of the square for 1/1024, three for 1/8
  const cuts = await p.$eval('#s', (el) => [...el.shadowRoot.querySelectorAll('.event-row')].map((r) => r.querySelectorAll('.cut').length));
  assert.deepEqual(cuts, [10, 3]);
  // the formulas are MathML already
  assert.equal(await p.$eval('#s', (el) => el.shadowRoot.querySelectorAll('.formula').length), 3);
  assert.match(await allText(p, '#a'), /I = 1 \+ 2 = 3 bit/);
  assert.match(await allText(p, '#plain'), /China wins (\d+ )+p = 1\/1024 → I = 10 bit/);
  await context.close();
});

test('taking over the prerendered DOM renders the same DOM: no layout shift, the article numbers as results', async () => {
  const { context, page: p, log } = await open(browser, site.url(), { ready: false, initScript: RECORD_PRERENDERED, width: PRERENDER_VIEWPORT });
  await p.waitForFunction(() => document.querySelector('#s').result != null);
  const r = await result(p, '#s');
  assert.equal(r.p, 1 / 1024);
  assert.equal(r.information, 10);
  assert.deepEqual(r.composite, { pa: 0.5, pb: 0.25, p: 0.125, ia: 1, ib: 2, information: 3 });
  const prerendered = await p.evaluate(() => window.__prerendered);
  for (const id of ['s', 'a', 'plain']) {
    await p.$eval(`#${id}`, (el) => el.updateComplete);
    const now = await liveHtml(p, `#${id}`);
    assert.ok(prerendered[id]?.includes('<svg'), `#${id} was prerendered`);
    assert.equal(shapeOf(now), shapeOf(prerendered[id]), `#${id}: the DOM it renders is the one prerendered`);
  }
  assert.equal(await p.evaluate(() => window.__cls), 0);
  assertClean(assert, log);
  await context.close();
});

test('elements rendered only in the browser show the same picture', async () => {
  const { context, page: p, log } = await open(browser, site.clientOnly.url());
  assert.equal((await result(p, '#s')).information, 10);
  assert.match(await allText(p, '#s'), /I = 1 \+ 2 = 3 bit/);
  assertClean(assert, log);
  await context.close();
});

test('the examples: Argentina 1/8 is 3 bit with its name; China again is 10 bit', async () => {
  const { context, page: p, log } = await open(browser, site.url());
  await openControls(p, '#s');
  await p.locator('#s .examples button', { hasText: '阿根廷' }).click();
  await settled(p, '#s');
  assert.equal((await result(p, '#s')).information, 3);
  assert.equal(await p.getAttribute('#s', 'p'), '1/8');
  assert.equal(await p.getAttribute('#s', 'label'), '阿根廷夺冠');
  assert.equal(await p.$eval('#s', (el) => el.shadowRoot.querySelector('.examples [aria-pressed="true"]').textContent), '阿根廷夺冠 1/8');
  await p.locator('#s .examples button', { hasText: '中国' }).click();
  await settled(p, '#s');
  assert.equal((await result(p, '#s')).information, 10);
  assertClean(assert, log);
  await context.close();
});

test('a typed probability: 1/1000 is 9.966 bit, a partial last cut, and the name asks for a new one', async () => {
  const { context, page: p, log } = await open(browser, site.url());
  await openControls(p, '#s');
  await typeInto(p, p.locator('#s #f-p'), '1/1000');
  await settled(p, '#s');
  const r = await result(p, '#s');
  assert.ok(Math.abs(r.information - Math.log2(1000)) < 1e-12);
  assert.equal(await p.getAttribute('#s', 'p'), '1/1000');
  assert.equal(await p.getAttribute('#s', 'label'), '', 'the example name no longer describes the value');
  assert.match(await allText(p, '#s'), /这个事件 (\d+ )+p = 0\.001 → I = 9\.966 bit/);
  assert.equal(await p.$eval('#s', (el) => el.shadowRoot.querySelectorAll('.event-row')[0].querySelectorAll('.cut.partial').length), 1);
  assert.match(await shadowText(p, '#s', '.meaning'), /9 个整问题之后/);
  assertClean(assert, log);
  await context.close();
});

test('each bad input keeps the last result, marked stale, with a bilingual message and the typed text', async () => {
  const { context, page: p, log } = await open(browser, site.url());
  await openControls(p, '#s');
  const cases = [
    ['abc', 'PARSE', /「abc」不是一个数/, /“abc” is not a number/],
    ['', 'EMPTY', /概率还空着/, /The probability is empty/],
    ['1.5', 'OUT_OF_RANGE', /「1\.5」大于 1/, /“1\.5” is more than 1/],
    ['-0.1', 'NEGATIVE', /是负数/, /is negative/],
    ['1/0', 'NOT_FINITE', /「1\/0」除以了 0/, /“1\/0” divides by 0/],
  ];
  for (const [text, code, zh, en] of cases) {
    // one input event (typing key by key would pass through valid prefixes such as "1")
    await p.locator('#s #f-p').fill(text);
    await settled(p, '#s');
    const e = await error(p, '#s');
    assert.equal(e.code, code, text);
    assert.match(e.message, zh);
    assert.equal((await result(p, '#s')).information, 10, 'the last valid result stays');
    assert.equal(await p.$eval('#s', (el) => el.shadowRoot.querySelector('.bit').classList.contains('is-stale')), true);
    assert.equal(await p.$eval('#s', (el) => el.shadowRoot.querySelector('#f-p').value), text, 'the typed text is kept');
    assert.equal(await p.$eval('#s', (el) => el.shadowRoot.querySelector('#f-p').getAttribute('aria-invalid')), 'true');
    await p.$eval('#s', async (el) => { await el.constructor.loadLanguages(['en']); el.setAttribute('lang', 'en'); await el.updateComplete; });
    assert.match((await error(p, '#s')).message, en);
    await p.$eval('#s', async (el) => { el.removeAttribute('lang'); await el.updateComplete; });
  }
  await typeInto(p, p.locator('#s #f-p'), '1/8');
  await settled(p, '#s');
  assert.equal(await error(p, '#s'), null);
  assert.equal((await result(p, '#s')).information, 3);
  assert.equal(await p.$eval('#s', (el) => el.shadowRoot.querySelector('.bit').classList.contains('is-stale')), false);
  assertClean(assert, log);
  await context.close();
});

test('the ruler ends are sliders: arrow keys add a bit, a drag snaps to 1/2^k', async () => {
  const { context, page: p, log } = await open(browser, site.url());
  // the formula after the takeover: a new value rewrites its numbers in place (no new MathML to parse)
  await p.$eval('#s', (el) => { window.__math = el.shadowRoot.querySelector('.formula math:last-child'); window.__mn = window.__math.querySelectorAll('mn').length; });
  const knob = p.locator('#s .knob').first();
  await knob.focus();
  await p.keyboard.press('ArrowRight');
  await settled(p, '#s');
  assert.equal(await p.getAttribute('#s', 'p'), '1/2048');
  assert.equal((await result(p, '#s')).information, 11);
  assert.deepEqual(await p.$eval('#s', (el) => {
    const m = el.shadowRoot.querySelector('.formula math:last-child');
    return { same: m === window.__math, connected: window.__math.isConnected, text: m.textContent.replace(/[\s\u2061]/g, '') };
  }), { same: true, connected: true, text: '=−log212048=11bit' });
  await p.keyboard.press('ArrowLeft');
  await p.keyboard.press('ArrowLeft');
  await settled(p, '#s');
  assert.equal((await result(p, '#s')).information, 9);
  // drag the end of A (Argentina's first segment) right by about one bit
  const box = await p.locator('#s .knob').nth(1).boundingBox();
  const svg = await p.locator('#s svg.surprisal').boundingBox();
  await p.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await p.mouse.down();
  await p.mouse.move(box.x + box.width / 2 + svg.width * 0.1, box.y + box.height / 2, { steps: 8 });
  await p.mouse.up();
  await settled(p, '#s');
  const pa = await p.getAttribute('#s', 'pa');
  assert.match(pa, /^1\/(2|4|8)$/);
  const r = await result(p, '#s');
  assert.equal(r.composite.information, r.composite.ia + r.composite.ib);
  assertClean(assert, log);
  await context.close();
});

test('units: nat and hartley rescale every number; an unknown unit or language is reported and bits and zh are used', async () => {
  const { context, page: p, log } = await open(browser, site.url());
  await p.$eval('#s', async (el) => { el.setAttribute('unit', 'nat'); await el.updateComplete; });
  assert.ok(Math.abs((await result(p, '#s')).information - Math.log(1024)) < 1e-12);
  assert.match(await allText(p, '#s'), /6\.931 nat/);
  await p.$eval('#s', async (el) => { el.setAttribute('unit', 'hartley'); await el.updateComplete; });
  assert.ok(Math.abs((await result(p, '#s')).information - Math.log10(1024)) < 1e-12);
  await p.$eval('#s', async (el) => { el.setAttribute('unit', 'furlong'); await el.updateComplete; });
  assert.equal((await result(p, '#s')).information, 10);
  assert.match(await shadowText(p, '#s', '.notes'), /unit=「furlong」 无效，已忽略/);
  // an unknown language is reported too, in the language used instead (the post's, else zh)
  await p.$eval('#s', async (el) => { el.setAttribute('unit', 'bit'); el.setAttribute('lang', 'xx'); await el.updateComplete; });
  assert.match(await shadowText(p, '#s', '.notes'), /lang=「xx」 无效，已忽略：可用 zh 或 en。/);
  assert.match(await shadowText(p, '#s', '.title'), /信息量/);
  assertClean(assert, log);
  await context.close();
});

test('no sideways scroll at 320 px with the controls open', async () => {
  const { context, page: p, log } = await open(browser, site.url(), { width: 320, height: 700 });
  for (const id of ['#s', '#a', '#plain']) await openControls(p, id);
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0);
  assertClean(assert, log);
  await context.close();
});
