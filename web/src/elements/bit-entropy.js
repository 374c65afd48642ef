/**
 * <bit-entropy p="1/8,1/8,…" labels="阿根廷,法国,…"> — entropy as an area.
 *
 * The picture: each outcome is a block as wide as its probability p and as tall as its surprisal
 * −log p, so its area p·(−log p) is its share of the entropy; the blocks together are one unit
 * wide, so their total area is their average height: H (the dashed line). Drag a boundary between
 * two blocks (or focus a block and use the arrow keys) to move probability between outcomes.
 *
 * State: p (text, as typed), labels, unit, open. Result: { entropy, maxEntropy, probabilities, unit }.
 */
import { html, svg, nothing } from 'lit';
import { BitElement, languagesOf, perFrame } from './base.js';
import { DistributionModel } from '../model/distribution.js';
import { formatNumber, formatProbability } from '../shared/format.js';
import { colourClasses } from '../shared/colors.js';
import { scaleLinear, yAxis, px, aspect } from '../shared/chart.js';
import F from '../formulas/entropy.tex.js';

/** The article's eight teams: the default, and the first example the panel offers. */
const EIGHT = { key: 'eight', p: '1/8,1/8,1/8,1/8,1/8,1/8,1/8,1/8', labels: { zh: '阿根廷,法国,巴西,英格兰,西班牙,德国,葡萄牙,中国', en: 'Argentina,France,Brazil,England,Spain,Germany,Portugal,China' } };


/**
 * Entropy as an area: one block per outcome, as wide as p and as tall as −log p.
 *
 * @attr {string} p - Comma-separated probabilities (`1/8, 0.125, 12.5%`) or weights (`2, 1, 1`, rescaled to sum to 1). Default: eight times 1/8.
 * @attr {string} labels - Comma-separated names of the outcomes.
 *
 * @prop {{ entropy: number, maxEntropy: number, probabilities: number[], unit: string } | null} result - H(P), the largest entropy as many outcomes can have, and P as used, in `unit`. Read-only.
 * @tagname bit-entropy
 */
export class BitEntropy extends BitElement {
  static properties = {
    ...BitElement.properties,
    p: { reflect: true },
    labels: { reflect: true },
  };

  static state = ['p', 'labels', ...BitElement.state];

  static languages = languagesOf('entropy');

  static panel = {
    code: () => import('./panels/entropy-panel.js'),
    languages: { zh: () => import('../messages/zh/entropy-panel.js'), en: () => import('../messages/en/entropy-panel.js') },
  };

  static defaultExample = EIGHT;

  constructor() {
    super();
    this.p = EIGHT.p;
    this.labels = null;
    this.model = new DistributionModel(this, { which: ['p'], defaultLabel: (lang, i) => this.wordsFor(lang).outcome(i) });
    this._dragBoundary = perFrame((i, x, fine) => this.model.moveBoundary('p', i, x, { fine }));
  }

  compute() {
    const valid = this.model.compute();
    const t = this.model.terms;
    if (!t) return;
    const n = t.p.length;
    // the ceiling log n, from the core (the surprisal of one of n equal outcomes)
    this.maxEntropy = this.api.surprisal(1 / n, this.base);
    const result = { entropy: t.entropy, maxEntropy: this.maxEntropy, probabilities: [...t.p], unit: this.unitName };
    if (valid) this.succeed(result, this.t('announce', { h: formatNumber(t.entropy), u: this.unitInfo.symbol }));
  }

  // ------------------------------------------------------------------ picture
  _layout() {
    const W = this.width;
    const H = Math.round(W * aspect('entropy', W));
    const narrow = W < 480;
    const m = { l: narrow ? 36 : 48, r: 26, t: 30, b: 62 };
    return { W, H, m, plotW: W - m.l - m.r, y0: m.t, y1: H - m.b };
  }

