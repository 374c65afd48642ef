// The one number rule (web/src/shared/format.js) and the grid apportioning of the distribution
// editor (web/src/model/distribution.js): pure functions, tested in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNumber, formatProbability, probabilityText, withUnit, formatList, texNumber } from '../../web/src/shared/format.js';
import { apportion, parseLabels, labelsText } from '../../web/src/model/distribution.js';

test("the article's numbers read as in the article", () => {
  assert.equal(formatNumber(10), '10');
  assert.equal(formatNumber(3), '3');
  assert.equal(formatNumber(0.08079313589591118), '0.0808');
  assert.equal(formatNumber(0.9192068641040888), '0.9192');
  assert.equal(formatNumber(2.625), '2.625');
  assert.equal(withUnit(0.6393, 'bit'), '0.6393 bit');
});

test('four significant digits, at most four decimals; rounded values keep their zeros, exact ones do not', () => {
  assert.equal(formatNumber(0.34904), '0.3490');
  assert.equal(formatNumber(0.33911), '0.3391');
  assert.equal(formatNumber(1.5849625007211563), '1.585');
  assert.equal(formatNumber(316.9178), '316.9');
  assert.equal(formatNumber(0.5), '0.5');
  assert.equal(formatNumber(1.75), '1.75');
  assert.equal(formatNumber(0.1 + 0.2), '0.3000');
});

test('small and large numbers as a×10ⁿ; signs, zeros, infinities', () => {
  assert.equal(formatNumber(1e-7), '1×10⁻⁷');
  assert.equal(formatNumber(1.2345e-9), '1.235×10⁻⁹');
  assert.equal(formatNumber(12345678), '1.235×10⁷');
  assert.equal(formatNumber(-0.5), '−0.5');
  assert.equal(formatNumber(-0), '0');
  assert.equal(formatNumber(-1e-20 * 0), '0');
  assert.equal(formatNumber(Infinity), '∞');
  assert.equal(formatNumber(-Infinity), '−∞');
  assert.equal(formatNumber(NaN), '—');
  assert.equal(texNumber(1e-7), '1\\times 10^{-7}');
  assert.equal(texNumber(-Infinity), '-\\infty');
});

test('probabilities: fractions for one in a power of two (or up to 12), field text that reads back exactly', () => {
  assert.equal(formatProbability(1 / 1024), '1/1024');
  assert.equal(formatProbability(1 / 8), '1/8');
  assert.equal(formatProbability(1 / 3), '1/3');
  assert.equal(formatProbability(0.45), '0.45');
  assert.equal(probabilityText(1 / 1024), '1/1024');
  assert.equal(probabilityText(0.125), '0.125');
  assert.equal(probabilityText(0.1 + 0.2), '0.30000000000000004');
  assert.equal(formatList([0.45, 0.55]), '0.45, 0.55');
});

test('apportion: whole grid steps, proportional, summing exactly to the total; never NaN', () => {
  assert.deepEqual(apportion([0.5, 0.25, 0.25], 100), [50, 25, 25]);
  assert.deepEqual(apportion([1, 1, 1], 100), [34, 33, 33]);
  assert.deepEqual(apportion([0, 0], 100), [50, 50]);
  for (let k = 0; k < 500; k++) {
    const n = 2 + (k % 9);
    const values = Array.from({ length: n }, (_, i) => ((k * 7919 + i * 104729) % 1000) / 997);
    for (const total of [100, 1000, 37]) {
      const c = apportion(values, total);
      assert.equal(c.reduce((a, b) => a + b, 0), total);
      assert.ok(c.every((x) => Number.isInteger(x) && x >= 0));
    }
  }
});

test('labels: commas of both languages split, blanks stay blank, names with separators are kept whole', () => {
  assert.deepEqual(parseLabels('阿根廷，法国、巴西, 英格兰'), ['阿根廷', '法国', '巴西', '英格兰']);
  assert.deepEqual(parseLabels('a,,c'), ['a', '', 'c']);
  assert.equal(labelsText(['a,b', ' c ']), 'a b,c');
});
