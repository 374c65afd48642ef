// Browser tests of the reading-companion page, dist/index.html (run after `npm run build`):
//   node --test tests/browser/page.test.mjs
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  launchBrowser, startServer, openPage, waitForPageReady, resultOf, errorOf, waitForResult,
  assertClean, snapshotDist, pageWeight,
} from './helpers.mjs';
import { formulaBlocks, renderFormulaBlock } from '../../web/src/page/prerender.mjs';

const ALL_TAGS = ['bit-ruler', 'bit-surprisal', 'bit-additivity', 'bit-entropy', 'bit-cross-entropy', 'bit-kl', 'bit-learning'];
const PAGE_WEIGHT_BUDGET = 200 * 1024;

let dist;
let server;
let browser;

before(async () => {
  dist = snapshotDist();
  server = await startServer({ root: dist.dir });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  dist?.remove();
});

/** Waits until the page's debounced URL write has happened. */
async function urlSettled(page) {
  await page.waitForFunction(() => !('statePending' in document.documentElement.dataset));
  return page.url();
}

describe('the reading page', () => {
  test('is strict-CSP ready: a policy of its own, no inline script, no inline handler', () => {
    const html = readFileSync(join(dist.dir, 'index.html'), 'utf8');
    const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/);
    assert.ok(csp, 'index.html carries a Content-Security-Policy');
    const directives = Object.fromEntries(csp[1].split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"], 'scripts: own origin, WASM compile, nothing else');
    assert.deepEqual(directives['default-src'], ["'self'"]);
    assert.deepEqual(directives['connect-src'], ["'self'"]);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0][1], /type="module" src="bitruler.js"/);
    assert.equal(scripts[0][2].trim(), '', 'no inline script');
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handler attributes');
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, 'nothing referenced on another origin');
    assert.match(html, /<link rel="icon" href="favicon.svg"/);
  });

  test('its formulas are prerendered MathML that matches their TeX (no drift)', () => {
    const html = readFileSync(join(dist.dir, 'index.html'), 'utf8');
    const blocks = formulaBlocks(html);
    assert.equal(blocks.length, 8);
    for (const { tex, narrow, inner } of blocks) {
      assert.equal(inner, renderFormulaBlock(tex, narrow), `stale MathML for ${tex}: run node web/src/page/prerender.mjs`);
      assert.match(inner, /<math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML" display="block">/);
    }
  });


  test('loads with every calculator answering, no console error and no request off its origin', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    try {
      const defined = await page.evaluate((tags) => tags.filter((t) => customElements.get(t)), ALL_TAGS);
      assert.deepEqual(defined, ALL_TAGS, 'bitruler.js defines every element');
      const states = await page.$$eval('main [id]', (els) => els.filter((e) => e.localName.startsWith('bit-'))
        .map((e) => ({ id: e.id, result: e.result != null, error: e.error })));
      assert.equal(states.length, 9);
      for (const s of states) {
        assert.equal(s.error, null, `${s.id} has no error on load`);
        assert.equal(s.result, true, `${s.id} has a result on load`);
      }
      const favicon = log.responses.find((r) => r.url().endsWith('/favicon.svg'));
      assert.ok(favicon, 'the favicon is requested from the page origin');
      assert.equal(favicon.status(), 200);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.wasm), 'ready');
      assert.equal(await page.isVisible('.wasm-notice'), false);
      // Every formula was rendered to MathML, and fits its column at 1280 px.
      const formulas = await page.$$eval('.math', (els) => els.map((e) => !!e.querySelector('math')));
      assert.ok(formulas.length >= 8);
      assert.ok(formulas.every(Boolean), 'every .math block holds MathML');
      const mathOverflow = await page.$$eval('.math', (els) => els
        .filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.dataset.tex));
      assert.deepEqual(mathOverflow, [], 'every page formula fits without its own scrollbar at 1280 px');
      // Chromium's MathML Core ignores mathvariant="double-struck" etc.: the letters must be the
      // Unicode mathematical ones, on the page and inside every element.
      const variants = await page.evaluate(() => {
        const left = [];
        let text = '';
        const walk = (root) => {
          for (const n of root.querySelectorAll('[mathvariant]')) if (n.getAttribute('mathvariant') !== 'normal') left.push(n.outerHTML);
          for (const m of root.querySelectorAll('math')) text += m.textContent;
          for (const e of root.querySelectorAll('*')) if (e.shadowRoot) walk(e.shadowRoot);
        };
        walk(document);
        return { left, text };
      });
      assert.deepEqual(variants.left, [], 'no mathvariant the browser would ignore');
      for (const ch of ['𝔼', '𝒩', 'ℒ']) assert.ok(variants.text.includes(ch), `${ch} is drawn as its own letter`);
      assertClean(assert, log);
    } finally {
      await context.close();
    }
  });

  test("every preset shows the article's number", async () => {
    const { page, context, log } = await openPage(browser, server.url);
    try {
      const china = await resultOf(page, '#china');
      assert.equal(china.unit, 'bit');
      assert.equal(china.information, 10);
      const argentina = await resultOf(page, '#argentina');
      assert.equal(argentina.information, 3);
      const final = await resultOf(page, '#final');
      assert.equal(final.iA, 1);
      assert.equal(final.iB, 2);
      assert.equal(final.iBoth, 3);
      assert.equal(final.pBoth, 1 / 8);
      const eight = await resultOf(page, '#eight');
      assert.equal(eight.entropy, 3);
      assert.equal(eight.maxEntropy, 3);
      const france = await resultOf(page, '#france');
      assert.ok(Math.abs(france.entropy - 0.08079313589591118) < 1e-12, `France/China: ${france.entropy}`);
      const ce = await resultOf(page, '#ce');
      assert.equal(ce.entropy, 1.75);
      assert.equal(ce.crossEntropy, 2.625);
      assert.equal(ce.kl, 0.875);
      const kl = await resultOf(page, '#kl');
      assert.ok(Math.abs(kl.kl - 0.9192068641040888) < 1e-12, `D(P||Q) = ${kl.kl}`);
      assert.ok(Math.abs(kl.klReverse - 2.3291778797349196) < 1e-12, `D(Q||P) = ${kl.klReverse}`);
      // ...and the reader sees them, not only the property.
      for (const [sel, shown] of [['#china', '10'], ['#argentina', '3'], ['#eight', '3'], ['#france', '0.0808']]) {
        const text = await page.$eval(sel, (el) => el.shadowRoot.textContent);
        assert.match(text, new RegExp(`(^|[^0-9.])${shown.replace('.', '\\.')}\\s*bit`), `${sel} shows ${shown} bit`);
      }
      assertClean(assert, log);
    } finally {
      await context.close();
    }
  });
});

