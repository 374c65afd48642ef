// The words of <bit-entropy>'s panel (zh), fetched when a reader first opens it.
import panel from './panel.js';

export default {
  ...panel,
  eight: '8 队机会均等（3 bit）',
  france: '法国 0.99 / 中国 0.01（0.0808 bit）',
  fieldP: '各队的概率 P（逗号分隔；也可以写权重，如 2, 1, 1）',
  rescaled: ({ sum }) => `这些权重加起来是 ${sum}，已按比例缩放到总和为 1。`,
  colTeam: '球队', colP: '概率 p', colI: '信息量 −log p', colShare: '贡献 p·(−log p)', colRemove: '删除',
  total: '合计 H', add: '添加一队', remove: (name) => `删除「${name}」`, rename: (i) => `第 ${i + 1} 队的名字`,
  codeComment: '熵（单位与上面相同）',
};
