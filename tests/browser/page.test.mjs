// The reading page, dist/index.html, as a reader meets it (run after `npm run build`).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, startServer, assertClean, snapshotDist } from './helpers.mjs';
import { open, whenReady, result, error, openControls, settled } from './site.mjs';

const CALCULATORS = ['teaser', 'surprise', 'eight', 'france', 'ce', 'kl', 'ruler', 'learn'];
/** Every request the page makes, gzipped (issue 11: at most 120 KiB). */
export const PAGE_BUDGET = 120 * 1024;

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

/** Waits for the page's debounced URL write. */
async function urlAfterWrite(page) {
  await page.waitForTimeout(400);
  return page.url();
}

const text = (page, id) => page.$eval(`#${id}`, (el) => el.shadowRoot?.textContent.replace(/\s+/g, ' ') ?? '');

describe('the page as delivered', () => {
  test('a strict policy of its own: no inline script, style or handler, nothing from another origin', () => {
    const html = readFileSync(join(dist.dir, 'index.html'), 'utf8');
    const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/);
    assert.ok(csp, 'index.html carries a Content-Security-Policy');
    const d = Object.fromEntries(csp[1].split(';').map((x) => x.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    assert.deepEqual(d['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
    assert.deepEqual(d['style-src'], ["'self'"], "no 'unsafe-inline'");
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.deepEqual(scripts.map((s) => s[1].trim()), ['type="module" src="bitruler.js"', 'type="module" src="page.js"']);
    assert.ok(scripts.every((s) => s[2].trim() === ''), 'no inline script');
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handler');
    assert.doesNotMatch(html, /\sstyle\s*=/i, 'no style attribute, also not in the prerendered shadow roots');
    assert.doesNotMatch(html, /<style[\s>]/i, 'no <style> element');
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, 'nothing referenced on another origin');
  });

  test('every calculator is prerendered, and the page formulas are MathML', () => {
    const html = readFileSync(join(dist.dir, 'index.html'), 'utf8');
    for (const file of ['index.html', 'en.html']) {
      const text = readFileSync(join(dist.dir, file), 'utf8');
      for (const id of CALCULATORS) {
        assert.match(text, new RegExp(`id="${id}"[^>]*>\\s*<template shadowrootmode="open"><link rel="stylesheet" href="./bitruler.css">`), `${file} #${id}`);
      }
    }
    const blocks = [...html.matchAll(/<div class="math"[^>]*>([\s\S]*?)<\/div>/g)];
    assert.ok(blocks.length >= 7);
    for (const [, inner] of blocks) assert.match(inner, /<math display="block">/);
  });
});

describe('first paint, with no JavaScript at all', () => {
  test("every calculator shows its picture and the article's numbers", async () => {
    const { context, page } = await open(browser, server.url, { javaScriptEnabled: false });
    try {
      assert.match(await text(page, 'surprise'), /p = 1\/1024 → I = 10 bit/);
      assert.match(await text(page, 'surprise'), /I = 1 \+ 2 = 3 bit/);
      assert.match(await text(page, 'eight'), /H = 3 bit/);
      assert.match(await text(page, 'france'), /H = 0\.0808 bit/);
      assert.match(await text(page, 'ce'), /H\(P,Q\) = 2\.625 bit/);
      assert.match(await text(page, 'kl'), /D\(P‖Q\) = 0\.9192 bit/);
      for (const id of CALCULATORS) {
        const box = await page.$eval(`#${id}`, (el) => {
          const svg = el.shadowRoot.querySelector('.picture svg');
          const r = svg?.getBoundingClientRect();
          return r ? { w: r.width, h: r.height, host: el.getBoundingClientRect().width } : null;
        });
        assert.ok(box, `${id} has a picture`);
        assert.ok(box.h >= (id === 'teaser' ? 100 : 120) && box.w >= 0.6 * box.host, `${id}: picture ${Math.round(box.w)}×${Math.round(box.h)} in ${Math.round(box.host)}`);
      }
    } finally {
      await context.close();
    }
  });
});

describe('with JavaScript', () => {
  test('every calculator takes over its prerendered DOM with no layout shift and no console error', async () => {
    const { context, page, log } = await open(browser, server.url, { ready: false });
    try {
      await whenReady(page);
      for (const id of CALCULATORS) {
        assert.equal(await page.$eval(`#${id}`, (el) => el.error), null, `${id} has no error`);
        assert.notEqual(await result(page, `#${id}`), null, `${id} answers`);
      }
      assert.equal((await result(page, '#surprise')).information, 10);
      assert.equal((await result(page, '#eight')).entropy, 3);
      assert.ok(Math.abs((await result(page, '#france')).entropy - 0.08079313589591118) < 1e-15);
      assert.equal((await result(page, '#ce')).crossEntropy, 2.625);
      assert.ok(Math.abs((await result(page, '#kl')).kl - 0.9192068641040888) < 1e-15);
      // scroll through the whole page: elements below load as they come near
      await page.evaluate(async () => {
        for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
          window.scrollTo(0, y);
          await new Promise((r) => requestAnimationFrame(r));
        }
      });
      assert.equal(await page.evaluate(() => window.__cls), 0, 'layout shift');
      assertClean(assert, log);
    } finally {
      await context.close();
    }
  });

  for (const [width, file] of [[375, ''], [375, 'en.html'], [320, '']]) {
    test(`no layout shift at ${width} px${file ? ' (en)' : ''}: pictures and formulas keep the boxes they were prerendered in`, async () => {
      const { context, page, log } = await open(browser, `${server.url}${file}`, { width, height: 800, ready: false });
      try {
        await whenReady(page);
        await page.evaluate(async () => {
          for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
            window.scrollTo(0, y);
            await new Promise((r) => requestAnimationFrame(r));
          }
        });
        await page.waitForTimeout(300);
        assert.equal(await page.evaluate(() => window.__cls), 0);
        assertClean(assert, log);
      } finally {
        await context.close();
      }
    });
  }

  test(`everything the page downloads weighs at most ${PAGE_BUDGET / 1024} KiB gzipped`, async (t) => {
    const { context, page, log } = await open(browser, server.url, { ready: false });
    try {
      await whenReady(page);
      await page.evaluate(async () => { window.scrollTo(0, document.documentElement.scrollHeight); await new Promise((r) => setTimeout(r, 300)); });
      await page.waitForTimeout(500);
      const files = [];
      for (const res of log.responses) {
        if (res.status() !== 200) continue;
        const body = await res.body().catch(() => Buffer.alloc(0));
        files.push({ path: new URL(res.url()).pathname, gz: gzipSync(body, { level: 9 }).length });
      }
      const total = files.reduce((s, f) => s + f.gz, 0);
      for (const need of ['/index.html', '/bitruler.wasm', '/bitruler.css', '/page.css', '/core.js']) {
        assert.ok(files.some((f) => f.path === need || (need === '/index.html' && f.path === '/')), `${need} is counted`);
      }
      t.diagnostic(`${total} B gzipped in ${files.length} files: ${files.sort((x, y) => y.gz - x.gz).map((f) => `${f.path} ${f.gz}`).join(', ')}`);
      assert.ok(total <= PAGE_BUDGET, `${total} B gzipped > ${PAGE_BUDGET}: ${JSON.stringify(files.sort((a, b) => b.gz - a.gz))}`);
    } finally {
      await context.close();
    }
  });
});

