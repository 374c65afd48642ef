// <bit-entropy p="0.99,0.01" labels="法国,中国">: the entropy H(P) = Σ p·(−log p) of a distribution
// over teams. Bars the reader drags (pointer and keyboard; the other teams rescale proportionally so
// the total stays 1), values to type, teams to add, remove and rename. Each team's share
// p·(−log p) is shown as a segment of the entropy strip, whose end is the ceiling log n.
// Weights that do not sum to 1 ("2,1,1") are rescaled, with a notice, and normalized: true.
// Result { probabilities, entropy, maxEntropy, normalized, unit }.
//
// Dragging updates the existing SVG nodes in place (no DOM rebuild); formula, code snippet and
// screen-reader announcement follow once per animation frame.
import { BitElement, defineElement } from './base.js';
import { renderTex } from './katex.js';
import { formatNumber, formatPercent, formatPlain, probabilityTex, texNumber, UNITS } from './format.js';
import { createChart, observeWidth, svgEl, setText, setAttr, clamp } from './chart.js';
import { pythonSnippet } from './code-snippet.js';

const MAX_TEAMS = 16;
const SUM_TOLERANCE = 1e-9;

const TEAM_NAMES = {
  zh: ['巴西', '阿根廷', '法国', '德国', '西班牙', '英格兰', '葡萄牙', '中国'],
  en: ['Brazil', 'Argentina', 'France', 'Germany', 'Spain', 'England', 'Portugal', 'China'],
};

const MESSAGES = {
  zh: {
    title: '熵：整个系统平均有多不确定',
    presetEight: '8 队平分 → 3 bit',
    presetFrance: '法国 0.99 / 中国 0.01',
    fieldList: '全部概率（逗号分隔，也可输入权重如 2, 1, 1）',
    teamName: '队名',
    teamP: '概率',
    defaultTeam: ({ k }) => `球队 ${k}`,
    add: '＋ 添加球队',
    removeTeam: ({ name }) => `删除 ${name}`,
    renameTeam: ({ k }) => `第 ${k} 队的名字`,
    probOf: ({ name }) => `${name} 的夺冠概率`,
    share: ({ v, unit }) => `贡献 p·(−log p) = ${v} ${unit}`,
    chartLabel: '概率柱状图：拖动柱子或用方向键调整，其余球队按比例缩放使总和保持为 1；下方条带是每队对熵的贡献，右端是上限 log n',
    ceiling: ({ v, unit, n }) => `上限 log n = ${v} ${unit}（${n} 队平分时）`,
    hLabel: ({ v, unit }) => `H = ${v} ${unit}`,
    normalized: ({ weights, sum, probs }) => `你给的权重 ${weights} 加起来是 ${sum}，不是 1，已按比例缩放为 ${probs}。`,
    vsMax: ({ v, unit }) => `上限 ${v} ${unit}`,
    lastTeam: '至少要保留一支球队。',
    announce: ({ h, unit, n }) => `${n} 支球队，熵 ${h} ${unit}`,
    valueText: ({ name, p }) => `${name} ${p}`,
    fallback: '冠军在 8 支球队中均匀分布（每队 1/8）时，熵 H = Σ 1/8 · (−log₂ 1/8) = 3 bit；若只有法国（0.99）和中国（0.01），H = 0.99·(−log₂ 0.99) + 0.01·(−log₂ 0.01) ≈ 0.0808 bit。',
  },
  en: {
    title: 'Entropy: how uncertain is the whole system, on average?',
    presetEight: '8 equal teams → 3 bit',
    presetFrance: 'France 0.99 / China 0.01',
    fieldList: 'All probabilities (comma-separated; weights such as 2, 1, 1 work too)',
    teamName: 'Team',
    teamP: 'Probability',
    defaultTeam: ({ k }) => `Team ${k}`,
    add: '+ Add a team',
    removeTeam: ({ name }) => `Remove ${name}`,
    renameTeam: ({ k }) => `Name of team ${k}`,
    probOf: ({ name }) => `Probability that ${name} wins`,
    share: ({ v, unit }) => `share p·(−log p) = ${v} ${unit}`,
    chartLabel: 'Probability bars: drag a bar or use the arrow keys; the other teams rescale so the total stays 1. The strip below shows each team’s share of the entropy; its right end is the ceiling log n',
    ceiling: ({ v, unit, n }) => `ceiling log n = ${v} ${unit} (${n} equal teams)`,
    hLabel: ({ v, unit }) => `H = ${v} ${unit}`,
    normalized: ({ weights, sum, probs }) => `Your weights ${weights} add up to ${sum}, not 1; they were rescaled to ${probs}.`,
    vsMax: ({ v, unit }) => `ceiling ${v} ${unit}`,
    lastTeam: 'At least one team must stay.',
    announce: ({ h, unit, n }) => `${n} teams, entropy ${h} ${unit}`,
    valueText: ({ name, p }) => `${name} ${p}`,
    fallback: 'With the champion uniform over 8 teams (1/8 each), H = Σ 1/8 · (−log₂ 1/8) = 3 bits; with only France (0.99) and China (0.01), H = 0.99·(−log₂ 0.99) + 0.01·(−log₂ 0.01) ≈ 0.0808 bits.',
  },
};

