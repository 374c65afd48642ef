// <bit-additivity pa="1/2" pb="1/4">: two independent events (Argentina reaches the final: A; then
// wins it: B). The probabilities multiply, P(A∧B) = P(A)·P(B), while the information adds,
// I(A∧B) = I(A) + I(B): shown as bars whose segments visibly sum.
// Result { pA, pB, pBoth, iA, iB, iBoth, unit }.
import { BitElement, defineElement } from './base.js';
import { renderTex } from './katex.js';
import { formatNumber, probabilityTex, probabilityText, texNumber, UNITS } from './format.js';
import { createChart, observeWidth, svgEl, setText, setAttr } from './chart.js';
import { pythonSnippet } from './code-snippet.js';

const DEFAULT_A = '1/2';
const DEFAULT_B = '1/4';

const MESSAGES = {
  zh: {
    title: '独立事件：概率相乘，信息量相加',
    fieldA: 'P(A)：阿根廷进决赛',
    fieldB: 'P(B)：阿根廷赢下决赛（已进决赛时）',
    presetArgentina: '阿根廷 1/2 × 1/4',
    presetCoin: '两枚硬币 1/2 × 1/2',
    presetChina: '中国 1/32 × 1/32',
    probTitle: '概率：B 占 A 的一部分，A∧B 是“部分的部分”',
    infoTitle: '信息量：I(A) 段接上 I(B) 段，正好等于 I(A∧B) 的长度',
    probChart: '概率条：整条为 1，A 占 P(A)，A 与 B 同时发生占 P(A)·P(B)',
    infoChart: '信息量条：I(A) 与 I(B) 首尾相接，总长等于 I(A∧B)',
    rowA: 'A 进决赛',
    rowB: 'B 赢决赛',
    rowBoth: 'A∧B 夺冠',
    rowAll: '全部可能',
    infinite: '有一个概率为 0：这个组合不可能发生，信息量为无穷大（∞）。',
    announce: ({ pBoth, iA, iB, iBoth, unit }) => `P(A∧B) = ${pBoth}；I(A) ${iA} + I(B) ${iB} = I(A∧B) ${iBoth} ${unit}`,
    fallback: '阿根廷进决赛（A）的概率若为 1/2，赢下决赛（B）的概率为 1/4，两者独立：P(A∧B) = 1/2 × 1/4 = 1/8；信息量 I(A) = 1 bit，I(B) = 2 bit，I(A∧B) = −log₂(1/8) = 3 bit = 1 bit + 2 bit。',
  },
  en: {
    title: 'Independent events: probabilities multiply, information adds',
    fieldA: 'P(A): Argentina reaches the final',
    fieldB: 'P(B): Argentina wins the final (once in it)',
    presetArgentina: 'Argentina 1/2 × 1/4',
    presetCoin: 'Two coins 1/2 × 1/2',
    presetChina: 'China 1/32 × 1/32',
    probTitle: 'Probability: B is a part of A, so A∧B is “a part of a part”',
    infoTitle: 'Information: the I(A) segment plus the I(B) segment is exactly as long as I(A∧B)',
    probChart: 'Probability bar: the whole bar is 1, A takes P(A), A and B together take P(A)·P(B)',
    infoChart: 'Information bars: I(A) and I(B) placed end to end, their total length equals I(A∧B)',
    rowA: 'A final',
    rowB: 'B win',
    rowBoth: 'A∧B title',
    rowAll: 'everything',
    infinite: 'One probability is 0: the combination cannot happen, its information is infinite (∞).',
    announce: ({ pBoth, iA, iB, iBoth, unit }) => `P(A and B) = ${pBoth}; I(A) ${iA} + I(B) ${iB} = I(A and B) ${iBoth} ${unit}`,
    fallback: 'If Argentina reaches the final (A) with probability 1/2 and then wins it (B) with probability 1/4, independently: P(A∧B) = 1/2 × 1/4 = 1/8; I(A) = 1 bit, I(B) = 2 bits, I(A∧B) = −log₂(1/8) = 3 bits = 1 bit + 2 bits.',
  },
};

const PRESETS = [
  { key: 'presetArgentina', a: '1/2', b: '1/4' },
  { key: 'presetCoin', a: '1/2', b: '1/2' },
  { key: 'presetChina', a: '1/32', b: '1/32' },
];

