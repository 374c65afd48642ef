// The sampling demo inside <bit-cross-entropy>: draw outcomes from P, encode each with the Huffman
// code built for Q, and watch the running average code length settle. The draws come from the
// core (api.sampleCoding: seeded, the same stream natively and in WASM), so a seed reproduces a
// run exactly; this file only shows the run.
//
// Honesty about the target: Huffman codewords have whole-bit lengths, so the average settles on
// Σ p·len_Q, not on H(P,Q) = Σ p·(−log₂ q). The two agree when every q is a power of 1/2; otherwise
// the rounding moves the settling point above H(P,Q) or (when P ≠ Q) even below it — but never
// below Σ p·len_P ≥ H(P), because no prefix code beats the code built for the data's own P.
// The panel draws both lines and says which case the reader is looking at.
//
// Use: const panel = new SamplingPanel({ lang, onSeed });  host.shadowRoot.append(panel.element);
//      (add SAMPLING_CSS to the host's stylesheet)
//      panel.setModel({ api, p, q, labels, unit, crossEntropy, codeQ, codeLengthQ });
//        crossEntropy in the unit; codeQ = api.huffman(q); codeLengthQ = api.expectedCodeLength(p, q)
//        in bits (Σ p·len_Q, Infinity when Q's code lacks a codeword P needs).
//      panel.run() (the Draw button does this), panel.finish(), panel.seed, panel.draws.
import { formatNumber } from './format.js';
import { createChart, observeWidth, scaleLinear, scaleLog, svgEl, setAttr, setText } from './chart.js';

const TEXT = {
  en: {
    title: 'Sampling: encode data from P with the code built for Q',
    seed: 'Seed',
    draws: 'Draws',
    draw: 'Draw',
    skip: 'Show the end',
    idle: 'Press Draw: outcomes are drawn from P and each is written with Q’s codeword.',
    drawn: (n, mean, u) => `${n} drawn · average ${mean} ${u} per outcome`,
    target: (l, u) => `settles on Σ p·len_Q = ${l} ${u}`,
    ce: (h, u) => `H(P,Q) = ${h} ${u}`,
    chartLabel: (n, mean, l, h, u) => `Running average code length over ${n} draws: now ${mean} ${u}; it settles on ${l} ${u}; H(P,Q) is ${h} ${u}.`,
    announce: (n, mean, l, u) => `After ${n} draws the average code length is ${mean} ${u}; it settles on Σ p·len_Q = ${l} ${u}.`,
    gapExact: 'Every q here is a power of 1/2, so each Huffman codeword is exactly −log₂ q long and the average settles on H(P,Q) itself.',
    gapAbove: (g, u) => `Huffman codewords are whole numbers of bits (−log₂ q rounded), so the average settles on Σ p·len_Q, here ${g} ${u} above H(P,Q). A code with fractional lengths (arithmetic coding) would settle on H(P,Q).`,
    gapBelow: (g, u) => `Huffman codewords are whole numbers of bits, and here the rounding happens to shorten the codewords P draws most: the average settles ${g} ${u} below H(P,Q). It still cannot beat the code built for P itself (Σ p·len_P ≥ H(P)).`,
    noCode: (label) => `Q gives ${label} probability 0, so Q’s code has no codeword for it: data from P cannot be encoded (the length is infinite).`,
    unitNote: (f, u) => `Code lengths are counted in bits; shown in ${u} (1 bit = ${f} ${u}).`,
    lastDraws: 'Last draws',
    badSeed: 'The seed must be a whole number from 0 to 9007199254740991.',
    legendMean: 'average, Huffman code for Q',
    legendIdeal: 'average, ideal lengths −log₂ q',
    idealNow: (m, u) => `with ideal lengths −log₂ q: ${m} ${u}`,
    legendL: 'Σ p·len_Q',
    legendH: 'H(P,Q)',
    xAxis: 'draws (log scale)',
  },
  zh: {
    title: '抽样：用为 Q 构造的编码去编码来自 P 的数据',
    seed: '随机种子',
    draws: '抽样次数',
    draw: '开始抽样',
    skip: '直接看结果',
    idle: '按「开始抽样」：从 P 中抽取结果，每个结果都用 Q 的码字写下。',
    drawn: (n, mean, u) => `已抽 ${n} 次 · 平均每个结果 ${mean} ${u}`,
    target: (l, u) => `会稳定在 Σ p·len_Q = ${l} ${u}`,
    ce: (h, u) => `H(P,Q) = ${h} ${u}`,
    chartLabel: (n, mean, l, h, u) => `${n} 次抽样的平均码长：当前 ${mean} ${u}；稳定值 ${l} ${u}；H(P,Q) 为 ${h} ${u}。`,
    announce: (n, mean, l, u) => `抽样 ${n} 次后平均码长为 ${mean} ${u}；它会稳定在 Σ p·len_Q = ${l} ${u}。`,
    gapExact: '这里每个 q 都是 1/2 的整数次幂，所以每个霍夫曼码字的长度恰好是 −log₂ q，平均码长正好稳定在 H(P,Q)。',
    gapAbove: (g, u) => `霍夫曼码字的长度只能是整数个比特（−log₂ q 取整），所以平均码长稳定在 Σ p·len_Q，这里比 H(P,Q) 高 ${g} ${u}。允许小数码长的编码（算术编码）才会稳定在 H(P,Q)。`,
    gapBelow: (g, u) => `霍夫曼码字的长度只能是整数个比特，这里取整恰好缩短了 P 最常抽到的结果的码字：平均码长稳定在比 H(P,Q) 低 ${g} ${u} 的地方。但它仍然不会比为 P 本身构造的编码更短（Σ p·len_P ≥ H(P)）。`,
    noCode: (label) => `Q 给${label}的概率是 0，Q 的编码里没有它的码字：来自 P 的数据无法编码（码长为无穷大）。`,
    unitNote: (f, u) => `码长按比特计数；这里换算成 ${u} 显示（1 bit = ${f} ${u}）。`,
    lastDraws: '最近抽到',
    badSeed: '随机种子必须是 0 到 9007199254740991 之间的整数。',
    legendMean: '平均码长（Q 的霍夫曼码）',
    legendIdeal: '平均码长（理想码长 −log₂ q）',
    idealNow: (m, u) => `理想码长 −log₂ q 的平均：${m} ${u}`,
    legendL: 'Σ p·len_Q',
    legendH: 'H(P,Q)',
    xAxis: '抽样次数（对数刻度）',
  },
};

