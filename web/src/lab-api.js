// Distribution families on the integers (the common ruler) and the learning lab, as part of the
// bitruler API. core.js spreads the returned functions into the object load() resolves to.
// `call(name, args)` invokes one of the module's functions and returns the value or throws
// BitRulerError. Argument types are checked here (TYPE) with the readers of errors.js; values
// (sigma <= 0, lambda < 0, N = 0, ...) are judged by the C++ core. Family kinds, column names
// and limits come from the core's facts.
import {
  BitRulerError, FACTS, describe, toBase, toFloat64Array, toNumber, toOptions,
} from './errors.js';

const FAMILY_KINDS = FACTS.families.kinds;
const TRAIN_COLUMNS = FACTS.lab.trainColumns;
const POINTS = FACTS.maxOutcomes;
// Parameters read per kind (the module takes kind, a, b, naturals).
const FAMILY_KEYS = { gaussian: ['mu', 'sigma', 'naturals'], poisson: ['lambda'], binomial: ['n', 'p'], geometric: ['p'] };

// { kind: 'gaussian', mu, sigma, naturals? } | { kind: 'poisson', lambda }
// | { kind: 'binomial', n, p } | { kind: 'geometric', p }  ->  [kind index, a, b, naturals]
function familyArgs(family, name) {
  if (family === null || typeof family !== 'object') {
    throw new BitRulerError('TYPE', `${name} must be a distribution such as { kind: 'poisson', lambda: 4 }, not ${describe(family)}.`);
  }
  const { kind } = toOptions(family, ['kind'], name);
  const index = FAMILY_KINDS.indexOf(kind);
  if (typeof kind !== 'string' || index < 0) {
    throw new BitRulerError('TYPE', `${name}.kind must be one of ${FAMILY_KINDS.join(', ')}, not ${describe(kind)}.`);
  }
  const f = toOptions(family, FAMILY_KEYS[kind], name);
  switch (kind) {
    case 'gaussian': {
      const naturals = f.naturals === undefined ? false : f.naturals;
      if (typeof naturals !== 'boolean') {
        throw new BitRulerError('TYPE', `${name}.naturals must be true or false, not ${describe(naturals)}.`);
      }
      return [index, toNumber(f.mu, `${name}.mu`), toNumber(f.sigma, `${name}.sigma`), naturals];
    }
    case 'poisson':
      return [index, toNumber(f.lambda, `${name}.lambda`), 0, false];
    case 'binomial':
      return [index, toNumber(f.n, `${name}.n`), toNumber(f.p, `${name}.p`), false];
    default:
      return [index, toNumber(f.p, `${name}.p`), 0, false];
  }
}

const LAB_KEYS = ['n', 'seed', 'degree', 'theta', 'step', 'base', 'learningRate', 'steps'];

function labArgs(options) {
  const o = toOptions(options, LAB_KEYS);
  const n = o.n === undefined ? 1000 : toNumber(o.n, 'n');
  const seed = o.seed === undefined ? 1 : toNumber(o.seed, 'seed');
  const degree = o.degree === undefined ? 1 : toNumber(o.degree, 'degree');
  return { o, n, seed, degree };
}

export function makeLabApi(call) {
  const parameterCount = (degree) => call('labParameterCount', [toNumber(degree, 'degree')]);
  const thetaOf = (o, degree) => (o.theta === undefined
    ? new Float64Array(parameterCount(degree))
    : toFloat64Array(o.theta, 'theta', POINTS.labModelConditional, 'the lab'));
  return {
    /** Masses of a family on the window [first, first + mass.length) that holds all but < 1e-17 of each tail. */
    familyPmf(family) {
      return call('familyPmf', familyArgs(family, 'family'));
    },
    /** D(P||Q) on the integers; Infinity when Q has no mass where P has some. */
    familyKl(P, Q, options) {
      const o = toOptions(options, ['base']);
      return call('familyKl', [...familyArgs(P, 'P'), ...familyArgs(Q, 'Q'), toBase(o.base)]);
    },
    /** The lambda minimizing D(P||Poisson(lambda)) (= E_P[k]) and that minimum. */
    fitPoisson(P, options) {
      const o = toOptions(options, ['base']);
      return call('fitPoisson', [...familyArgs(P, 'P'), toBase(o.base)]);
    },
    /** Closed-form D(N(mu1, s1^2) || N(mu2, s2^2)); with { binWidth } the numeric sum over bins of that width. */
    gaussianKl(mu1, sigma1, mu2, sigma2, options) {
      const o = toOptions(options, ['base', 'binWidth']);
      const binned = o.binWidth !== undefined;
      const binWidth = binned ? toNumber(o.binWidth, 'binWidth') : 0;
      return call('gaussianKl', [toNumber(mu1, 'mu1'), toNumber(sigma1, 'sigma1'), toNumber(mu2, 'mu2'),
        toNumber(sigma2, 'sigma2'), binned, binWidth, toBase(o.base)]);
    },
    /** The samples (x_n, y_n) the lab trains on, a pure function of { n, seed }. */
    labDataset(options) {
      const { n, seed } = labArgs(options);
      return call('labDataset', [n, seed]);
    },
    /** P_data(y|x) at each x: Float64Array [win, draw, loss, win, draw, loss, ...]. */
    labTrueConditional(xs) {
      return call('labTrueConditional', [toFloat64Array(xs, 'x', POINTS.labTrueConditional, 'labTrueConditional')]);
    },
    /** Q_theta(y|x) at each x, same layout. */
    labModelConditional(theta, degree, xs) {
      const limit = POINTS.labModelConditional;
      return call('labModelConditional', [toFloat64Array(theta, 'theta', limit, 'labModelConditional'),
        toNumber(degree, 'degree'), toFloat64Array(xs, 'x', limit, 'labModelConditional')]);
    },
    /** Number of parameters of the model of a given degree (the core's parameter_count). */
    labParameterCount(degree) {
      return parameterCount(degree);
    },
    /** Metrics of theta as it is: { step, trainLoss, crossEntropy, entropy, kl, identityResidual, logLikelihood, likelihood }. */
    labEvaluate(options) {
      const { o, n, seed, degree } = labArgs(options);
      const theta = thetaOf(o, degree);
      const step = o.step === undefined ? 0 : toNumber(o.step, 'step');
      return call('labEvaluate', [n, seed, degree, theta, step, toBase(o.base)]);
    },
    /**
     * `steps` gradient-descent steps from theta (zeros when absent), numbered from `step` + 1.
     * Returns { theta, diverged, divergedAt, step, trainLoss, crossEntropy, entropy, kl,
     * identityResidual, logLikelihood, likelihood } with one Float64Array entry per step taken.
     */
    labTrain(options) {
      const { o, n, seed, degree } = labArgs(options);
      const theta = thetaOf(o, degree);
      const learningRate = o.learningRate === undefined ? 1 : toNumber(o.learningRate, 'learningRate');
      const step = o.step === undefined ? 0 : toNumber(o.step, 'step');
      const steps = o.steps === undefined ? 1 : toNumber(o.steps, 'steps');
      const result = call('labTrain', [n, seed, degree, learningRate, theta, step, steps, toBase(o.base)]);
      const m = result.columns.length / TRAIN_COLUMNS.length;
      const run = { theta: result.theta, diverged: result.diverged, divergedAt: result.divergedAt };
      TRAIN_COLUMNS.forEach((name, c) => { run[name] = result.columns.subarray(c * m, (c + 1) * m); });
      return run;
    },
  };
}
