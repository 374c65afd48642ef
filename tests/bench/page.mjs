#!/usr/bin/env node
// The reading page before and after (tests/bench/sites.mjs): the same measurements on both, in
// one run, alternating (before, after, then after, before, ...), each on a cold load (a fresh
// browser context: empty cache). Headless Chromium (Debian's), 1280 × 900, device scale 1, zh-CN,
// light scheme. Run by `npm run bench` (tests/bench/run.mjs), or alone after the build:
//
//   node tests/bench/page.mjs [--runs 7] [--moves 240] [--lab-seconds 4] [--before <commit>] [--json]
//
// One cold load:
//  1. navigation, then until the network has been quiet for 700 ms (`load` first);
//  2. the reader scrolls to the bottom, half a viewport every 120 ms; then until every <bit-*> is
//     interactive and the network quiet again. Recorded meanwhile (an init script, before any of
//     the page's): first-contentful-paint; for each element the time it became interactive
//     (customElements.whenDefined + updateComplete for a Lit element, else its first `change`),
//     its first `change`, and when it first entered the viewport (IntersectionObserver);
//     layout shifts; long tasks ('longtask', >= 50 ms) and long animation frames (for the script
//     behind the longest); every response, with its end time (resource timing in the page, the
//     browser's request timing for a worker's) and its body gzipped at level 9;
//  3. the drag (dragLatency below) on <bit-entropy id="eight">, then the same drag again traced
//     (main-thread busy share and what its time goes to; not timed);
//  4. the lab (tests/bench/lab.mjs) at N = 100,000.
// The summary gives medians (min…max) per page, after/before of the medians, and "paired":
// after/before within each round (the two loads close in time), steadier on a shared machine.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../browser/helpers.mjs';
import { BEFORE_COMMIT, max, median, paired, quantile, startSites, summary } from './sites.mjs';
import { TRACE_CATEGORIES, analyseTrace, measureLab } from './lab.mjs';

export const VIEWPORT = { width: 1280, height: 900 };
const QUIET_MS = 700;
const SCROLL_STEP = 0.5;  // of the viewport's height
const SCROLL_EVERY_MS = 120;
const INPUT_HZ = 120;
const FRAME_BUDGET_MS = 16;
const LONG_TASK_MS = 50;

// ------------------------------------------------------------------ in the page, before its scripts
function instrument() {
  const B = { cls: [], longtasks: [], loafs: [], firstChange: null, change: {}, interactive: {}, entered: {}, tags: {}, order: [] };
  globalThis.__bench = B;
  const now = () => performance.now();
  const keyOf = (el) => el.id || el.localName;
  const describe = (node) => {
    for (let n = node; n; n = n.parentNode || n.host) {
      if (n.localName?.startsWith('bit-')) return `${n.localName}#${n.id}`;
      if (n.id) return `#${n.id}`;
    }
    return node?.nodeName?.toLowerCase() ?? null;
  };
  const observe = (type, fn) => {
    try { new PerformanceObserver((list) => list.getEntries().forEach(fn)).observe({ type, buffered: true }); } catch { /* unsupported */ }
  };
  observe('layout-shift', (e) => B.cls.push({ t: e.startTime, value: e.value, input: e.hadRecentInput, sources: (e.sources ?? []).map((s) => describe(s.node)) }));
  observe('longtask', (e) => B.longtasks.push({ t: e.startTime, d: e.duration }));
  observe('long-animation-frame', (e) => B.loafs.push({
    t: e.startTime,
    d: e.duration,
    layoutStart: e.styleAndLayoutStart,
    scripts: (e.scripts ?? []).map((s) => ({ d: s.duration, src: (s.sourceURL || '').split('/').pop(), fn: s.sourceFunctionName, invoker: s.invoker })),
  }));
  document.addEventListener('change', (e) => {
    const el = e.target;
    if (!el?.localName?.startsWith('bit-')) return;
    const t = now();
    if (B.firstChange === null) B.firstChange = t;
    if (!(keyOf(el) in B.change)) B.change[keyOf(el)] = t;
  }, true);
  document.addEventListener('DOMContentLoaded', () => {
    const seen = new IntersectionObserver((entries) => {
      for (const e of entries) if (e.isIntersecting && !(keyOf(e.target) in B.entered)) B.entered[keyOf(e.target)] = e.time;
    });
    // the project's tags (a walk over every node costs the page ~10 ms at this point)
    const tags = ['bit-surprisal', 'bit-additivity', 'bit-entropy', 'bit-cross-entropy', 'bit-kl', 'bit-ruler', 'bit-learning'];
    for (const el of document.body.querySelectorAll(tags.join(','))) {
      const k = keyOf(el);
      B.tags[k] = el.localName;
      B.order.push(k);
      seen.observe(el);
      customElements.whenDefined(el.localName).then(async () => {
        if (!el.updateComplete) return; // not a Lit element: its first change says it is ready
        await el.updateComplete;
        if (!(k in B.interactive)) B.interactive[k] = now();
      });
    }
  });
}

// ------------------------------------------------------------------ network log
function networkLog(context) {
  const log = { requests: [], inflight: 0, last: Date.now(), failed: [], errors: [] };
  context.on('request', (r) => {
    if (r.url().startsWith('data:')) return;
    log.inflight += 1;
    log.last = Date.now();
    log.requests.push(r);
  });
  const done = () => { log.inflight = Math.max(0, log.inflight - 1); log.last = Date.now(); };
  context.on('requestfinished', done);
  context.on('requestfailed', (r) => { done(); if (!r.url().startsWith('data:')) log.failed.push(`${r.url()} ${r.failure()?.errorText}`); });
  return log;
}