const DRAW_CHOICES = [10, 100, 1000, 10000];
const MAX_SEED = 9007199254740991;
const BITS_TO = { bit: 1, nat: Math.LN2, hartley: Math.LOG10E * Math.LN2 };
const UNIT_SYMBOL = { bit: 'bit', nat: 'nat', hartley: 'Hart' };

export const SAMPLING_CSS = `
.sampling { margin-top: 1rem; padding-top: 0.75rem; border-top: 1px solid var(--br-border, #8884); }
.sampling h3 { font-size: 1em; margin: 0 0 0.5rem; }
.sampling .controls { display: flex; flex-wrap: wrap; gap: 0.5rem 0.75rem; align-items: end; }
.sampling label { display: flex; flex-direction: column; font-size: 0.9em; gap: 0.2rem; }
.sampling input, .sampling select { font: inherit; min-height: 44px; box-sizing: border-box; }
.sampling input { width: 9.5em; }
.sampling .readout { margin: 0.5rem 0 0.25rem; font-variant-numeric: tabular-nums; }
.sampling .readout.targets { margin-top: 0; color: var(--br-muted); }
.sampling .readout .mean { font-weight: 600; }
.sampling .stream { font-family: var(--br-mono, ui-monospace, monospace); font-size: 0.85em;
  overflow-wrap: anywhere; color: var(--br-muted, inherit); min-height: 1.4em; }
.sampling .gap, .sampling .unit-note { font-size: 0.9em; color: var(--br-muted, inherit); margin: 0.35rem 0; }
.sampling .warn { color: var(--br-error, #b91c1c); }
.sampling svg { display: block; width: 100%; overflow: visible; }
.sampling svg text { fill: var(--br-muted, currentColor); font-size: 11px; }
.sampling .mean-line { fill: none; stroke: var(--br-accent, #2563eb); stroke-width: 2; }
.sampling .ideal-line { fill: none; stroke: var(--br-fg, currentColor); stroke-width: 1.25; opacity: 0.7; }
.sampling .readout.ideal-line-text { margin-top: 0; }
.sampling .legend .i i { border-top: 1.5px solid var(--br-fg, currentColor); opacity: 0.7; }
.sampling .l-line { stroke: var(--br-accent-2, #d97706); stroke-width: 2; stroke-dasharray: 6 4; }
.sampling .h-line { stroke: var(--br-fg, currentColor); stroke-width: 1.5; stroke-dasharray: 2 3; }
.sampling .axis { stroke: var(--br-border, #8888); }
.sampling .legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; font-size: 0.85em; margin: 0; padding: 0; list-style: none; }
.sampling .legend i { display: inline-block; width: 1.6em; height: 0; vertical-align: middle; margin-right: 0.35em; border-top: 2px solid var(--br-accent, #2563eb); }
.sampling .legend .l i { border-top: 2px dashed var(--br-accent-2, #d97706); }
.sampling .legend .h i { border-top: 2px dotted var(--br-fg, currentColor); }
.sampling .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.sampling .field-error { color: var(--br-error, #b91c1c); font-size: 0.85em; }
`;

