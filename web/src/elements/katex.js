// KaTeX rendering into shadow DOM, MathML output only (no KaTeX CSS or fonts to ship).
import katex from 'katex';

const lastTex = new WeakMap();

// MathML Core (what Chromium implements) ignores mathvariant other than "normal", so KaTeX's
// <mi mathvariant="double-struck">E</mi> shows a plain E and \mathcal N a plain N. Writing the
// Unicode mathematical letters (𝔼, 𝒩, ℒ …) instead is what MathML Core asks authors to do.
const VARIANTS = {
  bold: { upper: 0x1D400, lower: 0x1D41A, digit: 0x1D7CE, holes: {} },
  script: { upper: 0x1D49C, lower: 0x1D4B6, holes: { B: 0x212C, E: 0x2130, F: 0x2131, H: 0x210B, I: 0x2110, L: 0x2112, M: 0x2133, R: 0x211B, e: 0x212F, g: 0x210A, o: 0x2134 } },
  fraktur: { upper: 0x1D504, lower: 0x1D51E, holes: { C: 0x212D, H: 0x210C, I: 0x2111, R: 0x211C, Z: 0x2128 } },
  'double-struck': { upper: 0x1D538, lower: 0x1D552, digit: 0x1D7D8, holes: { C: 0x2102, H: 0x210D, N: 0x2115, P: 0x2119, Q: 0x211A, R: 0x211D, Z: 0x2124 } },
};

function toMathLetter(ch, v) {
  if (v.holes[ch]) return String.fromCodePoint(v.holes[ch]);
  const c = ch.charCodeAt(0);
  if (c >= 65 && c <= 90) return String.fromCodePoint(v.upper + c - 65);
  if (c >= 97 && c <= 122) return String.fromCodePoint(v.lower + c - 97);
  if (c >= 48 && c <= 57 && v.digit) return String.fromCodePoint(v.digit + c - 48);
  return ch;
}

/** The same on MathML markup (for formulas rendered ahead of time, e.g. the page's). */
export function unicodeMathVariantsInMarkup(markup) {
  return markup.replace(/<(m[a-z]+) mathvariant="([a-z-]+)">([^<]*)<\/\1>/g, (all, tag, variant, text) => {
    const v = VARIANTS[variant];
    return v ? `<${tag}>${[...text].map((ch) => toMathLetter(ch, v)).join('')}</${tag}>` : all;
  });
}

/** Replaces mathvariant letters under `root` by their Unicode mathematical letters. */
export function unicodeMathVariants(root) {
  for (const node of root.querySelectorAll('[mathvariant]')) {
    const v = VARIANTS[node.getAttribute('mathvariant')];
    if (!v || node.children.length) continue;
    node.textContent = [...node.textContent].map((ch) => toMathLetter(ch, v)).join('');
    node.removeAttribute('mathvariant');
  }
}

/**
 * Render TeX into `target` (an element inside a shadow root). Re-rendering the same TeX is skipped,
 * so it is cheap to call on every update. Never throws: bad TeX shows as KaTeX's red source text.
 */
export function renderTex(target, tex, { display = true } = {}) {
  if (!target) return;
  if (lastTex.get(target) === tex) return;
  lastTex.set(target, tex);
  try {
    katex.render(tex, target, {
      output: 'mathml',
      displayMode: display,
      throwOnError: false,
      strict: 'ignore',
      trust: false,
    });
    unicodeMathVariants(target);
  } catch {
    target.textContent = tex;
  }
}

const TEX_ESCAPES = {
  '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', '$': '\\$', '&': '\\&', '#': '\\#',
  '%': '\\%', '_': '\\_', '^': '\\textasciicircum{}', '~': '\\textasciitilde{}',
};

/** Escape reader-supplied text (a team label) for use inside \text{...}. */
export function texEscape(s) {
  return String(s ?? '').replace(/[\\{}$&#%_^~]/g, (c) => TEX_ESCAPES[c]);
}

/** \text{label} with the label escaped. */
export function texText(s) {
  return `\\text{${texEscape(s)}}`;
}
