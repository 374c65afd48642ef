// The folded "adjust and details" panels in Chromium: a folded panel downloads nothing; opening one
// fetches its code and its words (once) and renders it whole by `await el.updateComplete`; an
// element prerendered open renders its panel as it was prerendered when it takes over; a panel a
// reader unfolded before the element took over is open after; a panel that cannot be loaded says
// so and leaves the element working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, assertClean } from './helpers.mjs';
import { serveSite, page, open, result, settled, RECORD_PRERENDERED, shapeOf, liveHtml, PRERENDER_VIEWPORT } from './site.mjs';

const ENTROPY = '<bit-entropy id="e" p="0.5,0.25,0.25" labels="甲,乙,丙"></bit-entropy>';
const OPEN = '<bit-entropy id="e" open p="0.5,0.25,0.25" labels="甲,乙,丙"></bit-entropy>\n<bit-kl id="k" open lang="en"></bit-kl>';
let site;
let browser;

before(async () => {
  site = await serveSite({ 'index.html': page(ENTROPY), 'open.html': page(OPEN) });
  site.clientOnly = await serveSite({ 'index.html': page(OPEN) }, { prerendered: false });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.clientOnly?.close();
  await site?.close();
});

/** The panel files a page requested: the panels' code and words are named <element>-panel-<hash>.js. */
const panelFiles = (log) => log.responses.map((r) => new URL(r.url()).pathname.slice(1)).filter((f) => /-panel-[A-Z0-9]{8}\.js$/.test(f));
const table = (p, sel) => p.$eval(sel, (el) => el.shadowRoot.querySelectorAll('.controls-body table.terms tbody tr').length);

test('a folded panel downloads nothing; opening it fetches its code and its words once, whole by updateComplete', async () => {
  const { context, page: p, log } = await open(browser, site.url());
  await p.waitForTimeout(200);
  assert.deepEqual(panelFiles(log), [], 'nothing of the panel before it opens');
  // the reader's click: the toggle sets `open`, updateComplete waits for the panel
  await p.locator('#e details.controls > summary').click();
  await settled(p, '#e');
  assert.equal(await table(p, '#e'), 3, 'the table of outcomes is there');
  assert.equal(await p.$eval('#e', (el) => el.shadowRoot.querySelector('.panel-status')), null, 'no loading line left');
  assert.equal(await p.locator('#e .examples button').first().textContent(), '8 队机会均等（3 bit）', 'in the element\'s language');
  const fetched = panelFiles(log);
  assert.equal(fetched.length, 2, `its code and its zh words: ${fetched}`);
  // folded and opened again: nothing more to fetch
  for (const open of [false, true]) await p.$eval('#e', async (el, o) => { el.open = o; await el.updateComplete; }, open);
  assert.equal(await table(p, '#e'), 3);
  assert.deepEqual(panelFiles(log), fetched);
  // another language: its panel words, on demand; updateComplete waits for them too
  await p.$eval('#e', async (el) => { el.setAttribute('lang', 'en'); await el.updateComplete; });
  assert.equal(await p.locator('#e .examples button').first().textContent(), '8 equal teams (3 bit)');
  assert.equal(panelFiles(log).length, 3, 'and the en words of the panel');
  // the panel works: the table's remove button edits the distribution
  await p.locator('#e table.terms button.remove').first().click();
  await settled(p, '#e');
  assert.equal((await result(p, '#e')).probabilities.length, 2);
  assertClean(assert, log);
  await context.close();
});