async function networkQuiet(page, log, quietMs = QUIET_MS, timeout = 30000) {
  const end = Date.now() + timeout;
  for (;;) {
    if (log.inflight === 0 && Date.now() - log.last >= quietMs) return;
    if (Date.now() > end) throw new Error(`the network did not go quiet within ${timeout} ms (${log.inflight} requests in flight)`);
    await page.waitForTimeout(50);
  }
}

const gzCache = new Map();
/** A served file's size and gzip -9 size, from the site's folder (computed once per file). */
function fileSizes(site, path) {
  const file = join(site.root, decodeURIComponent(path === '/' ? '/index.html' : path));
  const key = `${site.name}:${file}`;
  if (!gzCache.has(key)) {
    const body = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
    gzCache.set(key, { raw: body.length, gz: gzipSync(body, { level: 9 }).length });
  }
  return gzCache.get(key);
}

/**
 * Every request of `requests` as { path, status, type, raw, gz, end }. `status` is what the
 * server sent (from site.served from index `servedFrom` on, matched by path in order): only a 200
 * carries a body (raw, gz); a 304 or a request the browser's cache answered (no server entry)
 * counts 0 bytes. `end` is in the page's time (ms after navigation start): main-frame resources
 * take it from resource timing (`timing`, the page's entries by URL, in order), a worker's from
 * the browser's request timing.
 */
function describeRequests(site, requests, servedFrom, timing, timeOrigin) {
  const byUrl = new Map();
  for (const e of timing) {
    if (!byUrl.has(e.name)) byUrl.set(e.name, []);
    byUrl.get(e.name).push(e.end);
  }
  const byPath = new Map();
  for (const e of site.served.slice(servedFrom)) {
    if (!byPath.has(e.path)) byPath.set(e.path, []);
    byPath.get(e.path).push(e.status);
  }
  const out = [];
  for (const r of requests) {
    const url = new URL(r.url());
    if (url.origin !== site.origin) continue;
    const status = byPath.get(url.pathname)?.shift() ?? 'cache';
    const t = r.timing();
    const browserEnd = t.responseEnd >= 0 ? t.startTime + t.responseEnd - timeOrigin : NaN;
    const end = byUrl.get(r.url())?.shift() ?? browserEnd;
    const sizes = status === 200 ? fileSizes(site, url.pathname) : { raw: 0, gz: 0 };
    out.push({ path: url.pathname === '/' ? '/index.html' : url.pathname, status, type: r.resourceType(), ...sizes, end });
  }
  return out;
}

// ------------------------------------------------------------------ one cold load
async function coldLoad(browser, site) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, colorScheme: 'light', locale: 'zh-CN', reducedMotion: 'no-preference' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(instrument);
  const log = networkLog(context);
  const servedFrom = site.served.length;
  await page.goto(site.url, { waitUntil: 'load' });
  await networkQuiet(page, log);
  const scroll = await page.evaluate(async ({ step, every }) => {
    const start = performance.now();
    const by = Math.round(innerHeight * step);
    for (let y = by; ; y += by) {
      scrollTo({ top: y, behavior: 'instant' });
      await new Promise((r) => setTimeout(r, every));
      if (scrollY + innerHeight >= document.documentElement.scrollHeight - 1) break;
    }
    return { start, end: performance.now(), height: document.documentElement.scrollHeight };
  }, { step: SCROLL_STEP, every: SCROLL_EVERY_MS });
  const allReady = await page.waitForFunction(() => {
    const B = globalThis.__bench;
    return B.order.length > 0 && B.order.every((k) => k in B.interactive || k in B.change);
  }, null, { timeout: 30000, polling: 100 }).then(() => true, () => false);
  await networkQuiet(page, log);
  const state = await page.evaluate(() => {
    const B = globalThis.__bench;
    return {
      timeOrigin: performance.timeOrigin,
      now: performance.now(),
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      load: performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? null,
      timing: [
        ...performance.getEntriesByType('navigation').map((e) => ({ name: e.name, end: e.responseEnd })),
        ...performance.getEntriesByType('resource').map((e) => ({ name: e.name, end: e.responseEnd })),
      ],
      bench: JSON.parse(JSON.stringify(B)),
    };
  });
  const loadRequests = log.requests.length;
  const files = describeRequests(site, log.requests.slice(0, loadRequests), servedFrom, state.timing, state.timeOrigin);
  if (log.failed.length) problems.push(...log.failed.map((f) => `request failed: ${f}`));
  if (!allReady) {
    const missing = state.bench.order.filter((k) => !(k in state.bench.interactive) && !(k in state.bench.change));
    problems.push(`not interactive 30 s after the scroll: ${missing.join(', ')}`);
  }
  return { context, page, log, loadRequests, state, files, scroll, problems };
}

