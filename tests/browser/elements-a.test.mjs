// Browser tests of <bit-surprisal>, <bit-additivity> and <bit-entropy> (node --test, playwright-core,
// Debian Chromium). The three element modules are bundled alone (no page script) with esbuild into a
// temporary directory next to the built core (dist/core.js + dist/bitruler.wasm, from `npm run build`)
// and served with the project's server under its strict CSP, from tests/browser/fixtures/elements-a.html.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot, distDir, launchBrowser, startServer, watchPage, assertClean } from './helpers.mjs';

const ELEMENTS = ['bit-surprisal', 'bit-additivity', 'bit-entropy'];
const H_FRANCE = 0.08079313589591118; // H of the doubles 0.99, 0.01 by mpmath at 40 digits, rounded to a double
// Probabilities after a drag are the 12-digit text reflected to the p attribute (permalinks restore
// them exactly), so they sum to 1 within the core's own tolerance 1e-9, not to the last ulp.

let site;
let server;
let browser;

async function bundleSite() {
  for (const f of ['core.js', 'bitruler.wasm']) {
    if (!existsSync(join(distDir, f))) throw new Error(`dist/${f} is missing: run \`npm run build\` first`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'bitruler-elements-a-'));
  const entry = join(dir, 'entry.js');
  writeFileSync(entry, ELEMENTS.map((n) => `import ${JSON.stringify(join(repoRoot, 'web/src/elements', `${n}.js`))};`).join('\n'));
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    outfile: join(dir, 'elements-a.js'),
    logLevel: 'silent',
    // the elements import '../core.js'; serve the built core beside the bundle instead
    plugins: [{
      name: 'built-core',
      setup(b) {
        b.onResolve({ filter: /(^|\/)core\.js$/ }, (a) => (a.importer.includes(join('web', 'src', 'elements'))
          ? { path: './core.js', external: true } : undefined));
      },
    }],
  });
  copyFileSync(join(distDir, 'core.js'), join(dir, 'core.js'));
  copyFileSync(join(distDir, 'bitruler.wasm'), join(dir, 'bitruler.wasm'));
  copyFileSync(join(repoRoot, 'tests/browser/fixtures/elements-a.html'), join(dir, 'index.html'));
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" fill="#1f5fd6"/></svg>');
  return dir;
}

before(async () => {
  site = await bundleSite();
  server = await startServer({ root: site });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (site) rmSync(site, { recursive: true, force: true });
});

/** Opens the fixture; waits until all three elements have a result. */
async function open({ width = 1280, lang, initScript, waitResults = true } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  if (initScript) await page.addInitScript(initScript);
  const log = await watchPage(page, server.origin);
  await page.goto(server.url);
  if (lang) await page.evaluate((l) => { document.documentElement.lang = l; }, lang);
  if (waitResults) {
    await page.waitForFunction(() => ['#s', '#a', '#e'].every((s) => document.querySelector(s)?.result != null), null, { timeout: 15000 });
  }
  return { context, page, log };
}

const result = (page, sel) => page.$eval(sel, (el) => (el.result == null ? null : JSON.parse(JSON.stringify(el.result))));
const error = (page, sel) => page.$eval(sel, (el) => el.error && { ...el.error });
const shadowText = (page, sel, inner) => page.$eval(sel, (el, q) => el.shadowRoot.querySelector(q)?.textContent ?? null, inner);

/** Types into an input inside the element's shadow root (replacing its text) via real key events. */
async function typeInto(page, locator, text) {
  await locator.click();
  await locator.press('Control+a');
  if (text === '') await locator.press('Backspace');
  else await locator.pressSequentially(text);
}

// ------------------------------------------------------------------------------------ presets

