// The page bundle's trimmed KaTeX (web/scripts/katex-trim-plugin.mjs: glyph metrics and SVG
// outlines stubbed) renders MathML byte-identical to stock KaTeX, on a corpus that covers every
// TeX command the page and the elements use (checked: a new command in web/src fails this test
// until the corpus has it).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import * as esbuild from 'esbuild';
import { katexMathmlOnly } from '../../web/scripts/katex-trim-plugin.mjs';
import { root } from './helpers.mjs';

// The options of web/src/elements/katex.js renderTex().
const OPTIONS = { output: 'mathml', displayMode: true, throwOnError: false, strict: 'ignore', trust: false };

const decode = (s) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

// Formulas written out in full: the page's own (data-tex attributes of index.html) are added
// below; these cover what the elements build with live numbers, and KaTeX features around them.
const CORPUS = [
  String.raw`I(\text{中国夺冠}) = -\log_2 \tfrac{1}{1024} = 10\ \text{bit}`,
  String.raw`I(A \wedge B) = I(A) + I(B),\quad P(A\cap B)=P(A)\,P(B)`,
  String.raw`H(P) = -\sum_{i=1}^{n} p_i \log_2 p_i = 0.99 \cdot (-\log_2 0.99) + 0.01\cdot(-\log_2 0.01) \approx 0.0808\ \text{bit}`,
  String.raw`H(P,Q)=H(P)+D_{\mathrm{KL}}(P\parallel Q),\quad D_{\mathrm{KL}}(P\|Q)\geqslant 0,\ \lVert p - q \rVert_1 \lvert x\rvert`,
  String.raw`D_{\mathrm{KL}}(P \,\Vert\, Q) = \sum_i p_i \log \frac{p_i}{q_i} = \infty \ne -\infty`,
  String.raw`\mathcal{L}(\theta) = -\frac{1}{N}\sum_{n=1}^{N} \log Q_\theta(y_n \mid x_n),\ \mathbb{E}_{x\sim P}[\,\cdot\,]`,
  String.raw`\mathcal{N}(\mu, \sigma^2)\ \operatorname{Poisson}(\lambda)\ \operatorname{Bin}(n, p)\ \operatorname{Geom}(p)\ \hat\lambda = \operatorname*{arg\,min}_\lambda D`,
  String.raw`D = \log\frac{\sigma_2}{\sigma_1} + \frac{\sigma_1^2 + (\mu_1-\mu_2)^2}{2\sigma_2^2} - \frac12`,
  String.raw`\operatorname{softmax}(z)_k = \frac{e^{z_k}}{\sum_j e^{z_j}},\ \nabla_\theta,\ \partial,\ \eta,\ \varepsilon,\ \varphi,\ \Sigma\ \Delta\ \Omega`,
  String.raw`\mathbf{x}\ \mathit{x}\ \mathsf{x}\ \mathtt{x}\ \mathfrak{A}\ \mathscr{L}\ \boldsymbol{\theta}\ \mathrm{bit}\ \mathbb{R}`,
  String.raw`\infty \ge \geq \leq \le \approx \ne \neq \cdot \times \to \Rightarrow \iff \propto \sim \pm \ll \gg`,
  String.raw`\underbrace{a+b}_{n} \overbrace{x}^{y} \hat{x} \bar{x} \tilde{x} \vec{v} \dot{x} \overline{x} \underline{x}`,
  String.raw`\left(\frac{a}{b}\right) \Big[ x \Big] \bigg\{ y \bigg\} \sqrt{2} \sqrt[3]{x} \binom{n}{k} \dfrac12 \displaystyle\sum_{i=1}^{n} \prod_{n} \int_0^1 \lim_{x\to0^+}`,
  String.raw`\begin{aligned} a &= b \\ &= c \end{aligned} \quad \begin{cases} 1 & x>0 \\ 0 & \text{else}\end{cases} \quad \begin{pmatrix}1&2\\3&4\end{pmatrix}`,
  String.raw`\color{red}{x} \textcolor{blue}{y} \colorbox{yellow}{z} \boxed{x} \cancel{x} \stackrel{!}{=} \overset{a}{b} \xrightarrow{f} \mathop{\mathrm{E}}`,
  String.raw`\text{Argentina wins}\ \texttt{0}\ \textbf{b}\ \textit{i}\ \textrm{r}\ \% \ \& \ \# \ \_ \ \{ \} \ \textbackslash{} \textasciicircum{} \textasciitilde{} \$`,
  String.raw`\ell \hbar \sigma^2 \mu_1 \lambda^\star \theta^{*} \phi \pi \alpha \beta \gamma \delta \kappa \rho \tau \omega \chi \psi \xi \zeta \nu`,
  String.raw`\log_{10} \ln \exp \min \max \mathrm{nat} \quad \qquad \, \; \! \: \ldots \cdots \dots \vdots`,
  String.raw`\text{法国} : 0.99,\ \text{中国} : 0.01\ \Longrightarrow\ \log_2 8 = 3\ \text{bit}`,
  String.raw`D(P\mathrel{\|}Q) \mathrel{=} \mathbin{+} \mathord{x}`,
];

