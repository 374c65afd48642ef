/**
 * "The same number in code": a short Python snippet with the reader's numbers and a copy button, at
 * the end of a panel. The code scrolls inside its own box; it never widens the page. Panels only.
 */
import { html } from 'lit';

/** A Python list literal of numbers, each the shortest text that reads back exactly. */
export function pyList(values) {
  return `[${Array.from(values, (v) => (Number.isFinite(v) ? String(v) : v > 0 ? 'float("inf")' : 'float("nan")')).join(', ')}]`;
}

async function copy(host, text, button) {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = host.t('codeCopied');
  } catch {
    // no clipboard permission (e.g. an insecure origin): select the code so Ctrl+C works
    const code = button.closest('.code')?.querySelector('code');
    const selection = host.renderRoot.getSelection?.() ?? document.getSelection();
    if (code && selection) selection.selectAllChildren(code);
  }
}

/** The snippet `text` under its heading, with a button that copies it (words: host.t). */
export function codeBlock(host, text) {
  return html`<section class="code" aria-label=${host.t('codeTitle')}>
    <h4>${host.t('codeTitle')}</h4>
    <pre tabindex="0"><code>${text}</code></pre>
    <button type="button" class="copy" @click=${(e) => copy(host, text, e.currentTarget)}>${host.t('copyCode')}</button>
  </section>`;
}
