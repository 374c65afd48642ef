// The words of <bit-cross-entropy>'s panel (en), fetched when a reader first opens it.
import pq from './pq-panel.js';

export default {
  ...pq,
  backwards: 'A model that ranks the teams backwards', uniform: 'A model that treats all alike', france: 'France 0.99 / China 0.01, a 50/50 model', same: 'Q = P',
  colSurpriseQ: 'code length −log q', colShare: 'p·(−log q)', total: 'total',
  codesTitle: 'Real codes: Huffman (whole-bit code lengths)',
  codeP: 'codeword built for P', codeQ: 'codeword built for Q', noCode: 'none',
  avgLength: 'average length on data from P',
  codesNote: ({ lp, lq, h }) => `The code built for P averages ${lp} bits (H(P) = ${h} ≤ ${lp} < H(P) + 1); the code built for Q averages ${lq} bits.`,
  samplingTitle: ({ n }) => `Sampling: ${n} draws from P, each written with Q’s Huffman code`,
  samplingAxis: 'draws (log scale)',
  samplingLegend: ({ settle }) => `Solid: the average code length so far; dashed: where it settles, Σ p·len_Q = ${settle} bit`,
  reseed: 'Draw another sample',
  codeComment: 'cross-entropy',
};
