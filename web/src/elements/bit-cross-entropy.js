// <bit-cross-entropy p="…" q="…" labels="…" seed="…">: the true P and the model Q side by side,
// both editable (drag the bars, type the lists, add / remove / rename outcomes), H(P,Q) drawn as
// H(P) plus the KL excess, the same story in real Huffman codes, the Gibbs challenge, and the
// sampling demo. Result { entropy, crossEntropy, kl, unit }.
//
// This module also exports PQElement, the P/Q editor both <bit-cross-entropy> and <bit-kl> extend:
// attributes p, q, labels; a text field for each distribution (api.parseDistribution: fractions,
// percents, weights; weights not summing to 1 are rescaled with a visible notice); one row per
// outcome with a draggable, keyboard-operable bar for p and for q; add / remove keep P and Q the
// same length. State is reflected to the attributes whenever the reader edits.
import { BitElement, defineElement } from './base.js';
import { renderTex, texText } from './katex.js';
import { formatNumber } from './format.js';
import { setText } from './chart.js';
import { SamplingPanel, SAMPLING_CSS } from './sampling.js';
import './code-snippet.js';

// After a drag the dragged distribution is held in millionths that sum to exactly 10^6, so the
// state, the field text and the attribute are the same decimal numbers (a permalink restores them
// exactly) and the sum is 1 to within a few ulps.
const UNITS_PER_ONE = 1e6;
// When a dragged distribution comes within this total variation of the other one, it snaps onto
// it exactly (so dragging Q onto P reaches D = 0, not 1e-5).
const SNAP_DISTANCE = 0.01;
const SUM_TOLERANCE = 1e-9;

const DEFAULT_LABELS = {
  zh: ['阿根廷', '法国', '巴西', '德国', '英格兰', '西班牙', '葡萄牙', '荷兰'],
  en: ['Argentina', 'France', 'Brazil', 'Germany', 'England', 'Spain', 'Portugal', 'Netherlands'],
};

function defaultLabel(lang, i) {
  const list = DEFAULT_LABELS[lang] || DEFAULT_LABELS.en;
  if (i < list.length) return list[i];
  return lang === 'zh' ? `队伍 ${i + 1}` : `Team ${i + 1}`;
}

/** Splits a labels attribute: commas (half/full width) and 、 separate; blanks kept as ''. */
export function splitLabels(text) {
  if (text == null) return null;
  return String(text).split(/[,，、]/).map((s) => s.trim());
}

/** Weights → probabilities (scaled by the max first so 1e308-sized weights don't overflow). */
export function toProbabilities(weights) {
  const max = Math.max(...weights);
  if (!(max > 0)) return null;
  const scaled = weights.map((w) => w / max);
  const sum = scaled.reduce((a, b) => a + b, 0);
  return scaled.map((w) => w / sum);
}

/**
 * Integer apportionment (largest remainder) of `total` units in proportion to `weights`; an
 * outcome with positive weight keeps at least one unit when the total allows (so dragging one
 * bar never turns another outcome impossible by rounding).
 */
export function apportion(weights, total) {
  const n = weights.length;
  if (n === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  const w = sum > 0 ? weights : weights.map(() => 1);
  const s = sum > 0 ? sum : n;
  const raw = w.map((x) => (x / s) * total);
  const units = raw.map(Math.floor);
  if (total >= w.filter((x) => x > 0).length) {
    for (let i = 0; i < n; i++) if (w[i] > 0 && units[i] === 0) units[i] = 1;
  }
  let left = total - units.reduce((a, b) => a + b, 0);
  const order = raw.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % n) { units[order[k][1]] += 1; left -= 1; }
  while (left < 0) { // the minimum-one rule overshot: take from the largest
    let j = 0;
    for (let i = 1; i < n; i++) if (units[i] > units[j]) j = i;
    units[j] -= 1; left += 1;
  }
  return units;
}

/**
 * A percent is a probability, so "150%" in a list is refused (OUT_OF_RANGE) even though the list
 * may hold plain weights such as 2, 1, 1. Each entry ending in a percent / per-mille sign is read
 * by the core's single-probability parser, which refuses values above 100%.
 */
export function percentOverflow(api, text) {
  for (const token of String(text).split(/[,，、\s]+/)) {
    if (!/[%％‰]$/.test(token)) continue;
    try {
      api.parseProbability(token);
    } catch (e) {
      if (e && e.code === 'OUT_OF_RANGE') throw e;
    }
  }
}

/** The list as typed back into a field / attribute: shortest round-trip decimals. */
export function distributionText(values) {
  return values.map((x) => String(x)).join(', ');
}

const PQ_CSS = `
:host { container-type: inline-size; }
.bit-body { grid-template-columns: minmax(0, 1fr); }
.fields { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 10px 14px; align-items: start; }
.fields-hint { grid-column: 1 / -1; margin-top: -4px; }
.notice-line { font-size: 0.9em; color: var(--br-muted); }
.notice-line:empty { display: none; }
.rows { display: grid; gap: 6px; min-width: 0; }
.orow { display: grid; grid-template-columns: minmax(6em, 9em) minmax(0, 1fr) minmax(0, 1fr) 44px; gap: 6px 10px; align-items: center; min-width: 0; }
.orow.head { font-size: 0.85em; color: var(--br-muted); }
.orow .name { min-height: 44px; }
.track {
  position: relative; height: 44px; min-width: 0; border: 1px solid var(--br-border);
  border-radius: calc(var(--br-radius) * 0.6); background: var(--br-surface);
  touch-action: pan-y; cursor: ew-resize; overflow: hidden; user-select: none; -webkit-user-select: none;
}
.track .fill { position: absolute; inset: 0 auto 0 0; width: 0; background: var(--br-accent); opacity: 0.85; }
.track.q .fill { background: var(--br-accent-2); }
.track .val {
  position: absolute; inset: 0 8px 0 auto; display: flex; align-items: center; font-variant-numeric: tabular-nums;
  font-size: 0.9em; pointer-events: none;
}
.track .val b { font-weight: 600; background: var(--br-bg); padding: 0 4px; border-radius: 4px; }
.track:focus-visible { outline: 3px solid var(--br-focus); outline-offset: 2px; }
.track.snapped { border-color: var(--br-accent); }
.remove { padding: 0; font-size: 1.2em; line-height: 1; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; }
@container (max-width: 520px) {
  .fields { grid-template-columns: minmax(0, 1fr); }
  .orow { grid-template-columns: minmax(0, 1fr) 44px; grid-template-areas: "name remove" "p p" "q q"; }
  .orow .name { grid-area: name; }
  .orow .remove { grid-area: remove; }
  .orow .track.p { grid-area: p; }
  .orow .track.q { grid-area: q; }
  .orow.head { display: none; }
  .orow { padding-bottom: 6px; border-bottom: 1px solid var(--br-border); }
}
`;

