// <bit-ruler p="gaussian:10,3" q="poisson:8" naturals="true">: one ruler for different families.
// A Gaussian's (mu, sigma) and a Poisson's lambda cannot be compared, but D(P‖Q) and D(Q‖P) can:
// both are drawn on the integers (the Gaussian binned to [k − ½, k + ½), its mass accounted for
// exactly by the C++ core), both KL values are shown, a button fits the Poisson λ minimizing
// D(P‖Q) (λ* = E_P[k]), and for two Gaussians the closed form sits next to the numeric sums.
// Result { kl, klReverse, unit, p, q, naturals, fittedLambda?, fittedKl?, closedForm?, binnedSum? }.
//
// Attributes: p, q = "<kind>:<params>" with kind gaussian (mu,sigma) | poisson (lambda) |
// binomial (n,p) | geometric (p); naturals = "true" | "false" (restrict Gaussians to k ≥ 0);
// unit, lang as for every element.
import { BitElement, defineElement } from './base.js';
import { errorMessage } from './i18n.js';
import { renderTex } from './katex.js';
import { formatNumber, formatPlain, parseNumber, texNumber } from './format.js';
import {
  createChart, observeWidth, scaleLinear, setText, svgEl,
} from './chart.js';

const KINDS = ['gaussian', 'poisson', 'binomial', 'geometric'];
const PARAMS = { gaussian: ['mu', 'sigma'], poisson: ['lambda'], binomial: ['n', 'p'], geometric: ['p'] };
const DEFAULTS = { gaussian: ['10', '3'], poisson: ['8'], binomial: ['20', '0.4'], geometric: ['0.15'] };
const DEFAULT_P = 'gaussian:10,3';
const DEFAULT_Q = 'poisson:8';
const MAX_COLUMNS_AS_BARS = 70;

/** "gaussian:10,3" → { kind, texts: ['10', '3'] } (null when the kind is unknown). */
function parseSpec(spec) {
  const m = /^\s*([a-z]+)\s*[:(]\s*([^)]*)\)?\s*$/i.exec(String(spec ?? ''));
  if (!m) return null;
  const kind = m[1].toLowerCase();
  if (!KINDS.includes(kind)) return null;
  const texts = m[2].split(/[,，、]/).map((s) => s.trim());
  const need = PARAMS[kind].length;
  while (texts.length < need) texts.push('');
  return { kind, texts: texts.slice(0, need) };
}

const specText = (side) => `${side.kind}:${side.texts.join(',')}`;

const CSS = `
.sides { display: grid; grid-template-columns: 1fr auto 1fr; gap: 10px; align-items: start; }
@media (max-width: 620px) { .sides { grid-template-columns: 1fr; } .swap { justify-self: start; } }
.side { display: grid; gap: 8px; padding: 10px; border-radius: calc(var(--br-radius) * 0.7); background: var(--br-surface); min-width: 0; }
.side h4 { margin: 0; font-size: 1em; }
.side.p h4 { color: var(--br-accent); }
.side.q h4 { color: var(--br-accent-2); }
.side .params { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; align-items: start; }
.side .params .field[hidden] { display: none; }
select { min-height: 44px; padding: 0 8px; border: 1px solid var(--br-border); border-radius: calc(var(--br-radius) * 0.7); background: var(--br-bg); width: 100%; }
.swap { align-self: center; }
.check { display: flex; gap: 8px; align-items: center; min-height: 44px; }
.check input { width: 22px; height: 22px; accent-color: var(--br-accent); }
.results { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; }
@media (max-width: 480px) { .results { grid-template-columns: 1fr; } }
.res { padding: 10px 12px; border-radius: calc(var(--br-radius) * 0.7); background: var(--br-surface); min-width: 0; }
.res .big { white-space: nowrap; }
.res.rev .big { color: var(--br-accent-2); }
.res.fwd .big { color: var(--br-accent); }
.why { color: var(--br-error); }
.why:empty, .fit-out:empty, .gg:empty { display: none; }
.fit-out { padding: 10px 12px; border-left: 4px solid var(--br-accent); background: var(--br-surface); border-radius: 6px; }
.gg { display: grid; gap: 6px; }
.gg table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
.gg td, .gg th { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--br-border); }
.legend { display: flex; gap: 14px; flex-wrap: wrap; font-size: 0.9em; }
.legend span::before { content: ''; display: inline-block; width: 12px; height: 12px; margin-right: 6px; vertical-align: -1px; border-radius: 2px; }
.legend .lp::before { background: var(--br-accent); }
.legend .lq::before { background: var(--br-accent-2); }
svg .pbar { fill: var(--br-accent); }
svg .qbar { fill: var(--br-accent-2); }
svg .pline { fill: none; stroke: var(--br-accent); stroke-width: 2; }
svg .qline { fill: none; stroke: var(--br-accent-2); stroke-width: 2; }
`;