test('prerendered open: the panel is in the HTML, and taking over renders it the same (no layout shift)', async () => {
  const noScript = await open(browser, site.url('open.html'), { javaScriptEnabled: false });
  assert.equal(await table(noScript.page, '#e'), 3, 'the open panel is prerendered');
  assert.match(await noScript.page.$eval('#k', (el) => el.shadowRoot.querySelector('.controls-body').textContent), /Make Q = P/, 'in the element\'s language');
  await noScript.context.close();

  const { context, page: p, log } = await open(browser, site.url('open.html'), { ready: false, initScript: RECORD_PRERENDERED, width: PRERENDER_VIEWPORT });
  await p.waitForFunction(() => document.querySelector('#e').result != null && document.querySelector('#k').result != null);
  await settled(p, '#e');
  const prerendered = await p.evaluate(() => window.__prerendered);
  for (const id of ['e', 'k']) {
    assert.match(prerendered[id], /<table class="terms/, `#${id}'s panel was prerendered`);
    assert.equal(shapeOf(await liveHtml(p, `#${id}`)), shapeOf(prerendered[id]), `#${id} renders what was prerendered`);
  }
  assert.equal(await p.evaluate(() => window.__cls), 0, 'layout shift');
  // each element's panel in its own language only
  const files = panelFiles(log);
  assert.equal(files.length, 4, `entropy and KL, code and words: ${files}`);
  assertClean(assert, log);
  await context.close();
});

test('a panel a reader unfolds before the element takes over is open, whole, after; the focus stays on it', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await context.newPage();
  // the elements' code waits until the reader has acted on the prerendered page
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await p.route(/\/prose-[A-Z0-9]{8}\.js$/, async (route) => { await held; await route.continue(); });
  await p.goto(site.url(), { waitUntil: 'domcontentloaded' });
  await p.locator('#e details.controls > summary').click();
  assert.equal(await p.$eval('#e', (el) => el.shadowRoot.querySelector('details.controls').open), true, 'unfolded by the browser');
  assert.equal(await p.evaluate(() => customElements.get('bit-entropy')), undefined, 'before the element is defined');
  release();
  await p.waitForFunction(() => document.querySelector('#e').result != null);
  await p.waitForFunction(() => document.querySelector('#e').shadowRoot.querySelectorAll('.controls-body table.terms tbody tr').length === 3);
  assert.equal(await p.$eval('#e', (el) => el.open), true, 'the element took the unfolded panel as its state');
  assert.equal(await p.$eval('#e', (el) => el.hasAttribute('open')), true);
  assert.equal(await p.$eval('#e', (el) => el.shadowRoot.activeElement?.localName), 'summary', 'the focus is where the reader left it');
  await context.close();
});

/** Records, for each tag as it is defined, whether its panel could already render (window.__panelAtDefine). */
function panelAtDefine() {
  window.__panelAtDefine = {};
  const define = CustomElementRegistry.prototype.define;
  CustomElementRegistry.prototype.define = function (tag, cls, options) {
    window.__panelAtDefine[tag] = typeof cls.panelReady === 'function' && cls.panelReady('zh') && cls.panelReady('en');
    return define.call(this, tag, cls, options);
  };
}

test('rendered only in the browser, an element written open shows its whole panel at once', async () => {
  const { context, page: p, log } = await open(browser, site.clientOnly.url(), { initScript: panelAtDefine });
  assert.deepEqual(await p.evaluate(() => window.__panelAtDefine), { 'bit-entropy': true, 'bit-kl': true }, 'the panels were loaded before the tags were defined');
  assert.equal(await table(p, '#e'), 3);
  assert.equal(await p.$eval('#k', (el) => el.shadowRoot.querySelector('.panel-status')), null);
  assertClean(assert, log);
  await context.close();
});

test('a panel that cannot be loaded says so in the element\'s language; the element keeps working, and tries again', async () => {
  const { context, page: p } = await open(browser, site.url());
  await p.route(/-panel-[A-Z0-9]{8}\.js$/, (route) => route.abort('internetdisconnected'));
  await p.$eval('#e', async (el) => { el.open = true; await el.updateComplete; });
  const status = await p.$eval('#e', (el) => {
    const line = el.shadowRoot.querySelector('.controls-body .panel-status');
    return { role: line?.getAttribute('role'), text: line?.textContent };
  });
  assert.deepEqual(status, { role: 'alert', text: '这部分没能载入（可能是网络断了）。上面的图和数照常可用；稍后收起再展开即可重试。' });
  // (the message is among the words every element has, here the English ones: loaded first)
  await p.$eval('#e', async (el) => { await el.constructor.loadLanguages(['en']); el.setAttribute('lang', 'en'); await el.updateComplete; });
  assert.match(await p.$eval('#e', (el) => el.shadowRoot.querySelector('.panel-status').textContent), /could not be loaded/);
  // the picture still answers
  await p.$eval('#e', async (el) => { el.setAttribute('p', '0.5,0.5'); await el.updateComplete; });
  assert.equal((await result(p, '#e')).entropy, 1);
  // back online: folded and opened again, the panel comes
  await p.unroute(/-panel-[A-Z0-9]{8}\.js$/);
  for (const o of [false, true]) await p.$eval('#e', async (el, v) => { el.open = v; await el.updateComplete; }, o);
  assert.equal(await table(p, '#e'), 2);
  await context.close();
});
