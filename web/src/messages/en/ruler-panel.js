// The words of <bit-ruler>'s panel (en), fetched when a reader first opens it.
import panel from './panel.js';

export default {
  ...panel,
  kindGaussian: 'Gaussian (normal)', kindPoisson: 'Poisson', kindBinomial: 'Binomial', kindGeometric: 'Geometric',
  sideP: 'P (the data’s distribution)', sideQ: 'Q (the model)', kind: 'Family',
  naturals: 'Restrict Gaussians to k ≥ 0 (drop the mass on negative integers and renormalize)',
  presetGP: 'Gaussian vs Poisson', presetGG: 'Two Gaussians', presetBP: 'Binomial vs Poisson (law of rare events)', presetGeo: 'Geometric vs Poisson',
  presetHuge: 'A wide binomial: n = 10⁹',
};
