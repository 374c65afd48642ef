// The formulas are compiled to MathML at build time and filled with live values in the browser
// (web/src/shared/mathml.js). For every template of every element and values of every kind shown
// (the article's numbers, negatives, ∞, tiny and huge numbers, fractions, labels in both languages
// with characters TeX treats specially), the filled markup must be exactly what KaTeX renders for
// the same TeX with those values written in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileModule, renderKatex } from '../../web/scripts/formulas.mjs';
import { fill } from '../../web/src/shared/mathml.js';
import { texNumber, probabilityFraction } from '../../web/src/shared/format.js';
import { root as repoRoot } from './helpers.mjs';

const dir = join(repoRoot, 'web', 'src', 'formulas');
const modules = readdirSync(dir).filter((f) => f.endsWith('.tex.js'));
const UNITS = (await import(pathToFileURL(join(dir, 'units.tex.js')).href)).default;
const LOG_PARTS = compileModule(UNITS);

const NUMBERS = [10, 3, 0.08079313589591118, 0.9192068641040888, 2.625, 1.75, 0.875, -0.5636, 0, -0, Infinity, -Infinity,
  1e-7, 1.234e-9, 9.7656e-4, 1e6, 12345678, 316.9178, 0.3490, 1.5849625007211563, 5e-324, 1.7976931348623157e308];
const PROBABILITIES = [1 / 1024, 1 / 8, 0.5, 0.99, 0.01, 1, 0, 0.3, 1 / 3, 1e-7, 0.125, 2 ** -30];
// Labels as readers write them, with every character TeX escapes as a symbol (\% \# \$ \& \{ \} \_).
// (^ ~ \ have no such escape: KaTeX writes them with \textasciicircum etc., which add empty
// groups around the same text; the last test checks that text for them.)
const TEXTS = ['中国夺冠', 'China wins', 'Argentina  wins', 'a<b & c>d', "rock 'n' roll -- x", 'A 且 B', '100% {sure} #1 $5 a_b'];