function el(tag, attrs = {}, parent = null) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v);
  }
  if (parent) parent.append(node);
  return node;
}

/** Parses a seed as typed: a whole number 0 … 2^53−1, else null. */
export function parseSeed(text) {
  const s = String(text ?? '').trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (!/^\d{1,16}$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) && n <= MAX_SEED ? n : null;
}

let panelCount = 0;

export class SamplingPanel {
  constructor({ lang = 'zh', seed = 1, draws = 1000, onSeed = null, onDraws = null } = {}) {
    this._lang = lang === 'en' ? 'en' : 'zh';
    this._seed = seed;
    this._draws = DRAW_CHOICES.includes(draws) ? draws : 1000;
    this._onSeed = onSeed;
    this._onDraws = onDraws;
    this._model = null;
    this._run = null;        // { outcomes, runningMean, crossCodeLength } from the core
    this._shown = 0;         // draws shown so far
    this._frame = 0;
    this._id = `bit-sampling-${++panelCount}`;
    this._build();
    this._renderText();
  }

  get seed() { return this._seed; }
  set seed(value) {
    const n = typeof value === 'number' ? value : parseSeed(value);
    if (n === null || !Number.isSafeInteger(n) || n < 0) {
      // Set from outside (attribute) with a bad value: show it and why; keep the last good seed.
      this._seedInput.value = String(value ?? '');
      this._seedError.textContent = TEXT[this._lang].badSeed;
      this._seedInput.setAttribute('aria-invalid', 'true');
      return;
    }
    this._seed = n;
    this._seedInput.value = String(n);
    this._seedError.textContent = '';
    this._seedInput.removeAttribute('aria-invalid');
    this._reset();
  }

  get draws() { return this._draws; }
  set draws(value) {
    const n = Number(value);
    if (!DRAW_CHOICES.includes(n)) return;
    this._draws = n;
    this._drawsSelect.value = String(n);
    this._reset();
  }

  /** The finished run's numbers (in the element's unit), or null before a run. */
  get state() {
    if (!this._run) return null;
    const f = BITS_TO[this._unit()];
    return {
      seed: this._seed,
      draws: this._run.runningMean.length,
      shown: this._shown,
      outcomes: Array.from(this._run.outcomes),
      mean: this._shown > 0 ? this._run.runningMean[this._shown - 1] * f : NaN,
      idealMean: this._shown > 0 ? this._run.idealMean[this._shown - 1] * f : NaN,
      settlesOn: this._run.crossCodeLength * f,
    };
  }

  setLang(lang) {
    this._lang = lang === 'en' ? 'en' : 'zh';
    this._renderText();
    this._renderRun();
  }

  /**
   * New P, Q (probabilities), labels, unit and the numbers to compare with (in the unit);
   * codeQ / codeP are api.huffman results (lengths in bits). Stops a running animation.
   */
  setModel(model) {
    this._model = model;
    this._reset();
  }

