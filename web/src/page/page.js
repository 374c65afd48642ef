// The reading-companion page (dist/index.html): language switch, the WebAssembly notice, and
// the state of every calculator kept in the URL. Its formulas are MathML in the HTML already
// (web/src/page/prerender.mjs). bitruler.js imports this module first, so on the page the URL's
// state is on the elements' attributes before they upgrade; on any other document (a blog post
// embedding the elements) initPage() is never called.
import { load } from '../core.js';

export const PAGE_LANGS = ['zh', 'en'];
const HTML_LANG = { zh: 'zh-CN', en: 'en' };
const URL_WRITE_DELAY_MS = 150;

// Attributes that are presentation or the page's own bookkeeping, never calculator state.
const UNTRACKED = new Set([
  'id', 'class', 'style', 'lang', 'slot', 'part', 'tabindex', 'role', 'hidden', 'dir', 'title',
  'inert', 'draggable', 'spellcheck', 'translate', 'contenteditable', 'exportparts',
]);
const isTracked = (name) => !UNTRACKED.has(name) && !name.startsWith('data-') && !name.startsWith('aria-');

/** The calculators on the page: custom elements (bit-*) inside <main> that have an id. */
export function calculators(root = document) {
  return [...root.querySelectorAll('main [id]')].filter((el) => el.localName.startsWith('bit-'));
}

/** Parses the page's query string into { lang, attrs: Map<id, Map<attr, value|null>> }. */
export function parseState(search) {
  const params = new URLSearchParams(search);
  const state = { lang: null, attrs: new Map() };
  for (const [key, value] of params) {
    if (key === 'lang') {
      if (PAGE_LANGS.includes(value)) state.lang = value;
      continue;
    }
    const removed = key.startsWith('!');
    const dot = key.indexOf('.');
    if (dot <= (removed ? 1 : 0)) continue;
    const id = key.slice(removed ? 1 : 0, dot);
    const attr = key.slice(dot + 1).toLowerCase();
    if (!/^[a-z][a-z0-9-]*$/.test(attr) || !isTracked(attr)) continue;
    if (!state.attrs.has(id)) state.attrs.set(id, new Map());
    state.attrs.get(id).set(attr, removed ? null : value);
  }
  return state;
}

// Commas, slashes and colons are legal in a query string; leaving them readable keeps a shared
// link like ?eight.p=0.5,0.5 legible.
const encodePart = (s) => encodeURIComponent(s).replace(/%2C/gi, ',').replace(/%2F/gi, '/').replace(/%3A/gi, ':');

