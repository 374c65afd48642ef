/**
 * The "adjust and details" panel of <bit-cross-entropy>: examples, the P/Q editor with each
 * outcome's code length and share, real Huffman codes for P and for Q, a sampling run written
 * with Q's code (its running average settling on Σ p·len_Q), and the Python line.
 *
 * Split off from bit-cross-entropy.js (see the panel contract in base.js): loaded when the panel
 * first opens; the codes and the sample are the element's (computed with its result).
 */
import { html, nothing } from 'lit';
import { formatNumber } from '../../shared/format.js';
import { scaleLinear, scaleLog, yAxis, px, polyline, aspect } from '../../shared/chart.js';
import { scrollTable } from './panel-kit.js';
import { pqControls, pqExamples } from './pq-panel.js';
import { codeBlock, pyList } from './code.js';

const TEAMS = { zh: '阿根廷,法国,巴西,英格兰', en: 'Argentina,France,Brazil,England' };
/** The examples after the element's default one (BitCrossEntropy.defaultExample). */
const MORE_EXAMPLES = [
  { key: 'uniform', p: '1/2,1/4,1/8,1/8', q: '1/4,1/4,1/4,1/4', labels: TEAMS },
  { key: 'france', p: '0.99,0.01', q: '0.5,0.5', labels: { zh: '法国,中国', en: 'France,China' } },
  { key: 'same', p: '1/2,1/4,1/8,1/8', q: '1/2,1/4,1/8,1/8', labels: TEAMS },
];

/** Huffman codes built for P and for Q, and their average lengths on data from P. */
function codesTable(host) {
  const c = host.codes;
  if (!c) return nothing;
  const names = host.model.labels();
  const t = host.model.terms;
  const cw = (code, i) => (code.lengths[i] > 0 ? `${code.codewords[i]} (${code.lengths[i]})` : host.t('noCode'));
  return html`<section class="codes"><h4>${host.t('codesTitle')}</h4>
    ${scrollTable(host, host.t('codesTitle'), html`<table>
      <thead><tr><th scope="col">${host.t('colOutcome')}</th><th scope="col">${host.t('codeP')}</th><th scope="col">${host.t('codeQ')}</th></tr></thead>
      <tbody>${names.map((n, i) => html`<tr><th scope="row">${n}</th><td class="mono">${cw(c.codeP, i)}</td><td class="mono">${cw(c.codeQ, i)}</td></tr>`)}</tbody>
      <tfoot><tr><th scope="row">${host.t('avgLength')}</th><td class="num">${formatNumber(c.codeP.expectedLength)}</td><td class="num">${formatNumber(c.lengthQ)}</td></tr></tfoot>
    </table>`)}
    <p class="note">${host.t('codesNote', { lp: formatNumber(c.codeP.expectedLength), lq: formatNumber(c.lengthQ), h: formatNumber(t.entropy * Math.log2(host.base)) })}</p>
  </section>`;
}

/** The sampling run: the average code length so far (log scale of draws) and where it settles. */
function sampling(host) {
  const c = host.codes;
  if (!c || !Number.isFinite(c.sample.crossCodeLength)) return nothing;
  const run = c.sample.runningMean;
  const W = host.width;
  const H = Math.round(W * aspect('sampling', W));
  const m = { l: 44, r: 12, t: 10, b: 30 };
  const x = scaleLog().domain([1, run.length]).range([m.l, W - m.r]);
  const top = Math.max(c.sample.crossCodeLength, ...run.subarray(0, Math.min(run.length, 50))) * 1.1;
  const y = scaleLinear().domain([0, top]).range([H - m.b, m.t]).nice(4);
  const points = [];
  for (let k = 1; k <= run.length; k = Math.max(k + 1, Math.ceil(k * 1.04))) points.push([x(k), y(run[k - 1])]);
  points.push([x(run.length), y(run[run.length - 1])]);
  const settle = formatNumber(c.sample.crossCodeLength);
  return html`<section class="sampling"><h4>${host.t('samplingTitle', { n: run.length })}</h4>
    <svg class="chart sampling" viewBox="0 0 ${W} ${H}" role="img" aria-label=${host.t('samplingLegend', { settle })}>
      ${yAxis(y, { x: m.l, ticks: y.ticks(4), gridTo: W - m.r })}
      <line class="settle" x1=${px(m.l)} x2=${px(W - m.r)} y1=${px(y(c.sample.crossCodeLength))} y2=${px(y(c.sample.crossCodeLength))}></line>
      <path class="running" d=${polyline(points)}></path>
      <text class="axis-label" x=${px(W - m.r)} y=${px(H - 4)} text-anchor="end">${host.t('samplingAxis')}</text>
    </svg>
    <p class="note">${host.t('samplingLegend', { settle })}</p>
    <button type="button" @click=${() => { host.seed = String(host.seedValue + 1); }}>${host.t('reseed')}</button>
  </section>`;
}

/** The panel of `host`, a BitCrossEntropy. */
export default function crossEntropyPanel(host) {
  const t = host.model.terms;
  const u = host.unitInfo.symbol;
  const python = host.unitInfo.python;
  return html`
    ${pqExamples(host, [host.constructor.defaultExample, ...MORE_EXAMPLES], () => { host.bestGap = Infinity; })}
    ${pqControls(host, {
      columns: t ? [
        { head: host.t('colSurpriseQ'), cell: (i) => `${formatNumber(t.surprisalQ[i])} ${u}` },
        { head: host.t('colShare'), cell: (i) => `${formatNumber(t.crossTerms[i])} ${u}` },
      ] : [],
      extraRows: t ? html`<tfoot><tr><th scope="row" colspan="4">${host.t('total')} H(P,Q)</th><td class="num">${formatNumber(t.crossEntropy)} ${u}</td><td></td></tr></tfoot>` : nothing,
    })}
    ${codesTable(host)}
    ${sampling(host)}
    ${t ? codeBlock(host, `import numpy as np\n\np = np.array(${pyList(t.p)})\nq = np.array(${pyList(t.q)})\nprint(-(p * np.log(q) / np.log(${python === 'None' ? 'np.e' : python})).sum())  # ${formatNumber(t.crossEntropy)} ${u}: ${host.t('codeComment')}`) : nothing}`;
}
