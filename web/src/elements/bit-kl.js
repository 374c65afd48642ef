// <bit-kl p="…" q="…" labels="…">: D(P‖Q) next to D(Q‖P) — not symmetric, visibly — with each
// outcome's contribution, a "snap Q to P" button (D becomes exactly 0: the core guarantees it),
// and ∞ explained when Q gives 0 to something P expects. Result { kl, klReverse, unit }.
// The P/Q editor (fields, bars, add / remove / rename) is PQElement from bit-cross-entropy.js.
import { defineElement } from './base.js';
import { renderTex } from './katex.js';
import { formatNumber } from './format.js';
import { setText } from './chart.js';
import { PQElement, mergeMessages, splitLabels } from './bit-cross-entropy.js';
import './code-snippet.js';

const PQ_CSS = PQElement.sharedStyles;

const KL_CSS = `
.pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; }
@container (max-width: 520px) { .pair { grid-template-columns: minmax(0, 1fr); } .dir .big { font-size: 1.35em; } }
.dir { padding: 10px 12px; border-radius: calc(var(--br-radius) * 0.7); background: var(--br-surface); display: grid; gap: 6px; min-width: 0; }
.dir .big { overflow-wrap: normal; }
.dir .meter { height: 12px; border-radius: 6px; background: var(--br-bg); border: 1px solid var(--br-border); overflow: hidden; }
.dir .meter div { height: 100%; width: 0; background: var(--br-accent); }
.dir.rev .meter div { background: var(--br-accent-2); }
.dir .meter.inf div { width: 100%; background: repeating-linear-gradient(135deg, var(--br-error) 0 6px, transparent 6px 12px); }
.asym { font-size: 0.95em; }
.why-inf { color: var(--br-error); }
.why-inf:empty { display: none; }
.contrib .table-wrap { overflow-x: auto; max-width: 100%; }
.contrib table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.92em; min-width: 100%; }
.contrib th, .contrib td { padding: 4px 8px; text-align: left; border-bottom: 1px solid var(--br-border); white-space: nowrap; }
.contrib td.bar { width: 40%; min-width: 90px; }
.contrib h4 { margin: 0 0 4px; font-size: 1em; }
.cbar { position: relative; height: 12px; }
.cbar::before { content: ''; position: absolute; left: 50%; top: -3px; bottom: -3px; border-left: 1px solid var(--br-muted); }
.cbar span { position: absolute; top: 0; height: 12px; background: var(--br-accent); }
.cbar.rev span { background: var(--br-accent-2); }
.cbar span.neg { opacity: 0.55; }
.inf { color: var(--br-error); }
`;