/** The figures of one load (times in ms after navigation start). */
function loadFigures(load) {
  const { state, files, scroll } = load;
  const B = state.bench;
  const elements = {};
  for (const k of B.order) {
    const interactive = B.interactive[k] ?? B.change[k] ?? null;
    elements[k] = {
      tag: B.tags[k],
      interactive,
      change: B.change[k] ?? null,
      entered: B.entered[k] ?? null,
      afterEntering: interactive !== null && B.entered[k] != null ? interactive - B.entered[k] : null,
      aboveFold: B.entered[k] != null && B.entered[k] < scroll.start,
    };
  }
  const times = Object.values(elements).map((e) => e.interactive).filter((t) => t !== null);
  const firstInteractive = times.length ? Math.min(...times) : null;
  const fold = Object.values(elements).filter((e) => e.aboveFold);
  const foldReady = fold.length && fold.every((e) => e.interactive !== null) ? Math.max(...fold.map((e) => e.interactive)) : null;
  const bytesUntil = (t) => (t === null ? null : files.filter((f) => f.end <= t).reduce((s, f) => s + f.gz, 0));
  const requestsUntil = (t) => (t === null ? null : files.filter((f) => f.end <= t).length);
  const shifts = B.cls.filter((e) => !e.input);
  // web-vitals' CLS: the largest session window (shifts < 1 s apart, a window at most 5 s long)
  let windowSum = 0;
  let windowStart = -Infinity;
  let last = -Infinity;
  let cls = 0;
  for (const s of shifts) {
    if (s.t - last > 1000 || s.t - windowStart > 5000) { windowSum = 0; windowStart = s.t; }
    windowSum += s.value;
    last = s.t;
    cls = Math.max(cls, windowSum);
  }
  const biggestShift = shifts.reduce((a, s) => (a && a.value >= s.value ? a : s), null);
  const longtasks = B.longtasks.filter((e) => e.t <= state.now);
  const longest = longtasks.reduce((a, e) => (a && a.d >= e.d ? a : e), null);
  const loaf = longest ? B.loafs.filter((f) => f.t <= longest.t + longest.d && f.t + f.d >= longest.t).sort((x, y) => y.d - x.d)[0] : null;
  const script = loaf?.scripts?.sort((x, y) => y.d - x.d)[0] ?? null;
  return {
    fcp: state.fcp,
    loadEvent: state.load,
    firstChange: B.firstChange,
    firstInteractive,
    aboveFoldInteractive: foldReady,
    aboveFold: Object.keys(elements).filter((k) => elements[k].aboveFold),
    height: scroll.height,
    bytes: {
      firstPaint: bytesUntil(state.fcp),
      firstInteractive: bytesUntil(firstInteractive),
      firstChange: bytesUntil(B.firstChange),
      total: files.reduce((s, f) => s + f.gz, 0),
      totalRaw: files.reduce((s, f) => s + f.raw, 0),
    },
    requests: { firstPaint: requestsUntil(state.fcp), firstChange: requestsUntil(B.firstChange), total: files.length },
    cls,
    clsSum: shifts.reduce((s, e) => s + e.value, 0),
    biggestShift: biggestShift ? { t: biggestShift.t, value: biggestShift.value, sources: biggestShift.sources } : null,
    longTasks: longtasks.length,
    longestTask: longest ? longest.d : 0,
    longestTaskAt: longest ? longest.t : null,
    longestTaskScript: script ? (() => {
      const invoker = String(script.invoker ?? '').split('/').pop();
      return `${script.src || '?'}${script.fn ? ` ${script.fn}` : ''}${invoker && invoker !== script.src ? ` (${invoker})` : ''}, ${Math.round(script.d)} ms`;
    })() : null,
    blockingTime: longtasks.reduce((s, e) => s + Math.max(0, e.d - LONG_TASK_MS), 0),
    elements,
    files: files.map((f) => ({ ...f, phase: f.end <= state.fcp ? 'paint' : B.firstChange !== null && f.end <= B.firstChange ? 'answer' : 'later' })),
  };
}

// ------------------------------------------------------------------ the drag
/**
 * Drags in <bit-entropy id="eight"> with real mouse events (CDP), INPUT_HZ a second, `moves` of
 * them, back and forth at 4 px per event. Where the sliders are <rect>s side by side (the new
 * blocks, one per team, as wide as its probability) the boundary between the 3rd and 4th is
 * dragged sideways; bars (the old page) are dragged along their length, the 3rd bar (as the old
 * bench did).
 *
 * For each pointermove: t0 = its timeStamp (Chromium sends one pointermove per frame with the
 * moves since the last as coalesced events; t0first = the oldest of those), the first change to
 * the element's shadow DOM after its handler (MutationObserver), and the end of the frame that
 * carries that change. Frames are followed by a rAF loop: each frame's callback posts a message,
 * which runs once the frame's rendering (style, layout, paint) is done, so "frame" = the time the
 * main thread has finished the first frame after the DOM change (the compositor still has to put
 * it on screen). A pointermove whose frame carries no change (the value did not move on the
 * element's grid) is counted apart.
 */
