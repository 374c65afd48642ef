// The one loaded core every element computes with, and the element stylesheet.
//
// Elements compute synchronously while they render (so a prerender in Node and the first render
// in a browser give the same DOM). The loader (web/src/bitruler.js) therefore defines them only
// after loadCore() has resolved; the prerenderer calls setCore() with the module it loaded in Node.
import { isServer } from 'lit';

let api = null;
let loading = null;
let sheet = null;
let panelSheetLoading = null;
let panelStyles = null;

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

/**
 * A stylesheet beside this file (its URL written out as new URL('./x.css', import.meta.url), which
 * bundlers and the package's file list recognize) as a constructable sheet, or null where there
 * are none.
 */
async function loadSheet(where) {
  if (isServer || typeof CSSStyleSheet === 'undefined' || !('replaceSync' in CSSStyleSheet.prototype)) return null;
  const url = where.href;
  const name = url.slice(url.lastIndexOf('/') + 1);
  const linked = linkedRules(url);
  if (linked !== null) {
    const s = new CSSStyleSheet();
    s.replaceSync(linked);
    return s;
  }
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${name}`);
  const s = new CSSStyleSheet();
  s.replaceSync(await response.text());
  return s;
}

/** The panels' stylesheet (a constructable sheet), or null before loadPanelSheet() / in Node. */
export function panelSheet() {
  return panelStyles;
}

/**
 * Loads bitruler-panel.css once, when a first panel opens (its rules are the panels' only);
 * a failed fetch is tried again by the next call.
 */
export function loadPanelSheet() {
  panelSheetLoading ??= loadSheet(new URL('./bitruler-panel.css', import.meta.url)).then((s) => { panelStyles = s; }, (error) => {
    panelSheetLoading = null;
    throw error;
  });
  return panelSheetLoading;
}

/** Loads the WASM core and the stylesheet once; rejects if either cannot be had. */
export function loadCore() {
  if (!loading) {
    loading = (async () => {
      const [{ load }, styles] = await Promise.all([import('../core.js'), loadSheet(new URL('./bitruler.css', import.meta.url))]);
      const loaded = await load();
      sheet = styles;
      api = loaded;
      return loaded;
    })();
    loading.catch(() => {}); // callers handle the rejection; never an unhandled one
  }
  return loading;
}
