// Fills formulas compiled at build time (web/scripts/formulas.mjs) with live values, producing
// the markup KaTeX would produce for the same TeX (tested in tests/node/formulas.test.mjs).
// Values: { kind: 'num', x } | { kind: 'prob', p } | { kind: 'text', text } | { kind: 'raw', parts }
// or the shorthands: a number (num), a string (text).
import { numberParts, probabilityFraction } from './format.js';

const escapeText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// KaTeX's text mode: a run of white space is one no-break space; TeX ligatures of quotes and dashes.
function katexText(s) {
  return String(s).replace(/\s+/g, '\u00a0')
    .replace(/---/g, '\u2014').replace(/--/g, '\u2013')
    .replace(/``/g, '\u201C').replace(/''/g, '\u201D').replace(/`/g, '\u2018').replace(/'/g, '\u2019');
}

/** MathML nodes (as an array of strings) for a displayed number. */
export function numberNodes(x) {
  const { sign, digits, exponent } = numberParts(x);
  const nodes = sign ? ['<mo>−</mo>'] : [];
  if (digits === '∞') nodes.push('<mi mathvariant="normal">∞</mi>');
  else if (digits === '—') nodes.push('<mtext>—</mtext>');
  else nodes.push(`<mn>${digits}</mn>`);
  if (exponent !== null) {
    const e = exponent < 0 ? `<mrow><mo>−</mo><mn>${-exponent}</mn></mrow>` : `<mn>${exponent}</mn>`;
    nodes.push('<mo>×</mo>', `<msup><mn>10</mn>${e}</msup>`);
  }
  return nodes;
}

function probabilityNodes(p) {
  const f = probabilityFraction(p);
  return f ? [`<mfrac><mn>${f.numerator}</mn><mn>${f.denominator}</mn></mfrac>`] : numberNodes(p);
}

/** The inner nodes of a compiled formula used as a raw value (its top-level <mrow> content). */
export function fragment(parts) {
  const markup = fill(parts, {});
  return markup.replace(/^<math[^>]*><mrow>/, '').replace(/<\/mrow><\/math>$/, '');
}

function rawNodes(value) {
  // a fragment is one string; count its top-level nodes to decide on an <mrow>
  const markup = typeof value === 'string' ? value : fragment(value.parts);
  let depth = 0;
  let count = 0;
  for (const m of markup.matchAll(/<(\/?)[a-z]+[^>]*?(\/?)>/g)) {
    if (m[1]) depth -= 1;
    else if (!m[2]) { if (depth === 0) count += 1; depth += 1; } else if (depth === 0) count += 1;
  }
  return { markup, count };
}

const nodeList = (nodes) => ({ markup: nodes.join(''), count: nodes.length });

// { markup, count }: the slot's MathML and how many top-level nodes it has.
function slotNodes(kind, value) {
  const v = value && typeof value === 'object' ? value : (typeof value === 'number' ? { x: value } : { text: value ?? '' });
  switch (kind) {
    case 'n': return nodeList(numberNodes(v.x));
    case 'p': return nodeList(probabilityNodes(v.p ?? v.x));
    case 'r': return rawNodes(v.parts ? v : v.markup ?? '');
    default: return nodeList([`<mtext>${escapeText(katexText(v.text ?? ''))}</mtext>`]);
  }
}

/** The formula's MathML with `values[name]` in each slot. Missing values render as empty text. */
export function fill(parts, values) {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part;
    } else if (part.mtext) {
      let text = '';
      for (const piece of part.mtext) {
        if (typeof piece === 'string') text += piece;
        else {
          const v = values[piece.slot];
          text += escapeText(katexText(v && typeof v === 'object' ? v.text ?? '' : v ?? ''));
        }
      }
      out += `<mtext>${text}</mtext>`;
    } else {
      const { markup, count } = slotNodes(part.kind, values[part.slot]);
      out += part.fixed && count > 1 ? `<mrow>${markup}</mrow>` : markup;
    }
  }
  return out;
}
