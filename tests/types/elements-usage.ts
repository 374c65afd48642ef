// Compiled with `tsc --noEmit -p tests/types` against dist/bitruler.d.ts and dist/elements.d.ts
// (the types of `import 'bitruler'`) and dist/prerender.d.mts. Each @ts-expect-error line must
// stay an error.
import {
  define, defineAll, TAGS,
  type BitTagName, type BitEntropyElement, type BitElementError, type EntropyResult, type KlResult,
  type SurprisalResult, type BitUnit,
} from '../../dist/bitruler.js';
import { load } from '../../dist/core.js';
import { prerenderHtml, type PrerenderOptions } from '../../dist/prerender.mjs';

async function main(): Promise<void> {
  // HTMLElementTagNameMap: querySelector and createElement know the tags
  const entropy = document.querySelector('bit-entropy');
  if (entropy) {
    const el: BitEntropyElement = entropy;
    const result: EntropyResult | null = el.result;
    if (result) {
      const h: number = result.entropy;
      const max: number = result.maxEntropy;
      const p: number[] = result.probabilities;
      const unit: BitUnit = result.unit;
      // @ts-expect-error bit-entropy's result has no crossEntropy
      result.crossEntropy;
    }
    el.p = '0.99,0.01';
    el.labels = '法国,中国';
    el.unit = 'nat';
    el.unit = 'bit';
    el.open = true;
    el.lang = 'en';
    const lang: 'zh' | 'en' = el.lang;
    const error: BitElementError | null = el.error;
    if (error) {
      const code: string = error.code;
      const message: string = error.message;
      const field: string = error.field;
    }
    el.addEventListener('change', (event) => {
      const detail: EntropyResult = event.detail;
      const h: number = detail.entropy;
    });
    el.addEventListener('click', (event) => {
      const x: number = event.clientX;
    });
    await el.updateComplete;
    // @ts-expect-error result is read-only
    el.result = null;
    // @ts-expect-error error is read-only
    el.error = null;
    // @ts-expect-error p is text, as in the attribute
    el.p = [0.5, 0.5];
    // @ts-expect-error open is a boolean
    el.open = 'true';
  }

  const kl = document.createElement('bit-kl');
  kl.p = '1/2,1/2';
  kl.q = '0.9,0.1';
  const klResult: KlResult | null = kl.result;
  const both: number | undefined = kl.result?.kl ?? kl.result?.klReverse;

  const surprisal = document.querySelector('bit-surprisal');
  const bits: number | undefined = surprisal?.result?.information;
  const composite: number | undefined = surprisal?.result?.composite?.information;
  const sr: SurprisalResult | null | undefined = surprisal?.result;
  if (surprisal) surprisal.labelA = '进决赛';

  const additivity = document.querySelector('bit-additivity');
  const sum: number | undefined = additivity?.result?.composite.information;
  // @ts-expect-error bit-additivity has no p property
  additivity?.p;

  const ce = document.querySelector('bit-cross-entropy');
  const gap: number | undefined = ce?.result ? ce.result.crossEntropy - ce.result.entropy : undefined;
  if (ce) ce.seed = '7';

  const ruler = document.querySelector('bit-ruler');
  const rulerError: BitElementError | null | undefined = ruler?.error;

  // @ts-expect-error an unknown tag is a plain Element
  document.querySelector('bit-unknown')?.result;

  // the loader's API
  const tags: readonly BitTagName[] = TAGS;
  const Kl = await define('bit-kl');
  const made: KlResult | null = new Kl().result;
  // @ts-expect-error not a bitruler tag
  await define('bit-nope');
  await defineAll();

  document.addEventListener('bitruler-unavailable', (event) => {
    const tag: BitTagName = event.detail.tag;
  });

  // the core and prerendering, as an author's build script uses them
  const core = await load();
  const options: PrerenderOptions = { base: '/bitruler/', core };
  const html: string = await prerenderHtml('<bit-surprisal p="1/1024"></bit-surprisal>', options);
  // @ts-expect-error html is a string
  await prerenderHtml(42);
}

void main;
