/**
 * <bit-surprisal p="1/1024" label="中国夺冠" pa="1/2" pb="1/4" label-a="进决赛" label-b="赢下决赛" label-ab="阿根廷夺冠">
 * — surprisal as halvings, and additivity as segments that add.
 *
 * The picture, per event: a square of all outcomes cut in half by one fair yes/no question after
 * another until only the event is left (ten cuts for 1/1024, three for 1/8; a fractional bit is a
 * partial cut), and beside it a ruler of bits with one segment per question. With pa and pb, a
 * second event "A and B" (independent) is drawn on the same ruler: A's segments, then B's, adding
 * up to the whole. Drag the end of a ruler (or use the arrow keys on it) to change a probability:
 * it snaps to 1/2^k (Shift: two significant digits).
 *
 * <bit-additivity pa="1/2" pb="1/4"> is the same element showing only the "A and B" event.
 * State: p, label, pa, pb, label-a, label-b, label-ab, unit, open.
 * Result: { p, information, unit } and, with pa/pb, { composite: { pa, pb, p, ia, ib, information } }.
 */
import { html, svg, nothing } from 'lit';
import { BitElement, languagesOf, perFrame, trackPointer } from './base.js';
import { formatNumber, formatProbability } from '../shared/format.js';
import { colourClasses } from '../shared/colors.js';
import { px, aspect } from '../shared/chart.js';
import F from '../formulas/surprisal.tex.js';

const MAX_DRAWN_CUTS = 24;   // beyond, cuts are thinner than a pixel
const MAX_SEGMENTS = 32;     // a ruler longer than this is drawn as one bar with ticks

/** The article's event: the default, and the first example the panel offers. */
const CHINA = { key: 'china', p: '1/1024', label: { zh: '中国夺冠', en: 'China wins' } };


/** The p text for `bits` of surprisal: whole bits → 1/2^k; else two significant digits. */
export function probabilityForBits(bits, { fine = false } = {}) {
  if (!fine) {
    const k = Math.max(0, Math.round(bits));
    return k === 0 ? '1' : `1/${2 ** k}`;
  }
  const p = 2 ** -Math.max(0, bits);
  return String(Number(p.toPrecision(2)));
}

/**
 * Surprisal as halvings (a square cut by yes/no questions, a ruler of bits), and optionally the
 * additivity of two independent events.
 *
 * @attr {string} p - Probability of the event: `1/1024`, `0.125`, `12.5%` (full-width digits too). Default 1/1024.
 * @attr {string} label - The event's name, shown in the picture and the text.
 * @attr {string} pa - Probability of event A. With `pb`, adds the independent event "A and B".
 * @attr {string} pb - Probability of event B. With `pa`, adds the independent event "A and B".
 * @attr {string} label-a - Name of event A.
 * @attr {string} label-b - Name of event B.
 * @attr {string} label-ab - Name of the event "A and B".
 *
 * @prop {{ unit: string, p?: number, information?: number, composite?: { pa: number, pb: number, p: number, ia: number, ib: number, information: number } } | null} result - `information` = −log p of `p` in `unit`; `composite` when `pa` and `pb` are set. Read-only.
 * @tagname bit-surprisal
 */
export class BitSurprisal extends BitElement {
  static properties = {
    ...BitElement.properties,
    p: { reflect: true },
    label: { reflect: true },
    pa: { reflect: true },
    pb: { reflect: true },
    labelA: { attribute: 'label-a', reflect: true },
    labelB: { attribute: 'label-b', reflect: true },
    labelAb: { attribute: 'label-ab', reflect: true },
  };

  static state = ['p', 'label', 'pa', 'pb', 'label-a', 'label-b', 'label-ab', ...BitElement.state];

  static languages = languagesOf('surprisal');

  static panel = {
    code: () => import('./panels/surprisal-panel.js'),
    languages: { zh: () => import('../messages/zh/surprisal-panel.js'), en: () => import('../messages/en/surprisal-panel.js') },
  };

  static defaultExample = CHINA;

  /** <bit-additivity> shows only the composite event. */
  static compositeOnly = false;

