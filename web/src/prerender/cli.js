#!/usr/bin/env node
// bitruler-prerender: gives the <bit-*> elements of HTML files their picture, formulas and numbers
// at first paint (declarative shadow DOM), for any static-site generator's output.
//
//   npx bitruler-prerender public/posts/entropy/index.html            rewrite in place
//   npx bitruler-prerender --out build/ a.html b.html                 write copies into build/
//   npx bitruler-prerender --base /bitruler/ public/**/*.html          where dist/ is served
//   cat post.html | npx bitruler-prerender - > post.prerendered.html
//
// --base defaults to the directory of each page's own <script src=".../bitruler.js">.
// Exit status: 0 when every file was written, 1 when any failed (each failure is printed).
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { prerenderHtml } from './prerender.js';

const USAGE = `usage: bitruler-prerender [--base URL] [--out DIR] FILE.html ... | -
  --base URL   where bitruler.js and bitruler.css are served (default: from each page's script tag)
  --out DIR    write the results into DIR instead of rewriting the files
  -            read one page from standard input, write it to standard output`;

function parseArgs(argv) {
  const options = { files: [], base: undefined, out: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') options.help = true;
    else if (a === '--base' || a === '--out') {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      options[a.slice(2)] = argv[++i];
    } else if (a.startsWith('--base=')) options.base = a.slice(7);
    else if (a.startsWith('--out=')) options.out = a.slice(6);
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else options.files.push(a);
  }
  return options;
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(argv) {
  let options;
  try {
    options = parseArgs(argv);
  } catch (e) {
    console.error(`bitruler-prerender: ${e.message}\n${USAGE}`);
    return 2;
  }
  if (options.help || options.files.length === 0) {
    console.log(USAGE);
    return options.help ? 0 : 2;
  }
  if (options.files.length === 1 && options.files[0] === '-') {
    process.stdout.write(await prerenderHtml(await readStdin(), { base: options.base }));
    return 0;
  }
  let failed = 0;
  for (const file of options.files) {
    try {
      const html = await readFile(file, 'utf8');
      const out = await prerenderHtml(html, { base: options.base });
      const target = options.out ? join(options.out, basename(file)) : file;
      await mkdir(dirname(resolve(target)), { recursive: true });
      await writeFile(target, out);
      console.log(`prerendered ${file}${target !== file ? ` → ${target}` : ''}`);
    } catch (e) {
      failed += 1;
      console.error(`bitruler-prerender: ${file}: ${e.message}`);
    }
  }
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