const PQ_MESSAGES = {
  zh: {
    fieldP: '真实分布 P',
    fieldsHint: '用逗号分隔各项，可写 1/8、0.125、12.5%，或写权重 2, 1, 1（会按比例缩放到总和为 1）。',
    fieldQ: '模型 Q（与 P 一一对应）',
    outcome: '结果',
    barsP: 'P（真实）',
    barsQ: 'Q（模型）',
    addOutcome: '添加一个结果',
    removeOutcome: (p) => `删除「${p.label}」`,
    nameOutcome: (p) => `第 ${p.i} 个结果的名字`,
    sliderP: (p) => `P(${p.label})`,
    sliderQ: (p) => `Q(${p.label})`,
    valueText: (p) => `${p.label}：${p.which} = ${p.value}`,
    rescaledP: (p) => `P 的权重加起来是 ${p.sum}，已按比例缩放到总和为 1。`,
    rescaledQ: (p) => `Q 的权重加起来是 ${p.sum}，已按比例缩放到总和为 1。`,
    snapped: 'Q 和 P 完全相同。',
  },
  en: {
    fieldP: 'True distribution P',
    fieldsHint: 'Separate entries with commas: 1/8, 0.125, 12.5%, or weights such as 2, 1, 1 (rescaled to sum to 1).',
    fieldQ: 'Model Q (entry for entry with P)',
    outcome: 'Outcome',
    barsP: 'P (true)',
    barsQ: 'Q (model)',
    addOutcome: 'Add an outcome',
    removeOutcome: (p) => `Remove “${p.label}”`,
    nameOutcome: (p) => `Name of outcome ${p.i}`,
    sliderP: (p) => `P(${p.label})`,
    sliderQ: (p) => `Q(${p.label})`,
    valueText: (p) => `${p.label}: ${p.which} = ${p.value}`,
    rescaledP: (p) => `P’s weights add up to ${p.sum}; they were rescaled to sum to 1.`,
    rescaledQ: (p) => `Q’s weights add up to ${p.sum}; they were rescaled to sum to 1.`,
    snapped: 'Q is exactly P.',
  },
};

/** Merges message tables: later tables win. */
export function mergeMessages(...tables) {
  const out = { zh: {}, en: {} };
  for (const t of tables) for (const l of ['zh', 'en']) Object.assign(out[l], t[l] || {});
  return out;
}

/**
 * The P/Q editor. Subclasses set static defaults { p, q } (text) and implement render() (called by
 * update() after the editor's state is good) and may override pqChanged().
 */
export class PQElement extends BitElement {
  static observedAttributes = [...BitElement.observedAttributes, 'p', 'q', 'labels'];

  // A model that ranks the teams backwards: codeword lengths differ, so the sampling demo moves.
  static defaults = { p: '0.5, 0.25, 0.125, 0.125', q: '0.125, 0.125, 0.25, 0.5' };

  /** CSS and strings of the editor, for subclasses to include in their own. */
  static sharedStyles = PQ_CSS;
  static sharedMessages = PQ_MESSAGES;

  p = null;                 // last good probabilities (numbers), same length as q
  q = null;
  normalized = { p: false, q: false };
  _texts = { p: null, q: null };     // what the fields hold (the reader's text)
  _cand = { p: null, q: null };      // last good parse of each field: { weights, probs, sum }
  _dirty = { p: true, q: true };
  _typed = { p: false, q: false };    // typed by the reader since the last reflection
  _lastEdited = 'q';
  _labels = null;          // explicit labels (attribute or renamed), or null for localized defaults
  _rowsFor = -1;           // outcome count the rows were built for
  _drag = null;

  // ---------------------------------------------------------------- building
  buildEditor(body) {
    const fields = document.createElement('div');
    fields.className = 'fields';
    this.fieldP = this.makeField({ key: 'p', labelKey: 'fieldP', value: '' });
    this.fieldQ = this.makeField({ key: 'q', labelKey: 'fieldQ', value: '' });
    this.fieldP.input.classList.add('p-field');
    this.fieldQ.input.classList.add('q-field');
    this.noticeP = document.createElement('p');
    this.noticeP.className = 'notice-line';
    this.noticeP.setAttribute('role', 'status');
    this.noticeQ = document.createElement('p');
    this.noticeQ.className = 'notice-line';
    this.noticeQ.setAttribute('role', 'status');
    this.fieldP.wrap.append(this.noticeP);
    this.fieldQ.wrap.append(this.noticeQ);
    const hint = document.createElement('p');
    hint.className = 'fields-hint small muted';
    hint.dataset.i18n = 'fieldsHint';
    hint.id = `${this._uid}-fields-hint`;
    fields.append(this.fieldP.wrap, this.fieldQ.wrap, hint);
    for (const f of [this.fieldP, this.fieldQ]) {
      f.input.setAttribute('aria-describedby', `${f.input.getAttribute('aria-describedby') || ''} ${hint.id}`.trim());
    }
    for (const which of ['p', 'q']) {
      const input = which === 'p' ? this.fieldP.input : this.fieldQ.input;
      this.listen(input, 'input', () => {
        this._texts[which] = input.value;
        this._dirty[which] = true;
        this._typed[which] = true;
        this._lastEdited = which;
        this.requestUpdate();
      });
    }

    this.rows = document.createElement('div');
    this.rows.className = 'rows';
    this.rows.setAttribute('role', 'group');

    const actions = document.createElement('div');
    actions.className = 'actions';
    this.addButton = document.createElement('button');
    this.addButton.type = 'button';
    this.addButton.className = 'add';
    this.addButton.dataset.i18n = 'addOutcome';
    this.listen(this.addButton, 'click', () => this.addOutcome());
    actions.append(this.addButton);
    this.editorActions = actions;

    body.append(fields, this.rows, actions);

    // Initial texts: attributes win, else the element's defaults.
    for (const which of ['p', 'q']) {
      const attr = this.getAttribute(which);
      this._texts[which] = attr != null ? attr : this.constructor.defaults[which];
      (which === 'p' ? this.fieldP : this.fieldQ).input.value = this._texts[which];
    }
    this._labels = splitLabels(this.getAttribute('labels'));
  }

