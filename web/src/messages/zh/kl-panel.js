// The words of <bit-kl>'s panel (zh), fetched when a reader first opens it.
import pq from './pq-panel.js';

export default {
  ...pq,
  france: '法国 0.99 / 中国 0.01 对五五开', zero: 'Q 给中国的概率是 0', close: '两个很接近的分布',
  colForward: 'p·log(p/q)', colReverse: 'q·log(q/p)', total: '合计',
  codeComment: 'KL 散度，两个方向',
};
