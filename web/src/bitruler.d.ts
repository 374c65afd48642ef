// Type declarations of dist/bitruler.js, the loader (the package's main entry: `import 'bitruler'`).
// Importing it registers the elements: each is defined as it nears the viewport. The element
// types (and their HTMLElementTagNameMap entries) are in elements.d.ts.

import type { BitElementTagNameMap, BitTagName } from './elements.js';

export * from './elements.js';

/** The tags the loader knows, in a fixed order. */
export declare const TAGS: readonly BitTagName[];

/** Loads the WASM core and the element's code now and defines the tag (once); resolves to its class. */
export declare function define<K extends BitTagName>(tag: K): Promise<{ new (): BitElementTagNameMap[K]; readonly prototype: BitElementTagNameMap[K] }>;

/** Defines every element now (for pages that want them all at once). */
export declare function defineAll(): Promise<Array<{ new (): BitElementTagNameMap[BitTagName] }>>;
