// The words of <bit-learning>'s panel (en), fetched when a reader first opens it.
import panel from './panel.js';

const DEGREE = ['', 'linear', 'quadratic', 'cubic'];

export default {
  ...panel,
  f_degree: 'Model capacity (polynomial degree)', f_speed: 'Speed',
  degreeName: ({ d }) => (DEGREE[d] ? `${d}: ${DEGREE[d]}` : `degree ${d}`),
  speedSteps: ({ s }) => `${s} ${s === '1' ? 'step' : 'steps'} a frame`,
  speedMax: 'as fast as possible',
  identity: ({ res, max }) => `Checked at every step: H(P_data) + D(P_data‖Q_θ) differs from H(P_data, Q_θ) by ${res} (at most ${max} so far).`,
  stopRule: ({ window, tol, factor, log, max }) => `Training stops by itself when it converges (the training loss changed by less than ${tol}% of itself over the last ${window} steps), when it diverges (a training loss above ${factor} times the uniform guess’s ${log} 3) and at ${max} steps.`,
  likelihood: ({ lik, ll, log, per }) => `Likelihood of the sample L = ∏ Q_θ(y_n|x_n) = ${lik}, ${log} L = ${ll}; on average ${per} per sample.`,
  likelihoodUnder: ({ ll, log, per }) => `The likelihood of the sample L = ∏ Q_θ(y_n|x_n) is smaller than the smallest double (about 10⁻³⁰⁸), so the raw product underflows to 0; its logarithm carries it: ${log} L = ${ll}, on average ${per} per sample.`,
  fitTitle: 'The model Q_θ(y|x) against the truth P_data(y|x) (across: rating difference x, in units of 100 points)',
  legendTruth: 'true P_data(y|x) (dashed)',
  legendModel: 'model Q_θ(y|x)',
  legendRug: 'samples: one tick per match, a row per result',
  fitPicture: 'Dashed: the true probabilities of win, draw and loss against the rating difference; solid: what the model has learned',
  axisProb: 'probability',
  win: 'win', draw: 'draw', loss: 'loss',
  presetDefault: 'Default: N = 200', presetFew: 'Few samples: N = 12, cubic', presetMany: 'Many samples: N = 100000',
  presetSlow: 'Tiny learning rate: 0.05', presetFast: 'Large learning rate: 30',
};
