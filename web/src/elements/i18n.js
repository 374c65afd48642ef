// Shared UI strings and the localized message for every core error code.
// Element-specific strings live in each element class (`static messages = { zh: {...}, en: {...} }`);
// BitElement#t() looks there first, then here.
//
// A message is a string or a function of params ({ input, sum, n, m, ... }) returning a string.
// `input` is the text the reader typed (or the attribute value); it is always inserted as text.

export const LANGS = ['zh', 'en'];

/** Normalize any lang tag to 'zh' | 'en' ('en-GB' → 'en'; anything else → 'zh', the blog's language). */
export function normalizeLang(tag) {
  const s = String(tag || '').trim().toLowerCase();
  if (s.startsWith('en')) return 'en';
  return 'zh';
}

const q = {
  zh: (s) => `「${s}」`,
  en: (s) => `“${s}”`,
};

/** Shorten very long typed text before quoting it back to the reader. */
export function clip(s, max = 24) {
  const str = String(s ?? '');
  return str.length > max ? `${str.slice(0, max - 1)}…` : str;
}

function has(p) {
  return p && p.input != null && String(p.input).trim() !== '';
}

export const ERROR_MESSAGES = {
  zh: {
    EMPTY: () => '这里还空着：请输入一个概率，例如 1/8、0.125 或 12.5%。',
    TYPE: (p) => (has(p) ? `${q.zh(clip(p.input))}不是数值：请输入概率，例如 1/8。` : '输入的类型不对：这里需要一个数值形式的概率，例如 1/8。'),
    NOT_FINITE: (p) => (has(p)
      ? `${q.zh(clip(p.input))}不是一个有限的数（例如除以 0）：概率必须是 0 到 1 之间的数。`
      : '出现了无穷大或非数（例如除以 0）：概率必须是 0 到 1 之间的有限数。'),
    NEGATIVE: (p) => (has(p)
      ? `${q.zh(clip(p.input))}是负数：概率和权重都不能小于 0。`
      : '有负数：概率和权重都不能小于 0。'),
    NOT_NORMALIZED: (p) => (p && p.sum != null
      ? `这些概率加起来是 ${p.sum}，不是 1：请调整，或让它按比例缩放到 1。`
      : '这些概率加起来不是 1：请调整，或让它按比例缩放到 1。'),
    LENGTH_MISMATCH: (p) => (p && p.n != null && p.m != null
      ? `P 有 ${p.n} 项，Q 有 ${p.m} 项：两个分布必须一一对应、项数相同。`
      : '两个分布的项数不同：P 和 Q 必须一一对应。'),
    OUT_OF_RANGE: (p) => (has(p)
      ? `${q.zh(clip(p.input))}超出范围：概率必须在 0 到 1 之间（即 0% 到 100%）。`
      : '数值超出范围：概率必须在 0 到 1 之间（即 0% 到 100%）。'),
    BAD_BASE: (p) => (has(p)
      ? `不认识单位${q.zh(clip(p.input))}：请用 bit（底 2）、nat（底 e）或 hartley（底 10）。`
      : '对数的底只能是 2（bit）、e（nat）或 10（hartley）。'),
    PARSE: (p) => (has(p)
      ? `无法识别${q.zh(clip(p.input))}：请输入 1/8、0.125 或 12.5% 这样的概率。`
      : '无法识别输入：请输入 1/8、0.125 或 12.5% 这样的概率。'),
    INTERNAL: () => '计算时出了意外的问题：请换一个数值再试。',
  },
  en: {
    EMPTY: () => 'This field is empty: type a probability such as 1/8, 0.125 or 12.5%.',
    TYPE: (p) => (has(p) ? `${q.en(clip(p.input))} is not a number: type a probability such as 1/8.` : 'Wrong kind of value: a probability such as 1/8 is needed here.'),
    NOT_FINITE: (p) => (has(p)
      ? `${q.en(clip(p.input))} is not a finite number (a division by 0?): a probability lies between 0 and 1.`
      : 'An infinite or undefined number (a division by 0?): a probability is a finite number between 0 and 1.'),
    NEGATIVE: (p) => (has(p)
      ? `${q.en(clip(p.input))} is negative: probabilities and weights cannot be below 0.`
      : 'A negative number: probabilities and weights cannot be below 0.'),
    NOT_NORMALIZED: (p) => (p && p.sum != null
      ? `These probabilities add up to ${p.sum}, not 1: adjust them, or let them be rescaled to 1.`
      : 'These probabilities do not add up to 1: adjust them, or let them be rescaled to 1.'),
    LENGTH_MISMATCH: (p) => (p && p.n != null && p.m != null
      ? `P has ${p.n} entries and Q has ${p.m}: the two distributions must match entry for entry.`
      : 'The two distributions have different lengths: P and Q must match entry for entry.'),
    OUT_OF_RANGE: (p) => (has(p)
      ? `${q.en(clip(p.input))} is out of range: a probability lies between 0 and 1 (0% to 100%).`
      : 'Out of range: a probability lies between 0 and 1 (0% to 100%).'),
    BAD_BASE: (p) => (has(p)
      ? `Unknown unit ${q.en(clip(p.input))}: use bit (base 2), nat (base e) or hartley (base 10).`
      : 'The logarithm base must be 2 (bit), e (nat) or 10 (hartley).'),
    PARSE: (p) => (has(p)
      ? `Could not read ${q.en(clip(p.input))}: type a probability like 1/8, 0.125 or 12.5%.`
      : 'Could not read the input: type a probability like 1/8, 0.125 or 12.5%.'),
    INTERNAL: () => 'Something unexpected went wrong in the calculation: try another value.',
  },
};