describe('the essay at its defaults (1280 × 900, zh, panels folded)', () => {
  test("the elements' stylesheet styles the elements only, never the post around them", async () => {
    const { context, page } = await open(browser, server.url);
    try {
      const r = await page.evaluate(() => {
        const links = [...document.head.querySelectorAll('link[rel="stylesheet"]')].filter((l) => l.href.endsWith('/bitruler.css'));
        const p = [...document.querySelectorAll('main div[lang] > p')].find((x) => x.textContent.length > 40);
        return { media: links.map((l) => [l.media, matchMedia(l.media || 'all').matches]), margin: getComputedStyle(p).marginTop, root: getComputedStyle(document.documentElement).fontSize };
      });
      assert.deepEqual(r.media, [['not all', false]], 'fetched with the page, applied to none of it');
      assert.ok(Math.abs(parseFloat(r.margin) - 0.7 * parseFloat(r.root)) < 0.01, `${r.margin}: the post's paragraphs keep the page's own margins (page.css: p { margin: 0.7rem 0 })`);
    } finally {
      await context.close();
    }
  });

  test('at most 60 visible controls, at most 10,000 px tall', async (t) => {
    const { context, page } = await open(browser, server.url, { width: 1280, height: 900 });
    try {
      // every section laid out (content-visibility: auto skips those far from the viewport and
      // counts an estimate for them)
      const height = await page.evaluate(() => {
        for (const s of document.querySelectorAll('main > section')) s.style.contentVisibility = 'visible';
        return document.documentElement.scrollHeight;
      });
      assert.ok(height <= 10000, `page height ${height}`);
      const controls = await page.evaluate(() => {
        let n = 0;
        const visible = (e) => e.checkVisibility({ visibilityProperty: true }) && e.getBoundingClientRect().width > 0;
        const walk = (root) => {
          for (const e of root.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')) {
            if (e.tabIndex >= 0 && !e.disabled && visible(e)) n += 1;
          }
          for (const e of root.querySelectorAll('*')) if (e.shadowRoot) walk(e.shadowRoot);
        };
        walk(document);
        return n;
      });
      t.diagnostic(`${height} px tall, ${controls} visible focusable controls`);
      assert.ok(controls <= 60, `${controls} visible focusable controls`);
    } finally {
      await context.close();
    }
  });
});

