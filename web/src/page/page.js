// The reading page, one file per language (dist/index.html in Chinese, dist/en.html in English,
// both made from web/src/page/index.html): the language links and "copy link" carry the state of
// every calculator, which the URL keeps, so a copied link reopens exactly what the reader sees.
//
// URL state is only state: each element class declares the attributes that are its state
// (`static state`); the page reads and writes those alone, for the calculators of <main> (custom
// elements with an id), as ?<id>.<attribute>=<value>, and leaves out every value that equals the
// page's own (so links stay short). A link can never set anything else: not an event handler, not
// a style, not an attribute of an element that is not a calculator. The element itself checks each
// value and reports one it cannot use.
//
// Calculators are prerendered with the page's defaults, so a link's values are applied once the
// element is defined and has taken over its prerendered DOM.
import { define, TAGS } from '../bitruler.js';

const WRITE_DELAY_MS = 150;
/** Longest value a link may set (a distribution of 64 outcomes fits many times over). */
export const MAX_VALUE_LENGTH = 2000;
const ID = /^[a-z][a-z0-9-]{0,40}$/;
const ATTRIBUTE = /^[a-z][a-z0-9-]{0,40}$/;

/** The calculators: bitruler elements inside <main> with an id. */
export function calculators(doc = document) {
  return [...doc.querySelectorAll('main [id]')].filter((el) => TAGS.includes(el.localName));
}

/**
 * Reads a query string: { lang, values: Map<id, Map<attribute, value>>, rejected: [key, ...] }.
 * `lang` (zh | en) is only read: links made before the page had one file per language carry it.
 * Only the shape is checked here (ids and attribute names as identifiers, values of at most
 * MAX_VALUE_LENGTH characters without control characters); whether an attribute is state is
 * decided per element class in apply().
 */
export function parseState(search) {
  const state = { lang: null, values: new Map(), rejected: [] };
  for (const [key, value] of new URLSearchParams(search)) {
    if (key === 'lang') {
      if (value === 'zh' || value === 'en') state.lang = value;
      else state.rejected.push(key);
      continue;
    }
    const dot = key.indexOf('.');
    const id = key.slice(0, dot);
    const attribute = key.slice(dot + 1).toLowerCase();
    // eslint-disable-next-line no-control-regex
    if (dot < 1 || !ID.test(id) || !ATTRIBUTE.test(attribute) || value.length > MAX_VALUE_LENGTH || /[\u0000-\u001f\u007f]/.test(value)) {
      state.rejected.push(key);
      continue;
    }
    if (!state.values.has(id)) state.values.set(id, new Map());
    state.values.get(id).set(attribute, value);
  }
  return state;
}

// Commas, slashes and colons are legal in a query string; keeping them readable keeps a shared
// link like ?eight.p=0.5,0.5 legible.
const encode = (s) => encodeURIComponent(s).replace(/%2C/gi, ',').replace(/%2F/gi, '/').replace(/%3A/gi, ':');

