// "The same number in code": the Python a reader who trains models would type to get the number a
// calculator shows, with the reader's current numbers in it.
//
// Two exports for other element authors:
//
//   pythonSnippet(kind, values, lang = 'en') -> string      (pure, no DOM; easy to test)
//     kind   'surprisal'     values { p, label?, information? }
//            'additivity'    values { pA, pB, iA?, iB?, iBoth? }
//            'entropy'       values { p: number[], labels?, entropy?, normalized? }
//            'cross-entropy' values { p, q, labels?, entropy?, crossEntropy?, kl? }
//            'kl'            values { p, q, labels?, kl?, klReverse? }
//     values.unit  'bit' | 'nat' | 'hartley' (default 'bit') picks log2 / log / log10 and base=.
//     Results (information, entropy, ...) are optional; when given they are printed as
//     "# ≈ 0.0807931 bit" comments after the line that computes them, in the element's unit.
//     Numbers are printed as Python float literals (1.0, never 1: an int tensor would be read by
//     torch as class indices), at full double precision, so the code recomputes exactly what the
//     reader sees. Labels go into comments through JSON.stringify (a valid Python string literal,
//     and never HTML: the text is shown with textContent).
//
//   <bit-code-snippet> (class BitCodeSnippet): a toggle button "The same number in code", the code
//     in a <pre>, and a copy button. Use it inside a calculator's shadow DOM:
//        const s = document.createElement('bit-code-snippet');   // the module defines the tag
//        s.update('entropy', { p, labels, entropy, unit }, lang);  // call again on every change
//     Attributes: lang (zh|en), open (reflects the toggle). Property: code (current text).
//     Styling follows the host's CSS custom properties (--br-fg, --br-bg, --br-focus,
//     --br-muted, --br-border, --br-surface, --br-radius, --br-mono).

const UNIT = {
  bit: { np: 'np.log2', math: 'math.log2', baseArg: ', base=2', torchLog: 'torch.log2', perNat: 'math.log(2)' },
  nat: { np: 'np.log', math: 'math.log', baseArg: '', torchLog: 'torch.log', perNat: null },
  hartley: { np: 'np.log10', math: 'math.log10', baseArg: ', base=10', torchLog: 'torch.log10', perNat: 'math.log(10)' },
};

const TEXT = {
  en: {
    toggleShow: 'The same number in code',
    copy: 'Copy',
    copied: 'Copied to the clipboard.',
    copyFailed: 'Copy failed: select the code and press Ctrl+C.',
    codeLabel: 'Python code',
    trueP: 'true distribution P',
    modelQ: 'model Q',
    outcomes: 'outcomes',
    scipyRescales: 'scipy rescales p to sum to 1',
    byHand: 'the same by hand: terms with p = 0 count 0 (0·log 0 = 0)',
    ceDef: 'H(P,Q) = −Σ p·log q  (terms with p = 0 count 0)',
    ceScipy: 'scipy has no cross-entropy function; it is H(P) + D(P‖Q)',
    torchCe1: 'PyTorch: F.cross_entropy takes LOGITS (not probabilities) and works in nats;',
    torchCe2: 'log Q as logits gives softmax(log Q) = Q; P as class-probability target (torch ≥ 1.10)',
    torchNan: 'F.cross_entropy gives nan here: an outcome has q = 0 and p = 0 (0·−inf); use the line above',
    torchPlain: 'the honest one-liner, same number',
    klScipy: 'scipy.stats.entropy(p, q) is D(P‖Q)',
    klReverse: 'the other way round: not symmetric',
    torchKl1: 'PyTorch: F.kl_div(input=log Q, target=P) is D(P‖Q) in nats;',
    torchKl2: "reduction='sum' (the default 'mean' divides by the number of outcomes)",
    torchKlNan: 'nan here: an outcome has q = 0 and p = 0 (0·−inf); scipy above is right',
    surprisal: 'self-information −log p',
    additivityBoth: 'I(A and B): the probabilities multiply',
    additivitySum: 'I(A) + I(B): the information adds, same number',
    infinite: 'inf',
  },
  zh: {
    toggleShow: '同一个数，用代码算',
    copy: '复制',
    copied: '已复制到剪贴板。',
    copyFailed: '复制失败：请选中代码后按 Ctrl+C。',
    codeLabel: 'Python 代码',
    trueP: '真实分布 P',
    modelQ: '模型 Q',
    outcomes: '结果',
    scipyRescales: 'scipy 会先把 p 缩放到总和为 1',
    byHand: '手算同一个数：p = 0 的项记为 0（0·log 0 = 0）',
    ceDef: 'H(P,Q) = −Σ p·log q（p = 0 的项记为 0）',
    ceScipy: 'scipy 没有交叉熵函数；它等于 H(P) + D(P‖Q)',
    torchCe1: 'PyTorch：F.cross_entropy 接受的是 logits（不是概率），单位是 nat；',
    torchCe2: '把 log Q 当 logits，softmax(log Q) = Q；P 作为类别概率目标（torch ≥ 1.10）',
    torchNan: '这里 F.cross_entropy 会得到 nan：有结果的 q = 0 且 p = 0（0·−inf）；请用上一行',
    torchPlain: '老实的一行写法，同一个数',
    klScipy: 'scipy.stats.entropy(p, q) 就是 D(P‖Q)',
    klReverse: '反过来算：不对称',
    torchKl1: 'PyTorch：F.kl_div(input=log Q, target=P) 是以 nat 为单位的 D(P‖Q)；',
    torchKl2: "reduction='sum'（默认的 'mean' 会除以结果个数）",
    torchKlNan: '这里会得到 nan：有结果的 q = 0 且 p = 0（0·−inf）；以上面的 scipy 为准',
    surprisal: '信息量 −log p',
    additivityBoth: 'I(A 且 B)：概率相乘',
    additivitySum: 'I(A) + I(B)：信息量相加，同一个数',
    infinite: 'inf',
  },
};

