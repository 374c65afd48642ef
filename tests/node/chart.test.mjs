// web/src/shared/chart.js: the path data every chart draws with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { polyline, band } from '../../web/src/shared/chart.js';

// Largest distance from any (rounded) input point to the drawn path.
function worstDistance(points, d) {
  const pts = d.slice(1).split('L').map((s) => s.split(',').map(Number));
  let worst = 0;
  for (const [x0, y0] of points) {
    const x = Math.round(x0 * 10) / 10;
    const y = Math.round(y0 * 10) / 10;
    let best = Infinity;
    for (let i = 0; i + 1 < pts.length; i++) {
      const [a, b] = [pts[i], pts[i + 1]];
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy || 1)));
      best = Math.min(best, Math.hypot(x - a[0] - t * dx, y - a[1] - t * dy));
    }
    worst = Math.max(worst, best);
  }
  return worst;
}

test('a flat run is one segment; a curve keeps few points and stays within 0.1 px of all of them', () => {
  assert.equal(polyline(Array.from({ length: 76 }, (_, i) => [48 + i * 8.8, 145.8])), 'M48,145.8L708,145.8');
  for (const curve of [
    Array.from({ length: 200 }, (_, i) => [i * 3, 100 * Math.exp(-i / 20)]),     // a falling loss
    Array.from({ length: 200 }, (_, i) => [i * 3, 120 + 80 * Math.sin(i / 9)]),   // waves
    Array.from({ length: 120 }, (_, i) => [i * 5, i % 2 ? 10 : 11]),               // zigzag: all kept
  ]) {
    const d = polyline(curve);
    assert.ok(worstDistance(curve, d) <= 0.1 + 1e-9, d);
    assert.equal(d.split('L')[0], `M${Math.round(curve[0][0] * 10) / 10},${Math.round(curve[0][1] * 10) / 10}`, 'starts at the first point');
    assert.ok(d.endsWith(`${Math.round(curve.at(-1)[0] * 10) / 10},${Math.round(curve.at(-1)[1] * 10) / 10}`), 'ends at the last point');
  }
  assert.ok(polyline(Array.from({ length: 200 }, (_, i) => [i * 3, 100 * Math.exp(-i / 20)])).split('L').length < 40);
  assert.equal(polyline(Array.from({ length: 120 }, (_, i) => [i * 5, i % 2 ? 10 : 11])).split('L').length, 120);
});

test('non-finite points are skipped; empty and single-point paths; a band closes', () => {
  assert.equal(polyline([[0, 0], [1, NaN], [2, 2]]), 'M0,0L2,2');
  assert.equal(polyline([]), '');
  assert.equal(polyline([[1, 1]]), 'M1,1');
  assert.equal(band([0, 1, 2], [5, 5, 5], [0, 0, 0]), 'M0,5L2,5L2,0L0,0Z');
});
