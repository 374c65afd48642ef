/**
 * The "adjust and details" panel of <bit-ruler>: preset pairs, a form per side (its family and
 * that family's parameters, each field with its allowed range), "restrict Gaussians to k ≥ 0" and
 * the unit.
 *
 * Split off from bit-ruler.js (see the panel contract in base.js): loaded when the panel first
 * opens; it edits the element's p, q and naturals attributes and its drafts.
 */
import { html } from 'lit';
import { examples, field, select, unitSelect } from './panel-kit.js';

const KIND_KEY = { gaussian: 'kindGaussian', poisson: 'kindPoisson', binomial: 'kindBinomial', geometric: 'kindGeometric' };
/** The presets after the element's default pair (BitRuler.defaultExample). */
const MORE_PRESETS = [
  { key: 'presetGG', p: 'gaussian:0,1', q: 'gaussian:1,2', naturals: 'false' },
  { key: 'presetBP', p: 'binomial:100,0.03', q: 'poisson:3', naturals: 'true' },
  { key: 'presetGeo', p: 'geometric:0.2', q: 'poisson:4', naturals: 'true' },
  { key: 'presetHuge', p: 'binomial:1000000000,0.5', q: 'poisson:500000000', naturals: 'true' },
];

/** One side's form: its family, then that family's parameters (or why its text cannot be read). */
function side(host, w) {
  const spec = host.sides[w];
  const kind = spec?.kind;
  return html`<fieldset class="ruler-side ${w}">
    <legend>${host.t(w === 'p' ? 'sideP' : 'sideQ')}</legend>
    ${select(host, {
      key: `${w}kind`, label: host.t('kind'), value: kind ?? '',
      options: host.kinds.map((k) => [k, host.t(KIND_KEY[k])]),
      onChange: (e) => host.setFamily(w, e.target.value),
    })}
    ${spec ? host.paramNames(kind).map((name, i) => field(host, {
      key: `${w}${i}`, label: host.t(name), value: host.drafts[`${w}${i}`] ?? spec.texts[i], inputmode: 'decimal',
      onInput: (e) => host.typeParameter(`${w}${i}`, e.target.value),
    })) : html`<p class="field-msg" role="alert">${host.errorText(`${w}spec`)}</p>`}
  </fieldset>`;
}

/** The panel of `host`, a BitRuler. */
export default function rulerPanel(host) {
  const presets = [host.constructor.defaultExample, ...MORE_PRESETS];
  const active = presets.find((p) => p.p === host.p && p.q === host.q && p.naturals === String(host.naturals))?.key;
  return html`
    ${examples(host, presets, active, (p) => host.setPair(p))}
    <div class="ruler-sides">${side(host, 'p')}${side(host, 'q')}</div>
    <label class="check"><input type="checkbox" .checked=${host.naturalsValue}
      @change=${(e) => { host.naturals = e.target.checked ? 'true' : 'false'; }}><span>${host.t('naturals')}</span></label>
    <div class="row">${unitSelect(host)}</div>`;
}
