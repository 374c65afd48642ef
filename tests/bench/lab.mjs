// The learning lab (<bit-learning id="learn"> of the reading page) while it trains: steps per
// second and what training costs the page's main thread. Used by tests/bench/page.mjs on each
// cold load of the "before" and "after" pages (the same page the reader has, scrolled to the lab).
//
// Setting, the same for both pages: n = 100,000 (the largest N), degree 3, rate 1, seed 1, speed
// "max" (at degree 2 the new lab converges and stops after 399 steps; at degree 3 after 2,405).
// After a warm-up, a window of `seconds` is measured (shorter if the lab converges in it, on a
// fast machine: `stoppedEarly` says so):
//   - steps per second: result.step at the window's two ends (the new lab refreshes its numbers
//     at most every 120 ms while training, so each end may lag by up to 120 ms of steps);
//   - the main thread's busy share: the total time of its top-level tasks (Chromium's trace events
//     'RunTask' on the page's CrRendererMain thread, clipped to the window) over the window's
//     length; the same for the lab's worker thread when there is one;
//   - the longest main-thread task (from the trace, so below 50 ms too) and the 'longtask'
//     entries (PerformanceObserver, tasks >= 50 ms) in the window;
//   - what the main thread's time went to (byKind): script, style, layout, paint (pre-paint,
//     paint, layerize, commit), gc, other.
// Switching to N = 100,000 is measured too: the longest 'longtask' entry (0 when none reached
// 50 ms) from setting the attributes until 300 ms after the element reports n = 100,000.
import { readFileSync } from 'node:fs';

// n last: an element that recomputes on each attribute does the large N once.
export const LAB_SETTING = { speed: 'max', degree: '3', rate: '1', seed: '1', n: '100000' };

export const TRACE_CATEGORIES = ['disabled-by-default-devtools.timeline', 'devtools.timeline', 'blink.user_timing'];

/**
 * Busy share and longest task of the page's main thread (and of its dedicated workers) between
 * two performance.mark()s, from a Chromium trace (JSON, as browser.stopTracing() returns it).
 */
export function analyseTrace(buffer, startMark, endMark) {
  const parsed = JSON.parse(buffer.toString());
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const threadName = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args?.name);
  const start = events.find((e) => e.name === startMark && String(e.cat).includes('user_timing'));
  const end = events.find((e) => e.name === endMark && String(e.cat).includes('user_timing'));
  if (!start || !end) throw new Error(`trace: marks ${startMark}/${endMark} not found`);
  const w0 = start.ts;
  const w1 = end.ts;
  const threads = new Map(); // key → { name, busyUs, longestUs, over50 }
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'RunTask' || e.pid !== start.pid) continue;
    const key = `${e.pid}:${e.tid}`;
    const name = threadName.get(key) ?? '';
    const main = e.tid === start.tid;
    if (!main && !/DedicatedWorker/.test(name)) continue;
    const a = Math.max(w0, e.ts);
    const b = Math.min(w1, e.ts + (e.dur ?? 0));
    if (b <= a) continue;
    if (!threads.has(key)) threads.set(key, { name, main, busyUs: 0, longestUs: 0, longestCpuUs: 0, over50: 0, tasks: 0 });
    const t = threads.get(key);
    t.busyUs += b - a;
    t.tasks += 1;
    t.longestUs = Math.max(t.longestUs, e.dur ?? 0);
    t.longestCpuUs = Math.max(t.longestCpuUs, e.tdur ?? 0);
    if ((e.dur ?? 0) >= 50000) t.over50 += 1;
  }
  const windowMs = (w1 - w0) / 1000;
  const mainEvents = events.filter((e) => e.ph === 'X' && e.pid === start.pid && e.tid === start.tid && e.ts < w1 && e.ts + (e.dur ?? 0) > w0);
  const share = (t) => (t ? t.busyUs / 1000 / windowMs : 0);
  const main = [...threads.values()].find((t) => t.main);
  const workers = [...threads.values()].filter((t) => !t.main);
  const worker = workers.sort((x, y) => y.busyUs - x.busyUs)[0] ?? null;
  return {
    windowMs,
    mainBusyShare: share(main),
    mainTasks: main?.tasks ?? 0,
    mainLongestMs: (main?.longestUs ?? 0) / 1000,
    // the most CPU time (thread time) any one task took: far below mainLongestMs when the main
    // thread waited (for a core, the compositor, the GC's helper threads)
    mainLongestCpuMs: (main?.longestCpuUs ?? 0) / 1000,
    mainTasksOver50: main?.over50 ?? 0,
    workerBusyShare: worker ? share(worker) : null,
    mainByKind: byKind(mainEvents, w0, w1),
  };
}

