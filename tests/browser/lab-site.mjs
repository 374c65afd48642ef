// A test site for <bit-ruler> and <bit-learning> (tests/browser/ruler.test.mjs, lab.test.mjs):
// the two elements and the lab worker bundled from web/src the way the build bundles them (esbuild,
// the formulas plugin, the core beside the bundle), each page prerendered in Node with the same
// elements and core (declarative shadow DOM), in a fresh temporary directory. The core is dist/'s
// (or BITRULER_CORE_DIR's), so the suites run before the page's own bundle has every element.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { formulasPlugin } from '../../web/scripts/formulas.mjs';
import { distDir, repoRoot } from './helpers.mjs';

export const coreDir = process.env.BITRULER_CORE_DIR || distDir;
const src = join(repoRoot, 'web', 'src');

const coreBeside = {
  name: 'core-beside',
  setup(b) {
    b.onResolve({ filter: /(^|\/)core\.js$/ }, (a) => (a.importer.startsWith(src) ? { path: './core.js', external: true } : undefined));
  },
};

// The loader's part that matters here: hydration support first, then the core, then the elements.
const entry = (dir) => `import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
const { loadCore } = await import(${JSON.stringify(join(src, 'shared', 'core-store.js'))});
await loadCore();
await Promise.all([import(${JSON.stringify(join(src, 'elements', 'bit-ruler.js'))}), import(${JSON.stringify(join(src, 'elements', 'bit-learning.js'))})]);
document.documentElement.dataset.ready = 'true';`;

/** An HTML page around `body` that loads the site's script from `script` (default: beside it). */
export function page(lang, body, { script = './bitruler.js', head = '' } = {}) {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>lab test</title>
<link rel="icon" href="./favicon.svg"><link rel="stylesheet" href="./page.css">${head}
<script type="module" src="${script}"></script></head><body><main>${body}</main></body></html>`;
}

/**
 * Builds the site with `pages` ({ 'name.html': html }) prerendered (unless listed in `raw`).
 * Resolves to { dir, api, remove }: `api` is the loaded core the prerenderer used (for expected
 * values computed in Node).
 */
export async function buildLabSite(pages, { raw = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bitruler-lab-'));
  const common = { bundle: true, format: 'esm', target: ['es2022'], logLevel: 'warning', legalComments: 'none' };
  // One build with code splitting, as web/scripts/build.mjs makes dist/: the worker is an entry
  // point beside the loader and shares its chunks (the jobs, the models).
  const entryFile = join(dir, 'entry.src.js');
  writeFileSync(entryFile, entry(dir));
  await esbuild.build({
    ...common,
    entryPoints: { bitruler: entryFile, 'lab-worker': join(src, 'elements', 'lab-worker.js') },
    nodePaths: [join(repoRoot, 'node_modules')],
    outdir: dir,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    splitting: true,
    minify: true,
    plugins: [formulasPlugin(), coreBeside],
  });
  rmSync(entryFile);
  const css = await esbuild.transform(readFileSync(join(src, 'elements', 'bitruler.css'), 'utf8'), { loader: 'css', minify: true });
  writeFileSync(join(dir, 'bitruler.css'), css.code);
  writeFileSync(join(dir, 'page.css'), 'body{max-width:760px;margin:0 auto;padding:8px;font-family:sans-serif}.spacer{height:3000px}');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  for (const f of ['core.js', 'bitruler.wasm']) copyFileSync(join(coreDir, f), join(dir, f));
  const prerenderFile = join(dir, 'prerender.mjs');
  await esbuild.build({
    ...common,
    entryPoints: [join(src, 'prerender', 'prerender.js')],
    platform: 'node',
    target: ['node18'],
    conditions: ['node'],
    outfile: prerenderFile,
    plugins: [formulasPlugin(), { name: 'core-here', setup(b) { b.onResolve({ filter: /(^|\/)core\.js$/ }, () => ({ path: join(dir, 'core.js'), external: true })); } }],
  });
  const { prerenderHtml } = await import(pathToFileURL(prerenderFile).href);
  const { load } = await import(pathToFileURL(join(dir, 'core.js')).href);
  const api = await load();
  for (const [name, html] of Object.entries(pages)) writeFileSync(join(dir, name), await prerenderHtml(html, { core: api }));
  for (const [name, html] of Object.entries(raw)) writeFileSync(join(dir, name), html);
  return { dir, api, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Installs, before any script, a layout-shift total on window.__cls. */
export function clsProbe() {
  window.__cls = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
    .observe({ type: 'layout-shift', buffered: true });
}

/**
 * The main thread's tasks while `action` runs, from a Chrome trace (RunTask on CrRendererMain):
 * resolves to the durations in ms, longest first.
 */
export async function mainThreadTasks(browser, page, action) {
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
  return events.filter((e) => e.name === 'RunTask' && e.dur && isMain(e)).map((e) => e.dur / 1000).sort((a, b) => b - a);
}

/**
 * The same with each task's thread time beside its wall time ({ wall, cpu } in ms, longest wall
 * first): on a busy machine a task's wall time includes the time the thread waited for a core.
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
