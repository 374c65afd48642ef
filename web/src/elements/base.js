/**
 * BitElement — the base class of every bitruler custom element.
 *
 * CONTRACT FOR ELEMENT AUTHORS (read before writing an element)
 * ------------------------------------------------------------
 *   import { BitElement, defineElement } from './base.js';
 *   export class BitFoo extends BitElement {
 *     static observedAttributes = [...BitElement.observedAttributes, 'p', 'q'];   // base observes lang, unit
 *     static styles = `.bars { ... }`;           // optional extra CSS (one constructable sheet per class)
 *     static messages = { zh: { title: '…' }, en: { title: '…' } };  // element strings, used by this.t()
 *     build(body) { ... }      // ONCE (first connect or first attribute callback, after your class
 *                              // fields are initialized): create your DOM inside `body` (a <div> in the
 *                              // shadow root). Use data-i18n="key" (textContent), data-i18n-aria="key"
 *                              // (aria-label), data-i18n-title, data-i18n-placeholder: the base fills
 *                              // them from this.t() and refreshes them when lang changes.
 *     attributeChanged(name, value) { ... }   // an observed attribute (not lang/unit) was set from
 *                              // OUTSIDE (page, URL restore, HTML). Copy it into your fields/state. It may
 *                              // run before the WASM module is loaded: store, don't compute.
 *                              // The base then schedules update() itself.
 *     update() { ... }         // recompute from your state and redraw. Only called once this.api is
 *                              // loaded; also after lang/unit changes. Wrap core calls with
 *                              // this.attempt(fieldKey, () => ..., inputText); on success call
 *                              // this.commit(result, announcementText).
 *     localize() { ... }       // optional: refresh texts the data-i18n mechanism can't (called on lang
 *                              // change, before update()).
 *     fallback(lang) { ... }   // static text with the article's example numbers, shown if WASM fails
 *                              // to load. Return a string (plain text, never HTML).
 *     codeSnippet() { ... }    // optional: Python string computing the same number (code-snippet.js).
 *   }
 *   defineElement('bit-foo', BitFoo);   // skips if the tag is already defined
 *
 * What the base gives you
 *   this.root       open ShadowRoot with the shared stylesheet (themes, controls ≥ 44 px, :focus-visible)
 *   this.body       the <div class="bit-body"> you build into; this.notice (load/fallback notice)
 *   this.api        the loaded core API (null until loaded or if loading failed); this.ready
 *   this.lang       'zh' | 'en'  (lang attribute, else nearest ancestor [lang], else <html lang>, else zh)
 *   this.unit       'bit' | 'nat' | 'hartley' (attribute, default bit); this.base → 2 | e | 10;
 *   this.unitInfo   { base, symbol, tex, log, name } from format.js
 *   this.t(key, params)       localized string (element's static messages, then i18n.js MESSAGES)
 *   this.fmt(x, opts)         formatNumber (∞ → "∞", never "-0", 0.0808 / 10 / 3)
 *   this.makeField({ key, labelKey, value, inputmode }) → { wrap, label, input, message }: labelled
 *                             text input with an error line tied by aria-describedby; registers the field
 *   this.registerField(key, inputEl, messageEl)   register your own input for error display
 *   this.attempt(key, fn, input) → { ok, value } runs fn; a thrown BitRulerError (or any error) is shown
 *                             localized beside field `key` (aria-invalid="true"), recorded in el.error;
 *                             success clears that field's error. `input` = the reader's text (quoted in
 *                             the message). Use key '_' for errors with no field (general message line).
 *   this.makePresets(items, onPick, { label, pressed }) → { element, buttons }  the preset button row
 *   this.errorText(code, params)  the localized message; override to word a field's errors yourself
 *   this.setFieldError(key, code, params) / this.clearFieldError(key)   manual control (a key with no
 *                             registered field, e.g. 'unit', shows on the general message line)
 *   this.checkUnit()          shows BAD_BASE (key 'unit') for an unknown unit attribute; call it in update()
 *   this.commit(result, announce?)   stores el.result, fires bubbling composed `change` (detail = result),
 *                             announces `announce` in the aria-live region (debounced 500 ms, so a drag
 *                             announces only where it stops)
 *   this.reflect(name, value)        set/remove an attribute from inside WITHOUT re-entering
 *                             attributeChanged()/update() (no loops). Call it when the reader edits.
 *   this.requestUpdate()      schedule update() on a microtask (coalesced)
 *   this.listen(target, type, handler, opts)  addEventListener with a guard: exceptions never reach the
 *                             console (they become an INTERNAL error on field '_', see lastInternalError)
 *   renderTex(el, tex) from katex.js; createChart/svgEl/setText from chart.js; UNITS etc. from format.js
 *
 * Public element API (for pages and tests)
 *   el.result  last good result (null before the first), in the element's unit, with `unit`
 *   el.error   null, or { code, message, field } (message in the element's current language)
 *   'change'   CustomEvent, bubbles + composed, detail = result
 *   el.lastInternalError  a non-BitRulerError caught by a guard (null normally; tests assert null)
 *   attribute `theme="light"|"dark"` forces a theme; otherwise prefers-color-scheme decides.
 *
 * Theme: the blog may set on any ancestor --bitruler-accent, --bitruler-accent-2, --bitruler-bg,
 *   --bitruler-surface, --bitruler-fg, --bitruler-muted, --bitruler-border, --bitruler-error,
 *   --bitruler-font, --bitruler-mono, --bitruler-radius, --bitruler-focus.
 *   Inside, use var(--br-accent) etc. (resolved with light/dark defaults).
 */
