// The site's search, run in Node exactly as the browser runs it: the
// exported assets/search-text.js and assets/search-core.js as classic
// scripts in one vm context, the index files of a search/ folder loaded on
// demand through options.load, each run as the <script> the page would
// insert. agree_test.py compares what it finds with `faqt search --public`.
//
//   node agree.mjs SITE < QUERIES > RESULTS
//
// QUERIES: one JSON object a line, {"q": "...", "lang": "vi", "folder": "vi/"}
// (folder: the language folder below SITE, "" for the default language).
// RESULTS: one JSON object a line, in the same order: {"q", "lang", "ids":
// [the top ids], "corrections": [{from, to}], "corrected", "total",
// "loaded": [the index files loaded]} or {"q", "error": "..."}.
// Options: --limit N (default 5); --fresh: a new index per query (a cold
// page: nothing loaded before), else one per folder, as a page the user
// keeps searching in.

import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import vm from 'node:vm';

const args = process.argv.slice(2);
let site = null;
let limit = 5;
let fresh = false;
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--limit') {
    limit = Number(args[(i += 1)]);
  } else if (args[i] === '--fresh') {
    fresh = true;
  } else if (!site) {
    site = args[i];
  } else {
    console.error('usage: node agree.mjs [--limit N] [--fresh] SITE < QUERIES');
    process.exit(2);
  }
}
if (!site || !(limit >= 0)) {
  console.error('usage: node agree.mjs [--limit N] [--fresh] SITE < QUERIES');
  process.exit(2);
}
site = fs.realpathSync(site);

// One context: the page's window. The scripts see it as their global
// object (this, window, self and globalThis alike), with the timers a page
// has; no document, so search-core.js must not need one when options.load
// is given.
function makeContext() {
  const sandbox = {
    console,
    setTimeout,
    clearTimeout,
    queueMicrotask,
  };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  const context = vm.createContext(sandbox);
  for (const name of ['search-text.js', 'search-core.js']) {
    const file = path.join(site, 'assets', name);
    vm.runInContext(fs.readFileSync(file, 'utf8'), context, { filename: file });
  }
  if (typeof sandbox.FaqtSearch !== 'object' && typeof sandbox.FaqtSearch !== 'function') {
    throw new Error('assets/search-core.js defines no FaqtSearch');
  }
  if (typeof sandbox.faqtSearchData !== 'function') {
    throw new Error('assets/search-core.js defines no faqtSearchData');
  }
  return context;
}

// options.load: the file base + name + ".js" run as a script in the page's
// context. A file that is not there fails like a <script> whose load fails
// (the engine takes a missing sp-/ss- file as no words).
function loaderFor(context) {
  return (name, base) =>
    new Promise((resolve, reject) => {
      const file = path.join(base, name + '.js');
      let code;
      try {
        code = fs.readFileSync(file, 'utf8');
      } catch (error) {
        reject(new Error(`cannot load ${name}.js: ${error.code || error.message}`));
        return;
      }
      try {
        vm.runInContext(code, context, { filename: file });
      } catch (error) {
        reject(error);
        return;
      }
      // A script's load event comes after it ran, in a later task.
      setTimeout(resolve, 0);
    });
}

const engines = new Map();

function engineFor(folder) {
  if (!fresh && engines.has(folder)) {
    return engines.get(folder);
  }
  const context = makeContext();
  // The loader gets base back as given: a folder path ending in "/".
  const base = path.join(site, folder, 'search') + path.sep;
  const index = context.FaqtSearch.open(base, { load: loaderFor(context) });
  const engine = { index };
  if (!fresh) {
    engines.set(folder, engine);
  }
  return engine;
}

async function runOne(line) {
  const request = JSON.parse(line);
  const out = { q: request.q, lang: request.lang };
  try {
    const { index } = engineFor(request.folder || '');
    await index.ready;
    const before = index.loaded.length;
    const result = await index.search(request.q, { limit, typing: false });
    out.ids = result.hits.map((hit) => hit.id);
    out.titles = result.hits.map((hit) => hit.title);
    out.corrections = result.corrections || [];
    out.corrected = result.corrected || null;
    out.total = result.total;
    out.loaded = index.loaded.slice(fresh ? 0 : before);
  } catch (error) {
    out.error = String((error && error.stack) || error);
  }
  return out;
}

async function main() {
  const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of input) {
    if (!line.trim()) {
      continue;
    }
    process.stdout.write(JSON.stringify(await runOne(line)) + '\n');
  }
}

main().catch((error) => {
  console.error(`agree.mjs: ${(error && error.stack) || error}`);
  process.exit(1);
});
