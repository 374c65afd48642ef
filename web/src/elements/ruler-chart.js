// <bit-ruler>'s picture as a Lit SVG template: P (blue) and Q (orange) on one integer ruler, from
// the bins computed in model/ruler.js (at most MAX_BINS of them, whatever the families), so drawing
// costs the same for Poisson(8) and for a binomial of 10^9 trials. One aspect ratio at every width.
import { svg, nothing } from 'lit';
import { scaleLinear, yAxis, xAxis, px } from '../shared/chart.js';
import { formatInteger } from '../shared/format.js';

// Height / width, wide and narrow (below 480 px): the same ratios stand in bitruler.css
// (aspect-ratio, by container width), so a prerendered picture keeps its box when redrawn.
export const RULER_ASPECT = { wide: 0.36, narrow: 0.62 };
/** Below this width (px) the lab's and the ruler's pictures take their narrow shape. */
export const NARROW = 480;
/** Screen px an integer needs to be drawn as two side-by-side bars (else: two outlined areas). */
const BAR_PX = 7;

/** The region where one distribution has mass and the other none, clipped to the window. */
function mismatch(why, from, to) {
  if (!why) return null;
  return why.side === 'below' ? [from, Math.min(to, why.k + 0.5)] : [Math.max(from, why.k - 0.5), to];
}

/** The chart's geometry: { W, H, m, from, to, x } for a width and the bins (shared with dragging). */
export function rulerGeometry(width, bins, narrow) {
  const W = width;
  const H = Math.round(W * RULER_ASPECT[narrow ? 'narrow' : 'wide']);
  const m = { l: narrow ? 42 : 52, r: 14, t: 24, b: 34 };
  const from = bins.lo - 0.5;
  const to = bins.lo + bins.width * bins.count - 0.5;
  const x = scaleLinear().domain([from, to]).range([m.l, W - m.r]);
  return { W, H, m, from, to, x };
}

/**
 * bins: { lo, width, count, p, q }; why: { fwd, rev } (model/ruler.js whyInfinite);
 * t(key, params) the element's words; label: the picture's accessible description; handle: Q as a
 * slider on the ruler ({ label, now, text, onKey }) and handlers: { down, move, up } to drag it.
 */
export function rulerChart({ width, bins, why, t, label, narrow, handle, handlers = {} }) {
  const { W, H, m, from, to, x } = rulerGeometry(width, bins, narrow);
  const { lo, width: bw, count, p, q } = bins;
  let top = 0;
  for (let b = 0; b < count; b++) top = Math.max(top, p[b], q[b]);
  top = (top / bw) * 1.08 || 1;
  const y = scaleLinear().domain([0, top]).range([H - m.b, m.t]).nice(4);
  const y0 = y(0);
  const plotW = W - m.l - m.r;
  const bars = bw === 1 && plotW / count >= BAR_PX;
  let shapes;
  if (bars) {
    const half = Math.min(0.42, 14 / (plotW / count));
    const rp = [];
    const rq = [];
    for (let b = 0; b < count; b++) {
      const k = lo + b;
      if (p[b] > 0) rp.push(svg`<rect class="bar-p" x=${px(x(k - half))} y=${px(y(p[b]))} width=${px(x(k) - x(k - half))} height=${px(Math.max(0, y0 - y(p[b])))}></rect>`);
      if (q[b] > 0) rq.push(svg`<rect class="bar-q" x=${px(x(k))} y=${px(y(q[b]))} width=${px(x(k + half) - x(k))} height=${px(Math.max(0, y0 - y(q[b])))}></rect>`);
    }
    shapes = [rp, rq];
  } else {
    const step = (mass) => {
      let d = `M${px(x(from))},${px(y0)}`;
      for (let b = 0; b < count; b++) {
        const yy = px(y(mass[b] / bw));
        d += `V${yy}H${px(x(lo + (b + 1) * bw - 0.5))}`;
      }
      return `${d}V${px(y0)}Z`;
    };
    shapes = [svg`<path class="area-p" d=${step(p)}></path>`, svg`<path class="area-q" d=${step(q)}></path>`];
  }
  const [shapesP, shapesQ] = shapes;
  const qGroup = handle
    ? svg`<g class="q-handle" tabindex="0" role="slider" aria-label=${handle.label} aria-valuenow=${handle.now} aria-valuetext=${handle.text}
        @keydown=${handle.onKey}>${shapesQ}<rect class="grab" x=${px(m.l)} y=${px(m.t)} width=${px(W - m.l - m.r)} height=${px(y0 - m.t)}></rect></g>`
    : svg`<g>${shapesQ}</g>`;
  const zones = [['fwd', 'zeroQ'], ['rev', 'zeroP']].map(([dir, key]) => {
    const r = mismatch(why?.[dir], from, to);
    if (!r || r[1] <= r[0]) return nothing;
    const [a, b] = [x(r[0]), x(r[1])];
    const right = why[dir].side === 'above';
    return svg`<rect class="zero-zone" x=${px(a)} y=${px(m.t)} width=${px(Math.max(2, b - a))} height=${px(y0 - m.t)}></rect>
      <text class="zero-label" x=${px(right ? Math.max(a + 4, m.l) : Math.min(b - 4, W - m.r))} y=${px(m.t + 12)} text-anchor=${right ? 'start' : 'end'}>${t(key)}</text>`;
  });
  const ticks = x.ticks(narrow ? 4 : 7).filter((v) => Number.isInteger(v) && v >= from && v <= to);
  return svg`<svg class="chart ruler" viewBox="0 0 ${W} ${H}" role=${handle ? 'group' : 'img'} aria-label=${label}
      @pointerdown=${handlers.down} @pointermove=${handlers.move} @pointerup=${handlers.up} @pointercancel=${handlers.up}>
    ${yAxis(y, { x: m.l, ticks: y.ticks(4), gridTo: W - m.r, label: t(bw === 1 ? 'axisMass' : 'axisMassPer', { w: formatInteger(bw) }) })}
    ${zones}
    <g>${shapesP}</g>
    ${qGroup}
    ${xAxis(x, { y: y0, ticks, label: t('axisK'), format: formatInteger, labelY: H - 2 })}
  </svg>`;
}