  attributeChanged(name, value) {
    if (name === 'p' || name === 'q') {
      const text = value != null ? value : this.constructor.defaults[name];
      this._texts[name] = text;
      (name === 'p' ? this.fieldP : this.fieldQ).input.value = text;
      this._dirty[name] = true;
      if (this.ready) this._lastEdited = name;
    } else if (name === 'labels') {
      this._labels = splitLabels(value);
      this._rowsFor = -1;
    }
  }

  labelAt(i) {
    const l = this._labels && this._labels[i];
    return l ? l : defaultLabel(this.lang, i);
  }

  get labels() {
    const n = this.p ? this.p.length : 0;
    return Array.from({ length: n }, (_, i) => this.labelAt(i));
  }

  // ---------------------------------------------------------------- parsing the fields
  _parseField(which) {
    const text = this._texts[which] ?? '';
    const r = this.attempt(which, () => {
      const weights = this.api.parseDistribution(text);
      percentOverflow(this.api, text);
      return weights;
    }, text);
    this._dirty[which] = false;
    if (!r.ok) return false;
    const weights = Array.from(r.value);
    const probs = toProbabilities(weights);
    if (!probs) { // every weight 0: nothing to rescale
      this.setFieldError(which, 'OUT_OF_RANGE', { input: text });
      return false;
    }
    const sum = weights.reduce((a, b) => a + b, 0);
    const exact = Math.abs(sum - 1) <= SUM_TOLERANCE;
    this._cand[which] = { probs: exact ? weights : probs, normalized: !exact, sum };
    return true;
  }

  /** Brings p/q up to date with the fields; false when nothing good is available yet. */
  syncEditor() {
    let changed = false;
    let parsed = false;
    for (const which of ['p', 'q']) {
      if (!this._dirty[which]) continue;
      parsed = true;
      changed = this._parseField(which) || changed;
    }
    const cp = this._cand.p;
    const cq = this._cand.q;
    if (!cp || !cq) return this.p !== null;
    if (cp.probs.length !== cq.probs.length) {
      if (!parsed) return this.p !== null; // already reported; don't make it the newest error again
      const key = this._lastEdited;
      const other = key === 'p' ? 'q' : 'p';
      if (this._mismatchKey === other) this.clearFieldError(other);
      this.setFieldError(key, 'LENGTH_MISMATCH', { n: cp.probs.length, m: cq.probs.length });
      this._mismatchKey = key;
      return this.p !== null;
    }
    if (this._mismatchKey) { this.clearFieldError(this._mismatchKey); this._mismatchKey = null; }
    if (changed || this.p === null) {
      this.p = cp.probs.slice();
      this.q = cq.probs.slice();
      this.normalized = { p: cp.normalized, q: cq.normalized };
      // What the reader typed (and the core accepted) becomes the attribute, as typed.
      for (const which of ['p', 'q']) {
        if (this._typed[which]) { this.reflect(which, this._texts[which]); this._typed[which] = false; }
      }
      setText(this.noticeP, cp.normalized ? this.t('rescaledP', { sum: formatNumber(cp.sum, { decimals: 6 }) }) : '');
      setText(this.noticeQ, cq.normalized ? this.t('rescaledQ', { sum: formatNumber(cq.sum, { decimals: 6 }) }) : '');
    }
    return true;
  }

  // ---------------------------------------------------------------- reader edits
  /** Sets one probability; the other outcomes of that distribution rescale to keep the sum 1. */
  setProbability(which, i, value) {
    const arr = which === 'p' ? this.p : this.q;
    if (!arr || i < 0 || i >= arr.length) return;
    const n = arr.length;
    let next;
    if (n === 1) {
      next = [1];
    } else {
      const v = Math.min(UNITS_PER_ONE, Math.max(0, Math.round(value * UNITS_PER_ONE)));
      const others = arr.filter((_, j) => j !== i);
      const units = apportion(others, UNITS_PER_ONE - v);
      next = [];
      for (let j = 0, k = 0; j < n; j++) next.push(j === i ? v / UNITS_PER_ONE : units[k++] / UNITS_PER_ONE);
    }
    const other = which === 'p' ? this.q : this.p;
    const distance = next.reduce((s, x, j) => s + Math.abs(x - other[j]), 0);
    this._snapped = distance < SNAP_DISTANCE;
    if (this._snapped) next = other.slice();
    this.replaceDistribution(which, next);
  }

  /** Replaces P or Q by probabilities (same length), updating field, attribute and result. */
  replaceDistribution(which, values) {
    this[which] = values;
    this.normalized[which] = false;
    const text = distributionText(values);
    this._texts[which] = text;
    this._cand[which] = { probs: values.slice(), normalized: false, sum: 1 };
    this._dirty[which] = false;
    (which === 'p' ? this.fieldP : this.fieldQ).input.value = text;
    setText(which === 'p' ? this.noticeP : this.noticeQ, '');
    this.clearFieldError(which);
    if (this._mismatchKey) { this.clearFieldError(this._mismatchKey); this._mismatchKey = null; }
    this.reflect(which, text);
    this.requestUpdate();
  }

  /**
   * A titled <section> holding a table in a keyboard-scrollable region (wide tables scroll
   * sideways on phones instead of widening the page). Returns { section, table }.
   */
  makeTableSection(className, titleKey) {
    const section = document.createElement('section');
    section.className = className;
    const title = document.createElement('h4');
    title.dataset.i18n = titleKey;
    const wrap = document.createElement('div');
    wrap.className = 'table-wrap';
    wrap.tabIndex = 0;
    wrap.setAttribute('role', 'region');
    wrap.dataset.i18nAria = titleKey;
    const table = document.createElement('table');
    wrap.append(table);
    section.append(title, wrap);
    return { section, table };
  }

  /** Preset buttons from [i18n key, P text, Q text, labels {zh, en} | null] rows. */
  makePQPresets(rows) {
    const items = rows.map(([key, p, q, labels]) => ({ key, p, q, labels }));
    return this.makePresets(items, ({ p, q, labels }) => this.applyPreset(p, q, labels ? labels[this.lang] : null),
      { label: false, pressed: false }).element;
  }

