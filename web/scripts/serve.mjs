#!/usr/bin/env node
// npm start (after the build): serves dist/ on 127.0.0.1 with the strict Content-Security-Policy
// the page must live under, and the right MIME types (application/wasm for streaming compile).
//
//   node web/scripts/serve.mjs [--port 8080] [--base /sub/path/] [--root dist] [--no-csp]
//   PORT=9000 node web/scripts/serve.mjs
//
// Tests import { startServer } and pass port 0 for a free port.
import { createReadStream, promises as fs } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// No inline anything: styles come from files (page.css; bitruler.css linked in each shadow root or
// adopted as a constructable sheet), never from style attributes or <style>. Scripts stay 'self'
// only; 'wasm-unsafe-eval' permits WebAssembly compilation and nothing else (no eval).
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  // the reading page's icon is a data: URL inside it (as its own policy allows)
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
].join('; ');

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

function normalizeBase(base) {
  let b = base || '/';
  if (!b.startsWith('/')) b = `/${b}`;
  if (!b.endsWith('/')) b = `${b}/`;
  return b;
}

/**
 * Starts the static server (port 0 = any free port). Resolves to { server, url, port, close() }
 * once listening; url ends with the base path, e.g. http://127.0.0.1:41234/blog/bitruler/.
 * csp: true sends CSP, false none, a string sends that policy instead (for tests).
 * @param {{ root?: string, port?: number, host?: string, base?: string, csp?: boolean | string, log?: boolean }} options
 */
export function startServer({
  root: dir = 'dist', port = 0, host = '127.0.0.1', base = '/', csp = true, log = false,
} = {}) {
  const rootDir = resolve(root, dir);  // relative roots are taken from the repository root
  const prefix = normalizeBase(base);

  // Permalinks carry state in the query string: allow headers well beyond Node's 16 KB default.
  const server = createServer({ maxHeaderSize: 256 * 1024 }, async (req, res) => {
    const headers = {
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
      // dist/ may be embedded from another origin (a blog on its own host): module scripts and
      // the .wasm fetch need CORS there.
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    };
    if (csp) headers['Content-Security-Policy'] = typeof csp === 'string' ? csp : CSP;
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { ...headers, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
      if (log) console.log(`${status} ${req.method} ${req.url}`);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      send(405, 'Method Not Allowed\n');
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      send(400, 'Bad Request\n');
      return;
    }
    if (prefix !== '/' && (pathname === '/' || `${pathname}/` === prefix)) {
      res.writeHead(302, { ...headers, Location: prefix });
      res.end();
      return;
    }
    if (!pathname.startsWith(prefix) || pathname.includes('\0')) {
      send(404, 'Not Found\n');
      return;
    }
    let file = resolve(rootDir, `.${sep}${pathname.slice(prefix.length)}`);
    if (file !== rootDir && !file.startsWith(rootDir + sep)) {
      send(404, 'Not Found\n');
      return;
    }
    try {
      let stat = await fs.stat(file);
      if (stat.isDirectory()) {
        if (!pathname.endsWith('/')) {
          res.writeHead(301, { ...headers, Location: `${pathname}/` });
          res.end();
          return;
        }
        file = join(file, 'index.html');
        stat = await fs.stat(file);
      }
      const type = MIME_TYPES[extname(file).toLowerCase()] || 'application/octet-stream';
      // A validator, so a second request for the same file (the lab's worker loading the core
      // the page already has) is answered 304 without a body.
      const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { ...headers, ETag: etag });
        res.end();
        if (log) console.log(`304 ${req.method} ${req.url}`);
        return;
      }
      res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': stat.size, ETag: etag });
      if (req.method === 'HEAD') {
        res.end();
      } else {
        createReadStream(file).on('error', () => res.destroy()).pipe(res);
      }
      if (log) console.log(`200 ${req.method} ${req.url}`);
    } catch {
      send(404, 'Not Found\n');
    }
  });

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const actualPort = server.address().port;
      const url = `http://${host}:${actualPort}${prefix}`;
      resolvePromise({
        server,
        url,
        port: actualPort,
        close: () => new Promise((done) => {
          server.closeAllConnections?.();
          server.close(() => done());
        }),
      });
    });
  });
}

function parseArgs(argv) {
  const options = { port: Number(process.env.PORT || 8080), base: '/', csp: true, log: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg.startsWith('--port')) options.port = Number(value());
    else if (arg.startsWith('--base')) options.base = value();
    else if (arg.startsWith('--root')) options.root = resolve(value());
    else if (arg === '--no-csp') options.csp = false;
    else if (arg === '--quiet') options.log = false;
    else throw new Error(`unknown option ${arg}`);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new Error(`bad port ${options.port}`);
  }
  return options;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const options = parseArgs(process.argv.slice(2));
    const { url } = await startServer(options);
    console.log(`bitruler: serving ${options.root || join(root, 'dist')} at ${url}`);
    console.log('Press Ctrl+C to stop.');
  } catch (error) {
    if (error.code === 'EADDRINUSE') {
      console.error(`Port ${error.port} is in use: try PORT=8081 npm start or --port 8081.`);
    } else {
      console.error(error.message || error);
    }
    process.exit(1);
  }
}
