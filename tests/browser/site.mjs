// The one bundling helper of the element tests: a test site is dist/ (the built loader, element
// chunks, core, stylesheet) copied to a temporary folder with an HTML page of the test's own,
// prerendered by dist/prerender.mjs exactly as an author's page would be (or left as written, to
// test elements rendered only in the browser). Served by web/scripts/serve.mjs under the strict CSP.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { distDir, requireDist, startServer, watchPage } from './helpers.mjs';

/** A page around `body` that loads the elements from the same folder. */
export function page(body, { lang = 'zh', head = '' } = {}) {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>bitruler test</title>
<link rel="icon" href="favicon.svg">
<script type="module" src="bitruler.js"></script>${head}
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

let prerenderModule = null;
/** dist/prerender.mjs's prerenderHtml (the module loads the WASM core in Node once). */
export async function prerender(html, options) {
  prerenderModule ??= await import(pathToFileURL(join(distDir, 'prerender.mjs')).href);
  return prerenderModule.prerenderHtml(html, options);
}

/**
 * Makes a site in a temporary folder: dist/ (without debug/) and `pages` (file name → HTML), each
 * prerendered unless `prerendered: false`, plus `raw` pages as written. Resolves to { dir, remove }.
 */
export async function makeSite(pages, { prerendered = true, raw = {} } = {}) {
  requireDist();
  const dir = mkdtempSync(join(tmpdir(), 'bitruler-site-'));
  cpSync(distDir, dir, { recursive: true, filter: (src) => !src.includes(`${join(distDir, 'debug')}`) });
  for (const [name, html] of Object.entries(pages)) {
    writeFileSync(join(dir, name), prerendered ? await prerender(html) : html);
  }
  for (const [name, html] of Object.entries(raw)) writeFileSync(join(dir, name), html);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Makes and serves a site (see makeSite). Resolves to { url(file), origin, dir, close() }.
 */
export async function serveSite(pages, { prerendered = true, csp = true, base = '/' } = {}) {
  const { dir } = await makeSite(pages, { prerendered });
  const server = await startServer({ root: dir, csp, base });
  return {
    url: (file = 'index.html') => new URL(file, server.url).href,
    origin: server.origin,
    dir,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Records layout shifts from the start (window.__cls) and long tasks (window.__longTasks). */
export const MEASURE = () => {
  window.__cls = 0;
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push(Math.round(e.duration));
  }).observe({ type: 'longtask', buffered: true });
};

/**
 * An init script: when the document is parsed (before any element is defined), window.__prerendered
 * holds the shape (see shapeOf) of each bitruler element's prerendered shadow root, by id.
 */
export const RECORD_PRERENDERED = () => {
  document.addEventListener('readystatechange', () => {
    if (document.readyState !== 'interactive') return;
    window.__prerendered = {};
    for (const el of document.querySelectorAll('[id]')) {
      if (el.localName.startsWith('bit-') && el.shadowRoot) window.__prerendered[el.id] = el.shadowRoot.innerHTML;
    }
  });
};

/**
 * What an element's shadow DOM shows, from its HTML: elements, classes, attributes (in name
 * order) and text, without comments (Lit's client-side markers), whitespace between tags and the
 * stylesheet link. A prerendered element and the same element after it took over, at the width it
 * was prerendered for, have the same shape.
 */
export function shapeOf(html) {
  return html.replace(/<!--[\s\S]*?-->/g, '').replace(/<link [^>]*>/g, '').replace(/>\s+</g, '><').replace(/\s+/g, ' ')
    .replace(/<([a-z][\w-]*)((?: [\w:-]+(?:="[^"]*")?)*) ?(\/?)>/g, (_, tag, attrs, slash) => {
      const list = attrs.match(/[\w:-]+(?:="[^"]*")?/g) ?? [];
      return `<${[tag, ...list.sort()].join(' ')}${slash}>`;
    })
    .trim();
}

/**
 * The HTML of an element's shadow root as a reader sees it: each field's current value as its
 * value attribute (an element sets fields by property, a prerendered one has the attribute).
 */
export const liveHtml = (p, sel) => p.$eval(sel, (el) => {
  const box = document.createElement('div');
  for (const node of el.shadowRoot.childNodes) box.append(node.cloneNode(true));
  const now = [...el.shadowRoot.querySelectorAll('input')];
  box.querySelectorAll('input').forEach((input, i) => input.setAttribute('value', now[i].value));
  return box.innerHTML;
});

/** The viewport width at which the test page's elements measure close to DEFAULT_WIDTH (720). */
export const PRERENDER_VIEWPORT = 760;

/**
 * Opens a page of the site: { context, page, log }. `ready` waits until every bitruler element on
 * it has been defined and has a result or an error.
 */
export async function open(browser, url, { width = 1280, height = 900, lang, colorScheme = 'light', javaScriptEnabled = true, ready = true, initScript } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, colorScheme, javaScriptEnabled });
  const p = await context.newPage();
  await p.addInitScript(MEASURE);
  if (initScript) await p.addInitScript(initScript);
  const log = await watchPage(p, new URL(url).origin);
  await p.goto(url, { waitUntil: 'load' });
  if (lang) await p.evaluate((l) => { document.documentElement.lang = l; }, lang);
  if (ready && javaScriptEnabled) await whenReady(p);
  return { context, page: p, log };
}

/** Defines every element on the page now (they load as they near the viewport) and waits. */
export async function whenReady(p, selector = 'main [id]') {
  await p.evaluate(async (sel) => {
    const els = [...document.querySelectorAll(sel)].filter((e) => e.localName.startsWith('bit-'));
    const { define } = await import(new URL('bitruler.js', document.baseURI).href);
    await Promise.all(els.map((e) => define(e.localName)));
    await Promise.all(els.map((e) => e.updateComplete));
  }, selector);
}

export const result = (p, sel) => p.$eval(sel, (el) => el.result ?? null);
export const error = (p, sel) => p.$eval(sel, (el) => (el.error == null ? null : { ...el.error }));

/** Text of the first node matching `inner` inside the element's shadow root. */
export const shadowText = (p, sel, inner) => p.$eval(sel, (el, q) => el.shadowRoot.querySelector(q)?.textContent ?? null, inner);

/** Opens the element's folded controls. */
export async function openControls(p, sel) {
  await p.$eval(sel, async (el) => { el.open = true; await el.updateComplete; });
}

/** Replaces the text of an input inside the element's shadow root with real key presses. */
export async function typeInto(p, locator, text) {
  await locator.click();
  await locator.press('Control+a');
  if (text === '') await locator.press('Backspace');
  else await locator.pressSequentially(text);
}

/** Waits for the element to finish the update its last event started. */
export const settled = (p, sel) => p.$eval(sel, (el) => el.updateComplete);
