#!/usr/bin/env node
// Benchmark of the learning lab in the browser (Debian's Chromium, headless, through playwright-core):
// training steps per second of <bit-learning> at N = 1,000 and N = 100,000 samples (speed "max"),
// and how responsive the page stays while it trains:
//   - long tasks: PerformanceObserver 'longtask' entries (the browser reports tasks >= 50 ms);
//   - the longest animation-frame callback (the lab redraws in rAF callbacks) and the longest
//     MessagePort message handler (the lab trains in MessageChannel tasks): the longest slice;
//   - input delay: keys pressed into a text field while training, time from the event's creation
//     to its handler (performance.now() - event.timeStamp): median, 95th percentile and worst.
// Needs dist/ built (npm run build). Prints a table; exits 0 on success.
//
//   node tests/bench/lab.mjs [--seconds 4]
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import {
  launchBrowser, openPage, repoRoot, snapshotDist, startServer,
} from '../browser/helpers.mjs';

const args = process.argv.slice(2);
const secondsArg = args.indexOf('--seconds');
const SECONDS = secondsArg >= 0 ? Number(args[secondsArg + 1]) : 4;

// Installed before any page script: probes of main-thread responsiveness.
const PROBES = `
  window.__lab = { longtasks: [], frameMax: 0, frames: 0, messageMax: 0, messages: 0, messageMs: [], inputDelays: [] };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__lab.longtasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { window.__lab.longtaskUnsupported = String(e); }
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((ts) => {
    const t0 = performance.now();
    try { cb(ts); } finally {
      const d = performance.now() - t0;
      window.__lab.frames += 1;
      if (d > window.__lab.frameMax) window.__lab.frameMax = d;
    }
  });
  const onmessage = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage');
  Object.defineProperty(MessagePort.prototype, 'onmessage', {
    configurable: true,
    get() { return onmessage.get.call(this); },
    set(fn) {
      onmessage.set.call(this, typeof fn !== 'function' ? fn : function timed(ev) {
        const t0 = performance.now();
        try { return fn.call(this, ev); } finally {
          const d = performance.now() - t0;
          window.__lab.messages += 1;
          window.__lab.messageMs.push(d);
          if (d > window.__lab.messageMax) window.__lab.messageMax = d;
        }
      });
    },
  });
  document.addEventListener('keydown', (ev) => {
    window.__lab.inputDelays.push(performance.now() - ev.timeStamp);
  }, true);
`;

