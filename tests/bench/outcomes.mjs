#!/usr/bin/env node
// How long an edit of a long distribution keeps the main thread, per element and number of
// outcomes: the measurement behind MAX_OUTCOMES (web/src/model/distribution.js, issue 8: no
// main-thread task over 50 ms for anything an element accepts). Run by `npm run bench` through
// tests/bench/run.mjs, or alone after `npm run build`:
//   node tests/bench/outcomes.mjs [--edits 12] [--json]
//
// For <bit-entropy>, <bit-cross-entropy> and <bit-kl> at 8 … 64 outcomes (the limit), panel folded
// and open (open: the table, the Huffman code and every field are drawn as well), in headless
// Chromium at 1280 px: each edit sets P (and Q) to another distribution of the same length and
// times the work until the new picture is laid out (attribute → parse → core → render → style and
// layout forced), median and worst of the edits; plus every long task (≥ 50 ms) the browser saw.
// The time grows about linearly in the number of outcomes, so the table also shows where 50 ms
// would be reached on this machine.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../browser/helpers.mjs';
import { serveSite, page as sitePage, open } from '../browser/site.mjs';

const argv = process.argv.slice(2);
const EDITS = argv.includes('--edits') ? Number(argv[argv.indexOf('--edits') + 1]) : 12;
const SIZES = [8, 16, 32, 64];
const TAGS = ['bit-entropy', 'bit-cross-entropy', 'bit-kl'];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

/** Runs in the page: creates the element with n outcomes, then times `edits` edits. */
async function measure({ tag, n, open: isOpen, edits }) {
  const { define } = await import(new URL('bitruler.js', document.baseURI).href);
  await define(tag);
  const list = (k) => Array.from({ length: n }, (_, i) => 1 + ((i * 7 + k * 13) % 17)).join(',');
  const labels = Array.from({ length: n }, (_, i) => `t${i + 1}`).join(',');
  const host = document.querySelector('main');
  host.replaceChildren();
  const el = document.createElement(tag);
  el.setAttribute('labels', labels);
  el.setAttribute('p', list(0));
  if (tag !== 'bit-entropy') el.setAttribute('q', list(1));
  if (isOpen) el.setAttribute('open', '');
  const t0 = performance.now();
  host.append(el);
  await el.updateComplete;
  el.shadowRoot.querySelector('svg')?.getBoundingClientRect();
  const create = performance.now() - t0;
  if (el.error) return { error: `${el.error.code}: ${el.error.message}` };
  const times = [];
  for (let k = 2; k < edits + 2; k++) {
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const start = performance.now();
    el.setAttribute('p', list(k));
    if (tag !== 'bit-entropy') el.setAttribute('q', list(k + 1));
    await el.updateComplete;
    el.shadowRoot.querySelector('svg')?.getBoundingClientRect();
    times.push(performance.now() - start);
  }
  return { create, times, longTasks: window.__longTasks.splice(0) };
}

export async function outcomesBench({ edits = EDITS } = {}) {
  const site = await serveSite({ 'index.html': sitePage('<main></main>') }, { prerendered: false });
  const browser = await launchBrowser();
  const rows = [];
  try {
    const { context, page } = await open(browser, site.url(), { ready: false });
    for (const tag of TAGS) {
      for (const isOpen of [false, true]) {
        for (const n of SIZES) {
          const r = await page.evaluate(measure, { tag, n, open: isOpen, edits });
          if (r.error) throw new Error(`${tag} at ${n} outcomes: ${r.error}`);
          rows.push({ tag, open: isOpen, n, createMs: r.create, medianMs: median(r.times), worstMs: Math.max(...r.times), longTasks: r.longTasks });
        }
      }
    }
    await context.close();
  } finally {
    await browser.close();
    await site.close();
  }
  // Least-squares line through (n, median edit) per element and panel state: where it reaches 50 ms.
  const fits = [];
  for (const tag of TAGS) {
    for (const isOpen of [false, true]) {
      const pts = rows.filter((r) => r.tag === tag && r.open === isOpen);
      const mx = pts.reduce((s, r) => s + r.n, 0) / pts.length;
      const my = pts.reduce((s, r) => s + r.medianMs, 0) / pts.length;
      const slope = pts.reduce((s, r) => s + (r.n - mx) * (r.medianMs - my), 0) / pts.reduce((s, r) => s + (r.n - mx) ** 2, 0);
      const at50 = slope > 0.01 ? Math.round((50 - (my - slope * mx)) / slope) : Infinity;
      fits.push({ tag, open: isOpen, msPerOutcome: slope, outcomesAt50ms: at50 });
    }
  }
  return { edits, rows, fits };
}

export function formatOutcomes({ edits, rows, fits }) {
  const out = [];
  const line = (x) => out.push(x);
  line(`Editing a long distribution (headless Chromium, 1280 px, ${edits} edits each): ms from the edit to the laid-out picture`);
  line('element            panel    n   create  median   worst  long tasks ≥ 50 ms');
  for (const r of rows) {
    line(`${r.tag.padEnd(18)} ${(r.open ? 'open' : 'folded').padEnd(6)} ${String(r.n).padStart(4)} ${r.createMs.toFixed(1).padStart(8)} ${r.medianMs.toFixed(1).padStart(7)} ${r.worstMs.toFixed(1).padStart(7)}  ${r.longTasks.length ? r.longTasks.join(', ') : '-'}`);
  }
  line('\nmedian edit vs n, least squares (the worst edits on a busy machine are other work: GC, other processes): ms per outcome and the n at which an edit would take 50 ms');
  for (const f of fits) line(`${f.tag.padEnd(18)} ${(f.open ? 'open' : 'folded').padEnd(6)} ${f.msPerOutcome.toFixed(3).padStart(7)} ms/outcome  ≈ ${f.outcomesAt50ms} outcomes`);
  return out.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await outcomesBench();
  console.log(argv.includes('--json') ? JSON.stringify(result, null, 2) : formatOutcomes(result));
}
