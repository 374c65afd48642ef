/**
 * The pieces every "adjust and details" panel is built from: labelled fields and selects, the unit
 * selector, a row of example buttons, a table that scrolls sideways. Each is a template of `host`
 * (a BitElement: its words via host.t, its field errors via host.errorText).
 *
 * Only the panels (elements/panels/*-panel.js) import this module, so it travels with them: a
 * reader who never opens a panel never downloads it.
 *
 * Chunks: the bundler gives each set of modules reached by the same entries a chunk of its own, so
 * a panel that reached only part of what the elements reach would split the page's chunks into
 * more, smaller files. Through this module every panel reaches base.js, hence all the elements'
 * shared code, and nothing the elements do not (the lab's model constants and family texts come
 * from the element, never from model/): the page's chunks stay as they are without the panels.
 */
import { html, nothing } from 'lit';
import { UNITS } from '../base.js';

/** A labelled text field with its error line. */
export function field(host, { key, label, value, onInput, inputmode = 'text', wide = false, hint = '' }) {
  const id = `f-${key}`;
  const message = host.errorText(key);
  return html`<div class="field ${wide ? 'wide' : ''}">
    <label for=${id}>${label}</label>
    <input id=${id} type="text" autocomplete="off" spellcheck="false" inputmode=${inputmode}
      .value=${value ?? ''} aria-invalid=${message ? 'true' : 'false'}
      aria-describedby=${`${id}-msg${hint ? ` ${id}-hint` : ''}`} @input=${onInput}>
    ${hint ? html`<p class="hint" id=${`${id}-hint`}>${hint}</p>` : nothing}
    <p class="field-msg" id=${`${id}-msg`} role=${message ? 'alert' : nothing}>${message}</p>
  </div>`;
}

/** A labelled <select>; options = [[value, text], ...]. */
export function select(host, { key, label, value, options, onChange }) {
  const id = `s-${key}`;
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <select id=${id} @change=${onChange}>
      ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
    </select>
  </div>`;
}

/** The unit selector every calculator offers in its panel. */
export function unitSelect(host) {
  return select(host, {
    key: 'unit',
    label: host.t('unitLabel'),
    value: host.unitName,
    options: Object.entries(UNITS).map(([name, unit]) => [name, host.t(unit.word)]),
    onChange: (e) => { host.unit = e.target.value; },
  });
}

/**
 * A row of example buttons: `items` ({ key, ... }) are labelled by the words of their keys, the one
 * now shown (key `active`) is pressed, and a click hands its item to `onPick`.
 */
export function examples(host, items, active, onPick) {
  return html`<div class="examples" role="group" aria-label=${host.t('examples')}>
    <span class="examples-label">${host.t('examples')}</span>
    ${items.map((item) => html`<button type="button" aria-pressed=${item.key === active ? 'true' : 'false'}
      @click=${() => onPick(item)}>${host.t(item.key)}</button>`)}
  </div>`;
}

/** A table in a box that scrolls sideways and says so when it has to. */
export function scrollTable(host, caption, table) {
  return html`<div class="table-box" role="region" tabindex="0" aria-label=${caption}>
    ${table}
    <p class="scroll-hint" aria-hidden="true">${host.t('tableScroll')} →</p>
  </div>`;
}
