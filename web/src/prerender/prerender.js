/**
 * Prerendering: every <bit-*> element of an HTML text gets its default picture, formulas and
 * numbers as declarative shadow DOM (<template shadowrootmode="open">), rendered in Node by the
 * same elements and the same WASM core the browser uses. A reader sees them at first paint, with no
 * script at all; in a browser each element then takes over, rendering the same DOM in its place.
 *
 *   import { prerenderHtml } from 'bitruler/prerender';
 *   const out = await prerenderHtml(html, { base: '/bitruler/' });
 *
 * `base` is where dist/ is served (the URL of bitruler.css inside each shadow root, and of the
 * stylesheet link added to <head>); without it, the directory of the page's own
 * <script src=".../bitruler.js"> is used, else "./".
 *
 * Only the elements' own start tags are touched: the template goes right after each start tag and
 * one stylesheet link before </head>; everything else in the file stays byte for byte.
 */
import { parse } from 'parse5';
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import { setCore, core } from '../shared/core-store.js';
import { langOf } from '../shared/i18n.js';
import { ELEMENT_CLASSES } from './elements.js';
import { BitElement } from '../elements/base.js';

const TAGS = new Set(Object.keys(ELEMENT_CLASSES));

let defined = null;
/**
 * Registers every element in the server's registry, once, with the words of both languages and
 * its panel (code and words): an element written with `open` is prerendered with its panel.
 */
function defineAll() {
  defined ??= Promise.all(Object.entries(ELEMENT_CLASSES).map(async ([tag, cls]) => {
    await Promise.all([cls.loadLanguages(['zh', 'en']), cls.loadPanel(['zh', 'en'])]);
    if (!customElements.get(tag)) customElements.define(tag, cls);
  }));
  return defined;
}

function escapeAttribute(value) {
  return String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

function walk(node, visit, ancestors = []) {
  visit(node, ancestors);
  const children = node.tagName === 'template' ? node.content?.childNodes : node.childNodes;
  for (const child of children ?? []) walk(child, visit, [...ancestors, node]);
}

/** The language an element inherits: its own lang, else the nearest ancestor's, else zh. */
function inheritedLang(ancestors) {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const attr = ancestors[i].attrs?.find((a) => a.name === 'lang');
    const lang = attr && langOf(attr.value);
    if (lang) return lang;
  }
  return 'zh';
}

// Lit's server renderer marks its parts with comments (<!--lit-part …-->, <!--/lit-part-->,
// <!--lit-node n-->) for client-side hydration; the elements render afresh instead (base.js), so
// the markers are dropped: 14% of a prerendered page's gzipped bytes. The elements render no
// comments of their own.
// (<?> too: the empty comment Lit's templates leave after each item of a list.)
const LIT_MARKER = /<!--(?:\/?lit-part[^>]*|lit-node \d+)-->|<\?>/g;
// Whitespace between tags of an SVG, outside its <text> elements, draws nothing.
const squeezeSvg = (svgText) => svgText.split(/(<text\b[\s\S]*?<\/text>)/).map((piece, i) => (i % 2 ? piece : piece.replace(/>\s+</g, '><'))).join('');
const withoutLitMarkers = (markup) => markup.replace(LIT_MARKER, '').replace(/<svg\b[\s\S]*?<\/svg>/g, squeezeSvg);

/** The shadow DOM markup (the <template> element) for one element. */
export async function renderElement(tag, attrs, { documentLang = 'zh', cssHref }) {
  if (!TAGS.has(tag)) throw new Error(`not a bitruler element: <${tag}>`);
  const attrText = attrs.map(({ name, value }) => ` ${name}="${escapeAttribute(value)}"`).join('');
  BitElement.prerenderLang = documentLang;
  try {
    const markup = await collectResult(render(staticHtml`${unsafeStatic(`<${tag}${attrText}>`)}${unsafeStatic(`</${tag}>`)}`));
    const start = markup.indexOf('<template shadowroot');
    const end = markup.lastIndexOf('</template>');
    if (start < 0 || end < 0) throw new Error(`<${tag}> rendered no shadow root`);
    const open = markup.indexOf('>', start) + 1;
    // One template attribute is enough (shadowrootmode); the stylesheet first, so the shadow
    // content is styled when painted.
    // an open panel's rules too (bitruler-panel.css, beside bitruler.css)
    const panelCss = attrs.some((a) => a.name === 'open')
      ? `<link rel="stylesheet" href="${escapeAttribute(cssHref.replace(/bitruler\.css$/, 'bitruler-panel.css'))}">` : '';
    return `<template shadowrootmode="open"><link rel="stylesheet" href="${escapeAttribute(cssHref)}">${panelCss}${withoutLitMarkers(markup.slice(open, end))}</template>`;
  } finally {
    BitElement.prerenderLang = null;
  }
}

/** Where dist/ is served: options.base, else the directory of the page's bitruler.js script. */
function distBase(document, base) {
  if (base != null) return base.endsWith('/') ? base : `${base}/`;
  let found = null;
  walk(document, (node) => {
    if (found || node.tagName !== 'script') return;
    const src = node.attrs.find((a) => a.name === 'src')?.value;
    if (src && /(^|\/)bitruler\.js(\?|#|$)/.test(src)) found = src.replace(/bitruler\.js([?#].*)?$/, '');
  });
  return found ?? './';
}

/**
 * Returns `html` with every bitruler element prerendered. Elements that already have a shadow
 * root template (a second run) are left as they are.
 * @param {string} html
 * @param {{ base?: string, core?: object }} [options] core: a loaded core API (else loaded here)
 */
export async function prerenderHtml(html, options = {}) {
  if (options.core) setCore(options.core);
  if (!core()) {
    const { load } = await import('../core.js');
    setCore(await load());
  }
  await defineAll();
  const document = parse(html, { sourceCodeLocationInfo: true });
  const base = distBase(document, options.base);
  const cssHref = `${base}bitruler.css`;
  const inserts = [];
  const jobs = [];
  let headEnd = null;
  let hasLink = false;
  walk(document, (node, ancestors) => {
    if (node.tagName === 'head') headEnd = node.sourceCodeLocation?.endTag?.startOffset ?? null;
    if (node.tagName === 'link' && node.attrs.some((a) => a.name === 'href' && a.value === cssHref)) hasLink = true;
    if (!TAGS.has(node.tagName) || !node.sourceCodeLocation?.startTag) return;
    if (node.childNodes.some((c) => c.tagName === 'template' && c.attrs.some((a) => a.name === 'shadowrootmode'))) return;
    const at = node.sourceCodeLocation.startTag.endOffset;
    const lang = inheritedLang([...ancestors, node]);
    jobs.push(async () => inserts.push({ at, markup: await renderElement(node.tagName, node.attrs, { documentLang: lang, cssHref }) }));
  });
  // one at a time: the renderer's language is global state
  for (const job of jobs) await job();
  if (headEnd != null && !hasLink && inserts.length) {
    // Fetched with the page (so that each shadow root's link finds it loaded) and read by the
    // loader for elements rendered later, but applied to no part of the post: media="not all".
    inserts.push({ at: headEnd, markup: `<link rel="stylesheet" href="${escapeAttribute(cssHref)}" media="not all">\n` });
  }
  inserts.sort((a, b) => b.at - a.at);
  let out = html;
  for (const { at, markup } of inserts) out = out.slice(0, at) + markup + out.slice(at);
  return out;
}

export { html };