const KL_MESSAGES = {
  zh: {
    title: 'KL 散度：两个方向，两个数',
    presetArticle: '法国 0.99 / 中国 0.01 对五五开',
    presetZero: 'Q 给一个结果 0',
    presetClose: '很接近的两个分布',
    forward: 'D(P‖Q)：数据来自 P，用 Q 编码',
    reverse: 'D(Q‖P)：数据来自 Q，用 P 编码',
    asym: (p) => `两个方向相差 ${p.diff} ${p.u}：KL 散度不是对称的，它不是距离。`,
    asymInf: '一个方向是无穷大，另一个方向却是有限的：KL 散度不是对称的，它不是距离。',
    sym: '这里两个方向恰好相等（比如 Q = P，或两者互为镜像）；一般情况下并不相等。',
    snap: '让 Q = P',
    snapDone: 'Q 现在和 P 完全相同：D(P‖Q) = 0，正好为 0。',
    infForward: (p) => `D(P‖Q) = ∞：P 认为「${p.label}」可能出现（p = ${p.p}），Q 却给它概率 0。用 Q 的编码，这个结果的码长 −log q 是无穷大——它根本没有码字，所以平均代价也是无穷大。`,
    infReverse: (p) => `D(Q‖P) = ∞：Q 认为「${p.label}」可能出现（q = ${p.q}），P 却给它概率 0。`,
    contribTitle: '每个结果的贡献（单项可以为负，总和不会为负）',
    colOutcome: '结果',
    colForward: 'p·log(p/q)',
    colReverse: 'q·log(q/p)',
    colTotal: '合计',
    announce: (p) => `D(P‖Q) = ${p.kl}，D(Q‖P) = ${p.rev} ${p.u}`,
    formulaLabel: '公式与当前数值',
  },
  en: {
    title: 'KL divergence: two directions, two numbers',
    presetArticle: 'France 0.99 / China 0.01 vs 50/50',
    presetZero: 'Q gives an outcome 0',
    presetClose: 'Two close distributions',
    forward: 'D(P‖Q): data from P, coded with Q',
    reverse: 'D(Q‖P): data from Q, coded with P',
    asym: (p) => `The two directions differ by ${p.diff} ${p.u}: KL divergence is not symmetric; it is not a distance.`,
    asymInf: 'One direction is infinite while the other is finite: KL divergence is not symmetric; it is not a distance.',
    sym: 'Here the two directions happen to agree (Q = P, or mirror images); in general they do not.',
    snap: 'Snap Q to P',
    snapDone: 'Q is now exactly P: D(P‖Q) = 0, exactly.',
    infForward: (p) => `D(P‖Q) = ∞: P expects “${p.label}” (p = ${p.p}) but Q gives it probability 0. Under Q’s code that outcome’s length −log q is infinite — it has no codeword at all — so the average cost is infinite.`,
    infReverse: (p) => `D(Q‖P) = ∞: Q expects “${p.label}” (q = ${p.q}) but P gives it probability 0.`,
    contribTitle: 'Each outcome’s contribution (a term can be negative; the sum never is)',
    colOutcome: 'Outcome',
    colForward: 'p·log(p/q)',
    colReverse: 'q·log(q/p)',
    colTotal: 'Sum',
    announce: (p) => `D(P‖Q) = ${p.kl}, D(Q‖P) = ${p.rev} ${p.u}`,
    formulaLabel: 'Formulas with the current numbers',
  },
};

export class BitKl extends PQElement {
  static styles = PQ_CSS + KL_CSS;
  static messages = mergeMessages(PQElement.sharedMessages, KL_MESSAGES);

  build(body) {
    const title = document.createElement('h3');
    title.dataset.i18n = 'title';
    const presets = this.makePQPresets([
      ['presetArticle', '0.99, 0.01', '0.5, 0.5', { zh: '法国,中国', en: 'France,China' }],
      ['presetZero', '0.5, 0.25, 0.25', '0.5, 0.5, 0', null],
      ['presetClose', '0.5, 0.5', '0.51, 0.49', null],
    ]);

    const pair = document.createElement('div');
    pair.className = 'pair';
    const makeDir = (cls, key) => {
      const box = document.createElement('div');
      box.className = `dir ${cls}`;
      const label = document.createElement('p');
      label.className = 'small muted';
      label.dataset.i18n = key;
      const big = document.createElement('p');
      big.className = 'big';
      const meter = document.createElement('div');
      meter.className = 'meter';
      meter.setAttribute('aria-hidden', 'true');
      const fill = document.createElement('div');
      meter.append(fill);
      box.append(label, big, meter);
      pair.append(box);
      return { big, meter, fill };
    };
    this.fwd = makeDir('fwd', 'forward');
    this.rev = makeDir('rev', 'reverse');
    this.asym = document.createElement('p');
    this.asym.className = 'asym';

    const snapRow = document.createElement('div');
    snapRow.className = 'row';
    this.snapButton = document.createElement('button');
    this.snapButton.type = 'button';
    this.snapButton.className = 'snap';
    this.snapButton.dataset.i18n = 'snap';
    this.listen(this.snapButton, 'click', () => { this.snapQToP(); this._announceSnap = true; });
    this.snapState = document.createElement('span');
    this.snapState.className = 'snap-state small';
    snapRow.append(this.snapButton, this.snapState);

    this.whyInf = document.createElement('div');
    this.whyInf.className = 'why-inf';
    this.whyInf.setAttribute('role', 'status');

    const { section: contrib, table: contribTable } = this.makeTableSection('contrib', 'contribTitle');
    this.contribTable = contribTable;

    this.formulas = document.createElement('div');
    this.formulas.className = 'formula';
    this.formulas.setAttribute('role', 'group');
    this.formulas.dataset.i18nAria = 'formulaLabel';
    this.texF = document.createElement('div');
    this.texR = document.createElement('div');
    this.formulas.append(this.texF, this.texR);

    this.snippet = document.createElement('bit-code-snippet');

    body.append(title, presets);
    this.buildEditor(body);
    body.append(pair, this.asym, snapRow, this.whyInf, this.formulas, contrib, this.snippet);
  }