// What the main thread's time went to: each trace event's own time (its duration less its
// children's) goes to the nearest enclosing event of a known kind; the rest is "other".
const KINDS = {
  script: ['FunctionCall', 'EvaluateScript', 'FireAnimationFrame', 'TimerFire', 'EventDispatch', 'HandlePostMessage', 'RunMicrotasks', 'v8.callFunction', 'v8.compile', 'v8.run'],
  style: ['UpdateLayoutTree'],
  layout: ['Layout'],
  paint: ['PrePaint', 'Paint', 'Layerize', 'Commit', 'PaintImage', 'RasterTask'],
  gc: ['MajorGC', 'MinorGC', 'V8.GC_MC_INCREMENTAL', 'V8.GCIncrementalMarking', 'V8.GCScavenger'],
};
const KIND_OF = new Map(Object.entries(KINDS).flatMap(([k, names]) => names.map((n) => [n, k])));

/** ms of main-thread time per kind (script, style, layout, paint, gc, other) inside [w0, w1] µs. */
export function byKind(events, w0, w1) {
  const sorted = [...events].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const out = { script: 0, style: 0, layout: 0, paint: 0, gc: 0, other: 0 };
  const stack = []; // { end, kind, self }
  const clip = (a, b) => Math.max(0, Math.min(w1, b) - Math.max(w0, a));
  const close = (upTo) => {
    while (stack.length && stack.at(-1).end <= upTo) {
      const f = stack.pop();
      out[f.kind] += f.self;
    }
  };
  for (const e of sorted) {
    const end = e.ts + (e.dur ?? 0);
    close(e.ts);
    const parent = stack.at(-1);
    const own = clip(e.ts, end);
    if (parent) parent.self -= own;
    stack.push({ end, kind: KIND_OF.get(e.name) ?? parent?.kind ?? 'other', self: own });
  }
  close(Infinity);
  for (const k of Object.keys(out)) out[k] /= 1000;
  return out;
}

/**
 * Trains the page's lab for `seconds` and measures it. `page` is a loaded reading page (its
 * elements defined); `browser` traces it. Resolves to the figures above and the requests the
 * lab made when it started (`requests`, the index in `requestLog` before the switch).
 */
export async function measureLab(browser, page, { seconds = 4, warmup = 1000, keepTrace = false } = {}) {
  await page.$eval('#learn', (el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }));
  await page.waitForFunction(() => {
    const el = document.querySelector('#learn');
    return customElements.get('bit-learning') && el?.result && typeof el.result.step === 'number';
  }, null, { timeout: 30000 });
  await page.waitForTimeout(300);
  // Switching to the setting (N = 100,000 computes the samples and step 0): its longest task.
  const switchStart = await page.evaluate(() => performance.now());
  await page.$eval('#learn', (el, s) => { for (const [k, v] of Object.entries(s)) el.setAttribute(k, v); }, LAB_SETTING);
  await page.waitForFunction((n) => document.querySelector('#learn').result?.n === n, Number(LAB_SETTING.n), { timeout: 30000 });
  await page.waitForTimeout(300);
  const switchLongest = await page.evaluate((t) => Math.max(0, ...globalThis.__bench.longtasks.filter((e) => e.t >= t).map((e) => e.d)), switchStart);

  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  let trace;
  let a;
  let b;
  try {
    await page.locator('#learn button.play').click();
    await page.waitForTimeout(warmup);
    a = await page.evaluate(() => {
      const el = document.querySelector('#learn');
      performance.mark('bench-lab-start');
      return { step: el.result.step, t: performance.now() };
    });
    // the window ends early if the lab stops by itself (converged) on a fast machine
    const until = Date.now() + seconds * 1000;
    while (Date.now() < until) {
      await page.waitForTimeout(Math.min(100, Math.max(0, until - Date.now())));
      const training = await page.evaluate(() => { const el = document.querySelector('#learn'); return Boolean(el.playing ?? el.running); });
      if (!training) break;
    }
    b = await page.evaluate(() => {
      const el = document.querySelector('#learn');
      performance.mark('bench-lab-end');
      return { step: el.result.step, t: performance.now(), training: el.playing ?? el.running, status: el.result.status ?? null, error: el.error ? String(el.error.code) : null };
    });
  } finally {
    trace = await browser.stopTracing();
  }
  await page.$eval('#learn', (el) => el.pause?.());
  if (b.error) throw new Error(`the lab stopped with ${b.error}`);
  if (!b.training && b.t - a.t < 1000) throw new Error(`the lab stopped training (status ${b.status}) less than 1 s into the window; change LAB_SETTING`);
  const longtasks = await page.evaluate(([t0, t1]) => globalThis.__bench.longtasks.filter((e) => e.t + e.d >= t0 && e.t <= t1).map((e) => e.d), [a.t, b.t]);
  const traced = analyseTrace(trace, 'bench-lab-start', 'bench-lab-end');
  return {
    stepsPerSecond: ((b.step - a.step) * 1000) / (b.t - a.t),
    steps: b.step - a.step,
    stoppedEarly: b.training ? null : b.status,
    ...traced,
    longtasks: longtasks.length,
    longestLongtaskMs: longtasks.length ? Math.max(...longtasks) : 0,
    switchLongtaskMs: switchLongest,
    ...(keepTrace ? { trace } : {}),
  };
}

