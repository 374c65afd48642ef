// <bit-surprisal p="1/1024" label="中国夺冠">: the self-information I(p) = −log p of one event.
// Result { p, information, unit }. A field (fractions, percents, IME forms via api.parseProbability),
// a log-scale slider, the curve I(p) with the point on it, "1 in N" and a bracket of N equally
// likely outcomes halved by yes/no questions, one row per question (a fractional bit is a partial row).
import { BitElement, defineElement } from './base.js';
import { renderTex, texText } from './katex.js';
import {
  formatCount, formatNumber, probabilityTex, probabilityText, reciprocalInteger, texNumber, UNITS,
} from './format.js';
import { createChart, observeWidth, scaleLinear, scaleLog, polyline, svgEl, setText, setAttr, clamp } from './chart.js';
import { pythonSnippet } from './code-snippet.js';

const SLIDER_MIN = -20; // log2 p: p from 2^-20 (about one in a million) ...
const SLIDER_MAX = 0; // ... to 1
const SLIDER_STEP = 0.05;
const BRACKET_ROWS = 12; // questions drawn one per row; beyond, one summary row

const PRESETS = [
  { id: 'china', key: 'presetChina', p: '1/1024', label: { zh: '中国夺冠', en: 'China wins the World Cup' } },
  { id: 'argentina', key: 'presetArgentina', p: '1/8', label: { zh: '阿根廷夺冠', en: 'Argentina wins the World Cup' } },
];

const MESSAGES = {
  zh: {
    title: '信息量：一条消息有多意外',
    fieldP: '概率 p（可输入 1/1024、0.125、12.5%）',
    slider: '概率 p（对数刻度，每格减半即多 1 bit）',
    presetChina: '中国夺冠 1/1024',
    presetArgentina: '阿根廷夺冠 1/8',
    event: '这个事件',
    curveLabel: '曲线 I(p) = −log p，横轴为对数刻度的概率 p',
    axisP: '概率 p（对数刻度）',
    oneIn: ({ n }) => `相当于 ${n} 个同样可能的结果中的 1 个`,
    questions: ({ bits }) => `约等于问 ${bits} 个公平的是/否问题才能确定`,
    questionsExact: ({ bits }) => `正好要问 ${bits} 个公平的是/否问题才能确定`,
    bitsEq: ({ bits }) => `（= ${bits} bit）`,
    certain: '概率为 1 的事件是确定的：不需要任何问题，信息量为 0。',
    impossible: '概率为 0 的事件不可能发生；真的发生时信息量为无穷大（∞）。',
    bracketTitle: ({ n }) => `每个是/否问题把 ${n} 个候选砍掉一半，一个问题 = 1 bit`,
    bracketLabel: '二分示意图：每一行是一个是/否问题，剩下的候选减半',
    start: ({ n }) => `${n} 个可能`,
    rowQ: ({ k, left }) => `问 ${k} → 剩 ${left}`,
    rowPartial: ({ k, f }) => `问 ${k}：只需 ${f} 个问题`,
    rowMore: ({ k }) => `…还有 ${k} 个问题`,
    announce: ({ label, p, i, unit }) => `${label}：p = ${p}，信息量 ${i} ${unit}`,
    fallback: '中国夺冠的概率若为 1/1024，信息量为 −log₂(1/1024) = 10 bit：相当于 1024 个同样可能的结果中的 1 个，要问 10 个公平的是/否问题。阿根廷夺冠的概率若为 1/8，信息量为 −log₂(1/8) = 3 bit。',
  },
  en: {
    title: 'Self-information: how surprising is the news?',
    fieldP: 'Probability p (type 1/1024, 0.125, 12.5%)',
    slider: 'Probability p (log scale: each halving adds 1 bit)',
    presetChina: 'China wins 1/1024',
    presetArgentina: 'Argentina wins 1/8',
    event: 'the event',
    curveLabel: 'Curve I(p) = −log p; the probability axis is logarithmic',
    axisP: 'probability p (log scale)',
    oneIn: ({ n }) => `like 1 outcome among ${n} equally likely ones`,
    questions: ({ bits }) => `about ${bits} fair yes/no questions to pin it down`,
    questionsExact: ({ bits }) => `exactly ${bits} fair yes/no questions to pin it down`,
    bitsEq: ({ bits }) => ` (= ${bits} bit)`,
    certain: 'An event of probability 1 is certain: no question needed, 0 information.',
    impossible: 'An event of probability 0 cannot happen; if it did, its information would be infinite (∞).',
    bracketTitle: ({ n }) => `Each yes/no question halves the ${n} candidates: one question = 1 bit`,
    bracketLabel: 'Halving diagram: each row is one yes/no question, the candidates left are halved',
    start: ({ n }) => `${n} outcomes`,
    rowQ: ({ k, left }) => `Q${k} → ${left} left`,
    rowPartial: ({ k, f }) => `Q${k}: only ${f} of a question`,
    rowMore: ({ k }) => `… ${k} more questions`,
    announce: ({ label, p, i, unit }) => `${label}: p = ${p}, information ${i} ${unit}`,
    fallback: 'If China wins the World Cup with probability 1/1024, the news carries −log₂(1/1024) = 10 bits: one outcome among 1024 equally likely ones, ten fair yes/no questions. Argentina at 1/8 carries −log₂(1/8) = 3 bits.',
  },
};