  /** Draws with the current seed and animates (or jumps to the end under reduced motion). */
  run() {
    this._stop();
    const m = this._model;
    if (!m || !m.api) return;
    const missing = this._missingCodeword();
    if (missing >= 0) { this._renderRun(); return; }
    try {
      this._run = m.api.sampleCoding(m.p, m.q, { n: this._draws, seed: this._seed, normalize: true });
      // The same draws written with ideal (fractional) lengths −log₂ q: their running average
      // settles on H(P,Q) itself. Lengths from the core's surprisal, one per outcome.
      const ideal = m.q.map((qi) => (qi > 0 ? m.api.surprisal(qi, 2) : Infinity));
      const idealMean = new Float64Array(this._run.outcomes.length);
      let sum = 0;
      for (let i = 0; i < idealMean.length; i++) {
        sum += ideal[this._run.outcomes[i]];
        idealMean[i] = sum / (i + 1);
      }
      this._run = { ...this._run, idealMean };
    } catch (error) {
      this._run = null;
      this._status.textContent = error && error.message ? String(error.message) : '';
      return;
    }
    this._shown = 0;
    this.element.dataset.state = 'running';
    const reduce = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (reduce || typeof requestAnimationFrame !== 'function') { this.finish(); return; }
    // Reveal draws exponentially in time: on the log-scaled x axis the line grows steadily, and
    // the first few noisy draws are slow enough to follow.
    const total = this._run.runningMean.length;
    const duration = 2400;
    const start = performance.now();
    const tick = (now) => {
      const f = Math.min(1, (now - start) / duration);
      this._shown = Math.max(1, Math.min(total, Math.round(total ** f)));
      this._renderRun();
      if (f < 1) this._frame = requestAnimationFrame(tick);
      else this.finish();
    };
    this._frame = requestAnimationFrame(tick);
  }

  /** Jumps to the end of the current run. */
  finish() {
    this._stop();
    if (!this._run) return;
    this._shown = this._run.runningMean.length;
    this.element.dataset.state = 'done';
    this._renderRun();
    const s = this.state;
    const t = TEXT[this._lang];
    const u = UNIT_SYMBOL[this._unit()];
    this._status.textContent = t.announce(s.shown, formatNumber(s.mean), formatNumber(s.settlesOn), u);
  }

  destroy() {
    this._stop();
    if (this._unobserve) this._unobserve();
  }

  // ---------------------------------------------------------------- internals

  _unit() { return (this._model && BITS_TO[this._model.unit] !== undefined) ? this._model.unit : 'bit'; }

  _stop() {
    if (this._frame && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(this._frame);
    this._frame = 0;
  }

  _reset() {
    this._stop();
    this._run = null;
    this._shown = 0;
    this.element.dataset.state = 'idle';
    this._status.textContent = '';
    this._renderRun();
  }

  // Index of an outcome P can draw that Q's code cannot write (q = 0 where p > 0), or −1.
  _missingCodeword() {
    const m = this._model;
    if (!m) return -1;
    return m.p.findIndex((pi, i) => pi > 0 && !(m.q[i] > 0));
  }

  _build() {
    const root = el('section', { class: 'sampling', 'aria-labelledby': `${this._id}-title`, 'data-state': 'idle' });
    this.element = root;
    this._title = el('h3', { id: `${this._id}-title` }, root);
    const controls = el('div', { class: 'controls' }, root);

    const seedLabel = el('label', {}, controls);
    this._seedText = el('span', {}, seedLabel);
    this._seedInput = el('input', {
      type: 'text', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false',
      class: 'seed', 'aria-describedby': `${this._id}-seed-error`,
    }, seedLabel);
    this._seedInput.value = String(this._seed);
    this._seedError = el('span', { class: 'field-error', id: `${this._id}-seed-error`, 'aria-live': 'polite' }, seedLabel);
    this._seedInput.addEventListener('input', () => {
      const n = parseSeed(this._seedInput.value);
      if (n === null) {
        this._seedError.textContent = TEXT[this._lang].badSeed;
        this._seedInput.setAttribute('aria-invalid', 'true');
        return; // keep the last good seed; what was typed stays in the field
      }
      this._seedError.textContent = '';
      this._seedInput.removeAttribute('aria-invalid');
      this._seed = n;
      this._reset();
      if (this._onSeed) this._onSeed(n);
    });
    this._seedInput.addEventListener('keydown', (e) => { if (e.key === 'Enter') this.run(); });

    const drawsLabel = el('label', {}, controls);
    this._drawsText = el('span', {}, drawsLabel);
    this._drawsSelect = el('select', { class: 'draws' }, drawsLabel);
    for (const n of DRAW_CHOICES) el('option', { value: String(n), text: String(n) }, this._drawsSelect);
    this._drawsSelect.value = String(this._draws);
    this._drawsSelect.addEventListener('change', () => {
      this._draws = Number(this._drawsSelect.value);
      this._reset();
      if (this._onDraws) this._onDraws(this._draws);
    });

    this._drawButton = el('button', { type: 'button', class: 'draw' }, controls);
    this._drawButton.addEventListener('click', () => this.run());
    this._skipButton = el('button', { type: 'button', class: 'skip' }, controls);
    this._skipButton.addEventListener('click', () => {
      if (!this._run) this.run();
      this.finish();
    });

    this._readout = el('p', { class: 'readout' }, root);
    this._readMean = el('span', { class: 'mean' }, this._readout);
    this._readIdeal = el('span', { class: 'ideal' }, el('p', { class: 'readout ideal-line-text' }, root));
    const targets = el('p', { class: 'readout targets' }, root);
    this._readTarget = el('span', { class: 'target' }, targets);
    targets.append(' · ');
    this._readCe = el('span', { class: 'ce' }, targets);

    this._chartBox = el('div', { class: 'chart-box' }, root);
    this._chart = createChart(this._chartBox, { height: 180, className: 'sampling-chart' });
    const svg = this._chart.svg;
    this._axisX = svgEl('line', { class: 'axis' }, svg);
    this._axisY = svgEl('line', { class: 'axis' }, svg);
    this._hLine = svgEl('line', { class: 'h-line' }, svg);
    this._lLine = svgEl('line', { class: 'l-line' }, svg);
    this._idealPath = svgEl('path', { class: 'ideal-line' }, svg);
    this._meanPath = svgEl('path', { class: 'mean-line' }, svg);
    this._yTop = svgEl('text', { x: 2, y: 12 }, svg);
    this._yZero = svgEl('text', { x: 2, y: 0 }, svg);
    this._xLabel = svgEl('text', { 'text-anchor': 'end' }, svg);
    this._unobserve = observeWidth(this._chartBox, (w) => { this._chart.resize(w); this._renderRun(); });

    this._legend = el('ul', { class: 'legend', 'aria-hidden': 'true' }, root);
    this._legendMean = el('li', { class: 'm' }, this._legend);
    this._legendIdeal = el('li', { class: 'i' }, this._legend);
    this._legendL = el('li', { class: 'l' }, this._legend);
    this._legendH = el('li', { class: 'h' }, this._legend);

    this._streamLabel = el('p', { class: 'stream' }, root);
    this._gap = el('p', { class: 'gap' }, root);
    this._unitNote = el('p', { class: 'unit-note' }, root);
    this._status = el('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' }, root);
  }