const NAMES = {
  zh: { gaussian: '高斯（正态）', poisson: '泊松', binomial: '二项', geometric: '几何' },
  en: { gaussian: 'Gaussian (normal)', poisson: 'Poisson', binomial: 'Binomial', geometric: 'Geometric' },
};

const MESSAGES = {
  zh: {
    title: '一把尺子量不同的分布：高斯 vs 泊松',
    intro: '高斯的 (μ, σ) 和泊松的 λ 没法直接比较；但把两者都放到整数上，KL 散度就能给出一个共同的读数。',
    sideP: 'P（数据的分布）', sideQ: 'Q（模型）', kind: '分布族',
    mu: '均值 μ', sigma: '标准差 σ', lambda: '速率 λ', n: '试验次数 n', p: '成功概率 p',
    swap: '交换 P ⇄ Q', swapAria: '交换 P 和 Q',
    naturals: '把高斯限制在 k ≥ 0（去掉负整数上的质量并重新归一化）',
    fwd: 'D(P‖Q)：数据来自 P，用 Q 去描述', rev: 'D(Q‖P)：反过来',
    fit: '拟合泊松 λ', fitAria: '找出使 D(P‖Q) 最小的泊松 λ',
    fitOut: (p) => `使 D(P‖Poisson(λ)) 最小的 λ* = E_P[k] = ${p.lambda}，此时 D = ${p.kl} ${p.u}。Q 已设为 Poisson(λ*)。`,
    fitNone: '无法拟合：P 在负整数上有质量，而任何泊松分布在那里都是 0，D(P‖Q) 对每个 λ 都是 ∞。勾选“限制在 k ≥ 0”或把 P 右移。',
    infNeg: (p) => `∞：P 在负整数上有质量（合计 ${p.mass}），Q 在那里是 0。勾选上面的“限制在 k ≥ 0”可以比较两者的形状。`,
    infFwd: (p) => `∞：P 在 k = ${p.k} 处有质量，Q 在那里是 0（例如二项分布在 k > n 处为 0）。`,
    infRev: (p) => `D(Q‖P) = ∞：Q 在 k = ${p.k} 处有质量，P 在那里是 0。`,
    negMass: (p) => `P 在负整数上的质量 ${p.mass}${p.removed ? '（已去掉并重新归一化）' : ''}`,
    ggTitle: '两个高斯：闭式解与数值求和',
    ggClosed: '闭式解（连续）', ggFine: (p) => `细分箱求和（箱宽 ${p.h}）`, ggInt: '整数箱求和（上图）',
    ggNote: '把连续分布离散化只会丢失信息，所以数值和从下方逼近闭式解，箱越细越接近。',
    chartLabel: (p) => `P 和 Q 在整数上的概率质量，k 从 ${p.lo} 到 ${p.hi}`,
    legendP: 'P', legendQ: 'Q',
    announce: (p) => `D(P‖Q) = ${p.kl}，D(Q‖P) = ${p.rev} ${p.u}`,
    presetGP: '高斯 vs 泊松', presetGG: '两个高斯', presetBP: '二项 vs 泊松（小概率定律）', presetGeo: '几何 vs 泊松',
    err_mu: '均值 μ 必须是 −10⁹ 到 10⁹ 之间的有限数，例如 10。',
    err_sigma: '标准差 σ 必须大于 0（范围 0.001 到 100000），例如 3。',
    err_lambda: '速率 λ 不能小于 0（范围 0 到 10⁹），例如 8。',
    err_n: '试验次数 n 必须是 0 到 10⁹ 之间的整数，例如 20。',
    err_p: '成功概率 p 必须在 0 到 1 之间（几何分布要求 p ≥ 0.0001），例如 0.4。',
    err_empty: '这里还空着：请输入一个数。',
    err_spec: (p) => `无法识别分布「${p.input}」：请写成 gaussian:10,3、poisson:8、binomial:20,0.4 或 geometric:0.2。`,
    err_parse: (p) => `无法识别「${p.input}」：请输入一个数，例如 3 或 2.5。`,
  },
  en: {
    title: 'One ruler for different families: Gaussian vs Poisson',
    intro: 'A Gaussian’s (μ, σ) and a Poisson’s λ cannot be compared directly; put both on the integers and the KL divergence gives one common reading.',
    sideP: 'P (the data’s distribution)', sideQ: 'Q (the model)', kind: 'Family',
    mu: 'Mean μ', sigma: 'Std. deviation σ', lambda: 'Rate λ', n: 'Trials n', p: 'Success probability p',
    swap: 'Swap P ⇄ Q', swapAria: 'Swap P and Q',
    naturals: 'Restrict Gaussians to k ≥ 0 (drop the mass on negative integers and renormalize)',
    fwd: 'D(P‖Q): data from P, described by Q', rev: 'D(Q‖P): the other way round',
    fit: 'Fit Poisson λ', fitAria: 'Find the Poisson λ minimizing D(P‖Q)',
    fitOut: (p) => `The λ minimizing D(P‖Poisson(λ)) is λ* = E_P[k] = ${p.lambda}, where D = ${p.kl} ${p.u}. Q is now Poisson(λ*).`,
    fitNone: 'No fit: P has mass on negative integers, where every Poisson is 0, so D(P‖Q) = ∞ for every λ. Tick “restrict to k ≥ 0” or move P to the right.',
    infNeg: (p) => `∞: P has mass on negative integers (${p.mass} in all) where Q has none. Tick “restrict to k ≥ 0” above to compare the shapes.`,
    infFwd: (p) => `∞: P has mass at k = ${p.k} where Q has none (a binomial is 0 above n, for instance).`,
    infRev: (p) => `D(Q‖P) = ∞: Q has mass at k = ${p.k} where P has none.`,
    negMass: (p) => `Mass of P on negative integers: ${p.mass}${p.removed ? ' (dropped and renormalized)' : ''}`,
    ggTitle: 'Two Gaussians: closed form and numeric sums',
    ggClosed: 'Closed form (continuous)', ggFine: (p) => `Sum over fine bins (width ${p.h})`, ggInt: 'Sum over integer bins (chart)',
    ggNote: 'Discretizing a continuous distribution can only lose information, so the sums approach the closed form from below as the bins get finer.',
    chartLabel: (p) => `Probability masses of P and Q on the integers from ${p.lo} to ${p.hi}`,
    legendP: 'P', legendQ: 'Q',
    announce: (p) => `D(P‖Q) = ${p.kl}, D(Q‖P) = ${p.rev} ${p.u}`,
    presetGP: 'Gaussian vs Poisson', presetGG: 'Two Gaussians', presetBP: 'Binomial vs Poisson (law of rare events)', presetGeo: 'Geometric vs Poisson',
    err_mu: 'The mean μ must be a finite number between −10⁹ and 10⁹, e.g. 10.',
    err_sigma: 'The standard deviation σ must be greater than 0 (from 0.001 to 100000), e.g. 3.',
    err_lambda: 'The rate λ cannot be below 0 (from 0 to 10⁹), e.g. 8.',
    err_n: 'The number of trials n must be a whole number from 0 to 10⁹, e.g. 20.',
    err_p: 'The success probability p must lie between 0 and 1 (a geometric needs p ≥ 0.0001), e.g. 0.4.',
    err_empty: 'This field is empty: type a number.',
    err_spec: (p) => `Unknown distribution “${p.input}”: write gaussian:10,3, poisson:8, binomial:20,0.4 or geometric:0.2.`,
    err_parse: (p) => `Could not read “${p.input}”: type a number such as 3 or 2.5.`,
  },
};

