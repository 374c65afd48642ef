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
// dist/bitruler.js, dist/<group>-<hash>.js, chunks        the elements: a small loader and one
//                                                         chunk per group, loaded on demand
// dist/<element>-panel-<hash>.js                          each folded panel's code and its words
//                                                         per language, loaded when it opens
// dist/lab-worker.js                                      the lab's Web Worker (training, wide rulers)
// dist/bitruler.css                                       the elements' shadow-root stylesheet
// dist/bitruler-panel.css                                 the folded panels' (fetched when one opens)
// dist/prerender.mjs, dist/bitruler-prerender.mjs         prerendering in Node (API and command)
// dist/bitruler.d.ts, dist/elements.d.ts, dist/prerender.d.mts   types of the loader, the elements
//                                                         and prerendering (the npm package's)
// dist/index.html, dist/page.js, dist/page.css,
//   dist/* (web/public)                                  the reading page, prerendered
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'parse5';
import * as esbuild from 'esbuild';
import { formulasPlugin, renderKatex } from './formulas.mjs';
import { minifyTemplatesPlugin } from './minify-templates.mjs';

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
  // the release build also links the facts module (generateFacts), which its module leaves out
  const targets = config === 'Debug' ? ['bitruler_wasm'] : ['bitruler_wasm', 'bitruler_facts'];
  run('cmake', ['--build', buildDir, '--target', ...targets, '-j2'], { env: emEnv });
  return buildDir;
}

// The glue is Emscripten 3.1.6's minimal runtime (-sMINIMAL_RUNTIME=1, CMakeLists.txt), which
// instantiates Module["wasm"] itself. It is patched to call Module["instantiate"](imports) instead,
// which resolves to { instance }: core.js compiles the .wasm (streaming in browsers, read from
// disk in Node) and keeps the instance, whose memory it reads; and the module's stack-pointer
// function (bitruler_stack_pointer, a plain export the minimal runtime keeps to itself) is put on
// the module for core.js. The minimal runtime has no host detection, so the same glue runs in
// browsers, workers and Node.
function patchGlue(source, file) {
  const instantiate = /WebAssembly\.instantiate\(Module\["wasm"\],\s*imports\)/;
  const setter = /(_bitruler_stack_pointer\s*=\s*asm\["\w+"\];)/;
  if (!instantiate.test(source) || !setter.test(source)) {
    throw new Error(`${file}: Emscripten glue differs from 3.1.6's minimal runtime; update patchGlue in web/scripts/build.mjs`);
  }
  // The debug glue checks for Module["wasm"] first, and logs that it is ready for a main() the
  // module does not have (neither is in the release glue). And the glue assigns the exports to an
  // undeclared `asm` (sloppy-mode script style), which an ES module refuses: it is declared.
  const check = /if\s*\(!Module\["wasm"\]\)\s*throw/;
  const readyLog = /console\.log\("ready\(\) called, and INVOKE_RUN=0\.[^"]*"\);/;
  return source.replace(instantiate, 'var asm; Module["instantiate"](imports)')
    .replace(setter, '$1 Module["stackPointer"] = _bitruler_stack_pointer;')
    .replace(check, 'if (!Module["instantiate"]) throw')
    .replace(readyLog, '');
}

