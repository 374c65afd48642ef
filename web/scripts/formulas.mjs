// Formulas are compiled to MathML at build time, so no TeX engine ships to the reader.
//
// A formula module (web/src/**/*.tex.js) exports TeX templates with slots for live values:
//   \num{name}   a number (formatted by shared/format.js numberParts)
//   \prob{name}  a probability: 1/1024 as a fraction, others as a number
//   \txt{name}   reader text (a team's name) inside \text{}
//   \raw{name}   a piece of MathML chosen at run time (e.g. the log of the current unit)
// KaTeX renders each template once here with the slots as marked text; the markup is split at
// the slots, and web/src/shared/mathml.js fills them at run time with exactly the markup KaTeX
// would have produced for those values (tests/node/formulas.test.mjs compares the two).
//
// The compiled markup leaves out what a reader's browser does not render: KaTeX's wrapper span,
// the MathML namespace attribute (implied in HTML), <semantics> and the TeX <annotation>.
import { pathToFileURL } from 'node:url';
import katex from 'katex';

// \mathord keeps a slot in a node of its own (KaTeX merges adjacent \text into one <mtext>);
// a \txt slot is text and may merge with the text around it, exactly as the value would.
const SLOT_MACROS = {
  '\\num': '\\mathord{\\text{§n:#1§}}',
  '\\prob': '\\mathord{\\text{§p:#1§}}',
  '\\raw': '\\mathord{\\text{§r:#1§}}',
  '\\txt': '\\text{§t:#1§}',
};

// MathML elements whose children are fixed arguments (a slot that becomes several nodes there
// needs an <mrow>, as KaTeX adds one for a multi-node argument).
const FIXED_ARITY = new Set(['mfrac', 'msub', 'msup', 'msubsup', 'munder', 'mover', 'munderover', 'mroot', 'msqrt']);

// MathML Core (Chromium) ignores mathvariant other than "normal": write the Unicode mathematical
// letters instead (𝔼, 𝒩, ℒ …), as MathML Core asks authors to do.
const VARIANTS = {
  bold: { upper: 0x1D400, lower: 0x1D41A, digit: 0x1D7CE, holes: {} },
  script: { upper: 0x1D49C, lower: 0x1D4B6, holes: { B: 0x212C, E: 0x2130, F: 0x2131, H: 0x210B, I: 0x2110, L: 0x2112, M: 0x2133, R: 0x211B, e: 0x212F, g: 0x210A, o: 0x2134 } },
  fraktur: { upper: 0x1D504, lower: 0x1D51E, holes: { C: 0x212D, H: 0x210C, I: 0x2111, R: 0x211C, Z: 0x2128 } },
  'double-struck': { upper: 0x1D538, lower: 0x1D552, digit: 0x1D7D8, holes: { C: 0x2102, H: 0x210D, N: 0x2115, P: 0x2119, Q: 0x211A, R: 0x211D, Z: 0x2124 } },
};

function mathLetter(ch, v) {
  if (v.holes[ch]) return String.fromCodePoint(v.holes[ch]);
  const c = ch.charCodeAt(0);
  if (c >= 65 && c <= 90) return String.fromCodePoint(v.upper + c - 65);
  if (c >= 97 && c <= 122) return String.fromCodePoint(v.lower + c - 97);
  if (c >= 48 && c <= 57 && v.digit) return String.fromCodePoint(v.digit + c - 48);
  return ch;
}

/** KaTeX MathML made compact and MathML-Core friendly (see the header). */
export function normalizeKatex(markup) {
  let m = markup
    .replace(/^<span class="katex(?:-display)?">(?:<span class="katex">)?/, '')
    .replace(/(?:<\/span>)+$/, '')
    .replace(' xmlns="http://www.w3.org/1998/Math/MathML"', '')
    .replace(/<semantics>([\s\S]*)<annotation encoding="application\/x-tex">[\s\S]*?<\/annotation><\/semantics>/, '$1');
  m = m.replace(/<(m[a-z]+) mathvariant="([a-z-]+)">([^<]*)<\/\1>/g, (all, tag, variant, text) => {
    const v = VARIANTS[variant];
    return v ? `<${tag}>${[...text].map((ch) => mathLetter(ch, v)).join('')}</${tag}>` : all;
  });
  return m;
}

export function renderKatex(tex, { display = true } = {}) {
  return normalizeKatex(katex.renderToString(tex, {
    output: 'mathml', displayMode: display, throwOnError: true, strict: 'ignore', macros: { ...SLOT_MACROS },
  }));
}

/**
 * Compiles one template into parts: strings of markup and slot records
 * { slot, kind: 'n' | 'p' | 't' | 'r', fixed, before, after } where `before`/`after` are the text
 * around the slot inside its <mtext> (a \txt slot may share its <mtext> with other text).
 */
export function compileFormula(tex, options) {
  const markup = renderKatex(tex, options);
  const parts = [];
  const stack = [];
  let last = 0;
  const tagRe = /<mi><mtext>§([npr]):(\w+)§<\/mtext><\/mi>|<mtext>([^<]*§t:\w+§[^<]*)<\/mtext>|<(\/?)([a-z]+)[^>]*?(\/?)>/g;
  let m;
  while ((m = tagRe.exec(markup))) {
    if (m[1] !== undefined) {
      parts.push(markup.slice(last, m.index), { slot: m[2], kind: m[1], fixed: FIXED_ARITY.has(stack[stack.length - 1]) });
      last = m.index + m[0].length;
    } else if (m[3] !== undefined) {
      // text slots: one <mtext> holding literal text and slot values
      const pieces = m[3].split(/§t:(\w+)§/).map((p, i) => (i % 2 ? { slot: p } : p)).filter((p) => p !== '');
      parts.push(markup.slice(last, m.index), { mtext: pieces });
      last = m.index + m[0].length;
    } else if (m[4]) stack.pop();
    else if (!m[6]) stack.push(m[5]);
  }
  parts.push(markup.slice(last));
  if (/§/.test(parts.filter((p) => typeof p === 'string').join(''))) {
    throw new Error(`formula ${JSON.stringify(tex)}: a slot was not recognized in KaTeX's output`);
  }
  const merged = [];
  for (const p of parts) {
    if (typeof p === 'string' && typeof merged[merged.length - 1] === 'string') merged[merged.length - 1] += p;
    else if (p !== '') merged.push(p);
  }
  return merged;
}

/** Compiles every export of a formula module: { name: parts }. A template is a string or { tex, inline }. */
export function compileModule(templates) {
  const out = {};
  for (const [name, t] of Object.entries(templates)) {
    const { tex, inline = false } = typeof t === 'string' ? { tex: t } : t;
    out[name] = compileFormula(tex, { display: !inline });
  }
  return out;
}

/** esbuild plugin: `import F from './x.tex.js'` gives the compiled parts instead of the TeX. */
export function formulasPlugin() {
  return {
    name: 'bitruler-formulas',
    setup(build) {
      build.onLoad({ filter: /\.tex\.js$/ }, async (args) => {
        const mod = await import(`${pathToFileURL(args.path).href}?t=${Date.now()}`);
        const compiled = compileModule(mod.default);
        return { contents: `export default ${JSON.stringify(compiled)};`, loader: 'js' };
      });
    },
  };
}
