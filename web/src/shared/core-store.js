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

async function loadSheet() {
  if (isServer || typeof CSSStyleSheet === 'undefined' || !('replaceSync' in CSSStyleSheet.prototype)) return null;
  const response = await fetch(new URL('./bitruler.css', import.meta.url), { credentials: 'same-origin' });
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
