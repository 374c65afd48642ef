// The words of <bit-entropy>'s panel (en), fetched when a reader first opens it.
import panel from './panel.js';

export default {
  ...panel,
  eight: '8 equal teams (3 bit)',
  france: 'France 0.99 / China 0.01 (0.0808 bit)',
  fieldP: 'Probabilities P (comma-separated; weights such as 2, 1, 1 work too)',
  rescaled: ({ sum }) => `These weights add up to ${sum}; they were rescaled to sum to 1.`,
  colTeam: 'Team', colP: 'probability p', colI: 'surprisal −log p', colShare: 'share p·(−log p)', colRemove: 'Remove',
  total: 'total H', add: 'Add a team', remove: (name) => `Remove “${name}”`, rename: (i) => `Name of team ${i + 1}`,
  codeComment: 'entropy (in the unit above)',
};
