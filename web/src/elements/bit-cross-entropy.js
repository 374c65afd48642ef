/**
 * <bit-cross-entropy p="1/2,1/4,1/8,1/8" q="1/8,1/8,1/4,1/2" labels="阿根廷,法国,巴西,英格兰">
 * — cross-entropy as P's mass over Q's code lengths.
 *
 * The picture: each outcome is a column as wide as p (how often it happens) and as tall as −log q
 * (the code length the model Q gives it). The blue part, up to −log p, is what the outcome would
 * cost with a code built for P itself: all blue together is H(P). Above it, hatched orange, the
 * extra bits paid for using Q; where Q gives an outcome a shorter code than P would, the saving is
 * outlined. The total area is H(P,Q) = H(P) + D(P‖Q), and the net orange is D(P‖Q) ≥ 0. Drag the
 * boundaries on the P and Q strips below to change either distribution.
 *
 * State: p, q, labels, seed, unit, open. Result: { entropy, crossEntropy, kl, unit }.
 */
import { html, svg, nothing } from 'lit';
import { BitElement, languagesOf } from './base.js';
import { strips, PQ_PROPERTIES, usePQ } from './pq-view.js';
import { formatNumber } from '../shared/format.js';
import { scaleLinear, yAxis, px, aspect } from '../shared/chart.js';
import F from '../formulas/cross-entropy.tex.js';

/** The article's model that ranks the teams backwards: the default, the panel's first example. */
const BACKWARDS = { key: 'backwards', p: '1/2,1/4,1/8,1/8', q: '1/8,1/8,1/4,1/2', labels: { zh: '阿根廷,法国,巴西,英格兰', en: 'Argentina,France,Brazil,England' } };
/** Draws of the sampling run (shown in the panel). */
const DRAWS = 1000;


/**
 * Cross-entropy as P's mass over Q's code lengths, with Huffman codes and a seeded sampling run.
 *
 * @attr {string} p - The true distribution P: comma-separated probabilities or weights.
 * @attr {string} q - The model Q, as many entries as P.
 * @attr {string} labels - Comma-separated names of the outcomes.
 * @attr {string} seed - Seed of the sampling run (a whole number; default 1).
 *
 * @prop {{ entropy: number, crossEntropy: number, kl: number, unit: string } | null} result - H(P), H(P,Q) and D(P‖Q), in `unit`. Read-only.
 * @tagname bit-cross-entropy
 */
export class BitCrossEntropy extends BitElement {
  static properties = {
    ...BitElement.properties,
    ...PQ_PROPERTIES,
    seed: { reflect: true },
  };

  static state = ['p', 'q', 'labels', 'seed', ...BitElement.state];

  static languages = languagesOf('crossEntropy');

  static panel = {
    code: () => import('./panels/cross-entropy-panel.js'),
    languages: { zh: () => import('../messages/zh/cross-entropy-panel.js'), en: () => import('../messages/en/cross-entropy-panel.js') },
  };

  static defaultExample = BACKWARDS;

  constructor() {
    super();
    usePQ(this, BACKWARDS);
    this.seed = null;
    this.bestGap = Infinity;
  }

  /** The seed of the sampling run: the attribute when it is a whole number, else 1. */
  get seedValue() {
    return /^\d{1,15}$/.test(this.seed ?? '') ? Number(this.seed) : 1;
  }

  compute() {
    const valid = this.model.compute();
    const t = this.model.terms;
    if (!t) return;
    const api = this.api;
    const seed = this.seedValue;
    const [ok, codes] = this.attempt('_codes', () => {
      const codeP = api.huffman(t.p);
      const codeQ = api.huffman(t.q);
      return { codeP, codeQ, lengthQ: api.expectedCodeLength(t.p, t.q), sample: api.sampleCoding(t.p, t.q, { n: DRAWS, seed }) };
    }, {});
    this.codes = ok ? codes : null;
    if (!valid) return;
    const gap = t.crossEntropy - t.entropy;
    if (gap < this.bestGap) this.bestGap = t.kl;
    const u = this.unitInfo.symbol;
    this.succeed({ entropy: t.entropy, crossEntropy: t.crossEntropy, kl: t.kl, unit: this.unitName },
      this.t('announce', { ce: formatNumber(t.crossEntropy), h: formatNumber(t.entropy), kl: formatNumber(t.kl), u }));
  }

