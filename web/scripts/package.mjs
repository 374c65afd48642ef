#!/usr/bin/env node
// npm run pack: the npm package a blog author installs (`npm install bitruler`), made from the
// release dist/ (built first when missing or older than its sources).
//
//   node web/scripts/package.mjs [--out DIR] [--no-build] [--quiet]
//
// writes DIR/bitruler-<version>.tgz (default DIR: build/) holding exactly
//   package.json            generated here from the repository's package.json (never written twice)
//   README.md, LICENSE (from web/LICENSE)
//   custom-elements.json    the Custom Elements Manifest, generated from the element sources by
//                           @custom-elements-manifest/analyzer (+ the rules below)
//   dist/bitruler.js        the loader and every chunk it can load (elements, shared code, the
//                           stylesheet, core.js, bitruler.wasm): found by following the files'
//                           relative references, so no page-only chunk and nothing missing
//   dist/prerender.mjs, dist/bitruler-prerender.mjs   prerendering in Node (API and `bin`)
//   dist/*.d.ts, dist/prerender.d.mts                 the types
// and nothing else: not the reading page (index.html, page.js, page.css, favicon.svg: the
// essay's own page, which a blog does not serve) and not debug/ (the assertion build).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(root, 'dist');

/** The modules the package's entries start from; everything else in dist/ is reached from them. */
export const ENTRY_FILES = ['bitruler.js', 'core.js', 'prerender.mjs', 'bitruler-prerender.mjs'];
/** The declarations of the entries (hand-written in web/src, copied into dist/ by the build); the
 *  declaration files they import are reached from them. */
export const TYPE_FILES = ['bitruler.d.ts', 'core.d.ts', 'prerender.d.mts'];

// ------------------------------------------------------------------ dist/ and what ships of it

/** Newest modification time (ms) of the files under `path` (a file or a folder). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = 0;
  for (const name of readdirSync(path)) t = Math.max(t, newest(join(path, name)));
  return t;
}

/** Why dist/ must be (re)built for a package, or null when it is current. */
export function distStaleness() {
  const outputs = [...ENTRY_FILES, 'bitruler.wasm', 'bitruler.css', 'bitruler-panel.css', ...TYPE_FILES];
  const missing = outputs.filter((f) => !existsSync(join(dist, f)));
  if (missing.length) return `dist/ lacks ${missing.join(', ')}`;
  const built = Math.min(...outputs.map((f) => statSync(join(dist, f)).mtimeMs));
  const inputs = ['web/src', 'web/public', 'cpp', 'CMakeLists.txt', 'web/scripts/build.mjs', 'web/scripts/formulas.mjs', 'web/scripts/minify-templates.mjs', 'package-lock.json'];
  const changed = inputs.filter((p) => newest(join(root, p)) > built);
  return changed.length ? `changed since the last build: ${changed.join(', ')}` : null;
}

/**
 * The files a built module or a declaration file refers to in `dir`: in modules any "./name.ext"
 * string literal naming a file there (static and dynamic imports, new URL('./x', import.meta.url));
 * in declarations the imports './x.js' / './x.mjs', whose types are x.d.ts / x.d.mts.
 */
