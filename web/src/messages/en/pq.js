// <pq> words (en); the element loads the language it shows.

export default {
  outcome: (i) => `Outcome ${i + 1}`,
  fieldP: 'True distribution P (comma-separated; weights such as 2, 1, 1 work too)', fieldQ: 'Model Q (entry for entry with P)',
  rescaledP: ({ sum }) => `P’s weights add up to ${sum}; they were rescaled to sum to 1.`,
  rescaledQ: ({ sum }) => `Q’s weights add up to ${sum}; they were rescaled to sum to 1.`,
  segment: ({ which, name, p }) => `${which}(${name}) = ${p}`,
  colOutcome: 'Outcome', remove: (name) => `Remove “${name}”`, rename: (i) => `Name of outcome ${i + 1}`,
  add: 'Add an outcome', snap: 'Make Q = P', snapped: 'Q is exactly P.',
  };