  constructor() {
    super();
    if (this.constructor.compositeOnly) {
      this.pa = '1/2';
      this.pb = '1/4';
    } else {
      this.p = CHINA.p;
    }
    this.drafts = {};
    this.good = {};
    this._drag = perFrame((which, bits, fine) => this._setBits(which, bits, fine));
  }

  get single() {
    return !this.constructor.compositeOnly;
  }

  get composite() {
    return this.constructor.compositeOnly ? true : this.pa != null && this.pb != null;
  }

  text(which) {
    return this.drafts[which] ?? this[which] ?? '';
  }

  names() {
    return {
      main: this.label || (this.label === '' || this.p !== CHINA.p ? this.t('someEvent') : CHINA.label[this.lang]),
      a: this.labelA || this.t('eventA'),
      b: this.labelB || this.t('eventB'),
      ab: this.labelAb || this.t('eventAB'),
    };
  }

  _probability(which) {
    const text = this.text(which);
    const [ok, p] = this.attempt(which, () => this.api.parseProbability(text), { kind: 'probability', input: text });
    if (ok && this.drafts[which] != null) {
      this[which] = this.drafts[which];
      delete this.drafts[which];
    }
    return ok ? p : null;
  }

  compute() {
    const api = this.api;
    const base = this.base;
    let valid = true;
    if (this.single) {
      const p = this._probability('p');
      if (p === null) valid = false;
      else this.good.main = { p, information: api.surprisal(p, base) };
    }
    if (this.composite) {
      const pa = this._probability('pa');
      const pb = this._probability('pb');
      if (pa === null || pb === null) valid = false;
      else {
        const p = pa * pb;
        this.good.composite = { pa, pb, p, ia: api.surprisal(pa, base), ib: api.surprisal(pb, base), information: api.surprisal(p, base) };
      }
    } else {
      delete this.good.composite;
    }
    if (!valid) return;
    const result = { unit: this.unitName };
    if (this.good.main) Object.assign(result, { p: this.good.main.p, information: this.good.main.information });
    if (this.good.composite) result.composite = { ...this.good.composite };
    const n = this.names();
    const main = this.good.main ?? this.good.composite;
    this.succeed(result, this.t('announce', { label: this.good.main ? n.main : n.ab, p: formatProbability(main.p), i: formatNumber(main.information), u: this.unitInfo.symbol }));
  }

  // ------------------------------------------------------------------ edits
  /** A probability as typed in the panel (kept as a draft until it reads). */
  typeProbability(which, text) {
    this.drafts[which] = text;
    // a changed probability no longer describes the named example: ask for a new name
    if (which === 'p' && this.label) this.label = '';
    this.requestUpdate();
  }

  /** Sets a probability from a ruler position in bits (the row's own bits, from its start). */
  _setBits(which, bits, fine) {
    delete this.drafts[which];
    // a changed probability no longer describes the named example: ask for a new name
    if (which === 'p' && this.label) this.label = '';
    this[which] = probabilityForBits(bits, { fine });
  }

  _key(e, which, currentBits) {
    const step = e.shiftKey ? 0.1 : 1;
    const next = { ArrowRight: currentBits + step, ArrowUp: currentBits + step, ArrowLeft: currentBits - step, ArrowDown: currentBits - step, Home: 0, End: 20 }[e.key];
    if (next === undefined || !Number.isFinite(currentBits)) return;
    e.preventDefault();
    this._setBits(which, Math.max(0, next), e.shiftKey);
  }

  // ------------------------------------------------------------------ picture
  _layout(rows) {
    const W = this.width;
    const H = Math.round(W * aspect(rows === 2 ? 'surprisal2' : 'surprisal1', W));
    const top = 8;
    const rowH = (H - top - 34) / rows;
    const S = Math.max(40, Math.min(rowH - 30, W * 0.26));
    const rx0 = 12 + S + (W < 480 ? 18 : 30);
    return { W, H, top, rowH, S, rx0, rx1: W - 18 };
  }

