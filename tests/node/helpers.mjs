// Shared by the Node tests: the built module (release dist/core.js or debug dist/debug/core.js)
// and small assertion helpers.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const dist = join(root, 'dist');

export const VARIANTS = {
  release: join(dist, 'core.js'),
  debug: join(dist, 'debug', 'core.js'),
};

/** Imports dist/core.js (or the debug build) and resolves to { mod, api }. */
export async function loadModule(variant = 'release') {
  const file = VARIANTS[variant];
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  const mod = await import(pathToFileURL(file).href);
  return { mod, api: await mod.load() };
}

/** Asserts that fn throws a BitRulerError with the given code (and a non-empty message). */
export function assertCode(mod, fn, code, label = '') {
  let thrown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown, `${label}: expected BitRulerError ${code}, but nothing was thrown`);
  assert.ok(thrown instanceof mod.BitRulerError, `${label}: expected BitRulerError, got ${thrown}`);
  assert.equal(thrown.code, code, `${label}: ${thrown.message}`);
  assert.equal(thrown.name, 'BitRulerError');
  assert.ok(thrown instanceof Error);
  assert.ok(typeof thrown.message === 'string' && thrown.message.length > 10, `${label}: message too short`);
  return thrown;
}

/** |actual - expected| <= rel * |expected| (exact equality for 0 and infinities). */
export function assertRelative(actual, expected, rel, label = '') {
  if (expected === 0 || !Number.isFinite(expected)) {
    assert.equal(actual, expected, label);
    return 0;
  }
  const error = Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(error <= rel, `${label}: got ${actual}, expected ${expected} (relative error ${error} > ${rel})`);
  return error;
}

/** The module still gives the article's answers (used after every refusal). */
export function assertStillAnswers(api) {
  assert.equal(api.surprisal(1 / 1024), 10);
  assert.equal(api.entropy(new Float64Array(8).fill(1 / 8)), 3);
  assertRelative(api.entropy([0.99, 0.01]), 0.08079313589591118, 1e-15, 'H(0.99, 0.01)');
  assert.equal(api.klDivergence([0.3, 0.7], [0.3, 0.7]), 0);
  assert.equal(api.parseProbability('1/8'), 0.125);
}
