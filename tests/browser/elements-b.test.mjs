// Browser tests of <bit-cross-entropy>, <bit-kl>, the sampling panel and <bit-code-snippet>
// (elemB's elements), in Debian's Chromium through playwright-core.
//
// The fixture tests/browser/fixtures/elements-b.html is served from a private copy of dist/ with
// the elements bundled beside dist/core.js (so the suite tests these modules even before the page's
// bitruler.js exports them, and is not disturbed by a concurrent `npm run build`).
//
// Expected numbers are derived here independently of the core (closed forms with Math.log2 on
// the article's examples), never read back from the element under test.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import {
  assertClean, launchBrowser, openPage, repoRoot, snapshotDist, startServer,
} from './helpers.mjs';
import { pythonSnippet, pyFloat } from '../../web/src/elements/code-snippet.js';
import { apportion, distributionText } from '../../web/src/elements/bit-cross-entropy.js';

const log2 = Math.log2;
const H = (p) => p.reduce((s, x) => s + (x > 0 ? -x * log2(x) : 0), 0);
const CE = (p, q) => p.reduce((s, x, i) => s + (x > 0 ? -x * log2(q[i]) : 0), 0);
const KL = (p, q) => p.reduce((s, x, i) => s + (x > 0 ? x * log2(x / q[i]) : 0), 0);

let snapshot;
let server;
let browser;
let url;

before(async () => {
  snapshot = snapshotDist();
  await esbuild.build({
    stdin: {
      contents: "import './web/src/elements/bit-cross-entropy.js'; import './web/src/elements/bit-kl.js';",
      resolveDir: repoRoot,
    },
    bundle: true,
    format: 'esm',
    outfile: join(snapshot.dir, 'elements-b.js'),
    logLevel: 'warning',
    // base.js imports ../core.js: use the built dist/core.js beside the bundle.
    plugins: [{
      name: 'dist-core',
      setup(b) { b.onResolve({ filter: /(^|\/)core\.js$/ }, () => ({ path: './core.js', external: true })); },
    }],
  });
  copyFileSync(join(repoRoot, 'tests/browser/fixtures/elements-b.html'), join(snapshot.dir, 'elements-b.html'));
  server = await startServer({ root: snapshot.dir });
  url = `${server.url}elements-b.html`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  snapshot?.remove();
});

/** Opens the fixture; waits until every element on it has a result. */
async function open(opts = {}) {
  const { page, context, log } = await openPage(browser, url, { waitReady: false, ...opts });
  await page.waitForFunction(() => [...document.querySelectorAll('bit-cross-entropy, bit-kl')]
    .every((el) => el.result != null), null, { timeout: 15000 });
  return { page, context, log };
}

/** el.result with ∞ kept (JSON would turn it into null). */
function result(page, id) {
  return page.evaluate((id) => {
    const r = document.getElementById(id).result;
    if (!r) return null;
    const out = {};
    for (const [k, v] of Object.entries(r)) out[k] = v === Infinity ? 'Infinity' : (Object.is(v, -0) ? '-0' : v);
    return out;
  }, id);
}

function errorOf(page, id) {
  return page.evaluate((id) => {
    const e = document.getElementById(id).error;
    return e && { code: e.code, message: e.message, field: e.field };
  }, id);
}

const text = (page, selector) => page.locator(selector).first().textContent();

/** The number in "H(P) = 1.75 bit" style text. */
function numberIn(s) {
  const m = String(s).replace('\u2212', '-').match(/=\s*(-?[0-9.]+|∞)/);
  assert.ok(m, `no number in ${JSON.stringify(s)}`);
  return m[1] === '∞' ? Infinity : Number(m[1]);
}

async function shownTriple(page, id) {
  return {
    ce: numberIn(await text(page, `#${id} .ce-value`)),
    h: numberIn(await text(page, `#${id} .h-value`)),
    kl: numberIn(await text(page, `#${id} .kl-value`)),
  };
}

/** CE = H + KL on screen, to the displayed precision (4 decimals: each rounding ≤ 5e-5). */
function assertIdentityShown({ ce, h, kl }, what) {
  assert.ok(Math.abs(ce - (h + kl)) <= 1.0001e-4, `${what}: shown ${ce} ≠ ${h} + ${kl}`);
}

async function typeInto(page, selector, value) {
  const input = page.locator(selector);
  await input.fill(value);
}

async function dragTo(page, selector, fraction, { steps = 1 } = {}) {
  const box = await page.locator(selector).boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.5, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * fraction, y, { steps });
  await page.mouse.up();
}

