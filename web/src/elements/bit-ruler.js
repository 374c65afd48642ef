/**
 * <bit-ruler p="gaussian:10,3" q="poisson:8" naturals="true"> — one ruler for different families.
 *
 * A Gaussian's (μ, σ) and a Poisson's λ cannot be compared, but D(P‖Q) and D(Q‖P) can: both
 * distributions are put on the integers (the Gaussian binned to [k − ½, k + ½), its mass accounted
 * for by the core), drawn on one ruler (P blue, Q orange), and both KL directions are shown. "Fit λ"
 * sets Q to the Poisson closest to P (λ* = E_P[k]); two Gaussians show the closed form next to the
 * numeric sums. Families, parameters and the unit are in the folded controls; a bad parameter is
 * reported with its allowed range (from the core's facts) and the last valid picture stays, marked.
 *
 * Wide families (a binomial of 10^9 trials, σ = 10^5) are computed in the lab worker
 * (lab-client.js), never on the main thread, and drawn from at most MAX_BINS bins
 * (model/ruler.js), so no link makes the page wait.
 *
 * `compact`: the opening teaser — the picture and one question, no numbers and no controls.
 *
 * State: p, q ("<kind>:<params>": gaussian:μ,σ | poisson:λ | binomial:n,p | geometric:p), naturals
 * ("true" | "false": Gaussians restricted to k ≥ 0), unit, open.
 * Result: { kl, klReverse, unit, p, q, naturals, fittedLambda?, fittedKl?, closedForm?, binnedSum?, binWidth? }.
 */
import { html, nothing, isServer } from 'lit';
import { BitElement, languagesOf, perFrame } from './base.js';
import { formatNumber, formatCount, formatInteger } from '../shared/format.js';
import { rangeText } from '../shared/i18n.js';
import { readNumber } from '../shared/number.js';
import {
  PARAMS, DEFAULT_TEXTS, SYNC_BIN_VISITS, parseSpec, specText, paramRanges, estimateBins, estimateWork, computeRuler,
} from '../model/ruler.js';
import { labClient } from './lab-client.js';
import { rulerChart, rulerGeometry, NARROW } from './ruler-chart.js';
import F from '../formulas/ruler.tex.js';

const DEFAULTS = { p: 'gaussian:10,3', q: 'poisson:8', naturals: 'true' };
const CONV = { bit: 'convBit', hartley: 'convHartley' };

// A result computed off the main thread travels inside a prerendered element (the prerenderer
// computes it synchronously), so taking over needs no long task: typed arrays as arrays, ∞ as text.
const serialize = (data) => JSON.stringify(data, (k, v) => (v instanceof Float64Array ? Array.from(v) : v === Infinity ? 'Infinity' : v));
const deserialize = (text) => {
  const d = JSON.parse(text, (k, v) => (v === 'Infinity' ? Infinity : v));
  d.bins.p = Float64Array.from(d.bins.p);
  d.bins.q = Float64Array.from(d.bins.q);
  return d;
};

/** λ for the q attribute: six significant digits (a short link; D changes far below what is shown). */
const lambdaText = (x) => String(Number(x.toPrecision(6)));

/**
 * Two distributions on the integers on one ruler, with the KL divergence both ways.
 * @tagname bit-ruler
 * @attr {string} p - P as `kind:parameters`: `gaussian:μ,σ`, `poisson:λ`, `binomial:n,p`, `geometric:p`. Default: gaussian:10,3.
 * @attr {string} q - Q, the same way. Default: poisson:8.
 * @attr {string} naturals - `true` restricts a Gaussian to k ≥ 0 (renormalized); otherwise it also has mass on negative integers.
 * @attr {boolean} compact - Only the picture and the question (the opening teaser): no numbers, no controls.
 * @prop {{ kl: number, klReverse: number, unit: string } | null} result - D(P‖Q) and D(Q‖P) in `unit`. Read-only.
 */
