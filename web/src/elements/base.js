/**
 * BitElement — what every bitruler element shares (a LitElement; composed, not a deep hierarchy).
 *
 * CONTRACT FOR ELEMENT AUTHORS
 *   class BitFoo extends BitElement {
 *     static properties = { ...BitElement.properties, p: { reflect: true } };
 *     static state = ['p', ...BitElement.state];    // attributes that are the calculator's state:
 *                                                   // the page keeps exactly these in its URL
 *     static languages = languagesOf('foo');        // this.t(key, params): the words of the element
 *                                                   // (picture, caption), one module per language
 *     static panel = {                              // the folded panel, loaded when it opens:
 *       code: () => import('./panels/foo-panel.js'),  // its module, default export (host) => template
 *       languages: { zh: () => import('../messages/zh/foo-panel.js'), en: … },   // its words
 *     };
 *     compute() { ... }       // from the attributes (and drafts), with this.api; sync, no DOM.
 *                             // Runs before every render, in the browser and in the prerenderer.
 *                             // Report bad input with this.fail(key, error, ctx); on success call
 *                             // this.succeed(result) and keep what render() needs on `this`.
 *     render() { ... }        // pure: the same state gives the same DOM (the prerendered one);
 *                             // return this.frame({ title, headline, picture, caption, panel: true })
 *   }
 *
 * The "adjust and details" panel is split off (most readers never open it): its module
 * (elements/panels/<name>-panel.js) and its words in the element's language
 * (messages/<lang>/<name>-panel.js) are fetched when the panel opens, and rendered when they are
 * there (a short "loading" line meanwhile; a clear message if they cannot be had).
 * `updateComplete` waits for them, so `el.open = true; await el.updateComplete` gives the whole
 * panel. An element prerendered open must find its panel loaded before it takes over: the loader
 * (bitruler.js) loads it before defining the tag when an instance is open, the prerenderer always
 * (see loadPanel).
 *
 * A prerendered element (declarative shadow DOM) takes over by rendering afresh, in one task, in
 * place of the prerendered nodes: the same state gives the same DOM, so nothing moves on screen
 * (no Lit hydration: neither its client code nor its comment markers in the page). What a reader
 * did to the prerendered DOM before (unfolded the panel, typed in a field, moved the focus) is
 * carried over.
 *
 * Rules that keep prerendering exact: render() reads only properties, compute()'s
 * output, this.lang, this.width; no Math.random, no clock, no layout reads. Browser-only work
 * (observers, pointer capture, workers) lives in connectedCallback / event handlers.
 *
 * Public API of every element: `result` (last good result or null), `error` ({ code, message,
 * field } or null), a bubbling composed `change` event (detail = result), attributes `lang`
 * (zh | en, default: nearest ancestor's), `unit` (bit | nat | hartley), `theme` (light | dark),
 * `open` (the "adjust and details" panel). Unknown values are reported in the element, not dropped.
 */
import { LitElement, html, nothing, isServer } from 'lit';
import { mathMarkup } from './math-markup.js';
import { core, elementSheet, loadCore, loadPanelSheet, panelSheet } from '../shared/core-store.js';
import { langOf, resolveLang, translate, errorSentence, useLanguage, clip, quote } from '../shared/i18n.js';
import { fill } from '../shared/mathml.js';
import LOG from '../formulas/units.tex.js';
import { NARROW } from '../shared/chart.js';

// The drag helpers of the elements' pictures, from here: everything the elements share is reached
// through base.js, as the panels reach it (panels/panel-kit.js), so the bundler keeps it in one
// chunk instead of splitting off what the panels do not use.
export { perFrame, trackPointer } from '../shared/frame.js';

/** The units: logarithm base, symbol, log's name, Python's base argument, the panel's words. */
export const UNITS = Object.freeze({
  bit: { base: 2, symbol: 'bit', log: 'log₂', python: '2', word: 'unitBit' },
  nat: { base: Math.E, symbol: 'nat', log: 'ln', python: 'None', word: 'unitNat' },
  hartley: { base: 10, symbol: 'Hart', log: 'log₁₀', python: '10', word: 'unitHartley' },
});

