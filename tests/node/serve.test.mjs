// web/scripts/serve.mjs: MIME types, the strict CSP header, sub-path serving, no escape from dist/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CSP, startServer } from '../../web/scripts/serve.mjs';

let server;
let sub;
before(async () => {
  server = await startServer({ port: 0 });
  sub = await startServer({ port: 0, base: '/blog/bitruler/' });
});
after(async () => {
  await server.close();
  await sub.close();
});

test('serves the module with the right MIME types and the strict CSP', async () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const wasm = await fetch(`${server.url}bitruler.wasm`);
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  const bytes = new Uint8Array(await wasm.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d]);  // "\0asm"
  const js = await fetch(`${server.url}core.js`);
  assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
  const csp = js.headers.get('content-security-policy');
  assert.equal(csp, CSP);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(csp, /'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
  assert.equal(js.headers.get('x-content-type-options'), 'nosniff');
  const types = await fetch(`${server.url}core.d.ts`);
  assert.equal(types.status, 200);
});

test('serves under a sub-path and redirects the root to it', async () => {
  assert.match(sub.url, /\/blog\/bitruler\/$/);
  assert.equal((await fetch(`${sub.url}core.js`)).status, 200);
  assert.equal((await fetch(`${sub.url}debug/core.js`)).status, 200);
  const outside = await fetch(sub.url.replace('/blog/bitruler/', '/core.js'));
  assert.equal(outside.status, 404);
  const root = await fetch(sub.url.replace('/blog/bitruler/', '/'), { redirect: 'manual' });
  assert.equal(root.status, 302);
  assert.equal(root.headers.get('location'), '/blog/bitruler/');
});

test('a long permalink (a 60 KB query: long P and Q lists) is served, not refused with 431', async () => {
  const list = Array.from({ length: 4000 }, (_, i) => `0.${String(i).padStart(4, '0')}`).join(',');
  const url = `${server.url}?ce.p=${encodeURIComponent(list)}&ce.q=${encodeURIComponent(list)}`;
  assert.ok(url.length > 60000, `${url.length}`);
  const res = await fetch(url);
  assert.equal(res.status, 200);
  assert.match(await res.text(), /<bit-cross-entropy/);
});

test('refuses to leave dist/, other methods, and unknown files', async () => {
  const origin = server.url.replace(/\/$/, '');
  for (const path of ['/%2e%2e/package.json', '/..%2fpackage.json', '/%2e%2e%2f%2e%2e%2fetc/passwd', '/nope.js']) {
    assert.equal((await fetch(origin + path)).status, 404, path);
  }
  assert.equal((await fetch(`${server.url}core.js`, { method: 'POST' })).status, 405);
  const head = await fetch(`${server.url}bitruler.wasm`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.ok(Number(head.headers.get('content-length')) > 1000);
});

test('the CLI (npm start) prints its URL and serves the page there', async () => {
  const { spawn } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const script = fileURLToPath(new URL('../../web/scripts/serve.mjs', import.meta.url));
  const child = spawn(process.execPath, [script, '--port', '0', '--base', '/x/', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const m = out.match(/at (http:\/\/127\.0\.0\.1:\d+\/x\/)/);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`serve.mjs exited (${code}): ${out}`)));
      setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 10000);
    });
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(await page.text(), /<script type="module"/);
    assert.equal(page.headers.get('content-security-policy'), CSP);
  } finally {
    child.kill();
  }
});