export class BitRuler extends BitElement {
  static properties = {
    ...BitElement.properties,
    p: { reflect: true },
    q: { reflect: true },
    naturals: { reflect: true },
    compact: { type: Boolean, reflect: true },
    pending: { state: true },
  };

  static state = ['p', 'q', 'naturals', ...BitElement.state];

  static languages = languagesOf('ruler');

  static panel = {
    code: () => import('./panels/ruler-panel.js'),
    languages: { zh: () => import('../messages/zh/ruler-panel.js'), en: () => import('../messages/en/ruler-panel.js') },
  };

  /** The article's pair: the first preset the panel offers. */
  static defaultExample = { key: 'presetGP', ...DEFAULTS };

  constructor() {
    super();
    Object.assign(this, DEFAULTS);
    this.compact = false;
    this.pending = false;
    this.drafts = {};        // 'p0', 'p1', 'q0', 'q1' → text typed and not (yet) valid
    this.sides = { p: null, q: null };
    this.families = null;    // { p, q } last valid families
    this.data = null;        // computeRuler output for `dataKey`
    this.dataKey = null;
    this._key = null;
    this._fit = null;        // { forP, q } the fit Q shows, while it stands
    this._fitNone = null;    // the P for which no Poisson fits
    this._dragTo = perFrame((loc, step) => this.moveQ(loc, step));
  }

  get naturalsValue() {
    return String(this.naturals ?? 'true').trim().toLowerCase() !== 'false';
  }

  checkAttributes() {
    const v = this.naturals == null ? 'true' : String(this.naturals).trim().toLowerCase();
    return v === 'true' || v === 'false' ? [] : [this.ignoredNote('naturals', this.naturals, this.t('naturalsAllowed'))];
  }

  errorText(key) {
    const sentence = super.errorText(key);
    const m = /^([pq])(\d)$/.exec(key);
    const kind = m && this.sides[m[1]]?.kind;
    if (!sentence || !kind) return sentence;
    return `${this.t(PARAMS[kind][Number(m[2])])}${this.lang === 'zh' ? '：' : ': '}${sentence}`;
  }

  // ------------------------------------------------------------------ compute
  /** Reads one side; the family, or null after recording what is wrong. */
  _readSide(w, ranges) {
    const api = this.api;
    const text = this[w] ?? DEFAULTS[w];
    const spec = parseSpec(text, api.facts.families.kinds);
    if (!spec) {
      this.sides[w] = null;
      this.fail(`${w}spec`, { code: 'PARSE' }, { input: text, allowed: this.t('specAllowed') });
      return null;
    }
    this.clearError(`${w}spec`);
    this.sides[w] = spec;
    const names = PARAMS[spec.kind];
    for (let i = names.length; i < 2; i++) this.clearError(`${w}${i}`);
    const family = { kind: spec.kind };
    const texts = [];
    let ok = true;
    names.forEach((name, i) => {
      const key = `${w}${i}`;
      const input = this.drafts[key] ?? spec.texts[i];
      texts.push(input);
      const r = ranges[spec.kind][name];
      const ctx = { kind: r.whole ? 'whole' : 'number', input, range: rangeText(this.lang, r.lo, r.hi) };
      const [read, x] = this.attempt(key, () => readNumber(api, input), ctx);
      if (!read) { ok = false; return; }
      if ((r.whole && !Number.isInteger(x)) || !(x >= r.lo && x <= r.hi)) {
        this.fail(key, { code: 'OUT_OF_RANGE' }, ctx);
        ok = false;
        return;
      }
      family[name] = x;
    });
    if (!ok) return null;
    if (names.some((_, i) => this.drafts[`${w}${i}`] != null)) {
      names.forEach((_, i) => delete this.drafts[`${w}${i}`]);
      this.sides[w] = { kind: spec.kind, texts };
      this[w] = specText(spec.kind, texts.map((s) => s.trim()));
    }
    if (spec.kind === 'gaussian') family.naturals = this.naturalsValue;
    return family;
  }

