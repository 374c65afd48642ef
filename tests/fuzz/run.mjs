#!/usr/bin/env node
// Builds and runs the libFuzzer targets of tests/fuzz/ (Debian's clang, -fsanitize=fuzzer,
// address,undefined) against the core's sources.
//
//   node tests/fuzz/run.mjs [--seconds S | --runs N] [--target parse|info] [--quiet]
//
// npm test runs a few seconds per target; npm run fuzz runs each for 10 minutes (--seconds 600).
// New inputs go to build/fuzz/corpus-<target>/ (the committed seeds in tests/fuzz/corpus/<target>/
// are only read); a crash or broken invariant leaves its input in build/fuzz/ and exits 1.
// Prints the runs of each target and the total.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const here = join(root, 'tests', 'fuzz');
const out = join(root, 'build', 'fuzz');
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const quiet = argv.includes('--quiet');
const runs = option('--runs', null);
const seconds = option('--seconds', runs ? null : '5');
const only = option('--target', null);

const TARGETS = {
  parse: { source: 'fuzz_parse.cpp', args: [`-dict=${join(here, 'parse.dict')}`, '-max_len=512'] },
  info: { source: 'fuzz_info.cpp', args: ['-max_len=4097'] },
};

const clang = ['clang++-14', 'clang++'].find((c) => spawnSync(c, ['--version'], { stdio: 'ignore' }).status === 0);
if (!clang) {
  console.error('clang++ is missing: apt-get install clang-14 libclang-rt-14-dev (web/scripts/setup.mjs --test does)');
  process.exit(1);
}

const coreSources = readdirSync(join(root, 'cpp', 'src')).filter((f) => f.endsWith('.cpp')).map((f) => join(root, 'cpp', 'src', f));
const newest = (files) => Math.max(...files.map((f) => statSync(f).mtimeMs));
const headers = readdirSync(join(root, 'cpp', 'include', 'bitruler')).map((f) => join(root, 'cpp', 'include', 'bitruler', f));

mkdirSync(out, { recursive: true });
let total = 0;
let failed = false;
for (const [name, target] of Object.entries(TARGETS)) {
  if (only && only !== name) continue;
  const source = join(here, target.source);
  const binary = join(out, `fuzz_${name}`);
  const inputs = [source, ...coreSources, ...headers];
  if (!existsSync(binary) || statSync(binary).mtimeMs < newest(inputs)) {
    const compile = [
      '-std=c++17', '-O1', '-g', '-fno-omit-frame-pointer',
      '-fsanitize=fuzzer,address,undefined', '-fno-sanitize-recover=all',
      `-I${join(root, 'cpp', 'include')}`, source, ...coreSources, '-o', binary,
    ];
    if (!quiet) console.log(`$ ${clang} ... ${target.source} -o ${binary}`);
    const r = spawnSync(clang, compile, { stdio: 'inherit' });
    if (r.status !== 0) {
      console.error(`building fuzz_${name} failed`);
      process.exit(1);
    }
  }
  const corpus = join(out, `corpus-${name}`);
  mkdirSync(corpus, { recursive: true });
  const limit = runs ? [`-runs=${runs}`] : [`-max_total_time=${seconds}`];
  const args = [corpus, join(here, 'corpus', name), ...target.args, ...limit, `-artifact_prefix=${out}/`, '-print_final_stats=1'];
  if (!quiet) console.log(`$ ${binary} ${args.join(' ')}`);
  const r = spawnSync(binary, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const log = `${r.stdout}${r.stderr}`;
  const done = /Done (\d+) runs in (\d+) second/.exec(log) || /stat::number_of_executed_units:\s*(\d+)/.exec(log);
  const count = done ? Number(done[1]) : 0;
  total += count;
  if (r.status !== 0) {
    failed = true;
    console.error(log.split('\n').filter((l) => !/^#\d+\s/.test(l)).slice(-60).join('\n'));
    console.error(`fuzz_${name}: FAILED after ${count} runs (exit ${r.status})`);
  } else {
    console.log(`fuzz_${name}: ${count} runs, clean`);
  }
}
console.log(`fuzz total: ${total} runs${failed ? ', with failures' : ', clean'}`);
process.exit(failed ? 1 : 0);
