/**
 * <bit-kl p="0.99,0.01" q="0.5,0.5" labels="法国,中国"> — KL divergence both ways, side by side.
 *
 * The picture: D(P‖Q) on the left and D(Q‖P) on the right. In each, an outcome is a column as wide
 * as its probability under the distribution the data comes from (P on the left, Q on the right)
 * and as tall as the log-ratio (log p/q on the left, log q/p on the right), above the line where
 * the data's distribution gives the outcome more probability, below where less. The net area is the
 * divergence: never negative (Gibbs' inequality), 0 only when P = Q, and the two sides differ, so KL
 * is not a distance. Drag the P and Q strips below; "Q = P" (in the controls) gives exactly 0.
 *
 * State: p, q, labels, unit, open. Result: { kl, klReverse, unit }.
 */
import { html, svg, nothing } from 'lit';
import { BitElement, languagesOf } from './base.js';
import { strips, PQ_PROPERTIES, usePQ } from './pq-view.js';
import { formatNumber } from '../shared/format.js';
import { scaleLinear, px, aspect } from '../shared/chart.js';
import F from '../formulas/kl.tex.js';

/** The article's France and China against a 50/50 model: the default, the panel's first example. */
const FRANCE = { key: 'france', p: '0.99,0.01', q: '0.5,0.5', labels: { zh: '法国,中国', en: 'France,China' } };


/**
 * KL divergence both ways, D(P‖Q) and D(Q‖P), side by side.
 *
 * @attr {string} p - Distribution P: comma-separated probabilities or weights.
 * @attr {string} q - Distribution Q, as many entries as P.
 * @attr {string} labels - Comma-separated names of the outcomes.
 *
 * @prop {{ kl: number, klReverse: number, unit: string } | null} result - D(P‖Q) and D(Q‖P), in `unit` (Infinity where the other gives an outcome probability 0). Read-only.
 * @tagname bit-kl
 */
export class BitKl extends BitElement {
  static properties = {
    ...BitElement.properties,
    ...PQ_PROPERTIES,
  };

  static state = ['p', 'q', 'labels', ...BitElement.state];

  static languages = languagesOf('kl');

  static panel = {
    code: () => import('./panels/kl-panel.js'),
    languages: { zh: () => import('../messages/zh/kl-panel.js'), en: () => import('../messages/en/kl-panel.js') },
  };

  static defaultExample = FRANCE;

  constructor() {
    super();
    usePQ(this, FRANCE);
    this.reverse = null;
  }

  compute() {
    const valid = this.model.compute();
    const t = this.model.terms;
    if (!t) return;
    if (valid) {
      const [ok, reverse] = this.attempt('_reverse', () => this.api.infoTerms(t.q, t.p, { base: this.base }), {});
      if (!ok) return;
      this.reverse = reverse;
      const u = this.unitInfo.symbol;
      this.succeed({ kl: t.kl, klReverse: reverse.kl, unit: this.unitName },
        this.t('announce', { kl: formatNumber(t.kl), rev: formatNumber(reverse.kl), u }));
    }
  }