// The q-quantile of the values (nearest rank); NaN when there are none.
function quantile(values, q) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export async function runLabBench({ seconds = SECONDS, quiet = false } = {}) {
  const snapshot = snapshotDist();
  await esbuild.build({
    stdin: { contents: "import './web/src/elements/bit-learning.js';", resolveDir: repoRoot },
    bundle: true,
    format: 'esm',
    outfile: join(snapshot.dir, 'lab-bench.js'),
    logLevel: 'warning',
    plugins: [{
      name: 'dist-core',
      setup(b) { b.onResolve({ filter: /(^|\/)core\.js$/ }, () => ({ path: './core.js', external: true })); },
    }],
  });
  const sizes = [1000, 100000];
  for (const n of sizes) {
    writeFileSync(join(snapshot.dir, `lab-bench-${n}.html`), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="./favicon.svg"><title>lab bench</title><script type="module" src="./lab-bench.js"></script></head>
<body><input id="probe" aria-label="probe"><bit-learning id="l" n="${n}" seed="1" rate="1" degree="3" speed="max"></bit-learning></body></html>`);
  }
  const server = await startServer({ root: snapshot.dir });
  const browser = await launchBrowser();
  const rows = [];
  try {
    for (const n of sizes) {
      const { page, context } = await openPage(browser, `${server.url}lab-bench-${n}.html`, { waitReady: false, initScript: PROBES });
      await page.waitForFunction(() => document.querySelector('#l').result?.step === 0, null, { timeout: 20000 });
      // The cost of one step by itself: the WASM call, best of 7 calls of 3 steps.
      const msPerStep = await page.evaluate((size) => {
        const { api } = document.querySelector('#l');
        api.labTrain({ n: size, seed: 1, degree: 3, steps: 1 });
        let best = Infinity;
        for (let i = 0; i < 7; i++) {
          const t = performance.now();
          api.labTrain({ n: size, seed: 1, degree: 3, steps: 3 });
          best = Math.min(best, (performance.now() - t) / 3);
        }
        return best;
      }, n);
      await page.locator('#l button.play').click();
      await page.waitForTimeout(500); // warm-up: the step-cost estimate settles
      const t0 = await page.evaluate(() => ({ step: document.querySelector('#l').result.step, t: performance.now() }));
      await page.evaluate(() => { window.__lab.longtasks.length = 0; window.__lab.frameMax = 0; window.__lab.frames = 0; window.__lab.messageMax = 0; window.__lab.messages = 0; window.__lab.messageMs.length = 0; window.__lab.inputDelays.length = 0; });
      // Type into a field while training, a key every ~100 ms.
      await page.locator('#probe').focus();
      const end = Date.now() + seconds * 1000;
      while (Date.now() < end) {
        await page.keyboard.press('a');
        await page.waitForTimeout(100);
      }
      const t1 = await page.evaluate(() => ({ step: document.querySelector('#l').result.step, t: performance.now() }));
      const probe = await page.evaluate(() => window.__lab);
      await page.locator('#l button.play').click();
      const error = await page.evaluate(() => document.querySelector('#l').error);
      if (error) throw new Error(`training stopped with ${error.code}: ${error.message}`);
      const stepsPerSecond = ((t1.step - t0.step) * 1000) / (t1.t - t0.t);
      rows.push({
        n,
        msPerStep,
        stepsPerSecond,
        framesPerSecond: (probe.frames * 1000) / (t1.t - t0.t),
        longestFrameCallbackMs: probe.frameMax,
        longTasks: probe.longtasks.length,
        longestLongTaskMs: probe.longtasks.length ? Math.max(...probe.longtasks) : 0,
        longestMessageTaskMs: probe.messageMax,
        medianMessageTaskMs: quantile(probe.messageMs, 0.5),
        medianInputDelayMs: quantile(probe.inputDelays, 0.5),
        p95InputDelayMs: quantile(probe.inputDelays, 0.95),
        worstInputDelayMs: probe.inputDelays.length ? Math.max(...probe.inputDelays) : NaN,
        keys: probe.inputDelays.length,
        longtaskUnsupported: probe.longtaskUnsupported,
      });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
    snapshot.remove();
  }
  if (!quiet) {
    console.log(`\nLearning lab in Chromium (${process.env.CHROMIUM_PATH || '/usr/bin/chromium'}, headless), degree 3, ${seconds} s per row`);
    console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} CPUs (a busy machine stretches every time below)`);
    console.log('| N | one step (ms) | steps/s | frames/s | longest rAF callback (ms) | message tasks: median / longest (ms) | long tasks ≥ 50 ms | input delay median / p95 / worst (ms, keys) |');
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of rows) {
      const lt = r.longtaskUnsupported ? 'n/a' : `${r.longTasks}${r.longTasks ? ` (max ${r.longestLongTaskMs.toFixed(0)})` : ''}`;
      console.log(`| ${r.n.toLocaleString('en')} | ${r.msPerStep.toFixed(2)} | ${r.stepsPerSecond.toFixed(0)} | ${r.framesPerSecond.toFixed(0)} | ${r.longestFrameCallbackMs.toFixed(1)} | ${Number.isNaN(r.medianMessageTaskMs) ? '–' : r.medianMessageTaskMs.toFixed(1)} / ${r.longestMessageTaskMs.toFixed(1)} | ${lt} | ${r.medianInputDelayMs.toFixed(1)} / ${r.p95InputDelayMs.toFixed(1)} / ${r.worstInputDelayMs.toFixed(1)} (${r.keys}) |`);
    }
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runLabBench().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