const STYLES = `
.headline { display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: baseline; }
.notice-normalized { color: var(--br-fg); background: var(--br-surface); border-left: 4px solid var(--br-accent-2); padding: 6px 10px; border-radius: 6px; font-size: 0.92em; }
.bars .bar { fill: var(--br-accent); }
.bars .hit { fill: transparent; cursor: ns-resize; touch-action: none; }
.bars .bar-g { outline: none; }
.bars .ring { fill: none; stroke: var(--br-focus); stroke-width: 3; display: none; }
.bars .bar-g:focus-visible .ring, .bars .bar-g.dragging .ring { display: block; }
.bars .val { font-size: 12px; font-weight: 600; }
.bars .name { font-size: 12px; fill: var(--br-muted); }
.bars .seg0 { fill: var(--br-accent); }
.bars .seg1 { fill: var(--br-accent-2); }
.bars .strip-bg { fill: var(--br-surface); stroke: var(--br-border); }
.bars .ceil { stroke: var(--br-fg); stroke-width: 2; }
.bars .hl { font-size: 12px; font-weight: 650; }
.bars .ceil-label { font-size: 12px; fill: var(--br-muted); }
.bars svg, svg.bars { user-select: none; -webkit-user-select: none; }
.team-list { container-type: inline-size; display: grid; gap: 6px; }
.teams { display: grid; gap: 6px; }
.team, .team-head { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 7.5em) 44px; gap: 2px 6px; align-items: center; }
.team-head { font-size: 0.85em; color: var(--br-muted); }
.team .name { grid-area: 1 / 1; }
.team .p { grid-area: 1 / 2; }
.team .rm { grid-area: 1 / 3; padding: 0; font-size: 1.2em; line-height: 1; }
.team .share { grid-area: 2 / 1 / 3 / -1; font-size: 0.85em; color: var(--br-muted); }
.team .field-msg { grid-area: 3 / 1 / 4 / -1; }
.team input { min-width: 0; }
/* wide: one line per team, the share in its own column */
@container (min-width: 560px) {
  .team, .team-head { grid-template-columns: minmax(0, 1fr) minmax(0, 7.5em) minmax(0, 15em) 44px; }
  .team .rm { grid-area: 1 / 4; }
  .team .share { grid-area: 1 / 3; }
  .team .field-msg { grid-area: 2 / 1 / 3 / -1; }
}
`;

let teamSeq = 0;

export class BitEntropy extends BitElement {
  static observedAttributes = [...BitElement.observedAttributes, 'p', 'labels'];
  static styles = STYLES;
  static messages = MESSAGES;