test('bit-surprisal shows 10 bit for China (1/1024) and 3 bit for the Argentina preset', async () => {
  const { context, page, log } = await open();
  assert.deepEqual(await result(page, '#s'), { p: 1 / 1024, information: 10, unit: 'bit' });
  assert.match(await shadowText(page, '#s', '.big'), /^I = 10 bit$/);
  assert.match(await shadowText(page, '#s', '.meaning'), /1024/);
  await page.locator('#s button', { hasText: '阿根廷' }).click();
  assert.deepEqual(await result(page, '#s'), { p: 0.125, information: 3, unit: 'bit' });
  assert.match(await shadowText(page, '#s', '.big'), /^I = 3 bit$/);
  assert.equal(await page.getAttribute('#s', 'p'), '1/8');
  // the bracket draws one row per question: 3 questions for 8 outcomes
  const rows = await page.$eval('#s', (el) => [...el.shadowRoot.querySelectorAll('.bracket text')].map((t) => t.textContent));
  assert.deepEqual(rows, ['8 个可能', '问 1 → 剩 4', '问 2 → 剩 2', '问 3 → 剩 1']);
  await page.locator('#s button', { hasText: '中国' }).click();
  assert.equal((await result(page, '#s')).information, 10);
  assertClean(assert, log);
  await context.close();
});

test('bit-surprisal shows a fractional bit as a partial step (1/1000 ≈ 9.966 bit)', async () => {
  const { context, page, log } = await open();
  await typeInto(page, page.locator('#s input[type=text]'), '1/1000');
  const r = await result(page, '#s');
  assert.ok(Math.abs(r.information - Math.log2(1000)) < 1e-12);
  const rows = await page.$eval('#s', (el) => [...el.shadowRoot.querySelectorAll('.bracket text')].map((t) => t.textContent));
  assert.equal(rows.length, 11); // the 1000 outcomes + 9 whole questions + 1 partial
  assert.equal(rows[10], '问 10：只需 0.966 个问题');
  assert.equal(await page.$eval('#s', (el) => el.shadowRoot.querySelectorAll('.bracket .partial').length), 1);
  assertClean(assert, log);
  await context.close();
});

test('bit-additivity: P(A)·P(B) = 1/8 and I(A) + I(B) = 1 + 2 = 3 bit, bars that visibly sum', async () => {
  const { context, page, log } = await open();
  const r = await result(page, '#a');
  assert.deepEqual(r, { pA: 0.5, pB: 0.25, pBoth: 0.125, iA: 1, iB: 2, iBoth: 3, unit: 'bit' });
  assert.equal(await shadowText(page, '#a', '.big'), 'I(A∧B) = 1 + 2 = 3 bit');
  // I(A) segment + I(B) segment == the I(A∧B) bar, in drawn pixels
  const w = await page.$eval('#a', (el) => {
    const rect = (q) => [...el.shadowRoot.querySelectorAll(`.info ${q}`)].map((n) => ({ x: +n.getAttribute('x'), w: +n.getAttribute('width') }));
    const a = rect('.segA');
    const b = rect('.segB');
    return { a0: a[0], b0: b[0], bothA: a[1], bothB: b[1] };
  });
  assert.ok(Math.abs(w.a0.w + w.b0.w - (w.bothA.w + w.bothB.w)) < 0.5, JSON.stringify(w));
  assert.ok(Math.abs(w.b0.x - (w.a0.x + w.a0.w)) < 0.5, 'I(B) starts where I(A) ends');
  assert.ok(Math.abs(w.b0.w - 2 * w.a0.w) < 0.5, '2 bit is twice as long as 1 bit');
  assertClean(assert, log);
  await context.close();
});

