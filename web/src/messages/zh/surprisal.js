// <surprisal> words (zh); the element loads the language it shows.

export default {
  title: '信息量：每个是/否问题砍掉一半',
  titleAdditivity: '独立事件：概率相乘，信息量相加',
  someEvent: '这个事件', eventA: '事件 A', eventB: '事件 B', eventAB: 'A 且 B',
  oneIn: ({ n, bits }) => `相当于在 ${n} 种同样可能的结果中猜中 1 种：正好问 ${bits} 个公平的是/否问题。`,
  notPower: ({ bits, whole }) => `${whole} 个整问题之后，最后一个问题只需问一部分：一共 ${bits} 个问题的信息量。`,
  certain: '概率为 1 的事件是必然的：不用问任何问题，信息量为 0。',
  impossible: '概率为 0 的事件不可能发生；若真发生了，信息量是无穷大（∞）。',
  square: ({ label, cuts }) => `方块代表所有可能的结果；${label}只占其中一小块，要切 ${cuts} 刀才剩下它。`,
  handle: ({ label, p }) => `${label} 的概率 ${p}；左右键每次改 1 bit`,
  handleA: ({ label, p }) => `${label} 的概率 ${p}（A 与 B 的分界）；左右键每次改 1 bit`,
  bitsAxis: ({ u }) => `信息量（${u}）`,
  caption: '每个公平的是/否问题把剩下的结果切掉一半（1 bit）：越罕见的事件，切的刀数越多，尺子越长。独立事件一起发生，概率相乘，刀数相加。拖动尺子的末端可以改概率。',
  announce: ({ label, p, i, u }) => `${label}：p = ${p}，信息量 ${i} ${u}`,
  };
