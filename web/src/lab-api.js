// Distribution families on the integers (the common ruler) and the learning lab, as part of the
// bitruler API. core.js spreads the returned functions into the object load() resolves to.
// `wasm` is the instantiated module; `call(name, ...args)` invokes one of its functions and
// returns the value or throws BitRulerError. Argument types are checked here (TYPE); values
// (sigma <= 0, lambda < 0, N = 0, ...) are judged by the C++ core.
import {
  BitRulerError, describe, toBase, toFloat64Array, toNumber, toOptions,
} from './errors.js';

const FAMILY_KINDS = ['gaussian', 'poisson', 'binomial', 'geometric'];
// Column order of labTrain's result (lab_bindings.cpp, kTrainColumns).
const TRAIN_COLUMNS = ['step', 'trainLoss', 'crossEntropy', 'entropy', 'kl', 'identityResidual', 'logLikelihood', 'likelihood'];

// { kind: 'gaussian', mu, sigma, naturals? } | { kind: 'poisson', lambda }
// | { kind: 'binomial', n, p } | { kind: 'geometric', p }  ->  [kind, a, b, naturals]
function familyArgs(family, name) {
  if (family === null || typeof family !== 'object' || Array.isArray(family)) {
    throw new BitRulerError('TYPE', `${name} must be a distribution such as { kind: 'poisson', lambda: 4 }, not ${describe(family)}.`);
  }
  const { kind } = family;
  if (!FAMILY_KINDS.includes(kind)) {
    throw new BitRulerError('TYPE', `${name}.kind must be one of ${FAMILY_KINDS.join(', ')}, not ${describe(kind)}.`);
  }
  switch (kind) {
    case 'gaussian': {
      const naturals = family.naturals === undefined ? false : family.naturals;
      if (typeof naturals !== 'boolean') {
        throw new BitRulerError('TYPE', `${name}.naturals must be true or false, not ${describe(naturals)}.`);
      }
      return [kind, toNumber(family.mu, `${name}.mu`), toNumber(family.sigma, `${name}.sigma`), naturals];
    }
    case 'poisson':
      return [kind, toNumber(family.lambda, `${name}.lambda`), 0, false];
    case 'binomial':
      return [kind, toNumber(family.n, `${name}.n`), toNumber(family.p, `${name}.p`), false];
    default:
      return [kind, toNumber(family.p, `${name}.p`), 0, false];
  }
}

function labArgs(options) {
  const o = toOptions(options);
  const n = o.n === undefined ? 1000 : toNumber(o.n, 'n');
  const seed = o.seed === undefined ? 1 : toNumber(o.seed, 'seed');
  const degree = o.degree === undefined ? 1 : toNumber(o.degree, 'degree');
  return { o, n, seed, degree };
}

export function makeLabApi(wasm, call) {
  return {
    /** Masses of a family on the window [first, first + mass.length) that holds all but < 1e-17 of each tail. */
    familyPmf(family) {
      return call('familyPmf', ...familyArgs(family, 'family'));
    },
    /** D(P||Q) on the integers; Infinity when Q has no mass where P has some. */
    familyKl(P, Q, options) {
      const o = toOptions(options);
      return call('familyKl', ...familyArgs(P, 'P'), ...familyArgs(Q, 'Q'), toBase(o.base));
    },
    /** The lambda minimizing D(P||Poisson(lambda)) (= E_P[k]) and that minimum. */
    fitPoisson(P, options) {
      const o = toOptions(options);
      return call('fitPoisson', ...familyArgs(P, 'P'), toBase(o.base));
    },
    /** Closed-form D(N(mu1, s1^2) || N(mu2, s2^2)); with { binWidth } the numeric sum over bins of that width. */
    gaussianKl(mu1, sigma1, mu2, sigma2, options) {
      const o = toOptions(options);
      const binWidth = o.binWidth === undefined ? undefined : toNumber(o.binWidth, 'binWidth');
      return call('gaussianKl', toNumber(mu1, 'mu1'), toNumber(sigma1, 'sigma1'), toNumber(mu2, 'mu2'),
        toNumber(sigma2, 'sigma2'), binWidth, toBase(o.base));
    },
    /** The samples (x_n, y_n) the lab trains on, a pure function of { n, seed }. */
    labDataset(options) {
      const { n, seed } = labArgs(options);
      return call('labDataset', n, seed);
    },
    /** P_data(y|x) at each x: Float64Array [win, draw, loss, win, draw, loss, ...]. */
    labTrueConditional(xs) {
      return call('labTrueConditional', toFloat64Array(xs, 'x'));
    },
    /** Q_theta(y|x) at each x, same layout. */
    labModelConditional(theta, degree, xs) {
      return call('labModelConditional', toFloat64Array(theta, 'theta'), toNumber(degree, 'degree'), toFloat64Array(xs, 'x'));
    },
    /** Number of parameters of the model of a given degree (3 outcomes x (degree + 1) features). */
    labParameterCount(degree) {
      const d = toNumber(degree, 'degree');
      if (!(Number.isInteger(d) && d >= 1 && d <= 3)) {
        throw new BitRulerError('OUT_OF_RANGE', 'The model degree (capacity) must be 1, 2 or 3.');
      }
      return 3 * (d + 1);
    },
    /** Metrics of theta as it is: { step, trainLoss, crossEntropy, entropy, kl, identityResidual, logLikelihood, likelihood }. */
    labEvaluate(options) {
      const { o, n, seed, degree } = labArgs(options);
      const theta = o.theta === undefined ? new Float64Array(3 * (degree + 1)) : toFloat64Array(o.theta, 'theta');
      const step = o.step === undefined ? 0 : toNumber(o.step, 'step');
      return call('labEvaluate', n, seed, degree, theta, step, toBase(o.base));
    },
    /**
     * `steps` gradient-descent steps from theta (zeros when absent), numbered from `step` + 1.
     * Returns { theta, step, trainLoss, crossEntropy, entropy, kl, identityResidual,
     * logLikelihood, likelihood } with one Float64Array entry per step.
     */
    labTrain(options) {
      const { o, n, seed, degree } = labArgs(options);
      const theta = o.theta === undefined ? new Float64Array(3 * (degree + 1)) : toFloat64Array(o.theta, 'theta');
      const learningRate = o.learningRate === undefined ? 1 : toNumber(o.learningRate, 'learningRate');
      const step = o.step === undefined ? 0 : toNumber(o.step, 'step');
      const steps = o.steps === undefined ? 1 : toNumber(o.steps, 'steps');
      const { theta: after, columns } = call('labTrain', n, seed, degree, learningRate, theta, step, steps, toBase(o.base));
      const m = columns.length / TRAIN_COLUMNS.length;
      const run = { theta: after };
      TRAIN_COLUMNS.forEach((name, c) => { run[name] = columns.subarray(c * m, (c + 1) * m); });
      return run;
    },
  };
}
