// <entropy> words (zh); the element loads the language it shows.

export default {
  title: '熵：每块的面积是一个结果对熵的贡献',
  outcome: (i) => `球队 ${i + 1}`,
  axisBits: '信息量（高）', axisP: '概率（宽）',
  hLine: ({ h, u }) => `虚线 H = ${h} ${u}：所有色块的平均高度，也就是总面积`,
  legendItem: ({ name, p, s, a }) => `${name}：宽 ${p} × 高 ${s} = 面积 ${a}`,
  each: ({ n }) => `${n} 队各`,
  picture: ({ n, h, u }) => `${n} 个色块，宽为概率，高为信息量；总面积即熵 H = ${h} ${u}`,
  block: ({ name, p, s, u }) => `${name}：概率 ${p}，信息量 ${s} ${u}`,
  caption: '宽 = 概率，高 = 信息量，面积 = 对熵的贡献。色块合起来宽 1，所以总面积就是平均高度：熵 H。拖动两块之间的分界线可以挪动概率。',
  bound: ({ n, log, max, u }) => `≤ ${log} ${n} = ${max} ${u}（${n} 个结果的熵最大就是这么多）`,
  announce: ({ h, u }) => `熵 H = ${h} ${u}`,
  };