// The boundary facts (error codes, limits, family kinds, train columns, ...) of a fresh build:
// facts(), called in Node on the facts module just built (bitruler_facts; the debug module has
// facts() itself, the release module does not: CMakeLists.txt), written to
// <buildDir>/facts.json and, as a module, to web/src/facts.js (generated, committed: every
// bundler, test and prerender can import it without this build's plugins, and before the
// WebAssembly loads) and dist/facts.js. JS never restates a C++ constant.
export async function generateFacts(buildDir) {
  const name = existsSync(join(buildDir, 'bitruler_facts.wasm')) ? 'bitruler_facts' : 'bitruler';
  const glue = join(buildDir, `${name}.mjs`);
  const nodeGlue = join(buildDir, `${name}.node.mjs`);
  writeFileSync(nodeGlue, patchGlue(readFileSync(glue, 'utf8'), glue));
  const { default: create } = await import(`${pathToFileURL(nodeGlue).href}?${Date.now()}`);
  const bytes = readFileSync(join(buildDir, `${name}.wasm`));
  let exports;
  const wasm = await create({
    instantiate: (imports) => WebAssembly.instantiate(bytes, imports).then((result) => {
      exports = result.instance.exports;
      return result;
    }),
  });
  // facts() leaves one JSON text at (address, length) 0, 1 of the exchange area
  // (cpp/bindings/exchange.hpp, facts_bindings.cpp).
  const { buffer } = Object.values(exports).find((e) => e instanceof WebAssembly.Memory);
  wasm.facts();
  const [at, length] = new Float64Array(buffer, wasm.exchange(), 2);
  const facts = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, at, length)));
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
  // Chinese words and math symbols as UTF-8, not \uXXXX escapes (module scripts are always read as
  // UTF-8): the zh words chunk is a third smaller gzipped.
  charset: 'utf8',
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

// The elements import the JS API as '../core.js'; in dist/ it is the one dist/core.js beside them
// (one copy of the glue for the page, the elements and an author's own scripts).
const coreBesideBundle = {
  name: 'core-beside-bundle',
  setup(build) {
    build.onResolve({ filter: /(^|\/)core\.js$/ }, (args) => (
      args.importer.startsWith(join(root, 'web', 'src')) ? { path: './core.js', external: true } : undefined));
  },
};

// Element and loader chunks are content-hashed; the previous build's are removed first so dist/
// (and the npm package made from it) holds only what the page can request.
const HASHED = /-[A-Z0-9]{8}\.js$/;

// d3-array ships one bundle whose top-level helpers (bisectors, blurs, shuffle) are made by calls
// without pure annotations, so a bundler keeps all of them for the two functions we import
// (ticks, tickIncrement). Annotating those calls lets esbuild drop what is unused (~2 KB).
const d3PureCalls = {
  name: 'd3-pure-top-level-calls',
  setup(build) {
    build.onLoad({ filter: /[\\/]d3-array[\\/]dist[\\/]d3-array\.mjs$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(/^((?:const|var|let) \w+ = )(\w+\()/gm, '$1/* @__PURE__ */ $2'),
      loader: 'js',
    }));
  },
};

export async function bundleElements() {
  for (const f of readdirSync(dist)) if (HASHED.test(f)) rmSync(join(dist, f));
  const result = await esbuild.build({
    ...common,
    // lab-worker.js: the lab's module worker, found beside the element chunks (import.meta.url)
    entryPoints: {
      bitruler: join(root, 'web/src/bitruler.js'),
      page: join(root, 'web/src/page/page.js'),
      'lab-worker': join(root, 'web/src/elements/lab-worker.js'),
    },
    outdir: dist,
    splitting: true,
    chunkNames: '[name]-[hash]',
    entryNames: '[name]',
    minify: true,
    // every browser with custom elements, declarative shadow DOM and WebAssembly SIMD has ES2022
    target: ['es2022'],
    metafile: true,
    // The elements' own fields and methods (`_name`, by convention never used outside the bundle:
    // not by the page, the tests or the prerenderer, which is a bundle of its own) get short names.
    // Not Lit's (`_$…`, `__…`) and no string keys.
    mangleProps: /^_[a-z]/,
    plugins: [formulasPlugin(), minifyTemplatesPlugin(), coreBesideBundle, d3PureCalls],
  });
  const css = (file) => esbuild.transform(readFileSync(join(root, file), 'utf8'), { loader: 'css', minify: true }).then(({ code }) => code);
  writeFileSync(join(dist, 'bitruler.css'), await css('web/src/elements/bitruler.css'));
  writeFileSync(join(dist, 'bitruler-panel.css'), await css('web/src/elements/panel.css'));
  writeFileSync(join(dist, 'page.css'), await css('web/src/page/page.css'));
  // Prerendering in Node: the same elements, Lit's server renderer, parse5; the core is dist/core.js.
  await esbuild.build({
    ...common,
    entryPoints: { prerender: join(root, 'web/src/prerender/prerender.js'), 'bitruler-prerender': join(root, 'web/src/prerender/cli.js') },
    outdir: dist,
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    target: ['node18'],
    conditions: ['node'],
    splitting: false,
    minify: false,
    plugins: [formulasPlugin(), minifyTemplatesPlugin(), coreBesideBundle, {
      name: 'prerender-beside-cli',
      setup(build) {
        build.onResolve({ filter: /^\.\/prerender\.js$/ }, (args) => (args.importer.endsWith('cli.js') ? { path: './prerender.mjs', external: true } : undefined));
      },
    }],
  });
  return result.metafile;
}

