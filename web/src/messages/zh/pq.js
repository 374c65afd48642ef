// <pq> words (zh); the element loads the language it shows.

export default {
  outcome: (i) => `结果 ${i + 1}`,
  segment: ({ which, name, p }) => `${which}(${name}) = ${p}`,
  };