import { errorMessage, normalizeLang, translate, ERROR_CODES } from './i18n.js';
import { UNITS, isUnit, formatNumber } from './format.js';

const HTMLBase = typeof HTMLElement === 'undefined' ? class {} : HTMLElement;

// ---------------------------------------------------------------- core loading (once per page)
let corePromise = null;

/**
 * Load the WASM core once. Resolves to { api, BitRulerError } or rejects (no WebAssembly, blocked
 * download, CSP). Every caller must handle rejection (the base does).
 */
export function loadCore() {
  if (!corePromise) {
    corePromise = (async () => {
      if (typeof WebAssembly !== 'object' || WebAssembly === null) {
        throw new Error('WebAssembly unavailable');
      }
      const mod = await import('../core.js');
      const api = await mod.load();
      return { api, BitRulerError: mod.BitRulerError };
    })();
    // keep an unobserved rejection from ever reaching the console
    corePromise.catch(() => {});
  }
  return corePromise;
}

const KNOWN_CODES = new Set(ERROR_CODES);

/** True for a BitRulerError from core.js (duck-typed so it also works across bundles). */
export function isBitRulerError(e) {
  return !!e && typeof e === 'object' && typeof e.code === 'string' && KNOWN_CODES.has(e.code);
}

// ---------------------------------------------------------------- styles
const LIGHT = `
  --br-accent: var(--bitruler-accent, #1f5fd6);
  --br-accent-2: var(--bitruler-accent-2, #c2410c);
  --br-on-accent: #ffffff;
  --br-bg: var(--bitruler-bg, #ffffff);
  --br-surface: var(--bitruler-surface, #f3f5f9);
  --br-fg: var(--bitruler-fg, #1b1f24);
  --br-muted: var(--bitruler-muted, #57606a);
  --br-border: var(--bitruler-border, #c9d1da);
  --br-error: var(--bitruler-error, #b42318);
  --br-grid: rgba(0, 0, 0, 0.08);
  color-scheme: light;`;
const DARK = `
  --br-accent: var(--bitruler-accent, #7aa7ff);
  --br-accent-2: var(--bitruler-accent-2, #fb923c);
  --br-on-accent: #0d1117;
  --br-bg: var(--bitruler-bg, #16191f);
  --br-surface: var(--bitruler-surface, #222730);
  --br-fg: var(--bitruler-fg, #e6e9ee);
  --br-muted: var(--bitruler-muted, #a3acb9);
  --br-border: var(--bitruler-border, #3b4350);
  --br-error: var(--bitruler-error, #ff8a80);
  --br-grid: rgba(255, 255, 255, 0.1);
  color-scheme: dark;`;

