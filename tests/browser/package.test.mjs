// The npm package as a blog author gets it (issue 12), run after the build:
//   node --test tests/browser/package.test.mjs
// packs bitruler-<version>.tgz (web/scripts/package.mjs), installs it into an empty project in a
// temporary folder with no network (npm --offline, a dead registry, an empty cache), and there:
// imports the API in Node; bundles a page with two elements with esbuild, serves it under the
// strict CSP and opens it in Chromium; runs the installed bitruler-prerender bin on a small post;
// type-checks an author's TypeScript against the installed types. Also checks the tarball's file
// list, the generated package.json and the Custom Elements Manifest.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot, launchBrowser, startServer, watchPage, waitForResult, assertClean } from './helpers.mjs';
import { makePackage } from '../../web/scripts/package.mjs';

const H_FRANCE = 0.08079313589591118; // H(0.99, 0.01) in bits (mpmath, rounded to a double)
const repoPackage = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

let work;      // temporary folder: the tarball, the npm cache, the author's project
let packed;    // makePackage's answer
let project;   // the author's project, with bitruler installed
let installed; // project/node_modules/bitruler
let browser;

/** The environment of an npm run with no network: no inherited npm_* settings, a dead registry. */
function offlineEnv() {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return { ...env, npm_config_registry: 'http://127.0.0.1:9/', npm_config_cache: join(work, 'npm-cache'), npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
}

function run(command, args, options = {}) {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000, ...options });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `${command} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'bitruler-package-test-'));
  // the release dist/ of `npm test`'s build; stale or missing is an error here, not a rebuild
  packed = await makePackage({ out: work, build: false, quiet: true });
  project = join(work, 'blog');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'blog', private: true, type: 'module' }));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', packed.tarball], { cwd: project, env: offlineEnv() });
  installed = join(project, 'node_modules', 'bitruler');
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Every file under `dir`, as paths relative to it with '/'. */
function listFiles(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) => (e.isDirectory()
    ? listFiles(dir, `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}