describe('reading and playing', () => {
  test('typing a probability changes the result', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    try {
      await page.fill('#china input[type="text"]', '1/2');
      const r = await waitForResult(page, '#china', (x) => x.information === 1);
      assert.equal(r.p, 0.5);
      assert.equal(await page.getAttribute('#china', 'p'), '1/2', 'the element reflects what was typed');
      // a Chinese input method's full-width fraction
      await page.fill('#argentina input[type="text"]', '１／４');
      await waitForResult(page, '#argentina', (x) => x.information === 2);
      await page.fill('#final input[type="text"] >> nth=1', '1/8');
      const f = await waitForResult(page, '#final', (x) => x.iB === 3);
      assert.equal(f.iBoth, 4, 'I(A and B) = I(A) + I(B) = 1 + 3');
      assertClean(assert, log);
    } finally {
      await context.close();
    }
  });

  test('dragging a bar of the 8-team distribution changes the entropy', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    try {
      const bar = page.locator('#eight [role="slider"]').nth(0);
      await bar.scrollIntoViewIfNeeded();
      const box = await bar.boundingBox();
      assert.ok(box && box.height > 0, 'the first bar is on screen');
      const x = box.x + box.width / 2;
      await page.mouse.move(x, box.y + box.height - 2);
      await page.mouse.down();
      for (let i = 1; i <= 10; i++) await page.mouse.move(x, box.y + box.height - 2 - i * 12);
      await page.mouse.up();
      const r = await waitForResult(page, '#eight', (x) => x.entropy < 3);
      assert.ok(r.probabilities[0] > 1 / 8, `the dragged team grew: ${r.probabilities[0]}`);
      assert.ok(Math.abs(r.probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-9, 'the total stays 1');
      assertClean(assert, log);
    } finally {
      await context.close();
    }
  });

  test('the keyboard moves a bar and the log-scale slider', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    try {
      await page.focus('#eight [role="slider"] >> nth=3');
      await page.keyboard.press('ArrowUp');
      const r = await waitForResult(page, '#eight', (x) => x.entropy < 3);
      assert.ok(r.probabilities[3] > 1 / 8);
      await page.focus('#china input[type="range"]');
      await page.keyboard.press('ArrowRight');
      const c = await waitForResult(page, '#china', (x) => x.information < 10);
      assert.ok(c.p > 1 / 1024);
      assertClean(assert, log);
    } finally {
      await context.close();
    }
  });

  const BAD = [['abc', 'PARSE'], ['-1', 'NEGATIVE'], ['150%', 'OUT_OF_RANGE'], ['1/0', 'NOT_FINITE'], ['', 'EMPTY']];
  test('each bad input shows its message beside the field and keeps the last result', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    try {
      const field = '#china input[type="text"]';
      for (const [text, code] of BAD) {
        await page.fill(field, text);
        await page.waitForFunction(([c]) => document.querySelector('#china').error?.code === c, [code]);
        const err = await errorOf(page, '#china');
        assert.equal(err.code, code, `${JSON.stringify(text)} → ${code}`);
        const shown = await page.$eval('#china', (el) => {
          const input = el.shadowRoot.querySelector('input[type="text"]');
          const msg = el.shadowRoot.getElementById(input.getAttribute('aria-describedby').split(' ')[0]);
          return { invalid: input.getAttribute('aria-invalid'), msg: msg.textContent, value: input.value, visible: msg.checkVisibility() };
        });
        assert.equal(shown.invalid, 'true');
        assert.equal(shown.visible, true, 'the message is visible');
        assert.ok(shown.msg.length > 5, `a message is shown for ${JSON.stringify(text)}`);
        assert.match(shown.msg, /[\u4e00-\u9fff]/, 'in Chinese, the page language');
        assert.equal(shown.value, text, 'what the reader typed stays in the field');
        assert.equal((await resultOf(page, '#china')).information, 10, 'the last good result is kept');
      }
      // English messages after the switch
      await page.click('[data-set-lang="en"]');
      await page.fill(field, 'abc');
      await page.waitForFunction(() => document.querySelector('#china').error?.code === 'PARSE');
      assert.match((await errorOf(page, '#china')).message, /[A-Za-z]{4}/);
      assert.doesNotMatch((await errorOf(page, '#china')).message, /[\u4e00-\u9fff]/);
      // recovery
      await page.fill(field, '1/8');
      await waitForResult(page, '#china', (x) => x.information === 3);
      assert.equal(await errorOf(page, '#china'), null);
      // a Q shorter than P in the cross-entropy calculator
      await page.fill('#ce input[type="text"] >> nth=1', '1/2,1/2');
      await page.waitForFunction(() => document.querySelector('#ce').error?.code === 'LENGTH_MISMATCH');
      assert.equal((await resultOf(page, '#ce')).crossEntropy, 2.625, 'the last good result is kept');
      assertClean(assert, log);
    } finally {
      await context.close();
    }
  });

  test('a permalink restores what the reader changed through the controls', async () => {
    const { page, context } = await openPage(browser, server.url);
    let url;
    let before;
    try {
      await page.fill('#china input[type="text"]', '1/3');
      await waitForResult(page, '#china', (x) => Math.abs(x.information - Math.log2(3)) < 1e-12);
      await page.focus('#eight [role="slider"] >> nth=0');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      await waitForResult(page, '#eight', (x) => x.entropy < 3);
      await page.fill('#kl input[type="text"] >> nth=1', '0.7,0.3');
      await waitForResult(page, '#kl', (x) => x.kl < 0.9);
      await page.click('[data-set-lang="en"]');
      url = await urlSettled(page);
      before = {};
      for (const id of ['china', 'eight', 'kl', 'france']) before[id] = await resultOf(page, `#${id}`);
    } finally {
      await context.close();
    }
    const q = new URL(url).searchParams;
    assert.equal(q.get('lang'), 'en');
    assert.equal(q.get('china.p'), '1/3');
    assert.ok(q.get('eight.p'), 'the dragged distribution is in the URL');
    assert.equal(q.get('kl.q'), '0.7,0.3');
    const reopened = await openPage(browser, url);
    try {
      assert.equal(await reopened.page.getAttribute('html', 'lang'), 'en');
      for (const id of Object.keys(before)) {
        assert.deepEqual(await resultOf(reopened.page, `#${id}`), before[id], `#${id} restored`);
      }
      assert.equal(await reopened.page.inputValue('#china input[type="text"]'), '1/3');
      assertClean(assert, reopened.log);
    } finally {
      await reopened.context.close();
    }
  });
});