function references(dir, file) {
  const text = readFileSync(join(dir, file), 'utf8');
  const found = new Set();
  if (/\.d\.m?ts$/.test(file)) {
    for (const m of text.matchAll(/(?:from\s*|import\s*\(\s*|import\s+)["']\.\/([\w.-]+)\.(m?)js["']/g)) found.add(`${m[1]}.d.${m[2]}ts`);
    for (const f of found) if (!existsSync(join(dir, f))) throw new Error(`dist/${file} imports the types of ${f}, which dist/ lacks`);
  } else if (/\.m?js$/.test(file)) {
    for (const m of text.matchAll(/["'`]\.\/([\w.-]+)["'`]/g)) if (existsSync(join(dir, m[1]))) found.add(m[1]);
  }
  return found;
}

/**
 * The dist/ files the package ships: the entries and their declarations, and every file reachable
 * from them by relative references.
 */
export function packageDistFiles(dir = dist) {
  const files = new Set();
  const queue = [...ENTRY_FILES, ...TYPE_FILES];
  while (queue.length) {
    const f = queue.shift();
    if (files.has(f)) continue;
    if (!existsSync(join(dir, f))) throw new Error(`dist/${f} is missing`);
    files.add(f);
    queue.push(...references(dir, f));
  }
  return [...files].sort();
}

/**
 * Node built-ins that browser modules import behind a run-time check (core.js reads the .wasm
 * with node:fs/promises in Node). An author's bundler (esbuild, Vite, webpack) for the browser
 * would stop at them; the package.json `browser` map replaces each with an empty module there.
 */
function nodeImportsOfBrowserModules(files, dir = dist) {
  const found = new Set();
  for (const f of files.filter((name) => name.endsWith('.js'))) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (const m of text.matchAll(/(?:\bimport\s*\(\s*|\bfrom\s*|\bimport\s*)["'](node:[\w/]+)["']/g)) found.add(m[1]);
  }
  return [...found].sort();
}

// ------------------------------------------------------------------ package.json

/** Fields copied as they are from the repository's package.json when present. */
const COPIED_FIELDS = ['name', 'version', 'description', 'keywords', 'homepage', 'bugs', 'repository', 'author', 'contributors', 'license', 'funding', 'engines'];

/**
 * The published package.json, generated from the repository's (its name, version, description,
 * licence, engines, …): exports, types, side effects, bin, the manifest. No dependencies: dist/
 * bundles everything, so the package installs offline.
 */
export function publishedPackageJson(repo, { files, browserStubs = [] }) {
  const pkg = {};
  for (const field of COPIED_FIELDS) if (repo[field] !== undefined) pkg[field] = repo[field];
  for (const field of ['name', 'version', 'license']) {
    if (!pkg[field]) throw new Error(`package.json has no ${field}`);
  }
  Object.assign(pkg, {
    type: 'module',
    exports: {
      '.': { types: './dist/bitruler.d.ts', default: './dist/bitruler.js' },
      './core': { types: './dist/core.d.ts', default: './dist/core.js' },
      './prerender': { types: './dist/prerender.d.mts', default: './dist/prerender.mjs' },
      './bitruler.wasm': './dist/bitruler.wasm',
      './bitruler.css': './dist/bitruler.css',
      './bitruler-panel.css': './dist/bitruler-panel.css',
      './custom-elements.json': './custom-elements.json',
      './package.json': './package.json',
    },
    types: './dist/bitruler.d.ts',
    // Modules that must be kept when imported for their effects: the loader (watches the page for
    // <bit-*> tags), the element chunks (each defines its tag), the shared chunks they import
    // (Lit), and the Node entries. Only core.js is free of side effects.
    sideEffects: ['./dist/*.js', './dist/*.mjs'],
    files: ['dist/', 'custom-elements.json'],
    customElements: 'custom-elements.json',
    bin: { 'bitruler-prerender': 'dist/bitruler-prerender.mjs' },
  });
  if (browserStubs.length) pkg.browser = Object.fromEntries(browserStubs.map((name) => [name, false]));
  // Checks that the generated fields stay true to the files.
  const shipped = new Set(files.map((f) => `dist/${f}`).concat('custom-elements.json', 'package.json'));
  const targets = Object.values(pkg.exports).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t)));
  for (const t of [...targets, pkg.types, ...Object.values(pkg.bin)]) {
    if (!shipped.has(t.replace(/^\.\//, ''))) throw new Error(`package.json names ${t}, which the package does not hold`);
  }
  const sideEffectPattern = new RegExp(`^(${pkg.sideEffects.map((p) => p.replace(/^\.\//, '').replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')).join('|')})$`);
  for (const f of files) {
    if (/\.m?js$/.test(f) && !['core.js', 'facts.js'].includes(f) && !sideEffectPattern.test(`dist/${f}`)) {
      throw new Error(`dist/${f} is not covered by sideEffects: name it in web/scripts/package.mjs`);
    }
  }
  return pkg;
}

// ------------------------------------------------------------------ custom-elements.json

/** The `@tag {type} name - text` JSDoc tags of a class: [{ name, type }] ({type} braces may nest). */
function jsdocTags(ts, node, tag) {
  const out = [];
  for (const t of ts.getJSDocTags(node)) {
    if (t.tagName.text !== tag) continue;
    let text = (typeof t.comment === 'string' ? t.comment : (t.comment ?? []).map((c) => c.text).join('')).trim();
    let type;
    if (text.startsWith('{')) {
      let depth = 0;
      let i = 0;
      for (; i < text.length; i++) {
        if (text[i] === '{') depth++;
        else if (text[i] === '}' && --depth === 0) break;
      }
      type = text.slice(1, i).trim();
      text = text.slice(i + 1).trim();
    }
    const name = text.match(/^\[?([\w-]+)/)?.[1];
    if (name) out.push({ name, type });
  }
  return out;
}

/**
 * Analyzer plugins for what is particular to these elements:
 *  - `@tagname bit-x` on a class names its tag (the loader, web/src/bitruler.js, defines it);
 *  - `static state = ['p', ..., ...Base.state]`: the attributes that are an element's state;
 *  - Lit properties declared `{ state: true }` are internal, not attributes;
 *  - `@prop` tags on a class name its public properties (result, error).
 */
function bitrulerPlugins(info) {
  return [{
    name: 'bitruler-elements',
    analyzePhase({ ts, node, moduleDoc }) {
      if (node.kind !== ts.SyntaxKind.ClassDeclaration || !node.name) return;
      const tag = ts.getJSDocTags(node).find((t) => t.tagName.text === 'tagname');
      if (tag) {
        const name = (typeof tag.comment === 'string' ? tag.comment : (tag.comment ?? []).map((c) => c.text).join('')).trim();
        moduleDoc.exports.push({ kind: 'custom-element-definition', name, declaration: { name: node.name.text, module: moduleDoc.path } });
      }
      const cls = { superclass: null, state: null, internal: [], props: jsdocTags(ts, node, 'prop') };
      const heritage = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
      cls.superclass = heritage?.types[0]?.expression.getText() ?? null;
      for (const member of node.members) {
        const isStatic = member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
        if (!isStatic || member.kind !== ts.SyntaxKind.PropertyDeclaration) continue;
        const name = member.name.getText();
        const init = member.initializer;
        if (name === 'state' && init?.kind === ts.SyntaxKind.ArrayLiteralExpression) {
          cls.state = init.elements.map((e) => {
            if (e.kind === ts.SyntaxKind.StringLiteral) return { attribute: e.text };
            if (e.kind === ts.SyntaxKind.SpreadElement && e.expression.kind === ts.SyntaxKind.PropertyAccessExpression && e.expression.name.text === 'state') {
              return { from: e.expression.expression.getText() };
            }
            throw new Error(`${moduleDoc.path}: ${node.name.text}.state: cannot read ${e.getText()}`);
          });
        }
        if (name === 'properties' && init?.kind === ts.SyntaxKind.ObjectLiteralExpression) {
          for (const p of init.properties) {
            if (p.kind !== ts.SyntaxKind.PropertyAssignment || p.initializer.kind !== ts.SyntaxKind.ObjectLiteralExpression) continue;
            const isState = p.initializer.properties.some((o) => o.name?.getText() === 'state' && o.initializer?.kind === ts.SyntaxKind.TrueKeyword);
            if (isState) cls.internal.push(p.name.getText());
          }
        }
      }
      info.set(node.name.text, cls);
    },
  }];
}

/**
 * The Custom Elements Manifest (schema 1.0.0) of every element in web/src/elements/: tag,
 * description, attributes (the element's state attributes and the common ones documented with
 * @attr on BitElement: lang, unit, open, theme), properties (those attributes' and the @prop
 * ones: result, error), events, CSS custom properties and parts. One module, dist/bitruler.js:
 * what an author imports, and what defines every tag.
 */
export async function generateManifest({ quiet = false } = {}) {
  let analyzer;
  let lit;
  try {
    analyzer = await import('@custom-elements-manifest/analyzer');
    lit = await import('@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js');
  } catch (e) {
    throw new Error(`@custom-elements-manifest/analyzer is not installed (node_modules older than package-lock.json?): run \`npm ci\` (${e.message})`);
  }
  const { create, ts } = analyzer;
  const { litPlugin } = lit;
  const elementsDir = join(root, 'web/src/elements');
  const sources = readdirSync(elementsDir).filter((f) => f.endsWith('.js')).sort();
  const modules = sources.map((f) => {
    const path = `web/src/elements/${f}`;
    return ts.createSourceFile(path, readFileSync(join(root, path), 'utf8'), ts.ScriptTarget.ES2022, true);
  });
  const info = new Map();
  const raw = create({ modules, plugins: [...litPlugin(), ...bitrulerPlugins(info)] });

  const classes = new Map();
  for (const mod of raw.modules) for (const d of mod.declarations ?? []) if (d.kind === 'class') classes.set(d.name, d);
  const chain = (name) => {
    const out = [];
    for (let n = name; n && info.has(n); n = info.get(n).superclass) out.push(n);
    return out;
  };
  const stateOf = (name) => {
    const own = info.get(name);
    if (!own) return [];
    if (!own.state) return stateOf(own.superclass);
    return own.state.flatMap((e) => (e.attribute ? [e.attribute] : stateOf(e.from)));
  };
  const base = classes.get('BitElement');
  if (!base) throw new Error('web/src/elements/base.js: class BitElement not found');
  // the common attributes: those documented with @attr on BitElement (the analyzer merges the
  // tag's text into the attribute as its description)
  const common = base.attributes.filter((a) => a.description).map((a) => a.name);
  const warnings = [];

  const declarations = [];
  for (const mod of raw.modules) {
    for (const def of mod.exports ?? []) {
      // (base.js's own customElements.define(tag, cls) inside defineElement names no class)
      if (def.kind !== 'custom-element-definition' || !/^[a-z][\w.]*-[\w.-]*$/.test(def.name ?? '') || !classes.has(def.declaration?.name)) continue;
      const d = classes.get(def.declaration.name);
      const names = chain(d.name);
      const internal = new Set(names.flatMap((n) => info.get(n).internal));
      // @prop members; the type from the nearest class that documents it (the analyzer's inheritance
      // step would let the base class's type win over the element's own)
      const publicProps = new Map();
      for (const n of [...names].reverse()) for (const p of info.get(n).props) publicProps.set(p.name, p.type);
      const wanted = [...new Set([...stateOf(d.name), ...common])];
      const attributes = wanted.map((name) => {
        const a = d.attributes?.find((x) => x.name === name);
        if (!a) throw new Error(`<${def.name}>: state attribute ${name} is not a property or @attr of ${d.name}`);
        if (!a.description) warnings.push(`<${def.name}> ${name}: no description (add @attr ${name} to ${d.name}'s doc comment)`);
        const out = { name, ...(a.type ? { type: a.type } : {}), ...(a.description ? { description: a.description } : {}) };
        if (a.default !== undefined) out.default = a.default;
        // `lang` is backed by langAttribute; the public property is `lang` (resolved to zh | en)
        const field = a.fieldName === 'langAttribute' ? 'lang' : a.fieldName;
        if (field && !internal.has(field)) out.fieldName = field;
        return out;
      });
      const members = [];
      for (const a of attributes) {
        if (!a.fieldName) continue;
        const m = d.members?.find((x) => x.name === a.fieldName && !x.static);
        members.push({ kind: 'field', name: a.fieldName, ...(m?.type ? { type: m.type } : a.type ? { type: a.type } : {}), description: a.description ?? '', attribute: a.name, ...(m?.default !== undefined ? { default: m.default } : {}) });
      }
      for (const [name, type] of publicProps) {
        const m = d.members?.find((x) => x.name === name && !x.static);
        if (!m) throw new Error(`${d.name}: @prop ${name} names no member`);
        members.push({ kind: 'field', name, ...(type ? { type: { text: type } } : {}), description: m.description ?? '', readonly: /read-only/i.test(m.description ?? '') });
      }
      const events = (d.events ?? []).map(({ name, type, description }) => ({ name, ...(type ? { type } : {}), ...(description ? { description } : {}) }));
      const cssProperties = (d.cssProperties ?? []).map(({ name, default: dflt, description }) => ({ name, ...(description ? { description } : {}), ...(dflt !== undefined ? { default: dflt } : {}) }));
      const cssParts = (d.cssParts ?? []).map(({ name, description }) => ({ name, ...(description ? { description } : {}) }));
      const superclass = d.superclass?.name && classes.has(d.superclass.name) && d.superclass.name !== 'BitElement'
        ? { name: d.superclass.name, module: 'dist/bitruler.js' } : d.superclass?.name ? { name: d.superclass.name } : undefined;
      declarations.push({
        kind: 'class',
        name: d.name,
        tagName: def.name,
        customElement: true,
        description: d.description ?? '',
        ...(superclass ? { superclass } : {}),
        attributes,
        members,
        events,
        cssProperties,
        cssParts,
      });
    }
  }
  if (!quiet) for (const w of warnings) console.warn(`custom-elements.json: ${w}`);
  declarations.sort((a, b) => a.tagName.localeCompare(b.tagName));
  return {
    schemaVersion: '1.0.0',
    readme: 'README.md',
    modules: [{
      kind: 'javascript-module',
      path: 'dist/bitruler.js',
      description: 'The loader: importing it (or <script type="module" src=".../bitruler.js">) defines every <bit-*> element as it nears the viewport.',
      declarations,
      exports: declarations.map((d) => ({ kind: 'custom-element-definition', name: d.tagName, declaration: { name: d.name, module: 'dist/bitruler.js' } })),
    }],
  };
}

// ------------------------------------------------------------------ the tarball

/**
 * Stages the package in a temporary folder and packs it with `npm pack`.
 * Resolves to { tarball, files: [{ path, size }], size, unpackedSize, packageJson }.
 */
export async function makePackage({ out = join(root, 'build'), build = true, quiet = false } = {}) {
  const log = quiet ? () => {} : (s) => console.log(s);
  const stale = distStaleness();
  if (stale) {
    if (!build) throw new Error(`dist/ is not current (${stale}): run \`node web/scripts/build.mjs --no-debug\``);
    log(`building the release dist/ (${stale})`);
    const r = spawnSync(process.execPath, [join(root, 'web/scripts/build.mjs'), '--no-debug', ...(quiet ? ['--quiet'] : [])], { cwd: root, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });
    if (r.status !== 0) throw new Error('the build failed');
  }
  const files = packageDistFiles();
  const repo = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const packageJson = publishedPackageJson(repo, { files, browserStubs: nodeImportsOfBrowserModules(files) });
  const manifest = await generateManifest({ quiet });

  const stage = mkdtempSync(join(tmpdir(), 'bitruler-package-'));
  try {
    mkdirSync(join(stage, 'dist'));
    for (const f of files) cpSync(join(dist, f), join(stage, 'dist', f));
    cpSync(join(root, 'README.md'), join(stage, 'README.md'));
    cpSync(join(root, 'web', 'LICENSE'), join(stage, 'LICENSE'));   // the top level holds only what the product card lists
    writeFileSync(join(stage, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
    writeFileSync(join(stage, 'custom-elements.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    mkdirSync(out, { recursive: true });
    const r = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', resolve(out)], {
      // the settings `npm run pack` passes down (npm_config_*, npm_package_*) are the repository's, not the stage's
      cwd: stage, encoding: 'utf8', env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))), npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
    });
    if (r.status !== 0) throw new Error(`npm pack failed:\n${r.stderr}`);
    const [packed] = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
    const tarball = join(resolve(out), packed.filename);
    log(`${relative(process.cwd(), tarball) || tarball}: ${packed.entryCount} files, ${packed.size} bytes (unpacked ${packed.unpackedSize})`);
    return { tarball, files: packed.files.map(({ path, size }) => ({ path, size })).sort((a, b) => a.path.localeCompare(b.path)), size: packed.size, unpackedSize: packed.unpackedSize, packageJson, manifest };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const outAt = argv.indexOf('--out');
  const options = {
    out: outAt >= 0 ? resolve(argv[outAt + 1]) : undefined,
    build: !argv.includes('--no-build'),
    quiet: argv.includes('--quiet'),
  };
  makePackage(options).then(({ files }) => {
    if (!options.quiet) for (const f of files) console.log(`  ${String(f.size).padStart(8)}  ${f.path}`);
  }).catch((error) => {
    console.error(`package: ${error.message}`);
    process.exit(1);
  });
}
