/**
 * The "adjust and details" panel of <bit-surprisal> and <bit-additivity>: example events, the
 * probability and name fields, the unit, and the Python line that computes the same number.
 *
 * Split off from bit-surprisal.js (see the panel contract in base.js): loaded when the panel first
 * opens, it renders from the element's state and calls its edit methods.
 */
import { html, nothing } from 'lit';
import { formatNumber, probabilityText } from '../../shared/format.js';
import { field, examples, unitSelect } from './panel-kit.js';
import { codeBlock } from './code.js';

/** The examples after the element's default one (BitSurprisal.defaultExample). */
const MORE_EXAMPLES = [
  { key: 'argentina', p: '1/8', label: { zh: '阿根廷夺冠', en: 'Argentina wins' } },
];

/** The panel of `host`, a BitSurprisal. */
export default function surprisalPanel(host) {
  const n = host.names();
  const lang = host.lang;
  const items = [host.constructor.defaultExample, ...MORE_EXAMPLES];
  const active = items.find((ex) => ex.p === host.p && (host.label ?? '') === ex.label[lang])?.key;
  const main = host.good.main;
  const u = host.unitInfo;
  return html`
    ${host.single ? html`
      ${examples(host, items, active, (ex) => {
        delete host.drafts.p;
        host.clearError('p');
        host.p = ex.p;
        host.label = ex.label[lang];
      })}
      <div class="row">
        ${field(host, { key: 'p', label: host.t('fieldP'), value: host.text('p'), inputmode: 'decimal', onInput: (e) => host.typeProbability('p', e.target.value) })}
        <div class="field"><label for="f-label">${host.t('fieldLabel')}</label>
          <input id="f-label" type="text" maxlength="40" .value=${host.label ?? ''} placeholder=${n.main}
            @change=${(e) => { host.label = e.target.value.trim(); }}></div>
      </div>` : nothing}
    ${host.composite ? html`<div class="row">
      ${field(host, { key: 'pa', label: host.t('fieldA', n.a), value: host.text('pa'), inputmode: 'decimal', onInput: (e) => host.typeProbability('pa', e.target.value) })}
      ${field(host, { key: 'pb', label: host.t('fieldB', n.b), value: host.text('pb'), inputmode: 'decimal', onInput: (e) => host.typeProbability('pb', e.target.value) })}
    </div>` : nothing}
    <div class="row">${unitSelect(host)}</div>
    ${main ? codeBlock(host, `import math\n\np = ${probabilityText(main.p) === String(main.p) ? main.p : `1 / ${Math.round(1 / main.p)}`}\nprint(-math.log(p, ${u.python === 'None' ? 'math.e' : u.python}))  # ${formatNumber(main.information)} ${u.symbol}: ${host.t('codeComment')}`) : nothing}`;
}
