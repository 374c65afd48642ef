// <entropy> words (en); the element loads the language it shows.

export default {
  title: 'Entropy: each block’s area is one outcome’s share',
  outcome: (i) => `Team ${i + 1}`,
  axisBits: 'surprisal (height)', axisP: 'probability (width)',
  hLine: ({ h, u }) => `dashed H = ${h} ${u}: the blocks’ average height, their total area`,
  legendItem: ({ name, p, s, a }) => `${name}: width ${p} × height ${s} = area ${a}`,
  each: ({ n }) => `each of the ${n}`,
  picture: ({ n, h, u }) => `${n} blocks, width = probability, height = surprisal; their total area is the entropy H = ${h} ${u}`,
  block: ({ name, p, s, u }) => `${name}: probability ${p}, surprisal ${s} ${u}`,
  caption: 'Width = probability, height = surprisal, area = share of the entropy. The blocks are one unit wide together, so their total area is their average height: the entropy H. Drag the boundary between two blocks to move probability.',
  bound: ({ n, log, max, u }) => `≤ ${log} ${n} = ${max} ${u}, the most ${n} outcomes can have`,
  announce: ({ h, u }) => `Entropy H = ${h} ${u}`,
  };