const STYLES = `
.head { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline; justify-content: space-between; }
.controls { display: grid; grid-template-columns: minmax(0, 1fr); gap: 8px; }
.readout { display: grid; gap: 4px; }
.meaning { color: var(--br-fg); }
.curve .line { fill: none; stroke: var(--br-accent); stroke-width: 2.5; }
.curve .pt { fill: var(--br-accent); stroke: var(--br-bg); stroke-width: 2; }
.curve .guide { stroke: var(--br-muted); stroke-dasharray: 4 4; stroke-width: 1; }
.curve .ptlabel { font-weight: 650; font-size: 13px; }
.bracket .cand { fill: var(--br-accent); opacity: 0.25; }
.bracket .keep { fill: var(--br-accent); }
.bracket .partial { fill: var(--br-accent-2); }
.bracket .partial-frame { fill: none; stroke: var(--br-accent-2); stroke-dasharray: 3 3; }
.bracket text { font-size: 12px; }
.bracket-title { font-size: 0.9em; color: var(--br-muted); }
`;

export class BitSurprisal extends BitElement {
  static observedAttributes = [...BitElement.observedAttributes, 'p', 'label'];
  static styles = STYLES;
  static messages = MESSAGES;

  build(body) {
    this._text = this.getAttribute('p') ?? PRESETS[0].p;

    const head = document.createElement('div');
    head.className = 'head';
    this.titleEl = document.createElement('h3');
    this.titleEl.dataset.i18n = 'title';
    head.append(this.titleEl);

    const { element: presets, buttons } = this.makePresets(PRESETS, (preset) => this.applyPreset(preset));
    this.presetButtons = buttons.map(({ b, item }) => ({ b, preset: item }));

    const controls = document.createElement('div');
    controls.className = 'controls';
    const f = this.makeField({ key: 'p', labelKey: 'fieldP', value: this._text, inputmode: 'decimal' });
    this.input = f.input;
    this.listen(this.input, 'input', () => this.onType());

    this.slider = document.createElement('input');
    this.slider.type = 'range';
    this.slider.min = String(SLIDER_MIN);
    this.slider.max = String(SLIDER_MAX);
    this.slider.step = String(SLIDER_STEP);
    this.slider.dataset.i18nAria = 'slider';
    this.listen(this.slider, 'input', () => this.onSlide());
    this.listen(this.slider, 'keydown', (e) => this.onSliderKey(e));
    controls.append(f.wrap, this.slider);

    const readout = document.createElement('div');
    readout.className = 'readout';
    readout.setAttribute('part', 'readout');
    this.bigEl = document.createElement('p');
    this.bigEl.className = 'big';
    this.meaningEl = document.createElement('p');
    this.meaningEl.className = 'meaning';
    this.questionsEl = document.createElement('p');
    this.questionsEl.className = 'meaning';
    this.formulaEl = document.createElement('div');
    this.formulaEl.className = 'formula';
    readout.append(this.bigEl, this.formulaEl, this.meaningEl, this.questionsEl);

    const curveBox = document.createElement('div');
    curveBox.className = 'chart-box';
    this.curve = createChart(curveBox, { height: 190, className: 'curve', label: '' });
    this.curve.svg.dataset.i18nAria = 'curveLabel';
    this._buildCurve();

    const bracketBox = document.createElement('div');
    bracketBox.className = 'chart-box';
    this.bracketTitle = document.createElement('p');
    this.bracketTitle.className = 'bracket-title';
    bracketBox.append(this.bracketTitle);
    this.bracket = createChart(bracketBox, { height: 60, className: 'bracket', label: '' });
    this.bracket.svg.dataset.i18nAria = 'bracketLabel';

    this.snippet = document.createElement('bit-code-snippet');

    body.append(head, presets, controls, readout, curveBox, bracketBox, this.snippet);
    this._chartBox = curveBox;
    observeWidth(curveBox, (w) => {
      this.curve.resize(w);
      this.bracket.resize(w);
      if (this._last) this._draw(this._last);
    });
  }

