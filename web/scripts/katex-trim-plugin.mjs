// esbuild plugin for the page bundle: KaTeX without its HTML-output data. The elements render
// with output: 'mathml' only (web/src/elements/katex.js), which never reads glyph metrics'
// numbers nor SVG outlines, so those become stubs: KaTeX in the bundle 77 -> 59 KB gzipped.
// tests/node/katex-trim.test.mjs checks the MathML is byte-identical to stock KaTeX's on a corpus
// that covers every TeX command the page and the elements use. (Written by "page", adopted here.)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

export function katexMathmlOnly() {
  return {
    name: 'katex-mathml-only',
    setup(build) {
      // KaTeX's own sources read the build-time constant __VERSION__.
      const { version } = createRequire(import.meta.url)('katex/package.json');
      build.initialOptions.define = { ...build.initialOptions.define, __VERSION__: JSON.stringify(version) };
      // 'katex' → node_modules/katex/katex.ts (the package's TypeScript entry, beside dist/).
      build.onResolve({ filter: /^katex$/ }, async (args) => {
        if (args.pluginData?.katexMathmlOnly) return undefined;
        const stock = await build.resolve('katex', {
          resolveDir: args.resolveDir, kind: args.kind, pluginData: { katexMathmlOnly: true },
        });
        if (stock.errors.length) return { errors: stock.errors };
        return { path: join(dirname(stock.path), '..', 'katex.ts') };
      });
      // Glyph metrics are HTML layout data. MathML output only asks whether a font has a glyph
      // (buildMathML getVariant), so the keys stay and the numbers become zeros.
      build.onLoad({ filter: /katex\/src\/fontMetricsData\.js$/ }, async (args) => {
        const data = (await import(args.path)).default;
        const keys = {};
        for (const [font, chars] of Object.entries(data)) keys[font] = Object.keys(chars).map(Number);
        return {
          loader: 'js',
          contents: `const Z=[0,0,0,0,0];const K=${JSON.stringify(keys)};const D={};` +
            'for(const f in K){D[f]={};for(const c of K[f])D[f][c]=Z}export default D;',
        };
      });
      // SVG outlines of stretchy glyphs: drawn only by the HTML output.
      build.onLoad({ filter: /katex\/src\/svgGeometry\.ts$/ }, (args) => {
        const src = readFileSync(args.path, 'utf8');
        const head = 'export const path: Record<string, string> = {';
        const start = src.indexOf(head);
        const end = src.indexOf('\n};\n', start);
        if (start < 0 || end < 0) throw new Error('katex svgGeometry.ts changed: update katexMathmlOnly()');
        return {
          loader: 'ts',
          contents: `${src.slice(0, start)}export const path: Record<string, string> = new Proxy({}, { get: () => "" });\n${src.slice(end + 4)}`,
        };
      });
    },
  };
}
