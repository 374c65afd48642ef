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
import { strips, pqControls, PQ_PROPERTIES, usePQ } from './pq-view.js';
import { formatNumber } from '../shared/format.js';
import { scaleLinear, scaleLog, yAxis, px, polyline, aspect } from '../shared/chart.js';
import { codeBlock, pyList } from '../shared/code.js';
import F from '../formulas/cross-entropy.tex.js';
import LOG from '../formulas/units.tex.js';

const EXAMPLES = [
  { key: 'backwards', p: '1/2,1/4,1/8,1/8', q: '1/8,1/8,1/4,1/2', labels: { zh: '阿根廷,法国,巴西,英格兰', en: 'Argentina,France,Brazil,England' } },
  { key: 'uniform', p: '1/2,1/4,1/8,1/8', q: '1/4,1/4,1/4,1/4', labels: { zh: '阿根廷,法国,巴西,英格兰', en: 'Argentina,France,Brazil,England' } },
  { key: 'france', p: '0.99,0.01', q: '0.5,0.5', labels: { zh: '法国,中国', en: 'France,China' } },
  { key: 'same', p: '1/2,1/4,1/8,1/8', q: '1/2,1/4,1/8,1/8', labels: { zh: '阿根廷,法国,巴西,英格兰', en: 'Argentina,France,Brazil,England' } },
];
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

  constructor() {
    super();
    usePQ(this, EXAMPLES[0]);
    this.seed = null;
    this.bestGap = Infinity;
  }

  compute() {
    const valid = this.model.compute();
    const t = this.model.terms;
    if (!t) return;
    const api = this.api;
    const seed = /^\d{1,15}$/.test(this.seed ?? '') ? Number(this.seed) : 1;
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

  codesTable() {
    const c = this.codes;
    if (!c) return nothing;
    const names = this.model.labels();
    const t = this.model.terms;
    const cw = (code, i) => (code.lengths[i] > 0 ? `${code.codewords[i]} (${code.lengths[i]})` : this.t('noCode'));
    return html`<section class="codes"><h4>${this.t('codesTitle')}</h4>
      ${this.scrollTable(this.t('codesTitle'), html`<table>
        <thead><tr><th scope="col">${this.t('colOutcome')}</th><th scope="col">${this.t('codeP')}</th><th scope="col">${this.t('codeQ')}</th></tr></thead>
        <tbody>${names.map((n, i) => html`<tr><th scope="row">${n}</th><td class="mono">${cw(c.codeP, i)}</td><td class="mono">${cw(c.codeQ, i)}</td></tr>`)}</tbody>
        <tfoot><tr><th scope="row">${this.t('avgLength')}</th><td class="num">${formatNumber(c.codeP.expectedLength)}</td><td class="num">${formatNumber(c.lengthQ)}</td></tr></tfoot>
      </table>`)}
      <p class="note">${this.t('codesNote', { lp: formatNumber(c.codeP.expectedLength), lq: formatNumber(c.lengthQ), h: formatNumber(this.api ? t.entropy * Math.log2(this.base) : t.entropy) })}</p>
    </section>`;
  }

  sampling() {
    const c = this.codes;
    if (!c || !Number.isFinite(c.sample.crossCodeLength)) return nothing;
    const run = c.sample.runningMean;
    const W = this.width;
    const H = Math.round(W * aspect('sampling', W));
    const m = { l: 44, r: 12, t: 10, b: 30 };
    const x = scaleLog().domain([1, run.length]).range([m.l, W - m.r]);
    const top = Math.max(c.sample.crossCodeLength, ...run.subarray(0, Math.min(run.length, 50))) * 1.1;
    const y = scaleLinear().domain([0, top]).range([H - m.b, m.t]).nice(4);
    const points = [];
    for (let k = 1; k <= run.length; k = Math.max(k + 1, Math.ceil(k * 1.04))) points.push([x(k), y(run[k - 1])]);
    points.push([x(run.length), y(run[run.length - 1])]);
    const settle = formatNumber(c.sample.crossCodeLength);
    return html`<section class="sampling"><h4>${this.t('samplingTitle', { n: DRAWS })}</h4>
      <svg class="chart sampling" viewBox="0 0 ${W} ${H}" role="img" aria-label=${this.t('samplingLegend', { settle })}>
        ${yAxis(y, { x: m.l, ticks: y.ticks(4), gridTo: W - m.r })}
        <line class="settle" x1=${px(m.l)} x2=${px(W - m.r)} y1=${px(y(c.sample.crossCodeLength))} y2=${px(y(c.sample.crossCodeLength))}></line>
        <path class="running" d=${polyline(points)}></path>
        <text class="axis-label" x=${px(W - m.r)} y=${px(H - 4)} text-anchor="end">${this.t('samplingAxis')}</text>
      </svg>
      <p class="note">${this.t('samplingLegend', { settle })}</p>
      <button type="button" @click=${() => { this.seed = String((/^\d{1,15}$/.test(this.seed ?? '') ? Number(this.seed) : 1) + 1); }}>${this.t('reseed')}</button>
    </section>`;
  }

  controls() {
    const t = this.model.terms;
    const lang = this.lang;
    const u = this.unitInfo.symbol;
    const active = EXAMPLES.find((ex) => ex.p === this.p && ex.q === this.q && (this.labels ?? '') === ex.labels[lang])?.key;
    return html`
      ${this.examples(EXAMPLES.map((ex) => ({ ...ex, text: this.t(ex.key) })), active,
        (ex) => { this.bestGap = Infinity; this.model.applyTexts({ p: ex.p, q: ex.q, labels: ex.labels[lang] }); })}
      ${pqControls(this, {
        columns: t ? [
          { head: this.t('colSurpriseQ'), cell: (i) => `${formatNumber(t.surprisalQ[i])} ${u}` },
          { head: this.t('colShare'), cell: (i) => `${formatNumber(t.crossTerms[i])} ${u}` },
        ] : [],
        extraRows: t ? html`<tfoot><tr><th scope="row" colspan="4">${this.t('total')} H(P,Q)</th><td class="num">${formatNumber(t.crossEntropy)} ${u}</td><td></td></tr></tfoot>` : nothing,
      })}
      ${this.codesTable()}
      ${this.sampling()}
      ${t ? codeBlock(this, `import numpy as np\n\np = np.array(${pyList(t.p)})\nq = np.array(${pyList(t.q)})\nprint(-(p * np.log(q) / np.log(${this.unitInfo.python === 'None' ? 'np.e' : this.unitInfo.python})).sum())  # ${formatNumber(t.crossEntropy)} ${u}: ${this.t('codeComment')}`) : nothing}`;
  }

  headline() {
    const t = this.model.terms;
    if (!t) return nothing;
    const log = { parts: LOG[this.unitName] };
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
      controls: () => this.controls(),
    });
  }
}

export default BitCrossEntropy;