const PRESETS = [
  { key: 'presetGP', p: 'gaussian:10,3', q: 'poisson:8', naturals: true },
  { key: 'presetGG', p: 'gaussian:0,1', q: 'gaussian:1,2', naturals: false },
  { key: 'presetBP', p: 'binomial:100,0.03', q: 'poisson:3', naturals: true },
  { key: 'presetGeo', p: 'geometric:0.2', q: 'poisson:4', naturals: true },
];

export class BitRuler extends BitElement {
  static observedAttributes = [...BitElement.observedAttributes, 'p', 'q', 'naturals'];

  static styles = CSS;

  static messages = MESSAGES;

  sides = { p: parseSpec(DEFAULT_P), q: parseSpec(DEFAULT_Q) };

  naturals = true;

  fit = null; // { lambda, kl, forP: spec text }

  // ------------------------------------------------------------ errors with this element's words
  // Parameters are not probabilities, so the shared messages ("a probability lies between 0 and
  // 1") would mislead: a field error carries params.field and gets its own sentence.
  errorText(code, params) {
    const field = params && params.field;
    if (field) {
      if (field === 'spec') return this.t('err_spec', { input: String(params.input ?? '').slice(0, 40) });
      if (code === 'EMPTY') return this.t('err_empty');
      if (code === 'PARSE' || code === 'TYPE') return this.t('err_parse', { input: String(params.input ?? '').slice(0, 24) });
      return this.t(`err_${field}`);
    }
    return errorMessage(this.lang, code, params);
  }

