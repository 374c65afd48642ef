// The P/Q editor's words (en): the fields and the outcome table of the panels of <bit-cross-entropy>
// and <bit-kl> (elements/panels/pq-panel.js).
import panel from './panel.js';

export default {
  ...panel,
  fieldP: 'True distribution P (comma-separated; weights such as 2, 1, 1 work too)', fieldQ: 'Model Q (entry for entry with P)',
  rescaledP: ({ sum }) => `P’s weights add up to ${sum}; they were rescaled to sum to 1.`,
  rescaledQ: ({ sum }) => `Q’s weights add up to ${sum}; they were rescaled to sum to 1.`,
  colOutcome: 'Outcome', remove: (name) => `Remove “${name}”`, rename: (i) => `Name of outcome ${i + 1}`,
  add: 'Add an outcome', snap: 'Make Q = P', snapped: 'Q is exactly P.',
};
