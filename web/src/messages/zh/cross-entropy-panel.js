// The words of <bit-cross-entropy>'s panel (zh), fetched when a reader first opens it.
import pq from './pq-panel.js';

export default {
  ...pq,
  backwards: '模型把强弱看反了', uniform: '模型一视同仁', france: '法国 0.99 / 中国 0.01，模型五五开', same: 'Q = P',
  colSurpriseQ: '码长 −log q', colShare: 'p·(−log q)', total: '合计',
  codesTitle: '真实的编码：霍夫曼码（码长是整数 bit）',
  codeP: '为 P 构造的码字', codeQ: '为 Q 构造的码字', noCode: '无码字',
  avgLength: '在 P 的数据上的平均码长',
  codesNote: ({ lp, lq, h }) => `为 P 构造的码平均 ${lp} bit（H(P) = ${h} ≤ ${lp} < H(P) + 1）；用为 Q 构造的码平均 ${lq} bit。`,
  samplingTitle: ({ n }) => `抽样：从 P 抽 ${n} 次，每次用 Q 的霍夫曼码写下`,
  samplingAxis: '抽样次数（对数刻度）',
  samplingLegend: ({ settle, u }) => `实线：到目前为止的平均码长；虚线：它会稳定在 Σ p·len_Q = ${settle} bit`,
  reseed: '换一批样本',
  codeComment: '交叉熵',
};
