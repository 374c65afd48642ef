// The words of <bit-kl>'s panel (en), fetched when a reader first opens it.
import pq from './pq-panel.js';

export default {
  ...pq,
  france: 'France 0.99 / China 0.01 against 50/50', zero: 'Q gives China probability 0', close: 'Two close distributions',
  colForward: 'p·log(p/q)', colReverse: 'q·log(q/p)', total: 'total',
  codeComment: 'KL divergence, both directions',
};
