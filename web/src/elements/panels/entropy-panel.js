/**
 * The "adjust and details" panel of <bit-entropy>: examples, the P field, the table of outcomes
 * (rename, remove, each one's share), add, the unit, and the Python line.
 *
 * Split off from bit-entropy.js (see the panel contract in base.js): loaded when the panel first
 * opens, it renders from the element's distribution model and edits through it.
 */
import { html, nothing } from 'lit';
import { formatNumber, formatProbability } from '../../shared/format.js';
import { field, examples, scrollTable, unitSelect } from './panel-kit.js';
import { codeBlock, pyList } from './code.js';

/** The examples after the element's default one (BitEntropy.defaultExample). */
const MORE_EXAMPLES = [
  { key: 'france', p: '0.99,0.01', labels: { zh: '法国,中国', en: 'France,China' } },
];

/** The panel of `host`, a BitEntropy. */
export default function entropyPanel(host) {
  const model = host.model;
  const t = model.terms;
  const names = model.labels();
  const u = host.unitInfo.symbol;
  const lang = host.lang;
  const items = [host.constructor.defaultExample, ...MORE_EXAMPLES];
  const active = items.find((ex) => ex.p === host.p && (host.labels ?? '') === ex.labels[lang])?.key;
  const d = model.good.p;
  return html`
    ${examples(host, items, active, (ex) => model.applyTexts({ p: ex.p, labels: ex.labels[lang] }))}
    ${field(host, { key: 'p', label: host.t('fieldP'), value: model.fieldText('p'), wide: true, inputmode: 'decimal',
      onInput: (e) => model.type('p', e.target.value) })}
    ${d?.rescaled ? html`<p class="note">${host.t('rescaled', { sum: formatNumber(d.sum) })}</p>` : nothing}
    ${t ? scrollTable(host, host.t('title'), html`<table class="terms">
      <thead><tr><th scope="col">${host.t('colTeam')}</th><th scope="col">${host.t('colP')}</th>
        <th scope="col">${host.t('colI')}</th><th scope="col">${host.t('colShare')}</th><th scope="col"><span class="sr-only">${host.t('colRemove')}</span></th></tr></thead>
      <tbody>${names.map((name, i) => html`<tr>
        <th scope="row"><input class="name" type="text" maxlength="40" .value=${name} aria-label=${host.t('rename', i)}
          @change=${(e) => model.rename(i, e.target.value)}></th>
        <td class="num">${formatProbability(t.p[i])}</td>
        <td class="num">${formatNumber(t.surprisalP[i])} ${u}</td>
        <td class="num">${formatNumber(t.entropyTerms[i])} ${u}</td>
        <td><button type="button" class="remove" ?disabled=${names.length <= 2} aria-label=${host.t('remove', name)}
          @click=${() => model.remove(i)}>×</button></td></tr>`)}</tbody>
      <tfoot><tr><th scope="row" colspan="3">${host.t('total')}</th><td class="num">${formatNumber(t.entropy)} ${u}</td><td></td></tr></tfoot>
    </table>`) : nothing}
    <div class="row">
      <button type="button" ?disabled=${model.full} @click=${() => model.add()}>＋ ${host.t('add')}</button>
      ${unitSelect(host)}
    </div>
    ${t ? codeBlock(host, `from scipy.stats import entropy\n\np = ${pyList(t.p)}\nprint(entropy(p, base=${host.unitInfo.python}))  # ${formatNumber(t.entropy)} ${u}: ${host.t('codeComment')}`) : nothing}`;
}