  attributeChanged(name, value) {
    if (name === 'p') {
      this._text = value ?? PRESETS[0].p;
      this.input.value = this._text;
    }
    // label: read at render time
  }

  get label() {
    const l = this.getAttribute('label');
    return l != null && l.trim() !== '' ? l : this.t('event');
  }

  fallback() {
    return this.t('fallback');
  }

  codeSnippet() {
    const r = this.result;
    if (!r) return '';
    return pythonSnippet('surprisal', { p: r.p, label: this.label, information: r.information, unit: r.unit }, this.lang);
  }

  // ------------------------------------------------------------------ interaction
  applyPreset(preset) {
    this.input.value = preset.p;
    this._text = preset.p;
    this.reflect('p', preset.p);
    this.reflect('label', preset.label[this.lang]);
    this.update();
  }

  onType() {
    this._text = this.input.value;
    if (this.compute(this._text)) this.reflect('p', this._text.trim());
  }

  onSlide() {
    const v = Number(this.slider.value);
    const text = sliderText(v);
    this.input.value = text;
    this._text = text;
    if (this.compute(text, { fromSlider: true })) this.reflect('p', text);
  }

  onSliderKey(e) {
    // Shift+arrow / PageUp / PageDown: one halving or doubling of p = exactly one bit.
    let delta = 0;
    if (e.key === 'PageUp' || (e.shiftKey && (e.key === 'ArrowUp' || e.key === 'ArrowRight'))) delta = 1;
    if (e.key === 'PageDown' || (e.shiftKey && (e.key === 'ArrowDown' || e.key === 'ArrowLeft'))) delta = -1;
    if (!delta) return;
    e.preventDefault();
    const v = clamp(Math.round(Number(this.slider.value)) + delta, SLIDER_MIN, SLIDER_MAX);
    this.slider.value = String(v);
    this.onSlide();
  }

  update() {
    this.checkUnit();
    // a refused text keeps the last good state on screen, redrawn (lang or unit may have changed)
    if (!this.compute(this._text)) {
      if (this._last) this._redrawLast();
      else this._paintEmpty();
    }
  }

  /** Parse text, compute, draw and commit. Returns true on success (the last result stays otherwise). */
  compute(text, { fromSlider = false } = {}) {
    if (!this.api) return false;
    const parsed = this.attempt('p', () => this.api.parseProbability(text), text);
    if (!parsed.ok) return false;
    const p = parsed.value;
    const unit = this.unit;
    const info = this.attempt('p', () => this.api.surprisal(p, UNITS[unit].base), text);
    if (!info.ok) return false;
    const bits = unit === 'bit' ? info.value : this.api.surprisal(p, 2);
    const state = { p, information: info.value, bits, unit };
    this._last = state;
    if (!fromSlider) this.slider.value = String(p > 0 ? clamp(Math.log2(p), SLIDER_MIN, SLIDER_MAX) : SLIDER_MIN);
    this._draw(state);
    const result = { p, information: info.value, unit };
    this.commit(result, this.t('announce', {
      label: this.label, p: probabilityText(p), i: formatNumber(info.value), unit: UNITS[unit].symbol,
    }));
    this.snippet.update('surprisal', { p, label: this.label, information: info.value, unit }, this.lang);
    return true;
  }

  _redrawLast() {
    const { p } = this._last;
    const unit = this.unit;
    const changed = unit !== this._last.unit;
    const information = this.api.surprisal(p, UNITS[unit].base);
    this._last = { ...this._last, information, unit };
    this._draw(this._last);
    this.snippet.update('surprisal', { p, label: this.label, information, unit }, this.lang);
    // the last good p, now in the new unit: results are always in the element's unit
    if (changed) this.commit({ p, information, unit });
  }

  // ------------------------------------------------------------------ drawing
  _paintEmpty() {
    setText(this.bigEl, '…');
  }