  // ------------------------------------------------------------ DOM
  build(body) {
    const h = document.createElement('h3');
    h.dataset.i18n = 'title';
    const intro = document.createElement('p');
    intro.className = 'muted small';
    intro.dataset.i18n = 'intro';

    const presets = this.makePresets(PRESETS, (preset) => this.applyPreset(preset), { pressed: false }).element;

    const sides = document.createElement('div');
    sides.className = 'sides';
    this.ui = { p: this.buildSide('p'), q: this.buildSide('q') };
    this.swapButton = document.createElement('button');
    this.swapButton.type = 'button';
    this.swapButton.className = 'swap';
    this.swapButton.dataset.i18n = 'swap';
    this.swapButton.dataset.i18nAria = 'swapAria';
    this.listen(this.swapButton, 'click', () => this.swap());
    sides.append(this.ui.p.box, this.swapButton, this.ui.q.box);

    const check = document.createElement('label');
    check.className = 'check small';
    this.naturalsBox = document.createElement('input');
    this.naturalsBox.type = 'checkbox';
    this.naturalsBox.checked = this.naturals;
    const checkText = document.createElement('span');
    checkText.dataset.i18n = 'naturals';
    check.append(this.naturalsBox, checkText);
    this.listen(this.naturalsBox, 'change', () => {
      this.naturals = this.naturalsBox.checked;
      this.reflect('naturals', String(this.naturals));
      this.requestUpdate();
    });

    const legend = document.createElement('div');
    legend.className = 'legend';
    legend.setAttribute('aria-hidden', 'true');
    this.legendP = document.createElement('span');
    this.legendP.className = 'lp';
    this.legendQ = document.createElement('span');
    this.legendQ.className = 'lq';
    legend.append(this.legendP, this.legendQ);
    const chartBox = document.createElement('div');
    chartBox.className = 'chart-box';
    this.chart = createChart(chartBox, { height: 200, className: 'ruler-chart' });
    observeWidth(chartBox, (w) => { this.chart.resize(w); this.draw(); });

    this.negMass = document.createElement('p');
    this.negMass.className = 'muted small';

    const results = document.createElement('div');
    results.className = 'results';
    const mk = (cls, key) => {
      const box = document.createElement('div');
      box.className = `res ${cls}`;
      const label = document.createElement('div');
      label.className = 'small muted';
      label.dataset.i18n = key;
      const big = document.createElement('div');
      big.className = 'big';
      big.setAttribute('aria-live', 'off');
      const why = document.createElement('p');
      why.className = 'why small';
      box.append(label, big, why);
      results.append(box);
      return { big, why };
    };
    this.out = { fwd: mk('fwd', 'fwd'), rev: mk('rev', 'rev') };

    const fitRow = document.createElement('div');
    fitRow.className = 'row';
    this.fitButton = document.createElement('button');
    this.fitButton.type = 'button';
    this.fitButton.dataset.i18n = 'fit';
    this.fitButton.dataset.i18nAria = 'fitAria';
    this.listen(this.fitButton, 'click', () => this.fitPoisson());
    fitRow.append(this.fitButton);
    this.formula = document.createElement('div');
    this.formula.className = 'formula';
    this.fitOut = document.createElement('p');
    this.fitOut.className = 'fit-out';
    this.fitOut.setAttribute('role', 'status');

    this.gg = document.createElement('div');
    this.gg.className = 'gg';
    this.ggTitle = document.createElement('h4');
    this.ggTitle.style.margin = '0';
    this.ggTex = document.createElement('div');
    this.ggTex.className = 'formula';
    this.ggTex2 = document.createElement('div');
    this.ggTex2.className = 'formula';
    this.ggTex3 = document.createElement('div');
    this.ggTex3.className = 'formula';
    this.ggTable = document.createElement('table');
    this.ggNote = document.createElement('p');
    this.ggNote.className = 'muted small';
    this.gg.append(this.ggTitle, this.ggTex, this.ggTex2, this.ggTex3, this.ggTable, this.ggNote);
    this.gg.hidden = true;

    body.append(h, intro, presets, sides, check, legend, chartBox, this.negMass, results, this.formula, fitRow, this.fitOut, this.gg);
    this.syncSides();
  }

