// The calculators of the essay's prose sections in one chunk (fewer, larger downloads compress
// better than one per element: measured in README "Benchmark").
export { default as BitSurprisal } from './bit-surprisal.js';
export { default as BitAdditivity } from './bit-additivity.js';
export { default as BitEntropy } from './bit-entropy.js';
export { default as BitCrossEntropy } from './bit-cross-entropy.js';
export { default as BitKl } from './bit-kl.js';