  build(body) {
    this.teams = []; // { id, label|null, p, text }
    this._listText = this.getAttribute('p') ?? '0.99,0.01';
    this._labelsAttr = this.getAttribute('labels') ?? '法国,中国';
    this._normalizedInfo = null; // { weights, sum } while showing the rescale notice
    this._frame = 0;
    this._drag = null;

    const title = document.createElement('h3');
    title.dataset.i18n = 'title';

    const { element: presets, buttons } = this.makePresets(
      [{ key: 'presetEight', which: 'eight' }, { key: 'presetFrance', which: 'france' }],
      ({ which }) => this.applyPreset(which));
    [this.presetEight, this.presetFrance] = buttons.map(({ b }) => b);

    const headline = document.createElement('div');
    headline.className = 'headline';
    this.bigEl = document.createElement('p');
    this.bigEl.className = 'big';
    this.maxEl = document.createElement('p');
    this.maxEl.className = 'muted';
    headline.append(this.bigEl, this.maxEl);

    this.normNotice = document.createElement('p');
    this.normNotice.className = 'notice-normalized';
    this.normNotice.setAttribute('role', 'status');
    this.normNotice.hidden = true;

    this.formulaEl = document.createElement('div');
    this.formulaLines = [0, 1, 2].map(() => {
      const line = document.createElement('div');
      line.className = 'formula';
      this.formulaEl.append(line);
      return line;
    });

    const chartBox = document.createElement('div');
    chartBox.className = 'chart-box';
    this.chart = createChart(chartBox, { height: 250, className: 'bars' });
    this.chart.svg.dataset.i18nAria = 'chartLabel';
    this.chart.svg.setAttribute('role', 'group');
    this._chartBox = chartBox;

    const list = this.makeField({ key: 'list', labelKey: 'fieldList', value: this._listText, inputmode: 'decimal' });
    this.listInput = list.input;
    this.listen(this.listInput, 'input', () => this.onListInput());

    const teamHead = document.createElement('div');
    teamHead.className = 'team-head';
    teamHead.setAttribute('aria-hidden', 'true'); // each input has its own aria-label
    const h1 = document.createElement('span'); h1.dataset.i18n = 'teamName';
    const h2 = document.createElement('span'); h2.dataset.i18n = 'teamP';
    teamHead.append(h1, h2);
    const teamList = document.createElement('div');
    teamList.className = 'team-list';
    this.teamsEl = document.createElement('div');
    this.teamsEl.className = 'teams';
    this.addButton = document.createElement('button');
    this.addButton.type = 'button';
    this.addButton.dataset.i18n = 'add';
    this.listen(this.addButton, 'click', () => this.addTeam());
    const addRow = document.createElement('div');
    addRow.className = 'row';
    addRow.append(this.addButton);

    this.snippet = document.createElement('bit-code-snippet');

    teamList.append(teamHead, this.teamsEl, addRow);
    body.append(title, presets, headline, this.normNotice, this.formulaEl, chartBox, list.wrap,
      teamList, this.snippet);

    // pointer dragging on the chart
    const svg = this.chart.svg;
    this.listen(svg, 'pointerdown', (e) => this.onPointerDown(e));
    this.listen(svg, 'pointermove', (e) => this.onPointerMove(e));
    this.listen(svg, 'pointerup', (e) => this.onPointerUp(e));
    this.listen(svg, 'pointercancel', (e) => this.onPointerUp(e));
    this.listen(svg, 'keydown', (e) => this.onBarKey(e));

    observeWidth(chartBox, (w) => {
      this.chart.resize(w);
      this._layoutChart();
      this._renderValues();
      this._scheduleSlow(); // the formula breaks into lines by width
    });
  }

  attributeChanged(name, value) {
    if (name === 'p') {
      this._listText = value ?? '0.99,0.01';
      this.listInput.value = this._listText;
      this._teamsFromAttr = true;
    } else if (name === 'labels') {
      this._labelsAttr = value ?? '';
      this._applyLabels(parseLabels(this._labelsAttr));
      this._labelsDirty = true;
    }
  }

  fallback() {
    return this.t('fallback');
  }

  get probabilities() {
    return this.teams.map((t) => t.p);
  }

  teamName(team, i) {
    return team.label != null && team.label !== '' ? team.label : this.t('defaultTeam', { k: i + 1 });
  }

  codeSnippet() {
    const r = this.result;
    if (!r) return '';
    return pythonSnippet('entropy', {
      p: r.probabilities, labels: this.teams.map((t, i) => this.teamName(t, i)), entropy: r.entropy, unit: r.unit,
    }, this.lang);
  }

  // ------------------------------------------------------------------ state changes
  update() {
    this.checkUnit();
    if (this._teamsFromAttr || this.teams.length === 0) {
      this._teamsFromAttr = false;
      if (!this.setFromList(this._listText)) {
        if (!this.teams.length) this._paintEmpty();
        return;
      }
    }
    if (this._labelsDirty) {
      this._labelsDirty = false;
      this._refreshNames();
    }
    this.recompute({ full: true });
  }

  /** Parse the whole list (attribute or list field). Returns true if the teams were replaced. */
  setFromList(text) {
    const parsed = this.attempt('list', () => this.api.parseDistribution(text), text);
    if (!parsed.ok) {
      // quote the entry at fault ("-1" of "-1, 2"), not the whole list
      const bad = this._faultyEntry(text, parsed.code);
      if (bad != null) this.setFieldError('list', parsed.code, { input: bad });
      return false;
    }
    const weights = parsed.value;
    if (weights.length === 0) {
      this.setFieldError('list', 'EMPTY', { input: text });
      return false;
    }
    if (weights.length > MAX_TEAMS) {
      this.setFieldError('list', 'OUT_OF_RANGE', { input: text });
      return false;
    }
    // "150%" reads as a probability, not a weight: over 100% is out of range
    if (/[%％]/.test(text) && weights.some((w) => w > 1)) {
      this.setFieldError('list', 'OUT_OF_RANGE', { input: text });
      return false;
    }
    const sum = weights.reduce((a, b) => a + b, 0);
    if (sum === 0) {
      this.setFieldError('list', 'NOT_NORMALIZED', { input: text, sum: 0 });
      return false;
    }
    if (!Number.isFinite(sum)) {
      // huge weights: let the core normalize them (it handles any finite magnitude)
      const r = this.attempt('list', () => this.api.entropy(weights, { normalize: true }), text);
      if (!r.ok) return false;
      const big = Math.max(...weights);
      return this._setTeams(weights.map((w) => w / big), { weights, sum: Infinity }, text);
    }
    const normalized = Math.abs(sum - 1) > SUM_TOLERANCE;
    const probs = normalized ? weights.map((w) => w / sum) : weights.slice();
    return this._setTeams(probs, normalized ? { weights, sum } : null);
  }