  buildSide(which) {
    const box = document.createElement('div');
    box.className = `side ${which}`;
    const h = document.createElement('h4');
    h.dataset.i18n = which === 'p' ? 'sideP' : 'sideQ';
    const kindId = `${this._uid}-${which}-kind`;
    const kindWrap = document.createElement('div');
    kindWrap.className = 'field';
    const kindLabel = document.createElement('label');
    kindLabel.htmlFor = kindId;
    kindLabel.dataset.i18n = 'kind';
    const select = document.createElement('select');
    select.id = kindId;
    for (const k of KINDS) {
      const o = document.createElement('option');
      o.value = k;
      select.append(o);
    }
    kindWrap.append(kindLabel, select);
    const params = document.createElement('div');
    params.className = 'params';
    const fields = [0, 1].map((i) => {
      const f = this.makeField({ key: `${which}${i}`, inputmode: 'decimal' });
      params.append(f.wrap);
      this.listen(f.input, 'input', () => {
        this.sides[which].texts[i] = f.input.value;
        if (which === 'q') this.fit = null; // the reader moved Q away from the fitted λ
        this.reflect(which, specText(this.sides[which]));
        this.requestUpdate();
      });
      return f;
    });
    this.listen(select, 'change', () => {
      const kind = select.value;
      if (which === 'q') this.fit = null;
      this.sides[which] = { kind, texts: [...DEFAULTS[kind]] };
      this.reflect(which, specText(this.sides[which]));
      this.clearFieldError(`${which}0`);
      this.clearFieldError(`${which}1`);
      this.syncSides();
      this.requestUpdate();
    });
    box.append(h, kindWrap, params);
    return { box, select, fields };
  }

  // Copy state into the controls (after attributes, presets, swap).
  syncSides() {
    if (!this.ui) return;
    for (const which of ['p', 'q']) {
      const side = this.sides[which];
      const ui = this.ui[which];
      ui.select.value = side.kind;
      const names = PARAMS[side.kind];
      ui.fields.forEach((f, i) => {
        f.wrap.hidden = i >= names.length;
        if (i < names.length) {
          f.label.textContent = this.t(names[i]);
          if (f.input.value !== side.texts[i]) f.input.value = side.texts[i];
        }
      });
    }
    this.naturalsBox.checked = this.naturals;
  }

  localize() {
    if (!this.ui) return;
    for (const which of ['p', 'q']) {
      for (const o of this.ui[which].select.options) o.textContent = NAMES[this.lang][o.value];
    }
    this.syncSides();
    setText(this.legendP, `${this.t('legendP')}`);
    setText(this.legendQ, `${this.t('legendQ')}`);
  }

  attributeChanged(name, value) {
    if (name === 'p' || name === 'q') {
      const spec = parseSpec(value == null ? (name === 'p' ? DEFAULT_P : DEFAULT_Q) : value);
      if (spec) {
        this.sides[name] = spec;
        this.clearFieldError(`${name}spec`);
      } else {
        this.setFieldError(`${name}spec`, 'PARSE', { input: value, field: 'spec' });
      }
    } else if (name === 'naturals') {
      this.naturals = value == null ? true : value !== 'false';
    }
    this.syncSides();
  }

  applyPreset(preset) {
    this.sides = { p: parseSpec(preset.p), q: parseSpec(preset.q) };
    this.naturals = preset.naturals;
    this.clearAllErrors();
    this.reflect('p', preset.p);
    this.reflect('q', preset.q);
    this.reflect('naturals', String(preset.naturals));
    this.syncSides();
    this.requestUpdate();
  }

  swap() {
    this.sides = { p: this.sides.q, q: this.sides.p };
    this.clearAllErrors();
    this.reflect('p', specText(this.sides.p));
    this.reflect('q', specText(this.sides.q));
    this.syncSides();
    this.requestUpdate();
  }

  // ------------------------------------------------------------ computing
  // fn() or null after showing its error beside field `key` in this element's words.
  tryField(key, field, input, fn) {
    try {
      const value = fn();
      this.clearFieldError(key);
      return { ok: true, value };
    } catch (e) {
      const code = e && typeof e.code === 'string' ? e.code : 'INTERNAL';
      if (code === 'INTERNAL') this.lastInternalError = e;
      this.setFieldError(key, code, { input, field });
      return { ok: false, code };
    }
  }

