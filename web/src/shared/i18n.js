// Language and words: which language an element speaks, shared strings, and the bilingual sentence
// for every error the core (or an element) can report. Each sentence says what is wrong and what
// is allowed. Reader text is quoted as text, never as markup, and clipped.
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

const quote = { zh: (s) => `「${s}」`, en: (s) => `“${s}”` };

/** Reader text shortened for a message (whole code points, never half a surrogate pair). */
export function clip(s, max = 24) {
  const chars = [...String(s ?? '')];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

/** Fills a message: a string, or a function of params. */
export function interpolate(message, params = {}) {
  return typeof message === 'function' ? String(message(params)) : String(message);
}

/** Looks a key up in the element's tables, then the shared ones; zh when en lacks it. */
export function translate(lang, key, params, ...tables) {
  for (const l of [lang, 'zh']) {
    for (const table of [...tables, SHARED]) {
      const entry = table?.[l]?.[key];
      if (entry != null) return interpolate(entry, params);
    }
  }
  return key;
}

export const SHARED = {
  zh: {
    controls: '调整与细节',
    controlsHint: '输入数值、表格与代码',
    copyLink: '复制链接',
    linkCopied: '链接已复制',
    examples: '例子',
    stale: '输入有误：下面显示的是上一次有效的结果',
    codeTitle: '用代码算同一个数',
    copyCode: '复制代码',
    codeCopied: '已复制',
    unitLabel: '单位',
    unitBit: 'bit（以 2 为底）',
    unitNat: 'nat（以 e 为底）',
    unitHartley: 'hartley（以 10 为底）',
    ignored: ({ name, value, allowed }) => `属性 ${name}=${quote.zh(clip(value))} 无效，已忽略：${allowed}`,
    langAllowed: '可用 zh 或 en。',
    unitAllowed: '可用 bit、nat 或 hartley，现按 bit 计算。',
    loadFailed: '这个浏览器没能载入计算模块（WebAssembly 不可用或被拦截）。下面的图和数是文章例子的默认值，暂时不能交互。',
    tableScroll: '表格可左右滑动',
  },
  en: {
    controls: 'Adjust and details',
    controlsHint: 'values, table and code',
    copyLink: 'Copy link',
    linkCopied: 'Link copied',
    examples: 'Examples',
    stale: 'Invalid input: the result below is the last valid one',
    codeTitle: 'The same number in code',
    copyCode: 'Copy code',
    codeCopied: 'Copied',
    unitLabel: 'Unit',
    unitBit: 'bit (base 2)',
    unitNat: 'nat (base e)',
    unitHartley: 'hartley (base 10)',
    ignored: ({ name, value, allowed }) => `Attribute ${name}=${quote.en(clip(value))} is not valid and was ignored: ${allowed}`,
    langAllowed: 'use zh or en.',
    unitAllowed: 'use bit, nat or hartley; computing in bits.',
    loadFailed: 'This browser could not load the calculation module (WebAssembly is unavailable or blocked). The picture and numbers below are the article’s example, not interactive for now.',
    tableScroll: 'the table scrolls sideways',
  },
};

// What a field accepts, said once per kind of field.
const ALLOWED = {
  zh: {
    probability: '请输入 0 到 1 之间的概率，例如 1/8、0.125 或 12.5%。',
    distribution: '请用逗号分隔各项，例如 1/2, 1/4, 1/4 或权重 2, 1, 1（会按比例缩放到总和 1）。',
    number: ({ range }) => (range ? `请输入 ${range} 的数。` : '请输入一个数。'),
    whole: ({ range }) => `请输入 ${range} 的整数。`,
  },
  en: {
    probability: 'Type a probability between 0 and 1, such as 1/8, 0.125 or 12.5%.',
    distribution: 'Separate entries with commas, such as 1/2, 1/4, 1/4, or weights such as 2, 1, 1 (rescaled to sum to 1).',
    number: ({ range }) => (range ? `Type a number ${range}.` : 'Type a number.'),
    whole: ({ range }) => `Type a whole number ${range}.`,
  },
};

/** "从 1 到 100000" / "from 1 to 100000" — a range for messages, numbers by the one rule. */
export function rangeText(lang, lo, hi, { exclusiveLow = false } = {}) {
  const a = formatNumber(lo);
  const b = formatNumber(hi);
  if (lang === 'en') return exclusiveLow ? `above ${a} and at most ${b}` : `from ${a} to ${b}`;
  return exclusiveLow ? `大于 ${a} 且不超过 ${b}` : `从 ${a} 到 ${b}`;
}

// What went wrong, by code and reason. `bad` is the offending text (an entry of a list, or the
// whole input), `what` names the field ("概率" / "the probability").
const WRONG = {
  zh: {
    EMPTY: ({ what }) => `${what}还空着。`,
    EMPTY_ENTRY: ({ index }) => `第 ${index + 1} 项是空的（两个分隔符挨在一起）。`,
    TYPE: ({ bad }) => `${bad}不是数。`,
    NOT_FINITE: ({ bad }) => `${bad}不是有限的数（例如除以 0 或太大）。`,
    NEGATIVE: ({ bad }) => `${bad}是负数，概率和权重都不能小于 0。`,
    NOT_NORMALIZED: ({ sum }) => `这些概率加起来是 ${sum}，不是 1。`,
    LENGTH_MISMATCH: ({ n, m }) => `P 有 ${n} 项，Q 有 ${m} 项：两者必须一一对应。`,
    OUT_OF_RANGE: ({ bad }) => `${bad}超出了允许的范围。`,
    ALL_ZERO: () => '所有权重都是 0：至少要有一项大于 0。',
    EMPTY_TEXT: ({ what }) => `${what}还空着。`,
    ONLY_SEPARATORS: () => '这里只有分隔符，没有数。',
    UNEXPECTED_CHARACTER: ({ bad }) => `${bad}里有不能出现在数里的字符。`,
    EXPECTED_NUMBER: ({ bad }) => `${bad}不是一个数。`,
    EXPONENT_DIGITS: ({ bad }) => `${bad}的指数（e 后面）缺少数字。`,
    SIGN: ({ bad }) => `${bad}的正负号位置不对。`,
    MORE_TEXT: ({ bad }) => `${bad}后面还有多余的内容。`,
    DIVISION_BY_ZERO: ({ bad }) => `${bad}除以了 0。`,
    TOO_LARGE: ({ bad }) => `${bad}太大了，超出了双精度数的范围。`,
    TOO_SMALL: ({ bad }) => `${bad}太小了，会变成 0（一个不可能的事件）。`,
    PERCENT_OVER_100: ({ bad }) => `${bad}超过了 100%。`,
    ABOVE_ONE: ({ bad }) => `${bad}大于 1。`,
    BAD_UTF8: () => '输入里有无法识别的字符编码。',
    TOO_LONG: ({ limit }) => `输入太长了：最多 ${limit} 个字节。`,
    TOO_MANY_OUTCOMES: ({ limit }) => `结果太多了：这个计算器最多接受 ${limit} 项。`,
    EXPONENT_RANGE: ({ bad }) => `${bad}的数量级超出了双精度数能表示的范围。`,
    LONE_SURROGATE: () => '输入里有一个残缺的字符（孤立的 UTF-16 代理项）。',
    BAD_BASE: ({ bad }) => `不认识单位${bad}。`,
    PARSE: ({ bad }) => `无法识别${bad}。`,
    DIVERGED: ({ step }) => `训练在第 ${step} 步发散了（数值变成了无穷大），已停止。`,
    INTERNAL: () => '计算时出了意外的问题。',
  },
  en: {
    EMPTY: ({ what }) => `${what[0].toUpperCase()}${what.slice(1)} is empty.`,
    EMPTY_ENTRY: ({ index }) => `Entry ${index + 1} is empty (two separators in a row).`,
    TYPE: ({ bad }) => `${bad} is not a number.`,
    NOT_FINITE: ({ bad }) => `${bad} is not a finite number (a division by 0, or too large).`,
    NEGATIVE: ({ bad }) => `${bad} is negative; probabilities and weights cannot be below 0.`,
    NOT_NORMALIZED: ({ sum }) => `These probabilities add up to ${sum}, not 1.`,
    LENGTH_MISMATCH: ({ n, m }) => `P has ${n} entries and Q has ${m}: they must match entry for entry.`,
    OUT_OF_RANGE: ({ bad }) => `${bad} is outside the allowed range.`,
    ALL_ZERO: () => 'Every weight is 0: at least one must be above 0.',
    EMPTY_TEXT: ({ what }) => `${what[0].toUpperCase()}${what.slice(1)} is empty.`,
    ONLY_SEPARATORS: () => 'There are only separators here, no numbers.',
    UNEXPECTED_CHARACTER: ({ bad }) => `${bad} contains a character that has no place in a number.`,
    EXPECTED_NUMBER: ({ bad }) => `${bad} is not a number.`,
    EXPONENT_DIGITS: ({ bad }) => `The exponent of ${bad} (after the e) has no digits.`,
    SIGN: ({ bad }) => `A sign is out of place in ${bad}.`,
    MORE_TEXT: ({ bad }) => `${bad} has something extra after the number.`,
    DIVISION_BY_ZERO: ({ bad }) => `${bad} divides by 0.`,
    TOO_LARGE: ({ bad }) => `${bad} is too large for a double-precision number.`,
    TOO_SMALL: ({ bad }) => `${bad} is so small it would become 0 (an impossible event).`,
    PERCENT_OVER_100: ({ bad }) => `${bad} is more than 100%.`,
    ABOVE_ONE: ({ bad }) => `${bad} is more than 1.`,
    BAD_UTF8: () => 'The text holds a character encoding that cannot be read.',
    TOO_LONG: ({ limit }) => `The text is too long: at most ${limit} bytes.`,
    TOO_MANY_OUTCOMES: ({ limit }) => `Too many outcomes: this calculator takes at most ${limit}.`,
    EXPONENT_RANGE: ({ bad }) => `${bad} is beyond the range of a double-precision number.`,
    LONE_SURROGATE: () => 'The text holds a broken character (a lone UTF-16 surrogate).',
    BAD_BASE: ({ bad }) => `Unknown unit ${bad}.`,
    PARSE: ({ bad }) => `Could not read ${bad}.`,
    DIVERGED: ({ step }) => `Training diverged at step ${step} (the numbers became infinite) and stopped.`,
    INTERNAL: () => 'Something unexpected went wrong in the calculation.',
  },
};

const WHAT = {
  zh: { probability: '概率', distribution: '分布', number: '这个数', whole: '这个数' },
  en: { probability: 'the probability', distribution: 'the distribution', number: 'the number', whole: 'the number' },
};

/**
 * The sentence for an error `e` ({ code, reason?, limit?, index?, start?, end?, sum?, n?, m?, step? })
 * met in a field of kind 'probability' | 'distribution' | 'number' | 'whole' (with `range` text
 * for numbers) while reading `input`. Wrong + allowed, in `lang`.
 */
export function errorSentence(lang, e, { kind = 'probability', input = '', range = '', allowed } = {}) {
  const l = lang === 'en' ? 'en' : 'zh';
  const q = quote[l];
  const text = String(input ?? '');
  const piece = Number.isInteger(e.start) && Number.isInteger(e.end) && e.end > e.start ? text.slice(e.start, e.end) : text.trim();
  const bad = piece ? q(clip(piece)) : (l === 'zh' ? '输入' : 'The input');
  const key = e.reason && WRONG[l][e.reason] ? e.reason : e.code;
  const wrong = (WRONG[l][key] || WRONG[l].INTERNAL)({
    ...e,
    bad,
    what: WHAT[l][kind] ?? WHAT[l].number,
    limit: e.limit != null ? formatNumber(e.limit) : '',
    sum: e.sum != null ? formatNumber(e.sum) : '',
    index: e.index ?? 0,
  });
  const tail = allowed ?? interpolate(ALLOWED[l][kind] ?? ALLOWED[l].number, { range });
  return `${wrong}${l === 'en' ? ' ' : ''}${tail}`;
}