  _setTeams(probsIn, normalizedInfo) {
    let probs = probsIn;
    if (normalizedInfo && normalizedInfo.sum === Infinity) {
      const s = probs.reduce((a, b) => a + b, 0);
      probs = probs.map((p) => p / s);
    }
    this._normalizedInfo = normalizedInfo;
    const labels = parseLabels(this._labelsAttr);
    const old = this.teams;
    this.teams = probs.map((p, i) => ({
      id: old[i] ? old[i].id : (teamSeq += 1),
      label: labels[i] ?? (old[i] ? old[i].label : null),
      p,
      text: formatPlain(p, 6),
    }));
    this._rebuildTeams();
    this.clearAllTeamErrors();
    return true;
  }

  _faultyEntry(text, code) {
    const entries = String(text).split(/[,，、;；\s]+/).filter(Boolean);
    if (entries.length < 2) return null;
    for (const entry of entries) {
      try {
        this.api.parseDistribution(entry);
      } catch (e) {
        if (e && e.code === code) return entry;
      }
    }
    return null;
  }

  _applyLabels(labels) {
    this.teams.forEach((t, i) => { t.label = labels[i] ?? null; });
  }

  clearAllTeamErrors() {
    for (const t of this.teams) this.clearFieldError(`team-${t.id}`);
  }

  applyPreset(which) {
    const names = TEAM_NAMES[this.lang];
    if (which === 'eight') {
      this._labelsAttr = names.join(',');
      this._listText = Array(8).fill('1/8').join(', ');
    } else {
      this._labelsAttr = `${names[2]},${names[7]}`;
      this._listText = '0.99, 0.01';
    }
    this.teams = [];
    this.listInput.value = this._listText;
    if (!this.setFromList(this._listText)) return;
    this.reflect('labels', this._labelsAttr);
    this.reflect('p', this._listText);
    this.recompute({ full: true });
  }

  onListInput() {
    const text = this.listInput.value;
    this._listText = text;
    if (!this.setFromList(text)) return;
    this.reflect('p', text.trim());
    this.recompute({ full: true });
  }

  /** Set team i to probability v; the others keep their proportions and fill 1 − v. */
  setTeamP(i, v) {
    const n = this.teams.length;
    if (n === 1) v = 1;
    v = clamp(v, 0, 1);
    const rest = this.teams.reduce((s, t, j) => (j === i ? s : s + t.p), 0);
    this.teams.forEach((t, j) => {
      if (j === i) t.p = v;
      else t.p = rest > 0 ? (t.p / rest) * (1 - v) : (1 - v) / (n - 1);
    });
    this._normalizedInfo = null;
    this._snap();
  }

  /**
   * Round the live probabilities to the 12-digit text that goes into the p attribute, parsed back
   * by the core: the state on screen is then exactly what a permalink restores.
   */
  _snap() {
    const text = this.teams.map((t) => formatPlain(t.p, 12)).join(',');
    const r = this.attempt('_', () => this.api.parseDistribution(text));
    if (r.ok && r.value.length === this.teams.length) this.teams.forEach((t, j) => { t.p = r.value[j]; });
    this._snapText = text;
  }

  onTeamInput(team, input) {
    const i = this.teams.indexOf(team);
    if (i < 0) return;
    const text = input.value;
    team.text = text;
    const parsed = this.attempt(`team-${team.id}`, () => this.api.parseProbability(text), text);
    if (!parsed.ok) return;
    this.setTeamP(i, parsed.value);
    for (const t of this.teams) if (t !== team) t.text = formatPlain(t.p, 6);
    this.recompute({ editing: team });
    this._reflectState();
  }

  onTeamName(team, input) {
    team.label = input.value;
    this._refreshNames();
    this._reflectLabels();
    this.recompute({});
  }