  _renderText() {
    const t = TEXT[this._lang];
    setText(this._title, t.title);
    setText(this._seedText, t.seed);
    setText(this._drawsText, t.draws);
    setText(this._drawButton, t.draw);
    setText(this._skipButton, t.skip);
    for (const [li, text] of [[this._legendMean, t.legendMean], [this._legendIdeal, t.legendIdeal], [this._legendL, t.legendL], [this._legendH, t.legendH]]) {
      li.textContent = '';
      li.append(document.createElement('i'), text);
    }
    if (this._seedError.textContent) this._seedError.textContent = t.badSeed;
  }

  _renderRun() {
    const t = TEXT[this._lang];
    const m = this._model;
    const unit = this._unit();
    const u = UNIT_SYMBOL[unit];
    const f = BITS_TO[unit];
    if (!m) return;
    const missing = this._missingCodeword();
    this._drawButton.disabled = missing >= 0;
    this._skipButton.disabled = missing >= 0;
    const label = (m.labels && m.labels[missing]) || `#${missing + 1}`;
    // Σ p·len_Q from the core (api.expectedCodeLength, in bits), converted to the unit.
    const settle = missing < 0 && Number.isFinite(m.codeLengthQ) ? m.codeLengthQ * f : Infinity;
    setText(this._readTarget, t.target(formatNumber(settle), u));
    setText(this._readCe, t.ce(formatNumber(m.crossEntropy), u));
    setText(this._unitNote, unit === 'bit' ? '' : t.unitNote(formatNumber(f), u));
    this._gap.classList.toggle('warn', missing >= 0);
    if (missing >= 0) {
      setText(this._gap, t.noCode(this._lang === 'zh' ? `「${label}」` : `“${label}”`));
    } else {
      const gap = settle - m.crossEntropy;
      if (Math.abs(gap) <= 1e-12 * Math.max(1, settle)) setText(this._gap, t.gapExact);
      else if (gap > 0) setText(this._gap, t.gapAbove(formatNumber(gap), u));
      else setText(this._gap, t.gapBelow(formatNumber(-gap), u));
    }

    const run = this._run;
    const shown = run ? this._shown : 0;
    const mean = shown > 0 ? run.runningMean[shown - 1] * f : NaN;
    setText(this._readMean, shown > 0 ? t.drawn(shown, formatNumber(mean), u) : t.idle);
    setText(this._readIdeal, shown > 0 ? t.idealNow(formatNumber(run.idealMean[shown - 1] * f), u) : '');

    // The last few draws as "label→codeword".
    if (shown > 0 && m.codeQ) {
      const from = Math.max(0, shown - 8);
      const parts = [];
      for (let i = from; i < shown; i++) {
        const k = run.outcomes[i];
        parts.push(`${(m.labels && m.labels[k]) || `#${k + 1}`}→${m.codeQ.codewords[k]}`);
      }
      setText(this._streamLabel, `${t.lastDraws}: ${from > 0 ? '… ' : ''}${parts.join(' ')}`);
    } else {
      setText(this._streamLabel, '');
    }

    // Chart: x = draws on a log scale, y = average code length (in the unit).
    const { width, height } = this._chart;
    const pad = { l: 34, r: 8, t: 14, b: 22 };
    const total = run ? run.runningMean.length : this._draws;
    const x = scaleLog().domain([1, Math.max(10, total)]).range([pad.l, width - pad.r]);
    let yMax = Number.isFinite(settle) ? Math.max(settle, m.crossEntropy) : 1;
    if (shown > 0) for (let i = 0; i < shown; i++) yMax = Math.max(yMax, run.runningMean[i] * f, run.idealMean[i] * f);
    if (!Number.isFinite(yMax) || yMax <= 0) yMax = 1;
    const y = scaleLinear().domain([0, yMax * 1.1]).range([height - pad.b, pad.t]);
    setAttr(this._axisX, 'x1', pad.l); setAttr(this._axisX, 'x2', width - pad.r);
    setAttr(this._axisX, 'y1', height - pad.b); setAttr(this._axisX, 'y2', height - pad.b);
    setAttr(this._axisY, 'x1', pad.l); setAttr(this._axisY, 'x2', pad.l);
    setAttr(this._axisY, 'y1', pad.t); setAttr(this._axisY, 'y2', height - pad.b);
    const hLine = (node, value) => {
      const ok = Number.isFinite(value);
      setAttr(node, 'visibility', ok ? 'visible' : 'hidden');
      if (!ok) return;
      setAttr(node, 'x1', pad.l); setAttr(node, 'x2', width - pad.r);
      setAttr(node, 'y1', y(value).toFixed(1)); setAttr(node, 'y2', y(value).toFixed(1));
    };
    hLine(this._lLine, settle);
    hLine(this._hLine, Number.isFinite(m.crossEntropy) ? m.crossEntropy : NaN);
    if (shown > 0) {
      // At most ~2 points per pixel: thin the path for 10,000 draws.
      const step = Math.max(1, Math.floor(shown / (width * 2)));
      let d = '';
      for (let i = 0; i < shown; i += step) {
        d += `${i === 0 ? 'M' : 'L'}${x(i + 1).toFixed(1)},${y(run.runningMean[i] * f).toFixed(1)}`;
      }
      d += `L${x(shown).toFixed(1)},${y(run.runningMean[shown - 1] * f).toFixed(1)}`;
      setAttr(this._meanPath, 'd', d);
      let di = '';
      for (let i = 0; i < shown; i += step) {
        di += `${i === 0 ? 'M' : 'L'}${x(i + 1).toFixed(1)},${y(run.idealMean[i] * f).toFixed(1)}`;
      }
      di += `L${x(shown).toFixed(1)},${y(run.idealMean[shown - 1] * f).toFixed(1)}`;
      setAttr(this._idealPath, 'd', di);
    } else {
      setAttr(this._meanPath, 'd', '');
      setAttr(this._idealPath, 'd', '');
    }
    setText(this._yTop, `${formatNumber(yMax * 1.1, { decimals: 2 })} ${u}`);
    setAttr(this._yZero, 'y', height - pad.b);
    setText(this._yZero, '0');
    setAttr(this._xLabel, 'x', width - pad.r); setAttr(this._xLabel, 'y', height - 4);
    setText(this._xLabel, `${t.xAxis} → ${total}`);
    setAttr(this._chart.svg, 'aria-label', t.chartLabel(shown, formatNumber(mean), formatNumber(settle), formatNumber(m.crossEntropy), u));
  }
}