describe('at 320 px with every panel open', () => {
  for (const lang of ['zh', 'en']) {
    test(`nothing widens the page (${lang})`, async () => {
      const { context, page } = await open(browser, `${server.url}${lang === 'en' ? 'en.html' : ''}`, { width: 320, height: 700 });
      try {
        for (const id of CALCULATORS) await openControls(page, `#${id}`);
        await page.waitForTimeout(200);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
        }));
        assert.ok(scrollWidth <= clientWidth, `scrollWidth ${scrollWidth} > ${clientWidth}`);
        const wide = await page.evaluate(() => {
          const out = [];
          const inScrollBox = (e) => {
            for (let a = e.parentElement || e.getRootNode().host; a && a !== document.documentElement;
              a = a.parentElement || (a.getRootNode() !== document ? a.getRootNode().host : null)) {
              if (getComputedStyle(a).overflowX !== 'visible') return true;
            }
            return false;
          };
          const walk = (root, where) => {
            for (const e of root.querySelectorAll('*')) {
              const r = e.getBoundingClientRect();
              if (r.width > 0 && r.right > innerWidth + 0.5 && !inScrollBox(e)) out.push(`${where}${e.localName} right=${Math.round(r.right)}`);
              if (e.shadowRoot) walk(e.shadowRoot, `${where}${e.localName}#${e.id} >> `);
            }
          };
          walk(document, '');
          return out;
        });
        assert.deepEqual(wide, []);
        // long formulas are broken into lines: none has to scroll inside its box
        const scrolling = await page.evaluate(() => {
          const out = [];
          const walk = (root, where) => {
            for (const e of root.querySelectorAll('.formula, .math')) if (e.scrollWidth > e.clientWidth + 1) out.push(`${where}${e.textContent.slice(0, 40)}`);
            for (const e of root.querySelectorAll('*')) if (e.shadowRoot) walk(e.shadowRoot, `${e.id} >> `);
          };
          walk(document, '');
          return out;
        });
        assert.deepEqual(scrolling, []);
      } finally {
        await context.close();
      }
    });
  }
});