// ------------------------------------------------------------------ alone
// The lab alone, on dist/ (the page bench measures it inside each cold load of both pages):
//   node tests/bench/lab.mjs --runs 3 [--seconds 4] [--save-trace /tmp/lab] [--json]
// Each run is a fresh browser context on the reading page, scrolled to the bottom (every element
// taken over, as in the page bench) and back to the lab; --save-trace
// writes each run's trace to <prefix>-<run>.json. A saved trace alone:
//   node tests/bench/lab.mjs trace.json [startMark endMark]
async function benchAlone(args) {
  const opt = (name, def) => (args.includes(name) ? args[args.indexOf(name) + 1] : def);
  const { launchBrowser, snapshotDist, startServer } = await import('../browser/helpers.mjs');
  const { writeFileSync } = await import('node:fs');
  const runs = Number(opt('--runs', 3));
  const seconds = Number(opt('--seconds', 4));
  const save = opt('--save-trace', null);
  const snap = snapshotDist();
  const server = await startServer({ root: snap.dir });
  const browser = await launchBrowser();
  const out = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, colorScheme: 'light', locale: 'zh-CN' });
      const page = await context.newPage();
      await page.addInitScript(() => {
        const B = { longtasks: [] };
        globalThis.__bench = B;
        new PerformanceObserver((list) => list.getEntries().forEach((e) => B.longtasks.push({ t: e.startTime, d: e.duration }))).observe({ type: 'longtask', buffered: true });
      });
      await page.goto(server.url, { waitUntil: 'load' });
      // as in a cold load of the page bench: the reader scrolls to the bottom (every element
      // taken over and laid out), then comes back to the lab
      await page.evaluate(async () => {
        for (let y = innerHeight / 2; ; y += innerHeight / 2) {
          scrollTo({ top: y, behavior: 'instant' });
          await new Promise((r) => setTimeout(r, 120));
          if (scrollY + innerHeight >= document.documentElement.scrollHeight - 1) break;
        }
        const els = [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('bit-'));
        await Promise.all(els.map((el) => customElements.whenDefined(el.localName).then(() => el.updateComplete)));
      });
      await page.waitForTimeout(700);
      const r = await measureLab(browser, page, { seconds, keepTrace: Boolean(save) });
      if (save) writeFileSync(`${save}-${i + 1}.json`, r.trace);
      delete r.trace;
      out.push(r);
      await context.close();
      const f = (x) => x.toFixed(1);
      console.error(`run ${i + 1}/${runs}: ${Math.round(r.stepsPerSecond)} steps/s, main busy ${f(100 * r.mainBusyShare)}%, worker busy ${f(100 * (r.workerBusyShare ?? 0))}%, main longest ${f(r.mainLongestMs)} ms (most CPU in one task ${f(r.mainLongestCpuMs)} ms), tasks >= 50 ms ${r.mainTasksOver50} (longtask entries ${r.longtasks}), switch longtask ${f(r.switchLongtaskMs)} ms; main ms: ${Object.entries(r.mainByKind).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}`);
    }
  } finally {
    await browser.close();
    await server.close();
    snap.remove();
  }
  if (args.includes('--json')) console.log(JSON.stringify(out, null, 1));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    console.log('node tests/bench/lab.mjs [--runs 3] [--seconds 4] [--save-trace PREFIX] [--json]\nnode tests/bench/lab.mjs trace.json [startMark endMark]');
  } else if (args[0] && !args[0].startsWith('--')) {
    console.log(analyseTrace(readFileSync(args[0]), args[1] || 'bench-lab-start', args[2] || 'bench-lab-end'));
  } else {
    await benchAlone(args);
  }
}