test('bit-entropy shows 0.0808 bit for France 0.99 / China 0.01 and 3 bit for 8 equal teams', async () => {
  const { context, page, log } = await open();
  const r = await result(page, '#e');
  assert.ok(Math.abs(r.entropy - H_FRANCE) < 1e-13, String(r.entropy));
  assert.deepEqual(r.probabilities, [0.99, 0.01]);
  assert.equal(r.maxEntropy, 1);
  assert.equal(r.normalized, false);
  assert.equal(await shadowText(page, '#e', '.big'), 'H = 0.0808 bit');
  await page.locator('#e button', { hasText: '8 队' }).click();
  const r8 = await result(page, '#e');
  assert.equal(r8.entropy, 3);
  assert.equal(r8.maxEntropy, 3);
  assert.equal(r8.probabilities.length, 8);
  assert.equal(await shadowText(page, '#e', '.big'), 'H = 3 bit');
  assert.equal(await page.getAttribute('#e', 'labels'), '巴西,阿根廷,法国,德国,西班牙,英格兰,葡萄牙,中国');
  // each team's share p·(−log p) = 1/8 · 3 = 0.375 bit is shown
  const shares = await page.$eval('#e', (el) => [...el.shadowRoot.querySelectorAll('.team .share')].map((n) => n.textContent));
  assert.equal(shares.length, 8);
  for (const s of shares) assert.equal(s, '贡献 p·(−log p) = 0.375 bit');
  await page.locator('#e button', { hasText: '法国 0.99' }).click();
  assert.ok(Math.abs((await result(page, '#e')).entropy - H_FRANCE) < 1e-13);
  assertClean(assert, log);
  await context.close();
});

test('bit-entropy rescales weights 2,1,1 with a visible notice and normalized: true', async () => {
  const { context, page, log } = await open();
  await page.$eval('#e', (el) => el.setAttribute('p', '2,1,1'));
  await page.waitForFunction(() => document.querySelector('#e').result.probabilities.length === 3);
  const r = await result(page, '#e');
  assert.deepEqual(r.probabilities, [0.5, 0.25, 0.25]);
  assert.equal(r.entropy, 1.5);
  assert.equal(r.normalized, true);
  const notice = await page.$eval('#e', (el) => {
    const n = el.shadowRoot.querySelector('.notice-normalized');
    return n.hidden ? null : n.textContent;
  });
  assert.equal(notice, '你给的权重 2, 1, 1 加起来是 4，不是 1，已按比例缩放为 0.5, 0.25, 0.25。');
  assertClean(assert, log);
  await context.close();
});

// ------------------------------------------------------------------------------------ typing, dragging, keyboard

test('typing fractions, percents and IME forms changes the result and the attribute', async () => {
  const { context, page, log } = await open();
  const input = page.locator('#s input[type=text]');
  await typeInto(page, input, '12.5%');
  assert.equal((await result(page, '#s')).information, 3);
  assert.equal(await page.getAttribute('#s', 'p'), '12.5%');
  await typeInto(page, input, '１／４'); // full-width digits and slash from a Chinese IME
  assert.equal((await result(page, '#s')).information, 2);

  await typeInto(page, page.locator('#a input[type=text]').first(), '1/8');
  const ra = await result(page, '#a');
  assert.equal(ra.iBoth, 5);
  assert.equal(ra.iA + ra.iB, ra.iBoth);
  assert.equal(await page.getAttribute('#a', 'pa'), '1/8');

  // a team's value: the other teams rescale to fill the rest
  await typeInto(page, page.locator('#e .team input.p').first(), '0.5');
  const re = await result(page, '#e');
  assert.deepEqual(re.probabilities, [0.5, 0.5]);
  assert.equal(re.entropy, 1);
  assert.equal(await page.getAttribute('#e', 'p'), '0.5,0.5');
  // the list field
  await typeInto(page, page.locator('#e input[type=text]').first(), '1/4, 1/4, 1/2');
  assert.equal((await result(page, '#e')).entropy, 1.5);
  assertClean(assert, log);
  await context.close();
});

