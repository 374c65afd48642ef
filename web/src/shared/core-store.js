// The one loaded core every element computes with, and the element stylesheet.
//
// Elements compute synchronously while they render (so a prerender in Node and the first render
// in a browser give the same DOM). The loader (web/src/bitruler.js) therefore defines them only
// after loadCore() has resolved; the prerenderer calls setCore() with the module it loaded in Node.
import { isServer } from 'lit';

let api = null;
let loading = null;
let sheet = null;

/** The loaded API (see web/src/core.d.ts), or null before loading. */
export function core() {
  return api;
}

export function setCore(loaded) {
  api = loaded;
}

/** The shared element stylesheet (a constructable sheet), or null before loading / in Node. */
export function elementSheet() {
  return sheet;
}

// The page may already have the stylesheet (a prerendered page links it in <head>, for no media:
// the post itself is never styled by it): its rules are reused instead of a second download. Otherwise (an element rendered only in the browser, or a
// stylesheet on another origin, whose rules a page cannot read) it is fetched.
function linkedRules(url) {
  for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
    if (link.href !== url) continue;
    try {
      const rules = link.sheet?.cssRules;
      if (rules) return [...rules].map((r) => r.cssText).join('\n');
    } catch { /* another origin: not readable */ }
  }
  return null;
}

async function loadSheet() {
  if (isServer || typeof CSSStyleSheet === 'undefined' || !('replaceSync' in CSSStyleSheet.prototype)) return null;
  const url = new URL('./bitruler.css', import.meta.url).href;
  const linked = linkedRules(url);
  if (linked !== null) {
    const s = new CSSStyleSheet();
    s.replaceSync(linked);
    return s;
  }
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`HTTP ${response.status} for bitruler.css`);
  const s = new CSSStyleSheet();
  s.replaceSync(await response.text());
  return s;
}

/** Loads the WASM core and the stylesheet once; rejects if either cannot be had. */
export function loadCore() {
  if (!loading) {
    loading = (async () => {
      const [{ load }, styles] = await Promise.all([import('../core.js'), loadSheet()]);
      const loaded = await load();
      sheet = styles;
      api = loaded;
      return loaded;
    })();
    loading.catch(() => {}); // callers handle the rejection; never an unhandled one
  }
  return loading;
}
