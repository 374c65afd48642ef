// <kl> words (en); the element loads the language it shows.
import pq from './pq.js';

export default {
  ...pq,
  title: 'KL divergence: two directions, two numbers',
  axis: 'log ratio (bit)',
  panel: ({ which, d, u }) => `${which} = ${d} ${u}: columns as wide as the data’s probability and as tall as the log ratio; the net area is the divergence`,
  asym: ({ diff, u }) => `The two directions differ by ${diff} ${u}: KL divergence is not symmetric, so it is not a distance in the usual sense.`,
  equal: 'Q = P: both directions are exactly 0.',
  infForward: ({ name }) => `Q calls “${name}” impossible (probability 0) while P does not: D(P‖Q) = ∞.`,
  infReverse: ({ name }) => `P calls “${name}” impossible while Q does not: D(Q‖P) = ∞.`,
  caption: 'Column width = the outcome’s probability under the distribution the data comes from, height = the log ratio of the two; the net area is the KL divergence, always ≥ 0 and 0 only when P = Q.',
  announce: ({ kl, rev, u }) => `D(P‖Q) = ${kl}, D(Q‖P) = ${rev} ${u}`,
  };