let dir;
let stock;
let trimmed;

async function bundleKatex(plugins, name) {
  const entry = join(dir, 'entry.js');
  writeFileSync(entry, "export { default } from 'katex';\n");
  const outfile = join(dir, `${name}.mjs`);
  await esbuild.build({
    entryPoints: [entry], bundle: true, format: 'esm', platform: 'neutral', outfile, minify: true,
    nodePaths: [join(root, 'node_modules')], plugins, logLevel: 'error',
    mainFields: ['module', 'main'],
  });
  return { katex: (await import(pathToFileURL(outfile).href)).default, bytes: statSync(outfile).size };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bitruler-katex-'));
  stock = await bundleKatex([], 'stock');
  trimmed = await bundleKatex([katexMathmlOnly()], 'trimmed');
});
after(() => rmSync(dir, { recursive: true, force: true }));

// The page's static formulas (data-tex attributes of index.html) and every formula harvested
// from the rendered page and elements in Chromium (tests/node/katex-corpus.json, written by
// tests/node/katex-corpus.mjs after a build).
function pageFormulas() {
  const html = readFileSync(join(root, 'web/src/index.html'), 'utf8');
  const harvested = JSON.parse(readFileSync(join(root, 'tests/node/katex-corpus.json'), 'utf8'));
  return [...html.matchAll(/data-tex(?:-[a-z]+)?="([^"]*)"/g)].map((m) => decode(m[1])).concat(harvested);
}

// TeX control words (two letters or more) in a text: JS sources write them as \\word or, in
// String.raw, \word; single letters would catch JS escapes such as \n.
function commands(text) {
  return new Set([...text.matchAll(/\\\\?([a-zA-Z]{2,})/g)].map((m) => m[1]));
}

function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(js|html)$/.test(name)) out.push(full);
  }
  return out;
}

test('the trimmed KaTeX is smaller than the stock one', () => {
  assert.ok(trimmed.bytes < stock.bytes - 50000, `trimmed ${trimmed.bytes} B, stock ${stock.bytes} B`);
  assert.equal(trimmed.katex.version, stock.katex.version);
});

test('every TeX command used in web/src appears in the comparison corpus', () => {
  const covered = commands([...CORPUS, ...pageFormulas()].join(' '));
  const used = new Map();
  for (const file of sourceFiles(join(root, 'web/src'))) {
    if (!/elements|page|index\.html/.test(file)) continue;
    const text = readFileSync(file, 'utf8');
    // Only what sits in TeX: strings handed to renderTex or data-tex attributes. A command name
    // KaTeX does not know (a JS escape, a word in a comment) is not TeX and is skipped.
    for (const c of commands(text)) {
      if (!covered.has(c) && isKnownToKatex(c)) used.set(c, file.replace(`${root}/`, ''));
    }
  }
  assert.deepEqual([...used.entries()], [], 'TeX commands used by the page but missing from CORPUS');
});

// Whether KaTeX renders \c without an "undefined control sequence" error.
function isKnownToKatex(c) {
  try {
    stock.katex.renderToString(`\\${c}`, { ...OPTIONS, throwOnError: true });
    return true;
  } catch (error) {
    return !/Undefined control sequence/.test(String(error.message));
  }
}

test('trimmed and stock KaTeX give byte-identical MathML for the page and the corpus', () => {
  const formulas = [...pageFormulas(), ...CORPUS];
  assert.ok(formulas.length >= CORPUS.length + 50, 'the page formulas are missing');
  const differ = [];
  for (const tex of formulas) {
    for (const displayMode of [true, false]) {
      const a = stock.katex.renderToString(tex, { ...OPTIONS, displayMode });
      const b = trimmed.katex.renderToString(tex, { ...OPTIONS, displayMode });
      if (a !== b) differ.push(tex);
      assert.doesNotMatch(a, /katex-error/, `stock KaTeX cannot render ${tex}`);
    }
  }
  assert.deepEqual(differ, []);
});
