// Helpers of the <bit-ruler> and <bit-learning> suites (tests/browser/ruler.test.mjs,
// lab.test.mjs). Their pages are made by the one site helper (site.mjs: dist/ copied with the
// test's pages, prerendered by dist/prerender.mjs); this adds the page shape they share, the core
// loaded in Node for expected values, and main-thread task measurements from a Chrome trace.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { distDir } from './helpers.mjs';
import { makeSite } from './site.mjs';

/** An HTML page around `body` that loads the elements from beside it. */
export function page(lang, body, { script = './bitruler.js', head = '' } = {}) {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>lab test</title>
<link rel="icon" href="./favicon.svg"><link rel="stylesheet" href="./lab-page.css">${head}
<script type="module" src="${script}"></script></head><body><main>${body}</main></body></html>`;
}

/**
 * Makes the site with `pages` prerendered (and `raw` pages as written). Resolves to
 * { dir, api, remove }: `api` is dist/'s core loaded in Node (for expected values).
 */
export async function buildLabSite(pages, { raw = {} } = {}) {
  const site = await makeSite(pages, { raw });
  writeFileSync(join(site.dir, 'lab-page.css'), 'body{max-width:760px;margin:0 auto;padding:8px;font-family:sans-serif}.spacer{height:3000px}');
  const { load } = await import(pathToFileURL(join(distDir, 'core.js')).href);
  return { dir: site.dir, api: await load(), remove: site.remove };
}

/**
 * The main thread's tasks while `action` runs, from a Chrome trace (RunTask on CrRendererMain):
 * resolves to { wall, cpu } in ms, longest wall time first. On a busy machine a task's wall time
 * includes the time the thread waited for a core; its thread time (cpu) does not.
 */
export async function mainThreadTaskTimes(browser, page, action) {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  let trace;
  try {
    await action();
  } finally {
    trace = await browser.stopTracing();
  }
  const events = JSON.parse(trace.toString()).traceEvents;
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const isMain = (e) => mains.some((m) => m.pid === e.pid && m.tid === e.tid);
  return events.filter((e) => e.name === 'RunTask' && e.dur && isMain(e))
    .map((e) => ({ wall: e.dur / 1000, cpu: (e.tdur ?? e.dur) / 1000 }))
    .sort((a, b) => b.wall - a.wall);
}

/** The text of every open shadow root under `selector`, flattened (for "no NaN / ∞ shown" checks). */
export function shadowText(page, selector) {
  return page.$eval(selector, (el) => {
    const walk = (root) => [...root.childNodes].map((n) => (n.nodeType === 3 ? n.textContent : n.shadowRoot ? walk(n.shadowRoot) + walk(n) : n.nodeType === 1 ? walk(n) : '')).join(' ');
    return walk(el.shadowRoot);
  });
}
