// dist/core.js in headless Chromium: loads and computes under a strict Content-Security-Policy
// (style-src 'self', no 'unsafe-inline'; served from a sub-path), runs its WebAssembly exceptions
// (a full heap is a clean OUT_OF_MEMORY refusal), works from another origin, and fails cleanly
// (BitRulerError LOAD, no abort) when the policy forbids WebAssembly.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser, snapshotDist, startServer, watchPage } from './helpers.mjs';

// A page that only loads the module (no inline script: the CSP forbids it) and reports.
const PROBE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>core.js probe</title>
<link rel="icon" href="./csp-probe-icon.svg">
<script type="module" src="./csp-probe.js"></script></head>
<body><output id="out">loading</output></body></html>`;

// core.js is imported from CORE (a same-directory path, or another origin's URL).
const probeScript = (core) => `
const violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective + ' ' + e.blockedURI));
let evalBlocked = false;
try { (0, eval)('1'); } catch { evalBlocked = true; }
const report = (data) => {
  const out = document.getElementById('out');
  out.textContent = JSON.stringify({ ...data, violations, evalBlocked });
  out.dataset.done = 'true';
};
try {
  const m = await import(${JSON.stringify(core)});
  try {
    const api = await m.load();
    let refused = null;
    try { api.entropy([0.5, 0.6]); } catch (e) { refused = { code: e.code, isError: e instanceof m.BitRulerError }; }
    // A failed allocation is a C++ std::bad_alloc caught in the module (WebAssembly exceptions):
    // fill the heap, see the clean refusal, free it, compute again.
    const held = api.holdMemory(Infinity);
    let outOfMemory = null;
    try { api.entropy([0.5, 0.5]); } catch (e) { outOfMemory = { code: e.code, reason: e.reason }; }
    api.holdMemory(0);
    report({
      ok: true,
      held,
      outOfMemory,
      afterMemory: api.entropy([0.5, 0.5]),
      terms: api.infoTerms([0.5, 0.5], [0.25, 0.75]).kl,
      spans: api.readDistribution('１／２，1/2').spans,
      china: api.surprisal(1 / 1024),
      eight: api.entropy(new Float64Array(8).fill(1 / 8)),
      france: api.entropy([0.99, 0.01]),
      kl: api.klDivergence([0.5, 0.5], [0.25, 0.75]),
      parsed: api.parseProbability('１／８'),
      huffman: api.huffman([0.5, 0.25, 0.25]).codewords,
      refused,
      afterRefusal: api.surprisal(1 / 8),
    });
  } catch (e) {
    report({ ok: false, name: e.name, code: e.code, message: String(e.message) });
  }
} catch (e) {
  report({ ok: false, importFailed: String(e) });
}
`;

// The policy the core's own pages are held to: no 'unsafe-inline' anywhere (the page-level
// policy of serve.mjs is the reading page's business). The module injects no style and no script.
const MODULE_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
].join('; ');

let browser;
let snapshot;
const servers = [];

before(async () => {
  snapshot = snapshotDist();
  writeFileSync(join(snapshot.dir, 'csp-probe.html'), PROBE_HTML);
  writeFileSync(join(snapshot.dir, 'csp-probe.js'), probeScript('./core.js'));
  writeFileSync(join(snapshot.dir, 'csp-probe-icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>');
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
  snapshot?.remove();
});

async function serve(options) {
  const s = await startServer({ root: snapshot.dir, ...options });
  servers.push(s);
  return s;
}

async function probe(url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const log = await watchPage(page, new URL(url).origin);
  const response = await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('#out[data-done="true"]', { timeout: 20000 });
  const result = JSON.parse(await page.textContent('#out'));
  await context.close();
  return { result, log, headers: response.headers() };
}

test("under a strict CSP (style-src 'self', no 'unsafe-inline'), from a sub-path, the module loads and computes the article numbers", async () => {
  const server = await serve({ base: '/blog/2024/bitruler/', csp: MODULE_CSP });
  const { result, log, headers } = await probe(`${server.url}csp-probe.html`);
  assert.match(headers['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(headers['content-security-policy'], /style-src 'self'(;|$)/);
  assert.doesNotMatch(headers['content-security-policy'], /unsafe-inline/);
  assert.equal(result.ok, true, JSON.stringify(result));
  assert.equal(result.evalBlocked, true, 'the CSP must forbid eval');
  // Exactly one violation: the probe's own eval, refused. Nothing in the module (glue, embind)
  // tried eval or new Function.
  assert.deepEqual(result.violations, ['script-src eval']);
  assert.equal(result.china, 10);
  assert.equal(result.eight, 3);
  assert.equal(result.france.toFixed(4), '0.0808');
  // D([1/2, 1/2] || [1/4, 3/4]) = 1 - log2(3)/2 = 0.20751874963942190927... (mpmath)
  assert.ok(Math.abs(result.kl - 0.2075187496394219093) < 1e-16, String(result.kl));
  assert.equal(result.parsed, 0.125);
  assert.deepEqual(result.huffman, ['0', '10', '11']);
  assert.deepEqual(result.refused, { code: 'NOT_NORMALIZED', isError: true });
  assert.equal(result.afterRefusal, 3);
  assert.ok(result.held > 2 ** 30, `held ${result.held}`);
  assert.deepEqual(result.outOfMemory, { code: 'OUT_OF_RANGE', reason: 'OUT_OF_MEMORY' });
  assert.equal(result.afterMemory, 1);
  assert.equal(result.terms, result.kl);
  assert.deepEqual(result.spans, [[0, 3], [4, 7]]);
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(log.consoleErrors, []);
  assert.deepEqual(log.failed, []);
  // The .wasm came from beside core.js, under the sub-path.
  const wasm = log.responses.find((r) => r.url().endsWith('.wasm'));
  assert.ok(wasm, 'no .wasm request seen');
  assert.equal(new URL(wasm.url()).pathname, '/blog/2024/bitruler/bitruler.wasm');
  assert.equal(wasm.headers()['content-type'], 'application/wasm');
});

test('imported from another origin, core.js finds its .wasm on that origin', async () => {
  const moduleHost = await serve({ base: '/assets/bitruler/' });
  const pageHost = await serve({ csp: false });
  assert.notEqual(new URL(moduleHost.url).origin, new URL(pageHost.url).origin);
  writeFileSync(join(snapshot.dir, 'csp-probe-remote.js'), probeScript(`${moduleHost.url}core.js`));
  writeFileSync(join(snapshot.dir, 'remote.html'), PROBE_HTML.replace('./csp-probe.js', './csp-probe-remote.js'));
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${pageHost.url}remote.html`);
  await page.waitForSelector('#out[data-done="true"]', { timeout: 20000 });
  const result = JSON.parse(await page.textContent('#out'));
  await context.close();
  assert.equal(result.ok, true, JSON.stringify(result));
  assert.equal(result.china, 10);
  assert.ok(requests.includes(`${moduleHost.url}bitruler.wasm`), requests.join('\n'));
  assert.deepEqual(errors, []);
});

test("without 'wasm-unsafe-eval' load() rejects with BitRulerError LOAD instead of hanging or aborting", async () => {
  const server = await serve({ csp: "default-src 'self'; script-src 'self'" });
  const { result } = await probe(`${server.url}csp-probe.html`);
  assert.equal(result.ok, false, JSON.stringify(result));
  assert.equal(result.name, 'BitRulerError');
  assert.equal(result.code, 'LOAD');
  assert.match(result.message, /WebAssembly/);
});