function pickLang(lang) {
  return lang === 'zh' ? 'zh' : 'en';
}

/** A finite double as a Python float literal: 1 -> "1.0", 0.125 -> "0.125", 1e-7 -> "1e-07"-equivalent "1e-7". */
export function pyFloat(x) {
  if (!Number.isFinite(x)) return x > 0 ? "float('inf')" : x < 0 ? "float('-inf')" : "float('nan')";
  if (Object.is(x, -0)) return '-0.0';
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

function pyList(values) {
  return `[${Array.from(values, pyFloat).join(', ')}]`;
}

/** The value as the comment after a line: "# ≈ 0.0807931 bit" (exact-looking numbers without ≈). */
function resultComment(value, unit, t) {
  if (value === undefined || value === null) return '';
  if (value === Infinity) return `  # = ${t.infinite}`;
  if (!Number.isFinite(value)) return '';
  const rounded = Number(value.toPrecision(6));
  const sign = rounded === value ? '=' : '≈';
  return `  # ${sign} ${String(rounded)} ${unit}`;
}

function labelComment(labels, t) {
  if (!Array.isArray(labels) || labels.length === 0) return '';
  // JSON string literals are valid Python literals and cannot break out of the comment line.
  return `# ${t.outcomes}: ${labels.map((l) => JSON.stringify(String(l))).join(', ')}`;
}

/** Imports and the P, Q arrays that the cross-entropy and KL snippets both start with. */
function pqHeader(p, q, labels, t) {
  const rows = [
    'import math',
    'import numpy as np',
    'import torch',
    'import torch.nn.functional as F',
    'from scipy.stats import entropy',
    '',
  ];
  const lc = labelComment(labels, t);
  if (lc) rows.push(lc);
  rows.push([`p = np.array(${pyList(p)})`, `  # ${t.trueP}`]);
  rows.push([`q = np.array(${pyList(q)})`, `  # ${t.modelQ}`]);
  return rows;
}

function padTo(line, width) {
  return line.length >= width ? line : line + ' '.repeat(width - line.length);
}

// Lines of [code, comment] so comments line up in one column.
function join(rows) {
  // Long lines (the torch ones) keep their comment close instead of pushing the column far right.
  const width = Math.max(0, ...rows.filter((r) => Array.isArray(r) && r[1] && r[0].length <= 48).map((r) => r[0].length));
  return rows.map((r) => {
    if (!Array.isArray(r)) return r;
    return r[1] ? padTo(r[0], width) + r[1] : r[0];
  }).join('\n');
}

/**
 * Python code computing what a calculator shows, with the reader's numbers.
 * @param {'surprisal'|'additivity'|'entropy'|'cross-entropy'|'kl'} kind
 * @param {object} values see the header comment
 * @param {'zh'|'en'} [lang]
 * @returns {string}
 */
export function pythonSnippet(kind, values = {}, lang = 'en') {
  const t = TEXT[pickLang(lang)];
  const unit = Object.prototype.hasOwnProperty.call(UNIT, values.unit) ? values.unit : 'bit';
  const u = UNIT[unit];
  const c = (v) => resultComment(v, unit, t);
  switch (kind) {
    case 'surprisal': {
      const label = values.label ? `  # ${JSON.stringify(String(values.label))}` : '';
      return join([
        'import math',
        '',
        `p = ${pyFloat(values.p)}${label}`,
        `# ${t.surprisal}`,
        [`-${u.math}(p)`, c(values.information)],
      ]);
    }
    case 'additivity':
      return join([
        'import math',
        '',
        `p_a, p_b = ${pyFloat(values.pA)}, ${pyFloat(values.pB)}`,
        `# ${t.additivityBoth}`,
        [`-${u.math}(p_a * p_b)`, c(values.iBoth)],
        `# ${t.additivitySum}`,
        [`-${u.math}(p_a) - ${u.math}(p_b)`, c(values.iA !== undefined && values.iB !== undefined ? values.iA + values.iB : undefined)],
      ]);
    case 'entropy': {
      const rows = [
        'import numpy as np',
        'from scipy.stats import entropy',
        '',
      ];
      const lc = labelComment(values.labels, t);
      if (lc) rows.push(lc);
      rows.push(`p = np.array(${pyList(values.p || [])})`);
      rows.push([`entropy(p${u.baseArg})`, c(values.entropy)]);
      if (values.normalized) rows.push(`# ${t.scipyRescales}`);
      rows.push('', `# ${t.byHand}`);
      if (values.normalized) rows.push('p = p / p.sum()');
      rows.push('m = p > 0');
      rows.push([`-np.sum(p[m] * ${u.np}(p[m]))`, c(values.entropy)]);
      return join(rows);
    }
    case 'cross-entropy': {
      const p = values.p || [];
      const q = values.q || [];
      const zeroBoth = p.some((pi, i) => pi === 0 && q[i] === 0);
      const rows = pqHeader(p, q, values.labels, t);
      rows.push('', `# ${t.ceDef}`);
      rows.push('m = p > 0');
      rows.push([`-np.sum(p[m] * ${u.np}(q[m]))`, c(values.crossEntropy)]);
      rows.push(`# ${t.ceScipy}`);
      rows.push([`entropy(p${u.baseArg}) + entropy(p, q${u.baseArg})`, c(values.crossEntropy)]);
      rows.push('', `# ${t.torchCe1}`, `# ${t.torchCe2}`);
      rows.push('logits = torch.log(torch.from_numpy(q)).unsqueeze(0)');
      rows.push('target = torch.from_numpy(p).unsqueeze(0)');
      const perNat = u.perNat ? ` / ${u.perNat}` : '';
      rows.push([`F.cross_entropy(logits, target)${perNat}`, zeroBoth ? `  # ${t.torchNan}` : c(values.crossEntropy)]);
      rows.push(`# ${t.torchPlain}`);
      rows.push('pt, qt = torch.from_numpy(p[m]), torch.from_numpy(q[m])');
      rows.push([`-(pt * ${u.torchLog}(qt)).sum()`, c(values.crossEntropy)]);
      return join(rows);
    }
    case 'kl': {
      const rows = pqHeader(values.p || [], values.q || [], values.labels, t);
      rows.push(`# ${t.klScipy}`);
      rows.push([`entropy(p, q${u.baseArg})`, c(values.kl)]);
      rows.push(`# ${t.klReverse}`);
      rows.push([`entropy(q, p${u.baseArg})`, c(values.klReverse)]);
      rows.push('', `# ${t.torchKl1}`, `# ${t.torchKl2}`);
      const perNat = u.perNat ? ` / ${u.perNat}` : '';
      const p = values.p || [];
      const zeroBoth = p.some((pi, i) => pi === 0 && (values.q || [])[i] === 0);
      rows.push([`F.kl_div(torch.log(torch.from_numpy(q)), torch.from_numpy(p), reduction='sum')${perNat}`,
        zeroBoth ? `  # ${t.torchKlNan}` : c(values.kl)]);
      return join(rows);
    }
    default:
      throw new TypeError(`pythonSnippet: unknown kind ${JSON.stringify(kind)}`);
  }
}

const STYLE = `
:host { display: block; margin-top: 0.5rem; font: inherit; color: var(--br-fg, inherit); }
button {
  font: inherit; min-height: 44px; min-width: 44px; padding: 0.35rem 0.8rem; cursor: pointer;
  color: var(--br-fg, CanvasText); background: var(--br-bg, Canvas);
  border: 1px solid var(--br-border, #8888); border-radius: var(--br-radius, 6px);
}
button:focus-visible, pre:focus-visible { outline: 3px solid var(--br-focus, #2563eb); outline-offset: 2px; }
.toggle::before { content: '▸ '; }
.toggle[aria-expanded="true"]::before { content: '▾ '; }
pre {
  margin: 0.5rem 0; padding: 0.75rem; overflow-x: auto; max-width: 100%; box-sizing: border-box;
  background: var(--br-surface, #8881); border: 1px solid var(--br-border, #8884);
  border-radius: var(--br-radius, 6px);
  font-family: var(--br-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK SC", monospace);
  font-size: 0.85em; line-height: 1.45; white-space: pre; tab-size: 4;
}
.row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
.status { color: var(--br-muted, inherit); font-size: 0.9em; }
[hidden] { display: none !important; }
`;

/** The toggle + code + copy button. See the header comment. */
// HTMLElement is absent in Node: pythonSnippet stays importable there (unit tests, tooling).
const ElementBase = typeof HTMLElement === 'undefined' ? class {} : HTMLElement;

export class BitCodeSnippet extends ElementBase {
  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    this._toggle = document.createElement('button');
    this._toggle.type = 'button';
    this._toggle.className = 'toggle';
    this._toggle.setAttribute('aria-expanded', 'false');
    this._panel = document.createElement('div');
    this._panel.id = 'panel';
    this._panel.hidden = true;
    this._toggle.setAttribute('aria-controls', 'panel');
    this._pre = document.createElement('pre');
    this._pre.tabIndex = 0; // scrollable by keyboard at 320 px
    this._code = document.createElement('code');
    this._pre.append(this._code);
    const row = document.createElement('div');
    row.className = 'row';
    this._copy = document.createElement('button');
    this._copy.type = 'button';
    this._copy.className = 'copy';
    this._status = document.createElement('span');
    this._status.className = 'status';
    this._status.setAttribute('role', 'status');
    this._status.setAttribute('aria-live', 'polite');
    row.append(this._copy, this._status);
    this._panel.append(this._pre, row);
    root.append(style, this._toggle, this._panel);
    this._kind = null;
    this._values = null;
    this._toggle.addEventListener('click', () => { this.open = !this.open; });
    this._copy.addEventListener('click', () => { this._copyCode(); });
    this._renderText();
  }

  static get observedAttributes() { return ['lang', 'open']; }

  attributeChangedCallback(name) {
    if (name === 'open') {
      const open = this.hasAttribute('open');
      this._panel.hidden = !open;
      this._toggle.setAttribute('aria-expanded', String(open));
      if (open && this._stale) this._render();
    } else {
      this._renderText();
      this._render();
    }
  }

  get open() { return this.hasAttribute('open'); }
  set open(value) { this.toggleAttribute('open', Boolean(value)); }

  /** The code for the current numbers (built now if the panel is closed). */
  get code() {
    return this._kind ? pythonSnippet(this._kind, this._values || {}, this._lang()) : '';
  }

  /** Shows the code for `kind` with `values` (see pythonSnippet); `lang` is optional. */
  update(kind, values, lang) {
    this._kind = kind;
    this._values = values;
    if (lang && lang !== this.getAttribute('lang')) {
      this.setAttribute('lang', lang); // re-renders through attributeChangedCallback
    } else {
      this._render();
    }
  }

  _lang() { return pickLang(this.getAttribute('lang')); }

  _renderText() {
    const t = TEXT[this._lang()];
    this._toggle.textContent = t.toggleShow;
    this._copy.textContent = t.copy;
    this._pre.setAttribute('aria-label', t.codeLabel);
    this._status.textContent = '';
  }

  _render() {
    if (!this._kind) return;
    // Closed: nothing to show, so a drag does not rebuild the text every frame.
    if (!this.open) { this._stale = true; return; }
    this._stale = false;
    this._code.textContent = pythonSnippet(this._kind, this._values || {}, this._lang());
  }

  async _copyCode() {
    const t = TEXT[this._lang()];
    const text = this.code;
    try {
      if (!navigator.clipboard || typeof navigator.clipboard.writeText !== 'function') throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      this._status.textContent = t.copied;
    } catch {
      // Clipboard refused (permissions, insecure origin): select the code for a manual copy.
      const selection = this.shadowRoot.getSelection ? this.shadowRoot.getSelection() : window.getSelection();
      try {
        const range = document.createRange();
        range.selectNodeContents(this._code);
        (selection || window.getSelection()).removeAllRanges();
        (selection || window.getSelection()).addRange(range);
      } catch { /* selection is a convenience only */ }
      this._status.textContent = t.copyFailed;
    }
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('bit-code-snippet')) {
  customElements.define('bit-code-snippet', BitCodeSnippet);
}