  fallback(lang) {
    return lang === 'en'
      ? 'France 0.99 / China 0.01 (P) against 50/50 (Q): D(P‖Q) ≈ 0.9192 bit but D(Q‖P) ≈ 2.329 bit — not symmetric. D = 0 exactly when Q = P, and D = ∞ when Q gives 0 to an outcome P expects.'
      : '法国 0.99 / 中国 0.01（P）对五五开（Q）：D(P‖Q) ≈ 0.9192 bit，而 D(Q‖P) ≈ 2.329 bit——不对称。Q = P 时 D 恰好为 0；Q 给 P 会出现的结果概率 0 时 D = ∞。';
  }

  // Each outcome's term a·log(a/b) through the core's surprisal: a·(I(b) − I(a)); 0 when a = 0.
  _terms(a, b) {
    return a.map((ai, i) => {
      if (ai === 0) return 0;
      if (b[i] === 0) return Infinity;
      return ai * (this.api.surprisal(b[i], this.base) - this.api.surprisal(ai, this.base));
    });
  }

  update() {
    this.checkUnit(); // BAD_BASE for an unknown unit; the numbers stay in bits meanwhile
    if (!this.syncEditor()) return;
    const api = this.api;
    const { p, q } = this;
    const opts = { base: this.base };
    const r = this.attempt('_', () => ({
      kl: api.klDivergence(p, q, opts),
      klReverse: api.klDivergence(q, p, opts),
      fwdTerms: this._terms(p, q),
      revTerms: this._terms(q, p),
    }));
    if (!r.ok) return;
    const v = r.value;
    const unit = this.unit;
    const u = this.unitInfo.symbol;
    const f = (x) => this.fmt(x);
    this.renderRows();

    setText(this.fwd.big, `D(P‖Q) = ${f(v.kl)} ${u}`);
    setText(this.rev.big, `D(Q‖P) = ${f(v.klReverse)} ${u}`);
    const finite = [v.kl, v.klReverse].filter(Number.isFinite);
    const scale = Math.max(1e-12, ...finite);
    for (const [dir, value] of [[this.fwd, v.kl], [this.rev, v.klReverse]]) {
      dir.meter.classList.toggle('inf', value === Infinity);
      dir.fill.style.width = value === Infinity ? '' : `${(100 * value / scale).toFixed(3)}%`;
    }
    if (v.kl === v.klReverse) setText(this.asym, this.t('sym'));
    else if (v.kl === Infinity || v.klReverse === Infinity) setText(this.asym, this.t('asymInf'));
    else setText(this.asym, this.t('asym', { diff: f(Math.abs(v.kl - v.klReverse)), u }));

    const same = p.every((x, i) => x === q[i]);
    setText(this.snapState, same ? this.t('snapDone') : '');

    // Why ∞: name the first outcome responsible, in each direction.
    this.whyInf.textContent = '';
    const iF = p.findIndex((x, i) => x > 0 && q[i] === 0);
    const iR = q.findIndex((x, i) => x > 0 && p[i] === 0);
    if (iF >= 0) {
      const line = document.createElement('p');
      line.className = 'inf-forward';
      line.textContent = this.t('infForward', { label: this.labelAt(iF), p: formatNumber(p[iF]) });
      this.whyInf.append(line);
    }
    if (iR >= 0) {
      const line = document.createElement('p');
      line.className = 'inf-reverse';
      line.textContent = this.t('infReverse', { label: this.labelAt(iR), q: formatNumber(q[iR]) });
      this.whyInf.append(line);
    }

    this.secondary(() => {
      this._renderContrib(v);

      const log = this.unitInfo.log;
      const tex = (x) => (x === Infinity ? '\\infty' : formatNumber(x).replace('\u2212', '-'));
      const tu = `\\ ${this.unitInfo.tex}`;
      renderTex(this.texF, `D_{\\mathrm{KL}}(P \\text{‖} Q) = \\sum_i p_i ${log}\\frac{p_i}{q_i} = ${tex(v.kl)}${tu} \\ge 0`);
      renderTex(this.texR, `D_{\\mathrm{KL}}(Q \\text{‖} P) = \\sum_i q_i ${log}\\frac{q_i}{p_i} = ${tex(v.klReverse)}${tu}`);

      this.snippet.update('kl', { p, q, labels: this.labels, unit, kl: v.kl, klReverse: v.klReverse }, this.lang);
    });

    const result = { kl: v.kl, klReverse: v.klReverse, unit };
    const params = { kl: f(v.kl), rev: f(v.klReverse), u };
    let announcement = this._announceSnap && same ? this.t('snapDone') : this.t('announce', params);
    if (!this._announced) announcement = undefined; // not on page load
    this._announced = true;
    this.commit(result, announcement);
    this._announceSnap = false;
  }

