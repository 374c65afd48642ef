#!/usr/bin/env node
// Collects every TeX formula the reading page and its elements render (from KaTeX's MathML
// <annotation encoding="application/x-tex">), in both languages and after a few edits, into
// tests/node/katex-corpus.json for katex-trim.test.mjs. Run after `npm run build`:
//   node tests/node/katex-corpus.mjs
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, openPage, snapshotDist, startServer } from '../browser/helpers.mjs';

const harvest = (page) => page.evaluate(() => {
  const out = new Set();
  const walk = (root) => {
    for (const a of root.querySelectorAll('annotation[encoding="application/x-tex"]')) out.add(a.textContent);
    for (const e of root.querySelectorAll('*')) if (e.shadowRoot) walk(e.shadowRoot);
  };
  walk(document);
  return [...out];
});

const dist = snapshotDist();
const server = await startServer({ root: dist.dir });
const browser = await launchBrowser();
const corpus = new Set();
try {
  for (const [query, width] of [['', 1280], ['?lang=en', 1280], ['?lang=en&kl.q=1,0&ce.unit=nat&china.p=0', 375],
    ['?eight.p=2,1,1&france.unit=hartley&final.pb=1/3&ruler.p=gaussian:0,1&ruler.q=gaussian:1,2', 1280]]) {
    const { page, context } = await openPage(browser, server.url + query, { width });
    await page.click('#learn button >> nth=0').catch(() => {});
    await page.waitForTimeout(1500);
    for (const t of await harvest(page)) corpus.add(t);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
  dist.remove();
}
const file = join(dirname(fileURLToPath(import.meta.url)), 'katex-corpus.json');
writeFileSync(file, `${JSON.stringify([...corpus].sort(), null, 1)}\n`);
console.log(`${corpus.size} formulas → ${file}`);
