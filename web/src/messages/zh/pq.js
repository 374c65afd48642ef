// <pq> words (zh); the element loads the language it shows.

export default {
  outcome: (i) => `结果 ${i + 1}`,
  fieldP: '真实分布 P（逗号分隔；也可写权重 2, 1, 1）', fieldQ: '模型 Q（与 P 一一对应）',
  rescaledP: ({ sum }) => `P 的权重加起来是 ${sum}，已按比例缩放到总和为 1。`,
  rescaledQ: ({ sum }) => `Q 的权重加起来是 ${sum}，已按比例缩放到总和为 1。`,
  segment: ({ which, name, p }) => `${which}(${name}) = ${p}`,
  colOutcome: '结果', remove: (name) => `删除「${name}」`, rename: (i) => `第 ${i + 1} 个结果的名字`,
  add: '添加一个结果', snap: '让 Q = P', snapped: 'Q 与 P 完全相同。',
  };