  _panel({ x0, width, y0, y1, weights, terms, ratioScale, cls, title, total }) {
    const cols = [];
    let cum = 0;
    const zero = ratioScale(0);
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i];
      const left = x0 + cum * width;
      cum += w;
      if (!(w > 0)) continue;
      const ratio = terms[i] / w; // log(a/b) for this outcome, from the core's cancellation-free term
      const yy = Number.isFinite(ratio) ? ratioScale(ratio) : y0;
      const top = Math.min(yy, zero);
      cols.push(svg`<rect class="kl-col ${cls} ${ratio >= 0 ? 'up' : 'down'}" x=${px(left)} y=${px(top)} width=${px(Math.max(1, w * width))} height=${px(Math.max(1, Math.abs(yy - zero)))}></rect>
        ${Number.isFinite(ratio) ? nothing : svg`<text class="inf" x=${px(left + Math.max(1, w * width) / 2)} y=${px(y0 + 12)} text-anchor="middle">∞</text>`}`);
    }
    return svg`<g class="panel">
      <text class="panel-title" x=${px(x0)} y=${px(y0 - 8)}>${title}</text>
      ${cols}
      <line class="zero" x1=${px(x0)} x2=${px(x0 + width)} y1=${px(zero)} y2=${px(zero)}></line>
      <text class="panel-total" x=${px(x0 + width)} y=${px(y1 + 18)} text-anchor="end">= ${total}</text>
    </g>`;
  }

  picture() {
    const t = this.model.terms;
    const r = this.reverse;
    if (!t || !r) return nothing;
    const names = this.model.labels();
    const W = this.width;
    const H = Math.round(W * aspect('kl', W));
    const gap = W < 480 ? 16 : 28;
    const x0 = W < 480 ? 24 : 34;
    const panelW = (W - x0 - 10 - gap) / 2;
    const y0 = 44;
    const stripsTop = H - (2 * 24 + 8) - 4;
    const y1 = stripsTop - 34;
    const ratios = [];
    for (let i = 0; i < t.p.length; i++) {
      if (t.p[i] > 0) ratios.push(t.klTerms[i] / t.p[i]);
      if (t.q[i] > 0) ratios.push(r.klTerms[i] / t.q[i]);
    }
    const m = Math.max(0.5, ...ratios.filter(Number.isFinite).map(Math.abs)) * 1.05;
    const ratioScale = scaleLinear().domain([-m, m]).range([y1, y0]).nice(4);
    const u = this.unitInfo.symbol;
    const ticks = ratioScale.ticks(4);
    return html`<svg class="chart kl" viewBox="0 0 ${W} ${H}" role="group"
        aria-label=${`${this.t('panel', { which: 'D(P‖Q)', d: formatNumber(t.kl), u })}; ${this.t('panel', { which: 'D(Q‖P)', d: formatNumber(r.kl), u })}`}>
      <text class="axis-label" x=${px(x0 - 4)} y=${px(12)}>${this.t('axis')}</text>
      <g class="axis y" aria-hidden="true">${ticks.map((v) => svg`<line class="grid" x1=${px(x0)} x2=${px(W - 10)} y1=${px(ratioScale(v))} y2=${px(ratioScale(v))}></line>
        <text x=${px(x0 - 4)} y=${px(ratioScale(v))} dy="0.32em" text-anchor="end">${formatNumber(v)}</text>`)}</g>
      ${this._panel({ x0, width: panelW, y0, y1, weights: t.p, terms: t.klTerms, ratioScale, cls: 'dist-p', title: 'D(P‖Q)', total: `${formatNumber(t.kl)} ${u}` })}
      ${this._panel({ x0: x0 + panelW + gap, width: panelW, y0, y1, weights: t.q, terms: r.klTerms, ratioScale, cls: 'dist-q', title: 'D(Q‖P)', total: `${formatNumber(r.kl)} ${u}` })}
      ${strips(this, { x0, width: W - x0 - 10, y: stripsTop, names })}
    </svg>`;
  }

  notes() {
    const t = this.model.terms;
    const r = this.reverse;
    if (!t || !r) return nothing;
    const names = this.model.labels();
    const u = this.unitInfo.symbol;
    const lines = [];
    const fwd = [...t.p.keys()].find((i) => t.p[i] > 0 && t.q[i] === 0);
    const rev = [...t.p.keys()].find((i) => t.q[i] > 0 && t.p[i] === 0);
    if (fwd !== undefined) lines.push(this.t('infForward', { name: names[fwd] }));
    if (rev !== undefined) lines.push(this.t('infReverse', { name: names[rev] }));
    if (t.kl === 0 && r.kl === 0) lines.push(this.t('equal'));
    else if (Number.isFinite(t.kl) && Number.isFinite(r.kl)) lines.push(this.t('asym', { diff: formatNumber(Math.abs(t.kl - r.kl)), u }));
    return html`${lines.map((l) => html`<p class="note">${l}</p>`)}`;
  }

  headline() {
    const t = this.model.terms;
    const r = this.reverse;
    if (!t || !r) return nothing;
    const log = this.logFormula;
    const unit = this.unitInfo.symbol;
    return html`<p class="headline"><span class="big p-text">D(P‖Q) = ${formatNumber(t.kl)} ${unit}</span>
        <span class="big q-text">D(Q‖P) = ${formatNumber(r.kl)} ${unit}</span></p>
      ${this.formulaLines(F, 'forward', { log, kl: t.kl, unit })}
      ${this.formulaLines(F, 'reverse', { log, rev: r.kl, unit })}`;
  }

  render() {
    return this.frame({
      title: this.t('title'),
      headline: this.headline(),
      picture: this.picture(),
      caption: html`${this.notes()}<p class="caption">${this.t('caption')}</p>`,
      panel: true,
    });
  }
}

export default BitKl;