async function dragLatency(page, moves, { trace = null } = {}) {
  await page.$eval('#eight', (el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }));
  await page.waitForTimeout(300);
  const geometry = await page.$eval('#eight', (el) => [...el.shadowRoot.querySelectorAll('[role="slider"]')].map((b) => {
    const r = b.getBoundingClientRect();
    return { x: r.x, y: r.y, w: r.width, h: r.height, tag: b.localName };
  }));
  if (geometry.length < 8) throw new Error(`#eight has ${geometry.length} role=slider parts; expected 8`);
  // the new blocks are <rect>s side by side; the old bars are <g>s (bar, value and a hit area)
  const touching = geometry.every((g) => g.tag === 'rect')
    && geometry.slice(0, -1).every((g, i) => Math.abs(g.x + g.w - geometry[i + 1].x) < 2);
  let at;
  let mode;
  if (touching) {
    mode = 'boundary';
    const [a, b] = [geometry[2], geometry[3]];
    const amplitude = 0.4 * Math.min(a.w, b.w);
    const x0 = a.x + a.w;
    const y0 = Math.max(a.y, b.y) + Math.min(a.h, b.h) / 2;
    at = (d) => [x0 + d * amplitude, y0];
    at.amplitude = amplitude;
  } else {
    mode = 'bar';
    const bar = geometry[2];
    const vertical = bar.h >= bar.w;
    const amplitude = Math.max(40, (vertical ? bar.h : bar.w) * 0.8) / 2;
    const cx = bar.x + bar.w / 2;
    const cy = bar.y + bar.h / 2;
    at = (d) => (vertical ? [cx, cy + d * amplitude] : [cx + d * amplitude, cy]);
    at.amplitude = amplitude;
  }
  await page.$eval('#eight', (el) => {
    const D = { samples: [], muts: [], frames: [], on: true };
    globalThis.__drag = D;
    const channel = new MessageChannel();
    channel.port1.onmessage = (e) => { const f = D.frames[e.data]; if (f.end === null) f.end = performance.now(); };
    const loop = () => {
      if (!D.on) return;
      const i = D.frames.push({ raf: performance.now(), end: null }) - 1;
      channel.port2.postMessage(i);
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
    el.addEventListener('pointermove', (e) => {
      if (!e.buttons || !D.on) return;
      const c = e.getCoalescedEvents?.() ?? [];
      D.samples.push({ t0: e.timeStamp, t0first: c.length ? c[0].timeStamp : e.timeStamp, n: Math.max(1, c.length), handler: performance.now() });
    }, { capture: true });
    new MutationObserver(() => { if (D.on) D.muts.push(performance.now()); })
      .observe(el.shadowRoot, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  // 4 px per event: a triangle wave between -1 and 1 in steps of 4 / amplitude
  const step = 4 / at.amplitude;
  let d = 0;
  let dir = 1;
  const [sx, sy] = at(0);
  await page.mouse.move(sx, sy);
  await page.waitForTimeout(50);
  await page.mouse.down();
  if (trace) {
    await trace.browser.startTracing(page, { categories: TRACE_CATEGORIES });
    await page.evaluate(() => performance.mark('bench-drag-start'));
  }
  const pending = [];
  const t0 = performance.now();
  for (let i = 1; i <= moves; i++) {
    const due = t0 + (i * 1000) / INPUT_HZ;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    d += dir * step;
    if (d > 1) { d = 2 - d; dir = -1; } else if (d < -1) { d = -2 - d; dir = 1; }
    const [x, y] = at(d);
    pending.push(page.mouse.move(x, y));
  }
  await Promise.all(pending);
  let traced = null;
  if (trace) {
    await page.evaluate(() => performance.mark('bench-drag-end'));
    traced = analyseTrace(await trace.browser.stopTracing(), 'bench-drag-start', 'bench-drag-end');
  }
  await page.mouse.up();
  await page.waitForTimeout(300);
  const D = await page.evaluate(() => {
    const D = globalThis.__drag;
    D.on = false;
    const from = D.samples[0]?.handler ?? Infinity;
    const to = D.samples.at(-1)?.handler ?? -Infinity;
    D.loafs = globalThis.__bench.loafs.filter((f) => f.t + f.d >= from && f.t <= to);
    return D;
  });
  const frames = D.frames.filter((f) => f.end !== null).sort((a, b) => a.end - b.end);
  const muts = D.muts.sort((a, b) => a - b);
  const done = [];
  let unchanged = 0;
  for (const s of D.samples) {
    const frame = frames.find((f) => f.end > s.handler);
    if (!frame) continue;
    const m = muts.find((t) => t >= s.handler && t <= frame.end);
    if (m === undefined) { unchanged += 1; continue; }
    done.push({ toFrame: frame.end - s.t0, toFrameFirst: frame.end - s.t0first, toDom: m - s.t0, handlerToDom: m - s.handler, queued: s.handler - s.t0 });
  }
  const inputs = D.samples.reduce((a, s) => a + s.n, 0);
  const span = D.samples.length > 1 ? D.samples.at(-1).t0 - D.samples[0].t0 : NaN;
  if (done.length < D.samples.length / 3) {
    throw new Error(`only ${done.length} of ${D.samples.length} pointer moves changed #eight (${mode} drag); the drag did not take`);
  }
  const framesIn = frames.filter((f) => f.raf >= D.samples[0]?.handler && f.raf <= D.samples.at(-1)?.handler);
  const gaps = framesIn.slice(1).map((f, i) => f.raf - framesIn[i].raf);
  if (traced) return { traced, frames: gaps.length + 1 };
  return {
    mode,
    pointermoves: D.samples.length,
    changed: done.length,
    unchanged,
    inputHz: ((inputs - 1) * 1000) / span,
    pointermoveHz: ((D.samples.length - 1) * 1000) / span,
    framesOver: gaps.filter((g) => g > 1.5 * (1000 / 60)).length,
    // long animation frames (>= 50 ms): how many, the longest, and the part of their time spent
    // from style and layout on (style, layout, paint) rather than in script before it
    longFrames: D.loafs.length,
    longFrameMax: D.loafs.reduce((m, f) => Math.max(m, f.d), 0),
    longFrameRendering: D.loafs.reduce((a, f) => a + (f.layoutStart > 0 ? f.t + f.d - f.layoutStart : 0), 0),
    longFrameTotal: D.loafs.reduce((a, f) => a + f.d, 0),
    frames: gaps.length,
    toFrame: done.map((s) => s.toFrame),
    toFrameFirst: done.map((s) => s.toFrameFirst),
    toDom: done.map((s) => s.toDom),
    handlerToDom: done.map((s) => s.handlerToDom),
    queued: done.map((s) => s.queued),
  };
}

// ------------------------------------------------------------------ the run
async function oneRun(browser, site, { moves, labSeconds }) {
  const load = await coldLoad(browser, site);
  try {
    if (load.problems.length) throw new Error(`${site.name}: ${load.problems.join('\n')}`);
    const figures = loadFigures(load);
    const drag = moves > 0 ? await dragLatency(load.page, moves) : null;
    if (drag) {
      // the same drag again, traced (not timed: tracing slows the page a little), for what its
      // main-thread time goes to
      const again = await dragLatency(load.page, Math.min(moves, 120), { trace: { browser } });
      drag.traced = again.traced;
      drag.tracedFrames = again.frames;
    }
    let lab = null;
    if (labSeconds > 0) {
      const before = load.log.requests.length;
      const servedFrom = site.served.length;
      lab = await measureLab(browser, load.page, { seconds: labSeconds });
      await networkQuiet(load.page, load.log, 300);
      const timing = await load.page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({ name: e.name, end: e.responseEnd })));
      const extra = describeRequests(site, load.log.requests.slice(before), servedFrom, timing, load.state.timeOrigin);
      lab.requests = extra.map((f) => `${f.path} ${f.status}`);
      lab.bytes = extra.reduce((s, f) => s + f.gz, 0);
    }
    return { ...figures, drag, lab };
  } finally {
    await load.context.close();
  }
}

/**
 * Runs `runs` rounds; in each, one cold load of each site (the order alternates). Resolves to
 * { config, sites, runs: { before: [...], after: [...] } }: every load's figures.
 */
export async function runPageBench({ runs = 7, moves = 240, labSeconds = 4, beforeCommit = BEFORE_COMMIT, progress = () => {} } = {}) {
  const sites = await startSites({ beforeCommit });
  const browser = await launchBrowser();
  const out = { before: [], after: [] };
  try {
    for (let i = 0; i < runs; i++) {
      for (const name of i % 2 ? ['after', 'before'] : ['before', 'after']) {
        const r = await oneRun(browser, sites[name], { moves, labSeconds });
        out[name].push(r);
        progress(`${name} ${i + 1}/${runs}: fcp ${Math.round(r.fcp)} ms, ${r.bytes.total} B gz${r.drag ? `, drag p95 ${quantile(r.drag.toFrame, 0.95).toFixed(1)} ms` : ''}${r.lab ? `, lab ${Math.round(r.lab.stepsPerSecond)} steps/s` : ''}`);
      }
    }
    return {
      config: { runs, moves, inputHz: INPUT_HZ, labSeconds, viewport: VIEWPORT, scroll: `${SCROLL_STEP} viewport every ${SCROLL_EVERY_MS} ms`, chromium: browser.version() },
      sites: { before: { commit: sites.before.commit, label: sites.before.label }, after: { commit: sites.after.commit, label: sites.after.label } },
      runs: out,
    };
  } finally {
    await browser.close();
    await sites.close();
  }
}

// ------------------------------------------------------------------ summary and table
/** One figure of every load, in run order (NaN where a load has none). */
const pick = (loads, f) => loads.map(f).map((x) => (x === null || x === undefined || !Number.isFinite(x) ? NaN : x));

/** Medians with spread of every figure, and the after/before ratios. */
export function summarizePageBench(result) {
  const side = (loads) => {
    const ids = [...new Set(loads.flatMap((l) => Object.keys(l.elements)))];
    const elements = {};
    for (const k of ids) {
      elements[k] = {
        tag: loads.find((l) => l.elements[k])?.elements[k].tag,
        aboveFold: loads.every((l) => l.elements[k]?.aboveFold),
        interactive: summary(pick(loads, (l) => l.elements[k]?.interactive)),
        afterEntering: summary(pick(loads, (l) => l.elements[k]?.afterEntering)),
      };
    }
    const drags = loads.map((l) => l.drag).filter(Boolean);
    const all = (key) => drags.flatMap((d) => d[key]);
    const labs = loads.map((l) => l.lab).filter(Boolean);
    // files: the last load's list (the same files every time), biggest first
    const files = [...(loads.at(-1)?.files ?? [])].sort((a, b) => b.gz - a.gz);
    return {
      fcp: summary(pick(loads, (l) => l.fcp)),
      firstInteractive: summary(pick(loads, (l) => l.firstInteractive)),
      firstChange: summary(pick(loads, (l) => l.firstChange)),
      aboveFoldInteractive: summary(pick(loads, (l) => l.aboveFoldInteractive)),
      aboveFold: loads[0]?.aboveFold ?? [],
      height: loads[0]?.height,
      bytes: {
        firstPaint: summary(pick(loads, (l) => l.bytes.firstPaint)),
        firstInteractive: summary(pick(loads, (l) => l.bytes.firstInteractive)),
        firstChange: summary(pick(loads, (l) => l.bytes.firstChange)),
        total: summary(pick(loads, (l) => l.bytes.total)),
        totalRaw: summary(pick(loads, (l) => l.bytes.totalRaw)),
      },
      requests: {
        firstPaint: summary(pick(loads, (l) => l.requests.firstPaint)),
        total: summary(pick(loads, (l) => l.requests.total)),
      },
      cls: summary(pick(loads, (l) => l.cls)),
      clsSum: summary(pick(loads, (l) => l.clsSum)),
      biggestShift: loads.map((l) => l.biggestShift).filter(Boolean).sort((a, b) => b.value - a.value)[0] ?? null,
      longTasks: summary(pick(loads, (l) => l.longTasks)),
      longestTask: summary(pick(loads, (l) => l.longestTask)),
      longestTaskScript: loads.filter((l) => l.longestTaskScript).sort((a, b) => b.longestTask - a.longestTask)[0]?.longestTaskScript ?? null,
      blockingTime: summary(pick(loads, (l) => l.blockingTime)),
      elements,
      files,
      // the last load's files that arrived before its first calculator was interactive, in order
      waterfall: (() => {
        const l = loads.at(-1);
        if (!l || l.firstInteractive === null) return [];
        return l.files.filter((f) => f.end <= l.firstInteractive).sort((a, b) => a.end - b.end)
          .map((f) => ({ path: f.path, end: f.end, gz: f.gz })).concat([{ path: '(first interactive)', end: l.firstInteractive, gz: 0 }]);
      })(),
      drag: drags.length ? {
        mode: drags[0].mode,
        pointermoves: drags.reduce((s, d) => s + d.pointermoves, 0),
        changed: drags.reduce((s, d) => s + d.changed, 0),
        inputHz: median(drags.map((d) => d.inputHz)),
        pointermoveHz: median(drags.map((d) => d.pointermoveHz)),
        p50: quantile(all('toFrame'), 0.5),
        p95: quantile(all('toFrame'), 0.95),
        p95PerLoad: summary(loads.map((l) => (l.drag ? quantile(l.drag.toFrame, 0.95) : NaN))),
        p50First: quantile(all('toFrameFirst'), 0.5),
        p95First: quantile(all('toFrameFirst'), 0.95),
        domP50: quantile(all('toDom'), 0.5),
        domP95: quantile(all('toDom'), 0.95),
        workP50: quantile(all('handlerToDom'), 0.5),
        workP95: quantile(all('handlerToDom'), 0.95),
        queuedP50: quantile(all('queued'), 0.5),
        worst: max(all('toFrame')),
        within16: all('toFrame').filter((x) => x <= FRAME_BUDGET_MS).length / Math.max(1, all('toFrame').length),
        framesOver: drags.reduce((s, d) => s + d.framesOver, 0),
        frames: drags.reduce((s, d) => s + d.frames, 0),
        longFrames: drags.reduce((s, d) => s + d.longFrames, 0),
        longFrameMax: max(drags.map((d) => d.longFrameMax)),
        longFrameRenderingShare: drags.reduce((s, d) => s + d.longFrameRendering, 0) / Math.max(1e-9, drags.reduce((s, d) => s + d.longFrameTotal, 0)),
        p50PerLoad: summary(loads.map((l) => (l.drag ? quantile(l.drag.toFrame, 0.5) : NaN))),
        traced: drags.some((d) => d.traced) ? {
          mainBusyShare: summary(pick(drags, (d) => d.traced?.mainBusyShare)),
          mainLongestMs: summary(pick(drags, (d) => d.traced?.mainLongestMs)),
          mainPerSecond: Object.fromEntries(Object.keys(drags.find((d) => d.traced).traced.mainByKind).map((k) => [k, median(pick(drags, (d) => (d.traced ? (d.traced.mainByKind[k] * 1000) / d.traced.windowMs : NaN)))])),
        } : null,
      } : null,
      lab: labs.length ? {
        stepsPerSecond: summary(pick(loads, (l) => l.lab?.stepsPerSecond)),
        mainBusyShare: summary(pick(loads, (l) => l.lab?.mainBusyShare)),
        workerBusyShare: labs.some((l) => l.workerBusyShare !== null) ? summary(pick(loads, (l) => l.lab?.workerBusyShare)) : null,
        mainLongestMs: summary(pick(loads, (l) => l.lab?.mainLongestMs)),
        // ms of main-thread time per second of training, by kind (medians over the loads)
        mainPerSecond: Object.fromEntries(Object.keys(labs[0].mainByKind).map((k) => [k, median(labs.map((l) => (l.mainByKind[k] * 1000) / l.windowMs))])),
        mainTasksOver50: summary(pick(loads, (l) => l.lab?.mainTasksOver50)),
        longtasks: summary(pick(loads, (l) => l.lab?.longtasks)),
        switchLongtaskMs: summary(pick(loads, (l) => l.lab?.switchLongtaskMs)),
        bytes: summary(pick(loads, (l) => l.lab?.bytes)),
        requests: labs[0].requests,
        stoppedEarly: labs.filter((l) => l.stoppedEarly).length,
      } : null,
    };
  };
  return { config: result.config, sites: result.sites, before: side(result.runs.before), after: side(result.runs.after) };
}

const ms = (x) => (Number.isFinite(x) ? `${Math.abs(x) < 10 ? x.toFixed(1) : Math.round(x)} ms` : '–');
const kib = (b) => (Number.isFinite(b) ? `${(b / 1024).toFixed(1)} KiB` : '–');
const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(0)} %` : '–');
const num = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '–');
/** "median (min…max)" in the unit of f, the unit written once. */
const spread = (s, f) => {
  if (!s || !s.n) return '–';
  if (s.n === 1 || s.min === s.max) return f(s.median);
  const [m, unit = ''] = f(s.median).split(' ');
  return `${m} (${f(s.min).split(' ')[0]}…${f(s.max).split(' ')[0]})${unit ? ` ${unit}` : ''}`;
};
const kinds = (p) => ['script', 'style', 'layout', 'paint', 'gc', 'other'].map((k) => Math.round(p[k])).join(' / ');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && a !== 0 ? `${(b / a).toFixed(2)}×` : a === 0 && b === 0 ? '=' : '–');

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  const line = (r) => `| ${r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w, c) => (c === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

export function formatPageBench(summaryResult) {
  const { config, sites, before: B, after: A } = summaryResult;
  const out = [];
  out.push(`Reading page, before = ${sites.before.label} vs after = ${sites.after.label}`);
  out.push(`${config.runs} rounds, each a cold load of both pages (order alternating); Chromium ${config.chromium} headless, ${config.viewport.width}×${config.viewport.height}, zh-CN, light; scroll ${config.scroll}.`);
  out.push('Times in ms after navigation start: median (min…max over the loads). Bytes: every response body the server sent, gzipped -9.');
  out.push('after/before: of the medians; paired: the median (min…max) of after/before within each round.');
  out.push('');
  const pairedText = (b, a) => {
    const p = paired(b, a);
    if (!p.n) return '';
    return p.n > 1 && p.min !== p.max ? `${p.median.toFixed(2)} (${p.min.toFixed(2)}…${p.max.toFixed(2)})` : p.median.toFixed(2);
  };
  const row = (label, b, a, f, r = true) => [label, spread(b, f), spread(a, f), r ? ratio(b?.median, a?.median) : '', r ? pairedText(b, a) : ''];
  const plain = (label, b, a, r = '', p = '') => [label, b, a, r, p];
  const rows = [['measure', 'before', 'after', 'after/before', 'paired']];
  rows.push(row('bytes before first paint (FCP)', B.bytes.firstPaint, A.bytes.firstPaint, kib));
  rows.push(row('bytes before the first calculator is interactive', B.bytes.firstInteractive, A.bytes.firstInteractive, kib));
  rows.push(row('bytes before the first calculator answers (change)', B.bytes.firstChange, A.bytes.firstChange, kib));
  rows.push(row('bytes in all, scrolled to the bottom, all loaded', B.bytes.total, A.bytes.total, kib));
  rows.push(plain('  requests before first paint / in all', `${num(B.requests.firstPaint.median)} / ${num(B.requests.total.median)}`, `${num(A.requests.firstPaint.median)} / ${num(A.requests.total.median)}`));
  rows.push(row('first contentful paint', B.fcp, A.fcp, ms));
  rows.push(row('first calculator interactive', B.firstInteractive, A.firstInteractive, ms));
  rows.push(row('first calculator answers (change)', B.firstChange, A.firstChange, ms));
  rows.push(row(`all above the fold interactive (${B.aboveFold.length} / ${A.aboveFold.length} elements)`, B.aboveFoldInteractive, A.aboveFoldInteractive, ms));
  rows.push(row('layout shift: CLS (largest session window)', B.cls, A.cls, (x) => num(x, 4)));
  rows.push(row('layout shift: sum of all shifts', B.clsSum, A.clsSum, (x) => num(x, 4)));
  rows.push(row('long tasks (>= 50 ms) during the load', B.longTasks, A.longTasks, (x) => num(x)));
  rows.push(row('  longest', B.longestTask, A.longestTask, ms));
  rows.push(row('  blocking time (sum of the parts over 50 ms)', B.blockingTime, A.blockingTime, ms));
  if (A.drag && B.drag) {
    const two = (d, a, b) => `${ms(d[a])} / ${ms(d[b])}`;
    rows.push(plain(`drag #eight (${B.drag.mode} / ${A.drag.mode}), ${B.drag.changed} / ${A.drag.changed} moves: input → frame p50`, ms(B.drag.p50), ms(A.drag.p50), ratio(B.drag.p50, A.drag.p50), pairedText(B.drag.p50PerLoad, A.drag.p50PerLoad)));
    rows.push(plain('  input → frame p95 (goal ≤ 16 ms)', ms(B.drag.p95), ms(A.drag.p95), ratio(B.drag.p95, A.drag.p95), pairedText(B.drag.p95PerLoad, A.drag.p95PerLoad)));
    rows.push(plain('  p95 of each load: median (min…max)', spread(B.drag.p95PerLoad, ms), spread(A.drag.p95PerLoad, ms)));
    rows.push(plain('  from the oldest coalesced input: p50 / p95', two(B.drag, 'p50First', 'p95First'), two(A.drag, 'p50First', 'p95First'), ratio(B.drag.p95First, A.drag.p95First)));
    rows.push(plain('  input → DOM changed: p50 / p95', two(B.drag, 'domP50', 'domP95'), two(A.drag, 'domP50', 'domP95')));
    rows.push(plain('  handler → DOM changed (the element\'s work): p50 / p95', two(B.drag, 'workP50', 'workP95'), two(A.drag, 'workP50', 'workP95'), ratio(B.drag.workP50, A.drag.workP50)));
    rows.push(plain('  share of moves within 16 ms', pct(B.drag.within16), pct(A.drag.within16)));
    rows.push(plain('  moves that changed the picture / pointermoves', `${B.drag.changed}/${B.drag.pointermoves}`, `${A.drag.changed}/${A.drag.pointermoves}`));
    rows.push(plain('  input rate / pointermove rate (Hz)', `${num(B.drag.inputHz)} / ${num(B.drag.pointermoveHz)}`, `${num(A.drag.inputHz)} / ${num(A.drag.pointermoveHz)}`));
    rows.push(plain('  frames later than 25 ms during the drag', `${B.drag.framesOver}/${B.drag.frames}`, `${A.drag.framesOver}/${A.drag.frames}`));
    const lf = (d) => (d.longFrames ? `${d.longFrames}, longest ${ms(d.longFrameMax)}, ${pct(d.longFrameRenderingShare)} rendering` : '0');
    rows.push(plain('  long animation frames (>= 50 ms) during the drag', lf(B.drag), lf(A.drag)));
    if (B.drag.traced && A.drag.traced) {
      rows.push(row('  main thread busy while dragging (traced drag)', B.drag.traced.mainBusyShare, A.drag.traced.mainBusyShare, pct));
      rows.push(plain('  main thread ms per s: script/style/layout/paint/gc/other', kinds(B.drag.traced.mainPerSecond), kinds(A.drag.traced.mainPerSecond)));
    }
  }
  if (A.lab && B.lab) {
    rows.push(row('lab at N = 100,000 (degree 3, max speed): steps/s', B.lab.stepsPerSecond, A.lab.stepsPerSecond, (x) => num(x)));
    rows.push(row('  main thread busy while training', B.lab.mainBusyShare, A.lab.mainBusyShare, pct));
    rows.push(plain('  worker thread busy while training', B.lab.workerBusyShare ? spread(B.lab.workerBusyShare, pct) : 'no worker', A.lab.workerBusyShare ? spread(A.lab.workerBusyShare, pct) : 'no worker'));
    rows.push(row('  longest main-thread task while training', B.lab.mainLongestMs, A.lab.mainLongestMs, ms));
    rows.push(plain('  main thread ms per s: script/style/layout/paint/gc/other', kinds(B.lab.mainPerSecond), kinds(A.lab.mainPerSecond)));
    rows.push(row('  long tasks (>= 50 ms) while training', B.lab.longtasks, A.lab.longtasks, (x) => num(x), false));
    rows.push(row('  switching to N = 100,000: longest long task', B.lab.switchLongtaskMs, A.lab.switchLongtaskMs, ms, false));
    rows.push(row('  bytes fetched when training starts', B.lab.bytes, A.lab.bytes, kib, false));
  }
  out.push(table(rows));
  out.push('');
  out.push('When each element is interactive (defined and taken over, or its first change): ms after navigation, and ms after it entered the viewport (negative: ready before the reader sees it)');
  const ids = [...new Set([...Object.keys(A.elements), ...Object.keys(B.elements)])];
  const erows = [['element', 'before', 'after', 'before: after entering', 'after: after entering']];
  for (const k of ids) {
    const b = B.elements[k];
    const a = A.elements[k];
    const tag = (a ?? b).tag;
    const fold = (a ?? b).aboveFold ? ' (above the fold)' : '';
    erows.push([`${tag}#${k}${fold}`, b ? spread(b.interactive, ms) : '—', a ? spread(a.interactive, ms) : '—', b ? spread(b.afterEntering, ms) : '—', a ? spread(a.afterEntering, ms) : '—']);
  }
  out.push(table(erows));

  out.push('');
  out.push('Biggest files (gzipped; phase: paint = arrived before first paint, answer = before the first change, later)');
  const frows = [['#', 'before', 'gz', 'phase', 'after', 'gz', 'phase']];
  const n = Math.max(8, 0);
  for (let i = 0; i < n; i++) {
    const b = B.files[i];
    const a = A.files[i];
    if (!a && !b) break;
    frows.push([String(i + 1), b?.path ?? '', b ? kib(b.gz) : '', b?.phase ?? '', a?.path ?? '', a ? kib(a.gz) : '', a?.phase ?? '']);
  }
  frows.push(['', `${B.files.length} files`, kib(B.files.reduce((s, f) => s + f.gz, 0)), '', `${A.files.length} files`, kib(A.files.reduce((s, f) => s + f.gz, 0)), '']);
  out.push(table(frows));

  const notes = [];
  for (const [name, S] of [['before', B], ['after', A]]) {
    if (S.biggestShift) notes.push(`${name}: largest layout shift ${S.biggestShift.value.toFixed(4)} at ${Math.round(S.biggestShift.t)} ms (${S.biggestShift.sources.join(', ') || 'no source'})`);
    if (S.longestTaskScript) notes.push(`${name}: longest load task ${ms(S.longestTask.max)}; its frame's longest script: ${S.longestTaskScript}`);
    if (S.waterfall?.length) notes.push(`${name}, last load, files before the first calculator was interactive (ms when each arrived): ${S.waterfall.map((f) => `${f.path.replace(/^\//, '').replace(/-[A-Z0-9]{8}\.js$/, '.js')} ${Math.round(f.end)}`).join(' → ')}`);
    if (S.lab?.stoppedEarly) notes.push(`${name}: the lab converged inside the window in ${S.lab.stoppedEarly} loads (their window was cut there)`);
    if (S.lab?.requests?.length) notes.push(`${name}: requests when training started (path, status): ${S.lab.requests.join(', ')}`);
  }
  if (notes.length) out.push('', ...notes);
  return out.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, def) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : def;
  };
  try {
    const raw = await runPageBench({
      runs: Number(opt('--runs', 7)),
      moves: Number(opt('--moves', 240)),
      labSeconds: Number(opt('--lab-seconds', 4)),
      beforeCommit: opt('--before', BEFORE_COMMIT),
      progress: (s) => console.error(s),
    });
    const s = summarizePageBench(raw);
    console.log(args.includes('--json') ? JSON.stringify({ ...s, runs: raw.runs }, null, 1) : formatPageBench(s));
  } catch (error) {
    console.error(`page bench failed: ${error.stack || error}`);
    process.exit(1);
  }
}

