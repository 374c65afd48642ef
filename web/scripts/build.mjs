#!/usr/bin/env node
// npm run build: compiles the C++ core to WebAssembly (release and debug) with Emscripten's
// CMake toolchain, then bundles the JS API (and the page, when present) into dist/.
//
//   node web/scripts/build.mjs [--no-debug] [--quiet]
//
// dist/core.js, dist/bitruler.wasm, dist/core.d.ts      the module and its API (release)
// dist/facts.js, dist/facts.d.ts                         the module's boundary facts (static;
//                                                       also web/src/facts.js, committed)
// dist/debug/core.js, dist/debug/bitruler.wasm            the same with -O0 -g and assertions
// dist/bitruler.js, dist/index.html, dist/page.css,
//   dist/* (web/public)                                  the page, once web/src has it
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { katexMathmlOnly } from './katex-trim-plugin.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(root, 'dist');
const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');

function run(command, commandArgs, options = {}) {
  if (!quiet) console.log(`$ ${command} ${commandArgs.join(' ')}`);
  const result = spawnSync(command, commandArgs, {
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit', ...options,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${commandArgs.join(' ')} failed with exit code ${result.status}`);
  }
}

// emcc needs Debian's node modules at -O1 and above.
const emEnv = { ...process.env, NODE_PATH: [process.env.NODE_PATH, '/usr/share/nodejs'].filter(Boolean).join(':') };

export function buildWasm(config) {
  // The source tree can be overridden (BITRULER_SOURCE_DIR) to build a staged copy.
  const source = process.env.BITRULER_SOURCE_DIR || root;
  const buildDir = join(root, 'build', config === 'Debug' ? 'wasm-debug' : 'wasm-release');
  const cache = join(buildDir, 'CMakeCache.txt');
  if (existsSync(cache) && !readFileSync(cache, 'utf8').includes(`CMAKE_HOME_DIRECTORY:INTERNAL=${source}\n`)) {
    rmSync(buildDir, { recursive: true, force: true });  // configured for another source tree
  }
  if (!existsSync(cache)) {
    run('emcmake', ['cmake', '-S', source, '-B', buildDir, `-DCMAKE_BUILD_TYPE=${config}`], { env: emEnv });
  }
  run('cmake', ['--build', buildDir, '--target', 'bitruler_wasm', '-j2'], { env: emEnv });
  return buildDir;
}

// Node is run as a "web" host: the glue is built with -sENVIRONMENT=web,worker because the node
// branch of Emscripten 3.1.6's ES6 glue needs require/__dirname (absent in ES modules) and
// installs process-wide handlers. core.js hands the glue the compiled module itself
// (instantiateWasm), so the web branch never fetches or touches the DOM. Without this, the
// debug glue's assertions refuse to start in Node.
const NODE_TEST = 'typeof process == "object" && typeof process.versions == "object" && typeof process.versions.node == "string"';
function patchGlue(source, file) {
  const web = /var ENVIRONMENT_IS_WEB\s*=\s*typeof window\s*==\s*"object"\s*;/;
  const node = /var ENVIRONMENT_IS_NODE\s*=\s*typeof process\s*==\s*"object"\s*&&\s*typeof process\.versions\s*==\s*"object"\s*&&\s*typeof process\.versions\.node\s*==\s*"string"\s*;/;
  if (!web.test(source) || !node.test(source)) {
    throw new Error(`${file}: Emscripten glue differs from 3.1.6's; update patchGlue in web/scripts/build.mjs`);
  }
  // The debug glue checks the host a second time (absent from the release glue).
  const assertion = /if\s*\(!\(typeof window\s*==\s*"object"\s*\|\|\s*typeof importScripts\s*==\s*"function"\)\)\s*throw/;
  return source
    .replace(web, `var ENVIRONMENT_IS_WEB = typeof window == "object" || (${NODE_TEST});`)
    .replace(node, 'var ENVIRONMENT_IS_NODE = false;')
    .replace(assertion, 'if (!(ENVIRONMENT_IS_WEB || ENVIRONMENT_IS_WORKER)) throw');
}

// The boundary facts (error codes, limits, family kinds, train columns, ...) of a fresh build:
// the module's own facts(), called in Node on the module just built, written to
// <buildDir>/facts.json and, as a module, to web/src/facts.js (generated, committed: every
// bundler, test and prerender can import it without this build's plugins, and before the
// WebAssembly loads) and dist/facts.js. JS never restates a C++ constant.
export async function generateFacts(buildDir) {
  const glue = join(buildDir, 'bitruler.mjs');
  const nodeGlue = join(buildDir, 'bitruler.node.mjs');
  writeFileSync(nodeGlue, patchGlue(readFileSync(glue, 'utf8'), glue));
  const { default: create } = await import(`${pathToFileURL(nodeGlue).href}?${Date.now()}`);
  const bytes = readFileSync(join(buildDir, 'bitruler.wasm'));
  const wasm = await create({
    instantiateWasm(imports, receive) {
      WebAssembly.instantiate(bytes, imports).then(({ instance, module }) => receive(instance, module));
      return {};
    },
  });
  const result = wasm.facts();
  if (!result.ok) throw new Error(`facts() failed in ${buildDir}: ${result.code}`);
  const facts = result.value;
  writeFileSync(join(buildDir, 'facts.json'), `${JSON.stringify(facts, null, 2)}\n`);
  return facts;
}

// A module whose default export (and FACTS) is the deep-frozen facts object.
export function factsModule(facts) {
  return `// Generated by web/scripts/build.mjs from the WebAssembly module's facts() (the C++ constants
// of cpp/include/bitruler/*.hpp). Do not edit: change the constant and rebuild.
const freeze = (o) => { for (const v of Object.values(o)) if (v && typeof v === 'object') freeze(v); return Object.freeze(o); };
export const FACTS = freeze(${JSON.stringify(facts, null, 2)});
export default FACTS;
`;
}

// web/src/facts.js follows the module: rewritten (and reported) only when the facts changed.
function writeSourceFacts(facts) {
  const file = join(root, 'web', 'src', 'facts.js');
  const text = factsModule(facts);
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  writeFileSync(file, text);
  console.log('web/src/facts.js: updated from the module\'s facts(); commit it with the C++ change');
}

// Resolves the import 'bitruler-glue' in web/src/core.js to one build's Emscripten glue.
function gluePlugin(buildDir) {
  const glue = join(buildDir, 'bitruler.mjs');
  return {
    name: 'bitruler-glue',
    setup(build) {
      build.onResolve({ filter: /^bitruler-glue$/ }, () => ({ path: glue }));
      build.onLoad({ filter: /bitruler\.mjs$/ }, () => ({
        contents: patchGlue(readFileSync(glue, 'utf8'), glue),
        loader: 'js',
      }));
    },
  };
}

const common = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2020', 'node18'],
  // Only reached in Node (reading the .wasm from disk); browsers never evaluate the import.
  external: ['node:*'],
  logLevel: quiet ? 'warning' : 'info',
  legalComments: 'none',
};