async function waitUntil(page, id, predicate, what) {
  const end = Date.now() + 5000;
  let last;
  for (;;) {
    last = await result(page, id);
    if (last && predicate(last)) return last;
    if (Date.now() > end) throw new Error(`${what}: timed out, last ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('pure helpers (Node)', () => {
  test('Python floats are float literals, never ints (torch would read ints as class indices)', () => {
    assert.equal(pyFloat(1), '1.0');
    assert.equal(pyFloat(0), '0.0');
    assert.equal(pyFloat(0.125), '0.125');
    assert.equal(pyFloat(1e-7), '1e-7');
    assert.equal(pyFloat(1 / 3), String(1 / 3));
  });

  test('the cross-entropy snippet carries the numbers, honest torch semantics, and labels as literals', () => {
    const code = pythonSnippet('cross-entropy', {
      p: [0.5, 0.5], q: [0.25, 0.75], labels: ['a"b', 'x\ny'], crossEntropy: CE([0.5, 0.5], [0.25, 0.75]), unit: 'bit',
    }, 'en');
    assert.match(code, /p = np\.array\(\[0\.5, 0\.5\]\)/);
    assert.match(code, /q = np\.array\(\[0\.25, 0\.75\]\)/);
    assert.match(code, /-np\.sum\(p\[m\] \* np\.log2\(q\[m\]\)\)\s+# ≈ 1\.20752 bit/);
    assert.match(code, /entropy\(p, base=2\) \+ entropy\(p, q, base=2\)/);
    assert.match(code, /F\.cross_entropy\(logits, target\) \/ math\.log\(2\)/);
    assert.match(code, /LOGITS/);
    assert.match(code, /-\(pt \* torch\.log2\(qt\)\)\.sum\(\)/);
    // A label cannot break out of its comment line.
    assert.ok(code.includes('"a\\"b", "x\\ny"'));
    assert.equal(code.split('\n').filter((l) => l.includes('x')).every((l) => !l.startsWith('y')), true);
  });

  test('units pick log2/log/log10 and scipy base; q = 0 with p = 0 warns that torch gives nan', () => {
    const nat = pythonSnippet('kl', { p: [0.5, 0.5, 0], q: [0.25, 0.75, 0], kl: 0.1, klReverse: 0.2, unit: 'nat' });
    assert.match(nat, /entropy\(p, q\)\s+# = 0\.1 nat/);
    assert.doesNotMatch(nat, /base=/);
    assert.match(nat, /reduction='sum'\)\s+# nan here/);
    const hart = pythonSnippet('entropy', { p: [2, 1, 1], normalized: true, entropy: 0.45, unit: 'hartley' });
    assert.match(hart, /entropy\(p, base=10\)/);
    assert.match(hart, /p = p \/ p\.sum\(\)/);
    assert.match(hart, /np\.log10/);
  });

  test('apportion keeps the total exact and never zeroes a positive weight by rounding', () => {
    const u = apportion([1, 1, 1], 1e6);
    assert.equal(u.reduce((a, b) => a + b, 0), 1e6);
    const v = apportion([0.5, 1e-9, 0.5], 10);
    assert.equal(v.reduce((a, b) => a + b, 0), 10);
    assert.ok(v[1] >= 1);
    assert.equal(distributionText([0.5, 0.25]), '0.5, 0.25');
  });
});

describe('<bit-cross-entropy> and <bit-kl> in Chromium', () => {
  test('the article numbers: 8 equal teams 3 bit, France/China 0.0808 bit, and CE/KL for them', async () => {
    const { page, context, log } = await open();
    const eight = await result(page, 'eight');
    assert.equal(eight.entropy, 3);
    assert.equal(eight.crossEntropy, 3);
    assert.equal(eight.kl, 0);
    const fr = await result(page, 'ce-en');
    const p = [0.99, 0.01];
    const q = [0.5, 0.5];
    assert.ok(Math.abs(fr.entropy - H(p)) < 1e-13);
    assert.equal(fr.crossEntropy, 1);
    assert.ok(Math.abs(fr.kl - KL(p, q)) < 1e-13);
    assert.equal(await text(page, '#ce-en .h-value'), 'H(P) = 0.0808 bit');
    assert.equal(await text(page, '#ce-en .ce-value'), 'H(P,Q) = 1 bit');
    const ce = await result(page, 'ce');
    assert.deepEqual(ce, { entropy: 1.75, crossEntropy: 2, kl: 0.25, unit: 'bit' });
    const kl = await result(page, 'kl');
    assert.ok(Math.abs(kl.kl - KL(p, q)) < 1e-13);
    assert.ok(Math.abs(kl.klReverse - KL(q, p)) < 1e-13);
    assert.equal(await text(page, '#kl .fwd .big'), 'D(P‖Q) = 0.9192 bit');
    assert.equal(await text(page, '#kl .rev .big'), 'D(Q‖P) = 2.3292 bit');
    const nat = await result(page, 'kl-nat');
    assert.equal(nat.unit, 'nat');
    assert.ok(Math.abs(nat.kl - (0.5 * Math.log(0.5 / 0.75) + 0.5 * Math.log(0.5 / 0.25))) < 1e-14);
    // The Huffman table: the code for P has lengths 1,2,3,3 (average 1.75 = H(P)); Q's code 2,2,2,2.
    const rows = await page.locator('#ce .codes tbody tr').allTextContents();
    assert.equal(rows.length, 4);
    assert.match(rows[0], /0 \(1\).*\(2\)/);
    assert.match(rows[2], /\(3\).*\(2\)/);
    assert.deepEqual(await page.locator('#ce .codes tfoot td').allTextContents().then((t) => t.slice(-2)), ['1.75', '2']);
    assertIdentityShown(await shownTriple(page, 'ce'), 'ce');
    assertIdentityShown(await shownTriple(page, 'ce-en'), 'ce-en');
    assertClean(assert, log);
    await context.close();
  });

  test('typing Q changes the result and reflects the attribute; weights are rescaled with a notice', async () => {
    const { page, context, log } = await open();
    const p = [0.5, 0.25, 0.125, 0.125];
    await typeInto(page, '#ce .q-field', '0.4, 0.3, 0.2, 0.1');
    const r = await waitUntil(page, 'ce', (x) => Math.abs(x.crossEntropy - CE(p, [0.4, 0.3, 0.2, 0.1])) < 1e-12, 'typed Q');
    assert.ok(Math.abs(r.kl - KL(p, [0.4, 0.3, 0.2, 0.1])) < 1e-12);
    assert.equal(await page.getAttribute('#ce', 'q'), '0.4, 0.3, 0.2, 0.1');
    assertIdentityShown(await shownTriple(page, 'ce'), 'after typing');
    await typeInto(page, '#ce .q-field', '4, 3, 2, 1');
    await waitUntil(page, 'ce', (x) => Math.abs(x.crossEntropy - CE(p, [0.4, 0.3, 0.2, 0.1])) < 1e-12, 'weights');
    assert.match(await text(page, '#ce .q-field ~ .notice-line'), /10/);
    assert.equal(await errorOf(page, 'ce'), null);
    assertClean(assert, log);
    await context.close();
  });

  test('dragging a bar and the keyboard change the result; the dragged distribution still sums to 1', async () => {
    const { page, context, log } = await open();
    const before = await result(page, 'ce');
    await dragTo(page, '#ce .track.q >> nth=0', 0.7);
    const r = await waitUntil(page, 'ce', (x) => x.crossEntropy !== before.crossEntropy, 'drag');
    const q = (await page.getAttribute('#ce', 'q')).split(',').map(Number);
    assert.equal(q.length, 4);
    assert.ok(Math.abs(q[0] - 0.7) < 0.01, `q0 ${q[0]}`);
    assert.ok(Math.abs(q.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    const p = [0.5, 0.25, 0.125, 0.125];
    assert.ok(Math.abs(r.crossEntropy - CE(p, q)) < 1e-12);
    assert.equal(await page.inputValue('#ce .q-field'), await page.getAttribute('#ce', 'q'));
    assertIdentityShown(await shownTriple(page, 'ce'), 'after drag');

    // Keyboard: focus Q(法国) and press ArrowRight (+0.01), then End (1).
    const slider = page.locator('#ce .track.q >> nth=1');
    await slider.focus();
    const q1 = Number(await slider.getAttribute('aria-valuenow'));
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((v) => {
      const s = document.querySelector('#ce').shadowRoot.querySelectorAll('.track.q')[1];
      return Math.abs(Number(s.getAttribute('aria-valuenow')) - v) < 1e-9;
    }, q1 + 0.01);
    assert.match(await slider.getAttribute('aria-valuetext'), /法国/);
    await page.keyboard.press('End');
    const full = await waitUntil(page, 'ce', (x) => x.crossEntropy === 'Infinity', 'End key: q = (0,1,0,0)');
    assert.equal(full.kl, 'Infinity');
    // A focused slider shows a visible focus ring.
    const outline = await slider.evaluate((el) => getComputedStyle(el).outlineStyle);
    assert.equal(outline, 'solid');
    assertClean(assert, log);
    await context.close();
  });

  test('Gibbs challenge: sweeping Q across the whole bar, the gap is never below 0 and hits exactly 0 at P', async () => {
    const { page, context, log } = await open();
    await page.locator('#ce-en button[data-preset="presetArticle"]').click();
    const box = await page.locator('#ce-en .track.q >> nth=0').boundingBox();
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + 1, y);
    await page.mouse.down();
    let sawZero = false;
    let steps = 0;
    for (let f = 0; f <= 1.0001; f += 0.01) {
      await page.mouse.move(box.x + box.width * f, y);
      const r = await result(page, 'ce-en');
      const gap = await text(page, '#ce-en .gibbs-gap');
      assert.ok(r.kl === 'Infinity' || r.kl >= 0, `negative KL ${r.kl} at ${f}`);
      assert.ok(r.crossEntropy === 'Infinity' || r.crossEntropy >= r.entropy, `CE below H at ${f}`);
      assert.ok(!/[−-]\s*0\.0*[1-9]|=\s*[−-]/.test(gap.replace('H(P,Q) − H(P)', '')), `negative gap shown: ${gap}`);
      if (r.kl === 0) sawZero = true;
      steps++;
    }
    await page.mouse.up();
    assert.ok(steps > 90);
    assert.ok(sawZero, 'dragging Q over P reached exactly 0');
    // Drag Q exactly onto 0.99 (the magnet snaps it): gap exactly 0, not 1e-17.
    await dragTo(page, '#ce-en .track.q >> nth=0', 0.99);
    const r = await waitUntil(page, 'ce-en', (x) => x.kl === 0, 'snap onto P');
    assert.equal(r.crossEntropy, r.entropy);
    assert.match(await text(page, '#ce-en .gibbs-state'), /exactly 0/);
    assert.match(await text(page, '#ce-en .gibbs-gap'), /smallest gap you reached: 0 bit/);
    await page.locator('#ce-en .hint-button').click();
    const hint = await text(page, '#ce-en .hint');
    assert.match(hint, /≥ 0/);
    assert.match(hint, /exactly when Q = P/);
    assertClean(assert, log);
    await context.close();
  });

  test('bit-kl: not symmetric, snap Q to P gives exactly 0 (shown "0", never −0), and ∞ is explained', async () => {
    const { page, context, log } = await open();
    const r0 = await result(page, 'kl');
    assert.notEqual(r0.kl, r0.klReverse);
    assert.match(await text(page, '#kl .asym'), /1\.41/);
    await typeInto(page, '#kl .q-field', '0.3, 0.7');
    await waitUntil(page, 'kl', (x) => Math.abs(x.kl - KL([0.99, 0.01], [0.3, 0.7])) < 1e-12, 'typed');
    await page.locator('#kl button.snap').click();
    const r = await waitUntil(page, 'kl', (x) => x.kl === 0, 'snap');
    assert.equal(r.kl, 0);
    assert.equal(r.klReverse, 0);
    assert.equal(await text(page, '#kl .fwd .big'), 'D(P‖Q) = 0 bit');
    assert.equal(await page.getAttribute('#kl', 'q'), '0.99, 0.01');
    // ∞: Q gives an outcome P expects probability 0.
    await typeInto(page, '#kl .q-field', '1, 0');
    const inf = await waitUntil(page, 'kl', (x) => x.kl === 'Infinity', 'q = 0');
    assert.ok(Math.abs(inf.klReverse - KL([1, 0], [0.99, 0.01])) < 1e-13, 'the other direction stays finite');
    assert.equal(await text(page, '#kl .fwd .big'), 'D(P‖Q) = ∞ bit');
    const why = await text(page, '#kl .inf-forward');
    assert.match(why, /中国/);
    assert.match(why, /0\.01/);
    assert.match(why, /无穷大/);
    // Per-outcome terms: one of them negative, the sum not.
    await typeInto(page, '#kl .q-field', '0.5, 0.5');
    await waitUntil(page, 'kl', (x) => x.kl !== 'Infinity', 'back');
    const terms = await page.locator('#kl .contrib tbody td:nth-of-type(1)').allTextContents();
    assert.equal(terms.length, 2);
    assert.ok(terms.some((t) => t.startsWith('\u2212')), `a negative term: ${terms}`);
    assertClean(assert, log);
    await context.close();
  });

  test('bit-cross-entropy with q = 0 where p > 0: CE ∞, no Huffman codeword, sampling explains instead of drawing', async () => {
    const { page, context, log } = await open();
    await typeInto(page, '#ce-en .q-field', '1, 0');
    const r = await waitUntil(page, 'ce-en', (x) => x.crossEntropy === 'Infinity', 'q=0');
    assert.equal(r.kl, 'Infinity');
    assert.equal(await text(page, '#ce-en .ce-value'), 'H(P,Q) = ∞ bit');
    assert.match(await text(page, '#ce-en .codes tbody tr >> nth=1'), /none/);
    assert.match(await text(page, '#ce-en .sampling .gap'), /no codeword/);
    assert.equal(await page.locator('#ce-en .sampling button.draw').isDisabled(), true);
    assertClean(assert, log);
    await context.close();
  });

  const BAD = [
    ['abc', 'PARSE'],
    ['-1', 'NEGATIVE'],
    ['150%', 'OUT_OF_RANGE'],
    ['0.5, 150%', 'OUT_OF_RANGE'],
    ['1/0', 'NOT_FINITE'],
    ['', 'EMPTY'],
    ['0, 0', 'OUT_OF_RANGE'],
  ];

  test('each bad input typed: localized message beside the field, el.error, last result kept, text kept', async () => {
    const { page, context, log } = await open();
    for (const id of ['ce', 'kl']) {
      const good = await result(page, id);
      const qBefore = await page.inputValue(`#${id} .q-field`);
      for (const [input, code] of BAD) {
        await typeInto(page, `#${id} .p-field`, input);
        await page.waitForFunction(([id, code]) => document.getElementById(id).error?.code === code, [id, code]);
        const err = await errorOf(page, id);
        assert.equal(err.field, 'p');
        assert.match(err.message, /[\u4e00-\u9fff]/, `zh message for ${input}`);
        const beside = await text(page, `#${id} .p-field ~ .field-msg`);
        assert.equal(beside, err.message);
        assert.equal(await page.getAttribute(`#${id} .p-field`, 'aria-invalid'), 'true');
        assert.deepEqual(await result(page, id), good, `${id}: result kept after ${input}`);
        assert.equal(await page.inputValue(`#${id} .p-field`), input, 'what was typed stays');
        assert.equal(await page.inputValue(`#${id} .q-field`), qBefore, 'the other field untouched');
      }
      // Q shorter than P.
      await typeInto(page, `#${id} .p-field`, id === 'ce' ? '1/2,1/4,1/8,1/8' : '0.99,0.01');
      await page.waitForFunction((id) => document.getElementById(id).error === null, id);
      await typeInto(page, `#${id} .q-field`, id === 'ce' ? '0.5, 0.5' : '1');
      await page.waitForFunction((id) => document.getElementById(id).error?.code === 'LENGTH_MISMATCH', id);
      assert.match((await errorOf(page, id)).message, /P 有 \d 项，Q 有 \d 项/);
      assert.deepEqual(await result(page, id), good);
      // Fixing it clears the error.
      await typeInto(page, `#${id} .q-field`, qBefore);
      await page.waitForFunction((id) => document.getElementById(id).error === null, id);
    }
    // English messages in an English element.
    await typeInto(page, '#ce-en .p-field', 'abc');
    await page.waitForFunction(() => document.getElementById('ce-en').error?.code === 'PARSE');
    assert.match((await errorOf(page, 'ce-en')).message, /Could not read “abc”/);
    assertClean(assert, log);
    await context.close();
  });

  test('each bad input set as an attribute: error shown, last result kept, no exception', async () => {
    const { page, context, log } = await open();
    const good = await result(page, 'kl');
    for (const [input, code] of [...BAD, ['0.5', 'LENGTH_MISMATCH']]) {
      await page.evaluate((v) => document.getElementById('kl').setAttribute('q', v), input);
      await page.waitForFunction((code) => document.getElementById('kl').error?.code === code, code);
      assert.equal(await page.inputValue('#kl .q-field'), input);
      assert.deepEqual(await result(page, 'kl'), good);
    }
    await page.evaluate(() => document.getElementById('kl').setAttribute('q', '0.5, 0.5'));
    await page.waitForFunction(() => document.getElementById('kl').error === null);
    await page.evaluate(() => document.getElementById('kl').setAttribute('unit', 'furlong'));
    await page.waitForFunction(() => document.getElementById('kl').error?.code === 'BAD_BASE');
    assert.match(await text(page, '#kl .general-msg'), /furlong/);
    assert.equal((await result(page, 'kl')).unit, 'bit', 'an unknown unit computes on in bits');
    const lastInternal = await page.evaluate(() => [...document.querySelectorAll('bit-cross-entropy, bit-kl')]
      .map((el) => el.lastInternalError && String(el.lastInternalError)));
    assert.deepEqual(lastInternal.filter(Boolean), []);
    assertClean(assert, log);
    await context.close();
  });

  test('add / remove / rename keep P and Q the same length and reflect to attributes', async () => {
    const { page, context, log } = await open();
    await page.locator('#ce button.add').click();
    await page.waitForFunction(() => document.getElementById('ce').getAttribute('p').split(',').length === 5);
    assert.equal((await page.getAttribute('#ce', 'q')).split(',').length, 5);
    assert.equal(await page.locator('#ce .orow:not(.head)').count(), 5);
    await page.locator('#ce .orow:not(.head) >> nth=0 >> button.remove').click();
    await page.waitForFunction(() => document.getElementById('ce').getAttribute('p').split(',').length === 4);
    const p = (await page.getAttribute('#ce', 'p')).split(',').map(Number);
    const q = (await page.getAttribute('#ce', 'q')).split(',').map(Number);
    assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    assert.ok(Math.abs(q.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    const r = await result(page, 'ce');
    assert.ok(Math.abs(r.crossEntropy - CE(p, q)) < 1e-12);
    // Refused text in a field survives adding an outcome.
    await typeInto(page, '#ce .q-field', '0.5, abc');
    await page.waitForFunction(() => document.getElementById('ce').error?.code === 'PARSE');
    await page.locator('#ce button.add').click();
    await page.waitForFunction(() => document.getElementById('ce').getAttribute('p').split(',').length === 5);
    assert.equal(await page.inputValue('#ce .q-field'), '0.5, abc');
    assert.equal((await errorOf(page, 'ce')).code, 'PARSE');
    await page.locator('#ce .orow:not(.head) >> nth=4 >> button.remove').click();
    await page.waitForFunction(() => document.getElementById('ce').getAttribute('p').split(',').length === 4);
    await typeInto(page, '#ce .q-field', await page.getAttribute('#ce', 'q'));
    await page.waitForFunction(() => document.getElementById('ce').error === null);
    await page.locator('#ce .orow:not(.head) >> nth=0 >> input.name').fill('<b>克罗地亚</b>');
    await page.waitForFunction(() => document.getElementById('ce').getAttribute('labels')?.startsWith('<b>克罗地亚</b>'));
    // Labels are text, never HTML.
    assert.equal(await page.locator('#ce .codes tbody th >> nth=0').textContent(), '<b>克罗地亚</b>');
    assert.equal(await page.evaluate(() => document.getElementById('ce').shadowRoot.querySelectorAll('.codes b').length), 0);
    assertClean(assert, log);
    await context.close();
  });

  test('sampling: reproducible for a seed, different for another, converging on Σ p·len_Q', async () => {
    const { page, context, log } = await open();
    const run = async (seed, draws) => {
      await page.locator('#ce .sampling input.seed').fill(String(seed));
      await page.locator('#ce .sampling select.draws').selectOption(String(draws));
      await page.locator('#ce .sampling button.skip').click();
      await page.waitForFunction(() => document.querySelector('#ce').shadowRoot.querySelector('.sampling').dataset.state === 'done');
      return page.evaluate(() => document.getElementById('ce').sampling.state);
    };
    const a = await run(7, 1000);
    const b = await run(7, 1000);
    assert.deepEqual(a.outcomes, b.outcomes);
    assert.equal(a.mean, b.mean);
    assert.equal(await page.getAttribute('#ce', 'seed'), '7');
    const c = await run(8, 1000);
    assert.notDeepEqual(c.outcomes, a.outcomes);
    // Outcome frequencies follow P = (1/2, 1/4, 1/8, 1/8) (binomial 5-sigma bounds).
    const big = await run(7, 10000);
    const counts = [0, 0, 0, 0];
    for (const k of big.outcomes) counts[k]++;
    [0.5, 0.25, 0.125, 0.125].forEach((pi, i) => {
      const sd = Math.sqrt(10000 * pi * (1 - pi));
      assert.ok(Math.abs(counts[i] - 10000 * pi) < 5 * sd, `count ${i}: ${counts[i]}`);
    });
    // Q is uniform over 4: every codeword is 2 bits, so the running mean is exactly 2 = H(P,Q).
    assert.equal(big.settlesOn, 2);
    assert.equal(big.mean, 2);
    // Q ranks the teams backwards (lengths 3,3,2,1): both running averages settle on H(P,Q) = 2.625.
    await page.locator('#ce button[data-preset="presetBackwards"]').click();
    await waitUntil(page, 'ce', (x) => x.crossEntropy === 2.625, 'backwards preset');
    const back = await run(3, 10000);
    assert.equal(back.settlesOn, 2.625);
    // Var(−log₂ q) under P = 7.375 − 2.625² = 0.484375.
    const seBack = Math.sqrt(0.484375 / 10000);
    assert.ok(Math.abs(back.mean - 2.625) < 5 * seBack, `mean ${back.mean}`);
    assert.ok(Math.abs(back.idealMean - back.mean) < 1e-12, 'dyadic Q: Huffman lengths are the ideal ones');
    // A non-dyadic case: the mean settles on Σ p·len_Q (not on H(P,Q)), and the text says so.
    await page.locator('#ce-en button[data-preset="presetArticle"]').click();
    // Q = (0.1, 0.9): H(P,Q) ≈ 3.29 bit, but both codewords are 1 bit long: the mean settles BELOW it.
    await typeInto(page, '#ce-en .q-field', '0.1, 0.9');
    await waitUntil(page, 'ce-en', (x) => Math.abs(x.crossEntropy - CE([0.99, 0.01], [0.1, 0.9])) < 1e-12, 'q');
    await page.locator('#ce-en .sampling select.draws').selectOption('10000');
    await page.locator('#ce-en .sampling button.skip').click();
    await page.waitForFunction(() => document.querySelector('#ce-en').shadowRoot.querySelector('.sampling').dataset.state === 'done');
    const s = await page.evaluate(() => document.getElementById('ce-en').sampling.state);
    assert.equal(s.settlesOn, 1); // two outcomes: one bit each, whatever q is
    assert.equal(s.mean, 1);
    // The ideal lengths −log₂ q average to H(P,Q) ≈ 3.29 (Var = Σp·l² − H(P,Q)²), far above 1.
    const hq = CE([0.99, 0.01], [0.1, 0.9]);
    const l = [-log2(0.1), -log2(0.9)];
    const varIdeal = 0.99 * l[0] ** 2 + 0.01 * l[1] ** 2 - hq ** 2;
    assert.ok(Math.abs(s.idealMean - hq) < 5 * Math.sqrt(varIdeal / 10000), `ideal ${s.idealMean} vs ${hq}`);
    assert.match(await text(page, '#ce-en .sampling .gap'), /below H\(P,Q\)/);
    // Animation: Draw runs and ends at the same numbers as "show the end".
    await page.locator('#ce .sampling select.draws').selectOption('1000');
    await page.locator('#ce .sampling input.seed').fill('7');
    await page.locator('#ce .sampling button.draw').click();
    await page.waitForFunction(() => document.querySelector('#ce').shadowRoot.querySelector('.sampling').dataset.state === 'done', null, { timeout: 8000 });
    const animated = await page.evaluate(() => document.getElementById('ce').sampling.state);
    assert.deepEqual(animated.outcomes, a.outcomes);
    // A bad seed is refused beside its field, the last good seed is kept.
    await page.locator('#ce .sampling input.seed').fill('abc');
    assert.match(await text(page, '#ce .sampling .field-error'), /随机种子/);
    assert.equal(await page.getAttribute('#ce', 'seed'), '7');
    assertClean(assert, log);
    await context.close();
  });

  test('a non-dyadic Q: mean converges to Σ p·len_Q within sampling error', async () => {
    const { page, context, log } = await open();
    await typeInto(page, '#ce .q-field', '0.4, 0.3, 0.2, 0.1');
    // Huffman for Q = (.4,.3,.2,.1): lengths 1,2,3,3 → Σ p·len = .5 + .5 + .375 + .375 = 1.75.
    await waitUntil(page, 'ce', (x) => Math.abs(x.crossEntropy - CE([0.5, 0.25, 0.125, 0.125], [0.4, 0.3, 0.2, 0.1])) < 1e-12, 'q');
    await page.locator('#ce .sampling select.draws').selectOption('10000');
    await page.locator('#ce .sampling button.skip').click();
    await page.waitForFunction(() => document.querySelector('#ce').shadowRoot.querySelector('.sampling').dataset.state === 'done');
    const s = await page.evaluate(() => document.getElementById('ce').sampling.state);
    assert.equal(s.settlesOn, 1.75);
    // Var of the code length under P: E[len²] − 1.75² = (.5 + 1 + 1.125 + 1.125) − 3.0625 = 0.6875.
    const se = Math.sqrt(0.6875 / 10000);
    assert.ok(Math.abs(s.mean - 1.75) < 5 * se, `mean ${s.mean}`);
    assert.match(await text(page, '#ce .sampling .gap'), /Σ p·len_Q|整数/);
    assertClean(assert, log);
    await context.close();
  });

  test('the code snippet shows the current numbers and follows edits; copy reports back', async () => {
    const { page, context, log } = await open();
    await page.locator('#kl bit-code-snippet button.toggle').click();
    let code = await page.locator('#kl bit-code-snippet code').textContent();
    assert.match(code, /p = np\.array\(\[0\.99, 0\.01\]\)/);
    assert.match(code, /q = np\.array\(\[0\.5, 0\.5\]\)/);
    assert.match(code, /entropy\(p, q, base=2\)\s+# ≈ 0\.919207 bit/);
    assert.match(code, /entropy\(q, p, base=2\)\s+# ≈ 2\.32918 bit/);
    await typeInto(page, '#kl .q-field', '0.3, 0.7');
    await waitUntil(page, 'kl', (x) => Math.abs(x.kl - KL([0.99, 0.01], [0.3, 0.7])) < 1e-12, 'typed');
    code = await page.locator('#kl bit-code-snippet code').textContent();
    assert.match(code, /q = np\.array\(\[0\.3, 0\.7\]\)/);
    const expected = Number(KL([0.99, 0.01], [0.3, 0.7]).toPrecision(6));
    assert.ok(code.includes(`# ≈ ${expected} bit`), code);
    // Cross-entropy snippet in nats: np.log, F.cross_entropy without a conversion.
    await page.evaluate(() => document.getElementById('ce').setAttribute('unit', 'nat'));
    await waitUntil(page, 'ce', (x) => x.unit === 'nat', 'nat');
    await page.locator('#ce bit-code-snippet button.toggle').click();
    code = await page.locator('#ce bit-code-snippet code').textContent();
    assert.match(code, /-np\.sum\(p\[m\] \* np\.log\(q\[m\]\)\)/);
    assert.match(code, /F\.cross_entropy\(logits, target\)\s+# ≈ 1\.38629 nat/);
    assert.match(code, /p = np\.array\(\[0\.5, 0\.25, 0\.125, 0\.125\]\)/);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.locator('#ce bit-code-snippet button.copy').click();
    await page.waitForFunction(() => document.querySelector('#ce').shadowRoot.querySelector('bit-code-snippet').shadowRoot.querySelector('.status').textContent !== '');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
    assertClean(assert, log);
    await context.close();
  });

  test('lang switch re-localizes texts, the standing error message and the code comments; results announced', async () => {
    const { page, context, log } = await open();
    await typeInto(page, '#ce .p-field', 'abc');
    await page.waitForFunction(() => document.getElementById('ce').error?.code === 'PARSE');
    assert.match(await text(page, '#ce .p-field ~ .field-msg'), /无法识别/);
    await page.locator('#ce bit-code-snippet button.toggle').click();
    assert.match(await page.locator('#ce bit-code-snippet code').textContent(), /真实分布 P/);
    await page.evaluate(() => document.getElementById('ce').setAttribute('lang', 'en'));
    await page.waitForFunction(() => document.querySelector('#ce').shadowRoot.querySelector('h3').textContent.startsWith('Cross-entropy'));
    assert.match(await text(page, '#ce .gibbs h4'), /Challenge/);
    assert.match(await text(page, '#ce .p-field ~ .field-msg'), /Could not read “abc”/);
    assert.match((await errorOf(page, 'ce')).message, /Could not read/);
    assert.match(await page.locator('#ce bit-code-snippet code').textContent(), /true distribution P/);
    assert.match(await text(page, '#ce .sampling h3'), /Sampling/);
    await typeInto(page, '#ce .p-field', '1/2,1/4,1/8,1/8');
    await typeInto(page, '#ce .q-field', '1, 2, 3, 4');
    await page.waitForFunction(() => /rescaled/.test(document.querySelector('#ce').shadowRoot.querySelector('.q-field ~ .notice-line').textContent));
    // The live region (the base's, last child of the shadow root) announces the new numbers.
    await page.waitForFunction(() => {
      const live = [...document.querySelector('#ce').shadowRoot.children].find((el) => el.getAttribute('aria-atomic') === 'true');
      return live && /H\(P,Q\) = 2\.6238, D\(P‖Q\) = 0\.8738 bit/.test(live.textContent);
    }, null, { timeout: 3000 });
    assertClean(assert, log);
    await context.close();
  });

  test('state round-trips through attributes: a copy made from the reflected attributes shows the same numbers', async () => {
    const { page, context, log } = await open();
    await page.evaluate(() => {
      window.ceEvents = [];
      document.addEventListener('change', (e) => { if (e.target.id === 'ce') window.ceEvents.push(e.detail); });
    });
    await dragTo(page, '#ce .track.p >> nth=2', 0.31);
    await page.waitForTimeout(50);
    const detail = await page.evaluate(() => window.ceEvents.at(-1));
    await page.locator('#ce .orow:not(.head) >> nth=1 >> input.name').fill('Les Bleus');
    await page.locator('#ce .sampling input.seed').fill('42');
    await page.waitForFunction(() => document.getElementById('ce').getAttribute('seed') === '42');
    const state = await page.evaluate(() => {
      const el = document.getElementById('ce');
      return Object.fromEntries(['p', 'q', 'labels', 'seed'].map((k) => [k, el.getAttribute(k)]));
    });
    assert.match(state.labels, /Les Bleus/);
    const original = await result(page, 'ce');
    assert.deepEqual(detail, await page.evaluate(() => document.getElementById('ce').result), 'change event carries the result');
    await page.evaluate((state) => {
      const copy = document.createElement('bit-cross-entropy');
      copy.id = 'copy';
      for (const [k, v] of Object.entries(state)) copy.setAttribute(k, v);
      document.body.append(copy);
    }, state);
    await page.waitForFunction(() => document.getElementById('copy').result != null);
    assert.deepEqual(await result(page, 'copy'), original);
    assert.equal(await page.inputValue('#copy .sampling input.seed'), '42');
    assert.equal(await page.inputValue('#copy .orow:not(.head) >> nth=1 >> input.name'), 'Les Bleus');
    assert.equal(await errorOf(page, 'copy'), null);
    assertClean(assert, log);
    await context.close();
  });

  test('without WebAssembly each element says so and still shows the example numbers in text', async () => {
    const { page, context, log } = await openPage(browser, url, {
      waitReady: false,
      initScript: () => { delete globalThis.WebAssembly; },
    });
    await page.waitForFunction(() => [...document.querySelectorAll('bit-cross-entropy, bit-kl')].every((el) => el.loadFailed));
    const ce = await text(page, '#ce .notice');
    assert.match(ce, /WebAssembly/);
    assert.match(ce, /0\.0808/);
    assert.match(ce, /D\(P‖Q\) ≥ 0/);
    assert.match(await text(page, '#ce-en .notice'), /could not load/);
    assert.match(await text(page, '#kl .notice'), /2\.329/);
    assert.equal(await page.locator('#ce .bit-body').isVisible(), false);
    assertClean(assert, log);
    await context.close();
  });

  test('usable at 320 px: no sideways overflow, touch targets at least 44 px', async () => {
    const { page, context, log } = await open({ width: 320, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page overflows by ${overflow}px`);
    for (const id of ['ce', 'kl']) {
      const small = await page.evaluate((id) => {
        const root = document.getElementById(id).shadowRoot;
        return [...root.querySelectorAll('button, input, select, .track')]
          .filter((el) => el.offsetParent !== null)
          .map((el) => [el.className || el.tagName, el.getBoundingClientRect()])
          .filter(([, r]) => r.height < 43.5 || r.width < 43.5)
          .map(([n, r]) => `${n} ${Math.round(r.width)}x${Math.round(r.height)}`);
      }, id);
      assert.deepEqual(small, [], `${id}: small targets`);
      const wide = await page.evaluate((id) => {
        const host = document.getElementById(id);
        const hostBox = host.getBoundingClientRect();
        return [...host.shadowRoot.querySelectorAll('*')]
          .filter((el) => el.getBoundingClientRect().right > hostBox.right + 1 && !el.closest('.formula, .table-wrap, pre'))
          .map((el) => el.className || el.tagName).slice(0, 5);
      }, id);
      assert.deepEqual(wide, [], `${id}: content sticking out`);
    }
    assertClean(assert, log);
    await context.close();
  });
});
