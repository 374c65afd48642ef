// <surprisal> words (en); the element loads the language it shows.

export default {
  title: 'Surprisal: every yes/no question cuts the rest in half',
  titleAdditivity: 'Independent events: probabilities multiply, surprisals add',
  someEvent: 'this event', eventA: 'event A', eventB: 'event B', eventAB: 'A and B',
  oneIn: ({ n, bits }) => `Like guessing 1 of ${n} equally likely outcomes: exactly ${bits} fair yes/no questions.`,
  notPower: ({ bits, whole }) => `After ${whole} whole questions, the last one is only partly needed: ${bits} questions’ worth of information in all.`,
  certain: 'An event of probability 1 is certain: no question is needed, its surprisal is 0.',
  impossible: 'An event of probability 0 cannot happen; if it did, its surprisal would be infinite (∞).',
  square: ({ label, cuts }) => `The square is every possible outcome; ${label} is one small piece of it, left after ${cuts} cuts.`,
  handle: ({ label, p }) => `probability of ${label}: ${p}; arrow keys change it by 1 bit`,
  handleA: ({ label, p }) => `probability of ${label}: ${p} (where A ends and B begins); arrow keys change it by 1 bit`,
  bitsAxis: ({ u }) => `surprisal (${u})`,
  caption: 'Each fair yes/no question cuts what is left in half (1 bit): the rarer the event, the more cuts and the longer its ruler. Independent events together: probabilities multiply, cuts add. Drag the end of a ruler to change a probability.',
  announce: ({ label, p, i, u }) => `${label}: p = ${p}, surprisal ${i} ${u}`,
  };