export async function bundleCore(buildDir, outDir, { minify }) {
  mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    ...common,
    entryPoints: [join(root, 'web/src/core.js')],
    outfile: join(outDir, 'core.js'),
    minify,
    plugins: [gluePlugin(buildDir)],
  });
  copyFileSync(join(buildDir, 'bitruler.wasm'), join(outDir, 'bitruler.wasm'));
  writeFileSync(join(outDir, 'facts.js'), factsModule(JSON.parse(readFileSync(join(buildDir, 'facts.json'), 'utf8'))));
  for (const name of ['core.d.ts', 'lab-api.d.ts', 'facts.d.ts']) {
    const types = join(root, 'web/src', name);
    if (existsSync(types)) copyFileSync(types, join(outDir, name));
  }
}

async function bundlePage(buildDir) {
  const entry = join(root, 'web/src/bitruler.js');
  const html = join(root, 'web/src/index.html');
  if (!existsSync(entry) || !existsSync(html)) {
    if (!quiet) console.log('page: web/src/bitruler.js or web/src/index.html not present yet; skipped');
    return;
  }
  await esbuild.build({
    ...common,
    entryPoints: [entry],
    outfile: join(dist, 'bitruler.js'),
    minify: true,
    // Custom elements are class-field heavy: lowering them to ES2020 costs ~0.6 KB gz of a 200 KB
    // page budget, and every browser with custom elements + WebAssembly SIMD has ES2022 classes.
    target: ['es2022'],
    loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file', '.svg': 'file', '.png': 'file' },
    assetNames: 'assets/[name]-[hash]',
    plugins: [gluePlugin(buildDir), katexMathmlOnly()],
  });
  copyFileSync(html, join(dist, 'index.html'));
  const css = join(root, 'web/src/page/page.css');
  if (existsSync(css)) {
    const { code } = await esbuild.transform(readFileSync(css, 'utf8'), { loader: 'css', minify: true });
    writeFileSync(join(dist, 'page.css'), code);
  }
  const publicDir = join(root, 'web/public');
  if (existsSync(publicDir)) cpSync(publicDir, dist, { recursive: true });
}

async function main() {
  // dist/ is overwritten in place, not emptied first: a server or test reading it while a
  // rebuild runs keeps finding every file.
  mkdirSync(dist, { recursive: true });
  const release = buildWasm('Release');
  writeSourceFacts(await generateFacts(release));
  await bundleCore(release, dist, { minify: true });
  if (!args.has('--no-debug')) {
    const debug = buildWasm('Debug');
    await generateFacts(debug);
    await bundleCore(debug, join(dist, 'debug'), { minify: false });
  }
  await bundlePage(release);
  if (!quiet) console.log(`built ${dist}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error.message || error);
    process.exit(1);
  });
}