  picture() {
    const t = this.model.terms;
    if (!t) return nothing;
    const names = this.model.labels();
    const colours = colourClasses(names);
    const L = this._layout();
    const u = this.unitInfo.symbol;
    const s = t.surprisalP;
    const finiteMax = Math.max(0, ...[...s].filter((v, i) => t.p[i] > 0 && Number.isFinite(v)));
    const y = scaleLinear().domain([0, Math.max(finiteMax, t.entropy, 1e-9) * 1.08]).range([L.y1, L.y0]).nice(5);
    const x = (cum) => L.m.l + cum * L.plotW;
    let cum = 0;
    const blocks = [];
    const boundaries = [];
    for (let i = 0; i < t.p.length; i++) {
      const p = t.p[i];
      const left = x(cum);
      cum += p;
      if (i < t.p.length - 1) boundaries.push({ i, at: x(cum) });
      if (!(p > 0)) continue;
      const w = Math.max(1, p * L.plotW);
      const top = Math.min(L.y1 - 1, y(s[i]));
      const label = { name: names[i], p: formatProbability(p), s: formatNumber(s[i]), u };
      blocks.push(svg`<g class="block">
        <rect class="area ${colours[i]}" x=${px(left)} y=${px(top)} width=${px(w)} height=${px(L.y1 - top)}
          tabindex="0" role="slider" aria-valuemin="0" aria-valuemax="1" aria-valuenow=${p}
          aria-valuetext=${this.t('block', label)} aria-label=${names[i]} data-index=${i}
          @keydown=${(e) => this._onKey(e, i)}></rect>
        ${w >= 40 ? svg`<text class="name" x=${px(left + w / 2)} y=${px(L.y1 + 15)} text-anchor="middle">${names[i]}</text>
          <text class="value" x=${px(left + w / 2)} y=${px(top - 6)} text-anchor="middle">${formatNumber(s[i])}</text>` : nothing}
        ${w >= 40 && L.y1 - top >= 22 ? svg`<text class="area-label" x=${px(left + w / 2)} y=${px(L.y1 - 8)} text-anchor="middle">${formatNumber(t.entropyTerms[i])}</text>` : nothing}
      </g>`);
    }
    const yH = y(t.entropy);
    return html`<svg class="chart entropy" viewBox="0 0 ${L.W} ${L.H}" role="group"
        aria-label=${this.t('picture', { n: t.p.length, h: formatNumber(t.entropy), u })}
        @pointerdown=${this._onPointerDown} @pointermove=${this._onPointerMove}
        @pointerup=${this._onPointerUp} @pointercancel=${this._onPointerUp}>
      ${yAxis(y, { x: L.m.l, ticks: y.ticks(5), gridTo: L.m.l + L.plotW, label: `${this.t('axisBits')} / ${u}` })}
      ${blocks}
      <g class="axis x" aria-hidden="true">
        <line class="baseline" x1=${px(L.m.l)} x2=${px(L.m.l + L.plotW)} y1=${px(L.y1)} y2=${px(L.y1)}></line>
        <text x=${px(L.m.l)} y=${px(L.y1 + 34)} text-anchor="middle">0</text>
        <text x=${px(L.m.l + L.plotW)} y=${px(L.y1 + 34)} text-anchor="middle">1</text>
        <text class="axis-label" x=${px(L.m.l + L.plotW / 2)} y=${px(L.y1 + 34)} text-anchor="middle">← ${this.t('axisP')} →</text>
      </g>
      <line class="h-line" x1=${px(L.m.l)} x2=${px(L.m.l + L.plotW)} y1=${px(yH)} y2=${px(yH)} aria-hidden="true"></line>
      <text class="h-label" x=${px(L.m.l + L.plotW + 4)} y=${px(yH)} dy="0.35em">H</text>
      ${boundaries.map((b) => svg`<line class="handle" x1=${px(b.at)} x2=${px(b.at)} y1=${px(L.y0)} y2=${px(L.y1)}></line>`)}
    </svg>`;
  }

  _pointerX(e) {
    const svgEl = e.currentTarget;
    const rect = svgEl.getBoundingClientRect();
    const L = this._layout();
    const userX = ((e.clientX - rect.left) / rect.width) * L.W;
    return { L, userX, cum: (userX - L.m.l) / L.plotW, scale: rect.width / L.W };
  }