const STYLES = `
.fields { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 8px 12px; }
.chart-title { font-size: 0.9em; color: var(--br-muted); margin-top: 4px; }
.segA { fill: var(--br-accent); }
.segB { fill: var(--br-accent-2); }
.whole { fill: var(--br-surface); stroke: var(--br-border); }
.divider { stroke: var(--br-bg); stroke-width: 2; }
.tie { stroke: var(--br-muted); stroke-dasharray: 3 3; }
.seglabel { font-size: 12px; font-weight: 600; }
.inside { fill: var(--br-on-accent); }
.rowlabel { fill: var(--br-muted); }
`;

export class BitAdditivity extends BitElement {
  static observedAttributes = [...BitElement.observedAttributes, 'pa', 'pb'];
  static styles = STYLES;
  static messages = MESSAGES;

  build(body) {
    this._textA = this.getAttribute('pa') ?? DEFAULT_A;
    this._textB = this.getAttribute('pb') ?? DEFAULT_B;
    this._good = { a: null, b: null }; // last good parsed probabilities

    const title = document.createElement('h3');
    title.dataset.i18n = 'title';

    const { element: presets, buttons } = this.makePresets(PRESETS, (preset) => this.applyPreset(preset));
    this.presetButtons = buttons.map(({ b, item }) => ({ b, preset: item }));

    const fields = document.createElement('div');
    fields.className = 'fields';
    const fa = this.makeField({ key: 'pa', labelKey: 'fieldA', value: this._textA, inputmode: 'decimal' });
    const fb = this.makeField({ key: 'pb', labelKey: 'fieldB', value: this._textB, inputmode: 'decimal' });
    this.inputA = fa.input;
    this.inputB = fb.input;
    this.listen(this.inputA, 'input', () => { this._textA = this.inputA.value; this.compute({ typed: 'pa' }); });
    this.listen(this.inputB, 'input', () => { this._textB = this.inputB.value; this.compute({ typed: 'pb' }); });
    fields.append(fa.wrap, fb.wrap);

    this.bigEl = document.createElement('p');
    this.bigEl.className = 'big';
    this.formulaP = document.createElement('div');
    this.formulaP.className = 'formula';
    this.formulaI = document.createElement('div');
    this.formulaI.className = 'formula';
    this.formulaSum = document.createElement('div');
    this.formulaSum.className = 'formula';
    this.noteEl = document.createElement('p');
    this.noteEl.className = 'muted small';

    const probBox = document.createElement('div');
    probBox.className = 'chart-box';
    const pt = document.createElement('p');
    pt.className = 'chart-title';
    pt.dataset.i18n = 'probTitle';
    probBox.append(pt);
    this.probChart = createChart(probBox, { height: 96, className: 'prob' });
    this.probChart.svg.dataset.i18nAria = 'probChart';

    const infoBox = document.createElement('div');
    infoBox.className = 'chart-box';
    const it = document.createElement('p');
    it.className = 'chart-title';
    it.dataset.i18n = 'infoTitle';
    infoBox.append(it);
    this.infoChart = createChart(infoBox, { height: 118, className: 'info' });
    this.infoChart.svg.dataset.i18nAria = 'infoChart';

    this.snippet = document.createElement('bit-code-snippet');
    body.append(title, presets, fields, this.bigEl, this.formulaP, probBox, this.formulaI, this.formulaSum, infoBox, this.noteEl, this.snippet);

    observeWidth(infoBox, (w) => {
      this.probChart.resize(w);
      this.infoChart.resize(w);
      if (this._last) this._drawCharts(this._last);
    });
  }

  attributeChanged(name, value) {
    if (name === 'pa') {
      this._textA = value ?? DEFAULT_A;
      this.inputA.value = this._textA;
    } else if (name === 'pb') {
      this._textB = value ?? DEFAULT_B;
      this.inputB.value = this._textB;
    }
  }

  fallback() {
    return this.t('fallback');
  }

  codeSnippet() {
    const r = this.result;
    if (!r) return '';
    return pythonSnippet('additivity', { pA: r.pA, pB: r.pB, iA: r.iA, iB: r.iB, iBoth: r.iBoth, unit: r.unit }, this.lang);
  }

  applyPreset(preset) {
    this._textA = preset.a;
    this._textB = preset.b;
    this.inputA.value = preset.a;
    this.inputB.value = preset.b;
    this.compute({ typed: 'both' });
  }

