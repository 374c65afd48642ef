// The ruler and the learning lab in one chunk (with the models and the worker client they share).
export { default as BitRuler } from './bit-ruler.js';
export { default as BitLearning } from './bit-learning.js';
