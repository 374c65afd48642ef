// The learning lab's loss chart as a Lit SVG template (a pure function of the run and the width;
// every number through shared/format.js; the fit chart of its panel is panels/fit-chart.js). It
// keeps one aspect ratio at every width, so the prerendered picture and the one re-rendered at the
// measured width take the same space.
import { svg, nothing } from 'lit';
import { scaleLinear, scaleSymlog, yAxis, xAxis, px, polyline, band } from '../shared/chart.js';
import { formatInteger } from '../shared/format.js';

// Height / width of the chart, wide and narrow (below NARROW px): the same ratios stand in
// bitruler.css (aspect-ratio, by container width), so the box a chart takes never depends on when
// it was drawn: a chart prerendered at 720 px and redrawn at a phone's width keeps its place.
export { NARROW } from './ruler-chart.js';
export const LOSS_ASPECT = { wide: 0.38, narrow: 0.62 };
/** Points a curve is drawn with (the history is decimated to this). */
const CURVE_POINTS = 120;
/** Steps up to which the step axis is linear (beyond it: symmetric-log, so the early fall and the
 *  late drift both show). */
const LINEAR_STEPS = 300;

function decimate(n) {
  const stride = Math.max(1, Math.ceil(n / CURVE_POINTS));
  const idx = [];
  for (let i = 0; i < n; i += stride) idx.push(i);
  if (n && idx[idx.length - 1] !== n - 1) idx.push(n - 1);
  return idx;
}

/**
 * The loss chart: the floor H(P_data) as a blue area from 0 (what no model can save), the KL
 * divergence as the orange area between the floor and the true cross-entropy, the training loss as
 * a line. `h` = history in nats ({ step, trainLoss, crossEntropy, entropy }), `unitLog` = ln(base).
 */
export function lossChart({ width, h, unitLog, stop, t, unit, narrow, cap, label }) {
  const W = width;
  const H = Math.round(W * LOSS_ASPECT[narrow ? 'narrow' : 'wide']);
  const m = { l: narrow ? 40 : 48, r: 12, t: 24, b: 36 };
  const n = h.step.length;
  const last = n ? h.step[n - 1] : 0;
  const end = Math.max(20, last, stop?.kind === 'diverged' ? stop.step : 0);
  const long = end > LINEAR_STEPS;
  const x = (long ? scaleSymlog().constant(1) : scaleLinear()).domain([0, end]).range([m.l, W - m.r]);
  const xTicks = long ? [0, 1, 10, 100, 1000, 10000, 100000].filter((s) => s <= end) : x.ticks(narrow ? 4 : 6);
  const idx = decimate(n);
  const v = (nats) => Math.min(nats, cap) / unitLog;
  let top = (1.05 * Math.log(3)) / unitLog;
  for (const i of idx) top = Math.max(top, v(h.crossEntropy[i]), v(h.trainLoss[i]));
  const y = scaleLinear().domain([0, top]).range([H - m.b, m.t]).nice(4);
  const xs = idx.map((i) => x(h.step[i]));
  const floor = idx.map((i) => y(v(h.entropy[i])));
  const ce = idx.map((i) => y(v(h.crossEntropy[i])));
  const loss = idx.map((i) => y(v(h.trainLoss[i])));
  const zero = idx.map(() => y(0));
  const hLast = n ? v(h.entropy[n - 1]) : 0;
  // Label the KL area where it is thickest, when it is thick enough to hold a label.
  let widest = -1;
  let gap = 0;
  idx.forEach((_, j) => { if (floor[j] - ce[j] > gap) { gap = floor[j] - ce[j]; widest = j; } });
  const klLabel = widest >= 0 && gap >= 18 && xs.length > 1;
  const mid = xs.length ? (xs[0] + xs[xs.length - 1]) / 2 : m.l;
  return svg`<svg class="chart lab-loss" viewBox="0 0 ${W} ${H}" role="img" aria-label=${label}>
    ${yAxis(y, { x: m.l, ticks: y.ticks(4), gridTo: W - m.r, label: `${t('axisLoss')} / ${unit}` })}
    <path class="area-h" d=${band(xs, floor, zero)}></path>
    <path class="area-kl" d=${band(xs, ce, floor)}></path>
    <path class="line-h" d=${polyline(xs.map((xx, j) => [xx, floor[j]]))}></path>
    <path class="line-ce" d=${polyline(xs.map((xx, j) => [xx, ce[j]]))}></path>
    <path class="line-loss" d=${polyline(xs.map((xx, j) => [xx, loss[j]]))}></path>
    ${n === 1 ? svg`<circle class="dot-ce" cx=${px(xs[0])} cy=${px(ce[0])} r="4"></circle><circle class="dot-loss" cx=${px(xs[0])} cy=${px(loss[0])} r="2.5"></circle>` : nothing}
    ${n > 1 && hLast > 0 ? svg`<text class="area-label h" x=${px(mid)} y=${px((y(hLast) + y(0)) / 2)} text-anchor="middle" dy="0.32em">${t('areaH')}</text>` : nothing}
    ${klLabel ? svg`<text class="area-label kl" x=${px(Math.min(xs[widest] + 6, W - m.r - 40))} y=${px((ce[widest] + floor[widest]) / 2)} dy="0.32em">${t('areaKl')}</text>` : nothing}
    ${stop?.kind === 'diverged' ? svg`<line class="diverged" x1=${px(x(stop.step))} x2=${px(x(stop.step))} y1=${px(m.t)} y2=${px(H - m.b)}></line>
      <text class="diverged-label" x=${px(Math.min(x(stop.step) + 4, W - m.r - 60))} y=${px(m.t + 12)}>${t('divergedMark')}</text>` : nothing}
    ${xAxis(x, { y: H - m.b, ticks: xTicks, label: t(long ? 'axisStepLog' : 'axisStep'), format: formatInteger, labelY: H - 2 })}
  </svg>`;
}
