// Units and number formatting shared by every element.
import { BitRulerError } from '../errors.js';

/** bit | nat | hartley → logarithm base, symbols for text and for TeX. */
export const UNITS = {
  bit: { base: 2, symbol: 'bit', tex: '\\text{bit}', log: '\\log_2', name: { zh: '比特', en: 'bits' } },
  nat: { base: Math.E, symbol: 'nat', tex: '\\text{nat}', log: '\\ln', name: { zh: '奈特', en: 'nats' } },
  hartley: { base: 10, symbol: 'Hart', tex: '\\text{Hart}', log: '\\log_{10}', name: { zh: '哈特莱', en: 'hartleys' } },
};

export function isUnit(u) {
  return Object.prototype.hasOwnProperty.call(UNITS, u);
}

/** Plain-text minus sign (U+2212) so "−0.5" reads well; never used for zero. */
const MINUS = '\u2212';

function stripZeros(s) {
  if (s.indexOf('e') >= 0 || s.indexOf('.') < 0) return s;
  return s.replace(/0+$/, '').replace(/\.$/, '');
}

const SUP = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻', '+': '' };

/** 1.2×10⁻⁵ style for very small or very large magnitudes. */
function scientific(x, sig) {
  const [m, e] = x.toExponential(Math.max(0, sig - 1)).split('e');
  const exp = String(Number(e)).split('').map((c) => SUP[c] ?? c).join('');
  return `${stripZeros(m)}×10${exp}`;
}

/**
 * Format a number for display.
 *  - ±∞ → "∞" / "−∞", NaN → "—"
 *  - −0 and anything that rounds to 0 → "0" (never "-0")
 *  - up to `decimals` decimals (default 4): 0.080793 → "0.0808", 10 → "10", 3 → "3", 1.58496 → "1.585"
 *  - magnitudes below 1e-3 keep `sig` significant digits (0.000976 → "0.0009766"), below 1e-6 or
 *    from 1e9 up use 1.2×10⁻⁷ notation.
 */
export function formatNumber(x, { decimals = 4, sig = 4 } = {}) {
  if (typeof x !== 'number') x = Number(x);
  if (Number.isNaN(x)) return '—';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return `${MINUS}∞`;
  const ax = Math.abs(x);
  let s;
  if (ax === 0) return '0';
  if (ax < 1e-6 || ax >= 1e9) s = scientific(ax, sig);
  else if (ax < 1e-3) s = stripZeros(ax.toPrecision(sig));
  else {
    s = stripZeros(ax.toFixed(decimals));
    if (/^0(\.0*)?$/.test(s)) return '0';
  }
  return x < 0 ? MINUS + s : s;
}

/** Like formatNumber but returns ASCII ("-", "e") for code snippets and attributes. */
export function formatPlain(x, maxDigits = 6) {
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : x < 0 ? '-inf' : 'nan';
  if (x === 0) return '0';
  const s = Number(x.toPrecision(maxDigits));
  return String(Object.is(s, -0) ? 0 : s);
}

/** Format a probability for text: 0.125 → "0.125", 1/1024 → "0.0009766"; 1 → "1". */
export function formatProbability(p) {
  return formatNumber(p, { decimals: 4, sig: 4 });
}

/** Percent with up to 2 decimals: 0.125 → "12.5%". */
export function formatPercent(p) {
  if (!Number.isFinite(p)) return formatNumber(p);
  const v = p * 100;
  const s = Math.abs(v) < 0.01 && v !== 0 ? formatNumber(v, { sig: 2 }) : stripZeros(v.toFixed(2));
  return `${s === '-0' ? '0' : s}%`;
}

/** "1 in N" count: 1024 → "1024", 1.5 → "1.5", 3.2e12 → "3.2×10¹²". Large integers keep separators off. */
export function formatCount(n) {
  if (!Number.isFinite(n)) return '∞';
  if (n >= 1e9) return scientific(n, 3);
  if (n >= 100) return String(Math.round(n));
  return formatNumber(n, { decimals: 2 });
}

/** Number for TeX: ∞ → \infty, uses "-" (TeX renders a proper minus). */
export function texNumber(x, opts) {
  if (x === Infinity) return '\\infty';
  if (x === -Infinity) return '-\\infty';
  const s = formatNumber(x, opts).replace(MINUS, '-');
  return s.replace(/×10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)/, (m, e) => {
    const map = { '⁻': '-', '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9' };
    return `\\times 10^{${e.split('').map((c) => map[c]).join('')}}`;
  });
}

/** N when p is (within 1e-9 relative) exactly 1/N for an integer N ≤ 1e7, else null. */
export function reciprocalInteger(p) {
  if (!(p > 0) || p > 1) return null;
  const n = Math.round(1 / p);
  if (n < 1 || n > 1e7) return null;
  return Math.abs(n * p - 1) < 1e-9 ? n : null;
}

/** A probability in TeX: 1/1024 or 1/3 as a fraction (powers of two, N ≤ 12), otherwise the decimal. */
export function probabilityTex(p) {
  const n = reciprocalInteger(p);
  if (n !== null && n > 1 && (n <= 12 || (n & (n - 1)) === 0)) return `\\tfrac{1}{${n}}`;
  return texNumber(p, { decimals: 4, sig: 4 });
}

/** A probability in plain text: "1/1024" when exact, else "0.125". */
export function probabilityText(p) {
  const n = reciprocalInteger(p);
  if (n !== null && n > 1 && (n <= 12 || (n & (n - 1)) === 0)) return `1/${n}`;
  return formatProbability(p);
}

/** Full-width digits and signs from a Chinese input method → ASCII, trimmed. */
export function asciiNumber(text) {
  return String(text ?? '')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.').replace(/[－−]/g, '-').replace(/＋/g, '+').replace(/[ｅＥ]/g, 'e')
    .trim();
}

/**
 * A plain number as a reader types it ("2", "-3.5", "1e6", "１０") for parameters that are not
 * probabilities (σ, λ, N, learning rate); throws BitRulerError EMPTY / PARSE / NOT_FINITE.
 */
export function parseNumber(text) {
  const s = asciiNumber(text);
  if (s === '') throw new BitRulerError('EMPTY', 'empty');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) throw new BitRulerError('PARSE', `not a number: ${s}`);
  const x = Number(s);
  if (!Number.isFinite(x)) throw new BitRulerError('NOT_FINITE', `not finite: ${s}`);
  return x;
}