/** Serializes { lang, entries: [[id, attr, value|null], …] } to a query string ('' when empty). */
export function serializeState({ lang, entries }) {
  const parts = [];
  if (lang && lang !== 'zh') parts.push(`lang=${encodePart(lang)}`);
  for (const [id, attr, value] of entries) {
    parts.push(value === null ? `!${encodePart(id)}.${attr}=` : `${encodePart(id)}.${attr}=${encodePart(value)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

class PageState {
  constructor(doc) {
    this.doc = doc;
    this.lang = 'zh';
    this.elements = calculators(doc);
    this.byId = new Map(this.elements.map((el) => [el.id, el]));
    /** id → Map(attr → { zh, en }) : the value each attribute has in the page as written. */
    this.defaults = new Map();
    this.fromUrl = new Map();
    this.timer = 0;
    this.observing = false;
    // The page's <title> is the Chinese one; <html data-title-en> holds the English one.
    this.titles = { zh: doc.title, en: doc.documentElement.dataset.titleEn || doc.title };
    for (const el of this.elements) {
      const defs = new Map();
      for (const { name, value } of [...el.attributes]) {
        if (!isTracked(name)) continue;
        const en = el.getAttribute(`data-en-${name}`);
        defs.set(name, { zh: value, en: en ?? value });
      }
      this.defaults.set(el.id, defs);
    }
  }

  defaultOf(id, attr) {
    const d = this.defaults.get(id)?.get(attr);
    return d ? d[this.lang] : undefined;
  }

  setLang(lang, { write = true } = {}) {
    if (!PAGE_LANGS.includes(lang)) return;
    const previous = this.lang;
    this.lang = lang;
    const html = this.doc.documentElement;
    html.lang = HTML_LANG[lang];
    for (const b of this.doc.querySelectorAll('[data-set-lang]')) {
      b.setAttribute('aria-pressed', String(b.dataset.setLang === lang));
    }
    this.doc.title = this.titles[lang];
    for (const el of this.elements) {
      el.setAttribute('lang', lang);
      // Labels the reader has not renamed follow the language; renamed ones are left alone.
      for (const [attr, d] of this.defaults.get(el.id)) {
        if (d.zh === d.en) continue;
        if (el.getAttribute(attr) === d[previous]) el.setAttribute(attr, d[lang]);
      }
    }
    if (write) this.scheduleWrite();
  }

  /** Applies a parsed URL state to the attributes (before or after the elements upgrade). */
  apply(state) {
    for (const [id, attrs] of state.attrs) {
      const el = this.byId.get(id);
      if (!el) continue;
      for (const [attr, value] of attrs) {
        if (!this.fromUrl.has(id)) this.fromUrl.set(id, new Set());
        this.fromUrl.get(id).add(attr);
        if (value === null) el.removeAttribute(attr);
        else el.setAttribute(attr, value);
      }
    }
  }

  /** Attributes the elements add when they upgrade (e.g. a reflected unit) become defaults too. */
  adoptUpgradeAttributes() {
    for (const el of this.elements) {
      const defs = this.defaults.get(el.id);
      const urlAttrs = this.fromUrl.get(el.id) ?? new Set();
      for (const { name, value } of [...el.attributes]) {
        if (!isTracked(name) || defs.has(name) || urlAttrs.has(name)) continue;
        defs.set(name, { zh: value, en: value });
      }
    }
  }

  entries() {
    const out = [];
    for (const el of this.elements) {
      const defs = this.defaults.get(el.id);
      const seen = new Set();
      for (const { name, value } of [...el.attributes]) {
        if (!isTracked(name)) continue;
        seen.add(name);
        if (value !== this.defaultOf(el.id, name)) out.push([el.id, name, value]);
      }
      for (const name of defs.keys()) if (!seen.has(name)) out.push([el.id, name, null]);
    }
    return out;
  }

  url() {
    const loc = this.doc.location;
    return `${loc.pathname}${serializeState({ lang: this.lang, entries: this.entries() })}${loc.hash}`;
  }

  scheduleWrite() {
    clearTimeout(this.timer);
    this.doc.documentElement.dataset.statePending = 'true';
    this.timer = setTimeout(() => this.writeNow(), URL_WRITE_DELAY_MS);
  }

  writeNow() {
    clearTimeout(this.timer);
    const next = this.url();
    const loc = this.doc.location;
    if (next !== `${loc.pathname}${loc.search}${loc.hash}`) history.replaceState(history.state, '', next);
    delete this.doc.documentElement.dataset.statePending;
  }

  observe() {
    if (this.observing) return;
    this.observing = true;
    const mo = new MutationObserver((records) => {
      if (records.some((r) => isTracked(r.attributeName))) this.scheduleWrite();
    });
    for (const el of this.elements) mo.observe(el, { attributes: true });
    // Elements reflect state on edits; the change event is a second trigger in case one batches.
    this.doc.addEventListener('change', (e) => {
      if (this.byId.get(e.target?.id) === e.target) this.scheduleWrite();
    });
  }
}

function isSettled(el) {
  if (!customElements.get(el.localName)) return true; // not defined here: its fallback text shows
  return el.result != null || el.error != null || el.loadFailed === true;
}

function whenSettled(elements, wasmFailed) {
  return new Promise((resolve) => {
    const check = () => {
      if (wasmFailed() || elements.every(isSettled)) resolve();
      else setTimeout(check, 30);
    };
    check();
  });
}

function showWasmNotice(doc) {
  doc.documentElement.dataset.wasm = 'unavailable';
  const notice = doc.querySelector('.wasm-notice');
  if (notice) notice.hidden = false;
}

export function initPage(doc = document) {
  const state = new PageState(doc);
  const fromUrl = parseState(doc.location.search);
  state.setLang(fromUrl.lang ?? 'zh', { write: false });
  state.apply(fromUrl);

  for (const b of doc.querySelectorAll('[data-set-lang]')) {
    b.addEventListener('click', () => state.setLang(b.dataset.setLang));
  }

  let wasmFailed = false;
  if (typeof WebAssembly !== 'object') {
    wasmFailed = true;
    showWasmNotice(doc);
  } else {
    load().then(
      () => { doc.documentElement.dataset.wasm = 'ready'; },
      () => { wasmFailed = true; showWasmNotice(doc); },
    );
  }

  // Element modules are evaluated after this one; wait for them to upgrade and answer.
  queueMicrotask(async () => {
    await whenSettled(state.elements, () => wasmFailed);
    state.adoptUpgradeAttributes();
    state.observe();
    doc.documentElement.dataset.ready = 'true';
    performance.mark?.('bitruler-page-ready');
  });
  return state;
}

if (typeof document !== 'undefined' && document.documentElement.hasAttribute('data-bitruler-page')) {
  initPage(document);
}
