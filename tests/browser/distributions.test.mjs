// <bit-entropy>, <bit-cross-entropy> and <bit-kl> in Chromium: the one distribution editor
// (model/distribution.js + elements/pq-view.js) behind three pictures.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, assertClean } from './helpers.mjs';
import { serveSite, page, open, result, error, openControls, settled } from './site.mjs';

const H = (p) => p.reduce((s, x) => (x > 0 ? s - x * Math.log2(x) : s), 0);
const KL = (p, q) => p.reduce((s, x, i) => (x > 0 ? s + x * Math.log2(x / q[i]) : s), 0);


const BODY = `
<bit-entropy id="eight" p="1/8,1/8,1/8,1/8,1/8,1/8,1/8,1/8" labels="阿根廷,法国,巴西,英格兰,西班牙,德国,葡萄牙,中国"></bit-entropy>
<bit-entropy id="france" p="0.99,0.01" labels="法国,中国"></bit-entropy>
<bit-cross-entropy id="ce" p="1/2,1/4,1/8,1/8" q="1/8,1/8,1/4,1/2" labels="阿根廷,法国,巴西,英格兰"></bit-cross-entropy>
<bit-kl id="kl" p="0.99,0.01" q="0.5,0.5" labels="法国,中国"></bit-kl>`;