  _square(x0, y0, S, bits, colour, splitAt = Infinity) {
    const shapes = [];
    let r = { x: x0, y: y0, w: S, h: S };
    const whole = Number.isFinite(bits) ? Math.floor(bits + 1e-12) : MAX_DRAWN_CUTS;
    const drawn = Math.min(whole, MAX_DRAWN_CUTS);
    for (let k = 1; k <= drawn; k++) {
      let cut;
      if (k % 2) { cut = { x: r.x + r.w / 2, y: r.y, w: r.w / 2, h: r.h }; r = { ...r, w: r.w / 2 }; } else { cut = { x: r.x, y: r.y, w: r.w, h: r.h / 2 }; r = { ...r, y: r.y + r.h / 2, h: r.h / 2 }; }
      const side = k <= splitAt + 1e-9 ? 'a' : 'b';
      shapes.push(svg`<rect class="cut cut-${side}" x=${px(cut.x)} y=${px(cut.y)} width=${px(cut.w)} height=${px(cut.h)}></rect>
        ${Math.min(cut.w, cut.h) >= 18 ? svg`<text class="cut-n" x=${px(cut.x + cut.w / 2)} y=${px(cut.y + cut.h / 2)} dy="0.35em" text-anchor="middle">${k}</text>` : nothing}`);
    }
    let event = r;
    if (Number.isFinite(bits) && bits - whole > 1e-12 && whole < MAX_DRAWN_CUTS) {
      const f = 2 ** -(bits - whole);
      event = (whole + 1) % 2 ? { ...r, w: r.w * f } : { ...r, y: r.y + r.h * (1 - f), h: r.h * f };
      shapes.push(svg`<rect class="cut partial" x=${px(r.x)} y=${px(r.y)} width=${px(r.w)} height=${px(r.h)}></rect>`);
    }
    const ew = Math.max(2, event.w);
    const eh = Math.max(2, event.h);
    if (bits !== Infinity) shapes.push(svg`<rect class="event ${colour}" x=${px(event.x)} y=${px(event.y + event.h - eh)} width=${px(ew)} height=${px(eh)}></rect>`);
    return svg`<rect class="all" x=${px(x0)} y=${px(y0)} width=${px(S)} height=${px(S)}></rect>${shapes}`;
  }

  _ruler(L, y, maxBits, parts, handles) {
    const x = (b) => L.rx0 + (Math.min(b, maxBits) / maxBits) * (L.rx1 - L.rx0);
    const barH = 26;
    // one array per kind of node: Lit reuses array items by position, so a knob must never take
    // the place of a tick (focus would be lost while the reader presses an arrow key)
    const segs = [];
    const units = [];
    const texts = [];
    const knobs = [];
    let start = 0;
    for (const part of parts) {
      const end = start + part.bits;
      if (Number.isFinite(part.bits) && part.bits > 0) {
        segs.push(svg`<rect class="seg ${part.colour} ${part.side}" x=${px(x(start))} y=${px(y - barH / 2)} width=${px(Math.max(1, x(end) - x(start)))} height=${barH}></rect>`);
        if (maxBits <= MAX_SEGMENTS) {
          for (let b = Math.ceil(start + 1e-9); b < Math.min(end, maxBits) - 1e-9; b++) {
            units.push(svg`<line class="unit" x1=${px(x(b))} x2=${px(x(b))} y1=${px(y - barH / 2)} y2=${px(y + barH / 2)}></line>`);
          }
        }
        if (x(end) - x(start) > 60 && part.text) texts.push(svg`<text class="seg-text" x=${px((x(start) + x(end)) / 2)} y=${px(y)} dy="0.35em" text-anchor="middle">${part.text}</text>`);
      } else if (part.bits === Infinity) {
        segs.push(svg`<rect class="seg ${part.colour} infinite" x=${px(x(start))} y=${px(y - barH / 2)} width=${px(L.rx1 - x(start))} height=${barH}></rect>
          <text class="seg-text" x=${px(L.rx1 - 6)} y=${px(y)} dy="0.35em" text-anchor="end">∞</text>`);
      }
      start = end;
    }
    for (const h of handles) {
      const hx = x(Number.isFinite(h.bits) ? h.bits : maxBits);
      knobs.push(svg`<g class="knob" tabindex="0" role="slider" aria-label=${h.label} aria-valuemin="0" aria-valuemax="1"
          aria-valuenow=${h.p} aria-valuetext=${formatProbability(h.p)} @keydown=${(e) => this._key(e, h.which, h.ownBits)}
          @pointerdown=${(e) => this._grab(e, h)}>
        <rect class="knob-hit" x=${px(hx - 14)} y=${px(y - 24)} width="28" height="48"></rect>
        <line class="knob-line" x1=${px(hx)} x2=${px(hx)} y1=${px(y - barH / 2 - 6)} y2=${px(y + barH / 2 + 6)}></line>
        <circle class="knob-dot" cx=${px(hx)} cy=${px(y - barH / 2 - 8)} r="6"></circle>
      </g>`);
    }
    return svg`<g class="segs">${segs}</g><g class="units">${units}</g><g class="seg-texts">${texts}</g><g class="knobs">${knobs}</g>`;
  }