  _draw(s) {
    const u = UNITS[s.unit];
    for (const { b, preset } of this.presetButtons) {
      b.setAttribute('aria-pressed', String(Math.abs(s.p - (preset.id === 'china' ? 1 / 1024 : 1 / 8)) < 1e-15));
    }
    setText(this.bigEl, `I = ${formatNumber(s.information)} ${u.symbol}`);
    this.slider.setAttribute('aria-valuetext', `p = ${probabilityText(s.p)}, I = ${formatNumber(s.information)} ${u.symbol}`);
    renderTex(this.formulaEl,
      `I(${texText(this.label)}) = -${u.log} ${probabilityTex(s.p)} = ${texNumber(s.information)}\\ ${u.tex}`);

    const bitsText = formatNumber(s.bits);
    const suffix = s.unit === 'bit' ? '' : this.t('bitsEq', { bits: bitsText });
    if (s.p === 0) {
      setText(this.meaningEl, this.t('impossible'));
      setText(this.questionsEl, '');
    } else if (s.p === 1) {
      setText(this.meaningEl, this.t('certain'));
      setText(this.questionsEl, '');
    } else {
      const n = 1 / s.p;
      const exact = reciprocalInteger(s.p);
      const pow = `2${superscript(bitsText)}`;
      setText(this.meaningEl, `${this.t('oneIn', { n: exact ?? formatCount(n) })}\u00a0≈\u00a0${pow}${suffix}`);
      setText(this.questionsEl, this.t(Number.isInteger(s.bits) ? 'questionsExact' : 'questions', { bits: bitsText }));
    }
    this._drawCurve(s);
    this._drawBracket(s);
  }

  _buildCurve() {
    const svg = this.curve.svg;
    this.cAxis = svgEl('g', { class: 'axis' }, svg);
    this.cLine = svgEl('path', { class: 'line' }, svg);
    this.cGuideX = svgEl('line', { class: 'guide' }, svg);
    this.cGuideY = svgEl('line', { class: 'guide' }, svg);
    this.cPoint = svgEl('circle', { class: 'pt', r: 6 }, svg);
    this.cLabel = svgEl('text', { class: 'ptlabel' }, svg);
    this.cAxisTitle = svgEl('text', { class: 'axis-title', 'text-anchor': 'end' }, svg);
  }

  _drawCurve(s) {
    const { width, height } = this.curve;
    const m = { l: 40, r: 12, t: 14, b: 40 };
    const u = UNITS[s.unit];
    const pMin = s.p > 0 ? Math.min(2 ** SLIDER_MIN, s.p / 2) : 2 ** SLIDER_MIN;
    const x = scaleLog().base(2).domain([pMin, 1]).range([m.l, width - m.r]);
    const iMax = -Math.log(pMin) / Math.log(u.base);
    const y = scaleLinear().domain([0, iMax]).nice(4).range([height - m.b, m.t]);
    const pts = [];
    for (let i = 0; i <= 40; i += 1) {
      const p = pMin ** (1 - i / 40);
      pts.push([p, -Math.log(p) / Math.log(u.base)]);
    }
    setAttr(this.cLine, 'd', polyline(pts.map(([p, i]) => [x(p), y(i)])));

    // axes: a few ticks as powers of two on p, plain numbers on I
    const axis = this.cAxis;
    axis.textContent = '';
    svgEl('line', { x1: m.l, x2: width - m.r, y1: height - m.b, y2: height - m.b }, axis);
    svgEl('line', { x1: m.l, x2: m.l, y1: m.t, y2: height - m.b }, axis);
    const exps = Math.ceil(-Math.log2(pMin));
    const every = width < 420 ? Math.ceil(exps / 3) : Math.ceil(exps / 5);
    for (let e = 0; e <= exps; e += every) {
      const p = 2 ** -e;
      if (p < pMin) break;
      const t = svgEl('text', { x: x(p), y: height - m.b + 16, 'text-anchor': 'middle' }, axis);
      setText(t, e === 0 ? '1' : `2${superscript(-e)}`);
    }
    for (const v of y.ticks(4)) {
      svgEl('line', { x1: m.l, x2: width - m.r, y1: y(v), y2: y(v), class: 'gridline', stroke: 'var(--br-grid)' }, axis);
      const t = svgEl('text', { x: m.l - 6, y: y(v) + 4, 'text-anchor': 'end' }, axis);
      setText(t, formatNumber(v));
    }
    setAttr(this.cAxisTitle, 'x', width - m.r);
    setAttr(this.cAxisTitle, 'y', height - 4);
    setText(this.cAxisTitle, this.t('axisP'));

    const finite = Number.isFinite(s.information) && s.p > 0;
    const px = finite ? x(s.p) : m.l;
    const py = finite ? y(s.information) : m.t;
    setAttr(this.cPoint, 'cx', px);
    setAttr(this.cPoint, 'cy', py);
    setAttr(this.cGuideX, 'x1', px); setAttr(this.cGuideX, 'x2', px);
    setAttr(this.cGuideX, 'y1', py); setAttr(this.cGuideX, 'y2', height - m.b);
    setAttr(this.cGuideY, 'x1', m.l); setAttr(this.cGuideY, 'x2', px);
    setAttr(this.cGuideY, 'y1', py); setAttr(this.cGuideY, 'y2', py);
    const right = px > width * 0.6;
    setAttr(this.cLabel, 'x', right ? px - 10 : px + 10);
    setAttr(this.cLabel, 'y', Math.max(m.t + 12, py - 8));
    setAttr(this.cLabel, 'text-anchor', right ? 'end' : 'start');
    setText(this.cLabel, `${formatNumber(s.information)} ${u.symbol}`);
  }

