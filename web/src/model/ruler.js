// The ruler's computation, as a plain function of the core (no DOM): two distribution families on
// the integers, both KL directions, and what the picture needs, reduced to at most MAX_BINS bins
// so drawing costs the same for Poisson(8) and for a binomial of 10^9 trials. Used by <bit-ruler>
// directly when the families are small (also in the prerenderer) and by the lab worker
// (elements/lab-worker.js) when their windows are large, so the page never waits on a long task.

/** Parameters of each family, in the order of the attribute text ("gaussian:10,3"). */
export const PARAMS = { gaussian: ['mu', 'sigma'], poisson: ['lambda'], binomial: ['n', 'p'], geometric: ['p'] };

/** What a new family starts with when the reader picks it. */
export const DEFAULT_TEXTS = { gaussian: ['10', '3'], poisson: ['8'], binomial: ['20', '0.4'], geometric: ['0.15'] };

/** Bins the picture is drawn from (integers are summed into wider bins beyond this). */
export const MAX_BINS = 240;

/** Tail mass left out of the picture at each end of each distribution (not out of the numbers). */
const PICTURE_TAIL = 1e-6;

/** Work that may run synchronously on the main thread, in "bin visits" (≈ 0.15 µs each). */
export const SYNC_BIN_VISITS = 100000;

/** Fine bins of the numeric sum for two Gaussians: at most this many over their joint range. */
const MAX_FINE_BINS = 20000;

/**
 * "gaussian:10,3" → { kind, texts: ['10', '3'] }, or null when the kind is not one of `kinds`.
 * Separators: ":" or "(" after the kind, "," (also ，、) between parameters.
 */
export function parseSpec(spec, kinds) {
  const m = /^\s*([a-z]+)\s*[:(]\s*([^)]*)\)?\s*$/i.exec(String(spec ?? ''));
  if (!m) return null;
  const kind = m[1].toLowerCase();
  if (!kinds.includes(kind) || !PARAMS[kind]) return null;
  const texts = m[2].split(/[,，、]/).map((s) => s.trim());
  const need = PARAMS[kind].length;
  while (texts.length < need) texts.push('');
  return { kind, texts: texts.slice(0, need) };
}

export const specText = (kind, texts) => `${kind}:${texts.join(',')}`;

/**
 * The range of each parameter, from the core's facts: { lo, hi, whole, exclusiveLow }.
 * (σ and a geometric's p have lower limits above 0; the facts name them.)
 */
export function paramRanges(facts) {
  const f = facts.families;
  return {
    gaussian: { mu: { lo: -f.maxAbsMu, hi: f.maxAbsMu }, sigma: { lo: f.minSigma, hi: f.maxSigma } },
    poisson: { lambda: { lo: 0, hi: f.maxLambda } },
    binomial: { n: { lo: 0, hi: f.maxBinomialN, whole: true }, p: { lo: 0, hi: 1 } },
    geometric: { p: { lo: f.minGeometricP, hi: 1 } },
  };
}

/** Integers a family's window spans (about ±8.6 standard deviations: tails of 10^-17), roughly. */
export function estimateBins(f) {
  switch (f.kind) {
    case 'gaussian': return 17.2 * f.sigma + 3;
    case 'poisson': return 17.2 * Math.sqrt(f.lambda) + 25;
    case 'binomial': return Math.min(f.n + 1, 17.2 * Math.sqrt(f.n * f.p * (1 - f.p)) + 25);
    default: return f.p >= 1 ? 1 : 39.2 / -Math.log1p(-f.p) + 1;
  }
}

function fineBinWidth(P, Q) {
  const sMax = Math.max(P.sigma, Q.sigma);
  const span = Math.max(P.mu, Q.mu) - Math.min(P.mu, Q.mu) + 18 * sMax;
  return Math.max(Math.min(P.sigma, Q.sigma) / 20, span / MAX_FINE_BINS);
}

/** The work computeRuler would do, in bin visits (for choosing the main thread or the worker). */
export function estimateWork({ P, Q }) {
  const bp = estimateBins(P);
  const bq = estimateBins(Q);
  let work = 3 * (bp + bq);
  if (P.kind === 'gaussian' && P.naturals) work += bp;
  if (P.kind === 'gaussian' && Q.kind === 'gaussian') work += 2 * MAX_FINE_BINS;
  return work;
}