  update() {
    this.checkUnit();
    if (!this.compute({}) && this._last) {
      // a refused field keeps the last good probabilities on screen, in the current lang and unit
      const { pA, pB } = this._last;
      if (this._last.unit !== this.unit) this._computeFrom(pA, pB);
      else {
        this._draw(this._last);
        const r = this._last;
        this.snippet.update('additivity', { pA: r.pA, pB: r.pB, iA: r.iA, iB: r.iB, iBoth: r.iBoth, unit: r.unit }, this.lang);
      }
    }
  }

  /**
   * Parse both fields (each error shown beside its own field), compute, draw, commit.
   * typed: which field(s) the reader edited, reflected to attributes when valid.
   */
  compute({ typed } = {}) {
    if (!this.api) return false;
    const api = this.api;
    const a = this.attempt('pa', () => api.parseProbability(this._textA), this._textA);
    const b = this.attempt('pb', () => api.parseProbability(this._textB), this._textB);
    if (a.ok && (typed === 'pa' || typed === 'both')) this.reflect('pa', this._textA.trim());
    if (b.ok && (typed === 'pb' || typed === 'both')) this.reflect('pb', this._textB.trim());
    if (!a.ok || !b.ok) return false;
    return this._computeFrom(a.value, b.value);
  }

  _computeFrom(pA, pB) {
    const api = this.api;
    const base = UNITS[this.unit].base;
    const pBoth = pA * pB;
    const r = this.attempt('_', () => ({
      iA: api.surprisal(pA, base),
      iB: api.surprisal(pB, base),
      iBoth: api.surprisal(pBoth, base),
    }));
    if (!r.ok) return false;
    const result = { pA, pB, pBoth, ...r.value, unit: this.unit };
    // A product below the smallest double is 0 although both factors are positive: its
    // information is still finite (the sum), not the ∞ of an impossible event.
    if (pBoth === 0 && pA > 0 && pB > 0) result.iBoth = result.iA + result.iB;
    this._last = result;
    this._draw(result);
    const sym = UNITS[this.unit].symbol;
    this.commit(result, this.t('announce', {
      pBoth: probabilityText(pBoth), iA: formatNumber(result.iA), iB: formatNumber(result.iB), iBoth: formatNumber(result.iBoth), unit: sym,
    }));
    this.snippet.update('additivity', { pA, pB, iA: result.iA, iB: result.iB, iBoth: result.iBoth, unit: this.unit }, this.lang);
    return true;
  }

  _draw(r) {
    const u = UNITS[r.unit];
    for (const { b, preset } of this.presetButtons) {
      b.setAttribute('aria-pressed', String(preset.a === this._textA.trim() && preset.b === this._textB.trim()));
    }
    setText(this.bigEl, `I(A∧B) = ${formatNumber(r.iA)} + ${formatNumber(r.iB)} = ${formatNumber(r.iBoth)} ${u.symbol}`);
    renderTex(this.formulaP,
      `P(A\\wedge B) = P(A)\\cdot P(B) = ${probabilityTex(r.pA)} \\times ${probabilityTex(r.pB)} = ${probabilityTex(r.pBoth)}`);
    renderTex(this.formulaI, `I(A\\wedge B) = -${u.log} ${probabilityTex(r.pBoth)} = ${texNumber(r.iBoth)}\\ ${u.tex}`);
    renderTex(this.formulaSum,
      `I(A) + I(B) = ${texNumber(r.iA)}\\ ${u.tex} + ${texNumber(r.iB)}\\ ${u.tex} = ${texNumber(r.iA + r.iB)}\\ ${u.tex}`);
    setText(this.noteEl, Number.isFinite(r.iBoth) ? '' : this.t('infinite'));
    this._drawCharts(r);
  }