describe('language switch', () => {
  test('English switches the text, the elements and the URL, and back', async () => {
    const { page, context, log } = await openPage(browser, server.url);
    try {
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      assert.equal(await page.isVisible('#surprisal-h [lang="zh-CN"]'), true);
      assert.equal(await page.isVisible('#surprisal-h [lang="en"]'), false);
      await page.click('[data-set-lang="en"]');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await page.getAttribute('[data-set-lang="en"]', 'aria-pressed'), 'true');
      assert.equal(await page.isVisible('#surprisal-h [lang="en"]'), true);
      assert.equal(await page.isVisible('#surprisal-h [lang="zh-CN"]'), false);
      const langs = await page.$$eval('main [id]', (els) => [...new Set(els.filter((e) => e.localName.startsWith('bit-')).map((e) => e.getAttribute('lang')))]);
      assert.deepEqual(langs, ['en']);
      assert.equal(await page.getAttribute('#china', 'label'), 'China wins');
      assert.match(await page.title(), /^One ruler for information/);
      assert.equal(await page.getAttribute('#france', 'labels'), 'France,China');
      const url = new URL(await urlSettled(page));
      assert.equal(url.search, '?lang=en', 'only the language differs from the page as written');
      await page.click('[data-set-lang="zh"]');
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      assert.equal(await page.getAttribute('#china', 'label'), '中国夺冠');
      assert.match(await page.title(), /^一把尺子量信息/);
      assert.equal(new URL(await urlSettled(page)).search, '');
      assertClean(assert, log);
    } finally {
      await context.close();
    }
  });

  test('a label the reader renamed is kept when the language changes', async () => {
    const { page, context } = await openPage(browser, server.url);
    try {
      await page.$eval('#china', (el) => el.setAttribute('label', '国足'));
      await page.click('[data-set-lang="en"]');
      assert.equal(await page.getAttribute('#china', 'label'), '国足');
      const url = new URL(await urlSettled(page));
      assert.equal(url.searchParams.get('china.label'), '国足');
      assert.equal(url.searchParams.get('lang'), 'en');
    } finally {
      await context.close();
    }
  });
});