  compute() {
    const ranges = paramRanges(this.api.facts);
    const P = this._readSide('p', ranges);
    const Q = this._readSide('q', ranges);
    if (!P || !Q) return;
    this.families = { p: P, q: Q };
    const forP = JSON.stringify(P);
    const fit = this._fit?.forP === forP && this._fit.q === this.q;
    if (!fit) this._fit = null;
    const request = { P, Q, base: this.base, fit };
    const key = JSON.stringify(request);
    if (key !== this._key) {
      this._key = key;
      const heavy = estimateWork(request) > SYNC_BIN_VISITS;
      const embedded = heavy && !isServer && !this.hasUpdated ? this.renderRoot?.querySelector?.('.ruler-data') : null;
      if (embedded && embedded.dataset.key === key) {
        this._take(key, deserialize(embedded.dataset.json));
      } else if (isServer || !heavy) {
        const [ok, value] = this.attempt('_core', () => computeRuler(this.api, request), {});
        if (ok) this._take(key, value);
      } else {
        this._requestAsync(key, request);
      }
    }
    if (this.dataKey === key) this.succeed(this._resultOf(request, this.data), this._announcement());
  }

  /** One request in the worker at a time; while it runs, only the newest state waits (a drag). */
  _requestAsync(key, request) {
    this.pending = true;
    this._want = { key, request };
    if (this._busy) return;
    this._busy = true;
    labClient().request('ruler', request).then((value) => {
      this._busy = false;
      if (this._key === key) this._take(key, value);
      else if (this._want.key === this._key) this._requestAsync(this._want.key, this._want.request);
    }, (error) => {
      this._busy = false;
      if (this._key === key) {
        this.pending = false;
        this.fail('_core', error, {});
        this.requestUpdate();
      } else if (this._want.key === this._key) this._requestAsync(this._want.key, this._want.request);
    });
  }

  _take(key, value) {
    this.clearError('_core');
    this.data = value;
    this.dataKey = key;
    this.dataHeavy = estimateWork(JSON.parse(key)) > SYNC_BIN_VISITS;
    this.dataFamilies = JSON.parse(key);
    this.pending = false;
    this.requestUpdate();
  }

  _resultOf(request, d) {
    const result = { kl: d.kl, klReverse: d.klReverse, unit: this.unitName, p: this.p, q: this.q, naturals: this.naturalsValue };
    if (d.fit && !d.fit.none) {
      result.fittedLambda = d.fit.lambda;
      result.fittedKl = d.fit.kl;
    }
    if (d.gg) {
      result.closedForm = d.gg.closed;
      result.binnedSum = d.gg.fine;
      result.binWidth = d.gg.width;
    }
    return result;
  }

  _announcement() {
    const d = this.data;
    return this.t('announce', { kl: formatNumber(d.kl), rev: formatNumber(d.klReverse), u: this.unitInfo.symbol });
  }

  // ------------------------------------------------------------------ actions
  _setSide(w, text) {
    for (const i of [0, 1]) delete this.drafts[`${w}${i}`];
    this[w] = text;
  }

  /** The family kinds a side can take: the core's that the ruler has parameter names for. */
  get kinds() {
    return this.api.facts.families.kinds.filter((k) => PARAMS[k]);
  }

  /** The parameter names of a family kind, in the order of its text ("gaussian:μ,σ"). */
  paramNames(kind) {
    return PARAMS[kind];
  }

  /** Side `w` ('p' | 'q') becomes a `kind` family with that family's starting parameters. */
  setFamily(w, kind) {
    this._setSide(w, specText(kind, DEFAULT_TEXTS[kind]));
  }

  /** A parameter as typed (`key` = 'p0', 'q1', …), kept as a draft until it reads; a fit no longer stands. */
  typeParameter(key, text) {
    this.drafts[key] = text;
    this._fit = null;
    this.requestUpdate();
  }

