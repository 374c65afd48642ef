/**
 * The P/Q editor's half of the panels of <bit-cross-entropy> and <bit-kl>: the P and Q fields,
 * the outcome table (rename, remove, and the element's own columns), add, "Q = P" and the unit.
 * The strips under the picture are the other half (pq-view.js, always loaded).
 */
import { html, nothing } from 'lit';
import { formatProbability } from '../../shared/format.js';
import { examples, field, scrollTable, unitSelect } from './panel-kit.js';

/**
 * The P/Q editor of `host` (an element set up by pq-view.js usePQ): `columns` ({ head, cell(i) })
 * stand after p and q in the table, `extraRows` (a <tfoot>) after its body.
 */
export function pqControls(host, { columns = [], extraRows = nothing }) {
  const m = host.model;
  const names = m.labels();
  const dP = m.good.p;
  const dQ = m.good.q;
  const same = m.size > 0 && m.probabilities.every((v, i) => v === m.modelProbabilities[i]);
  return html`
    <div class="row">
      ${field(host, { key: 'p', label: host.t('fieldP'), value: m.fieldText('p'), inputmode: 'decimal', onInput: (e) => m.type('p', e.target.value) })}
      ${field(host, { key: 'q', label: host.t('fieldQ'), value: m.fieldText('q'), inputmode: 'decimal', onInput: (e) => m.type('q', e.target.value) })}
    </div>
    ${dP?.rescaled ? html`<p class="note">${host.t('rescaledP', { sum: String(dP.sum) })}</p>` : nothing}
    ${dQ?.rescaled ? html`<p class="note">${host.t('rescaledQ', { sum: String(dQ.sum) })}</p>` : nothing}
    ${m.terms ? scrollTable(host, host.t('colOutcome'), html`<table class="terms">
      <thead><tr><th scope="col">${host.t('colOutcome')}</th><th scope="col">p</th><th scope="col">q</th>
        ${columns.map((c) => html`<th scope="col">${c.head}</th>`)}<th scope="col"><span class="sr-only">×</span></th></tr></thead>
      <tbody>${names.map((name, i) => html`<tr>
        <th scope="row"><input class="name" type="text" maxlength="40" .value=${name} aria-label=${host.t('rename', i)}
          @change=${(e) => m.rename(i, e.target.value)}></th>
        <td class="num">${formatProbability(m.probabilities[i])}</td><td class="num">${formatProbability(m.modelProbabilities[i])}</td>
        ${columns.map((c) => html`<td class="num">${c.cell(i)}</td>`)}
        <td><button type="button" class="remove" ?disabled=${names.length <= 2} aria-label=${host.t('remove', name)} @click=${() => m.remove(i)}>×</button></td>
      </tr>`)}</tbody>
      ${extraRows}
    </table>`) : nothing}
    <div class="row">
      <button type="button" ?disabled=${m.full} @click=${() => m.add()}>＋ ${host.t('add')}</button>
      <button type="button" class="snap" aria-pressed=${same ? 'true' : 'false'} @click=${() => m.snapModelToTruth()}>${host.t('snap')}</button>
      ${unitSelect(host)}
    </div>
    <p class="sr-only" role="status">${same ? host.t('snapped') : ''}</p>`;
}

/**
 * The examples row of a P/Q panel: `items` ({ key, p, q, labels: { zh, en } }), the one now shown
 * pressed; a click applies its texts, after `onPick` (the element's own reaction, if any).
 */
export function pqExamples(host, items, onPick = () => {}) {
  const lang = host.lang;
  const active = items.find((ex) => ex.p === host.p && ex.q === host.q && (host.labels ?? '') === ex.labels[lang])?.key;
  return examples(host, items, active, (ex) => {
    onPick(ex);
    host.model.applyTexts({ p: ex.p, q: ex.q, labels: ex.labels[lang] });
  });
}
