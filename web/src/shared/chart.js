// Pieces of SVG charts as Lit templates: axes, gridlines, paths. Coordinates are rounded to
// 0.1 px (finer is invisible; each digit costs the prerendered page bytes), so a prerendered chart
// and the browser's first render are the same text.
import { svg, nothing } from 'lit';
import { formatNumber } from './format.js';

export { scaleLinear, scaleLog, scaleSymlog } from './scale.js';

export const px = (x) => Math.round(x * 10) / 10;

/**
 * Height / width of each picture, wide and narrow (an element narrower than NARROW px). The same
 * ratios stand in bitruler.css (aspect-ratio, by the width of .picture), so a picture's box never
 * depends on when it was drawn: one prerendered at 720 px and redrawn at a phone's width keeps its
 * place (no layout shift), and a phone gets a taller picture than a desktop.
 */
export const NARROW = 480;
export const ASPECT = {
  entropy: { wide: 0.38, narrow: 0.8 },
  crossEntropy: { wide: 0.44, narrow: 0.95 },
  kl: { wide: 0.42, narrow: 0.95 },
  surprisal1: { wide: 0.3, narrow: 0.6 },
  surprisal2: { wide: 0.44, narrow: 1 },
  sampling: { wide: 0.28, narrow: 0.55 },
};
export const aspect = (name, width) => ASPECT[name][width < NARROW ? 'narrow' : 'wide'];

const tenth = (x) => Math.round(x * 10) / 10;

/** Largest distance (px) a dropped point may lie from the segment drawn in its place. */
const SIMPLIFY_PX = 0.1;

// Distance from point p to the segment a-b.
function offSegment(p, a, b) {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2)) : 0;
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/**
 * Path data for straight segments through [x, y] points, at 0.1 px (finer than any screen needs:
 * paths are most of a prerendered chart's bytes). A point that lies within 0.1 px of the segment
 * drawn past it is left out (a converged loss or a floor is a few points, not two hundred), so the
 * line drawn is within 0.1 px of every point. Non-finite points are skipped.
 */
export function polyline(points) {
  const kept = [];
  let held = [];    // points since the last kept one, each within SIMPLIFY_PX of anchor -> newest
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const p = [tenth(x), tenth(y)];
    const anchor = kept[kept.length - 1];
    if (!anchor) { kept.push(p); continue; }
    if (held.every((h) => offSegment(h, anchor, p) <= SIMPLIFY_PX)) {
      held.push(p);
      continue;
    }
    // p cannot be reached straight from the anchor: the last held point (every point before it
    // within reach of the segment anchor -> it) is kept and becomes the anchor
    kept.push(held[held.length - 1]);
    held = [p];
  }
  if (held.length) kept.push(held[held.length - 1]);
  return kept.map(([x, y], i) => `${i ? 'L' : 'M'}${x},${y}`).join('');
}

/** A closed area between two curves over the same xs (upper then lower reversed). */
export function band(xs, upper, lower) {
  const top = xs.map((x, i) => [x, upper[i]]);
  const bottom = xs.map((x, i) => [x, lower[i]]).reverse();
  const d = polyline([...top, ...bottom]);
  return d ? `${d}Z` : '';
}

/**
 * A vertical axis at x (ticks on the left), with gridlines to `gridTo` and a label above.
 * `ticks` are values; `format` turns one into text.
 */
export function yAxis(scale, { x, ticks, gridTo, label, format = formatNumber }) {
  // every gridline in one path (fewer nodes, fewer prerendered bytes than a <line> each)
  const grid = ticks.map((t) => `M${px(x)} ${px(scale(t))}H${px(gridTo)}`).join('');
  return svg`<g class="axis y" aria-hidden="true">
    ${grid ? svg`<path class="grid" d=${grid}></path>` : nothing}
    ${ticks.map((t) => svg`<text x=${px(x - 6)} y=${px(scale(t))} dy="0.32em" text-anchor="end">${format(t)}</text>`)}
    ${label ? svg`<text class="axis-label" x=${px(x - 6)} y=${px(Math.min(...scale.range()) - 10)} text-anchor="start">${label}</text>` : nothing}
  </g>`;
}

/** A horizontal axis at y (ticks below), with an optional label at its right end. */
export function xAxis(scale, { y, ticks, label, format = formatNumber, labelY }) {
  const [a, b] = scale.range();
  const marks = ticks.map((t) => `M${px(scale(t))} ${px(y)}v5`).join('');
  return svg`<g class="axis x" aria-hidden="true">
    <line class="baseline" x1=${px(a)} x2=${px(b)} y1=${px(y)} y2=${px(y)}></line>
    ${marks ? svg`<path class="tick" d=${marks}></path>` : nothing}
    ${ticks.map((t) => svg`<text x=${px(scale(t))} y=${px(y + 18)} text-anchor="middle">${format(t)}</text>`)}
    ${label ? svg`<text class="axis-label" x=${px(b)} y=${px(labelY ?? y + 36)} text-anchor="end">${label}</text>` : nothing}
  </g>`;
}
