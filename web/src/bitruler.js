// dist/bitruler.js — the one script a page or a blog post loads:
//
//   <script type="module" src="/path/to/dist/bitruler.js"></script>
//   <bit-surprisal p="1/1024" label="中国夺冠"></bit-surprisal>
//
// It is small on purpose: it watches for <bit-*> elements and, as each comes near the viewport,
// loads the WASM core, the stylesheet and that element's code, then defines the element. A
// prerendered element (declarative shadow DOM, see prerender/) keeps its picture and numbers on
// screen until its element takes over (elements/base.js). Everything is found relative to this file
// (import.meta.url), so dist/ works from any path or origin.

const prose = () => import('./elements/prose.js');
const lab = () => import('./elements/lab.js');
const MODULES = {
  'bit-surprisal': () => prose().then((m) => m.BitSurprisal),
  'bit-additivity': () => prose().then((m) => m.BitAdditivity),
  'bit-entropy': () => prose().then((m) => m.BitEntropy),
  'bit-cross-entropy': () => prose().then((m) => m.BitCrossEntropy),
  'bit-kl': () => prose().then((m) => m.BitKl),
  'bit-ruler': () => lab().then((m) => m.BitRuler),
  'bit-learning': () => lab().then((m) => m.BitLearning),
};

export const TAGS = Object.freeze(Object.keys(MODULES));

const requested = new Map();
const nextTask = () => new Promise((resolve) => { setTimeout(resolve, 0); });
// The core's script is fetched alongside the element's code (the element loads the core itself:
// a failure is reported there).
let coreScript = null;
const prefetchCore = () => { coreScript ??= import('./core.js').catch(() => {}); return coreScript; };

/**
 * Loads the core, the element's code and the words of the languages its instances show, then
 * defines the tag (once). Resolves to the class. An instance with `open` (written so, or
 * prerendered so) shows its panel from its first render, which must match the prerendered DOM:
 * then the panel's code and words come first too. Other panels load when they open.
 */
export function define(tag) {
  if (!MODULES[tag]) return Promise.reject(new Error(`bitruler: unknown element <${tag}>`));
  if (!requested.has(tag)) {
    const done = Promise.all([MODULES[tag](), prefetchCore()]).then(async ([cls]) => {
      // the core, the words of the languages its instances show, the panels written open
      await cls.loadFor(document.querySelectorAll(tag));
      // Each tag takes over its elements in a task of its own: files that arrive together
      // (preloaded) would otherwise take over every element on screen in one long task.
      await nextTask();
      if (!customElements.get(tag)) customElements.define(tag, cls);
      return customElements.get(tag);
    });
    done.catch(() => fail(tag));
    requested.set(tag, done);
  }
  return requested.get(tag);
}

/** Defines every element now (for pages that want them all at once). */
export function defineAll() {
  return Promise.all(TAGS.map(define));
}

// When the core cannot load (no WebAssembly, a CSP without 'wasm-unsafe-eval', the .wasm
// missing), prerendered elements keep their picture and numbers; elements that were not
// prerendered show the author's fallback text with a notice.
const NOTICE = {
  zh: '这个浏览器没能载入计算模块（WebAssembly 不可用或被拦截），这里暂时不能交互。',
  en: 'This browser could not load the calculation module (WebAssembly unavailable or blocked), so this calculator cannot respond here.',
};
function fail(tag) {
  document.dispatchEvent(new CustomEvent('bitruler-unavailable', { detail: { tag } }));
  for (const el of document.querySelectorAll(tag)) {
    el.setAttribute('data-bitruler-failed', '');
    if (el.shadowRoot) continue;
    const root = el.attachShadow({ mode: 'open' });
    const lang = (el.closest('[lang]')?.getAttribute('lang') || 'zh').toLowerCase().startsWith('en') ? 'en' : 'zh';
    const p = document.createElement('p');
    p.setAttribute('role', 'status');
    p.textContent = NOTICE[lang];
    root.append(p, document.createElement('slot'));
  }
}

function watch(root) {
  const near = typeof IntersectionObserver === 'undefined' ? null : new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (!e.isIntersecting) continue;
      near.unobserve(e.target);
      define(e.target.localName);
    }
  }, { rootMargin: '100% 0px' });
  const consider = (el) => {
    if (!MODULES[el.localName] || customElements.get(el.localName) || requested.has(el.localName)) return;
    if (near) near.observe(el); else define(el.localName);
  };
  const scan = (node) => {
    if (node.nodeType !== 1) return;
    consider(node);
    for (const tag of TAGS) for (const el of node.querySelectorAll(tag)) consider(el);
  };
  scan(root.documentElement ?? root);
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) scan(n);
  }).observe(root, { childList: true, subtree: true });
}

if (typeof document !== 'undefined') watch(document);
