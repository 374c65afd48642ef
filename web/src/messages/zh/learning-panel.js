// The words of <bit-learning>'s panel (zh), fetched when a reader first opens it.
import panel from './panel.js';

const DEGREE = ['', '线性', '二次', '三次'];

export default {
  ...panel,
  f_degree: '模型容量（多项式次数）', f_speed: '速度',
  degreeName: ({ d }) => (DEGREE[d] ? `${d}：${DEGREE[d]}` : `${d} 次`),
  speedSteps: ({ s }) => `每帧 ${s} 步`,
  speedMax: '尽量快',
  identity: ({ res, max }) => `每一步都核对：H(P_data) + D(P_data‖Q_θ) 与 H(P_data, Q_θ) 相差 ${res}（至今最大 ${max}）。`,
  stopRule: ({ window, tol, factor, log, max }) => `训练在三种情况下自动停止：收敛（最近 ${window} 步里训练损失的变化不到它自身的 ${tol}%）；发散（训练损失超过均匀猜测 ${log} 3 的 ${factor} 倍）；到了 ${max} 步的上限。`,
  likelihood: ({ lik, ll, log, per }) => `样本似然 L = ∏ Q_θ(y_n|x_n) = ${lik}，${log} L = ${ll}；平均每个样本的概率是 ${per}。`,
  likelihoodUnder: ({ ll, log, per }) => `样本似然 L = ∏ Q_θ(y_n|x_n) 比最小的双精度数（约 10⁻³⁰⁸）还小，直接相乘会下溢成 0；看它的对数：${log} L = ${ll}，平均每个样本的概率是 ${per}。`,
  fitTitle: '模型 Q_θ(y|x) 与真实的 P_data(y|x)（横轴：等级分差 x，以 100 分为单位）',
  legendTruth: '真实 P_data(y|x)（虚线）',
  legendModel: '模型 Q_θ(y|x)',
  legendRug: '样本：每场一条短线，按结果分三行',
  fitPicture: '三条虚线是真实的胜、平、负概率随等级分差的变化，三条实线是模型学到的',
  axisProb: '概率',
  win: '胜', draw: '平', loss: '负',
  presetDefault: '默认：N = 200', presetFew: '样本很少：N = 12，三次模型', presetMany: '样本很多：N = 100000',
  presetSlow: '学习率太小：0.05', presetFast: '学习率很大：30',
};
