// Every element the prerenderer knows, by tag.
import BitSurprisal from '../elements/bit-surprisal.js';
import BitAdditivity from '../elements/bit-additivity.js';
import BitEntropy from '../elements/bit-entropy.js';
import BitCrossEntropy from '../elements/bit-cross-entropy.js';
import BitKl from '../elements/bit-kl.js';
import BitRuler from '../elements/bit-ruler.js';
import BitLearning from '../elements/bit-learning.js';

export const ELEMENT_CLASSES = {
  'bit-surprisal': BitSurprisal,
  'bit-additivity': BitAdditivity,
  'bit-entropy': BitEntropy,
  'bit-cross-entropy': BitCrossEntropy,
  'bit-kl': BitKl,
  'bit-ruler': BitRuler,
  'bit-learning': BitLearning,
};