  addTeam() {
    const n = this.teams.length;
    if (n >= MAX_TEAMS) return;
    const p = 1 / (n + 1);
    for (const t of this.teams) { t.p *= n / (n + 1); t.text = formatPlain(t.p, 6); }
    this.teams.push({ id: (teamSeq += 1), label: null, p, text: formatPlain(p, 6) });
    this._normalizedInfo = null;
    this._snap();
    this._rebuildTeams();
    this._reflectLabels();
    this._reflectState();
    this.recompute({ full: true });
    const rows = this.teamsEl.querySelectorAll('.team input.name');
    rows[rows.length - 1]?.focus();
  }

  removeTeam(team) {
    if (this.teams.length <= 1) {
      this.setFieldError('_', 'EMPTY', {});
      return;
    }
    const i = this.teams.indexOf(team);
    this.clearFieldError(`team-${team.id}`);
    this._fields.delete(`team-${team.id}`);
    this.teams.splice(i, 1);
    const sum = this.teams.reduce((s, t) => s + t.p, 0);
    for (const t of this.teams) {
      t.p = sum > 0 ? t.p / sum : 1 / this.teams.length;
    }
    this._normalizedInfo = null;
    this._snap();
    for (const t of this.teams) t.text = formatPlain(t.p, 6);
    this._rebuildTeams();
    this._reflectLabels();
    this._reflectState();
    this.recompute({ full: true });
    const next = this.teamsEl.querySelectorAll('.team .rm')[Math.min(i, this.teams.length - 1)];
    next?.focus();
  }

  _reflectState() {
    const text = this.teams.map((t) => formatPlain(t.p, 12)).join(','); // == _snap()'s text
    this._listText = text;
    if (!this.hasFieldError('list') || document.activeElement !== this) this.listInput.value = text;
    this.clearFieldError('list');
    this.reflect('p', text);
  }

  _reflectLabels() {
    this._labelsAttr = this.teams.map((t, i) => this.teamName(t, i).replace(/[,，、]/g, ' ')).join(',');
    this.reflect('labels', this._labelsAttr);
  }

  // ------------------------------------------------------------------ pointer and keyboard
  _barIndexAt(e) {
    const g = e.target && e.target.closest ? e.target.closest('.bar-g') : null;
    return g ? Number(g.dataset.index) : -1;
  }

  _valueAt(e) {
    // the chart's box is measured once per drag (at pointerdown): measuring on every move would
    // force a synchronous layout of the whole page each time
    const rect = (this._drag && this._drag.rect) || this.chart.svg.getBoundingClientRect();
    const scale = rect.height > 0 ? this.chart.height / rect.height : 1;
    const y = (e.clientY - rect.top) * scale;
    const L = this._layout;
    return clamp((L.bottom - y) / (L.bottom - L.top), 0, 1);
  }

  onPointerDown(e) {
    const i = this._barIndexAt(e);
    if (i < 0 || e.button > 0) return;
    e.preventDefault();
    this._drag = { i, id: e.pointerId, rect: this.chart.svg.getBoundingClientRect() };
    try { this.chart.svg.setPointerCapture(e.pointerId); } catch { /* synthetic events */ }
    this._barNodes[i].g.classList.add('dragging');
    this._barNodes[i].g.focus({ preventScroll: true });
    this.dragTo(i, this._valueAt(e));
  }

  onPointerMove(e) {
    if (!this._drag || e.pointerId !== this._drag.id) return;
    e.preventDefault();
    this.dragTo(this._drag.i, this._valueAt(e));
  }

  onPointerUp(e) {
    if (!this._drag || e.pointerId !== this._drag.id) return;
    const i = this._drag.i;
    this._drag = null;
    this._barNodes[i]?.g.classList.remove('dragging');
    try { this.chart.svg.releasePointerCapture(e.pointerId); } catch { /* ignore */ }
  }

  /** One drag step: set the value, recompute, update the SVG in place. */
  dragTo(i, v) {
    this.setTeamP(i, v);
    for (const t of this.teams) t.text = formatPlain(t.p, 6);
    for (const t of this.teams) this.clearFieldError(`team-${t.id}`);
    this.recompute({});
    this._reflectState();
  }

  onBarKey(e) {
    const i = this._barIndexAt(e);
    if (i < 0) return;
    const p = this.teams[i].p;
    const big = e.shiftKey ? 0.1 : 0.01;
    let v = null;
    switch (e.key) {
      case 'ArrowUp': case 'ArrowRight': v = p + big; break;
      case 'ArrowDown': case 'ArrowLeft': v = p - big; break;
      case 'PageUp': v = p + 0.1; break;
      case 'PageDown': v = p - 0.1; break;
      case 'Home': v = 0; break;
      case 'End': v = 1; break;
      default: return;
    }
    e.preventDefault();
    // keep keyboard steps on a 0.01 grid so values stay readable
    this.dragTo(i, Math.round(clamp(v, 0, 1) * 1000) / 1000);
  }