  /** The family of one side and its masses, or null after showing the error beside the field. */
  family(which) {
    const side = this.sides[which];
    const names = PARAMS[side.kind];
    const values = [];
    for (let i = 0; i < names.length; i++) {
      const r = this.tryField(`${which}${i}`, names[i], side.texts[i], () => parseNumber(side.texts[i]));
      if (!r.ok) return null;
      values.push(r.value);
    }
    const f = { kind: side.kind };
    names.forEach((n, i) => { f[n] = values[i]; });
    if (f.kind === 'gaussian') f.naturals = this.naturals;
    // The core judges the values (sigma <= 0, lambda < 0, ...); the message names the culprit.
    const bad = this.blame(f);
    const check = this.tryField(`${which}${bad}`, names[bad], side.texts[bad], () => this.api.familyPmf(f));
    if (!check.ok) return null;
    for (let i = 0; i < names.length; i++) this.clearFieldError(`${which}${i}`);
    return { family: f, pmf: check.value };
  }

  // Which parameter of a family the core would refuse first (index into PARAMS[kind]).
  blame(f) {
    if (f.kind === 'gaussian') return Math.abs(f.mu) <= 1e9 ? 1 : 0;
    if (f.kind === 'binomial') return Number.isInteger(f.n) && f.n >= 0 && f.n <= 1e9 ? 1 : 0;
    return 0;
  }

  update() {
    if (!this.ui) return;
    this.localize();
    if (this.unitInvalid) {
      this.setFieldError('_', 'BAD_BASE', { input: this.getAttribute('unit') });
      return;
    }
    this.clearFieldError('_');
    const P = this.family('p');
    const Q = this.family('q');
    if (!P || !Q) return; // last good result and drawing stay
    const base = this.base;
    const r = this.attempt('_', () => ({
      kl: this.api.familyKl(P.family, Q.family, { base }),
      klReverse: this.api.familyKl(Q.family, P.family, { base }),
    }));
    if (!r.ok) return;
    const u = this.unitInfo.symbol;
    const result = { kl: r.value.kl, klReverse: r.value.klReverse, unit: this.unit, p: specText(this.sides.p), q: specText(this.sides.q), naturals: this.naturals };

    // Fitted lambda stays while P is the P it was fitted to.
    if (this.fit && this.fit.forP === `${result.p}|${this.naturals}`) {
      const fitted = this.attempt('_', () => this.api.fitPoisson(P.family, { base }));
      if (fitted.ok) {
        result.fittedLambda = fitted.value.lambda;
        result.fittedKl = fitted.value.kl;
        setText(this.fitOut, this.t('fitOut', { lambda: formatNumber(fitted.value.lambda, { decimals: 6 }), kl: formatNumber(fitted.value.kl), u }));
      }
    } else {
      this.fit = null;
      setText(this.fitOut, '');
    }

    // Two Gaussians: the closed form beside the sums.
    const bothGauss = P.family.kind === 'gaussian' && Q.family.kind === 'gaussian';
    this.gg.hidden = !bothGauss;
    if (bothGauss) {
      const a = P.family, b = Q.family;
      const h = Math.min(a.sigma, b.sigma) / 20;
      const gg = this.attempt('_', () => ({
        closed: this.api.gaussianKl(a.mu, a.sigma, b.mu, b.sigma, { base }),
        fine: this.api.gaussianKl(a.mu, a.sigma, b.mu, b.sigma, { base, binWidth: h }),
      }));
      if (gg.ok) {
        result.closedForm = gg.value.closed;
        result.binnedSum = gg.value.fine;
        result.binWidth = h;
        this.drawGaussians(a, b, gg.value, h, r.value.kl);
      }
    }

    this.result$ = { P, Q };
    this.showResults(result, P, Q);
    this.draw();
    this.commit(result, this.t('announce', { kl: formatNumber(result.kl), rev: formatNumber(result.klReverse), u }));
  }