  _drawCharts(r) {
    const u = UNITS[r.unit];
    const labelW = 82;

    // probability: nested bars: 1 ⊃ P(A) ⊃ P(A)·P(B)
    {
      const svg = this.probChart.svg;
      svg.textContent = '';
      const W = this.probChart.width - labelW - 4;
      const rowH = 30;
      const rows = [
        { label: this.t('rowAll'), w: 1, cls: 'whole', text: '1' },
        { label: this.t('rowA'), w: r.pA, cls: 'segA', text: `P(A) = ${probabilityText(r.pA)}` },
        { label: this.t('rowBoth'), w: r.pBoth, cls: 'segB', text: `P(A)·P(B) = ${probabilityText(r.pBoth)}` },
      ];
      rows.forEach((row, i) => {
        const y = i * rowH + 2;
        const lt = svgEl('text', { x: 0, y: y + rowH / 2 + 2, class: 'rowlabel' }, svg);
        setText(lt, row.label);
        const w = Math.max(row.w > 0 ? 1.5 : 0, W * row.w);
        svgEl('rect', { x: labelW, y: y + 3, width: w, height: rowH - 8, class: row.cls, rx: 3 }, svg);
        const inside = w > 150;
        const t = svgEl('text', { x: inside ? labelW + 8 : labelW + w + 6, y: y + rowH / 2 + 2, class: `seglabel${inside && i > 0 ? ' inside' : ''}` }, svg);
        setText(t, row.text);
      });
      this.probChart.height = rows.length * rowH + 4;
      this.probChart.resize(this.probChart.width);
    }

    // information: I(A) then I(B) placed end to end; I(A∧B) as one bar split at I(A)
    {
      const svg = this.infoChart.svg;
      svg.textContent = '';
      const W = this.infoChart.width - labelW - 4;
      const rowH = 34;
      const finite = Number.isFinite(r.iA) && Number.isFinite(r.iB) && Number.isFinite(r.iBoth);
      const total = finite ? Math.max(r.iBoth, r.iA + r.iB, 1e-12) : 1;
      const sx = (v) => (finite ? (W * v) / total : W);
      const rows = [
        { label: 'I(A)', segs: [{ x0: 0, x1: r.iA, cls: 'segA', text: `${formatNumber(r.iA)}` }] },
        { label: 'I(B)', segs: [{ x0: r.iA, x1: r.iA + r.iB, cls: 'segB', text: `${formatNumber(r.iB)}` }] },
        {
          label: 'I(A∧B)',
          segs: [
            { x0: 0, x1: r.iA, cls: 'segA', text: '' },
            { x0: r.iA, x1: r.iBoth, cls: 'segB', text: '' },
          ],
          total: `${formatNumber(r.iBoth)} ${u.symbol}`,
        },
      ];
      if (!finite) {
        // an infinite term: finite bars at half width, infinite ones across, each labelled
        rows[1].segs[0].x0 = 0;
        rows[1].segs[0].x1 = r.iB;
      }
      rows.forEach((row, i) => {
        const y = i * rowH + 2;
        const lt = svgEl('text', { x: 0, y: y + rowH / 2 + 2, class: 'rowlabel' }, svg);
        setText(lt, row.label);
        for (const seg of row.segs) {
          const x0 = finite ? sx(seg.x0) : 0;
          const x1 = finite ? sx(seg.x1) : (Number.isFinite(seg.x1) ? W * 0.5 : W);
          const w = Math.max(0, x1 - x0);
          svgEl('rect', { x: labelW + x0, y: y + 3, width: w, height: rowH - 10, class: seg.cls }, svg);
          if (seg.text) {
            const inside = w > 44;
            const t = svgEl('text', {
              x: inside ? labelW + x0 + w / 2 : labelW + x1 + 4,
              y: y + rowH / 2 + 2,
              'text-anchor': inside ? 'middle' : 'start',
              class: `seglabel${inside ? ' inside' : ''}`,
            }, svg);
            setText(t, Number.isFinite(seg.x1 - seg.x0) || !finite ? seg.text : '∞');
          }
        }
        if (row.total) {
          svgEl('line', { x1: labelW + sx(r.iA), x2: labelW + sx(r.iA), y1: y + 3, y2: y + rowH - 7, class: 'divider' }, svg);
          const t = svgEl('text', { x: labelW + W, y: y + rowH - 12, 'text-anchor': 'end', class: 'seglabel inside' }, svg);
          setText(t, row.total);
        }
      });
      // dashed ties show that the joint bar ends where I(A) + I(B) ends
      if (finite) {
        const xEnd = labelW + sx(r.iA + r.iB);
        const xMid = labelW + sx(r.iA);
        svgEl('line', { x1: xMid, x2: xMid, y1: 3, y2: 3 * rowH - 6, class: 'tie' }, svg);
        svgEl('line', { x1: xEnd, x2: xEnd, y1: rowH + 3, y2: 3 * rowH - 6, class: 'tie' }, svg);
      }
      this.infoChart.height = rows.length * rowH + 4;
      this.infoChart.resize(this.infoChart.width);
      setAttr(this.infoChart.svg, 'data-total', total);
    }
  }
}

defineElement('bit-additivity', BitAdditivity);
