// The words of <bit-surprisal> and <bit-additivity>'s panel (en), fetched when a reader first opens it.
import panel from './panel.js';

export default {
  ...panel,
  china: 'China wins 1/1024', argentina: 'Argentina wins 1/8',
  fieldP: 'Probability p (type 1/1024, 0.125 or 12.5%)', fieldLabel: 'Name of the event',
  fieldA: (n) => `P(${n})`, fieldB: (n) => `P(${n}) (once A has happened)`,
  codeComment: 'surprisal',
};
