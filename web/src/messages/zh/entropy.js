// <entropy> words (zh); the element loads the language it shows.

export default {
  title: '熵：每块的面积是一个结果对熵的贡献',
  eight: '8 队机会均等（3 bit）',
  france: '法国 0.99 / 中国 0.01（0.0808 bit）',
  outcome: (i) => `球队 ${i + 1}`,
  fieldP: '各队的概率 P（逗号分隔；也可以写权重，如 2, 1, 1）',
  rescaled: ({ sum }) => `这些权重加起来是 ${sum}，已按比例缩放到总和为 1。`,
  colTeam: '球队', colP: '概率 p', colI: '信息量 −log p', colShare: '贡献 p·(−log p)', colRemove: '删除',
  total: '合计 H', add: '添加一队', remove: (name) => `删除「${name}」`, rename: (i) => `第 ${i + 1} 队的名字`,
  axisBits: '信息量（高）', axisP: '概率（宽）',
  hLine: ({ h, u }) => `虚线 H = ${h} ${u}：所有色块的平均高度，也就是总面积`,
  legendItem: ({ name, p, s, a }) => `${name}：宽 ${p} × 高 ${s} = 面积 ${a}`,
  each: ({ n }) => `${n} 队各`,
  picture: ({ n, h, u }) => `${n} 个色块，宽为概率，高为信息量；总面积即熵 H = ${h} ${u}`,
  block: ({ name, p, s, u }) => `${name}：概率 ${p}，信息量 ${s} ${u}`,
  caption: '宽 = 概率，高 = 信息量，面积 = 对熵的贡献。色块合起来宽 1，所以总面积就是平均高度：熵 H。拖动两块之间的分界线可以挪动概率。',
  bound: ({ n, log, max, u }) => `≤ ${log} ${n} = ${max} ${u}（${n} 个结果的熵最大就是这么多）`,
  announce: ({ h, u }) => `熵 H = ${h} ${u}`,
  codeComment: '熵（单位与上面相同）',
  };
