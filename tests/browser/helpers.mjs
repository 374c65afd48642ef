// Shared helpers for the browser tests (node --test) and the page benchmark:
// launch Debian's Chromium through playwright-core, serve dist/ with the project's own static
// server (web/scripts/serve.mjs), and record what a page does that it must not do
// (console errors, uncaught exceptions, requests that leave the page's origin).
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const distDir = join(repoRoot, 'dist');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

/** Fails with a clear message (not a skip) when dist/ has not been built. */
export function requireDist() {
  for (const f of ['index.html', 'bitruler.js']) {
    if (!existsSync(join(distDir, f))) {
      throw new Error(`dist/${f} is missing: run \`npm run build\` before the browser tests`);
    }
  }
}

/**
 * Copies dist/ to a fresh temporary directory and returns { dir, remove }. Every agent's
 * `npm run build` empties dist/ first, so a suite that serves a private copy is not disturbed by a
 * rebuild running at the same time.
 */
export function snapshotDist() {
  requireDist();
  const dir = mkdtempSync(join(tmpdir(), 'bitruler-dist-'));
  cpSync(distDir, dir, { recursive: true });
  for (const f of ['index.html', 'bitruler.js', 'bitruler.wasm']) {
    if (!existsSync(join(dir, f))) throw new Error(`dist/ was being rebuilt while copied (no ${f}); run again`);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function launchBrowser() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: apt-get install chromium (npm test does this as root)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Serves `root` (default dist/) under the path prefix `base` on a free port with
 * web/scripts/serve.mjs's startServer (which sends the strict CSP unless csp is false).
 * Resolves to { url, origin, port, close }.
 */
export async function startServer({ root = distDir, base = '/', host = '127.0.0.1', csp = true } = {}) {
  const serve = await import(pathToFileURL(join(repoRoot, 'web', 'scripts', 'serve.mjs')).href);
  if (typeof serve.startServer !== 'function') {
    throw new Error('web/scripts/serve.mjs does not export startServer()');
  }
  const server = await serve.startServer({ root, port: 0, host, base, csp, log: false });
  const { url } = server;
  const origin = new URL(url).origin;
  const close = () => Promise.resolve(server.close?.());
  return { url, origin, close, port: new URL(url).port };
}

/**
 * Records console errors, uncaught page errors, failed requests and any request whose origin
 * differs from `origin`. Off-origin requests are aborted so a test never reaches the network.
 */
export async function watchPage(page, origin) {
  const log = { consoleErrors: [], pageErrors: [], offOrigin: [], failed: [], responses: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') log.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => log.pageErrors.push(String(err?.stack || err)));
  page.on('requestfailed', (req) => {
    if (new URL(req.url()).origin === origin) log.failed.push(`${req.url()} ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => log.responses.push(res));
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
    if (new URL(u).origin !== origin) {
      log.offOrigin.push(u);
      return route.abort();
    }
    return route.continue();
  });
  return log;
}

/** Opens `url` in a fresh context; returns { context, page, log }. */
export async function openPage(browser, url, { width = 1280, height = 900, initScript, waitReady = true } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  if (initScript) await page.addInitScript(initScript);
  const log = await watchPage(page, new URL(url).origin);
  await page.goto(url, { waitUntil: 'load' });
  if (waitReady) await waitForPageReady(page);
  return { context, page, log };
}

/**
 * The reading page sets data-ready on <html> once every custom element on it is defined and has
 * either a result or an error/unavailable state (see web/src/page/page.js).
 */
export async function waitForPageReady(page, timeout = 20000) {
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout });
}

/** el.result of the element matching `selector` (light DOM), or null. */
export function resultOf(page, selector) {
  return page.$eval(selector, (el) => (el.result == null ? null : JSON.parse(JSON.stringify(el.result))));
}

export function errorOf(page, selector) {
  return page.$eval(selector, (el) => (el.error == null ? null : { code: el.error.code, message: el.error.message }));
}

/**
 * Waits until `predicate(el.result)` holds for the element matching `selector`. The predicate runs
 * here in Node on a copy of el.result (polled), so it may close over test variables and the page's
 * CSP (no eval) does not get in the way.
 */
export async function waitForResult(page, selector, predicate = (r) => r != null, timeout = 10000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await page.$eval(selector, (el) => (el.result == null ? null : JSON.parse(JSON.stringify(el.result))))
      .catch(() => undefined);
    if (last !== undefined && predicate(last)) return last;
    if (Date.now() > end) throw new Error(`waitForResult(${selector}): timed out; last result ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Fails with everything the page logged that it must not log. */
export function assertClean(assert, log, what = 'page') {
  assert.deepEqual(log.pageErrors, [], `${what}: uncaught exceptions`);
  assert.deepEqual(log.consoleErrors, [], `${what}: console errors`);
  assert.deepEqual(log.offOrigin, [], `${what}: requests outside the page's origin`);
  assert.deepEqual(log.failed, [], `${what}: failed same-origin requests`);
}

/**
 * What the page downloaded as JS, WASM and CSS (same origin), each gzipped at level 9 here (the
 * test server sends identity bodies, so this is what a gzip-serving host would send).
 * Resolves to { files: [{ path, raw, gz }], raw, gz }.
 */
export async function pageWeight(log) {
  const files = [];
  for (const res of log.responses) {
    const url = new URL(res.url());
    const type = res.request().resourceType();
    const isCode = ['script', 'stylesheet'].includes(type) || /\.(m?js|css|wasm)$/.test(url.pathname);
    if (!isCode || res.status() !== 200) continue;
    const body = await res.body();
    files.push({ path: url.pathname, raw: body.length, gz: gzipSync(body, { level: 9 }).length });
  }
  return {
    files,
    raw: files.reduce((s, f) => s + f.raw, 0),
    gz: files.reduce((s, f) => s + f.gz, 0),
  };
}