/** Writes { entries: [[id, attribute, value], ...] } as a query string ('' when empty). */
export function serializeState({ entries }) {
  const parts = [];
  for (const [id, attribute, value] of entries) parts.push(`${encode(id)}.${attribute}=${encode(value)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

class PageState {
  constructor(doc) {
    this.doc = doc;
    this.elements = calculators(doc);
    this.byId = new Map(this.elements.map((el) => [el.id, el]));
    this.timer = 0;
    // The page's own value of every attribute.
    this.defaults = new Map(this.elements.map((el) => [el.id, new Map([...el.attributes].map(({ name, value }) => [name, value]))]));
  }

  defaultOf(id, name) {
    return this.defaults.get(id)?.get(name) ?? null;
  }

  /**
   * Applies a link's values to one calculator (its class decides which attributes are state). A
   * link that opens its panel loads the panel first, so that it opens whole, in one step.
   */
  async apply(el, values) {
    const cls = await define(el.localName);
    if (values.has('open') && cls.state.includes('open')) await cls.loadPanel([el.lang]).catch(() => {});
    await el.updateComplete;
    for (const [name, value] of values) {
      if (cls.state.includes(name)) el.setAttribute(name, value);
      else console.warn(`bitruler: the link's ${el.id}.${name} is not state of <${el.localName}> and was ignored`);
    }
  }

  entries() {
    const out = [];
    for (const el of this.elements) {
      const cls = customElements.get(el.localName);
      if (!cls) continue;
      for (const name of cls.state) {
        const value = el.getAttribute(name);
        const own = this.defaultOf(el.id, name);
        if (value !== own && !(value === null && own === null)) out.push([el.id, name, value ?? '']);
      }
    }
    return out;
  }

  url() {
    const loc = this.doc.location;
    return `${loc.pathname}${serializeState({ entries: this.entries() })}${loc.hash}`;
  }

  scheduleWrite() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.writeNow(), WRITE_DELAY_MS);
  }

  writeNow() {
    clearTimeout(this.timer);
    const next = this.url();
    const loc = this.doc.location;
    if (next !== `${loc.pathname}${loc.search}${loc.hash}`) history.replaceState(history.state, '', next);
  }

  observe() {
    const mo = new MutationObserver((records) => {
      if (records.some((r) => customElements.get(r.target.localName)?.state?.includes(r.attributeName))) this.scheduleWrite();
    });
    for (const el of this.elements) mo.observe(el, { attributes: true });
  }
}

async function copyLink(state, button) {
  state.writeNow();
  const label = button.querySelector('[data-copied]');
  try {
    await navigator.clipboard.writeText(state.doc.location.href);
    if (label) label.hidden = false;
    setTimeout(() => { if (label) label.hidden = true; }, 2000);
  } catch {
    // no clipboard (an insecure origin): show the link so it can be copied by hand
    window.prompt(button.dataset.prompt || 'URL', state.doc.location.href);
  }
}

/** The page in the other language, with the same state (an old link's ?lang=en comes here too). */
function followLanguage(state, a, event) {
  state.writeNow();
  const target = new URL(a.getAttribute('href'), state.doc.baseURI);
  target.search = state.doc.location.search;
  target.hash = state.doc.location.hash;
  event?.preventDefault();
  state.doc.location.assign(target.href);
}

export function initPage(doc = document) {
  const state = new PageState(doc);
  const link = parseState(doc.location.search);
  const pageLang = doc.documentElement.lang.startsWith('en') ? 'en' : 'zh';
  if (link.lang && link.lang !== pageLang) {
    const other = doc.querySelector(`[data-lang-link="${link.lang}"]`);
    const params = new URLSearchParams(doc.location.search);
    params.delete('lang');
    const target = new URL(other.getAttribute('href'), doc.baseURI);
    target.search = params.toString();
    doc.location.replace(target.href);
    return state;
  }
  for (const a of doc.querySelectorAll('[data-lang-link]')) a.addEventListener('click', (e) => followLanguage(state, a, e));
  for (const b of doc.querySelectorAll('[data-copy-link]')) b.addEventListener('click', () => copyLink(state, b));
  for (const key of link.rejected) console.warn(`bitruler: the link's ${key} was ignored (not a calculator setting)`);
  const applied = [];
  for (const [id, values] of link.values) {
    const el = state.byId.get(id);
    if (el) applied.push(state.apply(el, values));
    else console.warn(`bitruler: the link names no calculator "${id}"`);
  }
  Promise.allSettled(applied).then(() => {
    state.observe();
    doc.documentElement.dataset.ready = 'true';
  });
  // a calculator that cannot load leaves the page readable (its prerendered picture stays); say why once
  doc.addEventListener('bitruler-unavailable', () => doc.querySelector('.wasm-notice')?.removeAttribute('hidden'));
  return state;
}

if (typeof document !== 'undefined' && document.documentElement.hasAttribute('data-bitruler-page')) initPage(document);
