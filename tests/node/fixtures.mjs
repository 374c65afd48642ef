// Reads tests/fixtures/info.json (written by tests/fixtures/make_fixtures.py with mpmath) and
// builds its inputs as Float64Arrays bit-identical to the Python generator's doubles:
// integer arithmetic below 2^53 (exact in doubles) and one correctly rounded division each.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './helpers.mjs';

export const FIXTURE_FILE = join(root, 'tests', 'fixtures', 'info.json');

const LCG_A = 48271;
const LCG_M = 2147483647;

/** The Park–Miller stream: x <- 48271 x mod (2^31 - 1); 48271 x < 2^47, exact in a double. */
function lcgStream(seed, n) {
  const out = new Float64Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (LCG_A * x) % LCG_M;
    out[i] = x;
  }
  return out;
}

function genLcg({ n, seed, modulus, offset, scale = 1, jitter = 0, jitter_seed: jitterSeed }) {
  const xs = lcgStream(seed, n);
  const ys = jitter ? lcgStream(jitterSeed, n) : null;
  const weights = new Float64Array(n);
  let total = 0;  // an integer below 2^53 (checked): every partial sum is exact
  for (let i = 0; i < n; i++) {
    let w = scale * ((xs[i] % modulus) + offset);
    if (ys) w += (ys[i] % (2 * jitter + 1)) - jitter;
    weights[i] = w;
    total += w;
  }
  if (!(total < 2 ** 53)) throw new Error('lcg generator: total too large for exact arithmetic');
  for (let i = 0; i < n; i++) weights[i] /= total;  // correctly rounded, as Python's int / int
  return weights;
}

function genUniform({ n }) {
  return new Float64Array(n).fill(1 / n);
}

/** 2^e exactly, also for subnormal results (a product of two exact powers of two). */
export function ldexp1(e) {
  return e >= -1022 ? 2 ** e : (2 ** (e + 200)) * (2 ** -200);
}

function genHeadTail({ n, head, tail_exp2: tailExp2 }) {
  const out = new Float64Array(n).fill(ldexp1(tailExp2));
  out.set(head.map(toNumber));
  return out;
}

const GENERATORS = { lcg: genLcg, uniform: genUniform, head_tail: genHeadTail };

/** JSON numbers, or "NaN" / "Infinity" / "-Infinity" as strings. */
export function toNumber(v) {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  throw new Error(`fixture value ${JSON.stringify(v)} is not a number`);
}

const cache = new Map();
/** A fixture input: a plain array of numbers (as stored) or a Float64Array from a generator. */
export function buildInput(value) {
  if (Array.isArray(value)) return value.map(toNumber);
  const key = JSON.stringify(value);
  if (!cache.has(key)) {
    const gen = GENERATORS[value.gen];
    if (!gen) throw new Error(`unknown fixture generator ${value.gen}`);
    cache.set(key, gen(value));
  }
  return cache.get(key);
}

export function clearInputCache() {
  cache.clear();
}

export function loadFixtures(file = FIXTURE_FILE) {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  if (data.format !== 'bitruler-info-fixtures/1') throw new Error(`unknown fixture format ${data.format}`);
  return data.cases;
}

/** Size of a case's largest input (for ordering and for skipping the largest in slow builds). */
export function caseSize(c) {
  const size = (v) => (v === undefined ? 0 : Array.isArray(v) ? v.length : v.n);
  return Math.max(size(c.p), size(c.q), 1);
}

/** Calls the API for one case; returns the number or throws what the API throws. */
export function runCase(api, c, { asFloat64 = false } = {}) {
  const arr = (v) => {
    const built = buildInput(v);
    return asFloat64 && Array.isArray(built) ? Float64Array.from(built) : built;
  };
  const options = { base: toNumber(c.base), normalize: c.normalize };
  switch (c.fn) {
    case 'surprisal': return api.surprisal(toNumber(c.x), toNumber(c.base));
    case 'entropy': return api.entropy(arr(c.p), options);
    case 'cross_entropy': return api.crossEntropy(arr(c.p), arr(c.q), options);
    case 'kl_divergence': return api.klDivergence(arr(c.p), arr(c.q), options);
    default: throw new Error(`unknown fixture function ${c.fn}`);
  }
}