const decodeAttribute = (s) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * The page's own formulas: each <div class="math" [data-tex-narrow="…"] data-tex="…"></div> gets
 * its MathML (one display line per `\\`; the narrow form, when given, shows on phones).
 */
export function renderPageFormulas(html) {
  const lines = (tex, cls) => `<span class="${cls}">${tex.split('\\\\').map((line) => `<span>${renderKatex(line.trim())}</span>`).join('')}</span>`;
  return html.replace(/(<div class="math"(?: data-tex-narrow="([^"]*)")? data-tex="([^"]*)">)(<\/div>)/g, (all, open, narrow, tex, close) => (
    `${open}${narrow === undefined ? lines(decodeAttribute(tex), 'tex-all') : lines(decodeAttribute(tex), 'tex-wide') + lines(decodeAttribute(narrow), 'tex-narrow')}${close}`));
}

// The npm package's hand-written declarations (see web/scripts/package.mjs), beside the modules
// they describe: the loader and its elements, and prerendering (.d.mts beside prerender.mjs).
export function copyPackageTypes() {
  const types = { 'bitruler.d.ts': 'bitruler.d.ts', 'elements.d.ts': 'elements.d.ts', 'prerender.d.ts': 'prerender.d.mts' };
  for (const [source, target] of Object.entries(types)) copyFileSync(join(root, 'web/src', source), join(dist, target));
}

export const PAGE_FILES = { zh: 'index.html', en: 'en.html' };
const HTML_LANG = { zh: 'zh-CN', en: 'en' };

/**
 * The page in one language, from the bilingual source: what is marked lang="zh-CN" or lang="en"
 * for the other language goes (except inside [data-keep], the language switch), <html lang> and
 * the title are that language's, and each data-en-<name> attribute becomes <name> on the English
 * page. A reader downloads one language's prose, and the calculators are prerendered in it.
 */
export function pageIn(lang, html) {
  const other = lang === 'zh' ? 'en' : 'zh-CN';
  const doc = parse(html, { sourceCodeLocationInfo: true });
  const cuts = [];
  const visit = (node, keep) => {
    const attrs = Object.fromEntries((node.attrs ?? []).map((a) => [a.name, a.value]));
    const kept = keep || 'data-keep' in attrs;
    if (!kept && attrs.lang === other && node.tagName !== 'html' && node.sourceCodeLocation) {
      cuts.push([node.sourceCodeLocation.startOffset, node.sourceCodeLocation.endOffset]);
      return;
    }
    for (const child of node.childNodes ?? []) visit(child, kept);
  };
  visit(doc, false);
  let out = html;
  for (const [a, b] of cuts.sort((x, y) => y[0] - x[0])) out = out.slice(0, a) + out.slice(b);
  const titleEn = /data-title-en="([^"]*)"/.exec(out)[1];
  out = out.replace(/<html lang="[^"]*"/, `<html lang="${HTML_LANG[lang]}"`).replace(/ data-title-en="[^"]*"/, '');
  if (lang === 'en') out = out.replace(/<title>[^<]*<\/title>/, `<title>${titleEn}</title>`);
  out = out.replace(`data-lang-link="${lang}"`, `data-lang-link="${lang}" aria-current="page"`);
  // element attributes: <name>="zh" data-en-<name>="en"
  out = out.replace(/ ([a-z][a-z-]*)="([^"]*)"(\s+)data-en-\1="([^"]*)"/g, (all, name, zh, space, en) => ` ${name}="${lang === 'en' ? en : zh}"`);
  if (/data-en-/.test(out)) throw new Error('web/src/page/index.html: put each data-en-<name> right after <name>');
  return out;
}