  // ------------------------------------------------------------------ compute and render
  recompute({ full = false, editing = null } = {}) {
    if (!this.api || !this.teams.length) return;
    const probs = this.probabilities;
    const base = UNITS[this.unit].base;
    const r = this.attempt('_', () => {
      const entropy = this.api.entropy(probs, { base, normalize: true });
      const shares = probs.map((p) => (p > 0 ? p * this.api.surprisal(p, base) : 0));
      const maxEntropy = this.api.surprisal(1 / probs.length, base);
      return { entropy, shares, maxEntropy };
    });
    if (!r.ok) return;
    this._shares = r.value.shares;
    const result = {
      probabilities: probs,
      entropy: r.value.entropy,
      maxEntropy: r.value.maxEntropy,
      normalized: this._normalizedInfo !== null,
      unit: this.unit,
    };
    this._lastResult = result;
    this._renderValues(editing);
    if (full) this._renderSlow();
    else this._scheduleSlow();
    this.commit(result);
  }

  _scheduleSlow() {
    if (this._frame) return;
    const raf = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (f) => setTimeout(f, 16);
    this._frame = raf(() => {
      this._frame = 0;
      this._guard(() => this._renderSlow());
    });
  }

  /** Formula, code, announcement, notice: once per frame at most. */
  _renderSlow() {
    const r = this._lastResult;
    if (!r) return;
    const u = UNITS[r.unit];
    const n = this.teams.length;
    const terms = this.teams.map((t) => `${probabilityTex(t.p)}\\cdot(-${u.log} ${probabilityTex(t.p)})`);
    const allEqual = this.teams.every((t) => Math.abs(t.p - this.teams[0].p) < 1e-12);
    // the sum of terms: one line when the element is wide, otherwise a term or two per line
    let rows;
    if (allEqual && n > 2) rows = [`= ${n}\\times ${terms[0]}`];
    else {
      const shown = n > 3 ? [terms[0], terms[1], '\\cdots', terms[n - 1]] : terms;
      if (this.chart.width >= 560) rows = [`= ${shown.join(' + ')}`];
      else rows = shown.map((term, j) => `${j === 0 ? '=' : '+'} ${term}`);
    }
    const approx = isExactish(r.entropy) ? '=' : '\\approx';
    const lines = [`H = \\sum_i p_i\\,(-${u.log} p_i)`, ...rows, `${approx} ${texNumber(r.entropy)}\\ ${u.tex}`];
    // separate display lines: MathML tables (aligned) render unevenly across browsers
    while (this.formulaLines.length < lines.length) {
      const line = document.createElement('div');
      line.className = 'formula';
      this.formulaEl.append(line);
      this.formulaLines.push(line);
    }
    this.formulaLines.forEach((line, j) => {
      line.hidden = j >= lines.length;
      if (j < lines.length) renderTex(line, lines[j]);
    });

    if (this._normalizedInfo) {
      const { weights, sum: s } = this._normalizedInfo;
      this.normNotice.hidden = false;
      setText(this.normNotice, this.t('normalized', {
        weights: weights.map((w) => formatNumber(w)).join(', '),
        sum: formatNumber(s),
        probs: r.probabilities.map((p) => formatNumber(p)).join(', '),
      }));
    } else {
      this.normNotice.hidden = true;
    }
    const names = this.teams.map((t, i) => this.teamName(t, i));
    this.snippet.update('entropy', { p: r.probabilities, labels: names, entropy: r.entropy, normalized: r.normalized, unit: r.unit }, this.lang);
    this.announce(this.t('announce', { n, h: formatNumber(r.entropy), unit: u.symbol }));
    const eight = n === 8 && allEqual;
    const france = n === 2 && Math.abs(this.teams[0].p - 0.99) < 1e-12;
    this.presetEight.setAttribute('aria-pressed', String(eight));
    this.presetFrance.setAttribute('aria-pressed', String(france));
  }

  _paintEmpty() {
    setText(this.bigEl, 'H = …');
  }