let site;
let browser;
before(async () => {
  site = await serveSite({ 'index.html': page(BODY) });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const shadow = (p, sel) => p.$eval(sel, (el) => el.shadowRoot.textContent.replace(/\s+/g, ' '));
const attr = (p, sel, name) => p.getAttribute(sel, name);

describe('the article, at first paint and after the elements take over', () => {
  test('without JavaScript: 3 bit, 0.0808 bit, 2.625 = 1.75 + 0.875 bit, 0.9192 and 2.329 bit', async () => {
    const { context, page: p } = await open(browser, site.url(), { javaScriptEnabled: false });
    assert.match(await shadow(p, '#eight'), /H = 3 bit/);
    assert.match(await shadow(p, '#france'), /H = 0\.0808 bit/);
    assert.match(await shadow(p, '#france'), /中国：宽 0\.01 × 高 6\.644 = 面积 0\.0664/);
    assert.match(await shadow(p, '#ce'), /H\(P,Q\) = 2\.625 bit/);
    assert.match(await shadow(p, '#ce'), /H\(P\) = 1\.75 bit · D\(P‖Q\) = 0\.875 bit/);
    assert.match(await shadow(p, '#kl'), /D\(P‖Q\) = 0\.9192 bit/);
    assert.match(await shadow(p, '#kl'), /D\(Q‖P\) = 2\.329 bit/);
    // entropy blocks: eight of them, equal
    assert.equal(await p.$eval('#eight', (el) => el.shadowRoot.querySelectorAll('rect.area').length), 8);
    await context.close();
  });

  test('results equal the definitions; no layout shift when the elements take over', async () => {
    const { context, page: p, log } = await open(browser, site.url());
    assert.equal((await result(p, '#eight')).entropy, 3);
    assert.ok(Math.abs((await result(p, '#france')).entropy - H([0.99, 0.01])) < 1e-15);
    assert.deepEqual(await result(p, '#ce'), { entropy: 1.75, crossEntropy: 2.625, kl: 0.875, unit: 'bit' });
    const kl = await result(p, '#kl');
    assert.ok(Math.abs(kl.kl - KL([0.99, 0.01], [0.5, 0.5])) < 1e-14);
    assert.ok(Math.abs(kl.klReverse - KL([0.5, 0.5], [0.99, 0.01])) < 1e-14);
    assert.equal(await p.evaluate(() => window.__cls), 0);
    assertClean(assert, log);
    await context.close();
  });
});

describe('editing', () => {
  test('typed fractions, percents, full-width IME forms and weights; a rescale is said', async () => {
    const { context, page: p, log } = await open(browser, site.url());
    await openControls(p, '#france');
    for (const [text, probs] of [['1/2, 1/4, 1/4', [0.5, 0.25, 0.25]], ['５０％，２５％、２５％', [0.5, 0.25, 0.25]], ['3/2, 7, 100%', [1.5 / 9.5, 7 / 9.5, 1 / 9.5]]]) {
      await p.locator('#france #f-p').fill(text);
      await settled(p, '#france');
      const r = await result(p, '#france');
      assert.ok(Math.abs(r.entropy - H(probs)) < 1e-14, text);
      assert.equal(await attr(p, '#france', 'p'), text, 'the attribute keeps the text as typed');
    }
    assert.match(await shadow(p, '#france'), /这些权重加起来是 9\.5，已按比例缩放到总和为 1/);
    assertClean(assert, log);
    await context.close();
  });

  test('each bad input: a message naming the entry and what is allowed; last result kept and marked; text kept', async () => {
    const { context, page: p, log } = await open(browser, site.url());
    await openControls(p, '#france');
    const cases = [
      ['0.5, abc', 'PARSE', /「abc」/],
      ['0.5, -0.5', 'NEGATIVE', /「-0\.5」是负数/],
      ['0, 0', 'OUT_OF_RANGE', /所有权重都是 0/],
      ['', 'EMPTY', /分布还空着/],
      ['0.5,,0.5', 'PARSE', /空/],
      ['x'.repeat(10001), 'PARSE', /最多 10000 个字节/],
      // MAX_OUTCOMES (model/distribution.js, measured by tests/bench/outcomes.mjs)
      [Array(65).fill(1).join(','), 'OUT_OF_RANGE', /结果太多了：这个计算器最多接受 64 项/],
      [Array(1000).fill('0.001').join(', '), 'OUT_OF_RANGE', /最多接受 64 项/],
    ];
    for (const [text, code, message] of cases) {
      await p.locator('#france #f-p').fill(text);
      await settled(p, '#france');
      const e = await error(p, '#france');
      assert.equal(e?.code, code, JSON.stringify(text.slice(0, 20)));
      assert.match(e.message, message);
      assert.match(e.message, /请用逗号分隔各项/);
      assert.ok(Math.abs((await result(p, '#france')).entropy - H([0.99, 0.01])) < 1e-15, 'the last valid result stays');
      assert.equal(await p.$eval('#france', (el) => el.shadowRoot.querySelector('.bit').classList.contains('is-stale')), true);
      assert.equal(await p.$eval('#france', (el) => el.shadowRoot.querySelector('#f-p').value), text);
      assert.equal(await attr(p, '#france', 'p'), '0.99,0.01', 'an invalid text never reaches the attribute (or a permalink)');
    }
    // A lone surrogate (typed in the page: the protocol to the browser would replace it) is named
    // as such, with its place.
    const lone = await p.$eval('#france', async (el) => {
      const field = el.shadowRoot.querySelector('#f-p');
      field.value = `0.5, ${String.fromCharCode(0xd800)}, 0.5`;
      field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await el.updateComplete;
      return { ...el.error, kept: field.value === `0.5, ${String.fromCharCode(0xd800)}, 0.5` };
    });
    assert.equal(lone.code, 'PARSE');
    assert.equal(lone.reason, 'LONE_SURROGATE');
    assert.match(lone.message, /^第 6 个字符是残缺的（孤立的 UTF-16 代理项），请删掉它或补全。请用逗号分隔各项/);
    assert.ok(lone.kept, 'the typed text is kept');
    assertClean(assert, log);
    await context.close();
  });

  test('P and Q of different lengths: the field edited last says so, the picture stays', async () => {
    const { context, page: p, log } = await open(browser, site.url());
    await openControls(p, '#ce');
    await p.locator('#ce #f-q').fill('0.5, 0.5');
    await settled(p, '#ce');
    const e = await error(p, '#ce');
    assert.equal(e.code, 'LENGTH_MISMATCH');
    assert.equal(e.field, 'q');
    assert.match(e.message, /P 有 4 项，Q 有 2 项/);
    assert.equal((await result(p, '#ce')).crossEntropy, 2.625);
    await p.locator('#ce #f-q').fill('0.25, 0.25, 0.25, 0.25');
    await settled(p, '#ce');
    assert.equal(await error(p, '#ce'), null);
    assert.equal((await result(p, '#ce')).crossEntropy, 2);
    assertClean(assert, log);
    await context.close();
  });

  test('dragging a boundary moves probability between two neighbours on a 0.01 grid (Shift: 0.001)', async () => {
    const { context, page: p, log } = await open(browser, site.url());
    await p.locator('#france svg.entropy').scrollIntoViewIfNeeded();
    const svg = await p.locator('#france svg.entropy').boundingBox();
    // the boundary between France and China is at 0.99 of the plot width
    const vb = await p.$eval('#france', (el) => el.shadowRoot.querySelector('svg.entropy').viewBox.baseVal.width);
    const left = 48;
    const right = vb - 26;
    const toPx = (x) => svg.x + ((left + x * (right - left)) / vb) * svg.width;
    const y = svg.y + svg.height * 0.5;
    await p.mouse.move(toPx(0.99), y);
    await p.mouse.down();
    await p.mouse.move(toPx(0.7), y, { steps: 12 });
    await p.mouse.up();
    await settled(p, '#france');
    const text = await attr(p, '#france', 'p');
    const probs = text.split(',').map(Number);
    assert.equal(probs.length, 2);
    assert.ok(Math.abs(probs[0] - 0.7) <= 0.011, text);
    assert.ok(/^\d\.\d{1,2}, \d\.\d{1,2}$/.test(text), `short decimals: ${text}`);
    assert.ok(Math.abs(probs[0] + probs[1] - 1) < 1e-12);
    assert.ok(Math.abs((await result(p, '#france')).entropy - H(probs)) < 1e-12);
    assertClean(assert, log);
    await context.close();
  });

  test('keyboard: a block is a slider; the others give way in proportion, staying on the grid', async () => {
    const { context, page: p, log } = await open(browser, site.url());
    await p.locator('#eight rect.area').first().focus();
    await p.keyboard.press('ArrowUp');
    await settled(p, '#eight');
    const probs = (await attr(p, '#eight', 'p')).split(',').map(Number);
    assert.equal(probs[0], 0.14);
    assert.ok(Math.abs(probs.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    assert.ok(probs.every((x) => Math.abs(Math.round(x * 100) - x * 100) < 1e-9), 'every value on the 0.01 grid');
    assert.equal(await p.$eval('#eight', (el) => el.shadowRoot.activeElement?.getAttribute('data-index')), '0', 'focus stays');
    await p.keyboard.press('Shift+ArrowDown');
    await settled(p, '#eight');
    assert.equal(Number((await attr(p, '#eight', 'p')).split(',')[0]), 0.139);
    assertClean(assert, log);
    await context.close();
  });

  test('add, rename and remove outcomes; P and Q stay the same length', async () => {
    const { context, page: p, log } = await open(browser, site.url());
    await openControls(p, '#ce');
    await p.locator('#ce button', { hasText: '添加一个结果' }).click();
    await settled(p, '#ce');
    assert.equal((await attr(p, '#ce', 'p')).split(',').length, 5);
    assert.equal((await attr(p, '#ce', 'q')).split(',').length, 5);
    const name = p.locator('#ce table input.name').nth(4);
    await name.fill('德国');
    await name.press('Enter');
    await name.blur();
    await settled(p, '#ce');
    assert.equal(await attr(p, '#ce', 'labels'), '阿根廷,法国,巴西,英格兰,德国');
    await p.locator('#ce table button.remove').first().click();
    await settled(p, '#ce');
    assert.equal(await attr(p, '#ce', 'labels'), '法国,巴西,英格兰,德国');
    const P = (await attr(p, '#ce', 'p')).split(',').map(Number);
    assert.equal(P.length, 4);
    assert.ok(Math.abs(P.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    assertClean(assert, log);
    await context.close();
  });
});

describe('cross-entropy and KL', () => {
  test('Gibbs: sweeping Q across its strip never gives H(P,Q) < H(P); Q = P gives exactly 0', async () => {
    const { context, page: p, log } = await open(browser, site.url());
    await openControls(p, '#kl');
    await p.locator('#kl .examples button', { hasText: '法国 0.99' }).click();
    await settled(p, '#kl');
    for (let k = 0; k <= 100; k += 5) {
      const qa = k / 100;
      await p.$eval('#kl', async (el, q) => { el.setAttribute('q', `${q},${Math.round((1 - q) * 100) / 100}`); await el.updateComplete; }, qa);
      const r = await result(p, '#kl');
      assert.ok(r.kl >= 0 && r.klReverse >= 0, `negative KL at q = ${qa}`);
    }
    await p.locator('#kl button.snap').click();
    await settled(p, '#kl');
    const r = await result(p, '#kl');
    assert.equal(r.kl, 0);
    assert.equal(r.klReverse, 0);
    assert.match(await shadow(p, '#kl'), /D\(P‖Q\) = 0 bit/);
    assert.match(await shadow(p, '#kl'), /两个方向都恰好是 0/);
    assertClean(assert, log);
    await context.close();
  });

  test('q = 0 where p > 0: ∞, explained; the Huffman code has no codeword for it', async () => {
    const { context, page: p, log } = await open(browser, site.url());
    await p.$eval('#kl', async (el) => { el.setAttribute('q', '1,0'); await el.updateComplete; });
    assert.equal((await result(p, '#kl')).kl, Infinity);
    assert.match(await shadow(p, '#kl'), /Q 认为「中国」不可能/);
    await p.$eval('#ce', async (el) => { el.setAttribute('q', '1,0,0,0'); el.open = true; await el.updateComplete; });
    assert.equal((await result(p, '#ce')).crossEntropy, Infinity);
    assert.match(await shadow(p, '#ce'), /Q 给「法国」的概率是 0/);
    assert.match(await shadow(p, '#ce'), /无码字/);
    assertClean(assert, log);
    await context.close();
  });

  test('the table rows add up to the headline numbers (one kernel)', async () => {
    const { context, page: p, log } = await open(browser, site.url());
    await openControls(p, '#kl');
    const cells = await p.$eval('#kl', (el) => [...el.shadowRoot.querySelectorAll('table.terms tbody tr')].map((tr) => [...tr.querySelectorAll('td.num')].map((td) => td.textContent)));
    assert.equal(cells.length, 2);
    assert.deepEqual(cells.map((r) => r.slice(2)), [['0.9756 bit', '−0.4928 bit'], ['−0.0564 bit', '2.822 bit']]);
    assertClean(assert, log);
    await context.close();
  });

  test('sampling with Q’s Huffman code settles on Σ p·len_Q; another sample changes the seed', async () => {
    const { context, page: p, log } = await open(browser, site.url());
    await openControls(p, '#ce');
    assert.match(await shadow(p, '#ce'), /它会稳定在 Σ p·len_Q = 2\.625 bit/);
    await p.locator('#ce button', { hasText: '换一批样本' }).click();
    await settled(p, '#ce');
    assert.equal(await attr(p, '#ce', 'seed'), '2');
    assertClean(assert, log);
    await context.close();
  });

  test('units and languages re-render every number and message', async () => {
    const { context, page: p, log } = await open(browser, site.url());
    await p.$eval('#kl', async (el) => { await el.constructor.loadLanguages(['en']); el.setAttribute('unit', 'nat'); el.setAttribute('lang', 'en'); await el.updateComplete; });
    const r = await result(p, '#kl');
    assert.ok(Math.abs(r.kl - KL([0.99, 0.01], [0.5, 0.5]) * Math.LN2) < 1e-14);
    assert.match(await shadow(p, '#kl'), /KL divergence: two directions/);
    assert.match(await shadow(p, '#kl'), /0\.6371 nat/);
    assertClean(assert, log);
    await context.close();
  });

  test('no sideways scroll at 320 px with every panel open', async () => {
    const { context, page: p, log } = await open(browser, site.url(), { width: 320, height: 700 });
    for (const id of ['#eight', '#france', '#ce', '#kl']) await openControls(p, id);
    assert.equal(await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0);
    assertClean(assert, log);
    await context.close();
  });
});