describe('state in the URL', () => {
  test('attribute changes are written to the URL and restored from it', async () => {
    const { page, context } = await openPage(browser, server.url);
    let url;
    let labResults;
    try {
      await page.$eval('#eight', (el) => el.setAttribute('p', '0.5,0.25,0.125,0.125'));
      await page.$eval('#eight', (el) => el.setAttribute('labels', 'A,B,C,D'));
      await page.$eval('#kl', (el) => el.setAttribute('unit', 'nat'));
      await page.$eval('#ruler', (el) => el.setAttribute('q', 'poisson:10'));
      await page.$eval('#learn', (el) => el.setAttribute('seed', '7'));
      await waitForResult(page, '#ruler', (r) => r.kl < 0.1);
      labResults = { ruler: await resultOf(page, '#ruler'), learn: await resultOf(page, '#learn') };
      url = await urlSettled(page);
      const q = new URL(url).searchParams;
      assert.equal(q.get('eight.p'), '0.5,0.25,0.125,0.125');
      assert.equal(q.get('eight.labels'), 'A,B,C,D');
      assert.equal(q.get('kl.unit'), 'nat');
      assert.equal(q.get('ruler.q'), 'poisson:10');
      assert.equal(q.get('learn.seed'), '7');
      assert.equal(q.has('china.p'), false, 'unchanged calculators stay out of the URL');
    } finally {
      await context.close();
    }
    const reopened = await openPage(browser, url);
    try {
      assert.equal(await reopened.page.getAttribute('#eight', 'p'), '0.5,0.25,0.125,0.125');
      assert.equal(await reopened.page.getAttribute('#kl', 'unit'), 'nat');
      const eight = await resultOf(reopened.page, '#eight');
      assert.equal(eight.entropy, 1.75);
      const kl = await resultOf(reopened.page, '#kl');
      assert.equal(kl.unit, 'nat');
      assert.ok(Math.abs(kl.kl - 0.9192068641040888 * Math.LN2) < 1e-12);
      assert.equal(await reopened.page.getAttribute('#ruler', 'q'), 'poisson:10');
      assert.equal(await reopened.page.getAttribute('#learn', 'seed'), '7');
      await waitForResult(reopened.page, '#learn', (r) => r.step === labResults.learn.step);
      assert.deepEqual(await resultOf(reopened.page, '#ruler'), labResults.ruler);
      assert.deepEqual(await resultOf(reopened.page, '#learn'), labResults.learn, 'the same seed gives the same model state');
      assertClean(assert, reopened.log);
    } finally {
      await reopened.context.close();
    }
  });

  test('a URL with a malformed or unknown key is ignored, not fatal', async () => {
    const { page, context, log } = await openPage(browser, `${server.url}?nosuch.p=1&china.p=1/2&.x=1&china.on-click=1&lang=xx`);
    try {
      assert.equal((await resultOf(page, '#china')).information, 1);
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      assert.equal(await page.getAttribute('#china', 'on-click'), '1', 'kept as inert attribute text');
      assertClean(assert, log);
    } finally {
      await context.close();
    }
  });
});

