// Language and words: which language an element speaks, and the sentence for every error the core
// (or an element) can report: what is wrong and what is allowed. The words themselves live in
// web/src/messages/<lang>/, one module per language, loaded only when an element shows that
// language (useLanguage registers the shared ones). Reader text is quoted as text, never as
// markup, and clipped.
import { formatNumber } from './format.js';

export const LANGS = ['zh', 'en'];

/** 'zh' | 'en' for a lang tag, or null when the tag names neither. */
export function langOf(tag) {
  const s = String(tag ?? '').trim().toLowerCase();
  if (s === 'zh' || s.startsWith('zh-')) return 'zh';
  if (s === 'en' || s.startsWith('en-')) return 'en';
  return null;
}

/**
 * The language of a node: its own lang attribute, else the nearest ancestor's (crossing shadow
 * roots), else <html lang>, else zh (the blog's language). Tags naming another language count as
 * unknown and are skipped upwards (an element reports its own unknown lang attribute).
 */
export function resolveLang(node) {
  for (let n = node; n; n = n.parentNode || n.host || null) {
    if (n.nodeType === 1 && n.hasAttribute('lang')) {
      const lang = langOf(n.getAttribute('lang'));
      if (lang) return lang;
    }
  }
  return 'zh';
}

export const quote = { zh: (s) => `「${s}」`, en: (s) => `“${s}”` };

/** Reader text shortened for a message (whole code points, never half a surrogate pair). */
export function clip(s, max = 24) {
  const chars = [...String(s ?? '')];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

/** Fills a message: a string, or a function of params. */
export function interpolate(message, params = {}) {
  return typeof message === 'function' ? String(message(params)) : String(message);
}

/** The shared words of each loaded language: { shared, allowed, wrong, what } (messages/<lang>/shared.js). */
const SHARED = {};

export function useLanguage(lang, words) {
  SHARED[lang] = words;
}

/** The shared words of a language, or of whichever language is loaded. */
function sharedWords(lang) {
  return SHARED[lang] ?? SHARED.zh ?? SHARED.en ?? { shared: {}, allowed: {}, wrong: {}, what: {} };
}

/**
 * Looks a key up in the element's words for `lang` (each of `tables` = { zh?, en? }: its own words,
 * its panel's), then the shared words; while a language is still loading, the other one stands in.
 */
export function translate(lang, key, params, ...tables) {
  for (const l of [lang, lang === 'en' ? 'zh' : 'en']) {
    for (const table of tables) {
      const entry = table?.[l]?.[key];
      if (entry != null) return interpolate(entry, params);
    }
    const entry = SHARED[l]?.shared[key];
    if (entry != null) return interpolate(entry, params);
  }
  return key;
}

/** "从 1 到 100000" / "from 1 to 100000" — a range for messages, numbers by the one rule. */
export function rangeText(lang, lo, hi, { exclusiveLow = false } = {}) {
  const a = formatNumber(lo);
  const b = formatNumber(hi);
  if (lang === 'en') return exclusiveLow ? `above ${a} and at most ${b}` : `from ${a} to ${b}`;
  return exclusiveLow ? `大于 ${a} 且不超过 ${b}` : `从 ${a} 到 ${b}`;
}

/**
 * The sentence for an error `e` ({ code, reason?, limit?, index?, start?, end?, sum?, n?, m?, step? })
 * met in a field of kind 'probability' | 'distribution' | 'number' | 'whole' (with `range` text
 * for numbers) while reading `input`. Wrong + allowed, in `lang`.
 */
export function errorSentence(lang, e, { kind = 'probability', input = '', range = '', allowed } = {}) {
  const l = lang === 'en' ? 'en' : 'zh';
  const { wrong: WRONG, allowed: ALLOWED, what: WHAT } = sharedWords(l);
  const q = quote[l];
  const text = String(input ?? '');
  const piece = Number.isInteger(e.start) && Number.isInteger(e.end) && e.end > e.start ? text.slice(e.start, e.end) : text.trim();
  const bad = piece ? q(clip(piece)) : (l === 'zh' ? '输入' : 'The input');
  // `bad` is the offending text (an entry of a list, or the whole input); `what` names the field
  const key = e.reason && WRONG[e.reason] ? e.reason : e.code;
  const wrong = (WRONG[key] || WRONG.INTERNAL)({
    ...e,
    bad,
    what: WHAT[kind] ?? WHAT.number,
    limit: e.limit != null ? formatNumber(e.limit) : '',
    sum: e.sum != null ? formatNumber(e.sum) : '',
    index: e.index ?? 0,
  });
  const tail = allowed ?? interpolate(ALLOWED[kind] ?? ALLOWED.number, { range });
  return `${wrong}${l === 'en' ? ' ' : ''}${tail}`;
}