export const BASE_CSS = `
:host {
  ${LIGHT}
  --br-radius: var(--bitruler-radius, 10px);
  --br-font: var(--bitruler-font, system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif);
  --br-mono: var(--bitruler-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK SC", monospace);
  --br-focus: var(--bitruler-focus, var(--br-accent));
  display: block;
  box-sizing: border-box;
  max-width: 100%;
  min-width: 0;
  margin: 1.25em 0;
  padding: 16px;
  color: var(--br-fg);
  background: var(--br-bg);
  border: 1px solid var(--br-border);
  border-radius: var(--br-radius);
  font-family: var(--br-font);
  font-size: 1rem;
  line-height: 1.5;
  overflow-wrap: anywhere;
  -webkit-text-size-adjust: 100%;
}
@media (prefers-color-scheme: dark) { :host(:not([theme="light"])) { ${DARK} } }
:host([theme="dark"]) { ${DARK} }
:host([hidden]) { display: none; }
@media (max-width: 400px) { :host { padding: 12px 10px; } }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.bit-body { display: grid; gap: 12px; min-width: 0; }
h3, .title { margin: 0; font-size: 1.05em; font-weight: 650; }
p { margin: 0; }
button, input, select, textarea { font: inherit; color: inherit; }
button {
  min-height: 44px; min-width: 44px; padding: 0 14px;
  border: 1px solid var(--br-border); border-radius: calc(var(--br-radius) * 0.7);
  background: var(--br-surface); cursor: pointer; touch-action: manipulation;
}
button:hover { border-color: var(--br-accent); }
button[aria-pressed="true"] { background: var(--br-accent); color: var(--br-on-accent); border-color: var(--br-accent); }
button:disabled { opacity: 0.5; cursor: not-allowed; }
input[type="text"], input:not([type]), input[type="number"] {
  min-height: 44px; width: 100%; min-width: 0; padding: 0 10px;
  border: 1px solid var(--br-border); border-radius: calc(var(--br-radius) * 0.7);
  background: var(--br-bg);
}
input[aria-invalid="true"] { border-color: var(--br-error); box-shadow: 0 0 0 1px var(--br-error); }
input[type="range"] { width: 100%; min-height: 44px; margin: 0; accent-color: var(--br-accent); touch-action: pan-y; background: transparent; }
:focus { outline: none; }
:focus-visible { outline: 3px solid var(--br-focus); outline-offset: 2px; }
svg :focus-visible { outline: none; }
svg .focus-ring { fill: none; stroke: var(--br-focus); stroke-width: 3; }
.field { display: grid; gap: 4px; min-width: 0; }
.field label { font-size: 0.9em; color: var(--br-muted); }
.field-msg { color: var(--br-error); font-size: 0.9em; }
.field-msg:empty { display: none; }
.general-msg { color: var(--br-error); font-size: 0.9em; }
.general-msg:empty { display: none; }
.row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; min-width: 0; }
.presets { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.presets .presets-label { color: var(--br-muted); font-size: 0.9em; }
.muted { color: var(--br-muted); }
.small { font-size: 0.9em; }
.big { font-size: 1.6em; font-weight: 650; font-variant-numeric: tabular-nums; line-height: 1.2; }
.num { font-variant-numeric: tabular-nums; }
.notice {
  padding: 10px 12px; border-radius: calc(var(--br-radius) * 0.7);
  background: var(--br-surface); border-left: 4px solid var(--br-accent);
}
.fallback { margin-top: 8px; white-space: pre-line; }
.formula {
  overflow-x: auto; overflow-y: hidden; max-width: 100%; min-width: 0;
  /* Without a math font (common on Linux) Chromium sizes <math> smaller than its ink:
     fractions and subscripts would spill into the next line or be clipped. */
  padding-block: 0.45em;
}
.formula + .formula { margin-top: -0.2em; }
.formula > div { padding-block: 0.3em; }
.formula math {
  font-size: 1.1em;
  /* under lang=zh Chromium's generic math family may fall back to a CJK font (slanted ∥, sans) */
  font-family: "STIX Two Math", "Cambria Math", "Latin Modern Math", "DejaVu Math TeX Gyre", math;
}
@media (max-width: 420px) { .formula math { font-size: 1em; } }
.chart-box { min-width: 0; width: 100%; }
svg { display: block; max-width: 100%; overflow: visible; }
svg text { fill: var(--br-fg); font-family: var(--br-font); font-size: 12px; }
svg .axis line, svg .axis path, svg .grid line { stroke: var(--br-grid); }
svg .axis text { fill: var(--br-muted); }
pre, code { font-family: var(--br-mono); }
bit-code-snippet {
  display: block;
  --bit-fg: var(--br-fg); --bit-bg: var(--br-bg); --bit-accent: var(--br-accent); --bit-muted: var(--br-muted);
  --bit-border: var(--br-border); --bit-code-bg: var(--br-surface); --bit-radius: var(--br-radius);
  --bit-font-mono: var(--br-mono);
}
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
`;

