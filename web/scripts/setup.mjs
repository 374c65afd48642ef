#!/usr/bin/env node
// Makes a fresh Debian machine ready: system packages (apt) and node_modules (npm ci).
//
//   node web/scripts/setup.mjs          build + serve needs: emscripten, cmake, g++, doctest
//   node web/scripts/setup.mjs --test   also chromium, fonts-noto-cjk, python3-mpmath, clang-14,
//                                       libclang-rt-14-dev (fuzzing)
//
// As root it installs what is missing; otherwise it prints the exact apt command and exits 1.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const forTests = process.argv.includes('--test');

const ok = (command, args) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
const onPath = (name) => ok('sh', ['-c', `command -v ${name}`]);
const dpkgInstalled = (name) => {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
};

// [apt package, is it present?]
const requirements = [
  ['emscripten', () => onPath('emcc') && onPath('emcmake')],
  ['cmake', () => onPath('cmake') && onPath('ctest')],
  ['g++', () => onPath('g++')],
  ['doctest-dev', () => existsSync('/usr/include/doctest/doctest.h')],
];
if (forTests) {
  requirements.push(
    ['chromium', () => existsSync('/usr/bin/chromium')],
    ['fonts-noto-cjk', () => dpkgInstalled('fonts-noto-cjk')],
    ['python3-mpmath', () => ok('python3', ['-c', 'import mpmath'])],
    // libFuzzer targets (tests/fuzz): clang with its fuzzer and sanitizer runtimes.
    ['clang-14', () => onPath('clang++-14')],
    ['libclang-rt-14-dev', () => dpkgInstalled('libclang-rt-14-dev')],
  );
}

const missing = requirements.filter(([, present]) => !present()).map(([pkg]) => pkg);
if (missing.length > 0) {
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`bitruler needs these Debian packages: ${missing.join(', ')}.`);
    console.error(`Install them with:\n\n  sudo sh -c '${command}'\n`);
    process.exit(1);
  }
  console.log(`Installing ${missing.join(', ')} ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed (exit ${r.status}).`);
      process.exit(1);
    }
  }
  const still = requirements.filter(([, present]) => !present()).map(([pkg]) => pkg);
  if (still.length > 0) {
    console.error(`Still missing after apt-get install: ${still.join(', ')}.`);
    process.exit(1);
  }
}

if (!existsSync(join(root, 'node_modules'))) {
  console.log('node_modules is absent: npm ci');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status || 1);
}