  // ---- rows (rebuilt only when the number of teams changes)
  _rebuildTeams() {
    this.teamsEl.textContent = '';
    this._rows = this.teams.map((team, i) => {
      const row = document.createElement('div');
      row.className = 'team';
      const name = document.createElement('input');
      name.type = 'text';
      name.className = 'name';
      name.value = team.label ?? '';
      name.placeholder = this.teamName({ label: null }, i);
      name.autocomplete = 'off';
      name.setAttribute('aria-label', this.t('renameTeam', { k: i + 1 }));
      this.listen(name, 'input', () => this.onTeamName(team, name));
      const p = document.createElement('input');
      p.type = 'text';
      p.className = 'p';
      p.inputMode = 'decimal';
      p.autocomplete = 'off';
      p.value = team.text;
      p.setAttribute('aria-label', this.t('probOf', { name: this.teamName(team, i) }));
      this.listen(p, 'input', () => this.onTeamInput(team, p));
      const rm = document.createElement('button');
      rm.type = 'button';
      rm.className = 'rm';
      rm.textContent = '×';
      rm.setAttribute('aria-label', this.t('removeTeam', { name: this.teamName(team, i) }));
      this.listen(rm, 'click', () => this.removeTeam(team));
      const msg = document.createElement('div');
      msg.className = 'field-msg';
      const share = document.createElement('div');
      share.className = 'share';
      row.append(name, p, rm, msg, share);
      this.teamsEl.append(row);
      this.registerField(`team-${team.id}`, p, msg);
      return { row, name, p, rm, share, team };
    });
    this.addButton.disabled = this.teams.length >= MAX_TEAMS;
    this._buildBars();
  }

  _refreshNames() {
    if (!this._rows) return;
    this._rows.forEach((r, i) => {
      if (document.activeElement !== this || this.root.activeElement !== r.name) r.name.value = r.team.label ?? '';
      r.name.placeholder = this.teamName({ label: null }, i);
      r.name.setAttribute('aria-label', this.t('renameTeam', { k: i + 1 }));
      r.p.setAttribute('aria-label', this.t('probOf', { name: this.teamName(r.team, i) }));
      r.rm.setAttribute('aria-label', this.t('removeTeam', { name: this.teamName(r.team, i) }));
    });
    this._layoutChart();
  }

  localize() {
    this._refreshNames();
  }

  // ---- chart: nodes created per team; drag only moves attributes and texts
  _buildBars() {
    const svg = this.chart.svg;
    svg.textContent = '';
    this._axis = svgEl('g', { class: 'axis' }, svg);
    this._barNodes = this.teams.map((team, i) => {
      const g = svgEl('g', { class: 'bar-g', tabindex: 0, role: 'slider', 'aria-valuemin': 0, 'aria-valuemax': 1, 'data-index': i }, svg);
      const hit = svgEl('rect', { class: 'hit' }, g);
      const ring = svgEl('rect', { class: 'ring', rx: 4 }, g);
      const bar = svgEl('rect', { class: 'bar', rx: 3 }, g);
      const val = svgEl('text', { class: 'val', 'text-anchor': 'middle' }, g);
      const name = svgEl('text', { class: 'name', 'text-anchor': 'middle' }, g);
      return { g, hit, ring, bar, val, name, team };
    });
    this._stripBg = svgEl('rect', { class: 'strip-bg' }, svg);
    this._segs = this.teams.map((t, i) => svgEl('rect', { class: `seg${i % 2}` }, svg));
    this._ceil = svgEl('line', { class: 'ceil' }, svg);
    this._hText = svgEl('text', { class: 'hl' }, svg);
    this._ceilText = svgEl('text', { class: 'ceil-label', 'text-anchor': 'end' }, svg);
    this._layoutChart();
  }

