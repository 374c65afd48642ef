#!/usr/bin/env node
// npm run bench: ns per outcome for entropy, cross-entropy and KL at 10^3, 10^6 and 10^7
// outcomes — native C++ (tests/bench/native_bench.cpp), the WASM module in Node (dist/core.js,
// the public API: validation and the copy into WASM memory included) and a plain JavaScript loop
// over Math.log2 — on the same data, in one run; then dist/ sizes; then the reading page before
// (commit BEFORE_COMMIT, built once into build/bench-before/) and after (dist/), measured
// alternately in one run (tests/bench/page.mjs, tests/bench/lab.mjs).
//
//   node tests/bench/run.mjs [--sizes 1000,1000000] [--no-browser] [--runs 7] [--moves 240]
//                            [--lab-seconds 4] [--before <commit>] [--json]
//
// --json prints one JSON object (kernels, dist, page: the summary and every load's figures) on
// stdout; progress goes to stderr.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const nativeDir = join(root, 'build', 'native');
const argv = process.argv.slice(2);
const opt = (name, def) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : def);
const JSON_OUT = argv.includes('--json');
const sizesArg = opt('--sizes', null);
const SIZES = sizesArg ? sizesArg.split(',').map(Number) : [1e3, 1e6, 1e7];
const FUNCTIONS = ['entropy', 'cross_entropy', 'kl'];