  /** Replaces P, Q and labels by a preset's texts (as if typed). */
  applyPreset(p, q, labels) {
    this.clearAllErrors();
    // A preset without names keeps the reader's (or the page's) names for the outcomes.
    if (labels) {
      this._labels = splitLabels(labels);
      this.reflect('labels', labels);
    }
    this._rowsFor = -1;
    for (const [which, text] of [['p', p], ['q', q]]) {
      this._texts[which] = text;
      (which === 'p' ? this.fieldP : this.fieldQ).input.value = text;
      this._dirty[which] = true;
      this.reflect(which, text);
    }
    this.requestUpdate();
  }

  /** Q := P exactly (D(P‖Q) becomes exactly 0). */
  snapQToP() {
    if (!this.p) return;
    this._snapped = true;
    this.replaceDistribution('q', this.p.slice());
  }

  addOutcome() {
    if (!this.p) return;
    const n = this.p.length;
    if (this._labels) this._labels = Array.from({ length: n + 1 }, (_, i) => this.labelAt(i));
    this.p = [...this.p, 0];
    this.q = [...this.q, 0];
    this._reflectAll();
    this.requestUpdate();
  }

  removeOutcome(i) {
    if (!this.p || this.p.length <= 2) return;
    const cut = (arr) => {
      const rest = arr.filter((_, j) => j !== i);
      const units = apportion(rest, UNITS_PER_ONE);
      const s = rest.reduce((a, b) => a + b, 0);
      // Keep the exact numbers when nothing was removed; otherwise rescale in millionths.
      return s === 1 ? rest : units.map((u) => u / UNITS_PER_ONE);
    };
    const labels = this.labels.filter((_, j) => j !== i);
    if (this._labels) this._labels = labels;
    this.p = cut(this.p);
    this.q = cut(this.q);
    this._reflectAll();
    this._focusAfterRebuild = { index: Math.min(i, this.p.length - 1) };
    this.requestUpdate();
  }

  renameOutcome(i, name) {
    const labels = this.labels;
    labels[i] = name;
    this._labels = labels;
    // A comma would split the label in the attribute: reflect it as a space.
    this.reflect('labels', labels.map((l) => l.replace(/[,，、]/g, ' ')).join(','));
    this.requestUpdate();
  }

  _reflectAll() {
    for (const which of ['p', 'q']) {
      const text = distributionText(this[which]);
      this._cand[which] = { probs: this[which].slice(), normalized: false, sum: 1 };
      this._dirty[which] = false;
      this.normalized[which] = false;
      this.reflect(which, text);
      // A field holding refused text keeps it (and its message): nothing the reader typed is lost.
      if (this.hasFieldError(which) && this._mismatchKey !== which) continue;
      this._texts[which] = text;
      (which === 'p' ? this.fieldP : this.fieldQ).input.value = text;
      this.clearFieldError(which);
    }
    setText(this.noticeP, '');
    setText(this.noticeQ, '');
    this._mismatchKey = null;
    if (this._labels) this.reflect('labels', this.labels.map((l) => l.replace(/[,，、]/g, ' ')).join(','));
  }

  // ---------------------------------------------------------------- deferred drawing
  /**
   * Runs fn (the tables, formulas, code and sampling: everything but the numbers and bars) now,
   * or, while a bar is being dragged, at most every 150 ms and once when the drag ends, so a drag
   * stays within a frame.
   */
  secondary(fn) {
    this._secondaryFn = fn;
    if (!this._drag) { this._flushSecondary(); return; }
    if (!this._secondaryTimer) this._secondaryTimer = setTimeout(() => this._flushSecondary(), 150);
  }

  _flushSecondary() {
    clearTimeout(this._secondaryTimer);
    this._secondaryTimer = 0;
    const fn = this._secondaryFn;
    this._secondaryFn = null;
    if (fn) this._guard(fn);
  }

  // ---------------------------------------------------------------- rows
  renderRows() {
    const n = this.p.length;
    if (this._rowsFor !== n || this._rowsLang !== this.lang) this._buildRows(n);
    for (let i = 0; i < n; i++) {
      const row = this._rowEls[i];
      const label = this.labelAt(i);
      if (this.root.activeElement !== row.name && row.name.value !== label) row.name.value = label;
      row.name.setAttribute('aria-label', this.t('nameOutcome', { i: i + 1 }));
      row.remove.setAttribute('aria-label', this.t('removeOutcome', { label }));
      row.remove.disabled = n <= 2;
      for (const which of ['p', 'q']) {
        const bar = row[which];
        const value = this[which][i];
        bar.fill.style.width = `${(value * 100).toFixed(3)}%`;
        setText(bar.val, `${which.toUpperCase()} ${formatNumber(value)}`);
        bar.track.setAttribute('aria-valuenow', String(value));
        bar.track.setAttribute('aria-valuetext', this.t('valueText', { label, which: which.toUpperCase(), value: formatNumber(value) }));
        bar.track.setAttribute('aria-label', this.t(which === 'p' ? 'sliderP' : 'sliderQ', { label }));
        bar.track.classList.toggle('snapped', which === 'q' && this.p.every((x, j) => x === this.q[j]));
      }
    }
    if (this._focusAfterRebuild) {
      const { index } = this._focusAfterRebuild;
      this._focusAfterRebuild = null;
      const row = this._rowEls[index];
      if (row) (row.remove.disabled ? row.name : row.remove).focus();
    }
  }

