// mathMarkup(markup): a compiled formula's MathML (shared/mathml.js fill()) in a Lit child part.
//
// While a reader drags, only numbers change: the formula keeps its shape (the same elements in
// the same order) and only text differs. Parsing the markup again for each frame (as unsafeHTML
// does) costs a ParseHTML, new nodes and a MathML layout of the whole formula per frame; here a
// formula of the same shape has only its changed text nodes rewritten. A formula of another
// shape (a number gains an exponent, a fraction becomes a decimal) is rendered from its markup.
// On the server and at its first render it renders exactly what unsafeHTML would (the same
// template), so a prerendered formula and the one its element renders are the same.
import { noChange } from 'lit';
import { Directive, directive, PartType } from 'lit/directive.js';

const ENTITY = /&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos|nbsp));/gi;
const NAMED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decode = (s) => (s.includes('&')
  ? s.replace(ENTITY, (_, hex, dec, name) => (name ? NAMED[name.toLowerCase()] : String.fromCodePoint(parseInt(hex ?? dec, hex ? 16 : 10))))
  : s);

/** The markup's shape (its tags, and where text stands between them) and its texts, in order. */
export function shapeOf(markup) {
  const texts = [];
  let key = '';
  for (const m of markup.matchAll(/([^<]*)(<[^>]*>)?/g)) {
    if (m[1]) { texts.push(decode(m[1])); key += '#'; }
    if (m[2]) key += m[2];
    if (!m[0]) break;
  }
  return { key, texts };
}

// What unsafeHTML(markup) renders: a one-string template (Lit caches templates by that array).
function template(markup) {
  const strings = [markup];
  strings.raw = strings;
  return { ['_$litType$']: 1, strings, values: [] };
}

/** The text nodes a child part holds, in document order. */
function textNodesOf(part) {
  const nodes = [];
  const end = part.endNode;
  for (let n = part.startNode?.nextSibling ?? null; n && n !== end; n = n.nextSibling) {
    if (n.nodeType === 3) { nodes.push(n); continue; }
    if (n.nodeType !== 1) continue;
    const walker = n.ownerDocument.createTreeWalker(n, 4 /* NodeFilter.SHOW_TEXT */);
    while (walker.nextNode()) nodes.push(walker.currentNode);
  }
  return nodes;
}

class MathMarkup extends Directive {
  constructor(info) {
    super(info);
    if (info.type !== PartType.CHILD) throw new Error('mathMarkup() belongs in a child part');
  }

  render(markup) {
    return template(markup);
  }

  update(part, [markup]) {
    if (markup === this.markup) return noChange;
    const next = shapeOf(markup);
    if (this.shape && next.key === this.shape.key && this.rewrite(part, next.texts)) {
      this.markup = markup;
      this.shape = next;
      return noChange;
    }
    this.markup = markup;
    this.shape = next;
    this.nodes = null;
    return template(markup);
  }

  // Rewrites the changed text nodes; false when the DOM is not what was rendered (then it is redone).
  rewrite(part, texts) {
    if (!this.nodes) {
      const nodes = textNodesOf(part);
      const seen = this.shape.texts;
      if (nodes.length !== seen.length || nodes.some((n, i) => n.data !== seen[i])) return false;
      this.nodes = nodes;
    }
    for (let i = 0; i < texts.length; i++) if (this.nodes[i].data !== texts[i]) this.nodes[i].data = texts[i];
    return true;
  }
}

export const mathMarkup = directive(MathMarkup);
