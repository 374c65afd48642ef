// <kl> words (zh); the element loads the language it shows.
import pq from './pq.js';

export default {
  ...pq,
  title: 'KL 散度：两个方向，两个数',
  axis: 'log 比值（bit）',
  panel: ({ which, d, u }) => `${which} = ${d} ${u}：柱宽为数据分布的概率，柱高为 log 比值，净面积即散度`,
  asym: ({ diff, u }) => `两个方向相差 ${diff} ${u}：KL 散度不对称，所以它不是通常意义下的“距离”。`,
  equal: 'Q = P：两个方向都恰好是 0。',
  infForward: ({ name }) => `Q 认为「${name}」不可能（概率 0），而 P 认为可能：D(P‖Q) = ∞。`,
  infReverse: ({ name }) => `P 认为「${name}」不可能，而 Q 认为可能：D(Q‖P) = ∞。`,
  caption: '柱宽 = 数据所来自的分布给这个结果的概率，柱高 = 两个分布的 log 比值；净面积就是 KL 散度，总是 ≥ 0，只有 P = Q 时为 0。',
  announce: ({ kl, rev, u }) => `D(P‖Q) = ${kl}，D(Q‖P) = ${rev} ${u}`,
  };