  _drawBracket(s) {
    const svg = this.bracket.svg;
    svg.textContent = '';
    const width = this.bracket.width;
    if (!(s.p > 0) || s.p === 1 || !Number.isFinite(s.bits)) {
      this.bracket.height = 8;
      this.bracket.resize(width);
      setText(this.bracketTitle, '');
      return;
    }
    const n = 1 / s.p;
    const nText = reciprocalInteger(s.p) ?? formatCount(n);
    setText(this.bracketTitle, this.t('bracketTitle', { n: nText }));
    const whole = Math.floor(s.bits + 1e-9);
    const frac = s.bits - whole > 1e-9 ? s.bits - whole : 0;
    const steps = whole + (frac ? 1 : 0);
    const shown = Math.min(steps, BRACKET_ROWS);
    const rowH = 24;
    const labelW = Math.min(170, Math.max(120, width * 0.42));
    const barW = width - labelW - 8;
    const rows = 1 + shown + (steps > shown ? 1 : 0);
    this.bracket.height = rows * rowH + 4;
    this.bracket.resize(width);

    // row 0: the N candidates, as cells when few
    const cells = n <= 64 && Number.isInteger(Math.round(n)) && Math.abs(Math.round(n) - n) < 1e-9 ? Math.round(n) : 0;
    if (cells) {
      const cw = barW / cells;
      for (let i = 0; i < cells; i += 1) {
        svgEl('rect', { class: i === 0 ? 'keep' : 'cand', x: i * cw + 0.5, y: 4, width: Math.max(0.5, cw - 1), height: rowH - 8 }, svg);
      }
    } else {
      svgEl('rect', { class: 'cand', x: 0, y: 4, width: barW, height: rowH - 8 }, svg);
    }
    const t0 = svgEl('text', { x: barW + 8, y: rowH / 2 + 4 }, svg);
    setText(t0, this.t('start', { n: nText }));

    for (let k = 1; k <= shown; k += 1) {
      const y = k * rowH;
      const isPartial = frac && k === steps;
      const left = isPartial ? 1 : n / 2 ** k;
      const w = Math.max(2, barW * (isPartial ? 1 / n : 2 ** -k));
      if (isPartial) {
        const prevW = Math.max(2, barW * 2 ** -(k - 1));
        svgEl('rect', { class: 'partial-frame', x: 0.5, y: y + 4, width: prevW / 2, height: rowH - 8 }, svg);
        svgEl('rect', { class: 'partial', x: 0, y: y + 4, width: w, height: rowH - 8 }, svg);
      } else {
        svgEl('rect', { class: 'keep', x: 0, y: y + 4, width: w, height: rowH - 8 }, svg);
      }
      const t = svgEl('text', { x: barW + 8, y: y + rowH / 2 + 4 }, svg);
      setText(t, isPartial
        ? this.t('rowPartial', { k, f: formatNumber(frac, { decimals: 3 }) })
        : this.t('rowQ', { k, left: formatCount(left) }));
    }
    if (steps > shown) {
      const t = svgEl('text', { x: 0, y: (shown + 1) * rowH + rowH / 2 + 4 }, svg);
      setText(t, this.t('rowMore', { k: steps - shown }));
    }
  }
}

const SUPERSCRIPT = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻', '−': '⁻', '.': '·' };
/** "10" → "¹⁰", "-3" → "⁻³", "9.966" → "⁹·⁹⁶⁶". */
function superscript(v) {
  return String(v).split('').map((c) => SUPERSCRIPT[c] ?? c).join('');
}

/** Slider position (log2 p) → the text put in the field: "1/1024" on whole bits, else 4 digits. */
function sliderText(v) {
  const r = Math.round(v);
  if (Math.abs(v - r) < 1e-9) return r === 0 ? '1' : `1/${2 ** -r}`;
  return Number((2 ** v).toPrecision(4)).toString();
}

defineElement('bit-surprisal', BitSurprisal);