  _grab(e, h) {
    if (e.button !== 0) return;
    const svgEl = e.currentTarget.ownerSVGElement;
    const L = this._layout(this._rows);
    const rect = svgEl.getBoundingClientRect();
    const toBits = (ev) => (((ev.clientX - rect.left) / rect.width) * L.W - L.rx0) / (L.rx1 - L.rx0) * this._maxBits - h.offset;
    trackPointer(svgEl, e, (ev) => this._drag(h.which, Math.max(0, toBits(ev)), ev.shiftKey), () => this._drag.flush());
  }

  picture() {
    const main = this.single ? this.good.main : null;
    const comp = this.composite ? this.good.composite : null;
    if (!main && !comp) return nothing;
    const rows = (main ? 1 : 0) + (comp ? 1 : 0);
    this._rows = rows;
    const L = this._layout(rows);
    const n = this.names();
    const u = this.unitInfo.symbol;
    const bitsOf = (info) => info * Math.log2(this.base);
    const finite = [main && bitsOf(main.information), comp && bitsOf(comp.information)].filter((b) => b != null && Number.isFinite(b));
    const maxBits = Math.max(4, Math.ceil(Math.max(0, ...finite) - 1e-9));
    this._maxBits = maxBits;
    const [cMain, cComp] = colourClasses([main ? n.main : '', comp ? n.ab : '']);
    const out = [];
    let row = 0;
    const rowTop = (r) => L.top + r * L.rowH;
    if (main) {
      const y0 = rowTop(row);
      const bits = bitsOf(main.information);
      out.push(svg`<g class="event-row" role="group" aria-label=${this.t('square', { label: n.main, cuts: formatNumber(bits) })}>
        <text class="row-title" x="12" y=${px(y0 + 14)}>${n.main}</text>
        ${this._square(12, y0 + 24, L.S, bits, cMain)}
        <text class="row-value" x=${px(L.rx0)} y=${px(y0 + 24 + L.S / 2 + 32)}>p = ${formatProbability(main.p)} → I = ${formatNumber(main.information)} ${u}</text>
        ${this._ruler(L, y0 + 24 + L.S / 2, maxBits, [{ bits, colour: cMain, side: 'a', text: '' }],
          [{ which: 'p', bits, ownBits: bits, offset: 0, p: main.p, label: this.t('handle', { label: n.main, p: formatProbability(main.p) }) }])}
      </g>`);
      row += 1;
    }
    if (comp) {
      const y0 = rowTop(row);
      const ba = bitsOf(comp.ia);
      const bb = bitsOf(comp.ib);
      const bits = bitsOf(comp.information);
      out.push(svg`<g class="event-row" role="group" aria-label=${this.t('square', { label: n.ab, cuts: formatNumber(bits) })}>
        <text class="row-title" x="12" y=${px(y0 + 14)}>${n.ab}</text>
        ${this._square(12, y0 + 24, L.S, bits, cComp, ba)}
        ${L.W < 560
          ? svg`<text class="row-value" x=${px(L.rx0)} y=${px(y0 + 24 + L.S / 2 + 32)}>p = ${formatProbability(comp.pa)} × ${formatProbability(comp.pb)} = ${formatProbability(comp.p)}</text>
            <text class="row-value" x=${px(L.rx0)} y=${px(y0 + 24 + L.S / 2 + 50)}>I = ${formatNumber(comp.ia)} + ${formatNumber(comp.ib)} = ${formatNumber(comp.information)} ${u}</text>`
          : svg`<text class="row-value" x=${px(L.rx0)} y=${px(y0 + 24 + L.S / 2 + 32)}>p = ${formatProbability(comp.pa)} × ${formatProbability(comp.pb)} = ${formatProbability(comp.p)} → I = ${formatNumber(comp.ia)} + ${formatNumber(comp.ib)} = ${formatNumber(comp.information)} ${u}</text>`}
        ${this._ruler(L, y0 + 24 + L.S / 2, maxBits, [
          { bits: ba, colour: cComp, side: 'a', text: `${n.a} ${formatNumber(comp.ia)}` },
          { bits: bb, colour: cComp, side: 'b', text: `${n.b} ${formatNumber(comp.ib)}` }],
        [{ which: 'pa', bits: ba, ownBits: ba, offset: 0, p: comp.pa, label: this.t('handleA', { label: n.a, p: formatProbability(comp.pa) }) },
          { which: 'pb', bits: ba + bb, ownBits: bb, offset: ba, p: comp.pb, label: this.t('handle', { label: n.b, p: formatProbability(comp.pb) }) }])}
      </g>`);
    }
    const axisY = L.H - 22;
    const ticks = maxBits <= 12 ? Array.from({ length: maxBits + 1 }, (_, i) => i) : Array.from({ length: Math.floor(maxBits / 5) + 1 }, (_, i) => i * 5);
    const ax = (b) => L.rx0 + (b / maxBits) * (L.rx1 - L.rx0);
    return html`<svg class="chart surprisal rows-${rows}" viewBox="0 0 ${L.W} ${L.H}" role="group" aria-label=${this.t(this.single ? 'title' : 'titleAdditivity')}>
      ${out}
      <g class="axis x" aria-hidden="true">
        <line class="baseline" x1=${px(L.rx0)} x2=${px(L.rx1)} y1=${axisY} y2=${axisY}></line>
        ${ticks.map((t) => svg`<line class="tick" x1=${px(ax(t))} x2=${px(ax(t))} y1=${axisY} y2=${axisY + 5}></line>
          <text x=${px(ax(t))} y=${axisY + 17} text-anchor="middle">${t}</text>`)}
        <text class="axis-label" x=${px(L.rx0)} y=${axisY - 6}>${this.t('bitsAxis', { u: 'bit' })}</text>
      </g>
    </svg>`;
  }

