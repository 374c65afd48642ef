#!/usr/bin/env node
// The reading page (dist/index.html) measured in headless Chromium; run by `npm run bench`
// through tests/bench/run.mjs, or alone after `npm run build`:
//   node tests/bench/page.mjs [--runs 5] [--moves 120] [--json]
//
// - page weight: every JS, WASM and CSS file the page fetched, gzipped (level 9);
// - time from navigation start to the first calculator's first result (its first `change`
//   event) and to every calculator answering (the page's `bitruler-page-ready` mark), over cold
//   loads (fresh browser context each, so nothing is cached);
// - while the reader drags a bar of the 8-team <bit-entropy>: for each input event, the time from
//   the event (its timeStamp) to the element's updated result (`change`), to its last DOM change
//   (result text and chart redrawn; a MutationObserver on its shadow root), and to the next
//   frame after that (requestAnimationFrame then a task: the update is on screen).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, pageWeight, snapshotDist, startServer, waitForPageReady, watchPage } from '../browser/helpers.mjs';

const FRAME_BUDGET_MS = 16;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const worst = (xs) => Math.max(...xs);
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

// Runs in the page before any of its scripts.
function instrument() {
  const bench = { firstChange: null, lat: [], cur: null };
  globalThis.__bitrulerBench = bench;
  document.addEventListener('change', (e) => {
    if (bench.firstChange === null && e.target?.localName?.startsWith('bit-')) bench.firstChange = performance.now();
  }, true);
}

async function coldLoad(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(instrument);
  const log = await watchPage(page, new URL(url).origin);
  await page.goto(url, { waitUntil: 'load' });
  await waitForPageReady(page, 30000);
  const t = await page.evaluate(() => ({
    firstChange: globalThis.__bitrulerBench.firstChange,
    ready: performance.getEntriesByName('bitruler-page-ready')[0]?.startTime ?? null,
    load: performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? null,
  }));
  const problems = [...log.consoleErrors, ...log.pageErrors, ...log.offOrigin];
  return { context, page, log, t, problems };
}

/** Finds the draggable bars of #eight: elements with role=slider in its shadow root. */
async function barBoxes(page) {
  return page.$eval('#eight', (el) => [...el.shadowRoot.querySelectorAll('[role="slider"]')].map((b) => {
    const r = b.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height, label: b.getAttribute('aria-label') };
  }));
}

