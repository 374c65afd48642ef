// The words of <bit-ruler>'s panel (zh), fetched when a reader first opens it.
import panel from './panel.js';

export default {
  ...panel,
  kindGaussian: '高斯（正态）', kindPoisson: '泊松', kindBinomial: '二项', kindGeometric: '几何',
  sideP: 'P（数据的分布）', sideQ: 'Q（模型）', kind: '分布族',
  naturals: '把高斯限制在 k ≥ 0（去掉负整数上的质量，再重新归一化）',
  presetGP: '高斯 vs 泊松', presetGG: '两个高斯', presetBP: '二项 vs 泊松（小概率定律）', presetGeo: '几何 vs 泊松',
  presetHuge: '很宽的二项：n = 10⁹',
};
