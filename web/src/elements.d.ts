// Type declarations of the bitruler custom elements (dist/elements.d.ts, re-exported by
// dist/bitruler.d.ts, the types of `import 'bitruler'`). Hand-written from the elements' public API
// (web/src/elements/base.js and each bit-*.js); checked by tsc with tests/types/elements-usage.ts.
//
//   const el = document.querySelector('bit-entropy');   // BitEntropyElement | null
//   el?.result?.entropy;                                 // number
//   el?.addEventListener('change', (e) => e.detail?.entropy);

import type { ErrorCode } from './core.js';

/** Units of the numbers an element shows and reports (`unit` attribute). */
export type BitUnit = 'bit' | 'nat' | 'hartley';

/** Languages of the elements' text (`lang` attribute, else the nearest ancestor's). */
export type BitLang = 'zh' | 'en';

/** Every tag the loader (`import 'bitruler'` / dist/bitruler.js) defines. */
export type BitTagName = keyof BitElementTagNameMap;

/** The latest input error of an element (`error`). */
export interface BitElementError {
  /** The core's error code (see BitRulerError), or 'INTERNAL' for a failure that is not the input's. */
  readonly code: ErrorCode | 'INTERNAL';
  /** A finer reason some codes carry, else null. */
  readonly reason: string | null;
  /** The sentence the element shows, in its language. */
  readonly message: string;
  /** The input it belongs to ('p', 'q', 'pa', …; names starting with '_' belong to no input). */
  readonly field: string;
}

/** Events of an element whose result is `R`: `change` carries the new result. */
export interface BitElementEventMap<R> extends HTMLElementEventMap {
  change: CustomEvent<R>;
}

/** What every bitruler element has (web/src/elements/base.js). */
export interface BitElement<R> extends HTMLElement {
  /** The last good result, or null before the first one. */
  readonly result: R | null;
  /** The latest input error, or null. The picture keeps the last good result meanwhile. */
  readonly error: BitElementError | null;
  /** `unit` attribute: 'bit' (default), 'nat' or 'hartley'; another value is reported in the element. */
  unit: BitUnit | (string & {}) | null | undefined;
  /** `open` attribute: the "adjust and details" panel is open. */
  open: boolean;
  /** The language in use (the `lang` attribute, else the nearest ancestor's, else zh); setting it sets the attribute. */
  get lang(): BitLang;
  set lang(value: string);
  /** Resolves when the element has rendered its latest change (Lit's updateComplete), an open panel's content included (fetched when it first opens). */
  readonly updateComplete: Promise<boolean>;

  addEventListener<K extends keyof BitElementEventMap<R>>(type: K, listener: (this: this, ev: BitElementEventMap<R>[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof BitElementEventMap<R>>(type: K, listener: (this: this, ev: BitElementEventMap<R>[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** Two independent events A and B: probabilities multiply, surprisals add (ia + ib = information). */
export interface CompositeResult {
  pa: number;
  pb: number;
  /** pa · pb */
  p: number;
  /** −log pa, in the unit */
  ia: number;
  /** −log pb, in the unit */
  ib: number;
  /** −log(pa · pb), in the unit */
  information: number;
}

export interface SurprisalResult {
  unit: BitUnit;
  /** The probability read from `p`. */
  p?: number;
  /** −log p, in the unit: 10 for p = 1/1024 in bits. */
  information?: number;
  /** Present when `pa` and `pb` are set. */
  composite?: CompositeResult;
}

/** `<bit-surprisal p="1/1024" label="中国夺冠">`: surprisal as halvings; with pa/pb also additivity. */
export interface BitSurprisalElement extends BitElement<SurprisalResult> {
  /** Probability as typed: '1/1024', '0.125', '12.5%' (default '1/1024'). */
  p: string | null;
  label?: string | null;
  pa?: string | null;
  pb?: string | null;
  /** `label-a` attribute */
  labelA?: string | null;
  /** `label-b` attribute */
  labelB?: string | null;
  /** `label-ab` attribute */
  labelAb?: string | null;
}

export interface AdditivityResult {
  unit: BitUnit;
  composite: CompositeResult;
}

/** `<bit-additivity pa="1/2" pb="1/4">`: the "A and B" event of `<bit-surprisal>` alone. */
export interface BitAdditivityElement extends BitElement<AdditivityResult> {
  /** Default '1/2'. */
  pa: string | null;
  /** Default '1/4'. */
  pb: string | null;
  labelA?: string | null;
  labelB?: string | null;
  labelAb?: string | null;
}

export interface EntropyResult {
  /** H(P) in the unit: 3 for eight equal outcomes in bits. */
  entropy: number;
  /** The largest entropy this many outcomes can have, log n. */
  maxEntropy: number;
  /** P as used (weights rescaled to sum to 1). */
  probabilities: number[];
  unit: BitUnit;
}

/** `<bit-entropy p="0.99,0.01" labels="法国,中国">`: entropy as an area. */
export interface BitEntropyElement extends BitElement<EntropyResult> {
  /** Comma-separated probabilities or weights, as typed. */
  p: string | null;
  /** Comma-separated names of the outcomes. */
  labels: string | null;
}

export interface CrossEntropyResult {
  /** H(P) */
  entropy: number;
  /** H(P,Q) = H(P) + D(P‖Q) */
  crossEntropy: number;
  /** D(P‖Q) */
  kl: number;
  unit: BitUnit;
}

/** `<bit-cross-entropy p="…" q="…" labels="…">`: P's mass over Q's code lengths. */
export interface BitCrossEntropyElement extends BitElement<CrossEntropyResult> {
  p: string | null;
  q: string | null;
  labels: string | null;
  /** Seed of the sampling run, a whole number as text (default 1). */
  seed: string | null;
}

export interface KlResult {
  /** D(P‖Q); Infinity where Q gives probability 0 to an outcome P can have. */
  kl: number;
  /** D(Q‖P) */
  klReverse: number;
  unit: BitUnit;
}

/** `<bit-kl p="0.99,0.01" q="0.5,0.5">`: KL divergence both ways. */
export interface BitKlElement extends BitElement<KlResult> {
  p: string | null;
  q: string | null;
  labels: string | null;
}

/**
 * `<bit-ruler>` (distribution families on a common ruler) and `<bit-learning>` (the learning lab):
 * the common element API; their own attributes are listed in custom-elements.json.
 */
export interface BitRulerElement extends BitElement<unknown> {}
export interface BitLearningElement extends BitElement<unknown> {}

/** Tag → element interface, merged into the DOM's HTMLElementTagNameMap. */
export interface BitElementTagNameMap {
  'bit-surprisal': BitSurprisalElement;
  'bit-additivity': BitAdditivityElement;
  'bit-entropy': BitEntropyElement;
  'bit-cross-entropy': BitCrossEntropyElement;
  'bit-kl': BitKlElement;
  'bit-ruler': BitRulerElement;
  'bit-learning': BitLearningElement;
}

declare global {
  interface HTMLElementTagNameMap extends BitElementTagNameMap {}
  interface DocumentEventMap {
    /** Dispatched on document by the loader when an element's code or the WASM core could not load. */
    'bitruler-unavailable': CustomEvent<{ tag: BitTagName }>;
  }
}