export const ERROR_CODES = [
  'EMPTY', 'TYPE', 'NOT_FINITE', 'NEGATIVE', 'NOT_NORMALIZED',
  'LENGTH_MISMATCH', 'OUT_OF_RANGE', 'BAD_BASE', 'PARSE',
];

/** Shared UI strings (keys used by base.js and available to every element). */
export const MESSAGES = {
  zh: {
    loading: '正在加载计算模块…',
    wasmUnavailable: '这个浏览器无法加载计算模块（WebAssembly 不可用或被拦截），所以这里暂时不能交互。下面是文章里这个例子的数值：',
    presets: '例子',
    result: '结果',
    reset: '重置',
    add: '添加',
    remove: '删除',
    showCode: '用代码算同一个数',
    hideCode: '隐藏代码',
    unitBit: '比特',
    unitNat: '奈特',
    unitHartley: '哈特莱',
    lastGood: '（仍显示上一次有效的结果）',
  },
  en: {
    loading: 'Loading the calculator…',
    wasmUnavailable: 'This browser could not load the calculation module (WebAssembly is unavailable or blocked), so this calculator cannot respond here. The article’s numbers for this example:',
    presets: 'Examples',
    result: 'Result',
    reset: 'Reset',
    add: 'Add',
    remove: 'Remove',
    showCode: 'The same number in code',
    hideCode: 'Hide code',
    unitBit: 'bits',
    unitNat: 'nats',
    unitHartley: 'hartleys',
    lastGood: '(still showing the last valid result)',
  },
};

/** Fill {name} placeholders with params (as plain text). */
export function interpolate(template, params) {
  if (typeof template === 'function') return String(template(params || {}));
  if (!params) return String(template);
  return String(template).replace(/\{(\w+)\}/g, (m, k) => (params[k] != null ? String(params[k]) : m));
}

/** Look up key in the given tables (first hit wins), falling back to zh, then to the key itself. */
export function translate(lang, key, params, ...tables) {
  const all = [...tables, MESSAGES];
  for (const l of [lang, 'zh']) {
    for (const table of all) {
      const entry = table && table[l] && table[l][key];
      if (entry != null) return interpolate(entry, params);
    }
  }
  return key;
}

/** The localized message for an error code. */
export function errorMessage(lang, code, params) {
  const l = normalizeLang(lang);
  const table = ERROR_MESSAGES[l];
  const fn = table[code] || table.INTERNAL;
  return fn(params || {});
}