  picture() {
    const t = this.model.terms;
    if (!t) return nothing;
    const names = this.model.labels();
    const W = this.width;
    const H = Math.round(W * aspect('crossEntropy', W));
    const m = { l: W < 480 ? 40 : 52, r: 14, t: 14 };
    const plotW = W - m.l - m.r;
    const stripsH = 2 * 24 + 8;
    const y1 = H - stripsH - 40;
    const sq = [...t.surprisalQ];
    const sp = [...t.surprisalP];
    const finite = [...sq, ...sp].filter((v, i) => Number.isFinite(v) && t.p[i % t.p.length] > 0);
    const y = scaleLinear().domain([0, Math.max(1e-9, ...finite) * 1.08]).range([y1, m.t]).nice(5);
    const x = (c) => m.l + c * plotW;
    const cols = [];
    let cum = 0;
    for (let i = 0; i < t.p.length; i++) {
      const p = t.p[i];
      const left = x(cum);
      cum += p;
      if (!(p > 0)) continue;
      const w = Math.max(1, p * plotW);
      const yp = y(sp[i]);
      const yq = Number.isFinite(sq[i]) ? y(sq[i]) : m.t;
      cols.push(svg`<rect class="area-p" x=${px(left)} y=${px(yp)} width=${px(w)} height=${px(y1 - yp)}></rect>
        ${yq < yp ? svg`<rect class="area-extra" fill="url(#ce-hatch)" x=${px(left)} y=${px(yq)} width=${px(w)} height=${px(yp - yq)}></rect>` : nothing}
        ${yq > yp ? svg`<rect class="area-save" x=${px(left)} y=${px(yp)} width=${px(w)} height=${px(yq - yp)}></rect>` : nothing}
        <line class="q-top" x1=${px(left)} x2=${px(left + w)} y1=${px(yq)} y2=${px(yq)}></line>
        ${Number.isFinite(sq[i]) ? nothing : svg`<text class="inf" x=${px(left + w / 2)} y=${px(m.t + 14)} text-anchor="middle">∞</text>`}
        ${w >= 40 ? svg`<text class="name" x=${px(left + w / 2)} y=${px(y1 + 16)} text-anchor="middle">${names[i]}</text>` : nothing}`);
    }
    const u = this.unitInfo.symbol;
    const stripY = H - stripsH - 4;
    return html`<svg class="chart cross-entropy" viewBox="0 0 ${W} ${H}" role="group"
        aria-label=${this.t('picture', { ce: formatNumber(t.crossEntropy), h: formatNumber(t.entropy), kl: formatNumber(t.kl), u })}>
      <defs><pattern id="ce-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect class="hatch-bg" width="6" height="6"></rect><line class="hatch" x1="1" x2="1" y1="0" y2="6"></line>
      </pattern></defs>
      ${yAxis(y, { x: m.l, ticks: y.ticks(5), gridTo: m.l + plotW, label: this.t('axis') })}
      ${cols}
      <line class="baseline" x1=${px(m.l)} x2=${px(m.l + plotW)} y1=${px(y1)} y2=${px(y1)}></line>
      ${strips(this, { x0: m.l, width: plotW, y: stripY, names })}
    </svg>`;
  }

  legend() {
    const t = this.model.terms;
    if (!t) return nothing;
    const u = this.unitInfo.symbol;
    const v = { h: formatNumber(t.entropy), kl: formatNumber(t.kl), ce: formatNumber(t.crossEntropy), u };
    const inf = [...t.p.keys()].find((i) => t.p[i] > 0 && t.q[i] === 0);
    return html`<ul class="legend">
      <li><span class="key p"></span>${this.t('legendH', v)}</li>
      <li><span class="key extra"></span>${this.t('legendExtra', v)}</li>
      <li><span class="key save"></span>${this.t('legendSave')}</li>
      <li><b>${this.t('legendTotal', v)}</b></li>
    </ul>
    ${inf !== undefined ? html`<p class="warn">${this.t('infinite', { name: this.model.labels()[inf] })}</p>` : nothing}`;
  }

  headline() {
    const t = this.model.terms;
    if (!t) return nothing;
    const log = this.logFormula;
    const unit = this.unitInfo.symbol;
    return html`<p class="headline"><span class="big">H(P,Q) = ${formatNumber(t.crossEntropy)} ${unit}</span>
        <span class="aside">H(P) = ${formatNumber(t.entropy)} ${unit} · D(P‖Q) = ${formatNumber(t.kl)} ${unit}</span></p>
      ${this.formulaLines(F, 'definition', { log, ce: t.crossEntropy, unit })}
      ${this.formulaLines(F, 'split', { h: t.entropy, kl: t.kl })}`;
  }

  render() {
    const t = this.model.terms;
    return this.frame({
      title: this.t('title'),
      headline: this.headline(),
      picture: this.picture(),
      caption: html`${this.legend()}<p class="caption">${this.t('caption')}</p>
        ${t && Number.isFinite(this.bestGap) ? html`<p class="note">${this.t('best', { gap: formatNumber(this.bestGap), u: this.unitInfo.symbol })}</p>` : nothing}`,
      panel: true,
    });
  }
}

export default BitCrossEntropy;