function run(command, args, options = {}) {
  const r = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26, ...options });
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${r.status}):\n${r.stdout || ''}${r.stderr || ''}`);
  }
  return r.stdout;
}

// ---- data: the "lcg" generator of tests/fixtures (modulus 1000, offset 1), as native_bench.cpp
function lcgDistribution(n, seed) {
  const w = new Float64Array(n);
  let x = seed;
  let total = 0;
  for (let i = 0; i < n; i++) {
    x = (48271 * x) % 2147483647;
    w[i] = (x % 1000) + 1;
    total += w[i];
  }
  for (let i = 0; i < n; i++) w[i] /= total;
  return w;
}

// ---- timing: median of repeated calls (at least 5 and at least ~0.25 s), after one warm-up
function medianNsPerOutcome(n, call) {
  let value = call();
  const samples = [];
  let spent = 0;
  while (samples.length < 5 || (spent < 0.25e9 && samples.length < 1000)) {
    const start = process.hrtime.bigint();
    value = call();
    const ns = Number(process.hrtime.bigint() - start);
    spent += ns;
    samples.push(ns / n);
  }
  samples.sort((a, b) => a - b);
  return { ns: samples[samples.length >> 1], value };
}

// ---- plain JavaScript: the textbook loops over Math.log2, no validation, no compensation
const plain = {
  entropy(p) {
    let h = 0;
    for (let i = 0; i < p.length; i++) if (p[i] > 0) h -= p[i] * Math.log2(p[i]);
    return h;
  },
  cross_entropy(p, q) {
    let h = 0;
    for (let i = 0; i < p.length; i++) if (p[i] > 0) h -= p[i] * Math.log2(q[i]);
    return h;
  },
  kl(p, q) {
    let d = 0;
    for (let i = 0; i < p.length; i++) if (p[i] > 0) d += p[i] * Math.log2(p[i] / q[i]);
    return d;
  },
};

function nativeBench() {
  if (!existsSync(join(nativeDir, 'CMakeCache.txt'))) {
    run('cmake', ['-S', root, '-B', nativeDir, '-DCMAKE_BUILD_TYPE=Release']);
  }
  run('cmake', ['--build', nativeDir, '--target', 'bitruler_bench', '-j2']);
  const out = run(join(nativeDir, 'bitruler_bench'), SIZES.map(String));
  const line = out.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  return JSON.parse(line);
}

async function wasmAndPlainBench() {
  const { load } = await import(pathToFileURL(join(root, 'dist', 'core.js')).href);
  const api = await load();
  const wasmCalls = {
    entropy: (p) => api.entropy(p),
    cross_entropy: (p, q) => api.crossEntropy(p, q),
    kl: (p, q) => api.klDivergence(p, q),
  };
  const result = { wasm: {}, plain: {}, values: { wasm: {}, plain: {} } };
  for (const f of FUNCTIONS) {
    for (const table of [result.wasm, result.plain, result.values.wasm, result.values.plain]) table[f] = {};
  }
  for (const n of SIZES) {
    const p = lcgDistribution(n, 12345);
    const q = lcgDistribution(n, 67890);
    for (const f of FUNCTIONS) {
      const w = medianNsPerOutcome(n, () => wasmCalls[f](p, q));
      const j = medianNsPerOutcome(n, () => plain[f](p, q));
      result.wasm[f][n] = w.ns;
      result.plain[f][n] = j.ns;
      result.values.wasm[f][n] = w.value;
      result.values.plain[f][n] = j.value;
    }
  }
  return result;
}

function fmt(x, digits = 2) {
  if (x === undefined || Number.isNaN(x)) return '-';
  return x >= 100 ? x.toFixed(0) : x.toFixed(digits);
}
function pad(s, w) { return String(s).padStart(w); }

function printTable(native, js, log) {
  const label = { entropy: 'entropy', cross_entropy: 'cross-entropy', kl: 'KL' };
  const cols = ['function', 'n', 'native', 'wasm', 'plain JS', 'wasm/native', 'JS/wasm'];
  const widths = [14, 10, 9, 9, 9, 12, 9];
  log('\nns per outcome (median), lower is better; wasm = dist/core.js in Node, public API incl. copy-in');
  log(cols.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : pad(c, widths[i]))).join(' '));
  log(widths.map((w) => '-'.repeat(w)).join(' '));
  for (const f of FUNCTIONS) {
    for (const n of SIZES) {
      const nat = native[f]?.[n];
      const w = js.wasm[f][n];
      const j = js.plain[f][n];
      const row = [label[f].padEnd(widths[0]), pad(`10^${Math.round(Math.log10(n))}`, widths[1]),
        pad(fmt(nat), widths[2]), pad(fmt(w), widths[3]), pad(fmt(j), widths[4]),
        pad(nat ? `${fmt(w / nat)}x` : '-', widths[5]), pad(`${fmt(j / w)}x`, widths[6])];
      log(row.join(' '));
    }
  }
  // The three implementations computed the same quantities on the same doubles.
  let worst = 0;
  for (const f of FUNCTIONS) {
    for (const n of SIZES) {
      const ref = native.values?.[f]?.[n];
      const got = js.values.wasm[f][n];
      if (ref !== undefined) worst = Math.max(worst, Math.abs(got - ref) / Math.abs(ref));
    }
  }
  log(`\nwasm vs native values: largest relative difference ${worst.toExponential(2)}`);
  let plainWorst = 0;
  for (const f of FUNCTIONS) {
    for (const n of SIZES) {
      const a = js.values.wasm[f][n];
      plainWorst = Math.max(plainWorst, Math.abs(js.values.plain[f][n] - a) / Math.abs(a));
    }
  }
  log(`plain JS loop vs wasm values: largest relative difference ${plainWorst.toExponential(2)}`);
}

function distSizes(log) {
  const dist = join(root, 'dist');
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(dist);
  log('\ndist/ sizes (gzip -9; not all of them are fetched by the page: its own figures follow)');
  log(`${'file'.padEnd(28)} ${pad('raw', 10)} ${pad('gzip', 10)}`);
  let raw = 0;
  let gz = 0;
  const list = [];
  for (const file of files.sort()) {
    const body = readFileSync(file);
    const g = gzipSync(body, { level: 9 }).length;
    const rel = relative(dist, file);
    if (!rel.startsWith('debug/')) { raw += body.length; gz += g; }
    list.push({ file: rel, raw: body.length, gz: g });
    log(`${rel.padEnd(28)} ${pad(body.length.toLocaleString('en'), 10)} ${pad(g.toLocaleString('en'), 10)}`);
  }
  log(`${'total (without debug/)'.padEnd(28)} ${pad(raw.toLocaleString('en'), 10)} ${pad(gz.toLocaleString('en'), 10)}`);
  return list;
}

async function main() {
  // the table goes to stdout, or to stderr when stdout carries the JSON
  const log = JSON_OUT ? (...a) => console.error(...a) : (...a) => console.log(...a);
  const native = nativeBench();
  const js = await wasmAndPlainBench();
  printTable(native, js, log);
  const dist = distSizes(log);
  let page = null;
  let outcomes = null;
  if (!argv.includes('--no-browser')) {
    const { runPageBench, summarizePageBench, formatPageBench } = await import('./page.mjs');
    const { BEFORE_COMMIT } = await import('./sites.mjs');
    log('\n=== the reading page, before and after (tests/bench/page.mjs)');
    const raw = await runPageBench({
      runs: Number(opt('--runs', 7)),
      moves: Number(opt('--moves', 240)),
      labSeconds: Number(opt('--lab-seconds', 4)),
      beforeCommit: opt('--before', BEFORE_COMMIT),
      progress: (line) => console.error(`  ${line}`),
    });
    page = summarizePageBench(raw);
    log(`\n${formatPageBench(page)}`);
    page.runs = raw.runs;
    const { outcomesBench, formatOutcomes } = await import('./outcomes.mjs');
    log('\n=== editing long distributions: the outcome limit (tests/bench/outcomes.mjs)');
    outcomes = await outcomesBench();
    log(formatOutcomes(outcomes));
  }
  if (JSON_OUT) {
    console.log(JSON.stringify({ kernels: { native, wasm: js.wasm, plain: js.plain, values: js.values }, dist, page, outcomes }, null, 1));
  }
}

main().catch((error) => {
  console.error(error.stack || error);
  process.exit(1);
});