  showResults(result, P, Q) {
    const u = this.unitInfo.symbol;
    const show = (x) => (x === Infinity ? '∞' : `${formatNumber(x)} ${u}`);
    setText(this.out.fwd.big, show(result.kl));
    const ui = this.unitInfo;
    renderTex(this.formula, `D_{\\mathrm{KL}}(P \\mathrel{\\|} Q) = \\sum_{k} p_k\\, ${ui.log}\\frac{p_k}{q_k} = ${texNumber(result.kl)}${result.kl === Infinity ? '' : `\\ ${ui.tex}`}`);
    setText(this.out.rev.big, show(result.klReverse));
    // Where an infinity comes from.
    const negative = (pmf) => {
      let m = 0;
      for (let i = 0; i < pmf.mass.length && pmf.first + i < 0; i++) m += pmf.mass[i];
      return m;
    };
    const firstOnlyIn = (A, B) => {
      // first k where A has mass and B's window (support) has none
      const bLo = B.pmf.first, bHi = B.pmf.first + B.pmf.mass.length - 1;
      for (let i = 0; i < A.pmf.mass.length; i++) {
        const k = A.pmf.first + i;
        if (A.pmf.mass[i] > 0 && (k < bLo || k > bHi)) return k;
      }
      return null;
    };
    const negP = negative(P.pmf);
    let whyF = '';
    if (result.kl === Infinity) {
      whyF = negP > 0 && Q.family.kind !== 'gaussian'
        ? this.t('infNeg', { mass: formatNumber(negP) })
        : this.t('infFwd', { k: firstOnlyIn(P, Q) ?? '?' });
    }
    setText(this.out.fwd.why, whyF);
    setText(this.out.rev.why, result.klReverse === Infinity ? this.t('infRev', { k: firstOnlyIn(Q, P) ?? '?' }) : '');
    // The Gaussian's negative tail, accounted for.
    let neg = '';
    if (P.family.kind === 'gaussian') {
      const removed = P.family.naturals;
      let m = negP;
      if (removed) {
        const full = this.attempt('_', () => this.api.familyPmf({ ...P.family, naturals: false }));
        m = full.ok ? negative(full.value) : 0;
      }
      neg = this.t('negMass', { mass: formatNumber(m), removed });
    }
    setText(this.negMass, neg);
    this.fitButton.disabled = false;
  }

  drawGaussians(a, b, v, h, integerSum) {
    const u = this.unitInfo;
    const f = (x) => texNumber(x);
    setText(this.ggTitle, this.t('ggTitle'));
    const toUnit = u.base === Math.E ? '' : `\\cdot \\tfrac{1}{\\ln ${u.base === 2 ? 2 : 10}}`;
    // Two display lines (the symbolic form, then the numbers) so that a phone needs no sideways scroll.
    renderTex(this.ggTex, `D = \\Big[\\ln\\frac{\\sigma_2}{\\sigma_1} + \\frac{\\sigma_1^2 + (\\mu_1-\\mu_2)^2}{2\\sigma_2^2} - \\frac12\\Big]${toUnit}`);
    renderTex(this.ggTex2, `= \\Big[\\ln\\frac{${f(b.sigma)}}{${f(a.sigma)}} + \\frac{${f(a.sigma)}^2 + (${f(a.mu)} - ${f(b.mu)})^2}{2\\cdot ${f(b.sigma)}^2} - \\frac12\\Big]${toUnit}`);
    renderTex(this.ggTex3, `= ${f(v.closed)}\\,${u.tex}`);
    this.ggTable.replaceChildren();
    const rows = [
      [this.t('ggClosed'), v.closed],
      [this.t('ggFine', { h: formatNumber(h) }), v.fine],
      [this.t('ggInt'), integerSum],
    ];
    for (const [label, x] of rows) {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.textContent = label;
      const td = document.createElement('td');
      td.textContent = `${x === Infinity ? '∞' : formatNumber(x, { decimals: 6 })} ${u.symbol}`;
      tr.append(th, td);
      this.ggTable.append(tr);
    }
    setText(this.ggNote, this.t('ggNote'));
  }

  fitPoisson() {
    const P = this.family('p');
    if (!P) return;
    const r = this.attempt('_', () => this.api.fitPoisson(P.family, { base: this.base }));
    if (!r.ok) {
      if (r.code === 'OUT_OF_RANGE') {
        this.clearFieldError('_');
        setText(this.fitOut, this.t('fitNone'));
      }
      return;
    }
    this.sides.q = { kind: 'poisson', texts: [formatPlain(r.value.lambda, 12)] };
    this.fit = { forP: `${specText(this.sides.p)}|${this.naturals}` };
    this.reflect('q', specText(this.sides.q));
    this.syncSides();
    this.requestUpdate();
  }

