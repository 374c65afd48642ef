// Every element the prerenderer knows, by tag.
import { BitEntropy } from '../elements/bit-entropy.js';
import { BitRuler } from '../elements/bit-ruler.js';
import { BitLearning } from '../elements/bit-learning.js';

export const ELEMENT_CLASSES = {
  'bit-entropy': BitEntropy,
  'bit-ruler': BitRuler,
  'bit-learning': BitLearning,
};