  _buildRows(n) {
    const focused = this.root.activeElement;
    const focusInfo = focused && focused.dataset ? { which: focused.dataset.which, index: focused.dataset.index } : null;
    this._rowsFor = n;
    this._rowsLang = this.lang;
    this.rows.textContent = '';
    const head = document.createElement('div');
    head.className = 'orow head';
    head.setAttribute('aria-hidden', 'true');
    for (const key of ['outcome', 'barsP', 'barsQ']) {
      const s = document.createElement('span');
      s.textContent = this.t(key);
      head.append(s);
    }
    head.append(document.createElement('span'));
    this.rows.append(head);
    this._rowEls = [];
    for (let i = 0; i < n; i++) {
      const row = document.createElement('div');
      row.className = 'orow';
      const name = document.createElement('input');
      name.type = 'text';
      name.className = 'name';
      name.maxLength = 40;
      name.autocomplete = 'off';
      name.dataset.index = String(i);
      name.dataset.which = 'name';
      this.listen(name, 'input', () => this.renameOutcome(i, name.value));
      const bars = {};
      for (const which of ['p', 'q']) bars[which] = this._makeBar(which, i);
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'remove';
      remove.textContent = '×';
      remove.dataset.index = String(i);
      remove.dataset.which = 'remove';
      this.listen(remove, 'click', () => this.removeOutcome(i));
      row.append(name, bars.p.track, bars.q.track, remove);
      this.rows.append(row);
      this._rowEls.push({ name, remove, ...bars });
    }
    if (focusInfo && focusInfo.which && focusInfo.index != null) {
      const row = this._rowEls[Number(focusInfo.index)];
      const target = row && (focusInfo.which === 'p' || focusInfo.which === 'q' ? row[focusInfo.which].track : row[focusInfo.which]);
      if (target) target.focus();
    }
  }

  _makeBar(which, i) {
    const track = document.createElement('div');
    track.className = `track ${which}`;
    track.tabIndex = 0;
    track.setAttribute('role', 'slider');
    track.setAttribute('aria-valuemin', '0');
    track.setAttribute('aria-valuemax', '1');
    track.setAttribute('aria-orientation', 'horizontal');
    track.dataset.which = which;
    track.dataset.index = String(i);
    const fill = document.createElement('div');
    fill.className = 'fill';
    const val = document.createElement('span');
    val.className = 'val';
    const b = document.createElement('b');
    val.append(b);
    track.append(fill, val);
    const fromPointer = (e) => {
      const rect = track.getBoundingClientRect();
      if (rect.width <= 0) return;
      const v = Math.round(Math.min(1, Math.max(0, (e.clientX - rect.left) / rect.width)) * 1000) / 1000;
      this.setProbability(which, i, v);
    };
    this.listen(track, 'pointerdown', (e) => {
      if (e.button !== undefined && e.button !== 0) return;
      track.focus();
      try { track.setPointerCapture(e.pointerId); } catch { /* synthetic pointers have no capture */ }
      this._drag = { which, i, id: e.pointerId };
      fromPointer(e);
      e.preventDefault();
    });
    this.listen(track, 'pointermove', (e) => {
      if (this._drag && this._drag.which === which && this._drag.i === i) fromPointer(e);
    });
    const end = () => { this._drag = null; this._flushSecondary(); };
    this.listen(track, 'pointerup', end);
    this.listen(track, 'pointercancel', end);
    this.listen(track, 'keydown', (e) => {
      const now = this[which][i];
      const small = e.shiftKey ? 0.001 : 0.01;
      let v = null;
      switch (e.key) {
        case 'ArrowRight': case 'ArrowUp': v = now + small; break;
        case 'ArrowLeft': case 'ArrowDown': v = now - small; break;
        case 'PageUp': v = now + 0.1; break;
        case 'PageDown': v = now - 0.1; break;
        case 'Home': v = 0; break;
        case 'End': v = 1; break;
        default: return;
      }
      e.preventDefault();
      this.setProbability(which, i, Math.min(1, Math.max(0, v)));
    });
    return { track, fill, val: b };
  }
}

// ====================================================================== <bit-cross-entropy>

const CE_CSS = `
.headline { display: flex; flex-wrap: wrap; gap: 4px 18px; align-items: baseline; }
.headline .big { white-space: nowrap; }
.stack { display: grid; gap: 6px; }
.stack-bar { display: flex; height: 34px; width: 100%; border-radius: 6px; overflow: hidden; background: var(--br-surface); border: 1px solid var(--br-border); }
.stack-bar .seg-h { background: var(--br-accent); }
.stack-bar .seg-kl { background: repeating-linear-gradient(135deg, var(--br-accent-2) 0 6px, color-mix(in srgb, var(--br-accent-2) 70%, transparent) 6px 12px); display: flex; align-items: center; justify-content: center; color: var(--br-bg); font-weight: 700; }
.stack-legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 0.92em; font-variant-numeric: tabular-nums; }
.stack-legend i { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 6px; vertical-align: -1px; background: var(--br-accent); }
.stack-legend .kl i { background: var(--br-accent-2); }
.formula > div { margin: 2px 0 6px; }
.gibbs { padding: 10px 12px; border-radius: calc(var(--br-radius) * 0.7); background: var(--br-surface); display: grid; gap: 6px; }
.gibbs h4, .codes h4 { margin: 0; font-size: 1em; }
.gibbs .hint { font-size: 0.95em; }
.codes .table-wrap { overflow-x: auto; max-width: 100%; }
.codes table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.92em; min-width: 100%; }
.codes th, .codes td { padding: 4px 8px; text-align: left; border-bottom: 1px solid var(--br-border); white-space: nowrap; }
.codes td.cw { font-family: var(--br-mono); }
.codes tfoot td { font-weight: 600; }
.codes .summary { font-size: 0.95em; }
.inf { color: var(--br-error); }
${SAMPLING_CSS}
`;