  _renderContrib(v) {
    const table = this.contribTable;
    table.textContent = '';
    const hr = table.createTHead().insertRow();
    for (const key of ['colOutcome', 'colForward', null, 'colReverse', null]) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = key ? this.t(key) : '';
      hr.append(th);
    }
    const all = [...v.fwdTerms, ...v.revTerms].filter(Number.isFinite).map(Math.abs);
    const scale = Math.max(1e-12, ...all);
    const tbody = table.createTBody();
    const bar = (value, rev) => {
      const cell = document.createElement('td');
      cell.className = 'bar';
      cell.setAttribute('aria-hidden', 'true');
      const box = document.createElement('div');
      box.className = rev ? 'cbar rev' : 'cbar';
      const s = document.createElement('span');
      const w = value === Infinity ? 50 : Math.min(50, (50 * Math.abs(value)) / scale);
      if (value >= 0) { s.style.left = '50%'; s.style.width = `${w}%`; } else { s.style.left = `${50 - w}%`; s.style.width = `${w}%`; s.className = 'neg'; }
      box.append(s);
      cell.append(box);
      return cell;
    };
    for (let i = 0; i < this.p.length; i++) {
      const tr = tbody.insertRow();
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = this.labelAt(i);
      tr.append(th);
      const a = tr.insertCell();
      a.textContent = formatNumber(v.fwdTerms[i]);
      a.classList.toggle('inf', v.fwdTerms[i] === Infinity);
      tr.append(bar(v.fwdTerms[i], false));
      const b = tr.insertCell();
      b.textContent = formatNumber(v.revTerms[i]);
      b.classList.toggle('inf', v.revTerms[i] === Infinity);
      tr.append(bar(v.revTerms[i], true));
    }
    const fr = table.createTFoot().insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = this.t('colTotal');
    fr.append(th);
    fr.insertCell().textContent = formatNumber(v.kl);
    fr.insertCell();
    fr.insertCell().textContent = formatNumber(v.klReverse);
    fr.insertCell();
  }
}

defineElement('bit-kl', BitKl);
