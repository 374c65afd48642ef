// esbuild plugin: the static parts of Lit's html`` and svg`` templates lose their source layout
// (a newline and the indentation after it become one space), which HTML renders the same way.
// It is applied to the browser bundle and to the prerender bundle alike, so the prerendered DOM
// and the DOM an element renders when it takes over are the same. Templates with
// whitespace that matters (<pre>, <textarea>) keep it: their content is always interpolated.
import { readFile } from 'node:fs/promises';

const TAG = /(?<![\w$.])(html|svg)`/g;

/** Returns `source` with the static text of every html`` / svg`` template collapsed. */
export function minifyTemplates(source) {
  let out = '';
  let last = 0;
  TAG.lastIndex = 0;
  let m;
  while ((m = TAG.exec(source))) {
    const start = m.index + m[0].length; // just after the backtick
    const end = templateEnd(source, start);
    if (end < 0) break;
    out += source.slice(last, start) + collapse(source.slice(start, end));
    last = end;
    TAG.lastIndex = end;
  }
  return out + source.slice(last);
}

// The index of the closing backtick of a template whose body starts at i (or -1).
function templateEnd(s, i) {
  while (i < s.length) {
    const c = s[i];
    if (c === '\\') i += 2;
    else if (c === '`') return i;
    else if (c === '$' && s[i + 1] === '{') i = expressionEnd(s, i + 2);
    else i += 1;
    if (i < 0) return -1;
  }
  return -1;
}

// The index just after the `}` closing an expression that starts at i.
function expressionEnd(s, i) {
  let depth = 1;
  while (i < s.length) {
    const c = s[i];
    if (c === '{') depth += 1;
    else if (c === '}') {
      depth -= 1;
      if (depth === 0) return i + 1;
    } else if (c === '`') {
      const end = templateEnd(s, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === '"' || c === "'") {
      i += 1;
      while (i < s.length && s[i] !== c) i += s[i] === '\\' ? 2 : 1;
    } else if (c === '/' && s[i + 1] === '/') {
      while (i < s.length && s[i] !== '\n') i += 1;
    } else if (c === '/' && s[i + 1] === '*') {
      i = s.indexOf('*/', i + 2) + 1;
      if (i === 0) return -1;
    }
    i += 1;
  }
  return -1;
}

// Collapses newline+indentation in the static text between ${...} of one template body,
// recursing into nested templates inside expressions.
function collapse(body) {
  let out = '';
  let i = 0;
  let text = '';
  const flush = () => { out += text.replace(/[ \t]*\n\s*/g, ' '); text = ''; };
  while (i < body.length) {
    const c = body[i];
    if (c === '\\') {
      text += body.slice(i, i + 2);
      i += 2;
    } else if (c === '$' && body[i + 1] === '{') {
      flush();
      const end = expressionEnd(body, i + 2);
      out += `\${${minifyTemplates(body.slice(i + 2, end - 1))}}`;
      i = end;
    } else {
      text += c;
      i += 1;
    }
  }
  flush();
  return out;
}

export function minifyTemplatesPlugin() {
  return {
    name: 'bitruler-minify-templates',
    setup(build) {
      build.onLoad({ filter: /[\\/]web[\\/]src[\\/].*\.js$/ }, async (args) => {
        if (/\.tex\.js$/.test(args.path)) return undefined; // the formulas plugin's
        return { contents: minifyTemplates(await readFile(args.path, 'utf8')), loader: 'js' };
      });
    },
  };
}
