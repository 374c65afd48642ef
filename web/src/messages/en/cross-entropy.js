// <cross-entropy> words (en); the element loads the language it shows.
import pq from './pq.js';

export default {
  ...pq,
  title: 'Cross-entropy: outcomes from P, codes from Q',
  backwards: 'A model that ranks the teams backwards', uniform: 'A model that treats all alike', france: 'France 0.99 / China 0.01, a 50/50 model', same: 'Q = P',
  axis: 'code length (bit)',
  legendH: ({ h, u }) => `Blue: coding by P itself, area H(P) = ${h} ${u}`,
  legendExtra: ({ kl, u }) => `Orange hatching: the extra paid for Q’s code, net D(P‖Q) = ${kl} ${u}`,
  legendSave: 'Dashed box: where Q’s code is shorter (taken off the extra)',
  legendTotal: ({ ce, u }) => `Total area H(P,Q) = ${ce} ${u}`,
  picture: ({ ce, h, kl, u }) => `Columns as wide as p and as tall as Q’s code length; total area H(P,Q) = ${ce} ${u}, of which H(P) = ${h} ${u} and the extra D(P‖Q) = ${kl} ${u}`,
  caption: 'Column width = how often the outcome happens (p), height = the code length Q gives it, area = average code length. Gibbs’ inequality: the net extra D(P‖Q) is ≥ 0, and 0 only when Q = P. Drag Q: can you get H(P,Q) below H(P)?',
  best: ({ gap, u }) => `The smallest gap H(P,Q) − H(P) you reached: ${gap} ${u}`,
  infinite: ({ name }) => `Q gives “${name}” probability 0, yet it happens under P: its code is infinitely long, H(P,Q) = ∞.`,
  colSurpriseQ: 'code length −log q', colShare: 'p·(−log q)', total: 'total',
  codesTitle: 'Real codes: Huffman (whole-bit code lengths)',
  codeP: 'codeword built for P', codeQ: 'codeword built for Q', noCode: 'none',
  avgLength: 'average length on data from P',
  codesNote: ({ lp, lq, h }) => `The code built for P averages ${lp} bits (H(P) = ${h} ≤ ${lp} < H(P) + 1); the code built for Q averages ${lq} bits.`,
  samplingTitle: ({ n }) => `Sampling: ${n} draws from P, each written with Q’s Huffman code`,
  samplingAxis: 'draws (log scale)',
  samplingLegend: ({ settle }) => `Solid: the average code length so far; dashed: where it settles, Σ p·len_Q = ${settle} bit`,
  reseed: 'Draw another sample',
  announce: ({ ce, h, kl, u }) => `H(P,Q) = ${ce}, H(P) = ${h}, D(P‖Q) = ${kl} ${u}`,
  codeComment: 'cross-entropy',
  };
