/**
 * The view half of the P/Q editor, shared by <bit-cross-entropy> and <bit-kl> (the model half is
 * model/distribution.js): two strips under the picture, P in blue and Q in orange, each outcome a
 * segment as wide as its probability, the boundaries draggable (0.01 grid, Shift 0.001) and every
 * segment a keyboard slider. The fields and the outcome table of the folded panel are in
 * panels/pq-panel.js (loaded when a panel opens).
 */
import { svg, nothing } from 'lit';
import { perFrame, trackPointer } from './base.js';
import { formatProbability } from '../shared/format.js';
import { px } from '../shared/chart.js';
import { DistributionModel } from '../model/distribution.js';

/** The attributes of a P/Q element's distributions (with the base element's). */
export const PQ_PROPERTIES = {
  p: { reflect: true },
  q: { reflect: true },
  labels: { reflect: true },
};

/** Sets a P/Q element up: its example's texts, the distribution model, per-frame strip drags. */
export function usePQ(host, example) {
  host.p = example.p;
  host.q = example.q;
  host.labels = null;
  host.model = new DistributionModel(host, { which: ['p', 'q'], defaultLabel: (lang, i) => host.wordsFor(lang).outcome(i) });
  host.stripDrag = perFrame((which, i, x, fine) => host.model.moveBoundary(which, i, x, { fine }));
}

function onKey(host, e, which, i) {
  const values = which === 'p' ? host.model.probabilities : host.model.modelProbabilities;
  const v = values[i];
  const step = e.shiftKey ? 0.001 : 0.01;
  const next = { ArrowRight: v + step, ArrowUp: v + step, ArrowLeft: v - step, ArrowDown: v - step, PageUp: v + 0.1, PageDown: v - 0.1, Home: 0, End: 1 }[e.key];
  if (next === undefined) return;
  e.preventDefault();
  host.model.setProbability(which, i, Math.min(1, Math.max(0, next)), { fine: e.shiftKey });
}

function grab(host, e, which, x0, width) {
  if (e.button !== 0) return;
  const svgEl = e.currentTarget.ownerSVGElement ?? e.currentTarget;
  const values = which === 'p' ? host.model.probabilities : host.model.modelProbabilities;
  const rect = svgEl.getBoundingClientRect();
  const vb = svgEl.viewBox.baseVal;
  const toCum = (ev) => ((((ev.clientX - rect.left) / rect.width) * vb.width) - x0) / width;
  // the nearest boundary within 14 screen pixels
  const at = toCum(e);
  let best = -1;
  let bestDist = (14 / rect.width) * vb.width / width;
  let cum = 0;
  for (let i = 0; i < values.length - 1; i++) {
    cum += values[i];
    if (Math.abs(cum - at) <= bestDist) { best = i; bestDist = Math.abs(cum - at); }
  }
  if (best < 0) return;
  trackPointer(svgEl, e, (ev) => host.stripDrag(which, best, toCum(ev), ev.shiftKey), () => host.stripDrag.flush());
}

/**
 * The two strips, as SVG, at y (top) between x0 and x0 + width: P then Q, `h` tall each.
 * `names` are the outcome labels.
 */
export function strips(host, { x0, width, y, h = 24, names }) {
  const t = (k, p) => host.t(k, p);
  const rows = [['p', host.model.probabilities, 'P'], ['q', host.model.modelProbabilities, 'Q']];
  return rows.map(([which, values, letter], r) => {
    const top = y + r * (h + 8);
    let cum = 0;
    const segs = values.map((v, i) => {
      const left = x0 + cum * width;
      cum += v;
      const w = v * width;
      return svg`<rect class="strip-seg dist-${which}" x=${px(left)} y=${px(top)} width=${px(Math.max(0, w))} height=${h}
          tabindex="0" role="slider" aria-valuemin="0" aria-valuemax="1" aria-valuenow=${v}
          aria-label=${t('segment', { which: letter, name: names[i], p: formatProbability(v) })}
          @keydown=${(e) => onKey(host, e, which, i)}></rect>
        ${w >= 46 ? svg`<text class="strip-text" x=${px(left + w / 2)} y=${px(top + h / 2)} dy="0.35em" text-anchor="middle">${formatProbability(v)}</text>` : nothing}`;
    });
    return svg`<g class="strip" @pointerdown=${(e) => grab(host, e, which, x0, width)}>
      <text class="strip-label" x=${px(x0 - 6)} y=${px(top + h / 2)} dy="0.35em" text-anchor="end">${letter}</text>
      <rect class="strip-bg" x=${px(x0)} y=${px(top)} width=${px(width)} height=${h}></rect>
      ${segs}
    </g>`;
  });
}
