// <pq> words (en); the element loads the language it shows.

export default {
  outcome: (i) => `Outcome ${i + 1}`,
  segment: ({ which, name, p }) => `${which}(${name}) = ${p}`,
  };
