// dist/bitruler.js: the one module a page or a blog post loads to get every bitruler element.
//
//   <script type="module" src="/path/to/dist/bitruler.js"></script>
//   <bit-surprisal p="1/1024" label="中国夺冠"></bit-surprisal>
//
// Works from any path or origin: the core locates bitruler.wasm relative to its own
// import.meta.url (see core.js), never relative to the page.
//
// The page module comes first so that, on the reading page (dist/index.html), the state kept in
// the URL is on the elements' attributes before they upgrade. Elsewhere it does nothing.
import './page/page.js';

export { BitRuler } from './elements/bit-ruler.js';
export { BitSurprisal } from './elements/bit-surprisal.js';
export { BitAdditivity } from './elements/bit-additivity.js';
export { BitEntropy } from './elements/bit-entropy.js';
export { BitCrossEntropy, PQElement } from './elements/bit-cross-entropy.js';
export { BitKl } from './elements/bit-kl.js';
export { BitLearning } from './elements/bit-learning.js';
export { BitCodeSnippet, pythonSnippet } from './elements/code-snippet.js';

export { BitElement, defineElement } from './elements/base.js';
export { load, BitRulerError } from './core.js';