  // ------------------------------------------------------------------ text
  meaning() {
    const main = this.single ? this.good.main : this.good.composite;
    if (!main) return nothing;
    const bits = main.information * Math.log2(this.base);
    let text;
    if (main.p === 1) text = this.t('certain');
    else if (main.p === 0) text = this.t('impossible');
    else if (Number.isInteger(bits) && bits <= 40) text = this.t('oneIn', { n: String(2 ** bits), bits: formatNumber(bits) });
    else text = this.t('notPower', { bits: formatNumber(bits), whole: Math.floor(bits) });
    return html`<p class="meaning">${text}</p>`;
  }

  formulas() {
    const log = this.logFormula;
    const unit = this.unitInfo.symbol;
    const n = this.names();
    const lines = [];
    const main = this.single && this.good.main;
    if (main) lines.push(this.formulaLines(F, 'single', { label: n.main, log, p: { p: main.p }, I: main.information, unit }));
    const comp = this.composite && this.good.composite;
    if (comp) {
      lines.push(this.formulaLines(F, 'product', { ab: n.ab, a: n.a, b: n.b, pa: { p: comp.pa }, pb: { p: comp.pb }, p: { p: comp.p } }));
      lines.push(this.formulaLines(F, 'sum', { ab: n.ab, a: n.a, b: n.b, ia: comp.ia, ib: comp.ib, I: comp.information, unit }));
    }
    return lines;
  }

  render() {
    return this.frame({
      title: this.t(this.single ? 'title' : 'titleAdditivity'),
      headline: html`${this.formulas()}${this.meaning()}`,
      picture: this.picture(),
      caption: html`<p class="caption">${this.t('caption')}</p>`,
      panel: true,
    });
  }
}

export default BitSurprisal;