/**
 * The width pictures are laid out for before the element has measured itself (and in Node): about
 * a blog's text column (the essay's is 668-744 px at 1280), so that a prerendered picture is
 * usually drawn once, not again when the element measures itself.
 */
export const DEFAULT_WIDTH = 720;

const nextTask = () => new Promise((resolve) => { setTimeout(resolve, 0); });

/** Adds a constructable sheet (when there is one) to a shadow root's, once. */
function adoptSheet(root, sheet) {
  if (sheet && root.adoptedStyleSheets && !root.adoptedStyleSheets.includes(sheet)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
}

const FIELDS = 'input, select, textarea';
const FOCUSABLE = 'input, select, textarea, button, summary, [tabindex]';

/**
 * What a reader did to a prerendered DOM before its element took it over: the panel unfolded or
 * folded, fields typed in or ticked (each field: its tag, type and whether it changed), the focus
 * (its index among the focusable nodes, -1 if elsewhere).
 */
function readerState(root) {
  const fields = [...root.querySelectorAll(FIELDS)].map((f) => {
    const was = { tag: f.localName, type: f.type };
    if (f.type === 'checkbox' || f.type === 'radio') return { ...was, checked: f.checked, changed: f.checked !== f.defaultChecked };
    const initial = f.localName === 'select' ? ([...f.options].find((o) => o.defaultSelected) ?? f.options[0])?.value : f.defaultValue;
    return { ...was, value: f.value, changed: f.value !== initial };
  });
  // the panel as prerendered: open with its content, or folded and empty
  const details = root.querySelector('details.controls');
  const toggled = details && details.open !== Boolean(details.querySelector('.controls-body > *'));
  return {
    open: toggled ? details.open : undefined,
    fields,
    focus: [...root.querySelectorAll(FOCUSABLE)].indexOf(root.activeElement),
  };
}

/** A picture is drawn again for a measured width only past this ratio (else it just scales). */
const REDRAW_RATIO = 1.15;

/** Whether a picture drawn for `drawn` px must be drawn again at `measured` px. */
export function needsRedraw(drawn, measured) {
  if (!(measured > 0)) return false;
  if ((measured < NARROW) !== (drawn < NARROW)) return true;   // another aspect ratio and layout
  return Math.max(measured / drawn, drawn / measured) > REDRAW_RATIO;
}

/** The loaders of one part of the words (messages/<lang>/index.js's export `key`), per language. */
export function languagesOf(key) {
  return {
    zh: () => import('../messages/zh/index.js').then((m) => m[key]),
    en: () => import('../messages/en/index.js').then((m) => m[key]),
  };
}

const SHARED_WORDS = languagesOf('shared');

// Elements whose language follows an ancestor re-render when any lang attribute changes.
const live = new Set();
let langObserver = null;
function watchLang() {
  if (langObserver || typeof MutationObserver === 'undefined') return;
  langObserver = new MutationObserver(() => { for (const el of live) el.requestUpdate(); });
  langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

/**
 * What every bitruler element has (the base class; not an element of its own).
 *
 * @attr {"zh" | "en"} lang - Language of the element's text. Default: the nearest ancestor's `lang` (the post's), else zh.
 * @attr {"bit" | "nat" | "hartley"} unit - Unit of every number shown and of `result` (default bit). An unknown value is reported in the element and bit is used.
 * @attr {boolean} open - Opens the "adjust and details" panel (examples, inputs, tables, code).
 * @attr {"light" | "dark"} theme - Colour scheme. Default: the reader's `prefers-color-scheme`.
 *
 * @prop {object | null} result - The last good result (see each element), or null before the first one. Read-only.
 * @prop {{ code: string, reason: string | null, message: string, field: string } | null} error - The latest input error (code as in BitRulerError, message in the element's language, the field it belongs to), or null. Read-only.
 *
 * @fires {CustomEvent} change - When `result` changes, including the first result after the element is defined; `detail` is the result. Bubbles and crosses shadow roots (composed).
 *
 * @cssprop [--bitruler-accent=#1f5fd6] - P and the main accent (dark scheme: #7aa7ff).
 * @cssprop [--bitruler-accent-2=#d9590b] - Q, the second distribution (dark scheme: #fb923c).
 * @cssprop [--bitruler-bg=#fff] - Background.
 * @cssprop [--bitruler-surface=#f3f5f9] - Buttons, code and strip backgrounds.
 * @cssprop [--bitruler-fg=#1b1f24] - Text.
 * @cssprop [--bitruler-muted=#57606a] - Secondary text, axes.
 * @cssprop [--bitruler-border=#c9d1da] - Borders.
 * @cssprop [--bitruler-error=#b42318] - Error messages and invalid inputs.
 * @cssprop --bitruler-font - Text font (default: the system UI font, with CJK fallbacks).
 * @cssprop --bitruler-mono - Code font (default: the system monospace font).
 * @cssprop [--bitruler-radius=10px] - Corner radius.
 * @cssprop --bitruler-focus - Focus ring colour (default: the accent).
 */
export class BitElement extends LitElement {
  static properties = {
    unit: { reflect: true },
    open: { type: Boolean, reflect: true },
    langAttribute: { attribute: 'lang' },
    width: { state: true },
    announcement: { state: true },
  };

  /** Attributes that are this calculator's state (kept in the page's URL). */
  static state = ['unit', 'open'];

  /** The element's words: one loader per language (see messages/). */
  static languages = {};

  /** Set by the prerenderer: the language the document gives the element being rendered. */
  static prerenderLang = null;

  constructor() {
    super();
    this.open = false;
    this.width = DEFAULT_WIDTH;
    this.announcement = '';
    this._errors = new Map();     // field key → { error, ctx }
    this._result = null;
    this._lastAnnounced = '';
    this.stale = false;
    this._panelLoad = null;       // the panel's code or words being fetched for this element
    this._panelFailed = false;    // they could not be had (offline): the panel says so
  }

  // ------------------------------------------------------------------ rendering root
  createRenderRoot() {
    // Lit keeps a declarative shadow root as it is (it does not empty it).
    const root = super.createRenderRoot();
    if (!isServer) {
      this._prerendered = [...root.children].some((c) => c.classList.contains('bit'));
      adoptSheet(root, elementSheet());
    }
    return root;
  }

  /**
   * A prerendered element takes over its DOM in a task of its own: its picture is already on
   * screen, and elements defined together (two rulers, or files that arrive at once) would
   * otherwise render in one long task. An element rendered only here draws at once. A subclass
   * may define prepare(): work for its first render, done in a task of its own before it.
   */
  async scheduleUpdate() {
    if (this.hasUpdated || !this._prerendered) {
      super.scheduleUpdate();
      return;
    }
    await nextTask();
    if (this.prepare) {
      this.prepare();
      await nextTask();
    }
    // drawn at the width it has (a phone's), not the one it was prerendered at
    if (this._measuredWidth && needsRedraw(this.width, this._measuredWidth)) this.width = this._measuredWidth;
    const done = readerState(this.renderRoot);
    super.scheduleUpdate();
    this._carryOver(done);
  }

  update(changed) {
    // Taking over: the prerendered nodes out and the element's own in, in one task (nothing is
    // painted between), after compute() (which may read data the prerenderer left in them). A
    // stylesheet link stays (the styles, should the browser have no constructable stylesheets).
    if (!this.hasUpdated && this._prerendered) {
      for (const node of [...this.renderRoot.childNodes]) if (node.localName !== 'link') node.remove();
    }
    super.update(changed);
    // an open panel's rules (bitruler-panel.css), adopted before the panel is painted
    if (this.open) adoptSheet(this.renderRoot, panelSheet());
  }

  /** Puts back what a reader did to the prerendered DOM (see readerState) into the rendered one. */
  _carryOver({ open, fields, focus }) {
    if (open !== undefined && open !== this.open) this.open = open;
    const now = [...this.renderRoot.querySelectorAll(FIELDS)];
    fields.forEach((was, i) => {
      const field = now[i];
      if (!was.changed || !field || field.localName !== was.tag || field.type !== was.type) return;
      if ('checked' in was) field.checked = was.checked; else field.value = was.value;
      for (const type of ['input', 'change']) field.dispatchEvent(new Event(type, { bubbles: true, composed: true }));
    });
    if (focus >= 0) this.renderRoot.querySelectorAll(FOCUSABLE)[focus]?.focus({ preventScroll: true });
  }

  connectedCallback() {
    super.connectedCallback();
    live.add(this);
    watchLang();
    if (typeof ResizeObserver !== 'undefined') {
      this._resize = new ResizeObserver(([entry]) => {
        const w = Math.round(entry.contentBoxSize?.[0]?.inlineSize ?? entry.contentRect.width);
        // same aspect ratio at every width: measuring never moves what is around the element; a
        // width close to the drawn one only scales the picture (no second render during load)
        // A prerendered element keeps the width it was drawn at until it takes over its DOM (then
        // at the measured width, in the same task).
        if (this._prerendered && !this.hasUpdated) this._measuredWidth = w;
        else if (needsRedraw(this.width, w)) this.width = w;
      });
      this._resize.observe(this);
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    live.delete(this);
    this._resize?.disconnect();
    clearTimeout(this._announceTimer);
  }

  // ------------------------------------------------------------------ language, unit
  get lang() {
    if (isServer) return langOf(this.langAttribute) ?? BitElement.prerenderLang ?? 'zh';
    return resolveLang(this);
  }

  set lang(value) {
    this.setAttribute('lang', value);
  }

  get unitInfo() {
    return UNITS[this.unitName];
  }

  /** The unit in use: the attribute when known, else bit (and the attribute is reported). */
  get unitName() {
    const u = String(this.unit ?? 'bit').trim().toLowerCase();
    return Object.prototype.hasOwnProperty.call(UNITS, u) ? u : 'bit';
  }

  get base() {
    return this.unitInfo.base;
  }

  /** The unit's logarithm (log₂, ln, log₁₀) as a formula value: `{ log: this.logFormula }`. */
  get logFormula() {
    return { parts: LOG[this.unitName] };
  }

  get api() {
    return core();
  }

  /**
   * Everything the tag needs before the loader (bitruler.js) defines it: the core and the
   * stylesheet, the words of every language its `instances` show, and the panel of those written
   * or prerendered open (their first render shows it). Rejects when the core cannot load; a panel
   * that cannot load is no reason not to define the element (it says so).
   */
  static async loadFor(instances) {
    await loadCore();
    const langs = new Set([resolveLang(document.documentElement)]);
    const open = new Set();
    for (const el of instances) {
      langs.add(resolveLang(el));
      if (el.hasAttribute('open')) open.add(resolveLang(el));
    }
    await Promise.all([this.loadLanguages([...langs]), open.size ? this.loadPanel([...open]).catch(() => {}) : null]);
  }

  /**
   * Loads the element's and the shared words for each of `langs` (once). The loader calls it before
   * defining the element, with the languages its instances show; a language switched to later is
   * loaded on demand (the other language stands in for the few milliseconds that takes).
   */
  static loadLanguages(langs) {
    if (!Object.prototype.hasOwnProperty.call(this, 'words')) this.words = {};
    if (!Object.prototype.hasOwnProperty.call(this, 'loading')) this.loading = {};
    return Promise.all(langs.filter((l) => this.languages[l]).map((l) => {
      this.loading[l] ??= Promise.all([this.languages[l](), SHARED_WORDS[l]()]).then(([own, shared]) => {
        useLanguage(l, shared);
        this.words[l] = own;
      });
      return this.loading[l];
    }));
  }

  /** The element's words in a language (loading it if needed), or in the other one meanwhile. */
  wordsFor(lang) {
    const cls = this.constructor;
    if (!cls.words?.[lang] && !isServer) cls.loadLanguages([lang]).then(() => this.requestUpdate());
    return cls.words?.[lang] ?? cls.words?.[lang === 'en' ? 'zh' : 'en'] ?? {};
  }

  t(key, params) {
    this.wordsFor(this.lang);
    const cls = this.constructor;
    return translate(this.lang, key, params, cls.words, cls.panelWords);
  }

  /** The note for an attribute value that was ignored: the reader's text quoted and clipped. */
  ignoredNote(name, value, allowed) {
    return this.t('ignored', { name, value: quote[this.lang](clip(value)), allowed });
  }

  // ------------------------------------------------------------------ the folded panel
  /**
   * Loads the panel's code and its words for each of `langs`. Each part is fetched once; one that
   * failed (offline) is fetched again by the next call. Called by the loader before defining the
   * tag when an instance is open (it must render a prerendered panel again), by the prerenderer for
   * every element, and by an element whose panel opens.
   */
  static loadPanel(langs) {
    const panel = this.panel;
    if (!panel) return Promise.resolve();
    if (!Object.prototype.hasOwnProperty.call(this, 'panelWords')) {
      this.panelWords = {};
      this.panelFetches = {};
    }
    const fetchOnce = (part, load) => {
      this.panelFetches[part] ??= load().catch((error) => {
        delete this.panelFetches[part];
        throw error;
      });
      return this.panelFetches[part];
    };
    // the panels' stylesheet comes with the first panel's code
    const code = fetchOnce('code', () => Promise.all([panel.code(), isServer ? null : loadPanelSheet()])
      .then(([m]) => { this.renderPanel = m.default; }));
    const words = langs.filter((l) => panel.languages[l])
      .map((l) => fetchOnce(l, () => panel.languages[l]().then((m) => { this.panelWords[l] = m.default; })));
    return Promise.all([code, ...words]);
  }

  /** Whether the panel can be rendered in `lang` now (its code and some of its words are here). */
  static panelReady(lang) {
    if (!Object.prototype.hasOwnProperty.call(this, 'renderPanel')) return false;
    return Boolean(this.panelWords?.[lang] ?? this.panelWords?.[lang === 'en' ? 'zh' : 'en']);
  }

  /** Starts fetching what the open panel lacks (its code, its words in this language). */
  _loadPanelIfOpen() {
    const cls = this.constructor;
    if (isServer || !this.open || !cls.panel || this._panelLoad || this._panelFailed) return;
    if (cls.panelReady(this.lang) && cls.panelWords[this.lang]) return;
    const load = cls.loadPanel([this.lang]).then(() => { this._panelFailed = false; }, () => { this._panelFailed = true; });
    this._panelLoad = load;
    load.then(() => {
      this._panelLoad = null;
      this.requestUpdate();
    });
  }

  /** The panel's content: the panel itself, or a line saying it is loading or could not load. */
  panelContent() {
    const cls = this.constructor;
    if (cls.panelReady(this.lang)) return cls.renderPanel(this);
    if (this._panelFailed) return html`<p class="panel-status" role="alert">${this.t('panelFailed')}</p>`;
    return html`<p class="panel-status" role="status">${this.t('panelLoading')}</p>`;
  }

  /** Also waits for an open panel still loading, and for the render that shows it. */
  async getUpdateComplete() {
    let done = await super.getUpdateComplete();
    while (this._panelLoad) {
      await this._panelLoad;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  // ------------------------------------------------------------------ compute, errors, results
  willUpdate(changed) {
    super.willUpdate?.(changed);
    if (changed.has('open') && this.open) this._panelFailed = false;   // opened again: tried again
    this._loadPanelIfOpen();
    this._checkAttributes();
    if (this.api) this.compute(changed);
  }

  /** Subclasses: recompute from state (see the contract). */
  compute() {}

  _checkAttributes() {
    const notes = [];
    const rawLang = this.langAttribute;
    if (rawLang != null && rawLang.trim() !== '' && !langOf(rawLang)) notes.push(this.ignoredNote('lang', rawLang, this.t('langAllowed')));
    const rawUnit = this.unit;
    if (rawUnit != null && String(rawUnit).trim() !== '' && !Object.prototype.hasOwnProperty.call(UNITS, String(rawUnit).trim().toLowerCase())) {
      notes.push(this.ignoredNote('unit', rawUnit, this.t('unitAllowed')));
    }
    this.attributeNotes = [...notes, ...this.checkAttributes()];
  }

  /** Subclasses: sentences for attributes that were ignored (unknown values). */
  checkAttributes() {
    return [];
  }

  /** Records an error for a field; `ctx` = { kind, input, range } for the sentence. */
  fail(key, error, ctx = {}) {
    const e = error && typeof error === 'object' ? error : { code: 'INTERNAL' };
    if (!e.code || e.name === 'TypeError' || e.name === 'RangeError') {
      this.lastInternalError = error;
    }
    this._errors.set(key, { error: { code: e.code || 'INTERNAL', reason: e.reason, limit: e.limit, index: e.index, start: e.start, end: e.end, sum: e.sum, n: e.n, m: e.m, step: e.step }, ctx });
    this.stale = true;
  }

  clearError(key) {
    this._errors.delete(key);
  }

  hasError(key) {
    return this._errors.has(key);
  }

  /** The sentence for a field's error, or '' (in the current language). */
  errorText(key) {
    const entry = this._errors.get(key);
    return entry ? errorSentence(this.lang, entry.error, entry.ctx) : '';
  }

  /** Sentences of errors that belong to no field (keys starting with "_"). */
  generalErrors() {
    return [...this._errors.keys()].filter((k) => k.startsWith('_')).map((k) => this.errorText(k));
  }

  /** Runs fn; a thrown BitRulerError becomes the field's error. Returns [ok, value]. */
  attempt(key, fn, ctx) {
    try {
      const value = fn();
      this.clearError(key);
      return [true, value];
    } catch (e) {
      this.fail(key, e, ctx);
      return [false, undefined];
    }
  }

  /** Stores a good result: `result`, `change` event, announcement (browser only). */
  succeed(result, announcement = '') {
    this.stale = this._errors.size > 0;
    const changed = JSON.stringify(result) !== JSON.stringify(this._result);
    this._result = result;
    if (isServer || !changed) return;
    this.dispatchEvent(new CustomEvent('change', { detail: result, bubbles: true, composed: true }));
    if (announcement && this.hasUpdated) this.announce(announcement);
  }

  get result() {
    return this._result;
  }

  get error() {
    const entries = [...this._errors.entries()];
    if (!entries.length) return null;
    const [field] = entries[entries.length - 1];
    const { error } = this._errors.get(field);
    return { code: error.code, reason: error.reason ?? null, message: this.errorText(field), field };
  }

  /** Polite announcement for screen readers; a drag announces only where it stops. */
  announce(text) {
    clearTimeout(this._announceTimer);
    this._announceTimer = setTimeout(() => { this.announcement = text; }, 400);
  }

  // ------------------------------------------------------------------ pieces of templates
  /** MathML of a compiled formula with values (see shared/mathml.js); a new value rewrites text only. */
  formula(parts, values) {
    return mathMarkup(fill(parts, values));
  }

  /**
   * A formula from its pieces F[name + 'A'], F[name + 'B'], … : they stand on one line where it
   * fits and wrap where it does not (CSS flex-wrap), so no formula scrolls on a phone and the
   * layout does not depend on a measured width (a prerendered formula keeps its place).
   */
  formulaLines(F, name, values) {
    const pieces = ['A', 'B', 'C', 'D'].map((k) => F[`${name}${k}`]).filter(Boolean);
    return html`<div class="formula flow">${pieces.map((p) => this.formula(p, values))}</div>`;
  }

  /**
   * The frame every element renders: header, picture, the folded panel (when `panel`), messages,
   * live region. The panel's content is only rendered while it is open (a folded panel costs
   * neither prerendered bytes, nor DOM, nor downloads).
   */
  frame({ title, headline, picture, panel = false, caption }) {
    const notes = this.attributeNotes ?? [];
    return html`<div class="bit ${this.stale ? 'is-stale' : ''}">
      ${title ? html`<h3 class="title">${title}</h3>` : nothing}
      ${headline ?? nothing}
      <p class="stale-note" role="status" ?hidden=${!this.stale}>${this.t('stale')}</p>
      <div class="picture">${picture}</div>
      ${caption ?? nothing}
      ${notes.length ? html`<p class="notes">${notes.join(' ')}</p>` : nothing}
      ${this.generalErrors().map((text) => html`<p class="notes" role="alert">${text}</p>`)}
      ${panel ? html`<details class="controls" ?open=${this.open} @toggle=${this._onToggle}>
        <summary><span>${this.t('controls')}</span> <span class="hint">${this.t('controlsHint')}</span></summary>
        <div class="controls-body">${this.open ? this.panelContent() : nothing}</div>
      </details>` : nothing}
      <div class="sr-only" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    </div>`;
  }

  _onToggle(e) {
    if (e.target.open !== this.open) this.open = e.target.open;
  }
}

/** The property behind a state attribute: 'label-a' → 'labelA'. */
export function stateProperty(attribute) {
  return attribute.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
}