test('bit-entropy: teams can be added, renamed (as text) and removed', async () => {
  const { context, page, log } = await open();
  await page.locator('#e button', { hasText: '添加球队' }).click();
  let r = await result(page, '#e');
  assert.equal(r.probabilities.length, 3);
  assert.ok(Math.abs(r.probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  const name = page.locator('#e .team input.name').nth(2);
  await typeInto(page, name, '<b>巴西</b>');
  assert.equal(await page.getAttribute('#e', 'labels'), '法国,中国,<b>巴西</b>');
  const shown = await page.$eval('#e', (el) => ({
    text: [...el.shadowRoot.querySelectorAll('.bars .name')].map((n) => n.textContent),
    bold: el.shadowRoot.querySelectorAll('b').length,
  }));
  assert.equal(shown.bold, 0, 'labels are text, never HTML');
  assert.equal(shown.text.length, 3);
  await page.locator('#e .team .rm').first().click();
  r = await result(page, '#e');
  assert.equal(r.probabilities.length, 2);
  assert.ok(Math.abs(r.probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  assert.equal(await page.getAttribute('#e', 'labels'), '中国,<b>巴西</b>');
  assertClean(assert, log);
  await context.close();
});

test('dragging a bar changes the distribution; the others rescale and the total stays 1', async () => {
  const { context, page, log } = await open();
  const bar = await page.$eval('#e', (el) => {
    el.shadowRoot.querySelector('svg.bars').scrollIntoView({ block: 'center' });
    const hit = el.shadowRoot.querySelector('.bar-g .hit').getBoundingClientRect();
    const svg = el.shadowRoot.querySelector('svg.bars');
    const L = el._layout;
    const k = svg.getBoundingClientRect().height / el.chart.height;
    const top = svg.getBoundingClientRect().top;
    return { x: hit.left + hit.width / 2, yTop: top + L.top * k, yBottom: top + L.bottom * k };
  });
  let changes = 0;
  await page.exposeFunction('countChange', () => { changes += 1; });
  await page.$eval('#e', (el) => el.addEventListener('change', () => window.countChange()));
  await page.mouse.move(bar.x, bar.yTop + 2);
  await page.mouse.down();
  await page.mouse.move(bar.x, (bar.yTop + bar.yBottom) / 2, { steps: 8 });
  await page.mouse.up();
  const r = await result(page, '#e');
  assert.ok(Math.abs(r.probabilities[0] - 0.5) < 0.02, String(r.probabilities));
  assert.ok(Math.abs(r.probabilities[0] + r.probabilities[1] - 1) < 1e-12);
  assert.ok(r.entropy > 0.99 && r.entropy <= 1);
  assert.ok(changes >= 2, `change fired ${changes} times while dragging`);
  const attr = (await page.getAttribute('#e', 'p')).split(',').map(Number);
  assert.ok(Math.abs(attr[0] - r.probabilities[0]) < 1e-9, 'the p attribute follows the drag');
  // the attributes restore exactly this state (a permalink): a fresh element with them agrees
  await page.evaluate(() => {
    const copy = document.createElement('bit-entropy');
    copy.id = 'copy';
    copy.setAttribute('p', document.querySelector('#e').getAttribute('p'));
    copy.setAttribute('labels', document.querySelector('#e').getAttribute('labels'));
    document.body.append(copy);
  });
  await page.waitForFunction(() => document.querySelector('#copy').result != null);
  assert.deepEqual(await result(page, '#copy'), r);
  // the team rows follow the drag too
  const rowVal = await page.$eval('#e', (el) => el.shadowRoot.querySelector('.team input.p').value);
  assert.ok(Math.abs(Number(rowVal) - r.probabilities[0]) < 1e-5);
  assertClean(assert, log);
  await context.close();
});

test('keyboard: arrows on an entropy bar and on the surprisal slider change the result', async () => {
  const { context, page, log } = await open();
  await page.$eval('#e', (el) => el.shadowRoot.querySelector('.bar-g').focus());
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  let r = await result(page, '#e');
  assert.ok(Math.abs(r.probabilities[0] - 0.97) < 1e-12, String(r.probabilities));
  assert.ok(Math.abs(r.probabilities[1] - 0.03) < 1e-12);
  await page.keyboard.press('End');
  r = await result(page, '#e');
  assert.deepEqual(r.probabilities, [1, 0]);
  assert.equal(r.entropy, 0);
  assert.equal(await shadowText(page, '#e', '.big'), 'H = 0 bit');
  const ariaNow = await page.$eval('#e', (el) => el.shadowRoot.querySelector('.bar-g').getAttribute('aria-valuenow'));
  assert.equal(ariaNow, '1');

  // the slider: Shift+Arrow halves or doubles p (exactly one bit), plain arrows move in small steps
  await page.$eval('#s', (el) => el.shadowRoot.querySelector('input[type=range]').focus());
  await page.keyboard.press('Shift+ArrowRight');
  assert.deepEqual(await result(page, '#s'), { p: 1 / 512, information: 9, unit: 'bit' });
  assert.equal(await page.$eval('#s', (el) => el.shadowRoot.querySelector('input[type=text]').value), '1/512');
  assert.equal(await page.$eval('#s', (el) => el.shadowRoot.querySelector('input[type=range]').getAttribute('aria-valuetext')), 'p = 1/512, I = 9 bit');
  await page.keyboard.press('ArrowLeft');
  const s = await result(page, '#s');
  assert.ok(s.information > 9 && s.information < 9.1, String(s.information));
  assertClean(assert, log);
  await context.close();
});

// ------------------------------------------------------------------------------------ bad input

const BAD = [
  { text: 'abc', code: 'PARSE', zh: '无法识别「abc」：请输入 1/8、0.125 或 12.5% 这样的概率。', en: 'Could not read “abc”: type a probability like 1/8, 0.125 or 12.5%.' },
  { text: '-1', code: 'NEGATIVE', zh: '「-1」是负数：概率和权重都不能小于 0。', en: '“-1” is negative: probabilities and weights cannot be below 0.' },
  { text: '150%', code: 'OUT_OF_RANGE', zh: '「150%」超出范围：概率必须在 0 到 1 之间（即 0% 到 100%）。', en: '“150%” is out of range: a probability lies between 0 and 1 (0% to 100%).' },
  { text: '1/0', code: 'NOT_FINITE', zh: '「1/0」不是一个有限的数（例如除以 0）：概率必须是 0 到 1 之间的数。', en: '“1/0” is not a finite number (a division by 0?): a probability lies between 0 and 1.' },
  { text: '', code: 'EMPTY', zh: '这里还空着：请输入一个概率，例如 1/8、0.125 或 12.5%。', en: 'This field is empty: type a probability such as 1/8, 0.125 or 12.5%.' },
];

// [element, input inside the shadow root, attribute that sets the same field]
const FIELDS = [
  ['#s', 'input[type=text]', 'p'],
  ['#a', '.field:nth-of-type(2) input', 'pb'],
  ['#e', '.field input', 'p'],
  ['#e', '.team input.p', null],
];

async function checkBadInput(page, sel, inputSel, bad, how) {
  const before = await result(page, sel);
  const input = page.locator(`${sel} ${inputSel}`).first();
  const attrBefore = how !== 'type' ? null : await page.evaluate((s) => [...document.querySelector(s).attributes].map((a) => [a.name, a.value]), sel);
  // fill(): one input event with the whole text, as a paste would (typing key by key passes
  // through valid prefixes such as "1" of "1/0", which rightly become the last good result)
  if (how === 'type') await input.fill(bad.text);
  else await page.$eval(sel, (el, [name, v]) => el.setAttribute(name, v), [how.attr, bad.text]);
  const what = `${sel} ${inputSel} ${how === 'type' ? 'typed' : 'attribute'} ${JSON.stringify(bad.text)}`;
  const err = await error(page, sel);
  assert.ok(err, `${what}: el.error is set`);
  assert.equal(err.code, bad.code, what);
  assert.equal(err.message, bad.zh, what);
  assert.deepEqual(await result(page, sel), before, `${what}: the last good result is kept`);
  assert.equal(await input.inputValue(), bad.text, `${what}: the typed text is kept`);
  const aria = await input.evaluate((n) => ({
    invalid: n.getAttribute('aria-invalid'),
    described: (n.getAttribute('aria-describedby') || '').split(' ').map((id) => n.getRootNode().getElementById(id)?.textContent).join(''),
  }));
  assert.equal(aria.invalid, 'true', what);
  assert.equal(aria.described, bad.zh, `${what}: the message is shown beside the field`);
  if (attrBefore) {
    // a refused edit is not reflected
    const attrAfter = await page.evaluate((s) => [...document.querySelector(s).attributes].map((a) => [a.name, a.value]), sel);
    assert.deepEqual(attrAfter, attrBefore, `${what}: attributes unchanged`);
  }
  // the reader's language switches: the same message in English
  await page.$eval(sel, (el) => el.setAttribute('lang', 'en'));
  assert.equal((await error(page, sel)).message, bad.en, what);
  const shownEn = await input.evaluate((n) => n.getRootNode().getElementById(n.getAttribute('aria-describedby').split(' ')[0]).textContent);
  assert.equal(shownEn, bad.en, `${what}: English message shown`);
  await page.$eval(sel, (el) => el.removeAttribute('lang'));
}

for (const [sel, inputSel, attr] of FIELDS) {
  test(`bad input in ${sel} ${inputSel}: message in zh and en, last result and typed text kept`, async () => {
    const { context, page, log } = await open();
    for (const bad of BAD) {
      await checkBadInput(page, sel, inputSel, bad, 'type');
      // a good value clears the error
      await typeInto(page, page.locator(`${sel} ${inputSel}`).first(), '1/2');
      assert.equal(await error(page, sel), null, `${sel}: error back to null after a good value`);
      if (attr) {
        await checkBadInput(page, sel, inputSel, bad, { attr });
        await page.$eval(sel, (el, a) => el.setAttribute(a, '1/4'), attr);
        await page.waitForFunction((s) => document.querySelector(s).error === null, sel);
      }
    }
    assertClean(assert, log);
    await context.close();
  });
}

test('a bad attribute before the module loads is shown once it loads, without console errors', async () => {
  const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
  const page = await context.newPage();
  const log = await watchPage(page, server.origin);
  // set the attributes while the page parses, before the element modules run
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      document.querySelector('#s').setAttribute('p', 'abc');
      document.querySelector('#e').setAttribute('p', '-1, 2');
      document.querySelector('#a').setAttribute('unit', 'furlong');
    });
  });
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector('#s').error && document.querySelector('#e').error && document.querySelector('#a').error);
  assert.equal((await error(page, '#s')).code, 'PARSE');
  assert.equal((await error(page, '#e')).code, 'NEGATIVE');
  assert.equal((await error(page, '#a')).code, 'BAD_BASE');
  assert.equal(await result(page, '#s'), null);
  assert.equal(await page.$eval('#s', (el) => el.shadowRoot.querySelector('input[type=text]').value), 'abc');
  assertClean(assert, log);
  await context.close();
});

