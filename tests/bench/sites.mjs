// The two sites the page bench compares, and the small statistics it reports with.
//
// "before": the reading page of an earlier commit (default BEFORE_COMMIT, the last one before the
// redesign of issue 11), built once from `git archive` of that commit with its own
// web/scripts/build.mjs into build/bench-before/<hash>/ and reused while that folder says it holds
// that commit's build. "after": dist/ of this working tree (copied to a temporary folder, so a
// rebuild during the run cannot disturb it). Each is served by its own web/scripts/serve.mjs (its
// own CSP and headers), on its own port.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, snapshotDist } from '../browser/helpers.mjs';

/** The last landed commit before issue 11's redesign (a 200 KB page, KaTeX in the browser, no prerender). */
export const BEFORE_COMMIT = '713cfc1';

function git(args) {
  const r = spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/**
 * Builds `commit`'s page once (about 40 s) and returns { commit, dir, dist, serve }: its dist/
 * and its static server module. A folder whose stamp names the commit is reused as it is.
 */
export function ensureBefore(commit = BEFORE_COMMIT, { log = (s) => console.error(s) } = {}) {
  const hash = git(['rev-parse', '--verify', `${commit}^{commit}`]).trim();
  const dir = join(repoRoot, 'build', 'bench-before', hash.slice(0, 12));
  const stamp = join(dir, '.bench-built');
  const dist = join(dir, 'dist');
  const serve = join(dir, 'web', 'scripts', 'serve.mjs');
  const built = () => existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash
    && existsSync(join(dist, 'index.html')) && existsSync(join(dist, 'bitruler.js')) && existsSync(serve);
  if (built()) return { commit: hash, dir, dist, serve };
  log(`bench: building the "before" page of ${hash.slice(0, 12)} once into ${dir} (git archive + its own build.mjs --no-debug)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = spawnSync('git', ['archive', '--format=tar', hash], { cwd: repoRoot, maxBuffer: 1 << 30 });
  if (archive.status !== 0) throw new Error(`git archive ${hash} failed: ${archive.stderr}`);
  const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`tar -x failed: ${untar.stderr}`);
  const modules = join(repoRoot, 'node_modules');
  if (!existsSync(modules)) throw new Error('node_modules is missing: run `npm install` (the old build needs esbuild and katex)');
  symlinkSync(realpathSync(modules), join(dir, 'node_modules'));
  const build = spawnSync(process.execPath, ['web/scripts/build.mjs', '--no-debug', '--quiet'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error(`the build of ${hash.slice(0, 12)} failed (exit ${build.status})`);
  writeFileSync(stamp, `${hash}\n`);
  if (!built()) throw new Error(`the build of ${hash.slice(0, 12)} left no dist/index.html`);
  return { commit: hash, dir, dist, serve };
}

/**
 * Serves `root` with the server module `serveFile`; resolves to { url, origin, root, served,
 * close }. `served` lists every response the server finished: { path, status } in order (a
 * revalidated file is a 304 without a body, which the browser reports as a 200 from its cache).
 */
export async function serveWith(serveFile, root) {
  const serve = await import(pathToFileURL(serveFile).href);
  const server = await serve.startServer({ root, port: 0, host: '127.0.0.1', base: '/', csp: true, log: false });
  const served = [];
  server.server.on('request', (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    res.on('finish', () => served.push({ path, status: res.statusCode }));
  });
  return { url: server.url, origin: new URL(server.url).origin, root, served, close: () => Promise.resolve(server.close?.()) };
}

/** Starts both sites: { before: { name, label, url, ... }, after: {...}, close() }. */
export async function startSites({ beforeCommit = BEFORE_COMMIT } = {}) {
  const before = ensureBefore(beforeCommit);
  const snapshot = snapshotDist();
  const head = git(['rev-parse', '--short=7', 'HEAD']).trim();
  const dirty = git(['status', '--porcelain', '--', 'web', 'cpp', 'CMakeLists.txt']).trim() !== '';
  const servers = [];
  try {
    const b = await serveWith(before.serve, before.dist);
    servers.push(b);
    const a = await serveWith(join(repoRoot, 'web', 'scripts', 'serve.mjs'), snapshot.dir);
    servers.push(a);
    return {
      before: { name: 'before', label: `${before.commit.slice(0, 7)} (build/bench-before)`, commit: before.commit, ...b },
      after: { name: 'after', label: `${head}${dirty ? '+changes' : ''} (dist/)`, commit: head, ...a },
      async close() {
        await Promise.all(servers.map((s) => s.close()));
        snapshot.remove();
      },
    };
  } catch (error) {
    await Promise.all(servers.map((s) => s.close()));
    snapshot.remove();
    throw error;
  }
}

// ---- statistics
const sorted = (xs) => xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
/** The q-quantile, linear between ranks; NaN for no values. */
export function quantile(xs, q) {
  const s = sorted(xs);
  if (!s.length) return NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
}
export const median = (xs) => quantile(xs, 0.5);
export const min = (xs) => (sorted(xs).length ? sorted(xs)[0] : NaN);
export const max = (xs) => (sorted(xs).length ? sorted(xs).at(-1) : NaN);
/**
 * { median, min, max, n } of the finite values, and `values` as given (run order, NaN where a
 * load had none), so that two sides measured in the same rounds can be paired.
 */
export function summary(xs) {
  const values = xs.map((x) => (x === null || x === undefined ? NaN : x));
  return { median: median(values), min: min(values), max: max(values), n: sorted(values).length, values };
}

/** after/before per round (the two loads next to each other in time): { median, min, max, n }. */
export function paired(before, after) {
  const r = [];
  for (let i = 0; i < Math.min(before?.values?.length ?? 0, after?.values?.length ?? 0); i++) {
    const b = before.values[i];
    const a = after.values[i];
    if (Number.isFinite(a) && Number.isFinite(b) && b !== 0) r.push(a / b);
  }
  return { median: median(r), min: min(r), max: max(r), n: r.length };
}
