// Distribution families on the integers (the common ruler) and the learning lab, as part of the
// bitruler API. core.js spreads the returned functions into the object load() resolves to.
// `call(name, args, inputs)` invokes one of the module's functions (the Float64Array inputs
// copied into its slots) or throws BitRulerError; `out()` is the exchange area holding its
// numbers, `f64(k)` / `i32(k)` copies of the arrays at (address, length) pairs k, k + 1
// (cpp/bindings/lab_bindings.cpp has each function's layout). Argument types are checked here
// (TYPE) with the readers of errors.js; values (sigma <= 0, lambda < 0, N = 0, ...) are judged by
// the C++ core. Family kinds, column names and limits come from the core's facts.
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

export function makeLabApi({ call, out, f64, i32 }) {
  const parameterCount = (degree) => {
    call('labParameterCount', [toNumber(degree, 'degree')]);
    return out()[0];
  };
  const scalar = (name, args) => {
    call(name, args);
    return out()[0];
  };
  const thetaOf = (o, degree) => (o.theta === undefined
    ? new Float64Array(parameterCount(degree))
    : toFloat64Array(o.theta, 'theta', POINTS.labModelConditional, 'the lab'));
  return {
    /** Masses of a family on the window [first, first + mass.length) that holds all but < 1e-17 of each tail. */
    familyPmf(family) {
      call('familyPmf', familyArgs(family, 'family'));
      const o = out();
      return { first: o[0], mass: f64(1), mean: o[3] };
    },
    /** D(P||Q) on the integers; Infinity when Q has no mass where P has some. */
    familyKl(P, Q, options) {
      const o = toOptions(options, ['base']);
      return scalar('familyKl', [...familyArgs(P, 'P'), ...familyArgs(Q, 'Q'), toBase(o.base)]);
    },
    /** The lambda minimizing D(P||Poisson(lambda)) (= E_P[k]) and that minimum. */
    fitPoisson(P, options) {
      const o = toOptions(options, ['base']);
      call('fitPoisson', [...familyArgs(P, 'P'), toBase(o.base)]);
      const [lambda, kl] = out();
      return { lambda, kl };
    },
    /** Closed-form D(N(mu1, s1^2) || N(mu2, s2^2)); with { binWidth } the numeric sum over bins of that width. */
    gaussianKl(mu1, sigma1, mu2, sigma2, options) {
      const o = toOptions(options, ['base', 'binWidth']);
      const binned = o.binWidth !== undefined;
      const binWidth = binned ? toNumber(o.binWidth, 'binWidth') : 0;
      return scalar('gaussianKl', [toNumber(mu1, 'mu1'), toNumber(sigma1, 'sigma1'), toNumber(mu2, 'mu2'),
        toNumber(sigma2, 'sigma2'), binned, binWidth, toBase(o.base)]);
    },
    /** The samples (x_n, y_n) the lab trains on, a pure function of { n, seed }. */
    labDataset(options) {
      const { n, seed } = labArgs(options);
      call('labDataset', [n, seed]);
      return { x: f64(0), y: i32(2) };
    },
    /** P_data(y|x) at each x: Float64Array [win, draw, loss, win, draw, loss, ...]. */
    labTrueConditional(xs) {
      call('labTrueConditional', [], [toFloat64Array(xs, 'x', POINTS.labTrueConditional, 'labTrueConditional')]);
      return f64(0);
    },
    /** Q_theta(y|x) at each x, same layout. */
    labModelConditional(theta, degree, xs) {
      const limit = POINTS.labModelConditional;
      const t = toFloat64Array(theta, 'theta', limit, 'labModelConditional');
      const d = toNumber(degree, 'degree');
      call('labModelConditional', [d], [t, toFloat64Array(xs, 'x', limit, 'labModelConditional')]);
      return f64(0);
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
      call('labEvaluate', [n, seed, degree, step, toBase(o.base)], [theta]);
      // The report's numbers come in the train columns' order.
      const values = out();
      const report = {};
      TRAIN_COLUMNS.forEach((name, c) => { report[name] = values[c]; });
      return report;
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
      call('labTrain', [n, seed, degree, learningRate, step, steps, toBase(o.base)], [theta]);
      const columns = f64(2);
      const o2 = out();
      const m = columns.length / TRAIN_COLUMNS.length;
      const run = { theta: f64(0), diverged: o2[4] !== 0, divergedAt: o2[5] };
      TRAIN_COLUMNS.forEach((name, c) => { run[name] = columns.subarray(c * m, (c + 1) * m); });
      return run;
    },
  };
}