// TeX for a text inside \text{}: escape what TeX reads as commands.
const texText = (s) => s.replace(/[\\{}$&#%_^~]/g, (c) => ({ '\\': '\\textbackslash{}', '^': '\\textasciicircum{}', '~': '\\textasciitilde{}' }[c] ?? `\\${c}`));
const texFor = {
  n: (x) => texNumber(x),
  p: (p) => { const f = probabilityFraction(p); return f ? `\\frac{${f.numerator}}{${f.denominator}}` : texNumber(p); },
  t: (s) => texText(s),
};

function* samples(slots, count = 40) {
  for (let k = 0; k < count; k++) {
    const values = {};
    const tex = {};
    for (const { slot, kind } of slots) {
      if (kind === 'n') { const x = NUMBERS[(k * 7 + slot.length) % NUMBERS.length]; values[slot] = x; tex[slot] = texFor.n(x); }
      if (kind === 'p') { const p = PROBABILITIES[(k * 5 + slot.length) % PROBABILITIES.length]; values[slot] = { p }; tex[slot] = texFor.p(p); }
      if (kind === 't') { const s = TEXTS[(k * 3 + slot.length) % TEXTS.length]; values[slot] = s; tex[slot] = texFor.t(s); }
      if (kind === 'r') { const u = ['bit', 'nat', 'hartley'][k % 3]; values[slot] = { parts: LOG_PARTS[u] }; tex[slot] = UNITS[u].tex; }
    }
    yield { values, tex };
  }
}

function slotsOf(parts) {
  const out = [];
  for (const p of parts) {
    if (p.slot) out.push({ slot: p.slot, kind: p.kind, fixed: p.fixed });
    if (p.mtext) for (const q of p.mtext) if (q.slot) out.push({ slot: q.slot, kind: 't', fixed: false });
  }
  return out;
}

// The template's TeX with each slot written out. A value in a fixed argument (a fraction's
// numerator, a power's base) is braced, as an author would write it: KaTeX then groups it in an
// <mrow>, as fill() does.
function substitute(template, tex, slots) {
  let k = 0;
  return template.replace(/\\(num|prob|raw|txt)\{(\w+)\}/g, (all, kind, name) => {
    const slot = slots[k++];
    if (kind === 'txt') return `\\text{${tex[name]}}`;
    return slot?.fixed ? `{${tex[name]}}` : tex[name];
  });
}

test('every formula module compiles, and each has slots', async () => {
  assert.ok(modules.length >= 5, `formula modules found: ${modules.join(', ')}`);
  for (const file of modules) {
    const templates = (await import(pathToFileURL(join(dir, file)).href)).default;
    const compiled = compileModule(templates);
    assert.deepEqual(Object.keys(compiled), Object.keys(templates), file);
  }
});

for (const file of modules.filter((f) => f !== 'units.tex.js')) {
  test(`${file}: the filled MathML equals KaTeX's for the same values`, async () => {
    const templates = (await import(pathToFileURL(join(dir, file)).href)).default;
    let compared = 0;
    for (const [name, t] of Object.entries(templates)) {
      const { tex: template, inline = false } = typeof t === 'string' ? { tex: t } : t;
      const parts = compileModule({ [name]: t })[name];
      const slots = slotsOf(parts);
      for (const { values, tex } of samples(slots)) {
        const ours = fill(parts, values);
        const katex = renderKatex(substitute(template, tex, slots), { display: !inline });
        assert.equal(ours, katex, `${file} ${name} with ${JSON.stringify(tex)}`);
        compared += 1;
      }
    }
    assert.ok(compared >= 40);
  });
}

test('a value the template does not fill is empty text, never the slot marker', () => {
  const [parts] = Object.values(compileModule({ x: String.raw`a = \num{v}\ \txt{u}` }));
  const out = fill(parts, {});
  assert.doesNotMatch(out, /§/);
  assert.match(out, /<mtext>—<\/mtext>/);
});

test('reader text cannot become markup inside a formula', () => {
  const [parts] = Object.values(compileModule({ x: String.raw`I(\txt{label})` }));
  const out = fill(parts, { label: '<img src=x onerror=alert(1)>' });
  assert.doesNotMatch(out, /<img/);
  assert.match(out, /&lt;img/);
});

test('labels with ^ ~ \\ read the same as in KaTeX (KaTeX adds only empty groups around them)', () => {
  const [parts] = Object.values(compileModule({ x: String.raw`I(\txt{label})` }));
  const label = 'x^2 ~ a\\b';
  const ours = fill(parts, { label });
  const katex = renderKatex(`I(\\text{${texText(label)}})`);
  const text = (m) => m.replace(/<[^>]+>/g, '');
  assert.equal(text(ours), text(katex));
});

test('a formula keeps its shape when only numbers change; its texts are the DOM text, entities decoded', async () => {
  const { shapeOf } = await import('../../web/src/elements/math-markup.js');
  const F = compileModule((await import(pathToFileURL(join(dir, 'surprisal.tex.js')).href)).default);
  const name = Object.keys(F).find((k) => F[k].some((p) => typeof p !== 'string' && p.kind === 'n'));
  const slot = F[name].find((p) => typeof p !== 'string' && p.kind === 'n').slot;
  const a = shapeOf(fill(F[name], { [slot]: 10 }));
  const b = shapeOf(fill(F[name], { [slot]: 9.966 }));
  const c = shapeOf(fill(F[name], { [slot]: 1.234e-9 }));
  assert.equal(a.key, b.key, 'a new number, same shape: only text is rewritten');
  assert.notEqual(a.key, c.key, 'an exponent appears: another shape, rendered anew');
  assert.ok(a.texts.includes('10') && b.texts.includes('9.966'));
  assert.deepEqual(shapeOf('<mtext>a&lt;b &amp; c&gt;d&#x2061;&#8722;</mtext>').texts, ['a<b & c>d\u2061\u2212']);
  assert.deepEqual(shapeOf('<mi>x</mi><mo>=</mo>'), { key: '<mi>#</mi><mo>#</mo>', texts: ['x', '='] });
});
