/**
 * The "adjust and details" panel of <bit-learning>: the model against the truth (fit chart),
 * preset runs, the settings (N, seed, learning rate, capacity, speed, unit), the likelihood of the
 * sample, the identity check and the stopping rule.
 *
 * Split off from bit-learning.js (see the panel contract in base.js): loaded when the panel first
 * opens; it edits the element's settings and drafts, and draws from its run.
 */
import { html, nothing } from 'lit';
import { formatNumber, formatCount } from '../../shared/format.js';
import { NARROW } from '../../shared/chart.js';
import { fitChart } from './fit-chart.js';
import { examples, field, select, unitSelect } from './panel-kit.js';

/** The presets after the element's default run (BitLearning.defaultExample). */
const MORE_PRESETS = [
  { key: 'presetFew', n: '12', seed: '7', rate: '5', degree: '3' },
  { key: 'presetMany', n: '100000', seed: '1', rate: '2', degree: '2' },
  { key: 'presetSlow', n: '200', seed: '1', rate: '0.05', degree: '2' },
  { key: 'presetFast', n: '200', seed: '1', rate: '30', degree: '2' },
];
const PRESET_KEYS = ['n', 'seed', 'rate', 'degree'];

/** A preset's settings, and training from them at once. */
function applyPreset(host, preset) {
  host.drafts = {};
  for (const key of PRESET_KEYS) host[key] = preset[key];
  host.updateComplete.then(() => host.play());
}

/** The model against the truth (the loss is the picture that teaches; this is for the curious). */
function fit(host) {
  const run = host.run;
  if (!run) return nothing;
  const t = (key, p) => host.t(key, p);
  const { xMin, xMax } = host.facts.lab;
  return html`<h4 class="chart-title">${host.t('fitTitle')}</h4>
    <div class="legend" aria-hidden="true">
      <span><span class="line truth"></span>${host.t('legendTruth')}</span>
      <span><span class="line model"></span>${host.t('legendModel')}</span>
      ${run.data ? html`<span><span class="line rug"></span>${host.t('legendRug')}</span>` : nothing}
    </div>
    ${fitChart({ width: host.width, ...host.fitCurves, data: run.data, xMin, xMax, t, narrow: host.width < NARROW })}`;
}

/** The panel of `host`, a BitLearning. */
export default function learningPanel(host) {
  const r = host.result;
  const cls = host.constructor;
  const presets = [cls.defaultExample, ...MORE_PRESETS];
  const active = presets.find((p) => PRESET_KEYS.every((k) => String(host[k]) === p[k]))?.key;
  const { minDegree, maxDegree } = host.facts.lab;
  const degrees = [];
  for (let d = minDegree; d <= maxDegree; d++) degrees.push([String(d), host.t('degreeName', { d })]);
  const number = (key) => field(host, {
    key, label: host.t(`f_${key}`), value: host.drafts[key] ?? host[key], inputmode: 'decimal',
    onInput: (e) => { host.drafts[key] = e.target.value; host.requestUpdate(); },
  });
  const lb = Math.log(host.base);
  const log = host.unitInfo.log;
  return html`
    ${fit(host)}
    ${examples(host, presets, active, (p) => applyPreset(host, p))}
    <div class="row lab-fields">${cls.fields.map(number)}</div>
    <div class="row lab-fields">
      ${select(host, { key: 'degree', label: host.t('f_degree'), value: String(host.degreeValue), options: degrees, onChange: (e) => { host.degree = e.target.value; } })}
      ${select(host, { key: 'speed', label: host.t('f_speed'), value: host.speedValue, options: cls.speeds.map((s) => [s, s === 'max' ? host.t('speedMax') : host.t('speedSteps', { s })]), onChange: (e) => { host.speed = e.target.value; } })}
      ${unitSelect(host)}
    </div>
    ${r ? html`<p class="note likelihood">${host.t(r.likelihood > 0 ? 'likelihood' : 'likelihoodUnder', {
      n: formatCount(r.n), lik: formatNumber(r.likelihood), ll: formatNumber(r.logLikelihood), log,
      per: formatNumber(Math.exp(-r.trainLoss * lb)),
    })}</p>` : nothing}
    ${r ? html`<p class="note identity">${host.t('identity', { res: formatNumber(Math.abs(r.identityResidual)), max: formatNumber(r.maxIdentityResidual) })}</p>` : nothing}
    <p class="note">${host.t('stopRule', { ...host.stopRule, log })}</p>`;
}
