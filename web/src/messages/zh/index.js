// Every element's words in one module per language: one download for the whole page. The words of
// each folded panel are apart (<element>-panel.js), fetched when a reader opens that panel.
export { default as entropy } from './entropy.js';
export { default as surprisal } from './surprisal.js';
export { default as crossEntropy } from './cross-entropy.js';
export { default as kl } from './kl.js';
export { default as ruler } from './ruler.js';
export { default as learning } from './learning.js';
import { shared as words, allowed, wrong, what } from './shared.js';

// a plain object, not a module namespace (which the bundler would build with a helper of its own)
export const shared = { shared: words, allowed, wrong, what };