describe('state in the URL', () => {
  test('what the reader changes is written to the URL (defaults left out) and a reload restores it', async () => {
    const first = await open(browser, server.url);
    let url;
    try {
      const { page } = first;
      await page.$eval('#eight', (el) => el.setAttribute('p', '0.5,0.25,0.125,0.125'));
      await page.$eval('#eight', (el) => el.setAttribute('labels', 'A,B,C,D'));
      await page.$eval('#kl', (el) => el.setAttribute('unit', 'nat'));
      await page.$eval('#surprise', async (el) => { el.open = true; await el.updateComplete; });
      url = await urlAfterWrite(page);
      const q = new URL(url).searchParams;
      assert.equal(q.get('eight.p'), '0.5,0.25,0.125,0.125');
      assert.equal(q.get('eight.labels'), 'A,B,C,D');
      assert.equal(q.get('kl.unit'), 'nat');
      assert.equal(q.get('surprise.open'), '', 'an open panel is state too');
      assert.equal([...q.keys()].filter((k) => k.startsWith('france.') || k.startsWith('ce.')).length, 0, 'unchanged calculators stay out');
    } finally {
      await first.context.close();
    }
    const again = await open(browser, url);
    try {
      assert.equal((await result(again.page, '#eight')).entropy, 1.75);
      assert.equal((await result(again.page, '#kl')).unit, 'nat');
      assert.equal(await again.page.$eval('#surprise', (el) => el.open), true);
      assertClean(assert, again.log);
    } finally {
      await again.context.close();
    }
  });

  test('a hostile link sets no handler, no style, nothing that is not state; and is not written back', async () => {
    const attack = '?surprise.onclick=alert(1)&surprise.onmouseover=alert(2)&surprise.style=display:none&eight.p=0.5,0.5&nosuch.p=1&.x=1&lang=xx&kl.id=evil';
    const { context, page, log } = await open(browser, `${server.url}${attack}`);
    try {
      await page.waitForTimeout(300);
      for (const name of ['onclick', 'onmouseover', 'style']) assert.equal(await page.getAttribute('#surprise', name), null, name);
      assert.equal(await page.$('#evil'), null);
      assert.equal((await result(page, '#eight')).entropy, 1);
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      await page.$eval('#eight', (el) => el.setAttribute('p', '0.25,0.75'));
      const written = await urlAfterWrite(page);
      assert.doesNotMatch(written, /onclick|onmouseover|style|nosuch|evil/);
      assert.match(written, /eight\.p=0\.25,0\.75/);
      assert.deepEqual(log.pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test('a link with a value the calculator refuses shows its message (in English) over the last valid picture', async () => {
    const { context, page, log } = await open(browser, `${server.url}en.html?surprise.p=150%25`);
    try {
      await page.waitForFunction(() => document.querySelector('#surprise').error != null);
      const e = await error(page, '#surprise');
      assert.equal(e.code, 'OUT_OF_RANGE');
      assert.match(e.message, /“150%” is more than 100%/);
      await openControls(page, '#surprise');
      assert.equal(await page.$eval('#surprise', (el) => el.shadowRoot.querySelector('#f-p').value), '150%');
      await page.locator('#surprise #f-p').fill('1/16');
      await settled(page, '#surprise');
      assert.equal((await result(page, '#surprise')).information, 4);
      assert.match(await urlAfterWrite(page), /surprise\.p=1\/16/);
      assertClean(assert, log);
    } finally {
      await context.close();
    }
  });
});

describe('language', () => {
  test('English is a page of its own, prerendered in English; the language link carries the state', async () => {
    const html = readFileSync(join(dist.dir, 'en.html'), 'utf8');
    assert.match(html, /<html lang="en"/);
    assert.doesNotMatch(html, /lang="zh-CN"(?![^<]*data-lang-link)/, 'no Chinese prose');
    assert.match(html, /Surprisal: every yes\/no question cuts the rest in half/, 'the calculators prerendered in English');
    const { context, page, log } = await open(browser, server.url);
    try {
      await page.$eval('#france', (el) => el.setAttribute('labels', '蓝队,中国'));
      await page.$eval('#eight', (el) => el.setAttribute('p', '0.5,0.5'));
      await Promise.all([page.waitForURL(/en\.html\?/), page.click('[data-lang-link="en"]')]);
      await whenReady(page);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.match(await text(page, 'surprise'), /Surprisal/);
      assert.equal(await page.getAttribute('#eight', 'labels'), 'Argentina,France,Brazil,England,Spain,Germany,Portugal,China');
      assert.equal(await page.getAttribute('#eight', 'p'), '0.5,0.5', 'the state came along');
      assert.equal(await page.getAttribute('#france', 'labels'), '蓝队,中国', 'renamed by the reader: kept');
      await Promise.all([page.waitForURL(/index\.html\?/), page.click('[data-lang-link="zh"]')]);
      await whenReady(page);
      assert.match(await text(page, 'surprise'), /信息量/);
      assert.equal((await result(page, '#eight')).entropy, 1);
      // (requests cut short by the navigations are expected; errors are not)
      assert.deepEqual([...log.pageErrors, ...log.consoleErrors, ...log.offOrigin], []);
    } finally {
      await context.close();
    }
  });

  test('an older link with ?lang=en opens the English page with its state', async () => {
    const { context, page, log } = await open(browser, `${server.url}?lang=en&eight.p=0.5,0.5`, { ready: false });
    try {
      await page.waitForURL(/en\.html\?eight\.p=0\.5%2C0\.5|en\.html\?eight\.p=0\.5,0\.5/);
      await whenReady(page);
      assert.equal((await result(page, '#eight')).entropy, 1);
      assert.deepEqual([...log.pageErrors, ...log.consoleErrors, ...log.offOrigin], []);
    } finally {
      await context.close();
    }
  });

  test('"copy link" puts the current URL on the clipboard', async () => {
    const { context, page, log } = await open(browser, server.url);
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
      await page.$eval('#eight', (el) => el.setAttribute('p', '0.25,0.75'));
      await page.click('[data-copy-link]');
      await page.waitForTimeout(200);
      assert.match(await page.evaluate(() => navigator.clipboard.readText()), /eight\.p=0\.25,0\.75/);
      assertClean(assert, log);
    } finally {
      await context.close();
    }
  });
});

describe('serving', () => {
  test('from a sub-path (/blog/bitruler/)', async () => {
    const sub = await startServer({ root: dist.dir, base: '/blog/bitruler/' });
    try {
      const { context, page, log } = await open(browser, sub.url);
      try {
        assert.equal((await result(page, '#surprise')).information, 10);
        const wasm = log.responses.find((r) => r.url().endsWith('.wasm'));
        assert.equal(new URL(wasm.url()).pathname, '/blog/bitruler/bitruler.wasm');
        await page.$eval('#surprise', (el) => el.setAttribute('p', '1/4'));
        const url = new URL(await urlAfterWrite(page));
        assert.equal(url.pathname, '/blog/bitruler/');
        assertClean(assert, log);
      } finally {
        await context.close();
      }
    } finally {
      await sub.close();
    }
  });

  test('embedded in a post on another origin, under a strict policy', async () => {
    const blogDir = mkdtempSync(join(tmpdir(), 'bitruler-blog-'));
    const distOrigin = server.origin;
    writeFileSync(join(blogDir, 'index.html'), `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' ${distOrigin} 'wasm-unsafe-eval'; connect-src 'self' ${distOrigin}; style-src 'self' ${distOrigin}; img-src 'self'">
<title>blog post</title>
<script type="module" src="${server.url}bitruler.js"></script></head>
<body><article><p>正文……</p>
<bit-surprisal id="s" p="1/1024" label="中国夺冠"></bit-surprisal>
<bit-entropy id="h" p="0.99,0.01" labels="法国,中国"></bit-entropy>
</article></body></html>`);
    writeFileSync(join(blogDir, 'favicon.ico'), '');
    const blog = await startServer({ root: blogDir, host: 'localhost', csp: false });
    try {
      const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
      const page = await context.newPage();
      const errors = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(blog.url.replace('127.0.0.1', 'localhost'));
      await page.waitForFunction(() => document.querySelector('#s').result && document.querySelector('#h').result, null, { timeout: 15000 });
      assert.equal(await page.$eval('#s', (el) => el.result.information), 10);
      assert.ok(Math.abs(await page.$eval('#h', (el) => el.result.entropy) - 0.08079313589591118) < 1e-12);
      assert.deepEqual(errors, []);
      await context.close();
    } finally {
      await blog.close();
      rmSync(blogDir, { recursive: true, force: true });
    }
  });
});

describe('without WebAssembly', () => {
  test('the pictures and numbers stay, and the page says why nothing moves', async () => {
    const { context, page, log } = await open(browser, server.url, { ready: false, initScript: () => { delete globalThis.WebAssembly; } });
    try {
      await page.evaluate(async () => {
        const { define } = await import(new URL('bitruler.js', document.baseURI).href);
        await define('bit-surprisal').catch(() => {});
      });
      await page.waitForTimeout(300);
      assert.equal(await page.isVisible('.wasm-notice [lang="zh-CN"]'), true);
      assert.match(await text(page, 'surprise'), /I = 10 bit/);
      assert.match(await text(page, 'france'), /0\.0808 bit/);
      assert.deepEqual(log.pageErrors, []);
      assert.deepEqual(log.consoleErrors, []);
    } finally {
      await context.close();
    }
  });
});