const CE_MESSAGES = {
  zh: {
    title: '交叉熵：用模型 Q 的编码去编码来自 P 的数据',
    presetArticle: '法国 0.99 / 中国 0.01，模型五五开',
    presetDefault: '四支队伍，模型均匀',
    presetSame: 'Q = P',
    presetBackwards: '把强弱完全看反的模型',
    hp: 'H(P)',
    ce: 'H(P,Q)',
    kl: 'D(P‖Q)',
    stackLabel: (p) => `H(P,Q) = H(P) + D(P‖Q)：${p.h} + ${p.kl} = ${p.ce} ${p.u}`,
    legendH: (p) => `H(P) = ${p.h} ${p.u}（按 P 编码的最低代价）`,
    legendKL: (p) => `D(P‖Q) = ${p.kl} ${p.u}（用错模型多付的代价）`,
    legendCE: (p) => `合计 H(P,Q) = ${p.ce} ${p.u}`,
    gibbsTitle: '挑战：找一个 Q，让 H(P,Q) 小于 H(P)',
    gibbsGap: (p) => `现在的差距 H(P,Q) − H(P) = D(P‖Q) = ${p.gap} ${p.u}；你到过的最小差距：${p.best} ${p.u}`,
    gibbsZero: '差距正好是 0：此时 Q = P。这就是最低点，再也不能更低了。',
    gibbsInf: 'Q 给了 P 可能出现的结果概率 0：差距是无穷大。',
    hintButton: '提示：为什么做不到？',
    hint: '做不到。Gibbs 不等式：D(P‖Q) = Σ p·log(p/q) ≥ 0，且当且仅当 Q = P 时等于 0。理由：−D = Σ p·log(q/p) ≤ log Σ p·(q/p) = log Σ_{p>0} q ≤ log 1 = 0（log 是凹函数，Jensen 不等式）。换成编码的话：平均而言，没有哪种编码能胜过按数据自己的分布构造的编码。（注意是 ≥ 0 而不是 > 0：Q = P 时差距恰好为 0。）',
    codesTitle: '真实的编码：霍夫曼码',
    codeOutcome: '结果',
    codeForP: '为 P 构造的码字',
    codeForQ: '为 Q 构造的码字',
    avgLen: '来自 P 的数据的平均码长（bit）',
    noCodeword: '无码字',
    codesSummary: (p) => `为 P 构造的编码：平均 ${p.lp} bit，满足 H(P) = ${p.h} ≤ ${p.lp} < H(P) + 1。为 Q 构造的编码用在 P 的数据上：平均 ${p.lq} bit，多出 ${p.extra} bit——这就是编码层面的 D(P‖Q)（${p.klBits} bit），只是码长必须取整数。`,
    codesSummaryInf: (p) => `为 P 构造的编码：平均 ${p.lp} bit。Q 给某个 P 会出现的结果概率 0，Q 的编码里没有它的码字，所以无法编码来自 P 的数据（码长无穷大）。`,
    codesUnitNote: '码长总是以 bit 计（码字由 0 和 1 组成）。',
    announce: (p) => `H(P) = ${p.h}，H(P,Q) = ${p.ce}，D(P‖Q) = ${p.kl} ${p.u}`,
    formulaLabel: '公式与当前数值',
  },
  en: {
    title: 'Cross-entropy: encoding data from P with the code of a model Q',
    presetArticle: 'France 0.99 / China 0.01, a 50/50 model',
    presetDefault: 'Four teams, a uniform model',
    presetSame: 'Q = P',
    presetBackwards: 'A model that ranks the teams backwards',
    hp: 'H(P)',
    ce: 'H(P,Q)',
    kl: 'D(P‖Q)',
    stackLabel: (p) => `H(P,Q) = H(P) + D(P‖Q): ${p.h} + ${p.kl} = ${p.ce} ${p.u}`,
    legendH: (p) => `H(P) = ${p.h} ${p.u} (the least you can pay: code by P)`,
    legendKL: (p) => `D(P‖Q) = ${p.kl} ${p.u} (the excess for using the wrong model)`,
    legendCE: (p) => `total H(P,Q) = ${p.ce} ${p.u}`,
    gibbsTitle: 'Challenge: find a Q whose H(P,Q) is below H(P)',
    gibbsGap: (p) => `Gap now H(P,Q) − H(P) = D(P‖Q) = ${p.gap} ${p.u}; the smallest gap you reached: ${p.best} ${p.u}`,
    gibbsZero: 'The gap is exactly 0: Q = P. That is the floor; it goes no lower.',
    gibbsInf: 'Q gives probability 0 to an outcome P can produce: the gap is infinite.',
    hintButton: 'Hint: why can’t it be done?',
    hint: 'It can’t. Gibbs’ inequality: D(P‖Q) = Σ p·log(p/q) ≥ 0, with equality exactly when Q = P. Why: −D = Σ p·log(q/p) ≤ log Σ p·(q/p) = log Σ_{p>0} q ≤ log 1 = 0 (log is concave: Jensen’s inequality). In code terms: on average no code beats the one built for the data’s own distribution. (It is ≥ 0, not > 0: when Q = P the gap is exactly 0.)',
    codesTitle: 'Real codes: Huffman',
    codeOutcome: 'Outcome',
    codeForP: 'codeword built for P',
    codeForQ: 'codeword built for Q',
    avgLen: 'average length on data from P (bits)',
    noCodeword: 'none',
    codesSummary: (p) => `The code built for P averages ${p.lp} bits: H(P) = ${p.h} ≤ ${p.lp} < H(P) + 1. The code built for Q, used on data from P, averages ${p.lq} bits, ${p.extra} more: the code-level D(P‖Q) (${p.klBits} bits), with lengths rounded to whole bits.`,
    codesSummaryInf: (p) => `The code built for P averages ${p.lp} bits. Q gives probability 0 to an outcome P produces, so Q’s code has no codeword for it and cannot encode data from P (infinite length).`,
    codesUnitNote: 'Code lengths are always in bits (codewords are made of 0s and 1s).',
    announce: (p) => `H(P) = ${p.h}, H(P,Q) = ${p.ce}, D(P‖Q) = ${p.kl} ${p.u}`,
    formulaLabel: 'Formulas with the current numbers',
  },
};

/** How many substituted terms fit on one formula line of this width (about 170 px each). */
function termsThatFit(width) {
  if (!(width > 0)) return 4;
  return Math.max(2, Math.min(4, Math.floor((width - 60) / 170)));
}

/** TeX for −Σ p log q with the numbers substituted (first `max` terms). */
function texTerms(p, q, logTex, kind, max = 4) {
  const fmt = (x) => formatNumber(x, { decimals: 4 }).replace('\u2212', '-');
  const terms = [];
  for (let i = 0; i < p.length; i++) {
    if (p[i] === 0) continue;
    if (kind === 'ce') terms.push(`${fmt(p[i])} \\cdot ${logTex} ${fmt(q[i])}`);
    else terms.push(`${fmt(p[i])} \\cdot ${logTex}\\frac{${fmt(p[i])}}{${fmt(q[i])}}`);
  }
  const shown = terms.slice(0, max);
  if (terms.length > max) shown.push('\\cdots');
  return shown.join(' + ');
}

export class BitCrossEntropy extends PQElement {
  static observedAttributes = [...PQElement.observedAttributes, 'seed'];
  static styles = PQ_CSS + CE_CSS;
  static messages = mergeMessages(PQ_MESSAGES, CE_MESSAGES);

  _bestGap = Infinity;
  _modelKey = '';

