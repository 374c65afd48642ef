// <cross-entropy> words (zh); the element loads the language it shows.
import pq from './pq.js';

export default {
  ...pq,
  title: '交叉熵：按 P 出现，按 Q 编码',
  axis: '码长（bit）',
  legendH: ({ h, u }) => `蓝色：按 P 自己的编码，面积 H(P) = ${h} ${u}`,
  legendExtra: ({ kl, u }) => `橙色斜线：用 Q 的编码多付的部分，净多 D(P‖Q) = ${kl} ${u}`,
  legendSave: '虚线框：Q 给的码反而更短的部分（从多付里扣除）',
  legendTotal: ({ ce, u }) => `总面积 H(P,Q) = ${ce} ${u}`,
  picture: ({ ce, h, kl, u }) => `柱宽为 p，柱高为 Q 给的码长；总面积 H(P,Q) = ${ce} ${u}，其中 H(P) = ${h} ${u}，多付 D(P‖Q) = ${kl} ${u}`,
  caption: '柱宽 = 结果出现的频率 p，柱高 = 模型 Q 给它的码长，面积 = 平均码长。吉布斯不等式：多付的净值 D(P‖Q) ≥ 0，只有 Q = P 时为 0。拖动 Q 试试：能让 H(P,Q) 低于 H(P) 吗？',
  best: ({ gap, u }) => `你到过的最小差距 H(P,Q) − H(P)：${gap} ${u}`,
  infinite: ({ name }) => `Q 给「${name}」的概率是 0，而它在 P 下会发生：码长无穷大，H(P,Q) = ∞。`,
  announce: ({ ce, h, kl, u }) => `H(P,Q) = ${ce}，H(P) = ${h}，D(P‖Q) = ${kl} ${u}`,
  };