/** Smallest and largest integer of a family's support (±Infinity when unbounded). */
export function support(f) {
  switch (f.kind) {
    case 'gaussian': return f.naturals ? [0, Infinity] : [-Infinity, Infinity];
    case 'poisson': return f.lambda > 0 ? [0, Infinity] : [0, 0];
    case 'binomial': return f.p <= 0 ? [0, 0] : f.p >= 1 ? [f.n, f.n] : [0, f.n];
    default: return f.p >= 1 ? [0, 0] : [0, Infinity];
  }
}

function massWhere(pmf, test) {
  let m = 0;
  for (let i = 0; i < pmf.mass.length; i++) if (test(pmf.first + i)) m += pmf.mass[i];
  return m;
}

/**
 * Why D(A‖B) is infinite: A has mass where B has none. { k, side: 'below' | 'above', mass } with k
 * the integer of that region nearest to A's bulk and `mass` A's mass there (it may be tiny: any
 * mass at all makes the divergence infinite), or null when the supports do not explain it.
 */
export function whyInfinite(A, B, pmfA) {
  const [a0, a1] = support(A);
  const [b0, b1] = support(B);
  if (a0 < b0) return { k: b0 - 1, side: 'below', mass: massWhere(pmfA, (k) => k < b0) };
  if (a1 > b1) return { k: b1 + 1, side: 'above', mass: massWhere(pmfA, (k) => k > b1) };
  return null;
}

function central(pmf) {
  let lo = 0;
  let hi = pmf.mass.length - 1;
  let c = 0;
  while (lo < hi && c + pmf.mass[lo] < PICTURE_TAIL) c += pmf.mass[lo++];
  c = 0;
  while (hi > lo && c + pmf.mass[hi] < PICTURE_TAIL) c += pmf.mass[hi--];
  return [pmf.first + lo, pmf.first + hi];
}

function aggregate(pmf, lo, width, count) {
  const out = new Float64Array(count);
  const hi = lo + width * count - 1;
  for (let i = 0; i < pmf.mass.length; i++) {
    const k = pmf.first + i;
    if (k < lo || k > hi) continue;
    out[Math.floor((k - lo) / width)] += pmf.mass[i];
  }
  return out;
}

/**
 * Everything the ruler shows for families P and Q (objects as the core's familyPmf takes them):
 * { kl, klReverse, meanP, meanQ, bins: { lo, width, count, p, q }, why: { fwd, rev },
 *   negativeMass (a Gaussian P's mass below k = 0 before it was cut off, when naturals), fit
 *   ({ lambda, kl } or { none: true }, when asked), gg (two Gaussians: { closed, fine, width }) }.
 * Throws the core's BitRulerError for a family the core refuses.
 */
export function computeRuler(api, { P, Q, base, fit = false }) {
  const pmfP = api.familyPmf(P);
  const pmfQ = api.familyPmf(Q);
  const kl = api.familyKl(P, Q, { base });
  const klReverse = api.familyKl(Q, P, { base });
  const [pl, ph] = central(pmfP);
  const [ql, qh] = central(pmfQ);
  const lo = Math.min(pl, ql);
  const columns = Math.max(ph, qh) - lo + 1;
  const width = Math.max(1, Math.ceil(columns / MAX_BINS));
  const count = Math.ceil(columns / width);
  const result = {
    kl,
    klReverse,
    meanP: pmfP.mean,
    meanQ: pmfQ.mean,
    bins: { lo, width, count, p: aggregate(pmfP, lo, width, count), q: aggregate(pmfQ, lo, width, count) },
    why: {
      fwd: kl === Infinity ? whyInfinite(P, Q, pmfP) : null,
      rev: klReverse === Infinity ? whyInfinite(Q, P, pmfQ) : null,
    },
    negativeMass: null,
    fit: null,
    gg: null,
  };
  if (P.kind === 'gaussian' && P.naturals) {
    result.negativeMass = massWhere(api.familyPmf({ ...P, naturals: false }), (k) => k < 0);
  }
  if (fit) {
    try {
      result.fit = api.fitPoisson(P, { base });
    } catch (e) {
      if (e?.code !== 'OUT_OF_RANGE') throw e;
      result.fit = { none: true };
    }
  }
  if (P.kind === 'gaussian' && Q.kind === 'gaussian') {
    const w = fineBinWidth(P, Q);
    result.gg = {
      closed: api.gaussianKl(P.mu, P.sigma, Q.mu, Q.sigma, { base }),
      fine: api.gaussianKl(P.mu, P.sigma, Q.mu, Q.sigma, { base, binWidth: w }),
      width: w,
    };
  }
  return result;
}

/** The arrays of a result that can be handed from the worker without copying. */
export function transferables(result) {
  return [result.bins.p.buffer, result.bins.q.buffer];
}