/**
 * What the essay's first calculators need, as <link>s for its <head>: the browser fetches them all
 * at once instead of finding each import only when the file before it has arrived (bitruler.js →
 * its chunks → the core → the WASM → the element's chunk → its chunks → the words), for the page's
 * first element (the one above the fold); the others still load as they near the viewport.
 */
export function preloadLinks(meta, lang, firstTag) {
  const outputs = meta.outputs;
  const name = (out) => out.split('/').pop();
  const find = (test) => Object.keys(outputs).find((out) => out.endsWith('.js') && test(outputs[out]));
  const byInput = (input) => find((o) => input in o.inputs);
  const files = [];
  let core = false;
  const add = (out) => {
    if (!out || files.includes(name(out))) return;
    files.push(name(out));
    for (const i of outputs[out].imports) {
      if (i.external && i.path.endsWith('/core.js')) core = true;
      else if (i.kind === 'import-statement' && !i.external) add(i.path);
    }
  };
  const entry = (file) => find((o) => o.entryPoint === file);
  for (const out of [entry('web/src/bitruler.js'), entry('web/src/page/page.js')]) for (const i of outputs[out].imports) if (i.kind === 'import-statement' && !i.external) add(i.path);
  add(entry('web/src/shared/core-store.js') ?? byInput('web/src/shared/core-store.js'));
  // the chunk groups of web/src/bitruler.js
  add(byInput(['bit-ruler', 'bit-learning'].includes(firstTag) ? 'web/src/elements/lab.js' : 'web/src/elements/prose.js'));
  add(byInput(`web/src/messages/${lang}/index.js`));
  if (!core) throw new Error('preloadLinks: no chunk imports core.js');
  return [
    ...files.map((f) => `<link rel="modulepreload" href="${f}">`),
    '<link rel="modulepreload" href="core.js">',
    '<link rel="preload" href="bitruler.wasm" as="fetch" type="application/wasm" crossorigin>',
  ].join('\n');
}

/** A small SVG as a data: URL (percent-encoded only where a URL in an attribute needs it). */
export function svgDataUrl(svgText) {
  const compact = svgText.replace(/>\s+</g, '><').replace(/\s+/g, ' ').trim().replace(/"/g, "'");
  return `data:image/svg+xml,${compact.replace(/[%#<>&\n]/g, encodeURIComponent)}`;
}

async function buildPage(meta) {
  const publicDir = join(root, 'web/public');
  if (existsSync(publicDir)) cpSync(publicDir, dist, { recursive: true });
  const { prerenderHtml } = await import(`${pathToFileURL(join(dist, 'prerender.mjs')).href}?t=${Date.now()}`);
  const source = renderPageFormulas(readFileSync(join(root, 'web/src/page/index.html'), 'utf8'));
  for (const [lang, file] of Object.entries(PAGE_FILES)) {
    const page = pageIn(lang, source);
    const firstTag = /<(bit-[a-z-]+)[\s>]/.exec(page.slice(page.indexOf('<body')))[1];
    const html = page.replace('<script type="module" src="bitruler.js"></script>', (tag) => `${preloadLinks(meta, lang, firstTag)}\n${tag}`)
      // the icon travels in the page (a browser asks for it apart, sometimes twice)
      .replace('<link rel="icon" href="favicon.svg" type="image/svg+xml">', () => `<link rel="icon" href="${svgDataUrl(readFileSync(join(root, 'web/public/favicon.svg'), 'utf8'))}">`);
    writeFileSync(join(dist, file), await prerenderHtml(html, { base: './' }));
  }
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
  const meta = await bundleElements();
  copyPackageTypes();
  await buildPage(meta);
  if (!quiet) console.log(`built ${dist}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error.message || error);
    process.exit(1);
  });
}