  _onPointerDown(e) {
    if (e.button !== 0 || !this.model.terms) return;
    const { L, userX, scale } = this._pointerX(e);
    const probs = this.model.probabilities;
    let best = -1;
    let bestDist = 14 / scale; // grab within 14 screen px of a boundary
    let cum = 0;
    for (let i = 0; i < probs.length - 1; i++) {
      cum += probs[i];
      const d = Math.abs(L.m.l + cum * L.plotW - userX);
      if (d <= bestDist) { best = i; bestDist = d; }
    }
    if (best < 0) return;
    this._drag = { i: best };
    e.currentTarget.setPointerCapture(e.pointerId);
    e.preventDefault();
  }

  _onPointerMove(e) {
    if (!this._drag) return;
    const { cum } = this._pointerX(e);
    this._dragBoundary(this._drag.i, cum, e.shiftKey);
  }

  _onPointerUp() {
    if (!this._drag) return;
    this._dragBoundary.flush();
    this._drag = null;
  }

  _onKey(e, i) {
    const p = this.model.probabilities[i];
    const step = e.shiftKey ? 0.001 : 0.01;
    const next = { ArrowRight: p + step, ArrowUp: p + step, ArrowLeft: p - step, ArrowDown: p - step, PageUp: p + 0.1, PageDown: p - 0.1, Home: 0, End: 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    this.model.setProbability('p', i, Math.min(1, Math.max(0, next)), { fine: e.shiftKey });
  }

  legend() {
    const t = this.model.terms;
    if (!t) return nothing;
    const names = this.model.labels();
    const colours = colourClasses(names);
    const u = this.unitInfo.symbol;
    const uniform = t.p.every((p) => p === t.p[0]);
    const item = (i, name) => this.t('legendItem', { name, p: formatProbability(t.p[i]), s: formatNumber(t.surprisalP[i]), a: formatNumber(t.entropyTerms[i]) });
    return html`<ul class="legend">
      <li class="h-key"><span class="key dashed"></span>${this.t('hLine', { h: formatNumber(t.entropy), u })}</li>
      ${uniform
        ? html`<li>${names.map((name, i) => html`<span class="key ${colours[i]}" title=${name}></span>`)}${item(0, this.t('each', { n: names.length }))}</li>`
        : names.map((name, i) => html`<li><span class="key ${colours[i]}"></span>${item(i, name)}</li>`)}
    </ul>`;
  }

  // ------------------------------------------------------------------ text, formulas
  headline() {
    const t = this.model.terms;
    if (!t) return nothing;
    const u = this.unitInfo.symbol;
    const n = t.p.length;
    return html`<p class="headline"><span class="big">H = ${formatNumber(t.entropy)} ${u}</span>
      <span class="aside">${this.t('bound', { n, log: this.unitInfo.log, max: formatNumber(this.maxEntropy), u })}</span></p>`;
  }

  formulas() {
    const t = this.model.terms;
    if (!t) return nothing;
    const log = this.logFormula;
    const unit = this.unitInfo.symbol;
    const positive = [...t.p.keys()].filter((i) => t.p[i] > 0);
    const uniform = positive.length > 1 && positive.every((i) => t.p[i] === t.p[positive[0]]);
    let second;
    if (uniform) {
      second = this.formula(F.uniform, { n: positive.length, p: { p: t.p[positive[0]] }, s: t.surprisalP[positive[0]], H: t.entropy });
    } else {
      const k = Math.min(3, positive.length);
      const values = {};
      positive.slice(0, k).forEach((i, j) => { values[`p${j + 1}`] = t.p[i]; values[`s${j + 1}`] = t.surprisalP[i]; });
      second = this.formula(positive.length > 3 ? F.terms3more : F[`terms${k}`], values);
    }
    return html`${this.formulaLines(F, 'definition', { log, H: t.entropy, unit })}
      <div class="formula">${second}</div>`;
  }

  render() {
    return this.frame({
      title: this.t('title'),
      headline: html`${this.headline()}${this.formulas()}`,
      picture: this.picture(),
      caption: html`${this.legend()}<p class="caption">${this.t('caption')}</p>`,
      panel: true,
    });
  }
}

export default BitEntropy;
