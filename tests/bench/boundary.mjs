#!/usr/bin/env node
// Per-call cost of the boundary (argument reading in JS, the copy into WASM memory, the result
// object) for two builds side by side, e.g. before and after a change of the bindings:
//
//   node tests/bench/boundary.mjs [dist/core.js] [other/dist/core.js]
//
// Prints the median time per call (µs) of entropy / crossEntropy / klDivergence for 1, 10^3 and
// 10^6 outcomes, given as a Float64Array and as a plain Array, runs interleaved between builds.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const files = process.argv.slice(2);
if (files.length === 0) files.push('dist/core.js');
const apis = [];
for (const f of files) {
  const mod = await import(`${pathToFileURL(resolve(f)).href}?${apis.length}`);
  apis.push({ name: f, api: await mod.load() });
}

function lcg(n, seed) {
  const out = new Float64Array(n);
  let s = seed >>> 0;
  let sum = 0;
  for (let i = 0; i < n; i++) { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; out[i] = (s + 1) / 4294967296; sum += out[i]; }
  for (let i = 0; i < n; i++) out[i] /= sum;
  return out;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
const rows = [];
for (const n of [1, 1e3, 1e6]) {
  const P = lcg(n, 1);
  const Q = lcg(n, 2);
  const Pa = Array.from(P);
  const Qa = Array.from(Q);
  for (const [fn, args] of [
    ['entropy', (x) => [x.P]], ['crossEntropy', (x) => [x.P, x.Q]], ['klDivergence', (x) => [x.P, x.Q]],
  ]) {
    for (const [form, inputs] of [['Float64Array', { P, Q }], ['Array', { P: Pa, Q: Qa }]]) {
      const reps = n === 1e6 ? 15 : n === 1e3 ? 2000 : 20000;
      const batch = n === 1e6 ? 1 : n === 1e3 ? 20 : 200;
      const times = apis.map(() => []);
      for (let r = 0; r < reps / batch; r++) {
        apis.forEach(({ api }, k) => {
          const a = args(inputs);
          const t = performance.now();
          for (let b = 0; b < batch; b++) api[fn](...a);
          times[k].push(((performance.now() - t) * 1000) / batch);
        });
      }
      rows.push([fn, n, form, ...times.map((t) => median(t))]);
    }
  }
}
console.log(['function', 'n', 'input', ...apis.map((a) => `${a.name} µs/call`)].join('\t'));
for (const r of rows) console.log(r.map((v, i) => (i >= 3 ? v.toFixed(v < 10 ? 2 : 0) : v)).join('\t'));