describe('state in the URL (refused values)', () => {
  test('a shared link with a value the calculator refuses shows the message, not a blank', async () => {
    const { page, context, log } = await openPage(browser, `${server.url}?china.p=150%25&lang=en`);
    try {
      const err = await errorOf(page, '#china');
      assert.equal(err.code, 'OUT_OF_RANGE');
      assert.match(err.message, /range|between/i, 'in English');
      assert.equal(await page.inputValue('#china input[type="text"]'), '150%', 'the text from the link is in the field');
      assert.equal((await resultOf(page, '#argentina')).information, 3, 'the other calculators are unaffected');
      await page.fill('#china input[type="text"]', '1/16');
      await waitForResult(page, '#china', (x) => x.information === 4);
      assert.equal(new URL(await urlSettled(page)).searchParams.get('china.p'), '1/16');
      assertClean(assert, log);
    } finally {
      await context.close();
    }
  });
});

describe('layout', () => {
  for (const [lang, width] of [['zh', 375], ['en', 375], ['zh', 768]]) {
    test(`no sideways scroll at ${width} px (${lang})`, async () => {
      const { page, context } = await openPage(browser, `${server.url}?lang=${lang}`, { width, height: 800 });
      try {
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
        }));
        assert.ok(scrollWidth <= clientWidth, `scrollWidth ${scrollWidth} > ${clientWidth}`);
        // Anything wider than the screen must sit inside a scroll box of its own (a long formula),
        // never push the page: walk the light DOM and every shadow root.
        const wide = await page.evaluate(() => {
          const out = [];
          const insideScrollBox = (e) => {
            for (let a = e.parentElement || e.getRootNode().host; a && a !== document.documentElement;
              a = a.parentElement || (a.getRootNode() !== document ? a.getRootNode().host : null)) {
              if (getComputedStyle(a).overflowX !== 'visible') return true;
            }
            return false;
          };
          const walk = (root, where) => {
            for (const e of root.querySelectorAll('*')) {
              const r = e.getBoundingClientRect();
              if (r.width > 0 && r.right > innerWidth + 0.5 && !insideScrollBox(e)) out.push(`${where}${e.localName}.${e.className?.baseVal ?? e.className} right=${Math.round(r.right)}`);
              if (e.shadowRoot) walk(e.shadowRoot, `${where}${e.localName}#${e.id} >> `);
            }
          };
          walk(document, '');
          return out;
        });
        assert.deepEqual(wide, [], 'nothing sticks out to the right');
        const mathOverflow = await page.$$eval('.math', (els) => els
          .filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.dataset.tex));
        assert.deepEqual(mathOverflow, [], `every page formula fits without its own scrollbar at ${width} px`);
      } finally {
        await context.close();
      }
    });
  }
});

