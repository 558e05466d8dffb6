// What a cold query costs the browser: for each query, the bytes of every
// file a fresh search page loads (the index files the engine asked for,
// plus the page's three search scripts as the export ships them).
//
//   node bytes.mjs SITE QUERIES... [--each]
//
// QUERIES: files of one query a line (a TAB ends the query, so the
// agreement test's .tsv files serve as they are; lines starting with "#"
// are skipped). Runs agree.mjs --fresh on the default language folder and
// prints the worst, median and mean bytes, the largest file of the index
// and its file count; --each also prints every query's bytes.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const each = args.includes('--each');
const [site, ...lists] = args.filter((a) => a !== '--each');
if (!site || lists.length === 0) {
  console.error('usage: node bytes.mjs SITE QUERIES... [--each]');
  process.exit(2);
}

const queries = [];
for (const list of lists) {
  for (const line of fs.readFileSync(list, 'utf8').split('\n')) {
    const q = line.split('\t')[0].trim();
    if (q && !line.startsWith('#')) {
      queries.push(q);
    }
  }
}
const input = queries.map((q) => JSON.stringify({ q, folder: '' })).join('\n') + '\n';
const run = spawnSync(process.execPath, [path.join(here, 'agree.mjs'), '--fresh', '--limit', '10', site], {
  input,
  maxBuffer: 1 << 30,
});
if (run.status !== 0) {
  console.error(run.stderr.toString());
  process.exit(1);
}

// A missing file (a spelling file with no words) costs nothing here.
const size = (file) => (fs.existsSync(path.join(site, file)) ? fs.statSync(path.join(site, file)).size : 0);
const scripts = ['search-text.js', 'search-core.js', 'search.js'].reduce((sum, s) => sum + size(path.join('assets', s)), 0);
const totals = [];
for (const line of run.stdout.toString().split('\n')) {
  if (!line) {
    continue;
  }
  const r = JSON.parse(line);
  if (r.error) {
    console.error(`${r.q}: ${r.error}`);
    process.exit(1);
  }
  const bytes = scripts + r.loaded.reduce((sum, name) => sum + size(path.join('search', name + '.js')), 0);
  totals.push([bytes, r.loaded.length, r.q]);
  if (each) {
    console.log(`${bytes}\t${r.loaded.length}\t${r.q}`);
  }
}
totals.sort((a, b) => a[0] - b[0]);
const files = fs.readdirSync(path.join(site, 'search'));
const largest = files.map((f) => [size(path.join('search', f)), f]).sort((a, b) => b[0] - a[0])[0];
const worst = totals[totals.length - 1];
console.log(`${totals.length} cold queries; scripts ${scripts} B`);
console.log(`worst ${worst[0]} B (${worst[1]} files: ${JSON.stringify(worst[2])})`);
console.log(`median ${totals[Math.floor(totals.length / 2)][0]} B, mean ${Math.round(totals.reduce((s, t) => s + t[0], 0) / totals.length)} B`);
console.log(`index: ${files.length} files, largest ${largest[1]} ${largest[0]} B`);