test('"the same number in code": each element offers the Python with the reader\'s numbers', async () => {
  const { context, page, log } = await open();
  const code = await page.evaluate(() => ['#s', '#a', '#e'].map((s) => {
    const el = document.querySelector(s);
    return { hook: el.codeSnippet(), shown: el.shadowRoot.querySelector('bit-code-snippet').code };
  }));
  for (const c of code) assert.equal(c.shown, c.hook);
  assert.match(code[0].hook, /p = 0\.0009765625/);
  assert.match(code[0].hook, /-math\.log2\(p\)\s+# = 10 bit/);
  assert.match(code[1].hook, /p_a, p_b = 0\.5, 0\.25/);
  assert.match(code[2].hook, /np\.array\(\[0\.99, 0\.01\]\)/);
  assert.match(code[2].hook, /entropy\(p, base=2\)/);
  // it follows the reader's edits
  await typeInto(page, page.locator('#s input[type=text]'), '1/8');
  assert.match(await page.$eval('#s', (el) => el.codeSnippet()), /p = 0\.125/);
  assertClean(assert, log);
  await context.close();
});

// ------------------------------------------------------------------------------------ events, units, lang

test('change events bubble out of the shadow root with detail = result', async () => {
  const { context, page, log } = await open();
  const detail = await page.evaluate(() => new Promise((resolve) => {
    document.body.addEventListener('change', (e) => resolve({ tag: e.target.tagName, detail: e.detail, composed: e.composed }), { once: true });
    const input = document.querySelector('#s').shadowRoot.querySelector('input[type=text]');
    input.value = '1/2';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }));
  assert.deepEqual(detail, { tag: 'BIT-SURPRISAL', detail: { p: 0.5, information: 1, unit: 'bit' }, composed: true });
  assertClean(assert, log);
  await context.close();
});

test('unit nat and hartley rescale every result', async () => {
  const { context, page, log } = await open();
  await page.$eval('#s', (el) => el.setAttribute('unit', 'nat'));
  await page.waitForFunction(() => document.querySelector('#s').result.unit === 'nat');
  const s = await result(page, '#s');
  assert.ok(Math.abs(s.information - 10 * Math.LN2) < 1e-12);
  assert.match(await shadowText(page, '#s', '.big'), /^I = 6\.9315 nat$/);
  await page.$eval('#e', (el) => el.setAttribute('unit', 'hartley'));
  await page.waitForFunction(() => document.querySelector('#e').result.unit === 'hartley');
  const e = await result(page, '#e');
  assert.ok(Math.abs(e.entropy - H_FRANCE * Math.log10(2)) < 1e-14);
  assert.ok(Math.abs(e.maxEntropy - Math.log10(2)) < 1e-15);
  await page.$eval('#a', (el) => el.setAttribute('unit', 'nat'));
  await page.waitForFunction(() => document.querySelector('#a').result.unit === 'nat');
  const a = await result(page, '#a');
  assert.ok(Math.abs(a.iBoth - 3 * Math.LN2) < 1e-12);
  assertClean(assert, log);
  await context.close();
});

test('lang follows <html lang> and the element attribute wins', async () => {
  const { context, page, log } = await open();
  const title = () => page.$eval('#e', (el) => el.shadowRoot.querySelector('h3').textContent);
  assert.equal(await title(), '熵：整个系统平均有多不确定');
  await page.evaluate(() => { document.documentElement.lang = 'en'; });
  await page.waitForFunction(() => document.querySelector('#e').shadowRoot.querySelector('h3').textContent.startsWith('Entropy'));
  assert.match(await shadowText(page, '#s', '.meaning'), /1 outcome among 1024/);
  await page.$eval('#e', (el) => el.setAttribute('lang', 'zh'));
  assert.equal(await title(), '熵：整个系统平均有多不确定');
  assertClean(assert, log);
  await context.close();
});

// ------------------------------------------------------------------------------------ fallback, layout, timing

test('without WebAssembly each element says so and shows the article numbers as text', async () => {
  for (const lang of ['zh', 'en']) {
    const { context, page, log } = await open({
      lang, waitResults: false, initScript: () => { delete globalThis.WebAssembly; },
    });
    await page.waitForFunction(() => ['#s', '#a', '#e'].every((s) => document.querySelector(s).loadFailed));
    const texts = await page.evaluate(() => ['#s', '#a', '#e'].map((s) => {
      const el = document.querySelector(s);
      return { notice: el.shadowRoot.querySelector('.notice').innerText, bodyHidden: el.body.hidden };
    }));
    const expect = [/10 bit/, /3 bit/, /0\.0808 bit/];
    texts.forEach((t, i) => {
      assert.equal(t.bodyHidden, true);
      assert.match(t.notice, lang === 'zh' ? /WebAssembly 不可用或被拦截/ : /WebAssembly is unavailable or blocked/);
      assert.match(t.notice, expect[i]);
    });
    assertClean(assert, log, `fallback ${lang}`);
    await context.close();
  }
});

for (const width of [320, 375]) {
  test(`no horizontal scroll at ${width} px (zh and en, 8 teams)`, async () => {
    const { context, page, log } = await open({ width });
    await page.locator('#e button', { hasText: '8 队' }).click();
    for (const lang of ['zh', 'en']) {
      await page.evaluate((l) => { document.documentElement.lang = l; }, lang);
      await page.waitForTimeout(100);
      const m = await page.evaluate(() => ({
        doc: document.documentElement.scrollWidth,
        inner: window.innerWidth,
        els: ['#s', '#a', '#e'].map((s) => {
          const el = document.querySelector(s);
          return { s, sw: el.scrollWidth, cw: el.clientWidth, right: el.getBoundingClientRect().right };
        }),
      }));
      assert.ok(m.doc <= m.inner, `${lang}: document ${m.doc} > viewport ${m.inner}`);
      for (const e of m.els) {
        assert.ok(e.sw <= e.cw + 1 && e.right <= m.inner, `${lang} ${e.s}: ${JSON.stringify(e)}`);
      }
    }
    // touch targets: every button and text field inside is at least 44 px high
    const small = await page.evaluate(() => ['#s', '#a', '#e'].flatMap((s) => [...document.querySelector(s).shadowRoot.querySelectorAll('button, input')]
      .filter((n) => n.offsetParent !== null)
      .map((n) => ({ s, tag: n.tagName, h: n.getBoundingClientRect().height, w: n.getBoundingClientRect().width }))
      .filter((r) => r.h < 44 || r.w < 44)));
    assert.deepEqual(small, []);
    assertClean(assert, log);
    await context.close();
  });
}

test('drag timing for 8 teams: input event to updated chart (reported, not asserted)', async (t) => {
  const { context, page, log } = await open();
  await page.locator('#e button', { hasText: '8 队' }).click();
  const times = await page.$eval('#e', (el) => {
    const svg = el.shadowRoot.querySelector('svg.bars');
    const hit = el.shadowRoot.querySelector('.bar-g .hit');
    const r = hit.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const s = svg.getBoundingClientRect();
    const k = s.height / el.chart.height;
    const ev = (type, y) => new PointerEvent(type, { bubbles: true, composed: true, clientX: x, clientY: y, pointerId: 7, isPrimary: true, button: 0, buttons: 1 });
    const yAt = (v) => s.top + (el._layout.bottom - v * (el._layout.bottom - el._layout.top)) * k;
    hit.dispatchEvent(ev('pointerdown', yAt(0.125)));
    const handler = [];
    const withLayout = [];
    const barNode = el.shadowRoot.querySelector('.bar-g .bar');
    for (let i = 0; i < 300; i += 1) {
      const v = 0.05 + 0.9 * (0.5 + 0.5 * Math.sin(i / 10));
      const t0 = performance.now();
      svg.dispatchEvent(ev('pointermove', yAt(v)));
      const t1 = performance.now();
      barNode.getBoundingClientRect(); // force the style and layout the next frame would do
      const t2 = performance.now();
      handler.push(t1 - t0);
      withLayout.push(t2 - t0);
      const expected = v * (el._layout.bottom - el._layout.top);
      if (Math.abs(Number(barNode.getAttribute('height')) - expected) > 0.5) throw new Error('bar not updated in place');
    }
    svg.dispatchEvent(ev('pointerup', yAt(0.5)));
    return { handler, withLayout };
  });
  const stats = (xs) => {
    const a = [...xs].sort((x, y) => x - y);
    return `median ${a[Math.floor(a.length / 2)].toFixed(2)} ms, p95 ${a[Math.floor(a.length * 0.95)].toFixed(2)} ms, worst ${a[a.length - 1].toFixed(2)} ms`;
  };
  t.diagnostic(`8-team drag, 300 moves; input event → updated SVG (handler): ${stats(times.handler)}`);
  t.diagnostic(`8-team drag, 300 moves; input event → updated SVG + style/layout: ${stats(times.withLayout)}`);
  const r = await result(page, '#e');
  assert.equal(r.probabilities.length, 8);
  assert.ok(Math.abs(r.probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  assertClean(assert, log);
  await context.close();
});
