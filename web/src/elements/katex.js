// KaTeX rendering into shadow DOM, MathML output only (no KaTeX CSS or fonts to ship).
import katex from 'katex';

const lastTex = new WeakMap();

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
