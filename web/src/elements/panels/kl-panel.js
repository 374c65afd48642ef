/**
 * The "adjust and details" panel of <bit-kl>: examples, the P/Q editor with each outcome's term
 * in both directions, and the Python lines for D(P‖Q) and D(Q‖P).
 *
 * Split off from bit-kl.js (see the panel contract in base.js): loaded when the panel first opens.
 */
import { html, nothing } from 'lit';
import { formatNumber } from '../../shared/format.js';
import { pqControls, pqExamples } from './pq-panel.js';
import { codeBlock, pyList } from './code.js';

const FRANCE_CHINA = { zh: '法国,中国', en: 'France,China' };
/** The examples after the element's default one (BitKl.defaultExample). */
const MORE_EXAMPLES = [
  { key: 'zero', p: '0.99,0.01', q: '1,0', labels: FRANCE_CHINA },
  { key: 'close', p: '0.5,0.3,0.2', q: '0.45,0.35,0.2', labels: { zh: '胜,平,负', en: 'Win,Draw,Loss' } },
];

/** The panel of `host`, a BitKl. */
export default function klPanel(host) {
  const t = host.model.terms;
  const r = host.reverse;
  const u = host.unitInfo.symbol;
  const base = host.unitInfo.python;
  return html`
    ${pqExamples(host, [host.constructor.defaultExample, ...MORE_EXAMPLES])}
    ${pqControls(host, {
      columns: t && r ? [
        { head: host.t('colForward'), cell: (i) => `${formatNumber(t.klTerms[i])} ${u}` },
        { head: host.t('colReverse'), cell: (i) => `${formatNumber(r.klTerms[i])} ${u}` },
      ] : [],
      extraRows: t && r ? html`<tfoot><tr><th scope="row" colspan="3">${host.t('total')}</th><td class="num">${formatNumber(t.kl)} ${u}</td><td class="num">${formatNumber(r.kl)} ${u}</td><td></td></tr></tfoot>` : nothing,
    })}
    ${t && r ? codeBlock(host, `from scipy.stats import entropy\n\np = ${pyList(t.p)}\nq = ${pyList(t.q)}\nprint(entropy(p, q, base=${base}))  # D(P||Q) = ${formatNumber(t.kl)} ${u}\nprint(entropy(q, p, base=${base}))  # D(Q||P) = ${formatNumber(r.kl)} ${u}`) : nothing}`;
}