  // ------------------------------------------------------------ chart
  draw() {
    if (!this.result$ || !this.chart) return;
    const { P, Q } = this.result$;
    const chart = this.chart;
    const svg = chart.svg;
    svg.replaceChildren();
    // Show the integers holding all but 1e-6 of either distribution.
    const core = (pmf) => {
      let lo = 0, hi = pmf.mass.length - 1, c = 0;
      while (lo < hi && c + pmf.mass[lo] < 5e-7) c += pmf.mass[lo++];
      c = 0;
      while (hi > lo && c + pmf.mass[hi] < 5e-7) c += pmf.mass[hi--];
      return [pmf.first + lo, pmf.first + hi];
    };
    const [pl, ph] = core(P.pmf);
    const [ql, qh] = core(Q.pmf);
    let lo = Math.min(pl, ql), hi = Math.max(ph, qh);
    if (hi - lo > 4000) { lo = pl; hi = ph; } // far apart: follow P
    const mass = (pmf, k) => {
      const i = k - pmf.first;
      return i >= 0 && i < pmf.mass.length ? pmf.mass[i] : 0;
    };
    const margin = { l: 40, r: 10, t: 10, b: 28 };
    const W = chart.width, H = chart.height;
    const x = scaleLinear().domain([lo - 0.5, hi + 0.5]).range([margin.l, W - margin.r]);
    let ymax = 0;
    for (let k = lo; k <= hi; k++) ymax = Math.max(ymax, mass(P.pmf, k), mass(Q.pmf, k));
    const y = scaleLinear().domain([0, ymax * 1.08 || 1]).range([H - margin.b, margin.t]).nice(4);
    const axis = svgEl('g', { class: 'axis' }, svg);
    for (const t of y.ticks(4)) {
      svgEl('line', { x1: margin.l, x2: W - margin.r, y1: y(t), y2: y(t) }, axis);
      const tx = svgEl('text', { x: margin.l - 4, y: y(t) + 4, 'text-anchor': 'end' }, axis);
      tx.textContent = formatNumber(t, { decimals: 3 });
    }
    for (const t of x.ticks(Math.max(2, Math.floor(W / 70)))) {
      if (!Number.isInteger(t)) continue;
      const tx = svgEl('text', { x: x(t), y: H - 8, 'text-anchor': 'middle' }, axis);
      tx.textContent = String(t);
    }
    svgEl('line', { x1: margin.l, x2: W - margin.r, y1: y(0), y2: y(0), stroke: 'currentColor', 'stroke-opacity': 0.3 }, axis);
    const columns = hi - lo + 1;
    if (columns <= MAX_COLUMNS_AS_BARS) {
      const bw = Math.max(1, (x(1) - x(0)) * 0.4);
      for (let k = lo; k <= hi; k++) {
        const mp = mass(P.pmf, k), mq = mass(Q.pmf, k);
        if (mp > 0) svgEl('rect', { class: 'pbar', x: x(k) - bw, width: bw, y: y(mp), height: Math.max(0, y(0) - y(mp)) }, svg);
        if (mq > 0) svgEl('rect', { class: 'qbar', x: x(k), width: bw, y: y(mq), height: Math.max(0, y(0) - y(mq)) }, svg);
      }
    } else {
      const step = Math.max(1, Math.ceil(columns / 800));
      for (const [pmf, cls] of [[P.pmf, 'pline'], [Q.pmf, 'qline']]) {
        let d = '';
        for (let k = lo; k <= hi; k += step) d += `${d ? 'L' : 'M'}${x(k).toFixed(1)},${y(mass(pmf, k)).toFixed(1)}`;
        svgEl('path', { class: cls, d }, svg);
      }
    }
    svg.setAttribute('aria-label', this.t('chartLabel', { lo, hi }));
  }

  fallback(lang) {
    return lang === 'en'
      ? 'Example: P = Gaussian N(10, 3²) on the integers k ≥ 0, Q = Poisson(8): D(P‖Q) ≈ 0.349 bit, D(Q‖P) ≈ 0.339 bit. The best Poisson is λ* = E_P[k] ≈ 10.0, with D ≈ 0.0143 bit.'
      : '例：P = 整数 k ≥ 0 上的高斯 N(10, 3²)，Q = 泊松(8)：D(P‖Q) ≈ 0.349 bit，D(Q‖P) ≈ 0.339 bit。最合适的泊松是 λ* = E_P[k] ≈ 10.0，此时 D ≈ 0.0143 bit。';
  }
}

defineElement('bit-ruler', BitRuler);