  /** P, Q and `naturals` at once (a preset); drafts and a standing fit are dropped. */
  setPair({ p, q, naturals }) {
    this.drafts = {};
    this._fit = null;
    Object.assign(this, { p, q, naturals });
  }

  swap() {
    const { p, q } = this;
    this.drafts = {};
    this._fit = null;
    this.p = q;
    this.q = p;
  }

  /** Q becomes the Poisson closest to P: λ* = E_P[k] (computed where P's size says). */
  async fitPoisson() {
    const P = this.families?.p;
    if (!P) return;
    const forP = JSON.stringify(P);
    let value;
    try {
      value = 2 * estimateBins(P) <= SYNC_BIN_VISITS ? this.api.fitPoisson(P, { base: this.base }) : await labClient().request('fit', { P, base: this.base });
    } catch (e) {
      if (e?.code === 'OUT_OF_RANGE') {
        this._fitNone = forP;
        this.requestUpdate();
      } else {
        this.fail('_core', e, {});
        this.requestUpdate();
      }
      return;
    }
    const q = `poisson:${lambdaText(value.lambda)}`;
    this._fit = { forP, q };
    this._setSide('q', q);
    this.requestUpdate();
  }

  // ------------------------------------------------------------------ moving Q along the ruler
  /** Where Q sits on the ruler (its location parameter, as a mean) and the grid it snaps to. */
  _qLocation() {
    const Q = this.families?.q;
    const d = this.data;
    if (!Q || !d) return null;
    const loc = { gaussian: Q.mu, poisson: Q.lambda, binomial: Q.n * Q.p, geometric: (1 - Q.p) / Q.p }[Q.kind];
    // a step of about four pixels, on a 1-2-5 grid: short texts at every scale
    const { x } = rulerGeometry(this.width, d.bins, this.width < NARROW);
    const perPx = (x.domain()[1] - x.domain()[0]) / (x.range()[1] - x.range()[0]);
    const raw = 4 * perPx;
    const e = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 5, 10].map((f) => f * e).find((v) => v >= raw);
    return { Q, loc, step };
  }

  /** Moves Q so that its mean (location) is `loc`, snapped to `step`; its other parameters stay. */
  moveQ(loc, step) {
    const Q = this.families?.q;
    if (!Q) return;
    const decimals = Math.max(0, Math.min(12, -Math.floor(Math.log10(step) + 1e-9)));
    const snap = (v) => Number((Math.round(v / step) * step).toFixed(decimals));
    const short = (v) => String(Number(v.toPrecision(6)));
    const { families } = this.api.facts;
    let texts;
    switch (Q.kind) {
      case 'gaussian': texts = [String(Math.max(-families.maxAbsMu, Math.min(families.maxAbsMu, snap(loc)))), this.sides.q.texts[1]]; break;
      case 'poisson': texts = [String(Math.max(0, Math.min(families.maxLambda, snap(loc))))]; break;
      case 'binomial': texts = [this.sides.q.texts[0], short(Math.max(0, Math.min(1, Q.n > 0 ? snap(loc) / Q.n : Q.p)))]; break;
      default: texts = [short(Math.max(families.minGeometricP, Math.min(1, 1 / (1 + Math.max(0, snap(loc))))))];
    }
    const q = specText(Q.kind, texts);
    if (q === this.q) return;
    this._fit = null;
    this._setSide('q', q);
  }

  _onPointerDown(e) {
    const at = this._qLocation();
    if (e.button !== 0 || !at) return;
    const svgEl = e.currentTarget;
    const rect = svgEl.getBoundingClientRect();
    const g = rulerGeometry(this.width, this.data.bins, this.width < NARROW);
    const userX = ((e.clientX - rect.left) / rect.width) * g.W;
    if (userX < g.m.l || userX > g.W - g.m.r) return;
    this._drag = { rect, g, k0: g.x.invert(userX), loc0: at.loc, step: at.step };
    svgEl.setPointerCapture(e.pointerId);
    e.preventDefault();
  }

  _onPointerMove(e) {
    const d = this._drag;
    if (!d) return;
    const k = d.g.x.invert(((e.clientX - d.rect.left) / d.rect.width) * d.g.W);
    this._dragTo(d.loc0 + (k - d.k0), e.shiftKey ? d.step / 10 : d.step);
  }

  _onPointerUp() {
    if (!this._drag) return;
    this._dragTo.flush();
    this._drag = null;
  }

  _onKey(e) {
    const at = this._qLocation();
    if (!at) return;
    const step = e.shiftKey ? at.step / 10 : at.step;
    const delta = { ArrowRight: step, ArrowUp: step, ArrowLeft: -step, ArrowDown: -step, PageUp: 10 * step, PageDown: -10 * step }[e.key];
    if (delta === undefined) return;
    e.preventDefault();
    this.moveQ(at.loc + delta, step);
  }

  // ------------------------------------------------------------------ view
  describe(family, { short = false } = {}) {
    if (!family) return '';
    const f = this.wordsFor(this.lang).family[family.kind];
    return f({
      mu: formatNumber(family.mu), sigma: formatNumber(family.sigma), naturals: family.naturals && !short,
      lambda: formatNumber(family.lambda), n: formatCount(family.n), p: formatNumber(family.p),
    });
  }

  picture() {
    const d = this.data;
    if (!d) return nothing;
    const fams = this.dataFamilies;
    const dp = this.describe(fams.P);
    const dq = this.describe(fams.Q);
    const { lo, width, count } = d.bins;
    const label = this.t('picture', { p: dp, q: dq, lo: formatInteger(lo), hi: formatInteger(lo + width * count - 1) });
    return html`<div class="legend ruler-legend">
        <span><span class="key p"></span>${this.t('legendP', { d: dp })}</span>
        <span><span class="key q"></span>${this.t('legendQ', { d: dq })}</span>
      </div>
      <div class="ruler-box ${this.pending ? 'is-pending' : ''}">
        ${rulerChart({
          width: this.width, bins: d.bins, why: d.why, t: (k, p) => this.t(k, p), label, narrow: this.width < NARROW,
          handle: this.compact ? null : { label: this.t('qHandle'), now: formatNumber(d.meanQ), text: this.t('qHandleText', { d: dq, mean: formatNumber(d.meanQ) }), onKey: (e) => this._onKey(e) },
          handlers: this.compact ? {} : { down: (e) => this._onPointerDown(e), move: (e) => this._onPointerMove(e), up: () => this._onPointerUp() },
        })}
        <p class="ruler-pending" role="status" ?hidden=${!this.pending}>${this.t('pending')}</p>
      </div>
      ${this.dataHeavy ? html`<div class="ruler-data" hidden data-key=${this.dataKey} data-json=${serialize(d)}></div>` : nothing}`;
  }

  _why(why, who, other) {
    if (!why) return this.t('infOther', { who, other });
    const mass = why.mass > 0 ? formatNumber(why.mass) : this.t('massTiny');
    return this.t(why.side === 'below' ? 'infBelow' : 'infAbove', { who, other, k: formatInteger(why.k), mass });
  }

  cards() {
    const d = this.data;
    if (!d) return nothing;
    const u = this.unitInfo.symbol;
    const show = (x) => (x === Infinity ? '∞' : `${formatNumber(x)} ${u}`);
    return html`<div class="ruler-numbers">
      <div class="ruler-number fwd"><span class="label">${this.t('fwd')}</span><span class="big">${show(d.kl)}</span>
        ${d.kl === Infinity ? html`<p class="why">${this._why(d.why.fwd, 'P', 'Q')}</p>` : nothing}</div>
      <div class="ruler-number rev"><span class="label">${this.t('rev')}</span><span class="big">${show(d.klReverse)}</span>
        ${d.klReverse === Infinity ? html`<p class="why">${this._why(d.why.rev, 'Q', 'P')}</p>` : nothing}</div>
    </div>`;
  }

  formulas() {
    const d = this.data;
    if (!d) return nothing;
    const u = this.unitInfo.symbol;
    const log = this.logFormula;
    const val = (x) => ({ d: x, unit: x === Infinity ? '' : u, log });
    const both = Number.isFinite(d.kl) && Number.isFinite(d.klReverse) && formatNumber(d.kl) !== formatNumber(d.klReverse);
    return html`${this.formulaLines(F, 'forward', val(d.kl))}
      ${this.formulaLines(F, 'reverse', val(d.klReverse))}
      ${both ? html`<p class="aside">${this.t('asymmetric')}</p>` : nothing}
      ${d.negativeMass != null ? html`<p class="note">${this.t('negCut', { mass: formatNumber(d.negativeMass) })}</p>` : nothing}
      ${d.gg ? this.gaussians(d) : nothing}`;
  }

  gaussians(d) {
    const { P, Q } = this.dataFamilies;
    const u = this.unitInfo.symbol;
    const conv = CONV[this.unitName] ? { parts: F[CONV[this.unitName]] } : { markup: '' };
    const row = (label, x) => html`<tr><th scope="row">${label}</th><td class="num">${x === Infinity ? '∞' : `${formatNumber(x)} ${u}`}</td></tr>`;
    return html`<section class="ruler-gg">
      <h4>${this.t('ggTitle')}</h4>
      <div class="formula narrow-small">${this.formula(F.gaussian, { conv })}</div>
      <div class="formula narrow-small">${this.formula(F.gaussianValues, { s1: P.sigma, s2: Q.sigma, m1: P.mu, m2: Q.mu, conv })}</div>
      <div class="formula">${this.formula(F.gaussianResult, { d: d.gg.closed, unit: u })}</div>
      <table class="ruler-gg-table"><tbody>
        ${row(this.t('ggClosed'), d.gg.closed)}
        ${row(this.t('ggFine', { w: formatNumber(d.gg.width) }), d.gg.fine)}
        ${row(this.t('ggInt'), d.kl)}
      </tbody></table>
      <p class="note">${this.t('ggNote')}</p>
    </section>`;
  }

  actions() {
    const d = this.data;
    const fitText = d?.fit && !d.fit.none && this._fit
      ? this.t('fitOut', { lambda: formatNumber(d.fit.lambda), kl: formatNumber(d.fit.kl), u: this.unitInfo.symbol }) : '';
    const none = this._fitNone && this.families && this._fitNone === JSON.stringify(this.families.p);
    return html`<div class="row ruler-actions">
        <button type="button" class="fit" ?disabled=${!this.families} @click=${() => this.fitPoisson()}>${this.t('fit')}</button>
        <button type="button" class="swap" @click=${() => this.swap()}>${this.t('swap')}</button>
      </div>
      <p class="fit-out" role="status" ?hidden=${!fitText && !none}>${none ? this.t('fitNone') : fitText}</p>`;
  }

  render() {
    if (this.compact) {
      const fams = this.families;
      return this.frame({
        picture: this.picture(),
        caption: fams ? html`<p class="ruler-question">${this.t('question', { p: this.describe(fams.p, { short: true }), q: this.describe(fams.q, { short: true }) })}</p>` : nothing,
      });
    }
    return this.frame({
      title: this.t('title'),
      headline: this.cards(),
      picture: this.picture(),
      caption: html`${this.actions()}${this.formulas()}
        <p class="field-msg" role=${this.hasError('_core') ? 'alert' : nothing}>${this.errorText('_core')}</p>
        <p class="caption">${this.t('caption')}</p>`,
      panel: this.api != null,
    });
  }
}

export default BitRuler;