test('the tarball holds exactly the author\'s files: what the entries can load, the types, README, LICENSE, manifest', () => {
  assert.equal(packed.tarball, join(work, `bitruler-${repoPackage.version}.tgz`));
  const files = packed.files.map((f) => f.path).sort();
  assert.deepEqual(listFiles(installed).sort(), files, 'installed files = packed files');
  // Expected: the fixed files, plus every file the shipped modules reach by relative reference,
  // followed from the entries in the installed copy (nothing missing, nothing unreachable).
  const reached = new Set();
  const queue = ['bitruler.js', 'core.js', 'prerender.mjs', 'bitruler-prerender.mjs', 'bitruler.d.ts', 'core.d.ts', 'prerender.d.mts'];
  while (queue.length) {
    const f = queue.pop();
    if (reached.has(f)) continue;
    reached.add(f);
    assert.ok(existsSync(join(installed, 'dist', f)), `dist/${f} is referenced but not in the package`);
    const text = readFileSync(join(installed, 'dist', f), 'utf8');
    if (/\.d\.m?ts$/.test(f)) {
      for (const m of text.matchAll(/from\s*["']\.\/([\w.-]+)\.(m?)js["']/g)) queue.push(`${m[1]}.d.${m[2]}ts`);
    } else if (/\.m?js$/.test(f)) {
      for (const m of text.matchAll(/(?:import\s*\(\s*|from\s*|import\s*|new URL\(\s*)["']\.\/([\w.-]+)["']/g)) queue.push(m[1]);
    }
  }
  const expected = ['LICENSE', 'README.md', 'custom-elements.json', 'package.json', ...[...reached].map((f) => `dist/${f}`)].sort();
  assert.deepEqual(files, expected);
  for (const f of ['dist/elements.d.ts', 'dist/lab-api.d.ts']) assert.ok(files.includes(f), f);
  for (const f of ['dist/bitruler.wasm', 'dist/bitruler.css', 'dist/bitruler-panel.css', 'dist/core.js']) assert.ok(files.includes(f), f);
  for (const chunk of ['prose', 'lab', 'zh', 'en']) assert.ok(files.some((f) => new RegExp(`^dist/${chunk}-[A-Z0-9]{8}\\.js$`).test(f)), `the ${chunk} chunk`);
  assert.ok(files.includes('dist/lab-worker.js'), 'the lab worker');
  for (const f of files) assert.doesNotMatch(f, /^dist\/(debug\/|index\.html|page\.|favicon)/, 'no debug build, no reading page');
  const gz = packed.size;
  assert.ok(gz > 50_000 && gz < 1_500_000, `tarball ${gz} bytes`);
});

test('package.json is generated from the repository\'s: exports, types, sideEffects, bin, manifest, no dependencies', () => {
  const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  for (const field of ['name', 'version', 'description', 'license', 'engines']) assert.deepEqual(pkg[field], repoPackage[field], field);
  assert.equal(pkg.private, undefined);
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies', 'scripts']) assert.equal(pkg[field], undefined, field);
  assert.equal(pkg.type, 'module');
  assert.deepEqual(Object.keys(pkg.exports), ['.', './core', './prerender', './bitruler.wasm', './bitruler.css', './bitruler-panel.css', './custom-elements.json', './package.json']);
  assert.deepEqual(pkg.exports['.'], { types: './dist/bitruler.d.ts', default: './dist/bitruler.js' });
  assert.deepEqual(pkg.exports['./core'], { types: './dist/core.d.ts', default: './dist/core.js' });
  assert.equal(pkg.types, './dist/bitruler.d.ts');
  assert.equal(pkg.customElements, 'custom-elements.json');
  assert.deepEqual(pkg.bin, { 'bitruler-prerender': 'dist/bitruler-prerender.mjs' });
  assert.ok(Array.isArray(pkg.sideEffects) && pkg.sideEffects.includes('./dist/*.js'), 'every chunk may register an element');
  assert.deepEqual(pkg.browser, { 'node:fs/promises': false });
  // every export resolves in the installed copy
  const require = createRequire(join(project, 'package.json'));
  for (const sub of ['bitruler.wasm', 'bitruler.css', 'bitruler-panel.css', 'custom-elements.json', 'package.json']) {
    assert.ok(existsSync(require.resolve(`bitruler/${sub}`)), sub);
  }
});

/** The tags the element sources define, each with its state attributes (read here from the sources). */
function sourceElements() {
  const dir = join(repoRoot, 'web/src/elements');
  const classes = new Map();
  const tags = new Map();
  for (const f of readdirSync(dir).filter((name) => name.endsWith('.js'))) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (const m of text.matchAll(/class (\w+) extends (\w+) \{([\s\S]*?)\n\}/g)) {
      const state = m[3].match(/static state = \[([^\]]*)\]/)?.[1];
      classes.set(m[1], { superclass: m[2], state });
    }
    for (const m of text.matchAll(/@tagname ([a-z-]+)\n[^/]*?\*\/\nexport class (\w+)/g)) tags.set(m[1], m[2]);
  }
  const stateOf = (name) => {
    const c = classes.get(name);
    if (!c) return [];
    if (c.state == null) return stateOf(c.superclass);
    return [...c.state.matchAll(/'([\w-]+)'|\.\.\.(\w+)\.state/g)].flatMap((m) => (m[1] ? [m[1]] : stateOf(m[2])));
  };
  return [...tags].map(([tag, cls]) => ({ tag, cls, state: stateOf(cls) }));
}

test('custom-elements.json lists every element: state attributes, lang and theme, result/error, change, CSS custom properties, parts', () => {
  const manifest = JSON.parse(readFileSync(join(installed, 'custom-elements.json'), 'utf8'));
  assert.equal(manifest.schemaVersion, '1.0.0');
  assert.doesNotMatch(JSON.stringify(manifest), /web\/src/, 'no source paths: the package holds dist/ only');
  const declarations = manifest.modules.flatMap((m) => m.declarations.map((d) => ({ ...d, module: m.path })));
  const definitions = manifest.modules.flatMap((m) => m.exports.filter((e) => e.kind === 'custom-element-definition'));
  const elements = sourceElements();
  assert.ok(elements.length >= 5, `${elements.length} elements in the sources`);
  const cssProps = [...new Set([...readFileSync(join(repoRoot, 'web/src/elements/bitruler.css'), 'utf8').matchAll(/var\((--bitruler-[\w-]+)/g)].map((m) => m[1]))].sort();
  const parts = [...new Set(readdirSync(join(repoRoot, 'web/src/elements')).filter((f) => f.endsWith('.js'))
    .flatMap((f) => [...readFileSync(join(repoRoot, 'web/src/elements', f), 'utf8').matchAll(/\bpart="([\w-]+)"/g)].map((m) => m[1])))].sort();
  assert.deepEqual(declarations.map((d) => d.tagName).sort(), elements.map((e) => e.tag).sort());
  for (const { tag, cls, state } of elements) {
    const d = declarations.find((x) => x.tagName === tag);
    assert.equal(d.name, cls, tag);
    assert.ok(definitions.some((e) => e.name === tag && e.declaration.name === cls), `${tag} definition`);
    assert.ok(existsSync(join(installed, d.module)), `${tag}: module ${d.module} is in the package`);
    const attributes = d.attributes.map((a) => a.name);
    assert.deepEqual(attributes.slice(0, state.length), state, `${tag}: the state attributes first`);
    for (const name of ['lang', 'unit', 'open', 'theme']) assert.ok(attributes.includes(name), `${tag} @${name}`);
    for (const name of ['lang', 'unit', 'open', 'theme']) assert.ok(d.attributes.find((a) => a.name === name).description, `${tag} ${name} described`);
    for (const a of d.attributes.filter((x) => x.fieldName)) assert.ok(d.members.some((m) => m.name === a.fieldName), `${tag}.${a.fieldName}`);
    const members = d.members.map((m) => m.name);
    for (const name of ['result', 'error']) assert.ok(members.includes(name), `${tag}.${name}`);
    assert.ok(!members.some((m) => m.startsWith('_') || ['compute', 'render', 'width', 'announcement', 'api'].includes(m)), `${tag}: internals are not listed (${members})`);
    assert.ok(d.events.some((e) => e.name === 'change' && e.description), `${tag} change event`);
    assert.deepEqual(d.cssProperties.map((p) => p.name).sort(), cssProps, `${tag} CSS custom properties`);
    assert.deepEqual(d.cssParts.map((p) => p.name).sort(), parts, `${tag} parts`);
  }
  const surprisal = declarations.find((d) => d.tagName === 'bit-surprisal');
  assert.equal(surprisal.attributes.find((a) => a.name === 'label-a').fieldName, 'labelA');
  assert.match(surprisal.members.find((m) => m.name === 'result').type.text, /information/);
});

test('Node: import { load } from \'bitruler/core\' gives 10 bit for 1/1024', () => {
  writeFileSync(join(project, 'core-check.mjs'), `import { load } from 'bitruler/core';
const br = await load();
console.log(JSON.stringify({ bits: br.surprisal(1 / 1024), h: br.entropy([0.99, 0.01]) }));
`);
  const out = JSON.parse(run(process.execPath, ['core-check.mjs'], { cwd: project }));
  assert.equal(out.bits, 10);
  assert.ok(Math.abs(out.h - H_FRANCE) < 1e-13, String(out.h));
});

test('the installed bitruler-prerender bin prerenders a small post', () => {
  const post = `<!doctype html>
<html lang="zh">
<head><meta charset="utf-8"><title>熵</title><script type="module" src="/bitruler/bitruler.js"></script></head>
<body><article><p>中国夺冠的信息量：</p>
<bit-surprisal p="1/1024" label="中国夺冠"></bit-surprisal>
<p>阿根廷夺冠 = 进决赛 且 赢下决赛：</p>
<bit-additivity pa="1/2" pb="1/4" label-a="进决赛" label-b="赢下决赛" label-ab="阿根廷夺冠"></bit-additivity>
</article></body>
</html>
`;
  writeFileSync(join(project, 'post.html'), post);
  const bin = join(project, 'node_modules', '.bin', 'bitruler-prerender');
  assert.ok(existsSync(bin), 'npm linked the bin');
  run(bin, ['post.html'], { cwd: project });
  const out = readFileSync(join(project, 'post.html'), 'utf8');
  assert.equal(out.match(/<template shadowrootmode="open">/g)?.length, 2, 'one shadow root per element');
  assert.match(out, /<bit-surprisal p="1\/1024" label="中国夺冠"><template shadowrootmode="open"><link rel="stylesheet" href="\/bitruler\/bitruler\.css">/);
  const [surprisal, additivity] = out.split('<bit-additivity').map((part) => part.replace(/<!--[^]*?-->/g, ''));
  assert.match(surprisal, /<mn>10<\/mn><mtext>\s?bit<\/mtext>/, 'the article number: I = 10 bit');
  assert.match(additivity, /<mn>3<\/mn><mtext>\s?bit<\/mtext>/, 'the article number: 1 + 2 = 3 bit');
  assert.match(out, /<link rel="stylesheet" href="\/bitruler\/bitruler\.css" media="not all">\n<\/head>/, "fetched with the post, styling none of it");
  assert.ok(out.startsWith('<!doctype html>\n<html lang="zh">\n<head>'), 'the rest of the file stays as it was');
  // --base and --out, as a blog build calls it
  mkdirSync(join(project, 'out'));
  writeFileSync(join(project, 'post2.html'), post);
  run(bin, ['--base', '/static/bitruler/', '--out', 'out', 'post2.html'], { cwd: project });
  assert.match(readFileSync(join(project, 'out', 'post2.html'), 'utf8'), /href="\/static\/bitruler\/bitruler\.css"/);
  assert.equal(readFileSync(join(project, 'post2.html'), 'utf8'), post, 'with --out the source is untouched');
});

test('TypeScript: the installed types resolve through exports (nodenext) and type the tags', () => {
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'], strict: true, noEmit: true, skipLibCheck: false, types: [] },
    files: ['usage.ts'],
  }));
  writeFileSync(join(project, 'usage.ts'), `import { define, type BitKlElement } from 'bitruler';
import { load } from 'bitruler/core';
import { prerenderHtml } from 'bitruler/prerender';
const entropy = document.querySelector('bit-entropy');
const h: number | undefined = entropy?.result?.entropy;
entropy?.addEventListener('change', (e) => { const d: number = e.detail.maxEntropy; });
const kl: BitKlElement = document.createElement('bit-kl');
const Kl = await define('bit-kl');
const reverse: number | undefined = new Kl().result?.klReverse;
const bits: number = (await load()).surprisal(1 / 1024);
const html: string = await prerenderHtml('<bit-kl></bit-kl>', { base: '/bitruler/' });
// @ts-expect-error the result of bit-entropy has no kl
entropy?.result?.kl;
export { h, kl, reverse, bits, html };
`);
  run(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', join(project, 'tsconfig.json')], { cwd: project });
});

test('Chromium: a page bundled with esbuild (import \'bitruler\'), wasm and css copied beside it: two elements answer, no console error', async () => {
  // the author's entry and page
  mkdirSync(join(project, 'src'));
  writeFileSync(join(project, 'src', 'main.js'), `import 'bitruler';
document.addEventListener('change', (e) => { document.body.dataset.changes = String(Number(document.body.dataset.changes ?? 0) + 1); });
`);
  const site = join(project, 'public');
  mkdirSync(join(site, 'js'), { recursive: true });
  writeFileSync(join(site, 'index.html'), `<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>熵</title>
<link rel="icon" href="favicon.svg">
<script type="module" src="js/main.js"></script>
</head>
<body>
<main>
<bit-surprisal id="s" p="1/1024" label="中国夺冠">P = 1/1024 → 10 bit</bit-surprisal>
<bit-additivity id="a" pa="1/2" pb="1/4" label-a="进决赛" label-b="赢下决赛" label-ab="阿根廷夺冠">1/2 × 1/4 = 1/8 → 1 + 2 = 3 bit</bit-additivity>
</main>
</body>
</html>
`);
  writeFileSync(join(site, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" fill="#1f5fd6"/></svg>');
  // esbuild run in the author's project: ESM with code splitting
  await esbuild.build({
    absWorkingDir: project,
    entryPoints: ['src/main.js'],
    bundle: true,
    format: 'esm',
    splitting: true,
    minify: true,
    outdir: 'public/js',
    logLevel: 'silent',
  });
  // the three files the code finds beside itself (new URL('./bitruler.wasm', import.meta.url))
  const require = createRequire(join(project, 'package.json'));
  for (const file of ['bitruler.wasm', 'bitruler.css', 'bitruler-panel.css']) copyFileSync(require.resolve(`bitruler/${file}`), join(site, 'js', file));

  const server = await startServer({ root: site });   // web/scripts/serve.mjs, strict CSP
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  try {
    const page = await context.newPage();
    const log = await watchPage(page, server.origin);
    await page.goto(`${server.url}index.html`, { waitUntil: 'load' });
    const s = await waitForResult(page, '#s', (r) => r?.information != null, 15000);
    const a = await waitForResult(page, '#a', (r) => r?.composite != null, 15000);
    assert.equal(s.information, 10);
    assert.equal(s.unit, 'bit');
    assert.deepEqual([a.composite.ia, a.composite.ib, a.composite.information, a.composite.p], [1, 2, 3, 1 / 8]);
    // rendered in their shadow roots with the copied stylesheet; change events reached the page
    const shown = await page.evaluate(() => ['#s', '#a'].map((sel) => {
      const el = document.querySelector(sel);
      return { svg: !!el.shadowRoot?.querySelector('svg'), sheets: el.shadowRoot?.adoptedStyleSheets.length ?? 0, state: [...el.constructor.state] };
    }));
    for (const x of shown) {
      assert.ok(x.svg, 'picture rendered');
      assert.ok(x.sheets >= 1, 'stylesheet adopted');
    }
    assert.ok(Number(await page.evaluate(() => document.body.dataset.changes)) >= 2, 'change events bubbled to the page');
    // the manifest's attributes are the running classes' state
    const manifest = JSON.parse(readFileSync(join(installed, 'custom-elements.json'), 'utf8'));
    const attrs = (tag) => manifest.modules[0].declarations.find((d) => d.tagName === tag).attributes.map((a) => a.name);
    assert.deepEqual(attrs('bit-surprisal').slice(0, shown[0].state.length), shown[0].state);
    assert.deepEqual(attrs('bit-additivity').slice(0, shown[1].state.length), shown[1].state);
    const fetched = log.responses.map((r) => new URL(r.url()).pathname);
    assert.ok(fetched.includes('/js/bitruler.wasm') && fetched.includes('/js/bitruler.css'), fetched.join(' '));
    // a panel opened: its stylesheet comes from beside the bundle too, and styles it
    await page.$eval('#s', async (el) => { el.open = true; await el.updateComplete; });
    assert.equal(await page.$eval('#s', (el) => el.shadowRoot.adoptedStyleSheets.length), 2, 'the panels\' sheet adopted');
    assert.ok(log.responses.some((r) => new URL(r.url()).pathname === '/js/bitruler-panel.css'), 'bitruler-panel.css fetched');
    assertClean(assert, log, 'bundled page');
  } finally {
    await context.close();
    await server.close();
  }
});
