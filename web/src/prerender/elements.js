// Every element the prerenderer knows, by tag.
import { BitEntropy } from '../elements/bit-entropy.js';

export const ELEMENT_CLASSES = {
  'bit-entropy': BitEntropy,
};
