// One rule for every number a reader sees (text, charts, formulas, messages):
//   - four significant digits, never more than four decimals: 0.080793 → 0.0808, 0.91921 → 0.9192,
//     1.58496 → 1.585, 316.92 → 316.9;
//   - a value that is exact at that precision is written without trailing zeros (10, 3, 2.625,
//     0.5), a rounded one keeps them (0.34904 → 0.3490), so digits say how much is known;
//   - below 0.001 and from 10^6 up: a×10ⁿ with four significant digits (1.2×10⁻⁷);
//   - ∞ and −∞ as such, never "-0", NaN never shown (it is a bug; "—" marks it).
// A unit always follows after a space: `withUnit(0.6393, 'bit')` → "0.6393 bit".

export const MINUS = '\u2212';
const SUPERSCRIPT = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻' };

/**
 * The parts of a displayed number: { sign: '' | '−', digits: '0.0808' | '∞' | '—', exponent: null | n }.
 * Text, MathML and TeX forms are all built from these parts, so they can never disagree.
 */
export function numberParts(x) {
  if (typeof x !== 'number' || Number.isNaN(x)) return { sign: '', digits: '—', exponent: null };
  const sign = x < 0 ? MINUS : '';
  const a = Math.abs(x);
  if (a === Infinity) return { sign, digits: '∞', exponent: null };
  if (a === 0) return { sign: '', digits: '0', exponent: null };
  if (a < 1e-3 || a >= 1e6) {
    const [mantissa, e] = a.toExponential(3).split('e');
    let m = mantissa;
    if (Number(m) === a / 10 ** Number(e) || isExactAt(a, m, Number(e))) m = stripZeros(m);
    return { sign, digits: m, exponent: Number(e) };
  }
  const decimals = Math.min(4, Math.max(0, 3 - Math.floor(Math.log10(a))));
  const fixed = a.toFixed(decimals);
  if (Number(fixed) === 0) return { sign: '', digits: '0', exponent: null };
  const digits = Number(fixed) === a ? stripZeros(fixed) : fixed;
  return { sign: Number(fixed) === 0 ? '' : sign, digits, exponent: null };
}

function isExactAt(a, mantissa, e) {
  return Number(`${mantissa}e${e}`) === a;
}

function stripZeros(s) {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** The number as text: "0.0808", "10", "−0.5", "∞", "1.2×10⁻⁷". */
export function formatNumber(x) {
  const { sign, digits, exponent } = numberParts(x);
  if (exponent === null) return sign + digits;
  const sup = String(exponent).split('').map((c) => SUPERSCRIPT[c]).join('');
  return `${sign}${digits}×10${sup}`;
}

/** "0.6393 bit" — the one place a number meets its unit. */
export function withUnit(x, unit) {
  return `${formatNumber(x)} ${unit}`;
}

/** TeX for a displayed number (for code that builds TeX, e.g. the KaTeX equality test). */
export function texNumber(x) {
  const { sign, digits, exponent } = numberParts(x);
  const s = sign ? '-' : '';
  if (digits === '∞') return `${s}\\infty`;
  if (exponent === null) return s + digits;
  return `${s}${digits}\\times 10^{${exponent}}`;
}

/** Percent: 0.125 → "12.5%", 0.99 → "99%". Same significant-digit rule. */
export function formatPercent(p) {
  return `${formatNumber(p * 100)}%`;
}

/** N when p is exactly 1/N for a whole N ≤ 2^30 (as a double), else null. */
export function reciprocalInteger(p) {
  if (!(p > 0) || p > 1) return null;
  const n = Math.round(1 / p);
  return n >= 1 && n <= 2 ** 30 && 1 / n === p ? n : null;
}

/**
 * A probability the way a reader writes it: "1/1024" when it is exactly one in a power of two or
 * one in at most 12, "0.45" when it has at most four decimals, else the number rule.
 */
export function formatProbability(p) {
  const n = reciprocalInteger(p);
  if (n !== null && n > 1 && (n <= 12 || (n & (n - 1)) === 0)) return `1/${n}`;
  return formatNumber(p);
}

/** { numerator, denominator } when formatProbability(p) is a fraction, else null. */
export function probabilityFraction(p) {
  const text = formatProbability(p);
  const m = /^1\/(\d+)$/.exec(text);
  return m ? { numerator: 1, denominator: Number(m[1]) } : null;
}

/**
 * A probability as field or attribute text that reads back exactly: "1/1024" for one in a power of
 * two, else the shortest decimal that round-trips ("0.45", "0.001", "1e-7").
 */
export function probabilityText(p) {
  const n = reciprocalInteger(p);
  if (n !== null && n > 1 && (n & (n - 1)) === 0 && n > 8) return `1/${n}`;
  return String(p);
}

/** A distribution as field or attribute text: "0.45, 0.55". */
export function formatList(values) {
  return values.map(probabilityText).join(', ');
}

/** "1024" for a count of equally likely outcomes: whole numbers as is, others by the rule. */
export function formatCount(n) {
  return Number.isInteger(n) && n < 1e6 ? String(n) : formatNumber(n);
}

/**
 * A whole number exactly, as an axis label: "−3", "120", "12 500", "1 000 000 000" (groups of three
 * with a narrow no-break space from 10 000 on). Integers on a ruler are positions, not measurements,
 * so they are never rounded.
 */
export function formatInteger(k) {
  if (!Number.isFinite(k)) return formatNumber(k);
  const digits = String(Math.abs(Math.round(k)));
  const grouped = digits.length > 4 ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f') : digits;
  return (k < 0 && Math.round(k) !== 0 ? MINUS : '') + grouped;
}
