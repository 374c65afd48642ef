#!/usr/bin/env node
// npm test (after setup and build): every suite, in order, continuing past failures so one run
// shows all of them; exits non-zero if any failed.
//   1. doctest suites of the core, built natively (build/native) and run by ctest
//   2. the same suites built with AddressSanitizer + UndefinedBehaviorSanitizer (build/native-asan)
//   3. the libFuzzer targets of tests/fuzz/, a few seconds each (tests/fuzz/run.mjs; npm run fuzz
//      runs them for ten minutes)
//   4. tsc --noEmit: tests/types/usage.ts against dist/core.d.ts
//   5. node --test tests/node/     (the WASM module through dist/core.js)
//   6. node --test tests/browser/  (headless Chromium, when the folder has tests)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const nativeDir = join(root, 'build', 'native');
const results = [];

function step(name, command, args, options = {}) {
  console.log(`\n=== ${name}\n$ ${command} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  const passed = r.status === 0;
  results.push({ name, passed, seconds: (Date.now() - started) / 1000 });
  if (r.error) console.error(r.error.message);
  return passed;
}

function testFiles(dir) {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full)
    .filter((f) => /\.test\.m?js$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

// 1. native core
const configured = existsSync(join(nativeDir, 'CMakeCache.txt')) ||
  step('configure native build', 'cmake', ['-S', root, '-B', nativeDir, '-DCMAKE_BUILD_TYPE=Release']);
if (configured && step('build native core and tests', 'cmake', ['--build', nativeDir, '-j2'])) {
  step('ctest (doctest suites)', 'ctest', ['--output-on-failure'], { cwd: nativeDir });
}

// 2. native core under ASan + UBSan (any report aborts the suite)
const asanDir = join(root, 'build', 'native-asan');
const sanitizers = '-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer';
const asanConfigured = existsSync(join(asanDir, 'CMakeCache.txt')) ||
  step('configure native ASan+UBSan build', 'cmake', ['-S', root, '-B', asanDir, '-DCMAKE_BUILD_TYPE=RelWithDebInfo',
    `-DCMAKE_CXX_FLAGS=${sanitizers}`]);
if (asanConfigured && step('build doctest suites with ASan+UBSan', 'cmake', ['--build', asanDir, '--target', 'bitruler_tests', '-j2'])) {
  step('ctest (doctest suites, ASan+UBSan)', 'ctest', ['--output-on-failure'], { cwd: asanDir });
}

// 3. fuzz targets, briefly
step('libFuzzer targets (5 s each)', process.execPath, [join(root, 'tests/fuzz/run.mjs'), '--seconds', '5', '--quiet']);

// 4. type declarations
step('tsc --noEmit (tests/types)', process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tests/types/tsconfig.json']);

// 5-6. Node and browser tests
for (const dir of ['tests/node', 'tests/browser']) {
  const files = testFiles(dir);
  if (files.length === 0) {
    console.log(`\n=== ${dir}: no *.test.mjs files`);
    continue;
  }
  step(`node --test ${dir}`, process.execPath, ['--test', '--test-reporter=spec', ...files]);
}

console.log('\n=== summary');
for (const r of results) console.log(`${r.passed ? 'PASS' : 'FAIL'}  ${r.name}  (${r.seconds.toFixed(1)} s)`);
const failed = results.filter((r) => !r.passed);
if (failed.length > 0) {
  console.log(`\n${failed.length} step(s) failed.`);
  process.exit(1);
}
console.log('\nall passed');
