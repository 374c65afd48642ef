#!/usr/bin/env node
// Renders the page's own formulas into web/src/index.html ahead of time, so they are MathML in the
// HTML itself: they show without JavaScript, and the page module carries no formula code.
// The TeX stays in data-tex (and data-tex-narrow, a shorter multi-line form for phones; `\\`
// separates display lines). After editing a formula:
//   node web/src/page/prerender.mjs          rewrite index.html
//   node web/src/page/prerender.mjs --check  exit 1 if index.html is not up to date (tested)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import katex from 'katex';
import { unicodeMathVariantsInMarkup } from '../elements/katex.js';

const OPTIONS = { output: 'mathml', displayMode: true, throwOnError: true, strict: 'ignore' };

const decode = (s) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** One centred display line per `\\` (MathML Core has no column alignment for aligned). */
function lines(tex, className) {
  const rows = tex.split('\\\\').map((line) => `<span>${unicodeMathVariantsInMarkup(katex.renderToString(line.trim(), OPTIONS))}</span>`);
  return `<span class="${className}">${rows.join('')}</span>`;
}

/** The inner HTML of a `.math` block for its TeX (and optional narrow TeX). */
export function renderFormulaBlock(tex, narrowTex) {
  if (!narrowTex) return lines(tex, 'tex-all');
  return lines(tex, 'tex-wide') + lines(narrowTex, 'tex-narrow');
}

// <div class="math" [data-tex-narrow="…"] data-tex="…">…</div>, attributes in this order.
const BLOCK = /(<div class="math"(?: data-tex-narrow="([^"]*)")? data-tex="([^"]*)">)([\s\S]*?)(<\/div>)/g;

/** index.html text with every formula block rendered. */
export function prerender(html) {
  return html.replace(BLOCK, (all, open, narrow, tex, _inner, close) => (
    `${open}${renderFormulaBlock(decode(tex), narrow === undefined ? undefined : decode(narrow))}${close}`
  ));
}

/** The formula blocks of an HTML text: [{ tex, narrow, inner }]. */
export function formulaBlocks(html) {
  return [...html.matchAll(BLOCK)].map((m) => ({
    tex: decode(m[3]), narrow: m[2] === undefined ? undefined : decode(m[2]), inner: m[4],
  }));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'index.html');
  const html = readFileSync(file, 'utf8');
  const out = prerender(html);
  const count = formulaBlocks(html).length;
  if (process.argv.includes('--check')) {
    if (out !== html) {
      console.error(`${file}: formulas are not up to date; run node web/src/page/prerender.mjs`);
      process.exit(1);
    }
    console.log(`${count} formulas up to date`);
  } else {
    writeFileSync(file, out);
    console.log(`${count} formulas rendered into ${file}`);
  }
}