  build(body) {
    const title = document.createElement('h3');
    title.dataset.i18n = 'title';

    const presets = this.makePQPresets([
      ['presetArticle', '0.99, 0.01', '0.5, 0.5', { zh: '法国,中国', en: 'France,China' }],
      ['presetDefault', '0.5, 0.25, 0.125, 0.125', '0.25, 0.25, 0.25, 0.25', null],
      ['presetBackwards', '0.5, 0.25, 0.125, 0.125', '0.125, 0.125, 0.25, 0.5', null],
      ['presetSame', '0.5, 0.25, 0.125, 0.125', '0.5, 0.25, 0.125, 0.125', null],
    ]);

    const headline = document.createElement('div');
    headline.className = 'headline';
    this.bigCE = document.createElement('span');
    this.bigCE.className = 'big ce-value';
    this.smallH = document.createElement('span');
    this.smallH.className = 'num h-value';
    this.smallKL = document.createElement('span');
    this.smallKL.className = 'num kl-value';
    headline.append(this.bigCE, this.smallH, this.smallKL);

    const stack = document.createElement('div');
    stack.className = 'stack';
    this.stackBar = document.createElement('div');
    this.stackBar.className = 'stack-bar';
    this.stackBar.setAttribute('role', 'img');
    this.segH = document.createElement('div');
    this.segH.className = 'seg-h';
    this.segKL = document.createElement('div');
    this.segKL.className = 'seg-kl';
    this.stackBar.append(this.segH, this.segKL);
    const legend = document.createElement('div');
    legend.className = 'stack-legend';
    this.legendH = document.createElement('span');
    this.legendH.className = 'h';
    this.legendKL = document.createElement('span');
    this.legendKL.className = 'kl';
    this.legendCE = document.createElement('span');
    this.legendCE.className = 'ce';
    legend.append(this.legendH, this.legendKL, this.legendCE);
    stack.append(this.stackBar, legend);

    this.formulas = document.createElement('div');
    this.formulas.className = 'formula';
    this.formulas.setAttribute('role', 'group');
    this.formulas.dataset.i18nAria = 'formulaLabel';
    this.texCE = document.createElement('div');
    this.texTerms = document.createElement('div');
    this.texSum = document.createElement('div');
    this.texKL = document.createElement('div');
    this.formulas.append(this.texCE, this.texTerms, this.texSum, this.texKL);

    // Gibbs challenge
    const gibbs = document.createElement('section');
    gibbs.className = 'gibbs';
    const gt = document.createElement('h4');
    gt.dataset.i18n = 'gibbsTitle';
    this.gibbsGap = document.createElement('p');
    this.gibbsGap.className = 'gibbs-gap num';
    this.gibbsState = document.createElement('p');
    this.gibbsState.className = 'gibbs-state';
    this.hintButton = document.createElement('button');
    this.hintButton.type = 'button';
    this.hintButton.className = 'hint-button';
    this.hintButton.dataset.i18n = 'hintButton';
    this.hintButton.setAttribute('aria-expanded', 'false');
    this.hint = document.createElement('p');
    this.hint.className = 'hint';
    this.hint.id = `${this._uid}-hint`;
    this.hint.dataset.i18n = 'hint';
    this.hint.hidden = true;
    this.hintButton.setAttribute('aria-controls', this.hint.id);
    this.listen(this.hintButton, 'click', () => {
      this.hint.hidden = !this.hint.hidden;
      this.hintButton.setAttribute('aria-expanded', String(!this.hint.hidden));
    });
    const hintRow = document.createElement('div');
    hintRow.append(this.hintButton);
    gibbs.append(gt, this.gibbsGap, this.gibbsState, hintRow, this.hint);

    // Codes
    const { section: codes, table: codeTable } = this.makeTableSection('codes', 'codesTitle');
    this.codeTable = codeTable;
    this.codesSummary = document.createElement('p');
    this.codesSummary.className = 'summary';
    this.codesUnitNote = document.createElement('p');
    this.codesUnitNote.className = 'small muted';
    codes.append(this.codesSummary, this.codesUnitNote);

    this.sampling = new SamplingPanel({
      lang: this.lang,
      seed: this._initialSeed(),
      onSeed: (seed) => this.reflect('seed', String(seed)),
    });

    this.snippet = document.createElement('bit-code-snippet');

    body.append(title, presets);
    this.buildEditor(body);
    body.append(headline, stack, this.formulas, gibbs, codes, this.sampling.element, this.snippet);
  }

  _initialSeed() {
    const raw = this.getAttribute('seed');
    const n = raw == null ? 1 : Number(raw);
    return Number.isSafeInteger(n) && n >= 0 ? n : 1;
  }

  attributeChanged(name, value) {
    if (name === 'seed') {
      if (value != null) this.sampling.seed = value;
      return;
    }
    super.attributeChanged(name, value);
    this._bestGap = Infinity;
  }

  applyPreset(p, q, labels) {
    super.applyPreset(p, q, labels);
    this._bestGap = Infinity;
  }

  localize() {
    if (this.sampling) this.sampling.setLang(this.lang);
  }

  fallback(lang) {
    return lang === 'en'
      ? 'France 0.99 / China 0.01 (P) against a 50/50 model (Q): H(P) ≈ 0.0808 bit, H(P,Q) = 1 bit, D(P‖Q) ≈ 0.9192 bit; H(P,Q) = H(P) + D(P‖Q), and D(P‖Q) ≥ 0 with equality only when Q = P.'
      : '法国 0.99 / 中国 0.01（P）对一个五五开的模型（Q）：H(P) ≈ 0.0808 bit，H(P,Q) = 1 bit，D(P‖Q) ≈ 0.9192 bit；H(P,Q) = H(P) + D(P‖Q)，且 D(P‖Q) ≥ 0，仅当 Q = P 时等于 0。';
  }