  _layoutChart() {
    if (!this._barNodes) return;
    const W = this.chart.width;
    const n = this.teams.length;
    const L = { left: 36, right: W - 8, top: 22, bottom: 170 };
    L.band = (L.right - L.left) / Math.max(1, n);
    L.barW = Math.max(6, Math.min(64, L.band * 0.72));
    L.stripY = 214;
    L.stripH = 18;
    this._layout = L;
    const axis = this._axis;
    axis.textContent = '';
    for (const v of [0, 0.5, 1]) {
      const y = L.bottom - v * (L.bottom - L.top);
      svgEl('line', { x1: L.left, x2: L.right, y1: y, y2: y, stroke: 'var(--br-grid)' }, axis);
      const t = svgEl('text', { x: L.left - 6, y: y + 4, 'text-anchor': 'end' }, axis);
      setText(t, String(v));
    }
    this._barNodes.forEach((b, i) => {
      const cx = L.left + L.band * (i + 0.5);
      setAttr(b.hit, 'x', cx - L.band / 2);
      setAttr(b.hit, 'width', L.band);
      setAttr(b.hit, 'y', L.top - 18);
      setAttr(b.hit, 'height', L.bottom - L.top + 40);
      setAttr(b.bar, 'x', cx - L.barW / 2);
      setAttr(b.bar, 'width', L.barW);
      setAttr(b.ring, 'x', cx - L.band / 2 + 1);
      setAttr(b.ring, 'width', L.band - 2);
      setAttr(b.ring, 'y', L.top - 18);
      setAttr(b.ring, 'height', L.bottom - L.top + 40);
      setAttr(b.val, 'x', cx);
      setAttr(b.name, 'x', cx);
      setAttr(b.name, 'y', L.bottom + 16);
      const name = this.teamName(b.team, i);
      setText(b.name, fitText(name, L.band - 4));
      // "12.5%" is ~34 px at 12 px: shrink it on narrow bands so neighbours don't collide.
      b.val.style.fontSize = L.band < 46 ? '9px' : '';
      b.g.setAttribute('aria-label', name);
    });
    setAttr(this._stripBg, 'x', L.left);
    setAttr(this._stripBg, 'y', L.stripY);
    setAttr(this._stripBg, 'width', L.right - L.left);
    setAttr(this._stripBg, 'height', L.stripH);
    setAttr(this._ceil, 'x1', L.right);
    setAttr(this._ceil, 'x2', L.right);
    setAttr(this._ceil, 'y1', L.stripY - 6);
    setAttr(this._ceil, 'y2', L.stripY + L.stripH + 6);
    setAttr(this._hText, 'x', L.left);
    setAttr(this._hText, 'y', L.stripY - 6);
    setAttr(this._ceilText, 'x', L.right);
    setAttr(this._ceilText, 'y', L.stripY + L.stripH + 18);
    this.chart.height = 250;
  }

  /** The fast path: numbers, bars, strip and row texts, updated in place. */
  _renderValues(editing = null) {
    const r = this._lastResult;
    if (!r || !this._barNodes || this._barNodes.length !== this.teams.length) return;
    const u = UNITS[r.unit];
    const L = this._layout;
    const h = L.bottom - L.top;
    const hText = formatNumber(r.entropy);
    const maxText = formatNumber(r.maxEntropy);
    setText(this.bigEl, `H = ${hText} ${u.symbol}`);
    setText(this.maxEl, `≤ log ${this.teams.length} = ${maxText} ${u.symbol}`);
    const total = r.maxEntropy > 0 ? r.maxEntropy : 1;
    const stripW = L.right - L.left;
    let x = L.left;
    this.teams.forEach((t, i) => {
      const b = this._barNodes[i];
      const bh = t.p * h;
      setAttr(b.bar, 'y', L.bottom - bh);
      setAttr(b.bar, 'height', Math.max(0, bh));
      setAttr(b.val, 'y', L.bottom - bh - 5);
      const pct = formatPercent(t.p);
      setText(b.val, pct);
      b.g.setAttribute('aria-valuenow', formatPlain(t.p, 4));
      b.g.setAttribute('aria-valuetext', this.t('valueText', { name: this.teamName(t, i), p: pct }));
      const w = (this._shares[i] / total) * stripW;
      setAttr(this._segs[i], 'x', x);
      setAttr(this._segs[i], 'y', L.stripY);
      setAttr(this._segs[i], 'width', Math.max(0, w));
      setAttr(this._segs[i], 'height', L.stripH);
      x += w;
      const row = this._rows[i];
      if (row) {
        if (t !== editing && row.p.value !== t.text) row.p.value = t.text;
        setText(row.share, this.t('share', { v: formatNumber(this._shares[i]), unit: u.symbol }));
      }
    });
    setText(this._hText, this.t('hLabel', { v: hText, unit: u.symbol }));
    setText(this._ceilText, this.t('ceiling', { v: maxText, unit: u.symbol, n: this.teams.length }));
  }
}

/** Labels attribute: comma-separated (also "，" and "、"); empty entries mean the default name. */
function parseLabels(text) {
  if (text == null || String(text).trim() === '') return [];
  return String(text).split(/[,，、]/).map((s) => {
    const v = s.trim();
    return v === '' ? null : v;
  });
}

/** Shorten a label to fit `px` pixels at 12 px font (CJK ≈ 12 px, others ≈ 7 px per character). */
function fitText(s, px) {
  let w = 0;
  let out = '';
  for (const ch of String(s)) {
    const cw = /[\u2E80-\uFFFF]/.test(ch) ? 12 : 7;
    if (w + cw > px) return out.length ? `${out.slice(0, -1)}…` : '';
    w += cw;
    out += ch;
  }
  return out;
}

/** Entropies like 3 or 1 print with "=", others with "≈". */
function isExactish(x) {
  return Number.isFinite(x) && Math.abs(x - Math.round(x * 1e4) / 1e4) < 1e-12;
}

defineElement('bit-entropy', BitEntropy);
