// The P/Q editor's words (zh): the fields and the outcome table of the panels of <bit-cross-entropy>
// and <bit-kl> (elements/panels/pq-panel.js).
import panel from './panel.js';

export default {
  ...panel,
  fieldP: '真实分布 P（逗号分隔；也可写权重 2, 1, 1）', fieldQ: '模型 Q（与 P 一一对应）',
  rescaledP: ({ sum }) => `P 的权重加起来是 ${sum}，已按比例缩放到总和为 1。`,
  rescaledQ: ({ sum }) => `Q 的权重加起来是 ${sum}，已按比例缩放到总和为 1。`,
  colOutcome: '结果', remove: (name) => `删除「${name}」`, rename: (i) => `第 ${i + 1} 个结果的名字`,
  add: '添加一个结果', snap: '让 Q = P', snapped: 'Q 与 P 完全相同。',
};