  update() {
    this.checkUnit(); // BAD_BASE for an unknown unit; the numbers stay in bits meanwhile
    if (!this.syncEditor()) return;
    const api = this.api;
    const { p, q } = this;
    const opts = { base: this.base };
    const r = this.attempt('_', () => ({
      entropy: api.entropy(p, opts),
      crossEntropy: api.crossEntropy(p, q, opts),
      kl: api.klDivergence(p, q, opts),
      entropyBits: api.entropy(p, { base: 2 }),
      klBits: api.klDivergence(p, q, { base: 2 }),
      codeP: api.huffman(p),
      codeQ: api.huffman(q),
      lengthQ: api.expectedCodeLength(p, q),
    }));
    if (!r.ok) return;
    const v = r.value;
    const unit = this.unit;
    const u = this.unitInfo.symbol;
    const f = (x) => this.fmt(x);
    this.renderRows();

    setText(this.bigCE, `H(P,Q) = ${f(v.crossEntropy)} ${u}`);
    setText(this.smallH, `H(P) = ${f(v.entropy)} ${u}`);
    setText(this.smallKL, `D(P‖Q) = ${f(v.kl)} ${u}`);

    // Stacked bar: H(P) then the KL excess; the scale leaves room up to log n.
    const logN = Math.log(Math.max(2, p.length)) / Math.log(this.base);
    const finite = Number.isFinite(v.crossEntropy);
    const scale = Math.max(logN, finite ? v.crossEntropy : v.entropy * 1.5, 1e-12) * 1.05;
    this.segH.style.width = `${(100 * v.entropy / scale).toFixed(3)}%`;
    this.segKL.style.width = finite ? `${(100 * v.kl / scale).toFixed(3)}%` : `${(100 - 100 * v.entropy / scale).toFixed(3)}%`;
    setText(this.segKL, finite ? '' : '∞');
    const params = { h: f(v.entropy), kl: f(v.kl), ce: f(v.crossEntropy), u };
    this.stackBar.setAttribute('aria-label', this.t('stackLabel', params));
    setText(this.legendH, '');
    this.legendH.replaceChildren(document.createElement('i'), this.t('legendH', params));
    this.legendKL.replaceChildren(document.createElement('i'), this.t('legendKL', params));
    setText(this.legendCE, this.t('legendCE', params));

    // Gibbs challenge: the gap is the core's KL (never negative; exactly 0 when Q = P).
    if (v.kl < this._bestGap) this._bestGap = v.kl;
    setText(this.gibbsGap, this.t('gibbsGap', { gap: f(v.kl), best: f(this._bestGap), u }));
    setText(this.gibbsState, v.kl === 0 ? this.t('gibbsZero') : (v.kl === Infinity ? this.t('gibbsInf') : ''));
    this.gibbsState.classList.toggle('inf', v.kl === Infinity);

    this.secondary(() => {
      // Formulas with the live numbers.
      const log = this.unitInfo.log;
      const tu = `\\ ${this.unitInfo.tex}`;
      const tex = (x) => (x === Infinity ? '\\infty' : formatNumber(x).replace('\u2212', '-'));
      // One short formula per line: Chromium's MathML ignores aligned's column alignment, and short
      // lines fit a phone without scrolling.
      renderTex(this.texCE, `H(P,Q) = -\\sum_i p_i ${log} q_i = ${tex(v.crossEntropy)}${tu}`);
      renderTex(this.texTerms, `= -\\left(${texTerms(p, q, log, 'ce', termsThatFit(this.formulas.clientWidth))}\\right)`);
      renderTex(this.texSum, `H(P,Q) = H(P) + D_{\\mathrm{KL}}(P \\text{‖} Q) = ${tex(v.entropy)} + ${tex(v.kl)}`);
      renderTex(this.texKL, `D_{\\mathrm{KL}}(P \\text{‖} Q) = \\sum_i p_i ${log}\\frac{p_i}{q_i} \\ge 0`);

      this._renderCodes(v);

      // Sampling: a new model resets the run.
      const key = `${p.join(',')}|${q.join(',')}|${unit}|${this.labels.join('\u0001')}`;
      if (key !== this._modelKey) {
        this._modelKey = key;
        this.sampling.setModel({
          api, p, q, labels: this.labels, unit, crossEntropy: v.crossEntropy,
          codeQ: v.codeQ, codeLengthQ: v.lengthQ,
        });
      }

      this.snippet.update('cross-entropy', {
        p, q, labels: this.labels, unit,
        entropy: v.entropy, crossEntropy: v.crossEntropy, kl: v.kl,
      }, this.lang);
    });

    const result = { entropy: v.entropy, crossEntropy: v.crossEntropy, kl: v.kl, unit };
    // The first result (page load) is not announced: only what changes after the reader acts.
    this.commit(result, this._announced ? this.t('announce', params) : undefined);
    this._announced = true;
  }

  _renderCodes(v) {
    const { p, q } = this;
    const t = (k, params) => this.t(k, params);
    const table = this.codeTable;
    table.textContent = '';
    const thead = table.createTHead();
    const hr = thead.insertRow();
    for (const text of [t('codeOutcome'), 'p', 'q', t('codeForP'), t('codeForQ')]) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = text;
      hr.append(th);
    }
    const tbody = table.createTBody();
    for (let i = 0; i < p.length; i++) {
      const tr = tbody.insertRow();
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = this.labelAt(i);
      tr.append(th);
      tr.insertCell().textContent = formatNumber(p[i]);
      tr.insertCell().textContent = formatNumber(q[i]);
      for (const code of [v.codeP, v.codeQ]) {
        const cell = tr.insertCell();
        cell.className = 'cw';
        const len = code.lengths[i];
        cell.textContent = len > 0 ? `${code.codewords[i]} (${len})` : t('noCodeword');
      }
    }
    const tfoot = table.createTFoot();
    const fr = tfoot.insertRow();
    const label = fr.insertCell();
    label.colSpan = 3;
    label.textContent = t('avgLen');
    fr.insertCell().textContent = formatNumber(v.codeP.expectedLength);
    const lq = fr.insertCell();
    lq.textContent = formatNumber(v.lengthQ);
    lq.classList.toggle('inf', v.lengthQ === Infinity);
    if (Number.isFinite(v.lengthQ)) {
      setText(this.codesSummary, t('codesSummary', {
        lp: formatNumber(v.codeP.expectedLength), h: formatNumber(v.entropyBits),
        lq: formatNumber(v.lengthQ), extra: formatNumber(v.lengthQ - v.codeP.expectedLength),
        klBits: formatNumber(v.klBits),
      }));
    } else {
      setText(this.codesSummary, t('codesSummaryInf', { lp: formatNumber(v.codeP.expectedLength) }));
    }
    setText(this.codesUnitNote, this.unit === 'bit' ? '' : t('codesUnitNote'));
  }
}

defineElement('bit-cross-entropy', BitCrossEntropy);
