// SVG chart helpers: scales from ./scale.js (d3-scale's calling convention, d3-array's ticks),
// nodes created directly (charts update attributes in
// place, which is what keeps dragging fast). Text in charts is always set with textContent (never
// HTML), so reader-supplied labels cannot inject markup.
//
// d3-shape is not used: its line() alone adds ~18 KB minified (~6 KB gz) to a page with a 200 KB
// budget, for what polyline() below does for the straight segments our curves need.
export { scaleLinear, scaleLog, scaleSymlog } from './scale.js';

/** SVG path data for straight segments through [x, y] points (non-finite points are skipped). */
export function polyline(points) {
  let d = '';
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    d += `${d ? 'L' : 'M'}${Math.round(x * 100) / 100},${Math.round(y * 100) / 100}`;
  }
  return d;
}

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** Create an SVG element with attributes (values set via setAttribute) and append to parent. */
export function svgEl(tag, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v != null) node.setAttribute(k, String(v));
  }
  if (parent) parent.appendChild(node);
  return node;
}

/** Set text content (the only way labels reach the DOM). Skips the write when unchanged. */
export function setText(node, text) {
  const s = String(text ?? '');
  if (node && node.textContent !== s) node.textContent = s;
}

/** Set an attribute only when it changes (keeps drag updates cheap). */
export function setAttr(node, name, value) {
  const s = String(value);
  if (node.getAttribute(name) !== s) node.setAttribute(name, s);
}

/**
 * A responsive chart SVG: role="img" with an accessible name, its viewBox set by resize().
 * Returns { svg, width, height, resize(w) } — charts draw in pixel units of the real width so
 * text stays readable from 320 px up.
 */
export function createChart(parent, { height = 200, className = 'chart', label = '' } = {}) {
  const svg = svgEl('svg', { class: className, role: 'img', 'aria-label': label, height, width: '100%' }, parent);
  const chart = {
    svg,
    width: 300,
    height,
    resize(width) {
      chart.width = Math.max(200, Math.round(width || 300));
      svg.setAttribute('viewBox', `0 0 ${chart.width} ${chart.height}`);
      svg.setAttribute('height', String(chart.height));
    },
  };
  chart.resize(parent.clientWidth || 300);
  return chart;
}

/**
 * Call cb(width) when el's content width changes (ResizeObserver; no-op where unavailable).
 * Returns a disconnect function.
 */
export function observeWidth(el, cb) {
  if (typeof ResizeObserver === 'undefined') return () => {};
  let last = -1;
  const ro = new ResizeObserver((entries) => {
    for (const e of entries) {
      const w = Math.round(e.contentRect.width);
      if (w > 0 && w !== last) {
        last = w;
        try { cb(w); } catch { /* drawing must never surface an exception */ }
      }
    }
  });
  ro.observe(el);
  return () => ro.disconnect();
}

/** Clamp helper. */
export function clamp(x, lo, hi) {
  return Math.min(hi, Math.max(lo, x));
}