async function dragLatency(page, moves) {
  await page.$eval('#eight', (el) => el.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(200);
  const bars = await barBoxes(page);
  if (bars.length < 8) throw new Error(`#eight has ${bars.length} role=slider bars; expected 8`);
  await page.evaluate(() => {
    const bench = globalThis.__bitrulerBench;
    const el = document.querySelector('#eight');
    bench.lat = [];
    const start = (e) => {
      const sample = { kind: e.type, t0: e.timeStamp, handler: performance.now(), change: null, dom: null, frame: null };
      bench.cur = sample;
      bench.lat.push(sample);
      requestAnimationFrame(() => setTimeout(() => { sample.frame = performance.now(); }, 0));
    };
    el.addEventListener('pointermove', (e) => { if (e.buttons) start(e); }, { capture: true });
    el.addEventListener('keydown', start, { capture: true });
    el.addEventListener('change', () => {
      if (bench.cur && bench.cur.change === null) bench.cur.change = performance.now();
    });
    // Only mutations before the next frame count as this input's update (later ones, e.g. a
    // debounced screen-reader announcement or a keyup, belong to no frame the reader waits for).
    new MutationObserver(() => {
      if (bench.cur && bench.cur.frame === null) bench.cur.dom = performance.now();
    }).observe(el.shadowRoot, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  // Bars may be vertical (drag up/down) or horizontal (drag sideways): follow the longer side.
  const bar = bars[2];
  const vertical = bar.height >= bar.width;
  const cx = bar.x + bar.width / 2;
  const cy = bar.y + bar.height / 2;
  const span = vertical ? Math.max(40, bar.height * 0.8) : Math.max(40, bar.width * 0.8);
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= moves; i++) {
    const phase = Math.sin((i / moves) * Math.PI * 4) * span / 2;
    await page.mouse.move(vertical ? cx : cx + phase, vertical ? cy + phase : cy);
  }
  await page.mouse.up();
  await page.waitForTimeout(300);
  // Arrow keys on the focused bar: key events are not aligned to frames like pointermove.
  await page.focus('#eight [role="slider"] >> nth=2');
  for (let i = 0; i < moves / 2; i++) {
    await page.keyboard.press(i % 2 ? 'ArrowDown' : 'ArrowUp');
    await page.waitForTimeout(20);
  }
  await page.waitForTimeout(300);
  const all = await page.evaluate(() => globalThis.__bitrulerBench.lat);
  const samples = all.filter((s) => s.kind === 'pointermove');
  const keys = all.filter((s) => s.kind === 'keydown' && s.change !== null && s.dom !== null);
  const done = samples.filter((s) => s.change !== null && s.dom !== null && s.frame !== null);
  if (done.length < moves / 2) {
    throw new Error(`only ${done.length} of ${samples.length} pointer moves changed the result; the drag did not reach a bar`);
  }
  if (keys.length < moves / 4) throw new Error(`only ${keys.length} arrow keys changed the result`);
  return {
    keyToDom: keys.map((s) => s.dom - s.t0),
    keyToResult: keys.map((s) => s.change - s.t0),
    keys: keys.length,
    events: samples.length,
    answered: done.length,
    queued: done.map((s) => s.handler - s.t0),
    handlerToDom: done.map((s) => s.dom - s.handler),
    toResult: done.map((s) => s.change - s.t0),
    toDom: done.map((s) => s.dom - s.t0),
    toFrame: done.map((s) => s.frame - s.t0),
  };
}

export async function runPageBench({ runs = 5, moves = 120 } = {}) {
  const dist = snapshotDist();
  const server = await startServer({ root: dist.dir });
  const browser = await launchBrowser();
  try {
    const loads = [];
    let weight;
    let drag;
    for (let i = 0; i < runs; i++) {
      const run = await coldLoad(browser, server.url);
      if (run.problems.length) throw new Error(`the page logged errors: ${run.problems.join('\n')}`);
      loads.push(run.t);
      if (i === 0) weight = await pageWeight(run.log);
      if (i === runs - 1) drag = await dragLatency(run.page, moves);
      await run.context.close();
    }
    return { weight, loads, drag };
  } finally {
    await browser.close();
    await server.close();
    dist.remove();
  }
}

const ms = (x) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const kb = (b) => `${(b / 1024).toFixed(1)} KiB`;

export function formatPageBench({ weight, loads, drag }) {
  const rows = [['page (dist/index.html), headless Chromium', 'median', 'worst', 'note']];
  rows.push(['weight gzipped: JS + WASM + CSS', kb(weight.gz), '', `${weight.gz} B; ${kb(weight.raw)} raw; budget 200 KiB`]);
  for (const f of weight.files) rows.push([`  ${f.path.split('/').pop()}`, kb(f.gz), '', `${kb(f.raw)} raw`]);
  const first = loads.map((l) => l.firstChange);
  const ready = loads.map((l) => l.ready);
  const load = loads.map((l) => l.load);
  rows.push(['navigation → load event', ms(median(load)), ms(worst(load)), `${loads.length} cold loads`]);
  rows.push(['navigation → first calculator answers', ms(median(first)), ms(worst(first)), 'first result (change event)']);
  rows.push(['navigation → all 9 calculators answered', ms(median(ready)), ms(worst(ready)), 'bitruler-page-ready mark']);
  rows.push([`drag an 8-team bar: input → result`, ms(median(drag.toResult)), ms(worst(drag.toResult)), `${drag.answered}/${drag.events} pointer moves; p95 ${ms(p95(drag.toResult))}`]);
  rows.push([`drag: input → result and chart in the DOM`, ms(median(drag.toDom)), ms(worst(drag.toDom)), `p95 ${ms(p95(drag.toDom))}; aim < 4 ms`]);
  rows.push([`drag: input event queued before dispatch`, ms(median(drag.queued)), ms(worst(drag.queued)), 'Chromium aligns pointermove to frames']);
  rows.push([`drag: handler start → result and chart in the DOM`, ms(median(drag.handlerToDom)), ms(worst(drag.handlerToDom)), `the element's own work; p95 ${ms(p95(drag.handlerToDom))}`]);
  rows.push([`arrow key on a bar: keydown → result`, ms(median(drag.keyToResult)), ms(worst(drag.keyToResult)), `${drag.keys} key presses; p95 ${ms(p95(drag.keyToResult))}`]);
  rows.push([`arrow key: keydown → last DOM change before the frame`, ms(median(drag.keyToDom)), ms(worst(drag.keyToDom)), `formula redrawn in the next rAF; p95 ${ms(p95(drag.keyToDom))}`]);
  rows.push([`drag: input → next frame`, ms(median(drag.toFrame)), ms(worst(drag.toFrame)), `frame budget ${FRAME_BUDGET_MS} ms`]);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, def) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : def;
  };
  try {
    const result = await runPageBench({ runs: opt('--runs', 5), moves: opt('--moves', 120) });
    console.log(args.includes('--json') ? JSON.stringify(result, null, 1) : formatPageBench(result));
  } catch (error) {
    console.error(`page bench failed: ${error.message || error}`);
    process.exit(1);
  }
}