const sheetCache = new WeakMap();
let baseSheet = null;

function makeSheet(css) {
  try {
    if (typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype) {
      const s = new CSSStyleSheet();
      s.replaceSync(css);
      return s;
    }
  } catch { /* fall back to <style> */ }
  return null;
}

function sheetsFor(cls) {
  if (baseSheet === null) baseSheet = makeSheet(BASE_CSS) || false;
  const sheets = [];
  if (baseSheet) sheets.push(baseSheet);
  if (Object.prototype.hasOwnProperty.call(cls, 'styles') || cls.styles) {
    if (!sheetCache.has(cls)) sheetCache.set(cls, cls.styles ? makeSheet(cls.styles) || false : false);
    const s = sheetCache.get(cls);
    if (s) sheets.push(s);
  }
  return sheets;
}

// ---------------------------------------------------------------- document lang watching
const liveElements = new Set();
let langObserver = null;

function watchDocumentLang() {
  if (langObserver || typeof MutationObserver === 'undefined' || typeof document === 'undefined') return;
  langObserver = new MutationObserver(() => {
    for (const el of liveElements) el._checkLang();
  });
  langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

let uid = 0;

// ---------------------------------------------------------------- the base class
export class BitElement extends HTMLBase {
  static observedAttributes = ['lang', 'unit', 'theme'];

  /** Element-specific CSS (string). */
  static styles = '';

  /** Element-specific strings { zh: {...}, en: {...} }. */
  static messages = {};

  constructor() {
    super();
    this._uid = `b${(uid += 1).toString(36)}`;
    this._result = null;
    this._fieldErrors = new Map(); // key → { code, params }
    this._fields = new Map(); // key → { input, message }
    this._reflecting = 0;
    this._updateQueued = false;
    this._lang = null;
    this._announceTimer = 0;
    this.api = null;
    this.ready = false;
    this.loadFailed = false;
    this.lastInternalError = null;

    this.root = this.attachShadow({ mode: 'open' });
    const sheets = sheetsFor(this.constructor);
    if (sheets.length && 'adoptedStyleSheets' in this.root) {
      this.root.adoptedStyleSheets = sheets;
    } else {
      const style = document.createElement('style');
      style.textContent = BASE_CSS + (this.constructor.styles || '');
      this.root.appendChild(style);
    }

    this.body = document.createElement('div');
    this.body.className = 'bit-body';
    this.body.setAttribute('part', 'body');

    this.generalMessage = document.createElement('p');
    this.generalMessage.className = 'general-msg';
    this.generalMessage.id = `${this._uid}-general`;

    this.notice = document.createElement('div');
    this.notice.className = 'notice';
    this.notice.setAttribute('role', 'status');
    this.noticeText = document.createElement('p');
    this.fallbackText = document.createElement('p');
    this.fallbackText.className = 'fallback';
    this.notice.append(this.noticeText, this.fallbackText);
    this.notice.hidden = true;

    this.liveRegion = document.createElement('div');
    this.liveRegion.className = 'visually-hidden';
    this.liveRegion.setAttribute('aria-live', 'polite');
    this.liveRegion.setAttribute('aria-atomic', 'true');

    this.root.append(this.notice, this.body, this.generalMessage, this.liveRegion);
    this._fields.set('_', { input: null, message: this.generalMessage });

    this._built = false;
  }

  // build() runs on first connect or first attribute callback, i.e. after subclass field
  // initializers have run (they run only after super() returns).
  _ensureBuilt() {
    if (this._built) return;
    this._built = true;
    this._guard(() => this.build(this.body));
  }

  // ---------------------------------------------------------- hooks (override)
  /** Create your DOM inside body (called once, before the first attributeChanged()). */
  build(_body) {}

  /** An observed attribute (other than lang/unit/theme) was set from outside. */
  attributeChanged(_name, _value) {}

  /** Recompute and redraw (only called when this.api is loaded). */
  update() {}

  /** Refresh texts that data-i18n cannot reach (called on lang change, before update()). */
  localize() {}

  /** Static plain-text fallback with the article's numbers, for when WASM cannot load. */
  fallback(_lang) { return ''; }

  // ---------------------------------------------------------- lifecycle
  connectedCallback() {
    this._ensureBuilt();
    liveElements.add(this);
    watchDocumentLang();
    this._guard(() => {
      this._lang = this._resolveLang();
      this._applyI18n();
      this.localize();
      if (!this.ready && !this.loadFailed) this._startLoad();
      else if (this.ready) this.requestUpdate();
    });
  }

  disconnectedCallback() {
    liveElements.delete(this);
    clearTimeout(this._announceTimer);
  }

  attributeChangedCallback(name, oldValue, value) {
    if (this._reflecting > 0 || oldValue === value) return;
    this._ensureBuilt();
    this._guard(() => {
      if (name === 'lang') {
        this._checkLang();
        return;
      }
      if (name === 'theme') return;
      if (name === 'unit') {
        this.requestUpdate();
        return;
      }
      this.attributeChanged(name, value);
      this.requestUpdate();
    });
  }

  _startLoad() {
    if (!this.isConnected) return;
    this.noticeText.textContent = this.t('loading');
    this.fallbackText.textContent = '';
    this.notice.hidden = false;
    loadCore().then(
      ({ api }) => {
        this.api = api;
        this.ready = true;
        this.notice.hidden = true;
        this._guard(() => this.update());
      },
      () => {
        this.loadFailed = true;
        this._showFallback();
      },
    );
  }

  _showFallback() {
    this.body.hidden = true;
    this.notice.hidden = false;
    this.noticeText.textContent = this.t('wasmUnavailable');
    let text = '';
    try { text = this.fallback(this.lang) || ''; } catch { text = ''; }
    this.fallbackText.textContent = text;
  }

  // ---------------------------------------------------------- lang, unit
  get lang() {
    return this._lang || this._resolveLang();
  }

  set lang(v) {
    this.setAttribute('lang', v);
  }

  _resolveLang() {
    const own = this.getAttribute('lang');
    if (own) return normalizeLang(own);
    let node = this.parentNode;
    while (node) {
      if (node.nodeType === 1 && node.hasAttribute('lang')) return normalizeLang(node.getAttribute('lang'));
      node = node.parentNode || node.host || null; // cross shadow boundaries
    }
    if (typeof document !== 'undefined' && document.documentElement && document.documentElement.lang) {
      return normalizeLang(document.documentElement.lang);
    }
    return 'zh';
  }

  _checkLang() {
    const l = this._resolveLang();
    if (l === this._lang) return;
    this._lang = l;
    this._guard(() => {
      this._applyI18n();
      this._renderErrors();
      this.localize();
      if (this.loadFailed) this._showFallback();
      else if (!this.ready) this.noticeText.textContent = this.t('loading');
      if (this.ready) this.update();
    });
  }

  get unit() {
    const u = (this.getAttribute('unit') || 'bit').trim().toLowerCase();
    return isUnit(u) ? u : 'bit';
  }

  set unit(v) {
    this.setAttribute('unit', v);
  }

  /** True when the unit attribute holds something we don't know (the element shows BAD_BASE). */
  get unitInvalid() {
    const raw = this.getAttribute('unit');
    return raw != null && raw.trim() !== '' && !isUnit(raw.trim().toLowerCase());
  }

  /** Show or clear the BAD_BASE error for the unit attribute; computing continues in bits. */
  checkUnit() {
    if (this.unitInvalid) this.setFieldError('unit', 'BAD_BASE', { input: this.getAttribute('unit') });
    else this.clearFieldError('unit');
  }

  get base() {
    return UNITS[this.unit].base;
  }

  get unitInfo() {
    return UNITS[this.unit];
  }

  // ---------------------------------------------------------- text
  t(key, params) {
    return translate(this.lang, key, params, this.constructor.messages);
  }

  fmt(x, opts) {
    return formatNumber(x, opts);
  }

  _applyI18n(root = this.root) {
    for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = this.t(node.dataset.i18n);
    for (const node of root.querySelectorAll('[data-i18n-aria]')) node.setAttribute('aria-label', this.t(node.dataset.i18nAria));
    for (const node of root.querySelectorAll('[data-i18n-title]')) node.setAttribute('title', this.t(node.dataset.i18nTitle));
    for (const node of root.querySelectorAll('[data-i18n-placeholder]')) node.setAttribute('placeholder', this.t(node.dataset.i18nPlaceholder));
  }

  // ---------------------------------------------------------- fields and errors
  /**
   * A labelled text input with its error line. Returns { wrap, label, input, message }.
   * labelKey is looked up with this.t(); value is the initial text.
   */
  /**
   * The row of preset buttons every calculator has: `items` are { key } objects (key = the i18n
   * key of the button's text, also set as data-preset); `onPick(item)` runs on click. With
   * `label`, a leading "例子 / Examples" caption; with `pressed`, buttons carry aria-pressed
   * (update it with markPresets). Returns { element, buttons: [{ b, item }] }.
   */
  makePresets(items, onPick, { label = true, pressed = true } = {}) {
    const element = document.createElement('div');
    element.className = 'presets';
    if (label) {
      const caption = document.createElement('span');
      caption.className = 'presets-label';
      caption.dataset.i18n = 'presets';
      element.append(caption);
    }
    const buttons = items.map((item) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.i18n = item.key;
      b.dataset.preset = item.key;
      if (pressed) b.setAttribute('aria-pressed', 'false');
      this.listen(b, 'click', () => onPick(item));
      element.append(b);
      return { b, item };
    });
    return { element, buttons };
  }

  makeField({ key, labelKey, value = '', inputmode = 'text', placeholder = '' } = {}) {
    const id = `${this._uid}-${key}`;
    const wrap = document.createElement('div');
    wrap.className = 'field';
    const label = document.createElement('label');
    label.htmlFor = id;
    if (labelKey) label.dataset.i18n = labelKey;
    const input = document.createElement('input');
    input.type = 'text';
    input.id = id;
    input.value = value;
    input.autocomplete = 'off';
    input.spellcheck = false;
    input.setAttribute('inputmode', inputmode);
    if (placeholder) input.placeholder = placeholder;
    const message = document.createElement('div');
    message.className = 'field-msg';
    message.id = `${id}-msg`;
    wrap.append(label, input, message);
    this.registerField(key, input, message);
    return { wrap, label, input, message };
  }

  /** Register an input (may be null) and the element where its error message goes. */
  registerField(key, input, message) {
    if (message && !message.id) message.id = `${this._uid}-${key}-msg`;
    if (input && message) {
      const ids = new Set((input.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean));
      ids.add(message.id);
      input.setAttribute('aria-describedby', [...ids].join(' '));
    }
    this._fields.set(key, { input, message });
  }

  /**
   * Run fn(); on a thrown error show it beside field `key` and return { ok: false, code };
   * on success clear that field's error and return { ok: true, value }.
   */
  attempt(key, fn, input) {
    try {
      const value = fn();
      this.clearFieldError(key);
      return { ok: true, value };
    } catch (e) {
      if (isBitRulerError(e)) {
        this.setFieldError(key, e.code, { input });
        return { ok: false, code: e.code };
      }
      this.lastInternalError = e;
      this.setFieldError(key, 'INTERNAL', { input });
      return { ok: false, code: 'INTERNAL' };
    }
  }

  /**
   * The localized sentence for an error. Elements whose fields are not probabilities (the lab's
   * σ, λ, N, learning rate) override this to word their own messages; everything else (the
   * field's message line, the general line, el.error, the announcement) goes through it.
   */
  errorText(code, params = {}) {
    return errorMessage(this.lang, code, params);
  }

  setFieldError(key, code, params = {}) {
    this._fieldErrors.delete(key); // re-insert so the newest error is reported first
    this._fieldErrors.set(key, { code, params });
    this._renderFieldError(key);
    this.announce(this.errorText(code, params), true);
  }

  clearFieldError(key) {
    if (!this._fieldErrors.has(key)) return;
    this._fieldErrors.delete(key);
    this._renderFieldError(key);
  }

  hasFieldError(key) {
    return this._fieldErrors.has(key);
  }

  /** Clear every error (e.g. when a preset replaces all inputs). */
  clearAllErrors() {
    for (const key of [...this._fieldErrors.keys()]) this.clearFieldError(key);
  }

  _renderFieldError(key) {
    const f = this._fields.get(key) || this._fields.get('_');
    const err = this._fieldErrors.get(key);
    if (f.message === this.generalMessage) {
      // every error without a field of its own (key '_', 'unit', ...) shares the general line
      const lines = [];
      for (const [k, e] of this._fieldErrors) {
        const target = this._fields.get(k);
        if (!target || target.message === this.generalMessage) lines.push(this.errorText(e.code, e.params));
      }
      this.generalMessage.textContent = lines.join(' ');
    } else if (f.message) f.message.textContent = err ? this.errorText(err.code, err.params) : '';
    if (f.input) {
      if (err) f.input.setAttribute('aria-invalid', 'true');
      else f.input.removeAttribute('aria-invalid');
    }
  }

  _renderErrors() {
    for (const key of this._fields.keys()) this._renderFieldError(key);
  }

  // ---------------------------------------------------------- result, error, events
  get result() {
    return this._result;
  }

  get error() {
    const entries = [...this._fieldErrors.entries()];
    if (!entries.length) return null;
    const [field, { code, params }] = entries[entries.length - 1];
    return { code, message: this.errorText(code, params), field };
  }

  /** Store a new good result, fire `change`, announce. */
  commit(result, announcement) {
    this._result = result;
    this.dispatchEvent(new CustomEvent('change', { detail: result, bubbles: true, composed: true }));
    if (announcement) this.announce(announcement);
  }

  /** Polite announcement, debounced (immediate=true for errors, still coalesced per frame). */
  announce(text, immediate = false) {
    clearTimeout(this._announceTimer);
    this._announceTimer = setTimeout(() => {
      this.liveRegion.textContent = text;
    }, immediate ? 50 : 500);
  }

  // ---------------------------------------------------------- attributes
  /** Set (or remove, for null) an attribute from inside without re-entering attributeChanged/update. */
  reflect(name, value) {
    this._reflecting += 1;
    try {
      if (value == null) this.removeAttribute(name);
      else if (this.getAttribute(name) !== String(value)) this.setAttribute(name, String(value));
    } finally {
      this._reflecting -= 1;
    }
  }

  requestUpdate() {
    if (this._updateQueued) return;
    this._updateQueued = true;
    queueMicrotask(() => {
      this._updateQueued = false;
      if (this.ready) this._guard(() => this.update());
    });
  }

  // ---------------------------------------------------------- guards
  _guard(fn) {
    try {
      return fn();
    } catch (e) {
      this.lastInternalError = e;
      try { this.setFieldError('_', isBitRulerError(e) ? e.code : 'INTERNAL', {}); } catch { /* ignore */ }
      return undefined;
    }
  }

  /** addEventListener whose handler can never throw to the console. */
  listen(target, type, handler, opts) {
    const wrapped = (ev) => this._guard(() => handler.call(this, ev));
    target.addEventListener(type, wrapped, opts);
    return () => target.removeEventListener(type, wrapped, opts);
  }
}

/** Define a custom element unless already defined (safe to import modules more than once). */
export function defineElement(tag, cls) {
  if (typeof customElements === 'undefined') return;
  if (!customElements.get(tag)) customElements.define(tag, cls);
}

export { UNITS, formatNumber };