describe('serving', () => {
  test('works from a sub-path (/blog/bitruler/)', async () => {
    const sub = await startServer({ root: dist.dir, base: '/blog/bitruler/' });
    try {
      assert.match(sub.url, /\/blog\/bitruler\/$/);
      const { page, context, log } = await openPage(browser, sub.url);
      try {
        assert.equal((await resultOf(page, '#china')).information, 10);
        assert.equal((await resultOf(page, '#eight')).entropy, 3);
        const wasm = log.responses.find((r) => r.url().endsWith('.wasm'));
        assert.ok(wasm, 'the .wasm was fetched');
        assert.equal(new URL(wasm.url()).pathname, '/blog/bitruler/bitruler.wasm');
        await page.$eval('#china', (el) => el.setAttribute('p', '1/4'));
        const url = new URL(await urlSettled(page));
        assert.equal(url.pathname, '/blog/bitruler/');
        assert.equal(url.searchParams.get('china.p'), '1/4');
        assertClean(assert, log);
      } finally {
        await context.close();
      }
    } finally {
      await sub.close();
    }
  });

  test('the elements work embedded in a page on another origin', async () => {
    // dist/ on 127.0.0.1 (this suite's server), the "blog" on localhost: two origins.
    const blogDir = mkdtempSync(join(tmpdir(), 'bitruler-blog-'));
    const distOrigin = server.origin;
    writeFileSync(join(blogDir, 'index.html'), `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' ${distOrigin} 'wasm-unsafe-eval'; connect-src 'self' ${distOrigin}; style-src 'self' 'unsafe-inline'; img-src 'self' data:">
<link rel="icon" href="data:,">
<title>blog post</title>
<script type="module" src="${server.url}bitruler.js"></script></head>
<body><article><p>正文……</p>
<bit-surprisal id="s" p="1/1024" label="中国夺冠"></bit-surprisal>
<bit-entropy id="h" p="0.99,0.01" labels="法国,中国"></bit-entropy>
</article></body></html>`);
    const blog = await startServer({ root: blogDir, host: 'localhost', csp: false });
    try {
      const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
      const page = await context.newPage();
      const errors = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(blog.url.replace('127.0.0.1', 'localhost'));
      await waitForResult(page, '#s', (r) => r != null);
      await waitForResult(page, '#h', (r) => r != null);
      assert.equal((await resultOf(page, '#s')).information, 10);
      assert.ok(Math.abs((await resultOf(page, '#h')).entropy - 0.08079313589591118) < 1e-12);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.ready), undefined, 'the page module stays idle in a blog post');
      assert.deepEqual(errors, []);
      await context.close();
    } finally {
      await blog.close();
      rmSync(blogDir, { recursive: true, force: true });
    }
  });

  test(`the page's JS, WASM and CSS weigh at most ${PAGE_WEIGHT_BUDGET / 1024} KiB gzipped`, async () => {
    const { page, context, log } = await openPage(browser, server.url);
    try {
      const { files, gz } = await pageWeight(log);
      const paths = files.map((f) => f.path);
      assert.ok(paths.some((p) => p.endsWith('/bitruler.wasm')), `the wasm is counted: ${paths}`);
      assert.ok(paths.some((p) => p.endsWith('/bitruler.js')), 'bitruler.js is counted');
      assert.ok(paths.some((p) => p.endsWith('/page.css')), 'page.css is counted');
      assert.ok(gz <= PAGE_WEIGHT_BUDGET, `page weight ${gz} B gzipped > ${PAGE_WEIGHT_BUDGET}: ${JSON.stringify(files)}`);
      await page.close();
    } finally {
      await context.close();
    }
  });
});

describe('without WebAssembly', () => {
  test('the page reads as an article: notice, numbers in the text, no blank calculator', async () => {
    const { page, context, log } = await openPage(browser, server.url, {
      initScript: () => { delete globalThis.WebAssembly; },
    });
    try {
      assert.equal(await page.evaluate(() => typeof WebAssembly), 'undefined');
      assert.equal(await page.evaluate(() => document.documentElement.dataset.wasm), 'unavailable');
      assert.equal(await page.isVisible('.wasm-notice [lang="zh-CN"]'), true);
      const article = (await page.innerText('main')).replace(/\u00a0/g, ' ');
      for (const n of ['10 bit', '3 bit', '0.0808 bit', '1.75 bit', '0.919 bit']) {
        assert.ok(article.includes(n), `the text states ${n}`);
      }
      const calcs = await page.$$eval('main [id]', (els) => els.filter((e) => e.localName.startsWith('bit-')).map((e) => {
        const r = e.getBoundingClientRect();
        const shown = e.shadowRoot
          ? [...e.shadowRoot.querySelectorAll('*')].filter((n) => n.checkVisibility() && n.children.length === 0).map((n) => n.textContent.trim()).join(' ')
          : e.innerText;
        return { id: e.id, height: r.height, text: shown.trim(), result: e.result ?? null };
      }));
      assert.equal(calcs.length, 9);
      for (const c of calcs) {
        assert.ok(c.height >= 40, `${c.id} is not collapsed (${c.height}px)`);
        assert.ok(c.text.length >= 20, `${c.id} shows text: "${c.text}"`);
        assert.equal(c.result, null);
      }
      const china = calcs.find((c) => c.id === 'china').text;
      assert.match(china, /WebAssembly/);
      assert.match(china, /10 bit/);
      assertClean(assert, log);
    } finally {
      await context.close();
    }
  });
});
