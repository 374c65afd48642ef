// Type declarations of dist/prerender.mjs (`import { prerenderHtml } from 'bitruler/prerender'`),
// Node only: renders the <bit-*> elements of an HTML text into declarative shadow DOM with the
// same elements and WASM core the browser uses. Shipped as dist/prerender.d.mts.

import type { BitRuler } from './core.js';

export interface PrerenderOptions {
  /**
   * Where dist/ (bitruler.js, bitruler.css) is served, e.g. '/bitruler/'. Default: the directory
   * of the page's own <script src=".../bitruler.js">, else './'.
   */
  base?: string;
  /** A core already loaded with `load()` from 'bitruler/core' (else it is loaded here, once). */
  core?: BitRuler;
}

/**
 * Returns `html` with every bitruler element prerendered: a <template shadowrootmode="open"> right
 * after each element's start tag and one stylesheet link before </head>; everything else stays
 * byte for byte. Elements that already carry a shadow root template are left as they are.
 */
export declare function prerenderHtml(html: string, options?: PrerenderOptions): Promise<string>;

/** The shadow root markup (the <template> element) of one element with these attributes. */
export declare function renderElement(
  tag: string,
  attrs: ReadonlyArray<{ name: string; value: string }>,
  options: { documentLang?: 'zh' | 'en'; cssHref: string },
): Promise<string>;
