// <cross-entropy> words (en); the element loads the language it shows.
import pq from './pq.js';

export default {
  ...pq,
  title: 'Cross-entropy: outcomes from P, codes from Q',
  axis: 'code length (bit)',
  legendH: ({ h, u }) => `Blue: coding by P itself, area H(P) = ${h} ${u}`,
  legendExtra: ({ kl, u }) => `Orange hatching: the extra paid for Q’s code, net D(P‖Q) = ${kl} ${u}`,
  legendSave: 'Dashed box: where Q’s code is shorter (taken off the extra)',
  legendTotal: ({ ce, u }) => `Total area H(P,Q) = ${ce} ${u}`,
  picture: ({ ce, h, kl, u }) => `Columns as wide as p and as tall as Q’s code length; total area H(P,Q) = ${ce} ${u}, of which H(P) = ${h} ${u} and the extra D(P‖Q) = ${kl} ${u}`,
  caption: 'Column width = how often the outcome happens (p), height = the code length Q gives it, area = average code length. Gibbs’ inequality: the net extra D(P‖Q) is ≥ 0, and 0 only when Q = P. Drag Q: can you get H(P,Q) below H(P)?',
  best: ({ gap, u }) => `The smallest gap H(P,Q) − H(P) you reached: ${gap} ${u}`,
  infinite: ({ name }) => `Q gives “${name}” probability 0, yet it happens under P: its code is infinitely long, H(P,Q) = ∞.`,
  announce: ({ ce, h, kl, u }) => `H(P,Q) = ${ce}, H(P) = ${h}, D(P‖Q) = ${kl} ${u}`,
  };
